// decode(encode(x)) deep-equals x for generated frames of every message type,
// extension header chains, VLAN tags, trailers and ND option lists (known
// types and unknown ones). x carries no payloadLength, and a checksum only
// sometimes: decode fills in the wire values, which are stripped before the
// comparison, and a computed checksum must verify.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, formatIp6, formatMac } from '../../src/packet/index.ts';
import type {
  EthernetFrame,
  ExtensionHeader,
  HopByHopOption,
  Icmpv6Message,
  Ipv6Packet,
  MulticastAddressRecord,
  NdOption,
} from '../../src/packet/index.ts';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (maxLength: number, minLength = 0) => fc.uint8Array({ minLength, maxLength });
/** A field that is absent or non-zero (decode omits zero reserved fields). */
const nonZero = (max: number) => fc.option(fc.integer({ min: 1, max }), { nil: undefined });

const mac = bytes(6, 6).map((b) => formatMac(b));
const ip6 = fc.oneof(
  bytes(16, 16),
  // Mostly-zero addresses exercise "::" compression and the IPv4-mapped form.
  fc.array(fc.oneof(fc.constant(0), fc.constant(0xffff), u16), { minLength: 8, maxLength: 8 }).map((w) => {
    const b = new Uint8Array(16);
    w.forEach((x, i) => { b[2 * i] = x >> 8; b[2 * i + 1] = x & 0xff; });
    return b;
  }),
).map((b) => formatIp6(b));

/** Drops keys whose value is undefined, so toStrictEqual compares reprs as
 *  decode builds them (optional fields absent, not undefined). */
function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
  return out as T;
}

// ------------------------------------------------------------- ND options

const KNOWN_OPTION_TYPES = new Set([1, 2, 3, 4, 5, 14, 24, 25, 31, 37, 38]);
const ndOption: fc.Arbitrary<NdOption> = fc.oneof(
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), lladdr: mac }),
  fc.record({
    type: fc.constant(3 as const),
    prefixLength: u8,
    L: fc.boolean(),
    A: fc.boolean(),
    R: fc.option(fc.constant(true), { nil: undefined }),
    reserved1: nonZero(31),
    validLifetime: u32,
    preferredLifetime: u32,
    reserved2: nonZero(0xffffffff),
    prefix: ip6,
  }),
  fc.record({
    type: fc.constant(4 as const),
    reserved: fc.option(bytes(6, 6).filter((b) => b.some((x) => x !== 0)), { nil: undefined }),
    packet: fc.integer({ min: 0, max: 4 }).chain((n) => bytes(8 * n, 8 * n)),
  }),
  fc.record({ type: fc.constant(5 as const), reserved: nonZero(0xffff), mtu: u32 }),
  fc.record({ type: fc.constant(14 as const), nonce: fc.constantFrom(6, 14).chain((n) => bytes(n, n)) }),
  fc.record({ type: fc.constant(25 as const), reserved: nonZero(0xffff), lifetime: u32, servers: fc.array(ip6, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    type: u8.filter((t) => !KNOWN_OPTION_TYPES.has(t) && t !== 0),
    unknown: fc.constant(true as const),
    body: fc.integer({ min: 1, max: 3 }).chain((n) => bytes(8 * n - 2, 8 * n - 2)),
  }),
).map(clean);
const ndOptions = fc.array(ndOption, { maxLength: 4 });

// --------------------------------------------------------- ICMPv6 messages

const code = u8;
const checksum = fc.option(u16, { nil: undefined });
const prf = fc.constantFrom('high' as const, 'medium' as const, 'low' as const, 'reserved' as const);

const mldRecord: fc.Arbitrary<MulticastAddressRecord> = fc.record({
  recordType: u8,
  multicastAddress: ip6,
  sources: fc.array(ip6, { maxLength: 2 }),
  auxData: fc.option(fc.integer({ min: 1, max: 3 }).chain((n) => bytes(4 * n, 4 * n)), { nil: undefined }),
});

const icmpv6: fc.Arbitrary<Icmpv6Message> = fc.oneof(
  fc.record({ type: fc.constant(133 as const), code, checksum, reserved: nonZero(0xffffffff), options: ndOptions }),
  fc.record({
    type: fc.constant(134 as const),
    code,
    checksum,
    curHopLimit: u8,
    flags: fc.record({ M: fc.boolean(), O: fc.boolean(), H: fc.boolean(), prf, other: nonZero(7) }),
    routerLifetime: u16,
    reachableTime: u32,
    retransTimer: u32,
    options: ndOptions,
  }),
  fc.record({ type: fc.constant(135 as const), code, checksum, reserved: nonZero(0xffffffff), target: ip6, options: ndOptions }),
  fc.record({
    type: fc.constant(136 as const),
    code,
    checksum,
    flags: fc.record({ R: fc.boolean(), S: fc.boolean(), O: fc.boolean(), reserved: nonZero(0x1fffffff) }),
    target: ip6,
    options: ndOptions,
  }),
  fc.record({ type: fc.constant(137 as const), code, checksum, reserved: nonZero(0xffffffff), target: ip6, destination: ip6, options: ndOptions }),
  fc.record({ type: fc.constantFrom(128 as const, 129 as const), code, checksum, identifier: u16, sequence: u16, data: bytes(64) }),
  fc.record({ type: fc.constant(1 as const), code, checksum, unused: nonZero(0xffffffff), invoking: bytes(64) }),
  fc.record({
    type: fc.constantFrom(130 as const, 131 as const, 132 as const),
    code,
    checksum,
    maxResponseDelay: u16,
    reserved: nonZero(0xffff),
    multicastAddress: ip6,
  }),
  fc.record({
    type: fc.constant(130 as const),
    code,
    checksum,
    maxResponseDelay: u16,
    reserved: nonZero(0xffff),
    multicastAddress: ip6,
    v2: fc.record({ sFlag: fc.boolean(), qrv: fc.integer({ min: 0, max: 7 }), resv: nonZero(15), qqic: u8, sources: fc.array(ip6, { maxLength: 3 }) }),
  }),
  fc.record({ type: fc.constant(143 as const), code, checksum, reserved: nonZero(0xffff), records: fc.array(mldRecord, { maxLength: 3 }) }),
  fc.record({
    type: u8.filter((t) => ![1, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 143].includes(t)),
    code,
    checksum,
    unknown: fc.constant(true as const),
    body: bytes(40),
  }),
).map(clean);

// ------------------------------------------------------ extension headers

/** Options of a hop-by-hop/destination header, with the padding that makes
 *  the header a multiple of 8 (encode would add it; decode would show it). */
const headerOptions: fc.Arbitrary<HopByHopOption[]> = fc
  .array(
    fc.oneof(
      fc.constant({ type: 0, data: new Uint8Array(0) }),
      fc.record({ type: fc.constant(1), data: bytes(6) }),
      fc.record({ type: fc.constant(5), data: bytes(2, 2) }),
      fc.record({ type: fc.integer({ min: 2, max: 255 }), data: bytes(12) }),
    ),
    { maxLength: 4 },
  )
  .map((options) => {
    let length = 2;
    for (const o of options) length += o.type === 0 ? 1 : 2 + o.data.length;
    const gap = (8 - (length % 8)) % 8;
    if (gap === 1) return [...options, { type: 0, data: new Uint8Array(0) }];
    if (gap >= 2) return [...options, { type: 1, data: new Uint8Array(gap - 2) }];
    return options;
  });

const wholeHeader: fc.Arbitrary<ExtensionHeader> = fc.oneof(
  fc.record({ kind: fc.constant('hop-by-hop' as const), options: headerOptions }),
  fc.record({ kind: fc.constant('destination' as const), options: headerOptions }),
  fc.record({ kind: fc.constant('routing' as const), body: fc.integer({ min: 0, max: 3 }).chain((n) => bytes(8 * n + 6, 8 * n + 6)) }),
  // An atomic fragment is a whole packet: the chain goes on past it.
  fc.record({
    kind: fc.constant('fragment' as const),
    reserved: nonZero(0xff),
    fragmentOffset: fc.constant(0),
    M: fc.constant(false),
    res2: nonZero(3),
    identification: u32,
  }),
).map(clean);

const partialFragment: fc.Arbitrary<ExtensionHeader> = fc
  .record({
    kind: fc.constant('fragment' as const),
    reserved: nonZero(0xff),
    fragmentOffset: fc.integer({ min: 0, max: 0x1fff }),
    M: fc.boolean(),
    res2: nonZero(3),
    identification: u32,
  })
  .filter((f) => f.fragmentOffset !== 0 || f.M)
  .map(clean);

const ipv6Base = {
  trafficClass: u8,
  flowLabel: fc.integer({ min: 0, max: 0xfffff }),
  hopLimit: u8,
  src: ip6,
  dst: ip6,
  trailer: fc.option(bytes(8, 1), { nil: undefined }),
};
const UPPER = fc.integer({ min: 0, max: 255 }).filter((n) => ![0, 43, 44, 58, 60].includes(n));

const ipv6: fc.Arbitrary<Ipv6Packet> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ ...ipv6Base, extensionHeaders: fc.array(wholeHeader, { maxLength: 3 }), nextHeader: fc.constant(58), icmpv6 }) },
  { weight: 1, arbitrary: fc.record({ ...ipv6Base, extensionHeaders: fc.array(wholeHeader, { maxLength: 2 }), nextHeader: UPPER, payload: bytes(40) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      ...ipv6Base,
      extensionHeaders: fc.tuple(fc.array(wholeHeader, { maxLength: 2 }), partialFragment).map(([h, f]) => [...h, f]),
      nextHeader: u8,
      payload: bytes(40),
    }),
  },
).map(clean);

const vlan = fc.option(fc.record({ pcp: fc.integer({ min: 0, max: 7 }), dei: fc.boolean(), vid: fc.integer({ min: 0, max: 4095 }) }), { nil: undefined });

const frame: fc.Arbitrary<EthernetFrame> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ dst: mac, src: mac, vlan, etherType: fc.constant(0x86dd), ipv6 }) },
  {
    weight: 1,
    arbitrary: fc.record({
      dst: mac,
      src: mac,
      vlan,
      etherType: u16.filter((t) => t !== 0x86dd && t !== 0x8100),
      payload: bytes(64),
    }),
  },
).map(clean);

/** What decode adds that x may lack: the wire checksum (when x had none) and
 *  payloadLength. */
function stripWireValues(decoded: EthernetFrame, original: EthernetFrame): EthernetFrame {
  const copy = { ...decoded };
  if (copy.ipv6) {
    const { payloadLength: _ignored, ...ip } = copy.ipv6;
    if (ip.icmpv6 && original.ipv6?.icmpv6?.checksum === undefined) {
      const { checksum: _c, ...msg } = ip.icmpv6;
      ip.icmpv6 = msg as Icmpv6Message;
    }
    copy.ipv6 = ip;
  }
  return copy;
}

describe('decode(encode(x)) = x', () => {
  it('for generated frames of every message type', () => {
    fc.assert(
      fc.property(frame, (x) => {
        const bytesOut = encode(x);
        const d = decode(bytesOut);
        expect(d.error).toBeNull();
        expect(stripWireValues(d.frame!, x)).toStrictEqual(x);
        if (x.ipv6?.icmpv6) {
          // A computed checksum verifies; an explicit one verifies only by chance.
          if (x.ipv6.icmpv6.checksum === undefined) expect(d.checksumValid).toBe(true);
          expect(d.icmpv6Length).toBe(bytesOut.length - d.icmpv6Offset! - (x.ipv6.trailer?.length ?? 0));
        }
        // And bytes → repr → bytes is the identity on what encode produced.
        expect(encode(d.frame!)).toStrictEqual(bytesOut);
      }),
      { numRuns: 400 },
    );
  });

  it('payloadLength decoded equals the bytes after the fixed header, minus the trailer', () => {
    fc.assert(
      fc.property(frame.filter((f) => f.ipv6 !== undefined), (x) => {
        const b = encode(x);
        const ip = decode(b).frame!.ipv6!;
        const start = x.vlan ? 18 : 14;
        expect(ip.payloadLength).toBe(b.length - start - 40 - (x.ipv6!.trailer?.length ?? 0));
      }),
      { numRuns: 100 },
    );
  });
});
