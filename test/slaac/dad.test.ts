import { describe, expect, it } from 'vitest';
import { icmpv6Frame } from '../../src/packet/build.ts';
import { solicitedNodeAddress } from '../../src/packet/address.ts';
import { encode } from '../../src/packet/encode.ts';
import { decode } from '../../src/packet/decode.ts';
import type { EthernetFrame, MldV2Report, NeighborSolicitation, NonceOption } from '../../src/packet/types.ts';
import { makeHost, MAC_A, MAC_B, LL_A, GA_A, S, MS, ROUTER_LL } from './harness.ts';

const ns = (f: EthernetFrame) => f.ipv6!.icmpv6 as NeighborSolicitation;
const nonceOf = (f: EthernetFrame) => (ns(f).options.find((o) => o.type === 14) as NonceOption | undefined)?.nonce;

function foreignDadNs(target: string, nonce?: Uint8Array): EthernetFrame {
  return icmpv6Frame(MAC_B, '::', solicitedNodeAddress(target), { type: 135, code: 0, target, options: nonce ? [{ type: 14, nonce }] : [] });
}
const naFor = (target: string): EthernetFrame =>
  icmpv6Frame(MAC_B, 'fe80::211:22ff:fe66:7788', 'ff02::1', { type: 136, code: 0, flags: { R: false, S: false, O: true }, target, options: [{ type: 2, lladdr: MAC_B }] });

describe('link-local DAD (seed SLAAC flow step 1, v6LC.3.1.1)', () => {
  it('joins the solicited-node group with an MLDv2 report from :: before the DAD probe', () => {
    const h = makeHost();
    h.linkUp();
    const joins = h.log.filter((l) => l.action.kind === 'joinGroup').map((l) => (l.action as { group: string }).group);
    expect(joins).toEqual(['ff02::1', 'ff02::1:ff33:4455']);
    h.advanceBy(3 * S);
    const [report] = h.reports();
    const [probe] = h.dadProbes();
    expect(report.at).toBeLessThanOrEqual(probe.at);
    expect(h.log.findIndex((l) => l.action.kind === 'send' && l.action.frame === report.frame)).toBeLessThan(
      h.log.findIndex((l) => l.action.kind === 'send' && l.action.frame === probe.frame),
    );
    const ip = report.frame.ipv6!;
    expect([report.frame.dst, ip.src, ip.dst, ip.hopLimit]).toEqual(['33:33:00:00:00:16', '::', 'ff02::16', 1]);
    expect(ip.extensionHeaders[0]).toMatchObject({ kind: 'hop-by-hop', options: [{ type: 5 }, { type: 1 }] });
    const mld = ip.icmpv6 as MldV2Report;
    expect(mld.type).toBe(143);
    expect(mld.records).toEqual([{ recordType: 4, multicastAddress: 'ff02::1:ff33:4455', sources: [] }]);
  });

  it('sends the seed frame: src ::, dst ff02::1:ff33:4455 / 33:33:ff:33:44:55, target fe80::211:22ff:fe33:4455, nonce, no SLLA', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceBy(S);
    const [probe] = h.dadProbes();
    const f = probe.frame;
    expect([f.src, f.dst, f.ipv6!.src, f.ipv6!.dst, f.ipv6!.hopLimit]).toEqual([MAC_A, '33:33:ff:33:44:55', '::', 'ff02::1:ff33:4455', 255]);
    expect(ns(f).target).toBe(LL_A);
    expect(ns(f).options.some((o) => o.type === 1)).toBe(false);
    expect(nonceOf(f)?.length).toBe(6);
    // The probe survives the codec: it is a real frame.
    const back = decode(encode(f));
    expect(back.error).toBeNull();
    expect((back.frame!.ipv6!.icmpv6 as NeighborSolicitation).target).toBe(LL_A);
  });

  it('waits a random delay in [0, 1 s) before the first probe (Linux addrconf_dad_kick)', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((seed) => {
      const h = makeHost({ seed });
      h.linkUp();
      h.advanceBy(S);
      return h.dadProbes()[0].at;
    });
    for (const d of delays) expect(d >= 0 && d < S).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('tentative → preferred dad_transmits × RetransTimer after the first probe, then signals router discovery', () => {
    const h = makeHost({ sysctl: { dad_transmits: 3 }, retransMs: 1500 });
    h.linkUp();
    expect(h.state(LL_A)).toBe('tentative');
    h.advanceBy(10 * S);
    const probes = h.dadProbes().map((p) => p.at);
    expect(probes).toHaveLength(3);
    expect(probes[1] - probes[0]).toBe(1500 * MS);
    expect(probes[2] - probes[1]).toBe(1500 * MS);
    const done = h.changes().find((c) => c.to === 'preferred')!;
    expect(done.from).toBe('tentative');
    expect(done.at).toBe(probes[0] + 3 * 1500 * MS);
    expect(done.reason).toMatch(/no answer to 3 DAD probes/);
    expect(h.ready).toEqual([{ address: LL_A, at: done.at }]);
  });

  it('after link-local DAD, MLD reports the memberships again from the link-local address', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceBy(5 * S);
    const fromLl = h.reports().filter((r) => r.frame.ipv6!.src === LL_A);
    expect(fromLl.length).toBe(2);
    expect(fromLl[1].at - fromLl[0].at).toBeLessThan(S);
  });

  it('repeats the unsolicited report robustness (2) times, the second within the 1 s interval', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceTo(S - 1);
    const fromAny = h.reports().filter((r) => r.frame.ipv6!.src === '::');
    expect(fromAny).toHaveLength(2);
    expect(fromAny[1].at - fromAny[0].at).toBeLessThan(S);
  });

  it('global address from the RA gets its own DAD probe (seed step 4) without a new MLD join (same group)', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceBy(3 * S);
    const reportsBefore = h.reports().length;
    h.ra([{}]);
    h.advanceBy(3 * S);
    const probe = h.dadProbes().at(-1)!.frame;
    expect(ns(probe).target).toBe(GA_A);
    expect([probe.dst, probe.ipv6!.src, probe.ipv6!.dst]).toEqual(['33:33:ff:33:44:55', '::', 'ff02::1:ff33:4455']);
    expect(h.reports().length).toBe(reportsBefore);
    expect(h.state(GA_A)).toBe('preferred');
  });
});

describe('DAD collisions (v6LC.3.1.2, RFC 7527)', () => {
  it('tentative → duplicate on an NA for the target (B); a permanent link-local stays as dadfailed', () => {
    const h = makeHost();
    h.linkUp();
    expect(h.receive(naFor(LL_A))).toBe(true);
    expect(h.state(LL_A)).toBe('duplicate');
    const c = h.changes().at(-1)!;
    expect([c.from, c.to, c.reasonId]).toEqual(['tentative', 'duplicate', 'dad-failed']);
    expect(c.reason).toContain(`eth0: IPv6 duplicate address ${LL_A} used by ${MAC_B} detected!`);
    h.advanceBy(5 * S);
    expect(h.dadProbes()).toHaveLength(0);
    expect(h.ready).toHaveLength(0);
    expect(h.table.selectSource('ff02::2')).toBeNull();
  });

  it('tentative → duplicate on a DAD NS from :: for the same target (D)', () => {
    const h = makeHost();
    h.linkUp();
    expect(h.receive(foreignDadNs(LL_A))).toBe(true);
    expect(h.state(LL_A)).toBe('duplicate');
  });

  it('NS or NA for other targets change nothing (A, C)', () => {
    const h = makeHost();
    h.linkUp();
    expect(h.receive(foreignDadNs('fe80::1'))).toBe(false);
    expect(h.receive(naFor('fe80::1'))).toBe(false);
    h.advanceBy(3 * S);
    expect(h.state(LL_A)).toBe('preferred');
  });

  it('ignores its own looped-back probe (nonce matches) and completes DAD', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceBy(S);
    const own = h.dadProbes()[0].frame;
    expect(h.receive(own)).toBe(true);
    expect(h.drops().at(-1)).toMatch(/IPv6 DAD loopback for address .* ignored/);
    h.advanceBy(3 * S);
    expect(h.state(LL_A)).toBe('preferred');
  });

  it('a probe with another nonce is a duplicate (RFC 7527 §4.2)', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceBy(S);
    const other = nonceOf(h.dadProbes()[0].frame)!.map((b) => b ^ 0xff);
    expect(h.receive(foreignDadNs(LL_A, other))).toBe(true);
    expect(h.state(LL_A)).toBe('duplicate');
  });

  it('without enhanced_dad the probe has no nonce', () => {
    const h = makeHost({ sysctl: { enhanced_dad: 0 } });
    h.linkUp();
    h.advanceBy(S);
    expect(nonceOf(h.dadProbes()[0].frame)).toBeUndefined();
  });

  it('an NS from a unicast source for a tentative address is silently discarded, DAD goes on (v6LC.3.1.5)', () => {
    const h = makeHost();
    h.linkUp();
    const resolve = icmpv6Frame(MAC_B, ROUTER_LL, 'ff02::1:ff33:4455', { type: 135, code: 0, target: LL_A, options: [{ type: 1, lladdr: MAC_B }] });
    expect(h.receive(resolve)).toBe(true);
    h.advanceBy(3 * S);
    expect(h.state(LL_A)).toBe('preferred');
  });

  it('a DAD NS to the wrong destination or with an SLLA is not a probe (v6LC.3.1.3)', () => {
    const h = makeHost();
    h.linkUp();
    const wrongDst = icmpv6Frame(MAC_B, '::', 'ff02::1', { type: 135, code: 0, target: LL_A, options: [] });
    const withSlla = icmpv6Frame(MAC_B, '::', 'ff02::1:ff33:4455', { type: 135, code: 0, target: LL_A, options: [{ type: 1, lladdr: MAC_B }] });
    h.receive(wrongDst);
    h.receive(withSlla);
    expect(h.drops()).toEqual(['ICMPv6 NS: bad DAD packet (wrong destination)', 'ICMPv6 NS: bad DAD packet (link-layer address option)']);
    h.advanceBy(3 * S);
    expect(h.state(LL_A)).toBe('preferred');
  });

  it('a DAD NS for an address past DAD is left to the neighbour cache to answer', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceBy(3 * S);
    expect(h.receive(foreignDadNs(LL_A))).toBe(false);
    expect(h.state(LL_A)).toBe('preferred');
  });

  it('a dynamic (SLAAC) address that fails DAD is deleted: tentative → duplicate → removed', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceBy(3 * S);
    h.ra([{}]);
    h.receive(naFor(GA_A));
    expect(h.state(GA_A)).toBeUndefined();
    const seq = h.changes().filter((c) => c.key === GA_A).map((c) => [c.from, c.to]);
    expect(seq).toEqual([[null, 'tentative'], ['tentative', 'duplicate'], ['duplicate', null]]);
  });
});

describe('duplicate MAC-based link-local (RFC 4862 §5.4.5, v6LC.3.1.2 judgement)', () => {
  it('accept_dad=1 (Linux default): only dadfailed, IPv6 stays on, and the reason says what the RFC asks', () => {
    const h = makeHost();
    h.linkUp();
    h.receive(naFor(LL_A));
    expect(h.table.isIpv6Disabled()).toBe(false);
    expect(h.changes().at(-1)!.reason).toMatch(/RFC 4862 §5.4.5 says IP operation SHOULD be disabled.*accept_dad=2/);
  });

  it('accept_dad=2: IPv6 is disabled; no RA, probe or report is handled afterwards', () => {
    const h = makeHost({ sysctl: { accept_dad: 2 } });
    h.linkUp();
    h.receive(naFor(LL_A));
    expect(h.table.isIpv6Disabled()).toBe(true);
    const c = h.changes('interface')[0];
    expect([c.from, c.to, c.rfc]).toEqual(['ipv6', 'ipv6-disabled', 'RFC 4862 §5.4.5']);
    expect(c.reason).toContain('eth0: IPv6 being disabled!');
    const sentBefore = h.sent().length;
    h.ra([{}]);
    h.advanceBy(20 * S);
    expect(h.sent().length).toBe(sentBefore);
    expect(h.state(GA_A)).toBeUndefined();
  });

  it('accept_dad=2 does not disable IPv6 for a duplicate that is not MAC-based', () => {
    const h = makeHost({ sysctl: { accept_dad: 2 } });
    h.linkUp();
    h.act((out, now) => h.table.addManual({ address: 'fe80::1', prefixLength: 64 }, now, out));
    h.receive(naFor('fe80::1'));
    expect(h.state('fe80::1')).toBe('duplicate');
    expect(h.table.isIpv6Disabled()).toBe(false);
  });
});

describe('optimistic DAD (RFC 4429)', () => {
  it('optimistic_dad=1: usable at once, first probe without delay, restrictions exposed, then preferred', () => {
    const h = makeHost({ sysctl: { optimistic_dad: 1 } });
    h.linkUp();
    expect(h.state(LL_A)).toBe('optimistic');
    expect(h.table.optimisticRules(LL_A)).toEqual({ sllaInNs: false, sllaInRs: false, overrideInNa: false });
    expect(h.table.selectSource('ff02::2')).toBe(LL_A);
    h.advanceTo(0);
    expect(h.dadProbes().map((p) => p.at)).toEqual([0]);
    h.advanceBy(2 * S);
    expect(h.state(LL_A)).toBe('preferred');
    expect(h.table.optimisticRules(LL_A)).toEqual({ sllaInNs: true, sllaInRs: true, overrideInNa: true });
  });

  it('an optimistic address answers resolution (not DAD business) but still fails on a DAD NS', () => {
    const h = makeHost({ sysctl: { optimistic_dad: 1 } });
    h.linkUp();
    const resolve = icmpv6Frame(MAC_B, ROUTER_LL, 'ff02::1:ff33:4455', { type: 135, code: 0, target: LL_A, options: [{ type: 1, lladdr: MAC_B }] });
    expect(h.receive(resolve)).toBe(false);
    h.receive(foreignDadNs(LL_A));
    expect(h.state(LL_A)).toBe('duplicate');
  });

  it('SLAAC addresses are optimistic only when the RA carried an SLLA (Linux)', () => {
    const h = makeHost({ sysctl: { optimistic_dad: 1 } });
    h.linkUp();
    h.advanceBy(3 * S);
    h.ra([{}], false);
    expect(h.state(GA_A)).toBe('tentative');
    const h2 = makeHost({ sysctl: { optimistic_dad: 1 } });
    h2.linkUp();
    h2.advanceBy(3 * S);
    h2.ra([{}], true);
    expect(h2.state(GA_A)).toBe('optimistic');
  });

  it('manual addresses are never optimistic (RFC 4429 §3.1)', () => {
    const h = makeHost({ sysctl: { optimistic_dad: 1 } });
    h.linkUp();
    h.act((out, now) => h.table.addManual({ address: '2001:db8::80', prefixLength: 64 }, now, out));
    expect(h.state('2001:db8::80')).toBe('tentative');
  });
});
