// Conformance §2 D: Duplicate Address Detection (RFC 4862 §5.4) through the
// whole stack on a simulated link. The tester waits for the NUT's own DAD
// probe, answers (or not) with crafted frames, and judges as TAHI does: a
// later NS for the address is answered (assigned) or not (duplicate).

import { describe, expect, it } from 'vitest';
import { solicitedNodeAddress } from '../../src/packet/address.ts';
import type { EthernetFrame } from '../../src/packet/types.ts';
import {
  badChecksum,
  expectFrames,
  na,
  naOf,
  ns,
  nsOf,
  NUT_GA,
  NUT_LL,
  NUT_MAC,
  option,
  PREFIX,
  ra,
  runUntilDadProbe,
  runUntilSent,
  S,
  simLan,
  simPair,
  TAHI_HOST_SYSCTL,
  TN1,
  TR1,
  truncated,
  zeroLengthOption,
  type Lab,
} from './harness.ts';

type Bytes = EthernetFrame | Uint8Array;

/** A NUT whose link comes up at t=0; the link-local address is tentative until DAD ends. */
const booting = (sysctl: Record<string, unknown> = {}): Lab => simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ...sysctl } });

/** TAHI's check: TN1 asks for `addr` (multicast NS from its link-local); true when the NUT answers with S=1, O=1. */
function answersFor(lab: Lab, addr = NUT_LL): boolean {
  const t = lab.now;
  lab.send(ns(TN1, { target: addr }));
  lab.run(0.1);
  const nas = lab.frames({ type: 136, since: t, target: addr });
  for (const f of nas) expect(naOf(f).flags).toMatchObject({ S: true, O: true });
  return nas.length > 0;
}

/** A DAD NS from the tester for `target` (src ::, to its solicited-node group, no options). */
const dadNs = (target = NUT_LL, extra: Parameters<typeof ns>[1] = {}) => ns(TN1, { src: '::', target, slla: null, ...extra });
/** The NA a node already owning `target` would send (to all-nodes, S=0, O=1, TLLA). */
const dadNa = (target = NUT_LL, extra: Parameters<typeof na>[1] = {}) => na(TN1, { target, src: TN1.ll, dst: 'ff02::1', S: false, O: true, ...extra });

describe('v6LC.3.1.1 DAD probe and answer (RFC 4862 §5.4.2, §5.4; RFC 4861 §7.2.4)', () => {
  it('v6LC.3.1.1: before using its link-local address the NUT sends a DAD NS: src ::, dst solicited-node group, target the tentative address, no SLLA', () => {
    const lab = booting();
    const probe = runUntilDadProbe(lab, NUT_LL);
    expect(probe.ip.dst).toBe(solicitedNodeAddress(NUT_LL));
    expect(probe.ip.hopLimit).toBe(255);
    expect(option(probe.msg, 1)).toBeUndefined();
    expect(nsOf(probe).target).toBe(NUT_LL);
    // Nothing is sent from the address before DAD has had RetransTimer to fail.
    lab.run(3);
    const first = lab.frames({ src: NUT_LL })[0];
    expect(first.time - probe.time).toBeGreaterThanOrEqual(1 * S);
  });

  for (const role of ['host', 'router'] as const) {
    it(`v6LC.3.1.1 (judgement #2, ${role}): after DAD, a DAD NS for the address is answered to ff02::1 from it, S=0 O=1 R=${role === 'router' ? 1 : 0}, with TLLA`, () => {
      const lab = simPair({ role, sysctl: role === 'host' ? TAHI_HOST_SYSCTL : {} }).ready();
      const t = lab.now;
      lab.send(dadNs());
      const [f] = expectFrames(lab.sink, { type: 136, since: t }, 1);
      expect(f.ip).toMatchObject({ src: NUT_LL, dst: 'ff02::1', hopLimit: 255 });
      expect(naOf(f)).toMatchObject({ target: NUT_LL, flags: { S: false, O: true, R: role === 'router' } });
      expect(option(f.msg, 2)).toEqual({ type: 2, lladdr: NUT_MAC });
    });
  }
});

describe('v6LC.3.1.2 A–D DAD NS and NA for the tentative address (RFC 4862 §5.4.3, §5.4.4)', () => {
  const parts: [string, string, () => Bytes, boolean][] = [
    ['A', 'a DAD NS for another target', () => dadNs('fe80::1234'), false],
    ['B', 'a DAD NS for the tentative address', () => dadNs(), true],
    ['C', 'an NA for another target', () => dadNa('fe80::1234'), false],
    ['D', 'an NA for the tentative address', () => dadNa(), true],
  ];
  for (const [part, what, make, duplicate] of parts) {
    it(`v6LC.3.1.2 ${part}: ${what} during DAD → ${duplicate ? 'duplicate: the address is not assigned' : 'no effect: the address is assigned'}`, () => {
      const lab = booting();
      runUntilDadProbe(lab, NUT_LL);
      lab.send(make());
      lab.run(3);
      expect(answersFor(lab)).toBe(!duplicate);
      expect(lab.iface().addresses.addressUse(NUT_LL)).toBe(duplicate ? 'duplicate' : 'preferred');
    });
  }

  it('ns-3 ipv6-duplicate-address-detection: two nodes whose DAD probes cross on the wire both see a duplicate', () => {
    // No random DAD delay: both probes go out at the same instant.
    const sysctl = { ...TAHI_HOST_SYSCTL, router_solicitation_delay: 0 };
    const lab = simLan([{ name: 'a', sysctl }, { name: 'b', sysctl }]).ready('a').ready('b');
    const addr = '2001:db8:1::1';
    lab.command('ip-addr-add', { address: addr, prefixLength: 64 }, 'a');
    lab.command('ip-addr-add', { address: addr, prefixLength: 64 }, 'b');
    lab.run(3);
    expect(lab.iface('a').addresses.addressUse(addr)).toBe('duplicate');
    expect(lab.iface('b').addresses.addressUse(addr)).toBe('duplicate');
  });

  it('RFC 4862 §5.4.3 (staggered DAD): the node that hears the other\'s probe first gives up; the other keeps the address', () => {
    const lab = simLan([{ name: 'a', sysctl: TAHI_HOST_SYSCTL }, { name: 'b', sysctl: TAHI_HOST_SYSCTL }]).ready('a').ready('b');
    const addr = '2001:db8:1::1';
    const t = lab.now;
    lab.command('ip-addr-add', { address: addr, prefixLength: 64 }, 'a');
    lab.command('ip-addr-add', { address: addr, prefixLength: 64 }, 'b');
    lab.run(3);
    const probes = ['a', 'b'].flatMap((n) => lab.frames({ from: n, type: 135, src: '::', target: addr, since: t }));
    expect(probes.length).toBe(1); // the second node never sends its own
    const winner = probes[0].node;
    const loser = winner === 'a' ? 'b' : 'a';
    expect(lab.iface(winner).addresses.addressUse(addr)).toBe('preferred');
    expect(lab.iface(loser).addresses.addressUse(addr)).toBe('duplicate');
  });
});

describe('v6LC.3.1.3 A–H invalid DAD NS are ignored (RFC 4862 §5.4.3; RFC 4861 §7.1.1)', () => {
  const parts: [string, string, () => Bytes][] = [
    ['A', 'ICMP length 20 (< 24)', () => truncated(dadNs(), 20)],
    ['B', 'hop limit 254', () => dadNs(NUT_LL, { hopLimit: 254 })],
    ['C', 'the tentative unicast address as destination', () => dadNs(NUT_LL, { dst: NUT_LL })],
    ['D', 'all-nodes as destination', () => dadNs(NUT_LL, { dst: 'ff02::1' })],
    ['E', 'code 1', () => dadNs(NUT_LL, { code: 1 })],
    ['F', 'a bad checksum', () => badChecksum(dadNs())],
    ['G', 'a multicast target', () => dadNs('ff02::1', { dst: solicitedNodeAddress(NUT_LL) })],
    ['H', 'an SLLA option with source ::', () => dadNs(NUT_LL, { slla: TN1.mac })],
  ];
  for (const [part, what, make] of parts) {
    it(`v6LC.3.1.3 ${part}: a DAD NS with ${what} is ignored: the address is assigned`, () => {
      const lab = booting();
      runUntilDadProbe(lab, NUT_LL);
      lab.send(make());
      lab.run(3);
      expect(lab.iface().addresses.addressUse(NUT_LL)).toBe('preferred');
      expect(answersFor(lab)).toBe(true);
    });
  }

  for (const [part, what, make] of [
    ['I', 'a non-zero Reserved field', () => dadNs(NUT_LL, { reserved: 0xffffffff })],
    ['J', 'a TLLA option', () => dadNs(NUT_LL, { tlla: TN1.mac })],
  ] as const) {
    it(`v6LC.3.1.3 ${part}: a DAD NS with ${what} is valid: DAD fails, no NA afterwards`, () => {
      const lab = booting();
      runUntilDadProbe(lab, NUT_LL);
      lab.send(make());
      lab.run(3);
      expect(lab.iface().addresses.addressUse(NUT_LL)).toBe('duplicate');
      expect(answersFor(lab)).toBe(false);
    });
  }
});

describe('v6LC.3.1.4 A–I NA during DAD (RFC 4862 §5.4.4; RFC 4861 §7.1.2)', () => {
  const parts: [string, string, () => Bytes][] = [
    ['A', 'ICMP length 20 (< 24)', () => truncated(dadNa(NUT_LL, { tlla: null }), 20)],
    ['B', 'hop limit 254', () => dadNa(NUT_LL, { hopLimit: 254 })],
    ['C', 'code 1', () => dadNa(NUT_LL, { code: 1 })],
    ['D', 'a bad checksum', () => badChecksum(dadNa())],
    ['E', 'S=1 to a multicast destination', () => dadNa(NUT_LL, { S: true })],
    ['F', 'a multicast target', () => dadNa('ff02::1')],
    ['G', 'an option of length 0', () => zeroLengthOption(dadNa())],
  ];
  for (const [part, what, make] of parts) {
    it(`v6LC.3.1.4 ${part}: an NA with ${what} is ignored: the address is assigned`, () => {
      const lab = booting();
      runUntilDadProbe(lab, NUT_LL);
      lab.send(make());
      lab.run(3);
      expect(answersFor(lab)).toBe(true);
    });
  }

  for (const [part, what, make] of [
    ['H', 'a non-zero Reserved field', () => dadNa(NUT_LL, { reserved: 0x1fffffff })],
    ['I', 'an SLLA option', () => dadNa(NUT_LL, { slla: TN1.mac })],
  ] as const) {
    it(`v6LC.3.1.4 ${part}: an NA with ${what} is valid: DAD fails`, () => {
      const lab = booting();
      runUntilDadProbe(lab, NUT_LL);
      lab.send(make());
      lab.run(3);
      expect(answersFor(lab)).toBe(false);
    });
  }
});

describe('v6LC.3.1.5 NS from a unicast source for a tentative address (RFC 4862 §5.4.3)', () => {
  for (const [part, dst] of [['A', undefined], ['B', NUT_LL]] as const) {
    it(`v6LC.3.1.5 ${part}: an address-resolution NS ${dst ? 'sent to the tentative address' : 'to its solicited-node group'} is dropped: no NA, no DAD failure`, () => {
      const lab = booting();
      const probe = runUntilDadProbe(lab, NUT_LL);
      lab.send(ns(TN1, dst ? { dst } : {}));
      lab.run(0.5);
      expect(lab.frames({ type: 136, since: probe.time })).toEqual([]);
      lab.run(2.5);
      expect(answersFor(lab)).toBe(true);
    });
  }
});

describe('RFC 4862 §5.4.5 after DAD fails on a hardware-derived link-local address', () => {
  it('v6LC.3.1.2 B (5.0.7 judgement), accept_dad=2: IPv6 is disabled: no RS in the 13 s window, no NA', () => {
    const lab = booting({ accept_dad: 2 });
    const probe = runUntilDadProbe(lab, NUT_LL);
    lab.send(dadNa());
    lab.run(14);
    expect(lab.iface().addresses.isIpv6Disabled()).toBe(true);
    expect(lab.frames({ type: 133 })).toEqual([]);
    expect(answersFor(lab)).toBe(false);
    expect(lab.frames({ since: probe.time + 1 }).filter((f) => f.msg.type !== 143)).toEqual([]);
  });

  it('RFC 4862 §5.4.5, Linux default accept_dad=1: the address stays unusable (dadfailed), so no RS goes out and no NA', () => {
    const lab = booting();
    runUntilDadProbe(lab, NUT_LL);
    lab.send(dadNa());
    lab.run(14);
    expect(lab.frames({ type: 133 })).toEqual([]);
    expect(answersFor(lab)).toBe(false);
  });
});

describe('v6LC.3.2.1 / 3.2.7 DAD of SLAAC addresses', () => {
  it('v6LC.3.2.1 A: the global address formed from an RA is probed by DAD, then answered for', () => {
    const lab = booting().ready();
    const t = lab.now;
    lab.send(ra(TR1));
    const probe = runUntilDadProbe(lab, NUT_GA);
    expect(probe.time).toBeGreaterThanOrEqual(t);
    lab.run(2);
    expect(answersFor(lab, NUT_GA)).toBe(true);
  });

  it('v6LC.3.2.1 B: a duplicate on the global address leaves it unassigned while the link-local stays', () => {
    const lab = booting().ready();
    lab.send(ra(TR1));
    runUntilDadProbe(lab, NUT_GA);
    lab.send(dadNa(NUT_GA));
    lab.run(2);
    expect(answersFor(lab, NUT_GA)).toBe(false);
    expect(answersFor(lab, NUT_LL)).toBe(true);
  });

  for (const [part, mode] of [['A', 2], ['B', 3]] as const) {
    it(`v6LC.3.2.7 ${part} (RFC 7217 §6, addr_gen_mode=${mode}): a DAD conflict makes a new identifier, probed after IDGEN_DELAY (1 s)`, () => {
      const lab = booting({ addr_gen_mode: mode, ...(mode === 2 ? { stable_secret: '2001:db8::1:2:3:4' } : {}) }).ready();
      lab.send(ra(TR1));
      const first = runUntilSent(lab, { type: 135, src: '::' });
      const a1 = nsOf(first).target;
      expect(a1.startsWith(PREFIX.slice(0, -1))).toBe(true);
      lab.send(dadNa(a1));
      const second = runUntilSent(lab, { type: 135, src: '::', since: lab.now });
      const a2 = nsOf(second).target;
      expect(a2).not.toBe(a1);
      expect(a2.startsWith(PREFIX.slice(0, -1))).toBe(true);
      expect(second.time - first.time).toBeGreaterThanOrEqual(1 * S);
      lab.run(3);
      expect(answersFor(lab, a2)).toBe(true);
    });
  }
});
