// ndisc_notify: the unsolicited NAs of RFC 4861 §7.2.6 / RFC 9131 §4 as
// Linux sends them: ONE per address (ndisc_send_unsol_na) on a MAC change
// (NETDEV_CHANGEADDR) and at link-up (NETDEV_UP), and one for an address
// whose DAD completes while it was tentative, not optimistic
// (addrconf_dad_completed's send_na), always to ff02::1 with S=0, O=1
// (0 for an optimistic address), R = forwarding, the current MAC as TLLA.

import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/nd/machine.ts';
import { addressFromPrefix, eui64InterfaceId, linkLocalFromMac, multicastMac } from '../../src/packet/address.ts';
import type { NeighborAdvertisement } from '../../src/packet/types.ts';
import { IF, NUT_MAC, PREFIX, TAHI_HOST_SYSCTL, TN1, na, naOf, simLan, simPair, type Lab, type SentFrame } from './harness.ts';

const ALL_NODES = 'ff02::1';
const NUT_LL = linkLocalFromMac(NUT_MAC);
const GA = addressFromPrefix(PREFIX, eui64InterfaceId(NUT_MAC));
const NEW_MAC = '00:11:22:33:44:99';

/** Unsolicited NAs the NUT sent to all-nodes since `t`. */
function announcements(lab: Lab, since = 0, from = 'nut'): SentFrame[] {
  return lab.frames({ from, type: 136, dst: ALL_NODES, since });
}

/** Checks one announcement's addresses, flags and option, as Linux builds it. */
function expectAnnouncement(f: SentFrame, target: string, mac: string, flags: { R: boolean; O: boolean }): void {
  const m: NeighborAdvertisement = naOf(f);
  expect(m.target).toBe(target);
  expect(f.ip.src).toBe(target); // ndisc_send_na: the address itself is the source
  expect(f.ip.dst).toBe(ALL_NODES);
  expect(f.frame.dst).toBe(multicastMac(ALL_NODES));
  expect(f.frame.src).toBe(mac);
  expect(f.ip.hopLimit).toBe(255);
  expect(m.flags).toMatchObject({ R: flags.R, S: false, O: flags.O });
  expect(m.options).toEqual([{ type: 2, lladdr: mac }]);
}

/** The instant `address` became preferred on `node`. */
function preferredAt(lab: Lab, address: string, node = 'nut'): number {
  const e = lab.states({ node, machine: 'address', key: address }).find((s) => s.to === 'preferred');
  expect(e, `${address} never became preferred`).toBeDefined();
  return e!.time;
}

/** A NUT on the link with one global address added by hand (DAD on), all past DAD. */
function nutWithAddress(sysctl: Record<string, unknown>, role: 'host' | 'router' = 'host'): Lab {
  const lab = simPair({ role, sysctl: { ...TAHI_HOST_SYSCTL, ...sysctl } }).ready();
  lab.command('ip-addr-add', { address: GA, prefixLength: 64 });
  lab.run(3);
  expect(lab.iface().addresses.addressUse(GA)).toBe('preferred');
  return lab;
}

function changeMac(lab: Lab, mac: string, node = 'nut'): number {
  const t = lab.now;
  lab.sim.setMac(node, IF, mac);
  lab.command('set-mac', { mac }, node);
  return t;
}

describe('ndisc_notify on a MAC change (Linux NETDEV_CHANGEADDR → ndisc_send_unsol_na)', () => {
  it('one NA per address, not MAX_NEIGHBOR_ADVERTISEMENT: to ff02::1, S=0, O=1, R=0, the new MAC as TLLA', () => {
    const lab = nutWithAddress({ ndisc_notify: 1 });
    const t = changeMac(lab, NEW_MAC);
    lab.run(5); // well past 2 × RetransTimer: no repeat may follow
    const nas = announcements(lab, t);
    expect(nas.map((f) => naOf(f).target).sort()).toEqual([GA, NUT_LL].sort());
    for (const f of nas) {
      expect(f.time).toBe(t);
      expectAnnouncement(f, naOf(f).target, NEW_MAC, { R: false, O: true });
    }
  });

  it('skips an address still tentative (its DAD will announce it) and sends nothing for it later but that one', () => {
    const lab = simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ndisc_notify: 1 } }).ready();
    lab.command('ip-addr-add', { address: GA, prefixLength: 64 });
    lab.run(0.01);
    expect(lab.iface().addresses.addressUse(GA)).toBe('tentative');
    const t = changeMac(lab, NEW_MAC);
    lab.run(0.001);
    expect(announcements(lab, t).map((f) => naOf(f).target)).toEqual([NUT_LL]);
    lab.run(5);
    // DAD for GA completes afterwards: one NA for GA, with the MAC it has now.
    const later = announcements(lab, t + 1).filter((f) => naOf(f).target === GA);
    expect(later).toHaveLength(1);
    expect(later[0].time).toBe(preferredAt(lab, GA));
    expectAnnouncement(later[0], GA, NEW_MAC, { R: false, O: true });
  });

  it('a router sets R=1 (Linux: router = forwarding)', () => {
    const lab = nutWithAddress({ ndisc_notify: 1 }, 'router');
    const t = changeMac(lab, NEW_MAC);
    lab.run(5);
    const nas = announcements(lab, t);
    expect(nas.length).toBeGreaterThanOrEqual(2);
    for (const f of nas) expectAnnouncement(f, naOf(f).target, NEW_MAC, { R: true, O: true });
  });

  it('ndisc_notify = 0 (Linux default): a MAC change is not announced', () => {
    const lab = nutWithAddress({ ndisc_notify: 0 });
    const t = changeMac(lab, NEW_MAC);
    lab.run(5);
    expect(announcements(lab, t)).toEqual([]);
  });

  // A peer's cache following the announcement (STALE, new MAC): the RFC 4861
  // §7.2.6 row of conformance-b-resolution.test.ts.
});

describe('ndisc_notify when DAD completes (Linux addrconf_dad_completed, send_na)', () => {
  it('one NA for the link-local address at the instant it becomes preferred, after its MLD report and before the first RS', () => {
    const lab = simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ndisc_notify: 1 } });
    lab.run(5);
    const at = preferredAt(lab, NUT_LL);
    const nas = announcements(lab);
    expect(nas).toHaveLength(1);
    expect(nas[0].time).toBe(at);
    expectAnnouncement(nas[0], NUT_LL, NUT_MAC, { R: false, O: true });
    // addrconf_dad_completed's order at that instant: MLD report, NA, RS.
    const same = lab.frames({ since: at, until: at }).map((f) => f.msg.type);
    expect(same.indexOf(136)).toBeGreaterThan(same.indexOf(143));
    expect(same.indexOf(133)).toBeGreaterThan(same.indexOf(136));
  });

  it('one NA for an address added by hand, when its DAD ends, and never again', () => {
    const lab = nutWithAddress({ ndisc_notify: 1 });
    lab.run(10);
    const nas = announcements(lab).filter((f) => naOf(f).target === GA);
    expect(nas).toHaveLength(1);
    expect(nas[0].time).toBe(preferredAt(lab, GA));
    expectAnnouncement(nas[0], GA, NUT_MAC, { R: false, O: true });
  });

  it('ndisc_notify = 0: no unsolicited NA at all', () => {
    const lab = nutWithAddress({ ndisc_notify: 0 });
    lab.run(5);
    expect(announcements(lab)).toEqual([]);
  });

  it('a router announces with R=1', () => {
    const lab = nutWithAddress({ ndisc_notify: 1 }, 'router');
    const nas = announcements(lab);
    expect(nas.map((f) => naOf(f).target).sort()).toEqual([GA, NUT_LL].sort());
    for (const f of nas) expectAnnouncement(f, naOf(f).target, NUT_MAC, { R: true, O: true });
  });

  it('nodad: never tentative, so nothing to announce (send_na is false)', () => {
    const lab = simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ndisc_notify: 1 } }).ready();
    const t = lab.now;
    lab.command('ip-addr-add', { address: GA, prefixLength: 64, nodad: true });
    lab.run(3);
    expect(lab.iface().addresses.addressUse(GA)).toBe('preferred');
    expect(announcements(lab, t)).toEqual([]);
  });

  it('a duplicate is not announced (DAD failed)', () => {
    const lab = simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ndisc_notify: 1 } }).ready();
    const t = lab.now;
    lab.command('ip-addr-add', { address: GA, prefixLength: 64 });
    lab.run(0.01);
    // TN1 already owns GA: its NA for the tentative target makes it a duplicate (RFC 4862 §5.4.4).
    lab.send(na(TN1, { target: GA, src: GA, dst: ALL_NODES, S: false }));
    lab.run(3);
    expect(lab.iface().addresses.addressUse(GA)).toBe('duplicate');
    expect(announcements(lab, t)).toEqual([]);
  });

  it('accept_dad = 0: DAD is skipped, yet the address was tentative, so one NA each (not one from link-up and one from DAD)', () => {
    const lab = simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ndisc_notify: 1, accept_dad: 0 } });
    lab.run(0.001);
    expect(lab.iface().addresses.addressUse(NUT_LL)).toBe('preferred');
    lab.command('ip-addr-add', { address: GA, prefixLength: 64 });
    lab.run(3);
    const targets = announcements(lab).map((f) => naOf(f).target);
    expect(targets).toEqual([NUT_LL, GA]);
  });

  it('an optimistic address: announced at link-up with O=0 (NETDEV_UP), not again when DAD ends', () => {
    const lab = simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ndisc_notify: 1, optimistic_dad: 1 } });
    lab.run(5);
    expect(lab.iface().addresses.addressUse(NUT_LL)).toBe('preferred');
    const nas = announcements(lab);
    expect(nas).toHaveLength(1);
    expect(nas[0].time).toBe(0);
    expectAnnouncement(nas[0], NUT_LL, NUT_MAC, { R: false, O: false });
  });

  it('a router with accept_untracked_na = 1 learns an address from it, with no traffic at all (RFC 9131 §4)', () => {
    const lab = simLan([
      { name: 'r', role: 'router', sysctl: { accept_untracked_na: 1 } },
      { name: 'h', sysctl: { ...TAHI_HOST_SYSCTL, ndisc_notify: 1 } },
    ]).ready('r').ready('h');
    const ga = addressFromPrefix(PREFIX, eui64InterfaceId(lab.iface('h').mac));
    lab.command('ip-addr-add', { address: ga, prefixLength: 64 }, 'h');
    lab.run(3);
    expect(lab.frames({ from: 'r', type: 135, target: ga })).toEqual([]); // no resolution needed
    expect(lab.neighbor(ga, 'r')).toMatchObject({ state: 'STALE', lladdr: lab.iface('h').mac, isRouter: false });
  });
});

describe('notifyPeers (Linux NETDEV_NOTIFY_PEERS): whatever ndisc_notify says', () => {
  it('one NA per usable address, tentative ones left out', () => {
    const lab = nutWithAddress({ ndisc_notify: 0 });
    lab.command('ip-addr-add', { address: '2001:db8:1::77', prefixLength: 64 });
    lab.run(0.01);
    const out: Action[] = [];
    lab.iface().notifyPeers(lab.now, out);
    const sent = out.flatMap((a) => (a.kind === 'send' ? [a.frame] : []));
    expect(sent.map((f) => (f.ipv6!.icmpv6 as NeighborAdvertisement).target).sort()).toEqual([GA, NUT_LL].sort());
    for (const f of sent) {
      const m = f.ipv6!.icmpv6 as NeighborAdvertisement;
      expect([f.dst, f.ipv6!.dst, f.ipv6!.src]).toEqual([multicastMac(ALL_NODES), ALL_NODES, m.target]);
      expect(m.flags).toMatchObject({ R: false, S: false, O: true });
    }
    expect(out.some((a) => a.kind === 'setTimer')).toBe(false); // no repeats
  });
});
