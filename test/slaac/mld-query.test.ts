// The MLD listener answering queries (RFC 3810 §6.2, §6.3) and its MLDv1
// compatibility mode (RFC 3810 §8.2.1, §9.12), driven through the address
// table as the interface would (AddressTable.onMld), with queries that went
// through encode → decode like frames from a real link.

import { describe, expect, it } from 'vitest';
import { encode } from '../../src/packet/encode.ts';
import { decode } from '../../src/packet/decode.ts';
import { icmpv6Frame } from '../../src/packet/build.ts';
import type { Action, Nanos } from '../../src/nd/machine.ts';
import type { EthernetFrame, Ip6, MldV1, MldV2Report } from '../../src/packet/types.ts';
import { maxResponseDelayMs, MldListener, queryIntervalS } from '../../src/slaac/mld.ts';
import { LL_A, MAC_B, makeHost, MS, ROUTER_LL, S, seeded } from './harness.ts';

const SN_LL = 'ff02::1:ff33:4455'; // solicited-node group of LL_A
const MANUAL = '2001:db8::1234';
const SN_MANUAL = 'ff02::1:ff00:1234';

interface QueryOpts {
  src?: Ip6;
  group?: Ip6;
  /** Maximum Response Code (MLDv2) or Delay (MLDv1), ms. */
  mrc?: number;
  v1?: boolean;
  qrv?: number;
  qqic?: number;
  sources?: Ip6[];
  hopLimit?: number;
  routerAlert?: boolean;
}

/** A query as it arrives: built, encoded, decoded again. */
function query(o: QueryOpts = {}): EthernetFrame {
  const group = o.group ?? '::';
  const msg: MldV1 = { type: 130, code: 0, maxResponseDelay: o.mrc ?? 10000, multicastAddress: group };
  if (!o.v1) msg.v2 = { sFlag: false, qrv: o.qrv ?? 2, qqic: o.qqic ?? 125, sources: o.sources ?? [] };
  const f = icmpv6Frame(MAC_B, o.src ?? ROUTER_LL, group === '::' ? 'ff02::1' : group, msg, { hopLimit: o.hopLimit ?? 1, routerAlert: o.routerAlert ?? true });
  const d = decode(encode(f));
  expect(d.error).toBeNull();
  expect(d.checksumValid).toBe(true);
  return d.frame!;
}

/** A host past DAD with two reportable groups (SN_LL, SN_MANUAL) and all-nodes. */
function settledHost(sysctl: Record<string, unknown> = {}, seed = 1) {
  const h = makeHost({ sysctl, seed });
  h.linkUp();
  h.act((out, t) => h.table.addManual({ address: MANUAL, prefixLength: 64, nodad: true }, t, out));
  h.advanceBy(10 * S);
  expect(h.table.mld.groups().sort()).toEqual(['ff02::1', SN_MANUAL, SN_LL].sort());
  const receive = (f: EthernetFrame) => h.act((out, t) => h.table.onMld(f, t, out));
  const mark = () => h.log.length;
  const sentSince = (i: number) => h.log.slice(i).flatMap((l) => (l.action.kind === 'send' ? [{ at: l.at, frame: l.action.frame }] : []));
  const ofType = (i: number, type: number) => sentSince(i).filter((s) => s.frame.ipv6!.icmpv6!.type === type);
  const actionsSince = (i: number) => h.log.slice(i).map((l) => l.action);
  return { h, receive, mark, sentSince, ofType, actionsSince };
}

function records(f: EthernetFrame) {
  return (f.ipv6!.icmpv6 as MldV2Report).records;
}

function expectWellFormedMld(f: EthernetFrame): void {
  expect(f.ipv6!.hopLimit).toBe(1);
  expect(f.ipv6!.extensionHeaders[0]).toMatchObject({ kind: 'hop-by-hop' });
  const d = decode(encode(f));
  expect(d.error).toBeNull();
  expect(d.checksumValid).toBe(true);
}

describe('MLDv2 General Query (RFC 3810 §6.2)', () => {
  it('one Current State Report after a random delay below the Maximum Response Delay: MODE_IS_EXCLUDE {} for every group but ff02::1', () => {
    const { h, receive, mark, ofType } = settledHost();
    const i = mark();
    const t0 = h.now;
    receive(query({ mrc: 10000 }));
    expect(ofType(i, 143)).toHaveLength(0); // not at once
    const armed = h.timers.get('mld:gq')!;
    expect(armed).toBeGreaterThanOrEqual(t0);
    expect(armed).toBeLessThan(t0 + 10 * S);
    h.advanceBy(10 * S);
    const reports = ofType(i, 143);
    expect(reports).toHaveLength(1);
    expect(reports[0].at).toBe(armed);
    const f = reports[0].frame;
    expect(f.ipv6!.src).toBe(LL_A);
    expect(f.ipv6!.dst).toBe('ff02::16');
    expect(records(f).map((r) => [r.recordType, r.multicastAddress, r.sources.length]).sort()).toEqual([
      [2, SN_MANUAL, 0],
      [2, SN_LL, 0],
    ]);
    expectWellFormedMld(f);
  });

  it('the delay is drawn in [0, Maximum Response Delay) for every seed', () => {
    const delays: Nanos[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const { h, receive } = settledHost({}, seed);
      const t0 = h.now;
      receive(query({ mrc: 1000 }));
      delays.push(h.timers.get('mld:gq')! - t0);
    }
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1000 * MS);
    }
    expect(new Set(delays).size).toBeGreaterThan(6); // drawn, not fixed
  });

  it('queries while a response is pending re-arm the one interface timer: still one report', () => {
    const { h, receive, mark, ofType } = settledHost();
    const i = mark();
    for (let k = 0; k < 4; k++) {
      receive(query({ mrc: 2000 }));
      h.advanceBy(1 * MS);
    }
    expect([...h.timers.keys()].filter((k) => k.startsWith('mld:'))).toEqual(['mld:gq']);
    h.advanceBy(5 * S);
    expect(ofType(i, 143)).toHaveLength(1);
  });

  it('a General Query with sources is not valid: ignored', () => {
    const { h, receive, mark, ofType } = settledHost();
    const i = mark();
    receive(query({ sources: ['fe80::9'] }));
    h.advanceBy(20 * S);
    expect(ofType(i, 143)).toHaveLength(0);
  });

  it('the querier QRV becomes the Robustness Variable of later State Change Reports (Linux mld_update_qrv)', () => {
    const { h, receive, mark, ofType } = settledHost();
    receive(query({ qrv: 4 }));
    h.advanceBy(20 * S);
    const i = mark();
    h.act((out, t) => h.table.addManual({ address: '2001:db8::77', prefixLength: 64, nodad: true }, t, out));
    h.advanceBy(20 * S);
    const toEx = ofType(i, 143).filter((s) => records(s.frame).some((r) => r.multicastAddress === 'ff02::1:ff00:77' && r.recordType === 4));
    expect(toEx).toHaveLength(4);
  });
});

describe('Multicast Address Specific Query (RFC 3810 §6.2, §6.3)', () => {
  it('reports only the queried group, once its own timer fires', () => {
    const { h, receive, mark, ofType } = settledHost();
    const i = mark();
    receive(query({ group: SN_MANUAL, mrc: 1000 }));
    expect(h.timers.has(`mld:grp:${SN_MANUAL}`)).toBe(true);
    expect(h.timers.has('mld:gq')).toBe(false);
    h.advanceBy(2 * S);
    const reports = ofType(i, 143);
    expect(reports).toHaveLength(1);
    expect(records(reports[0].frame)).toEqual([{ recordType: 2, multicastAddress: SN_MANUAL, sources: [] }]);
    expectWellFormedMld(reports[0].frame);
  });

  it('a source-specific query on an any-source membership is answered the same way', () => {
    const { h, receive, mark, ofType } = settledHost();
    const i = mark();
    receive(query({ group: SN_LL, mrc: 1000, sources: ['2001:db8::9'] }));
    h.advanceBy(2 * S);
    expect(ofType(i, 143).map((s) => records(s.frame))).toEqual([[{ recordType: 2, multicastAddress: SN_LL, sources: [] }]]);
  });

  it('no answer for a group not joined, nor for ff02::1', () => {
    const { h, receive, mark, ofType } = settledHost();
    const i = mark();
    receive(query({ group: 'ff02::1:ff99:9999' }));
    receive(query({ group: 'ff02::1' }));
    h.advanceBy(20 * S);
    expect(ofType(i, 143)).toHaveLength(0);
  });

  it('a second query keeps the earlier expiry (igmp6_group_queried)', () => {
    const { h, receive } = settledHost();
    receive(query({ group: SN_LL, mrc: 5000 }));
    const first = h.timers.get(`mld:grp:${SN_LL}`)!;
    receive(query({ group: SN_LL, mrc: 10000 }));
    expect(h.timers.get(`mld:grp:${SN_LL}`)).toBe(first);
  });
});

describe('query validity (RFC 3810 §5.1.14, §6.2; Linux __mld_query_work)', () => {
  it.each([
    ['a global source', { src: '2001:db8::1' }],
    ['hop limit 255', { hopLimit: 255 }],
    ['no Router Alert', { routerAlert: false }],
  ])('a query with %s is dropped', (_name, o) => {
    const { h, receive, mark, actionsSince } = settledHost();
    const i = mark();
    receive(query(o));
    receive(query({ ...o, v1: true }));
    expect(actionsSince(i)).toEqual([]);
    h.advanceBy(20 * S);
    expect(actionsSince(i)).toEqual([]);
  });

  it('nothing is answered while the link is down', () => {
    const { h, receive, mark, ofType } = settledHost();
    h.linkDown();
    const i = mark();
    receive(query());
    h.advanceBy(20 * S);
    expect(ofType(i, 143)).toHaveLength(0);
  });
});

describe('MLDv1 compatibility mode (RFC 3810 §8.2.1)', () => {
  it('an MLDv1 Query (24 bytes) → MLDv1 Reports to each group; a leave → MLDv1 Done to ff02::2', () => {
    const { h, receive, mark, ofType } = settledHost();
    const q = query({ v1: true, mrc: 1000 });
    expect((q.ipv6!.icmpv6 as MldV1).v2).toBeUndefined();
    const i = mark();
    receive(q);
    const mode = h.changes('mld').filter((c) => c.key === 'compatibility-mode');
    expect(mode.map((c) => [c.from, c.to, c.reasonId])).toEqual([['MLDv2', 'MLDv1', 'mld-v1-compat']]);
    expect(mode[0].reason).toContain('260 s'); // 2 × 125 s + 10 s (§9.12 with the defaults)
    h.advanceBy(2 * S);
    expect(ofType(i, 143)).toHaveLength(0);
    const v1 = ofType(i, 131);
    expect(v1.map((s) => [s.frame.ipv6!.dst, (s.frame.ipv6!.icmpv6 as MldV1).multicastAddress]).sort()).toEqual([
      [SN_MANUAL, SN_MANUAL],
      [SN_LL, SN_LL],
    ]);
    for (const s of v1) {
      expect(s.frame.dst).toBe(`33:33:${s.frame.ipv6!.dst === SN_LL ? 'ff:33:44:55' : 'ff:00:12:34'}`);
      expect(s.frame.ipv6!.src).toBe(LL_A);
      expectWellFormedMld(s.frame);
    }
    const j = mark();
    h.act((out, t) => h.table.deleteAddress(MANUAL, t, out));
    h.advanceBy(5 * S);
    expect(ofType(j, 143)).toHaveLength(0);
    const done = ofType(j, 132);
    expect(done).toHaveLength(1);
    expect(done[0].frame.ipv6!.dst).toBe('ff02::2');
    expect((done[0].frame.ipv6!.icmpv6 as MldV1).multicastAddress).toBe(SN_MANUAL);
    expectWellFormedMld(done[0].frame);
  });

  it('a join in MLDv1 mode sends an MLDv1 Report at once and once more within mldv1_unsolicited_report_interval', () => {
    const { h, receive, mark, ofType } = settledHost({ mldv1_unsolicited_report_interval: 3000 });
    receive(query({ v1: true, mrc: 1000 }));
    h.advanceBy(2 * S);
    const i = mark();
    const t0 = h.now;
    h.act((out, t) => h.table.addManual({ address: '2001:db8::77', prefixLength: 64, nodad: true }, t, out));
    expect(h.changes('mld').at(-1)!.reasonId).toBe('mld-join-v1');
    h.advanceBy(5 * S);
    const v1 = ofType(i, 131);
    expect(v1.map((s) => s.frame.ipv6!.dst)).toEqual(['ff02::1:ff00:77', 'ff02::1:ff00:77']);
    expect(v1[0].at).toBe(t0);
    expect(v1[1].at - t0).toBeLessThan(3000 * MS);
    expect(ofType(i, 143)).toHaveLength(0);
  });

  it('an MLDv1 Query stops pending MLDv2 State Change retransmissions', () => {
    const { h, receive, mark, ofType } = settledHost();
    const i = mark();
    h.act((out, t) => h.table.addManual({ address: '2001:db8::77', prefixLength: 64, nodad: true }, t, out));
    expect(ofType(i, 143)).toHaveLength(1);
    expect(h.timers.has('mld:ifc')).toBe(true);
    receive(query({ v1: true, mrc: 1000 }));
    expect(h.timers.has('mld:ifc')).toBe(false);
    h.advanceBy(5 * S);
    expect(ofType(i, 143)).toHaveLength(1);
  });

  it('expires after [RV] × [QI] + [QRI] from the last MLDv2 query, then MLDv2 resumes', () => {
    const { h, receive, mark, ofType } = settledHost();
    receive(query({ qrv: 3, qqic: 60, mrc: 5000 })); // QRV 3, QI 60 s, QRI 5 s
    h.advanceBy(10 * S);
    receive(query({ v1: true, mrc: 1000 }));
    const t1 = h.now;
    const timeout = (3 * 60 + 5) * S;
    expect(h.timers.get('mld:v1')).toBe(t1 + timeout);
    h.advanceTo(t1 + timeout - 1 * S);
    expect(h.table.mld.inV1Mode(h.now)).toBe(true);
    // An MLDv2 query in MLDv1 mode is answered with MLDv1 Reports and does not extend the mode.
    let i = mark();
    receive(query({ group: SN_LL, mrc: 500 }));
    h.advanceBy(600 * MS);
    expect(ofType(i, 131).map((s) => s.frame.ipv6!.dst)).toEqual([SN_LL]);
    expect(ofType(i, 143)).toHaveLength(0);
    expect(h.timers.get('mld:v1')).toBe(t1 + timeout);
    h.advanceTo(t1 + timeout);
    expect(h.table.mld.inV1Mode(h.now)).toBe(false);
    expect(h.changes('mld').filter((c) => c.key === 'compatibility-mode').map((c) => c.reasonId)).toEqual(['mld-v1-compat', 'mld-v2-resumed']);
    i = mark();
    receive(query({ mrc: 1000 }));
    h.advanceBy(2 * S);
    expect(ofType(i, 131)).toHaveLength(0);
    expect(ofType(i, 143)).toHaveLength(1);
    // A leave is a State Change Report again, not a Done.
    i = mark();
    h.act((out, t) => h.table.deleteAddress(MANUAL, t, out));
    expect(ofType(i, 132)).toHaveLength(0);
    expect(records(ofType(i, 143)[0].frame)).toContainEqual({ recordType: 3, multicastAddress: SN_MANUAL, sources: [] });
  });

  it('another listener’s MLDv1 Report suppresses ours, and then no Done is sent (RFC 2710 §4)', () => {
    const { h, receive, mark, ofType } = settledHost();
    receive(query({ v1: true, mrc: 10000 }));
    expect(h.timers.has(`mld:grp:${SN_MANUAL}`)).toBe(true);
    const other = icmpv6Frame('00:11:22:aa:bb:cc', 'fe80::9', SN_MANUAL, { type: 131, code: 0, maxResponseDelay: 0, multicastAddress: SN_MANUAL }, { hopLimit: 1, routerAlert: true });
    const i = mark();
    receive(decode(encode(other)).frame!);
    expect(h.timers.has(`mld:grp:${SN_MANUAL}`)).toBe(false);
    h.advanceBy(20 * S);
    expect(ofType(i, 131).map((s) => s.frame.ipv6!.dst)).toEqual([SN_LL]);
    const j = mark();
    h.act((out, t) => h.table.deleteAddress(MANUAL, t, out));
    expect(ofType(j, 132)).toHaveLength(0);
  });

  it('force_mld_version = 2 ignores MLDv1 Queries (RFC 3810 §10.1)', () => {
    const { h, receive, mark, ofType, actionsSince } = settledHost({ force_mld_version: 2 });
    const i = mark();
    receive(query({ v1: true, mrc: 1000 }));
    expect(actionsSince(i)).toEqual([expect.objectContaining({ kind: 'drop', drop: expect.objectContaining({ rule: 'mldv1-query-ignored' }) })]);
    h.advanceBy(5 * S);
    expect(ofType(i, 131)).toHaveLength(0);
    expect(h.table.mld.inV1Mode(h.now)).toBe(false);
  });

  it('force_mld_version = 1 speaks MLDv1 from link-up, with no mode change to tell', () => {
    const h = makeHost({ sysctl: { force_mld_version: 1 } });
    h.linkUp();
    h.advanceBy(10 * S);
    expect(h.reports()).toHaveLength(0);
    const v1 = h.sent().filter((s) => s.frame.ipv6!.icmpv6!.type === 131);
    expect(v1.map((s) => s.frame.ipv6!.dst)).toEqual([SN_LL, SN_LL]);
    expect(h.changes('mld').some((c) => c.key === 'compatibility-mode')).toBe(false);
  });

  it('link up forgets the MLDv1 querier (Linux ipv6_mc_reset)', () => {
    const { h, receive } = settledHost();
    receive(query({ v1: true }));
    h.linkDown();
    h.advanceBy(1 * S);
    h.linkUp();
    expect(h.table.mld.inV1Mode(h.now)).toBe(false);
    expect(h.changes('mld').filter((c) => c.key === 'compatibility-mode').map((c) => c.reasonId)).toEqual(['mld-v1-compat', 'mld-v2-resumed']);
  });
});

describe('codes and packing', () => {
  it('Maximum Response Code and QQIC use the RFC 3810 §5.1.3 / §5.1.9 floating point form from 32768 / 128', () => {
    expect([maxResponseDelayMs(0), maxResponseDelayMs(10000), maxResponseDelayMs(0x7fff)]).toEqual([0, 10000, 32767]);
    expect(maxResponseDelayMs(0x8000)).toBe(0x1000 << 3); // exp 0, mant 0
    expect(maxResponseDelayMs(0xffff)).toBe(0x1fff << 10); // exp 7, mant 0xfff
    expect([queryIntervalS(125), queryIntervalS(0x80), queryIntervalS(0xff)]).toEqual([125, 0x10 << 3, 0x1f << 10]);
  });

  it('a Current State Report of many groups is split to fit the MTU', () => {
    const out: Action[] = [];
    const m = new MldListener({
      ifname: 'eth0', mac: () => '00:11:22:33:44:55', random: seeded(3), reportSource: () => LL_A, canSend: () => true, qrv: () => 2, unsolicitedReportIntervalMs: () => 1000, mtu: () => 1500,
    });
    for (let k = 0; k < 100; k++) m.join(`ff05::${(k + 1).toString(16)}`, 'test', 0, []);
    m.onQuery(query({ mrc: 1000 }), 0, out);
    const at = (out.find((a) => a.kind === 'setTimer') as { at: Nanos }).at;
    const fired: Action[] = [];
    m.onTimer('mld:gq', at, fired);
    const sizes = fired.flatMap((a) => (a.kind === 'send' ? [records(a.frame).length] : []));
    // (1500 − 40 IPv6 − 8 hop-by-hop − 8 report header) / 20 bytes a record = 72.
    expect(sizes).toEqual([72, 28]);
    for (const a of fired) if (a.kind === 'send') expect(encode(a.frame).length - 14).toBeLessThanOrEqual(1500);
  });
});
