// The public face of src/packet: the frame reprs, the codec (bytes ⇄
// EthernetFrame), the ICMPv6 checksum, address text and ND option helpers.
// Layer-internal pieces (offset constants, per-message codecs) stay behind
// their own modules; import those directly only from inside src/packet.

export * from './types.ts';
export { decode } from './decode.ts';
export { encode } from './encode.ts';
export { icmpv6Checksum } from './checksum.ts';
export { ICMPV6_TYPE, isUnknownIcmpv6 } from './icmpv6.ts';
export { ETHERTYPE_IPV6, ETHERTYPE_VLAN } from './ethernet.ts';
export { decodeOptions, isUnknownOption, ND_OPT, optionName, optionsByteLength, writeOptions } from './options.ts';
export * from './address.ts';
