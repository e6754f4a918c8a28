import { describe, expect, it } from 'vitest';
import {
  isLinkLocal,
  isMulticast,
  isSolicitedNodeMulticast,
  NO_VIOLATIONS,
  RULES,
  validate,
} from '../../src/packet/validate.ts';
import type { EthernetFrame, ExtensionHeader, Icmpv6Message, Ipv6Packet, NdOption } from '../../src/packet/types.ts';
import { A_GUA, A_LL, A_MAC, B_GUA, B_LL, B_MAC } from '../support/seed-nodes.ts';
import { decode } from '../../src/packet/decode.ts';
import { encode } from '../../src/packet/encode.ts';
import { generateNdMix } from '../fixtures/generate.ts';

const ROUTER_ALERT: ExtensionHeader = { kind: 'hop-by-hop', options: [{ type: 5, data: new Uint8Array([0, 0]) }, { type: 1, data: new Uint8Array(0) }] };

function frame(
  eth: { src: string; dst: string },
  ip: { src: string; dst: string; hopLimit?: number; extensionHeaders?: ExtensionHeader[] },
  icmpv6: Icmpv6Message,
): EthernetFrame {
  const ipv6: Ipv6Packet = {
    trafficClass: 0,
    flowLabel: 0,
    hopLimit: ip.hopLimit ?? 255,
    src: ip.src,
    dst: ip.dst,
    extensionHeaders: ip.extensionHeaders ?? [],
    nextHeader: 58,
    icmpv6,
  };
  return { dst: eth.dst, src: eth.src, etherType: 0x86dd, ipv6 };
}

const slla = (mac: string): NdOption => ({ type: 1, lladdr: mac });
const tlla = (mac: string): NdOption => ({ type: 2, lladdr: mac });

// ---------------------------------------------------------- valid frames

const rs = (o: { src?: string; options?: NdOption[]; hopLimit?: number; code?: number } = {}) =>
  frame({ src: A_MAC, dst: '33:33:00:00:00:02' }, { src: o.src ?? A_LL, dst: 'ff02::2', hopLimit: o.hopLimit }, {
    type: 133, code: o.code ?? 0, options: o.options ?? [slla(A_MAC)],
  });

const pio = (o: Partial<{ prefixLength: number; valid: number; preferred: number }> = {}): NdOption => ({
  type: 3, prefixLength: o.prefixLength ?? 64, L: true, A: true,
  validLifetime: o.valid ?? 86400, preferredLifetime: o.preferred ?? 14400, prefix: '2001:db8::',
});

const ra = (o: { src?: string; options?: NdOption[]; hopLimit?: number; code?: number; ethSrc?: string } = {}) =>
  frame({ src: o.ethSrc ?? B_MAC, dst: '33:33:00:00:00:01' }, { src: o.src ?? B_LL, dst: 'ff02::1', hopLimit: o.hopLimit }, {
    type: 134, code: o.code ?? 0, curHopLimit: 64,
    flags: { M: false, O: false, H: false, prf: 'medium' },
    routerLifetime: 1800, reachableTime: 0, retransTimer: 0,
    options: o.options ?? [
      slla(B_MAC),
      { type: 5, mtu: 1500 },
      pio(),
      { type: 24, prefixLength: 48, prf: 'high', routeLifetime: 1800, prefix: '2001:db8:1::' },
      { type: 25, lifetime: 3600, servers: ['2001:db8::53'] },
      { type: 99, unknown: true, body: new Uint8Array(6) },
    ],
  });

// Address resolution NS, as on the slide.
const ns = (o: { src?: string; dst?: string; target?: string; options?: NdOption[]; hopLimit?: number; code?: number } = {}) =>
  frame({ src: A_MAC, dst: '33:33:ff:66:77:88' }, { src: o.src ?? A_LL, dst: o.dst ?? 'ff02::1:ff66:7788', hopLimit: o.hopLimit }, {
    type: 135, code: o.code ?? 0, target: o.target ?? B_GUA, options: o.options ?? [slla(A_MAC)],
  });

// DAD NS, as in step 1 of the SLAAC slide.
const dadNs = (o: { dst?: string; options?: NdOption[] } = {}) =>
  frame({ src: A_MAC, dst: '33:33:ff:33:44:55' }, { src: '::', dst: o.dst ?? 'ff02::1:ff33:4455' }, {
    type: 135, code: 0, target: A_LL, options: o.options ?? [{ type: 14, nonce: new Uint8Array(6) }],
  });

const na = (o: { dst?: string; target?: string; S?: boolean; hopLimit?: number; code?: number; options?: NdOption[] } = {}) =>
  frame({ src: B_MAC, dst: A_MAC }, { src: B_LL, dst: o.dst ?? A_LL, hopLimit: o.hopLimit }, {
    type: 136, code: o.code ?? 0, flags: { R: false, S: o.S ?? true, O: true },
    target: o.target ?? B_GUA, options: o.options ?? [tlla(B_MAC)],
  });

const redirect = (o: { src?: string; target?: string; destination?: string; hopLimit?: number; code?: number } = {}) =>
  frame({ src: B_MAC, dst: A_MAC }, { src: o.src ?? B_LL, dst: A_GUA, hopLimit: o.hopLimit }, {
    type: 137, code: o.code ?? 0, target: o.target ?? 'fe80::1', destination: o.destination ?? '2001:db8:1::1',
    options: [tlla('00:00:5e:00:53:01'), { type: 4, packet: new Uint8Array(48) }],
  });

const mldv2Report = (o: { src?: string; hopLimit?: number; ext?: ExtensionHeader[] } = {}) =>
  frame({ src: A_MAC, dst: '33:33:00:00:00:16' }, { src: o.src ?? '::', dst: 'ff02::16', hopLimit: o.hopLimit ?? 1, extensionHeaders: o.ext ?? [ROUTER_ALERT] }, {
    type: 143, code: 0, records: [{ recordType: 4, multicastAddress: 'ff02::1:ff33:4455', sources: [] }],
  });

const mldQuery = (o: { src?: string } = {}) =>
  frame({ src: B_MAC, dst: '33:33:00:00:00:01' }, { src: o.src ?? B_LL, dst: 'ff02::1', hopLimit: 1, extensionHeaders: [ROUTER_ALERT] }, {
    type: 130, code: 0, maxResponseDelay: 10000, multicastAddress: '::',
  });

describe('validate accepts valid frames', () => {
  const valid: [string, EthernetFrame][] = [
    ['RS from a link-local address with SLLA', rs()],
    ['RS from :: without SLLA', rs({ src: '::', options: [] })],
    ['RA with SLLA, MTU, PIO, RIO, RDNSS and an unknown option', ra()],
    ['RA with a PIO whose preferred lifetime equals its valid lifetime', ra({ options: [pio({ valid: 100, preferred: 100 })] })],
    ['address-resolution NS (slide)', ns()],
    ['DAD NS from :: to the solicited-node group (slide)', dadNs()],
    ['DAD NS to a solicited-node group written with a zero last group', dadNs({ dst: 'ff02::1:ff00:0' })],
    ['solicited NA to unicast (slide)', na()],
    ['unsolicited NA to ff02::1 with S = 0', na({ dst: 'ff02::1', S: false })],
    ['Redirect to a better router (link-local target)', redirect()],
    ['Redirect to an on-link destination (target = destination)', redirect({ target: '2001:db8:1::1' })],
    ['MLDv2 report from :: before DAD (RFC 3810 §5.2.13)', mldv2Report()],
    ['MLDv2 report from a link-local address', mldv2Report({ src: A_LL })],
    ['MLD query from a link-local address', mldQuery()],
    ['SLLA in upper case matching the Ethernet source', rs({ options: [slla(A_MAC.toUpperCase())] })],
    [
      'an Echo Request (not ND: no rules apply even at hop limit 64)',
      frame({ src: A_MAC, dst: B_MAC }, { src: A_GUA, dst: B_GUA, hopLimit: 64 }, { type: 128, code: 0, identifier: 1, sequence: 1, data: new Uint8Array(8) }),
    ],
  ];
  for (const [name, f] of valid) {
    it(`${name}: no violations, and no new array`, () => {
      const v = validate(f, true);
      expect(v).toEqual([]);
      expect(v).toBe(NO_VIOLATIONS);
    });
  }

  it('treats an unchecked checksum (null) as nothing to report', () => {
    expect(validate(rs(), null)).toBe(NO_VIOLATIONS);
  });

  it('returns a frozen empty array, so a caller cannot pollute later results', () => {
    expect(Object.isFrozen(validate(rs(), true))).toBe(true);
  });

  it('ignores non-IPv6 frames', () => {
    expect(validate({ dst: B_MAC, src: A_MAC, etherType: 0x0806, payload: new Uint8Array(28) }, null)).toBe(NO_VIOLATIONS);
  });
});

describe('validate reports each broken rule', () => {
  const withFragment: ExtensionHeader = { kind: 'fragment', fragmentOffset: 0, M: false, identification: 7 };
  const cases: { name: string; frame: EthernetFrame; checksum?: boolean; rule: string; rfc: string }[] = [
    { name: 'bad checksum', frame: rs(), checksum: false, rule: 'icmpv6-checksum', rfc: 'RFC 4443 §2.3' },
    {
      name: 'NS in an atomic fragment',
      frame: frame({ src: A_MAC, dst: B_MAC }, { src: A_LL, dst: B_LL, extensionHeaders: [withFragment] }, { type: 135, code: 0, target: B_LL, options: [] }),
      rule: 'nd-fragmented', rfc: 'RFC 6980 §5',
    },

    { name: 'RS hop limit 254', frame: rs({ hopLimit: 254 }), rule: 'rs-hop-limit', rfc: 'RFC 4861 §6.1.1' },
    { name: 'RS code 1', frame: rs({ code: 1 }), rule: 'rs-code', rfc: 'RFC 4861 §6.1.1' },
    {
      name: 'RS of 6 bytes (left undecoded)',
      frame: frame({ src: A_MAC, dst: '33:33:00:00:00:02' }, { src: A_LL, dst: 'ff02::2' }, { type: 133, code: 0, unknown: true, body: new Uint8Array(2) }),
      rule: 'rs-length', rfc: 'RFC 4861 §6.1.1',
    },
    { name: 'RS from :: with SLLA', frame: rs({ src: '::' }), rule: 'rs-unspecified-source-slla', rfc: 'RFC 4861 §6.1.1' },

    { name: 'RA hop limit 254 (TAHI v6LC.3.2.4 I)', frame: ra({ hopLimit: 254 }), rule: 'ra-hop-limit', rfc: 'RFC 4861 §6.1.2' },
    { name: 'RA code 3', frame: ra({ code: 3 }), rule: 'ra-code', rfc: 'RFC 4861 §6.1.2' },
    {
      name: 'RA of 12 bytes (left undecoded)',
      frame: frame({ src: B_MAC, dst: '33:33:00:00:00:01' }, { src: B_LL, dst: 'ff02::1' }, { type: 134, code: 0, unknown: true, body: new Uint8Array(8) }),
      rule: 'ra-length', rfc: 'RFC 4861 §6.1.2',
    },
    { name: 'RA from a global address', frame: ra({ src: B_GUA }), rule: 'ra-source-not-link-local', rfc: 'RFC 4861 §6.1.2' },
    { name: 'RA from fec0:: (site-local, not fe80::/10)', frame: ra({ src: 'fec0::1' }), rule: 'ra-source-not-link-local', rfc: 'RFC 4861 §6.1.2' },

    { name: 'NS hop limit 64', frame: ns({ hopLimit: 64 }), rule: 'ns-hop-limit', rfc: 'RFC 4861 §7.1.1' },
    { name: 'NS code 1', frame: ns({ code: 1 }), rule: 'ns-code', rfc: 'RFC 4861 §7.1.1' },
    {
      name: 'NS of 20 bytes (left undecoded)',
      frame: frame({ src: A_MAC, dst: B_MAC }, { src: A_LL, dst: B_LL }, { type: 135, code: 0, unknown: true, body: new Uint8Array(16) }),
      rule: 'ns-length', rfc: 'RFC 4861 §7.1.1',
    },
    { name: 'NS for a multicast target', frame: ns({ target: 'ff02::1' }), rule: 'ns-target-multicast', rfc: 'RFC 4861 §7.1.1' },
    { name: 'DAD NS to all-nodes', frame: dadNs({ dst: 'ff02::1' }), rule: 'ns-dad-destination', rfc: 'RFC 4861 §7.1.1' },
    { name: 'DAD NS to the tentative unicast address', frame: dadNs({ dst: A_LL }), rule: 'ns-dad-destination', rfc: 'RFC 4861 §7.1.1' },
    { name: 'DAD NS to ff02::2:ff33:4455 (not solicited-node)', frame: dadNs({ dst: 'ff02::2:ff33:4455' }), rule: 'ns-dad-destination', rfc: 'RFC 4861 §7.1.1' },
    { name: 'DAD NS with SLLA', frame: dadNs({ options: [slla(A_MAC)] }), rule: 'ns-dad-slla', rfc: 'RFC 4861 §7.1.1' },

    { name: 'NA hop limit 1', frame: na({ hopLimit: 1 }), rule: 'na-hop-limit', rfc: 'RFC 4861 §7.1.2' },
    { name: 'NA code 2', frame: na({ code: 2 }), rule: 'na-code', rfc: 'RFC 4861 §7.1.2' },
    {
      name: 'NA of 8 bytes (left undecoded)',
      frame: frame({ src: B_MAC, dst: A_MAC }, { src: B_LL, dst: A_LL }, { type: 136, code: 0, unknown: true, body: new Uint8Array(4) }),
      rule: 'na-length', rfc: 'RFC 4861 §7.1.2',
    },
    { name: 'NA for a multicast target', frame: na({ target: 'ff05::2' }), rule: 'na-target-multicast', rfc: 'RFC 4861 §7.1.2' },
    { name: 'solicited NA to all-nodes', frame: na({ dst: 'ff02::1', S: true }), rule: 'na-solicited-multicast', rfc: 'RFC 4861 §7.1.2' },

    { name: 'Redirect hop limit 64', frame: redirect({ hopLimit: 64 }), rule: 'redirect-hop-limit', rfc: 'RFC 4861 §8.1' },
    { name: 'Redirect code 1', frame: redirect({ code: 1 }), rule: 'redirect-code', rfc: 'RFC 4861 §8.1' },
    {
      name: 'Redirect of 36 bytes (left undecoded)',
      frame: frame({ src: B_MAC, dst: A_MAC }, { src: B_LL, dst: A_GUA }, { type: 137, code: 0, unknown: true, body: new Uint8Array(32) }),
      rule: 'redirect-length', rfc: 'RFC 4861 §8.1',
    },
    { name: 'Redirect from a global address', frame: redirect({ src: B_GUA }), rule: 'redirect-source-not-link-local', rfc: 'RFC 4861 §8.1' },
    { name: 'Redirect to a global target other than the destination', frame: redirect({ target: '2001:db8::99' }), rule: 'redirect-target', rfc: 'RFC 4861 §8.1' },
    { name: 'Redirect for a multicast destination', frame: redirect({ destination: 'ff0e::1' }), rule: 'redirect-destination-multicast', rfc: 'RFC 4861 §8.1' },

    { name: 'SLLA of 14 bytes on Ethernet', frame: rs({ options: [slla('00:11:22:33:44:55:00:00:00:00:00:00:00:00')] }), rule: 'lladdr-length', rfc: 'RFC 2464 §6' },
    { name: 'TLLA of 14 bytes on Ethernet', frame: na({ options: [tlla('00:11:22:66:77:88:00:00:00:00:00:00:00:00')] }), rule: 'lladdr-length', rfc: 'RFC 2464 §6' },
    { name: 'SLLA that is not the Ethernet source (spoofing or proxy)', frame: ra({ ethSrc: '00:11:22:99:99:99' }), rule: 'slla-mismatch', rfc: 'RFC 4861 §4.6.1' },
    { name: 'PIO with prefix length 129', frame: ra({ options: [pio({ prefixLength: 129 })] }), rule: 'pio-prefix-length', rfc: 'RFC 4861 §4.6.2' },
    { name: 'PIO with preferred 30 > valid 20 (TAHI v6LC.3.2.4 D)', frame: ra({ options: [pio({ valid: 20, preferred: 30 })] }), rule: 'pio-lifetimes', rfc: 'RFC 4862 §5.5.3 (c)' },
    {
      name: 'RIO with prefix length 200',
      frame: ra({ options: [{ type: 24, prefixLength: 200, prf: 'medium', routeLifetime: 60, prefix: '2001:db8::' }] }),
      rule: 'rio-prefix-length', rfc: 'RFC 4191 §2.3',
    },
    {
      name: 'RIO /64 with Length 1',
      frame: ra({ options: [{ type: 24, prefixLength: 64, prf: 'medium', routeLifetime: 60, prefix: '::', length: 1 }] }),
      rule: 'rio-length', rfc: 'RFC 4191 §2.3',
    },
    {
      name: 'RIO /96 with Length 2',
      frame: ra({ options: [{ type: 24, prefixLength: 96, prf: 'medium', routeLifetime: 60, prefix: '2001:db8::', length: 2 }] }),
      rule: 'rio-length', rfc: 'RFC 4191 §2.3',
    },

    { name: 'MLDv2 report with hop limit 255', frame: mldv2Report({ hopLimit: 255 }), rule: 'mld-hop-limit', rfc: 'RFC 2710 §3, RFC 3810 §5' },
    { name: 'MLDv2 report from a global address', frame: mldv2Report({ src: A_GUA }), rule: 'mld-source-not-link-local', rfc: 'RFC 2710 §3, RFC 3810 §5' },
    { name: 'MLD query from :: (only reports may use it)', frame: mldQuery({ src: '::' }), rule: 'mld-source-not-link-local', rfc: 'RFC 2710 §3, RFC 3810 §5' },
    { name: 'MLDv2 report without Router Alert', frame: mldv2Report({ ext: [] }), rule: 'mld-router-alert', rfc: 'RFC 2710 §3, RFC 3810 §5' },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.rule}`, () => {
      const v = validate(c.frame, c.checksum ?? true);
      expect(v.map((x) => x.rule)).toEqual([c.rule]);
      expect(v[0].rfc).toBe(c.rfc);
      expect(v[0].message.length).toBeGreaterThan(10);
    });
  }

  it('every rule in the table has a negative case above', () => {
    const covered = new Set(cases.map((c) => c.rule));
    expect(Object.keys(RULES).filter((r) => !covered.has(r))).toEqual([]);
  });

  it('reports every broken rule of one frame, message rules before option rules', () => {
    const f = rs({ src: '::', hopLimit: 64, code: 9, options: [slla('00:11:22:33:44:56'), pio({ valid: 1, preferred: 2 })] });
    expect(validate(f, false).map((v) => v.rule)).toEqual([
      'icmpv6-checksum', 'rs-hop-limit', 'rs-code', 'rs-unspecified-source-slla', 'slla-mismatch', 'pio-lifetimes',
    ]);
  });

  it('says what it saw in the message', () => {
    expect(validate(ns({ hopLimit: 64 }), true)[0].message).toMatch(/hop limit 64/);
    expect(validate(dadNs({ dst: 'ff02::1' }), true)[0].message).toMatch(/ff02::1/);
  });

  it('does not let an unknown option of type 1 count as an SLLA', () => {
    expect(validate(rs({ src: '::', options: [{ type: 1, unknown: true, body: new Uint8Array(6) }] }), true)).toBe(NO_VIOLATIONS);
  });
});

describe('address classes read from text', () => {
  it.each([
    ['ff02::1', true], ['FF02::1', true], ['ff0e::101', true], ['ff::1', false], ['fff::', false], ['fe80::1', false], ['::', false],
  ])('isMulticast(%s) = %s', (a, want) => expect(isMulticast(a)).toBe(want));

  it.each([
    ['fe80::1', true], ['FE80::1', true], ['febf:1::', true], ['fe9a::', true], ['fec0::1', false], ['fe8::1', false],
    ['fe00::', false], ['2001:db8::1', false], ['::', false], ['ff02::1', false],
  ])('isLinkLocal(%s) = %s', (a, want) => expect(isLinkLocal(a)).toBe(want));

  it.each([
    ['ff02::1:ff33:4455', true], ['ff02::1:ff00:0', true], ['ff02:0:0:0:0:1:ffab:cdef', true],
    ['ff02::1', false], ['ff02::1:fe33:4455', false], ['ff05::1:ff33:4455', false], ['ff02::2:ff33:4455', false], ['nonsense', false],
  ])('isSolicitedNodeMulticast(%s) = %s', (a, want) => expect(isSolicitedNodeMulticast(a)).toBe(want));
});

describe("decode's address classes (Decoded.addressClasses)", () => {
  // validate() judges by decode's bits when it has them and by the text
  // otherwise: on every frame both must give the same violations.
  const interesting = ['::', 'fe80::1', 'febf:ffff::1', 'fec0::1', '2001:db8::1', 'ff02::1', 'ff02::1:ff33:4455', 'ff02::1:fe33:4455', 'ff05::1:ff00:1', '::1'];
  const hopLimits = [1, 64, 255];
  const cases: [string, EthernetFrame][] = [];
  for (const src of interesting) {
    for (const hopLimit of hopLimits) {
      cases.push([`RS from ${src} hl ${hopLimit}`, rs({ src, hopLimit })]);
      cases.push([`RA from ${src}`, ra({ src, hopLimit })]);
      cases.push([`MLDv2 report from ${src}`, mldv2Report({ src, hopLimit })]);
      cases.push([`MLD query from ${src}`, mldQuery({ src })]);
    }
    for (const dst of interesting) {
      cases.push([`NS ${src} → ${dst}`, ns({ src, dst, target: dst })]);
      cases.push([`DAD NS → ${dst} for ${src}`, { ...dadNs({ dst }), ipv6: { ...dadNs({ dst }).ipv6!, icmpv6: { ...(dadNs().ipv6!.icmpv6 as Icmpv6Message), target: src } as Icmpv6Message } }]);
      cases.push([`NA → ${dst} target ${src}`, na({ dst, target: src, S: true })]);
      cases.push([`Redirect from ${src} target ${dst}`, redirect({ src, target: dst, destination: interesting[(interesting.indexOf(src) + interesting.indexOf(dst)) % interesting.length] })]);
      cases.push([`Redirect target = destination = ${dst}`, redirect({ src, target: dst, destination: dst })]);
    }
  }

  it(`agree with the text on ${cases.length} encoded and decoded frames`, () => {
    let withViolations = 0;
    for (const [name, f] of cases) {
      const d = decode(encode(f));
      expect(d.error, name).toBeNull();
      expect(d.addressClasses, name).toBeTypeOf('number');
      const fromText = validate(d.frame!, d.checksumValid);
      expect(validate(d.frame!, d.checksumValid, d.addressClasses), name).toEqual(fromText);
      if (fromText.length > 0) withViolations++;
    }
    // The cases reach the address rules, not only the clean path.
    expect(withViolations).toBeGreaterThan(cases.length / 4);
  });

  it('agree with the text on the generated ND mix (with every truncation of some frames)', () => {
    const frames = generateNdMix(3000, 9);
    for (const bytes of [...frames, ...frames.slice(0, 40).flatMap((b) => Array.from({ length: b.length }, (_, n) => b.subarray(0, n)))]) {
      const d = decode(bytes);
      if (!d.frame) continue;
      expect(validate(d.frame, d.checksumValid, d.addressClasses)).toEqual(validate(d.frame, d.checksumValid));
    }
  });

  it('are absent for messages validate does not judge by address', () => {
    const echo = frame({ src: A_MAC, dst: B_MAC }, { src: A_GUA, dst: B_GUA, hopLimit: 64 }, { type: 128, code: 0, identifier: 1, sequence: 1, data: new Uint8Array(4) } as Icmpv6Message);
    expect(decode(encode(echo)).addressClasses).toBeUndefined();
  });
});
