// Typed representations ("reprs", as smoltcp calls them) of everything ndsim
// decodes and encodes. This file is the contract between the codec, the
// protocol machines, the simulator and every output: change it with care.
//
// Conventions
// - IPv6 addresses are strings in RFC 5952 canonical form ("2001:db8::1").
// - MAC addresses are lower-case, colon-separated ("00:11:22:33:44:55").
// - Opaque byte strings are Uint8Array.
// - Fields that only exist so that decode → encode reproduces captured bytes
//   exactly (reserved bits, explicit checksums) are optional: encode writes 0
//   / computes the value when they are absent.

export type Ip6 = string;
export type Mac = string;

/** RFC 4191 §2.1 Default Router Preference / Route Preference. */
export type Preference = 'high' | 'medium' | 'low' | 'reserved';

// ---------------------------------------------------------------- ND options

/** RFC 4861 §4.6.1: Source (1) / Target (2) Link-Layer Address. */
export interface LinkLayerAddressOption {
  type: 1 | 2;
  /** Every byte of the option body (6 for Ethernet), colon hex. */
  lladdr: string;
}

/** RFC 4861 §4.6.2 Prefix Information. */
export interface PrefixInformationOption {
  type: 3;
  prefixLength: number;
  /** On-link flag. */
  L: boolean;
  /** Autonomous address-configuration flag. */
  A: boolean;
  /** RFC 6275 §7.2 Router Address flag. */
  R?: boolean;
  /** The 5 remaining flag bits (RFC 4861 Reserved1), as a number 0..31. */
  reserved1?: number;
  /** Seconds; 0xffffffff = infinity. */
  validLifetime: number;
  preferredLifetime: number;
  reserved2?: number;
  prefix: Ip6;
}

/** RFC 4861 §4.6.3 Redirected Header. */
export interface RedirectedHeaderOption {
  type: 4;
  reserved?: Uint8Array; // 6 bytes, absent = zeros
  /** The original packet (IP header + data), as much as fits. */
  packet: Uint8Array;
}

/** RFC 4861 §4.6.4 MTU. */
export interface MtuOption {
  type: 5;
  reserved?: number;
  mtu: number;
}

/** RFC 3971 §5.3.2 Nonce (used by RFC 7527 enhanced DAD). */
export interface NonceOption {
  type: 14;
  nonce: Uint8Array; // 6 bytes for enhanced DAD; any length 8n-2
}

/** RFC 4191 §2.3 Route Information. */
export interface RouteInformationOption {
  type: 24;
  prefixLength: number;
  prf: Preference;
  /** Bits of the flags byte other than Prf, as a number. */
  reservedFlags?: number;
  routeLifetime: number;
  /** Prefix, padded with zeros to 128 bits. The option length (1..3) is
   *  kept in `length` for round trip; encode picks the minimum when absent. */
  prefix: Ip6;
  length?: 1 | 2 | 3;
}

/** RFC 8106 §5.1 Recursive DNS Server. */
export interface RdnssOption {
  type: 25;
  reserved?: number;
  lifetime: number;
  servers: Ip6[];
}

/** RFC 8106 §5.2 DNS Search List. */
export interface DnsslOption {
  type: 31;
  reserved?: number;
  lifetime: number;
  domains: string[];
  /** Raw encoded domain bytes with padding, kept for exact round trip. */
  raw?: Uint8Array;
}

/** RFC 8910 §2.3 Captive-Portal. */
export interface CaptivePortalOption {
  type: 37;
  uri: string;
  /** Padding bytes after the URI (NULs), kept for round trip. */
  padding?: number;
}

/** RFC 8781 §4 PREF64. */
export interface Pref64Option {
  type: 38;
  /** Lifetime in units of 8 s (13 bits). */
  scaledLifetime: number;
  /** Prefix length code (3 bits): 0=/96, 1=/64, 2=/56, 3=/48, 4=/40, 5=/32. */
  plc: number;
  /** Highest 96 bits of the prefix, padded to 128 bits. */
  prefix: Ip6;
}

/** Any other option type: kept as-is and re-emitted unchanged. */
export interface UnknownOption {
  type: number;
  unknown: true;
  /** The option body after the type and length bytes. */
  body: Uint8Array;
}

export type NdOption =
  | LinkLayerAddressOption
  | PrefixInformationOption
  | RedirectedHeaderOption
  | MtuOption
  | NonceOption
  | RouteInformationOption
  | RdnssOption
  | DnsslOption
  | CaptivePortalOption
  | Pref64Option
  | UnknownOption;

// ----------------------------------------------------------- ICMPv6 messages

interface IcmpBase {
  code: number;
  /** As found on the wire; absent on frames we build (encode computes it). */
  checksum?: number;
}

/** RFC 4861 §4.1 Router Solicitation. */
export interface RouterSolicitation extends IcmpBase {
  type: 133;
  reserved?: number;
  options: NdOption[];
}

/** RFC 4861 §4.2 Router Advertisement (+ RFC 4191 Prf, RFC 6275 H). */
export interface RouterAdvertisement extends IcmpBase {
  type: 134;
  curHopLimit: number;
  flags: {
    M: boolean;
    O: boolean;
    H: boolean;
    prf: Preference;
    /** The remaining 3 bits of the flags byte (P, reserved), 0..7. */
    other?: number;
  };
  routerLifetime: number;
  /** Milliseconds; 0 = unspecified. */
  reachableTime: number;
  /** Milliseconds; 0 = unspecified. */
  retransTimer: number;
  options: NdOption[];
}

/** RFC 4861 §4.3 Neighbor Solicitation. */
export interface NeighborSolicitation extends IcmpBase {
  type: 135;
  reserved?: number;
  target: Ip6;
  options: NdOption[];
}

/** RFC 4861 §4.4 Neighbor Advertisement. */
export interface NeighborAdvertisement extends IcmpBase {
  type: 136;
  flags: {
    R: boolean;
    S: boolean;
    O: boolean;
    /** The 29 reserved bits. */
    reserved?: number;
  };
  target: Ip6;
  options: NdOption[];
}

/** RFC 4861 §4.5 Redirect. */
export interface Redirect extends IcmpBase {
  type: 137;
  reserved?: number;
  target: Ip6;
  destination: Ip6;
  options: NdOption[];
}

/** RFC 4443 §4.1/4.2 Echo Request (128) / Reply (129). */
export interface Echo extends IcmpBase {
  type: 128 | 129;
  identifier: number;
  sequence: number;
  data: Uint8Array;
}

/** RFC 4443 §3.1 Destination Unreachable (code 3 = address unreachable). */
export interface DestinationUnreachable extends IcmpBase {
  type: 1;
  unused?: number;
  /** As much of the invoking packet as fits. */
  invoking: Uint8Array;
}

/** RFC 2710 MLDv1 Query (130, 24-byte form) / Report (131) / Done (132).
 *  A 130 of 28 bytes or more is an RFC 3810 MLDv2 query: `v2` is present. */
export interface MldV1 extends IcmpBase {
  type: 130 | 131 | 132;
  maxResponseDelay: number;
  reserved?: number;
  multicastAddress: Ip6;
  /** A Report or Done (131, 132) longer than 24 bytes: RFC 2710 §3 "MUST
   *  ignore anything past the first 24 octets" (room for a later version).
   *  Kept, when present, so encode reproduces the message. */
  extraData?: Uint8Array;
  v2?: {
    /** S flag, QRV (3 bits), reserved (4 bits) as in the byte. */
    sFlag: boolean;
    qrv: number;
    resv?: number;
    qqic: number;
    sources: Ip6[];
    /** RFC 3810 §5.1.12 Additional Data: bytes after the last source,
     *  which a receiver ignores (but counts in the checksum) and a sender
     *  must not add. Kept, when present, so encode reproduces the query. */
    additionalData?: Uint8Array;
  };
}

/** RFC 3810 §5.2.12 Multicast Address Record types. */
export const MLDV2_RECORD_TYPES = {
  MODE_IS_INCLUDE: 1,
  MODE_IS_EXCLUDE: 2,
  CHANGE_TO_INCLUDE_MODE: 3,
  CHANGE_TO_EXCLUDE_MODE: 4,
  ALLOW_NEW_SOURCES: 5,
  BLOCK_OLD_SOURCES: 6,
} as const;

export interface MulticastAddressRecord {
  recordType: number;
  multicastAddress: Ip6;
  sources: Ip6[];
  auxData?: Uint8Array;
}

/** RFC 3810 §5.2 MLDv2 Report. */
export interface MldV2Report extends IcmpBase {
  type: 143;
  reserved?: number;
  reserved2?: number;
  records: MulticastAddressRecord[];
  /** RFC 3810 §5.2.11 Additional Data: bytes after the last record, which a
   *  receiver ignores (but counts in the checksum) and a sender must not
   *  add. Kept, when present, so encode reproduces the report. */
  additionalData?: Uint8Array;
}

/** Any other ICMPv6 type: header fields kept, body kept as bytes. */
export interface UnknownIcmpv6 extends IcmpBase {
  type: number;
  unknown: true;
  /** Everything after the 4-byte ICMPv6 header. */
  body: Uint8Array;
}

export type Icmpv6Message =
  | RouterSolicitation
  | RouterAdvertisement
  | NeighborSolicitation
  | NeighborAdvertisement
  | Redirect
  | Echo
  | DestinationUnreachable
  | MldV1
  | MldV2Report
  | UnknownIcmpv6;

export type NdMessage =
  | RouterSolicitation
  | RouterAdvertisement
  | NeighborSolicitation
  | NeighborAdvertisement
  | Redirect;

// ------------------------------------------------------------ IPv6 headers

export interface HopByHopOption {
  /** Option type byte (0 = Pad1, 1 = PadN, 5 = Router Alert). */
  type: number;
  data: Uint8Array;
}

/** An IPv6 extension header on the way to the upper layer. */
export type ExtensionHeader =
  | { kind: 'hop-by-hop'; nextHeader?: number; options: HopByHopOption[] }
  | { kind: 'destination'; nextHeader?: number; options: HopByHopOption[] }
  | { kind: 'routing'; nextHeader?: number; body: Uint8Array }
  | {
      kind: 'fragment';
      nextHeader?: number;
      reserved?: number;
      fragmentOffset: number;
      M: boolean;
      res2?: number;
      identification: number;
      /** Payload of this fragment (the chain is not walked past a fragment
       *  with offset ≠ 0 or M = 1: the rest is not a whole upper layer). */
    };

export interface Ipv6Packet {
  trafficClass: number;
  flowLabel: number;
  hopLimit: number;
  src: Ip6;
  dst: Ip6;
  /** Extension headers in order; the last one's successor is `nextHeader`. */
  extensionHeaders: ExtensionHeader[];
  /** Upper-layer protocol number after the chain (58 = ICMPv6). */
  nextHeader: number;
  /** As found on the wire (decode only); encode computes it when absent. */
  payloadLength?: number;
  /** Present when nextHeader is 58 and the message is whole. */
  icmpv6?: Icmpv6Message;
  /** Upper-layer bytes when not ICMPv6 (or a non-first fragment). */
  payload?: Uint8Array;
  /** Bytes after payloadLength (Ethernet padding), kept for round trip. */
  trailer?: Uint8Array;
}

export interface VlanTag {
  pcp: number;
  dei: boolean;
  vid: number;
}

export interface EthernetFrame {
  dst: Mac;
  src: Mac;
  /** One IEEE 802.1Q tag, when present. */
  vlan?: VlanTag;
  /** EtherType after the tag (0x86dd = IPv6). */
  etherType: number;
  ipv6?: Ipv6Packet;
  /** Payload when not IPv6. */
  payload?: Uint8Array;
}

// --------------------------------------------------------- decode results

export type Layer = 'pcap' | 'ethernet' | 'ipv6' | 'extension' | 'icmpv6' | 'option';

/** Why bytes could not be decoded: where, and in words. */
export interface DecodeError {
  layer: Layer;
  /** Byte offset from the start of the frame. */
  offset: number;
  reason: string;
}

/** An RFC rule a well-formed frame breaks (validation, not parsing). */
export interface Violation {
  /** Stable identifier, e.g. "ra-hop-limit". */
  rule: string;
  /** Section, e.g. "RFC 4861 §6.1.2". */
  rfc: string;
  message: string;
}

/** What decode returns: as much of the frame as could be read, and the
 *  error that stopped it (null when the whole frame decoded). */
export interface Decoded {
  /** null only when not even the Ethernet header could be read. */
  frame: EthernetFrame | null;
  error: DecodeError | null;
  /** Whether the ICMPv6 checksum matched (null when not ICMPv6/not reached). */
  checksumValid: boolean | null;
  /** Byte offset and length of the ICMPv6 message in the frame, when reached
   *  (what tcpdump prints as "length"). */
  icmpv6Offset?: number;
  icmpv6Length?: number;
  /** For a decoded ND or MLD message: the address classes validate() needs
   *  (validate-addr.ts bits), read from the bytes while they were at hand.
   *  Pass it to validate() to spare it reading the address text again. */
  addressClasses?: number;
}

/** Byte range of a decoded field, for linking a field tree to a hex view. */
export interface FieldSpan {
  path: string;
  start: number;
  end: number;
}
