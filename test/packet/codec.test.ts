// The frame codec against hand-written fixtures (test/fixtures/frames.ts),
// whose checksums come from scapy and tshark, not from this code base.

import { describe, expect, it } from 'vitest';
import { decode, encode, icmpv6Checksum, ip6Bytes } from '../../src/packet/index.ts';
import type { EthernetFrame, Icmpv6Message, Ipv6Packet } from '../../src/packet/index.ts';
import * as F from '../fixtures/frames.ts';
import { hex } from '../fixtures/frames.ts';
import { A_GUA as A_GLOBAL, A_LL, A_MAC, B_GUA as B_GLOBAL, B_LL, B_MAC } from '../support/seed-nodes.ts';

const ALL_FIXTURES = Object.entries(F).filter((e): e is [string, Uint8Array] => e[1] instanceof Uint8Array);

function ndFrame(dst: string, src: string, ipSrc: string, ipDst: string, icmpv6: Icmpv6Message, hopLimit = 255): EthernetFrame {
  return {
    dst,
    src,
    etherType: 0x86dd,
    ipv6: { trafficClass: 0, flowLabel: 0, hopLimit, src: ipSrc, dst: ipDst, extensionHeaders: [], nextHeader: 58, icmpv6 },
  };
}

/** The seed's frames as a protocol machine would build them: no checksum,
 *  no payload length. encode() must produce the fixture bytes exactly. */
const SEED_REPRS: [string, Uint8Array, EthernetFrame][] = [
  [
    'NS for address resolution',
    F.NS_ADDRESS_RESOLUTION,
    ndFrame('33:33:ff:66:77:88', A_MAC, A_LL, 'ff02::1:ff66:7788', {
      type: 135, code: 0, target: B_GLOBAL, options: [{ type: 1, lladdr: A_MAC }],
    }),
  ],
  [
    'solicited NA',
    F.NA_ADDRESS_RESOLUTION,
    ndFrame(A_MAC, B_MAC, B_LL, A_LL, {
      type: 136, code: 0, flags: { R: false, S: true, O: true }, target: B_GLOBAL, options: [{ type: 2, lladdr: B_MAC }],
    }),
  ],
  [
    'DAD NS for the link-local address',
    F.NS_DAD_LINK_LOCAL,
    ndFrame('33:33:ff:33:44:55', A_MAC, '::', 'ff02::1:ff33:4455', { type: 135, code: 0, target: A_LL, options: [] }),
  ],
  [
    'RS',
    F.RS_SLAAC,
    ndFrame('33:33:00:00:00:02', A_MAC, A_LL, 'ff02::2', { type: 133, code: 0, options: [{ type: 1, lladdr: A_MAC }] }),
  ],
  [
    'RA with 2001:db8::/64',
    F.RA_SLAAC,
    ndFrame('33:33:00:00:00:01', B_MAC, B_LL, 'ff02::1', {
      type: 134,
      code: 0,
      curHopLimit: 64,
      flags: { M: false, O: false, H: false, prf: 'medium' },
      routerLifetime: 1800,
      reachableTime: 0,
      retransTimer: 0,
      options: [
        { type: 1, lladdr: B_MAC },
        { type: 5, mtu: 1500 },
        { type: 3, prefixLength: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400, prefix: '2001:db8::' },
      ],
    }),
  ],
  [
    'DAD NS for the global address',
    F.NS_DAD_GLOBAL,
    ndFrame('33:33:ff:33:44:55', A_MAC, '::', 'ff02::1:ff33:4455', { type: 135, code: 0, target: A_GLOBAL, options: [] }),
  ],
];

describe('seed frames decode field by field', () => {
  it('NS for address resolution', () => {
    const { frame, error, checksumValid, icmpv6Offset, icmpv6Length } = decode(F.NS_ADDRESS_RESOLUTION);
    expect(error).toBeNull();
    expect(checksumValid).toBe(true);
    expect(icmpv6Offset).toBe(54);
    expect(icmpv6Length).toBe(32);
    expect(frame).toMatchObject({ dst: '33:33:ff:66:77:88', src: A_MAC, etherType: 0x86dd });
    expect(frame!.vlan).toBeUndefined();
    const ip = frame!.ipv6!;
    expect(ip).toMatchObject({
      trafficClass: 0, flowLabel: 0, hopLimit: 255, src: A_LL, dst: 'ff02::1:ff66:7788',
      extensionHeaders: [], nextHeader: 58, payloadLength: 32,
    });
    expect(ip.payload).toBeUndefined();
    expect(ip.trailer).toBeUndefined();
    expect(ip.icmpv6).toEqual({ type: 135, code: 0, checksum: 0x6c44, target: B_GLOBAL, options: [{ type: 1, lladdr: A_MAC }] });
  });

  it('solicited NA carries S and O and the target MAC', () => {
    const { frame, error, checksumValid } = decode(F.NA_ADDRESS_RESOLUTION);
    expect(error).toBeNull();
    expect(checksumValid).toBe(true);
    expect(frame).toMatchObject({ dst: A_MAC, src: B_MAC });
    expect(frame!.ipv6).toMatchObject({ src: B_LL, dst: A_LL, hopLimit: 255, payloadLength: 32 });
    expect(frame!.ipv6!.icmpv6).toEqual({
      type: 136, code: 0, checksum: 0xb350, flags: { R: false, S: true, O: true }, target: B_GLOBAL,
      options: [{ type: 2, lladdr: B_MAC }],
    });
  });

  it('DAD NS: from ::, to the solicited-node group, no options', () => {
    for (const [bytes, target, checksum] of [
      [F.NS_DAD_LINK_LOCAL, A_LL, 0xd005],
      [F.NS_DAD_GLOBAL, A_GLOBAL, 0xa0cd],
    ] as const) {
      const { frame, error, checksumValid } = decode(bytes);
      expect(error).toBeNull();
      expect(checksumValid).toBe(true);
      expect(frame).toMatchObject({ dst: '33:33:ff:33:44:55', src: A_MAC });
      expect(frame!.ipv6).toMatchObject({ src: '::', dst: 'ff02::1:ff33:4455', payloadLength: 24 });
      expect(frame!.ipv6!.icmpv6).toEqual({ type: 135, code: 0, checksum, target, options: [] });
    }
  });

  it('RS to all routers with SLLA', () => {
    const { frame, error, checksumValid } = decode(F.RS_SLAAC);
    expect(error).toBeNull();
    expect(checksumValid).toBe(true);
    expect(frame).toMatchObject({ dst: '33:33:00:00:00:02', src: A_MAC });
    expect(frame!.ipv6).toMatchObject({ src: A_LL, dst: 'ff02::2', payloadLength: 16 });
    expect(frame!.ipv6!.icmpv6).toEqual({ type: 133, code: 0, checksum: 0xadfb, options: [{ type: 1, lladdr: A_MAC }] });
  });

  it('RA: hop limit, flags, lifetimes and the three options', () => {
    const { frame, error, checksumValid } = decode(F.RA_SLAAC);
    expect(error).toBeNull();
    expect(checksumValid).toBe(true);
    expect(frame).toMatchObject({ dst: '33:33:00:00:00:01', src: B_MAC });
    expect(frame!.ipv6).toMatchObject({ src: B_LL, dst: 'ff02::1', hopLimit: 255, payloadLength: 64 });
    const ra = frame!.ipv6!.icmpv6;
    expect(ra).toEqual({
      type: 134, code: 0, checksum: 0xf8db, curHopLimit: 64,
      flags: { M: false, O: false, H: false, prf: 'medium' },
      routerLifetime: 1800, reachableTime: 0, retransTimer: 0,
      options: [
        { type: 1, lladdr: B_MAC },
        { type: 5, mtu: 1500 },
        { type: 3, prefixLength: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400, prefix: '2001:db8::' },
      ],
    });
  });
});

describe('decode → encode reproduces every fixture byte for byte', () => {
  it.each(ALL_FIXTURES)('%s', (_name, bytes) => {
    const { frame } = decode(bytes);
    expect(frame).not.toBeNull();
    expect(encode(frame!)).toEqual(bytes);
  });
});

describe('encode computes payload length and checksum', () => {
  it.each(SEED_REPRS)('%s built by hand encodes to the fixture', (_name, bytes, frame) => {
    expect(encode(frame)).toEqual(bytes);
  });

  it('writes an explicit checksum as given, even a wrong one', () => {
    const frame = structuredClone(SEED_REPRS[0][2]);
    frame.ipv6!.icmpv6!.checksum = 0x1234;
    const bytes = encode(frame);
    expect([bytes[56], bytes[57]]).toEqual([0x12, 0x34]);
    expect(decode(bytes).checksumValid).toBe(false);
  });

  it('writes an explicit payload length as given', () => {
    const frame = structuredClone(SEED_REPRS[0][2]);
    frame.ipv6!.payloadLength = 99;
    const bytes = encode(frame);
    expect([bytes[18], bytes[19]]).toEqual([0, 99]);
  });

  it('pads a hop-by-hop header to 8 bytes: PadN, or Pad1 for one byte', () => {
    const mld = SEED_REPRS[2][2];
    const withOptions = (options: Ipv6Packet['extensionHeaders'][number]) => {
      const f = structuredClone(mld);
      f.ipv6!.extensionHeaders = [options];
      return encode(f).subarray(54, 62);
    };
    expect(withOptions({ kind: 'hop-by-hop', options: [{ type: 5, data: new Uint8Array([0, 0]) }] })).toEqual(
      hex('3a00 0502 0000 0100'),
    );
    expect(withOptions({ kind: 'destination', options: [{ type: 0x1e, data: new Uint8Array(3) }] })).toEqual(
      hex('3a00 1e03 000000 00'),
    );
  });
});

describe('encode input forms and programming errors', () => {
  it('reads MAC text in any case or with "-" separators', () => {
    const frame = structuredClone(SEED_REPRS[0][2]);
    frame.src = '00-11-22-33-44-55';
    frame.dst = '33:33:FF:66:77:88';
    expect(encode(frame)).toEqual(F.NS_ADDRESS_RESOLUTION);
  });

  it.each([
    ['a 5-byte MAC', (f: EthernetFrame) => { f.src = '00:11:22:33:44'; }, /6 bytes/],
    ['bad address text', (f: EthernetFrame) => { f.ipv6!.src = '2001:db8::1::2'; }, /twice/],
    ['a routing body that does not fill 8-byte units', (f: EthernetFrame) => {
      f.ipv6!.extensionHeaders = [{ kind: 'routing', body: new Uint8Array(5) }];
    }, /multiple of 8/],
    ['MLDv2 aux data that is not whole 32-bit words', (f: EthernetFrame) => {
      f.ipv6!.icmpv6 = { type: 143, code: 0, records: [{ recordType: 4, multicastAddress: 'ff02::1', sources: [], auxData: new Uint8Array(3) }] };
    }, /32-bit words/],
  ])('throws on %s', (_name, spoil, message) => {
    const frame = structuredClone(SEED_REPRS[0][2]);
    spoil(frame);
    expect(() => encode(frame)).toThrow(message);
  });
});

describe('icmpv6Checksum (RFC 4443 §2.3)', () => {
  const icmp = F.NS_ADDRESS_RESOLUTION.subarray(54);
  it('takes text or byte addresses and ignores the checksum field it is given', () => {
    expect(icmpv6Checksum(A_LL, 'ff02::1:ff66:7788', icmp)).toBe(0x6c44);
    expect(icmpv6Checksum(ip6Bytes(A_LL), ip6Bytes('ff02::1:ff66:7788'), icmp)).toBe(0x6c44);
    const zeroed = icmp.slice();
    zeroed[2] = 0;
    zeroed[3] = 0;
    expect(icmpv6Checksum(A_LL, 'ff02::1:ff66:7788', zeroed)).toBe(0x6c44);
  });
  it('checksums a range of a larger buffer', () => {
    expect(icmpv6Checksum(A_LL, 'ff02::1:ff66:7788', F.NS_ADDRESS_RESOLUTION, 54, 86)).toBe(0x6c44);
  });
  it('pads an odd-length message with a zero byte (RFC 1071; value from scapy)', () => {
    expect(icmpv6Checksum(A_GLOBAL, B_GLOBAL, hex('8000 0000 1234 0007 616263'))).toBe(0x4b11);
  });
  it('covers the pseudo-header: another source gives another sum', () => {
    expect(icmpv6Checksum(B_LL, 'ff02::1:ff66:7788', icmp)).not.toBe(0x6c44);
  });
});

describe('checksum verification', () => {
  it('a corrupted byte makes checksumValid false but the message still decodes', () => {
    const bytes = F.RA_SLAAC.slice();
    bytes[58] ^= 0x01; // cur hop limit 64 → 65
    const d = decode(bytes);
    expect(d.checksumValid).toBe(false);
    expect(d.error).toBeNull();
    expect(d.frame!.ipv6!.icmpv6).toMatchObject({ type: 134, curHopLimit: 65, checksum: 0xf8db });
  });

  it('uses the routing header final destination in the pseudo-header (RFC 8200 §8.1)', () => {
    const d = decode(F.ECHO_ROUTING_TYPE2);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBe(true);
    expect(d.frame!.ipv6!.extensionHeaders).toEqual([{ kind: 'routing', body: F.ECHO_ROUTING_TYPE2.subarray(56, 78) }]);
    // With Segments Left 0 the IPv6 destination is final: the sum no longer matches.
    const arrived = F.ECHO_ROUTING_TYPE2.slice();
    arrived[57] = 0;
    expect(decode(arrived).checksumValid).toBe(false);
  });
});

describe('layers around ICMPv6', () => {
  it('an 802.1Q tag is read and rewritten', () => {
    const d = decode(F.ECHO_REQUEST_VLAN);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBe(true);
    expect(d.frame).toMatchObject({ dst: B_MAC, src: A_MAC, vlan: { pcp: 5, dei: false, vid: 100 }, etherType: 0x86dd });
    expect(d.frame!.ipv6).toMatchObject({ src: A_GLOBAL, dst: B_GLOBAL, hopLimit: 64 });
    expect(d.frame!.ipv6!.icmpv6).toEqual({
      type: 128, code: 0, checksum: 0x7ddf, identifier: 0x1234, sequence: 1, data: new TextEncoder().encode('abcdefgh'),
    });
    expect(d.icmpv6Offset).toBe(58);
  });

  it('Ethernet padding after the IPv6 payload is kept as trailer', () => {
    const d = decode(F.NO_NEXT_HEADER_PADDED);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBeNull();
    expect(d.frame!.ipv6).toMatchObject({ nextHeader: 59, payloadLength: 0, payload: new Uint8Array(0), trailer: new Uint8Array(6) });
  });

  it('a first fragment with M=1 stops the chain; the rest is payload', () => {
    const d = decode(F.ECHO_FIRST_FRAGMENT);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBeNull();
    const ip = d.frame!.ipv6!;
    expect(ip.extensionHeaders).toEqual([{ kind: 'fragment', fragmentOffset: 0, M: true, identification: 0xabcd }]);
    expect(ip.nextHeader).toBe(58);
    expect(ip.icmpv6).toBeUndefined();
    expect(ip.payload).toEqual(F.ECHO_FIRST_FRAGMENT.subarray(62));
  });

  it('an atomic fragment (offset 0, M=0) is walked through to the NA', () => {
    const d = decode(F.NA_ATOMIC_FRAGMENT);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBe(true);
    expect(d.frame!.ipv6!.extensionHeaders).toEqual([{ kind: 'fragment', fragmentOffset: 0, M: false, identification: 0x1234 }]);
    expect(d.frame!.ipv6!.icmpv6).toMatchObject({ type: 136, target: B_GLOBAL });
  });

  it('a non-zero fragment offset keeps the payload and fragment reserved bits', () => {
    const bytes = F.ECHO_FIRST_FRAGMENT.slice();
    bytes[55] = 0x7f; // reserved
    bytes[56] = 0x00;
    bytes[57] = 0x16; // offset 2, res2 = 3, M = 0
    const ip = decode(bytes).frame!.ipv6!;
    expect(ip.extensionHeaders).toEqual([
      { kind: 'fragment', fragmentOffset: 2, M: false, reserved: 0x7f, res2: 3, identification: 0xabcd },
    ]);
    expect(ip.payload!.length).toBe(24);
    expect(encode(decode(bytes).frame!)).toEqual(bytes);
  });

  it('a non-IPv6 EtherType keeps its payload', () => {
    const arp = hex('ffffffffffff 001122334455 0806 0001 0800 0604 0001');
    const d = decode(arp);
    expect(d).toEqual({
      frame: { dst: 'ff:ff:ff:ff:ff:ff', src: A_MAC, etherType: 0x0806, payload: arp.subarray(14) },
      error: null,
      checksumValid: null,
    });
  });

  it('MLD behind a hop-by-hop Router Alert, with PadN kept', () => {
    const d = decode(F.MLDV2_REPORT_JOIN);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBe(true);
    const ip = d.frame!.ipv6!;
    expect(ip).toMatchObject({ hopLimit: 1, src: '::', dst: 'ff02::16', nextHeader: 58, payloadLength: 36 });
    expect(ip.extensionHeaders).toEqual([
      { kind: 'hop-by-hop', options: [{ type: 5, data: new Uint8Array(2) }, { type: 1, data: new Uint8Array(0) }] },
    ]);
    expect(ip.icmpv6).toEqual({
      type: 143, code: 0, checksum: 0x2b02,
      records: [{ recordType: 4, multicastAddress: 'ff02::1:ff33:4455', sources: [] }],
    });
    expect(d.icmpv6Offset).toBe(62);
  });
});

describe('ICMPv6 messages', () => {
  it('MLDv2 query (130 of 28 bytes) has v2', () => {
    const d = decode(F.MLDV2_QUERY_GENERAL);
    expect(d.checksumValid).toBe(true);
    expect(d.frame!.ipv6!.icmpv6).toEqual({
      type: 130, code: 0, checksum: 0xbb97, maxResponseDelay: 10000, multicastAddress: '::',
      v2: { sFlag: false, qrv: 2, qqic: 125, sources: [] },
    });
  });

  it('MLDv1 report (131)', () => {
    const d = decode(F.MLDV1_REPORT);
    expect(d.checksumValid).toBe(true);
    expect(d.frame!.ipv6!.icmpv6).toEqual({
      type: 131, code: 0, checksum: 0x9178, maxResponseDelay: 0, multicastAddress: 'ff02::1:ff33:4455',
    });
  });

  it('Redirect with target, destination and TLLA', () => {
    const d = decode(F.REDIRECT_TO_BETTER_ROUTER);
    expect(d.checksumValid).toBe(true);
    expect(d.frame!.ipv6!.icmpv6).toEqual({
      type: 137, code: 0, checksum: 0x6882, target: 'fe80::1', destination: '2001:db8:1::1',
      options: [{ type: 2, lladdr: '00:00:5e:00:53:01' }],
    });
  });

  it('Destination Unreachable keeps the invoking packet', () => {
    const d = decode(F.DEST_UNREACHABLE_ADDRESS);
    expect(d.checksumValid).toBe(true);
    expect(d.frame!.ipv6!.icmpv6).toEqual({
      type: 1, code: 3, checksum: 0x0679, invoking: F.DEST_UNREACHABLE_ADDRESS.subarray(62),
    });
  });

  it('an unknown type keeps its body', () => {
    const bytes = F.DEST_UNREACHABLE_ADDRESS.slice();
    bytes[54] = 200;
    const d = decode(bytes);
    expect(d.checksumValid).toBe(false);
    expect(d.frame!.ipv6!.icmpv6).toEqual({ type: 200, code: 3, checksum: 0x0679, unknown: true, body: bytes.subarray(58) });
  });

  // RA byte 5: M O H Prf(2) P Rsv(2) — RFC 4861 §4.2, RFC 4191 §2.2.
  it.each([
    ['80', { M: true, O: false, H: false, prf: 'medium' }],
    ['40', { M: false, O: true, H: false, prf: 'medium' }],
    ['20', { M: false, O: false, H: true, prf: 'medium' }],
    ['08', { M: false, O: false, H: false, prf: 'high' }],
    ['18', { M: false, O: false, H: false, prf: 'low' }],
    ['10', { M: false, O: false, H: false, prf: 'reserved' }],
    ['c4', { M: true, O: true, H: false, prf: 'medium', other: 4 }],
    ['03', { M: false, O: false, H: false, prf: 'medium', other: 3 }],
  ])('RA flags byte 0x%s', (byte, flags) => {
    const bytes = F.RA_SLAAC.slice();
    bytes[59] = parseInt(byte, 16);
    const ra = decode(bytes).frame!.ipv6!.icmpv6;
    expect(ra).toMatchObject({ type: 134 });
    expect((ra as { flags: unknown }).flags).toEqual(flags);
    expect(encode(decode(bytes).frame!)).toEqual(bytes);
  });

  it.each([
    ['80000000', { R: true, S: false, O: false }],
    ['20000001', { R: false, S: false, O: true, reserved: 1 }],
    ['ffffffff', { R: true, S: true, O: true, reserved: 0x1fffffff }],
  ])('NA flags word %s', (word, flags) => {
    const bytes = F.NA_ADDRESS_RESOLUTION.slice();
    bytes.set(hex(word), 58);
    expect((decode(bytes).frame!.ipv6!.icmpv6 as { flags: unknown }).flags).toEqual(flags);
    expect(encode(decode(bytes).frame!)).toEqual(bytes);
  });
});

/** Rewrites the IPv6 payload length (bytes 18–19 of an untagged frame). */
function withPayloadLength(bytes: Uint8Array, length: number): Uint8Array {
  const b = bytes.slice();
  b[18] = length >> 8;
  b[19] = length & 0xff;
  return b;
}

describe('errors say where and why', () => {
  it.each([
    ['13 bytes', F.RS_SLAAC.subarray(0, 13), 'ethernet', 0, 'Ethernet header needs 14 bytes, 13 remain'],
    ['cut 802.1Q tag', F.ECHO_REQUEST_VLAN.subarray(0, 16), 'ethernet', 14, '802.1Q tag and inner EtherType need 4 bytes, 2 remain'],
    ['cut IPv6 header', F.RS_SLAAC.subarray(0, 50), 'ipv6', 14, 'IPv6 header needs 40 bytes, 36 remain'],
    ['IPv4 version', (() => { const b = F.RS_SLAAC.slice(); b[14] = 0x45; return b; })(), 'ipv6', 14, 'IP version field is 4'],
    ['payload length past the end', withPayloadLength(F.RS_SLAAC, 17), 'ipv6', 18, 'IPv6 payload length is 17 bytes, but 16 remain'],
    ['NS of 12 bytes', withPayloadLength(F.NS_ADDRESS_RESOLUTION, 12), 'icmpv6', 54, 'ICMPv6 neighbor solicitation needs 24 bytes, 12 remain'],
    ['NA of 20 bytes', withPayloadLength(F.NA_ADDRESS_RESOLUTION, 20), 'icmpv6', 54, 'ICMPv6 neighbor advertisement needs 24 bytes, 20 remain'],
    ['RA of 15 bytes', withPayloadLength(F.RA_SLAAC, 15), 'icmpv6', 54, 'ICMPv6 router advertisement needs 16 bytes, 15 remain'],
    ['RS of 7 bytes', withPayloadLength(F.RS_SLAAC, 7), 'icmpv6', 54, 'ICMPv6 router solicitation needs 8 bytes, 7 remain'],
    ['ICMPv6 of 3 bytes', withPayloadLength(F.RS_SLAAC, 3), 'icmpv6', 54, 'ICMPv6 header needs 4 bytes, 3 remain'],
    ['option of length 0', (() => { const b = F.RS_SLAAC.slice(); b[63] = 0; return b; })(), 'option', 62, 'length 0'],
    ['option past the end', (() => { const b = F.RS_SLAAC.slice(); b[63] = 2; return b; })(), 'option', 62, 'runs past the end'],
    ['MLD query of 26 bytes', withPayloadLength(hex('333300000001 001122667788 86dd 60000000 0022 3a01' + '00'.repeat(32) + '8200 0000' + '00'.repeat(22)), 26), 'icmpv6', 54, 'neither MLDv1'],
  ] as const)('%s', (_name, bytes, layer, offset, reason) => {
    const d = decode(bytes);
    expect(d.error).not.toBeNull();
    expect(d.error!.layer).toBe(layer);
    expect(d.error!.offset).toBe(offset);
    expect(d.error!.reason).toContain(reason);
  });

  it('a truncated NS keeps Ethernet and the IPv6 header, and the ICMPv6 bytes as payload', () => {
    const bytes = withPayloadLength(F.NS_ADDRESS_RESOLUTION, 12);
    const d = decode(bytes);
    expect(d.frame).toMatchObject({ dst: '33:33:ff:66:77:88', src: A_MAC, etherType: 0x86dd });
    expect(d.frame!.ipv6).toMatchObject({ src: A_LL, dst: 'ff02::1:ff66:7788', nextHeader: 58, payloadLength: 12 });
    expect(d.frame!.ipv6!.icmpv6).toBeUndefined();
    expect(d.frame!.ipv6!.payload).toEqual(bytes.subarray(54, 66));
    expect(d.frame!.ipv6!.trailer).toEqual(bytes.subarray(66));
    expect(encode(d.frame!)).toEqual(bytes);
  });

  it('an option error still reports the checksum', () => {
    const bytes = F.RS_SLAAC.slice();
    bytes[63] = 0;
    const d = decode(bytes);
    expect(d.error!.layer).toBe('option');
    expect(d.checksumValid).toBe(false);
    expect(d.frame!.ipv6!.payload).toEqual(bytes.subarray(54));
  });
});
