// Conformance §2 B: address resolution and NUD (RFC 4861 §7.2, §7.3) on a
// simulated link, TAHI-style: the tester plays TN1/TR1 with crafted frames
// and judges what the NUT (a whole NodeStack) sends.

import { describe, expect, it } from 'vitest';
import { resolveHostConfig } from '../../src/nd/config.ts';
import { solicitedNodeAddress } from '../../src/packet/address.ts';
import {
  echo,
  echoReplies,
  expectFrames,
  makeIncomplete,
  makeProbe,
  makeReachable,
  makeStale,
  multicastSolicits,
  na,
  MS,
  naOf,
  ns,
  NUT_GA,
  NUT_LL,
  NUT_MAC,
  nsOf,
  option,
  OTHER_MAC,
  party,
  PREFIX,
  S,
  simLan,
  simPair,
  TAHI_HOST_SYSCTL,
  TN1,
  TN2,
  TR1,
  unicastProbes,
  withRouter,
  type Lab,
  type Party,
} from './harness.ts';

const host = (sysctl: Record<string, unknown> = {}): Lab => simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ...sysctl } }).ready();

/**
 * TAHI's judgement of an entry's state and link-layer address: the next Echo
 * Reply goes to `mac`; a STALE entry then goes DELAY and, after
 * DELAY_FIRST_PROBE_TIME, sends a unicast NS to `mac`; a REACHABLE one does not.
 */
function judge(lab: Lab, p: Party, state: 'REACHABLE' | 'STALE', mac: string): void {
  expect(lab.neighbor(p.ll)).toMatchObject({ state, lladdr: mac });
  const t = lab.now;
  lab.send(echo(p, { seq: 9 }));
  expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([mac]);
  lab.run(5.5);
  const probes = unicastProbes(lab, p.ll, t);
  if (state === 'STALE') {
    expect(probes.length).toBe(1);
    expect(probes[0].frame.dst).toBe(mac);
  } else {
    expect(probes).toEqual([]);
  }
}

describe('v6LC.2.1.1 on-link determination (RFC 4861 §5.2)', () => {
  it('v6LC.2.1.1 A: a link-local destination is on-link: NS for TN1 link-local', () => {
    const lab = host();
    const t = lab.now;
    lab.send(echo(TN1));
    const f = expectFrames(lab.sink, { type: 135, since: t, dst: solicitedNodeAddress(TN1.ll) }, 1);
    expect(nsOf(f[0]).target).toBe(TN1.ll);
  });

  it('v6LC.2.1.1 B: a global destination covered by an on-link prefix is resolved directly', () => {
    const lab = host();
    withRouter(lab);
    const t = lab.now;
    lab.send(echo(TN1, { src: TN1.ga, dst: NUT_GA }));
    expectFrames(lab.sink, { type: 135, since: t, target: TN1.ga }, 1);
    expect(lab.frames({ type: 135, since: t, target: TR1.ll })).toEqual([]);
  });

  it('v6LC.2.1.1 C: an off-link destination goes to the default router: NS target TR1 link-local', () => {
    const lab = host();
    withRouter(lab, { slla: null }); // no SLLA: the NUT must resolve TR1 itself
    const t = lab.now;
    lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via: TR1 }));
    expectFrames(lab.sink, { type: 135, since: t, target: TR1.ll }, 1);
    expect(lab.frames({ type: 135, since: t, target: TN2.ga })).toEqual([]);
    lab.run(0.3).send(na(TR1, { R: true }));
    expect(echoReplies(lab, t)).toMatchObject([{ dst: TN2.ga, ethDst: TR1.mac }]);
  });
});

describe('v6LC.2.1.5 multicast NS for resolution (RFC 4861 §7.2.2)', () => {
  it('v6LC.2.1.5 A (link-local target): 3 multicast NS, RetransTimer (1 s) apart, hop limit 255, with SLLA, then failure', () => {
    const lab = host();
    const t = lab.now;
    lab.send(echo(TN1));
    lab.run(5);
    const sent = multicastSolicits(lab, TN1.ll, t);
    expect(sent.length).toBe(3);
    for (const f of sent) {
      expect(f.ip.hopLimit).toBe(255);
      expect(option(f.msg, 1)).toEqual({ type: 1, lladdr: NUT_MAC });
    }
    expect(sent[1].time - sent[0].time).toBeGreaterThanOrEqual(1 * S);
    expect(sent[2].time - sent[1].time).toBeGreaterThanOrEqual(1 * S);
    expect(echoReplies(lab, t)).toEqual([]);
    expect(lab.neighbor(TN1.ll)?.state ?? 'gone').not.toBe('INCOMPLETE');
  });

  it('v6LC.2.1.5 B (global target, RA RetransTimer 5000 ms): 3 multicast NS with SLLA, 5 s apart', () => {
    const lab = host();
    withRouter(lab, { retransTimer: 5000 });
    const t = lab.now;
    lab.send(echo(TN1, { src: TN1.ga, dst: NUT_GA }));
    lab.run(16);
    const sent = multicastSolicits(lab, TN1.ga, t);
    expect(sent.length).toBe(3);
    for (const f of sent) expect(option(f.msg, 1)).toEqual({ type: 1, lladdr: NUT_MAC });
    expect(sent[1].time - sent[0].time).toBeGreaterThanOrEqual(5 * S);
    expect(sent[2].time - sent[1].time).toBeGreaterThanOrEqual(5 * S);
  });
});

describe('v6LC.2.1.2 packet queue while INCOMPLETE (RFC 4861 §7.2.2)', () => {
  it('v6LC.2.1.2 A (single queue): queued Echo Requests are answered once the NA arrives (at least the latest)', () => {
    const lab = host();
    const t = lab.now;
    for (let seq = 1; seq <= 4; seq++) lab.send(echo(TN1, { seq }));
    lab.run(0.2).send(na(TN1));
    const seqs = echoReplies(lab, t).map((r) => r.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(1);
    expect(seqs).toContain(4);
    for (const q of seqs) expect([1, 2, 3, 4]).toContain(q);
  });

  it('v6LC.2.1.2 A (unres_qlen 3): overflow drops the oldest: replies to 2, 3, 4', () => {
    const lab = host({ unres_qlen: 3 });
    const t = lab.now;
    for (let seq = 1; seq <= 4; seq++) lab.send(echo(TN1, { seq }));
    lab.run(0.2).send(na(TN1));
    expect(echoReplies(lab, t).map((r) => r.seq)).toEqual([2, 3, 4]);
  });

  it('v6LC.2.1.2 B (multiple queues): two unresolved neighbours keep separate queues, each flushed by its own NA', () => {
    const lab = host();
    const TN3 = party('TN3', '00:00:00:00:03:00');
    const t = lab.now;
    lab.send(echo(TN1, { seq: 1 })).send(echo(TN3, { seq: 2 })).send(echo(TN1, { seq: 3 })).send(echo(TN3, { seq: 4 }));
    expect(lab.neighbor(TN1.ll)?.queued).toBe(2);
    expect(lab.neighbor(TN3.ll)?.queued).toBe(2);
    lab.run(0.2).send(na(TN3));
    expect(echoReplies(lab, t).map((r) => [r.seq, r.ethDst])).toEqual([[2, TN3.mac], [4, TN3.mac]]);
    lab.send(na(TN1));
    expect(echoReplies(lab, t).map((r) => r.seq)).toEqual([2, 4, 1, 3]);
  });
});

describe('v6LC.2.1.16 NA without a neighbour cache entry (RFC 4861 §7.2.5)', () => {
  // TAHI parts: A–D with TLLA, E–H without; each (S, O) = (0,0), (0,1), (1,0), (1,1).
  const cases: { part: string; S: boolean; O: boolean; tlla: boolean }[] = [];
  let k = 0;
  for (const tlla of [true, false]) for (const S_ of [false, true]) for (const O of [false, true]) cases.push({ part: 'ABCDEFGH'[k++], S: S_, O, tlla });
  for (const c of cases) {
    it(`v6LC.2.1.16 ${c.part} (S=${+c.S}, O=${+c.O}, ${c.tlla ? 'TLLA' : 'no TLLA'}): discarded, no entry created, a later echo needs a multicast NS`, () => {
      const lab = host();
      const t = lab.now;
      lab.send(na(TN1, { S: c.S, O: c.O, tlla: c.tlla ? TN1.mac : null }));
      expect(lab.neighbor(TN1.ll)).toBeUndefined();
      expect(lab.frames({ since: t }).filter((f) => f.msg.type !== 143)).toEqual([]);
      lab.send(echo(TN1));
      expect(multicastSolicits(lab, TN1.ll, t).length).toBe(1);
    });
  }
});

describe('v6LC.2.1.17 INCOMPLETE + NA (RFC 4861 §7.2.5)', () => {
  const rows = [
    { part: 'A', S: true, O: true, state: 'REACHABLE' as const },
    { part: 'B', S: true, O: false, state: 'REACHABLE' as const },
    { part: 'C', S: false, O: true, state: 'STALE' as const },
    { part: 'D', S: false, O: false, state: 'STALE' as const },
  ];
  for (const r of rows) {
    it(`v6LC.2.1.17 ${r.part}: INCOMPLETE + NA S=${+r.S} O=${+r.O} with TLLA → ${r.state}, queued echo answered to the TLLA`, () => {
      const lab = host();
      const t = lab.now;
      makeIncomplete(lab, TN1);
      lab.run(0.3).send(na(TN1, { S: r.S, O: r.O }));
      expect(echoReplies(lab, t)).toMatchObject([{ seq: 1, ethDst: TN1.mac }]);
      // The queued reply itself used the entry: a STALE one is now DELAY.
      expect(lab.neighbor(TN1.ll)?.state).toBe(r.state === 'STALE' ? 'DELAY' : 'REACHABLE');
      lab.run(5.5);
      expect(unicastProbes(lab, TN1.ll, t).length).toBe(r.state === 'STALE' ? 1 : 0);
    });
  }

  it('v6LC.2.1.17 E: INCOMPLETE + NA without TLLA is ignored, entry stays INCOMPLETE, 3 NS then failure', () => {
    const lab = host();
    const t = lab.now;
    makeIncomplete(lab, TN1);
    lab.run(0.3).send(na(TN1, { tlla: null }));
    expect(lab.neighbor(TN1.ll)?.state).toBe('INCOMPLETE');
    lab.run(4);
    expect(multicastSolicits(lab, TN1.ll, t).length).toBe(3);
    expect(echoReplies(lab, t)).toEqual([]);
  });
});

type Tlla = 'absent' | 'same' | 'different';
interface NaRow {
  part: string;
  multicast: boolean;
  S: boolean;
  O: boolean;
  tlla: Tlla;
  /** Expected state; 'PROBE' = unchanged probing. */
  next: 'REACHABLE' | 'STALE' | 'PROBE';
  update: boolean;
}

/** TAHI's 18 parts: A–D unicast without TLLA, E–H unicast with the same TLLA,
 *  I–L unicast with a different TLLA (each S,O = 00, 01, 10, 11); M/N
 *  multicast S=0 same TLLA, O/P different, Q/R none (O = 0, 1). `table` gives
 *  the RFC 4861 §7.2.5 outcome per "S,O,TLLA", written from the RFC text. */
function naRows(table: Record<string, [NaRow['next'], boolean]>): NaRow[] {
  const rows: NaRow[] = [];
  const add = (part: string, multicast: boolean, S_: boolean, O: boolean, tlla: Tlla) => {
    const [next, update] = table[`${+S_},${+O},${tlla}`];
    rows.push({ part, multicast, S: S_, O, tlla, next, update });
  };
  let k = 0;
  for (const tlla of ['absent', 'same', 'different'] as const) for (const S_ of [false, true]) for (const O of [false, true]) add('ABCDEFGHIJKL'[k++], false, S_, O, tlla);
  for (const [i, tlla] of (['same', 'different', 'absent'] as const).entries()) for (const O of [false, true]) add('MNOPQR'[i * 2 + +O], true, false, O, tlla);
  return rows;
}

function naFor(p: Party, r: NaRow) {
  return na(p, { S: r.S, O: r.O, tlla: r.tlla === 'absent' ? null : r.tlla === 'same' ? p.mac : OTHER_MAC, dst: r.multicast ? 'ff02::1' : NUT_LL });
}

const rowName = (r: NaRow) => `${r.part}: ${r.multicast ? 'multicast' : 'unicast'} NA S=${+r.S} O=${+r.O} ${r.tlla === 'absent' ? 'no TLLA' : `${r.tlla} TLLA`}`;

// RFC 4861 §7.2.5, written out from the RFC text (not from na-table.ts).
const FROM_REACHABLE = naRows({
  '0,0,absent': ['REACHABLE', false], '0,0,same': ['REACHABLE', false], '0,0,different': ['STALE', false],
  '0,1,absent': ['REACHABLE', false], '0,1,same': ['REACHABLE', false], '0,1,different': ['STALE', true],
  '1,0,absent': ['REACHABLE', false], '1,0,same': ['REACHABLE', false], '1,0,different': ['STALE', false],
  '1,1,absent': ['REACHABLE', false], '1,1,same': ['REACHABLE', false], '1,1,different': ['REACHABLE', true],
});
const FROM_STALE = naRows({
  '0,0,absent': ['STALE', false], '0,0,same': ['STALE', false], '0,0,different': ['STALE', false],
  '0,1,absent': ['STALE', false], '0,1,same': ['STALE', false], '0,1,different': ['STALE', true],
  '1,0,absent': ['REACHABLE', false], '1,0,same': ['REACHABLE', false], '1,0,different': ['STALE', false],
  '1,1,absent': ['REACHABLE', false], '1,1,same': ['REACHABLE', false], '1,1,different': ['REACHABLE', true],
});
const FROM_PROBE = naRows({
  '0,0,absent': ['PROBE', false], '0,0,same': ['PROBE', false], '0,0,different': ['PROBE', false],
  '0,1,absent': ['PROBE', false], '0,1,same': ['PROBE', false], '0,1,different': ['STALE', true],
  '1,0,absent': ['REACHABLE', false], '1,0,same': ['REACHABLE', false], '1,0,different': ['PROBE', false],
  '1,1,absent': ['REACHABLE', false], '1,1,same': ['REACHABLE', false], '1,1,different': ['REACHABLE', true],
});

describe('v6LC.2.1.18 A–R REACHABLE + NA (RFC 4861 §7.2.5)', () => {
  for (const r of FROM_REACHABLE) {
    it(`v6LC.2.1.18 ${rowName(r)}: REACHABLE → ${r.next}${r.update ? ', link-layer address updated' : ', address kept'}`, () => {
      const lab = host();
      makeReachable(lab, TN1);
      lab.run(1).send(naFor(TN1, r));
      judge(lab, TN1, r.next as 'REACHABLE' | 'STALE', r.update ? OTHER_MAC : TN1.mac);
    });
  }
});

describe('v6LC.2.1.19 A–R STALE + NA (RFC 4861 §7.2.5)', () => {
  for (const r of FROM_STALE) {
    it(`v6LC.2.1.19 ${rowName(r)}: STALE → ${r.next}${r.update ? ', link-layer address updated' : ', address kept'}`, () => {
      const lab = host();
      makeStale(lab, TN1);
      lab.send(naFor(TN1, r));
      judge(lab, TN1, r.next as 'REACHABLE' | 'STALE', r.update ? OTHER_MAC : TN1.mac);
    });
  }
});

describe('v6LC.2.1.20 A–R PROBE + NA (RFC 4861 §7.2.5)', () => {
  for (const r of FROM_PROBE) {
    it(`v6LC.2.1.20 ${rowName(r)}: PROBE → ${r.next === 'PROBE' ? 'stays PROBE, probes continue' : r.next}${r.update ? ', link-layer address updated' : ''}`, () => {
      const lab = host();
      makeProbe(lab, TN1);
      const t = lab.now;
      lab.run(0.5).send(naFor(TN1, r));
      if (r.next === 'PROBE') {
        expect(lab.neighbor(TN1.ll)).toMatchObject({ state: 'PROBE', lladdr: TN1.mac });
        lab.run(3);
        const probes = unicastProbes(lab, TN1.ll, t - 1000);
        expect(probes.length).toBe(3); // MAX_UNICAST_SOLICIT in all, to the old address
        for (const p of probes) expect(p.frame.dst).toBe(TN1.mac);
      } else {
        judge(lab, TN1, r.next, r.update ? OTHER_MAC : TN1.mac);
      }
    });
  }
});

describe('v6LC.2.1.8 NS from an unknown node (RFC 4861 §7.2.3, §7.2.4)', () => {
  it('v6LC.2.1.8 A: unicast NS with SLLA: STALE entry, NA S=1 R=0 to the sender; traffic → DELAY → unicast NS 5 s later', () => {
    const lab = host();
    const t = lab.now;
    lab.send(ns(TN1, { dst: NUT_LL }));
    const [f] = expectFrames(lab.sink, { type: 136, since: t }, 1);
    const m = naOf(f);
    expect(f.ip.src).toBe(NUT_LL);
    expect(f.ip.dst).toBe(TN1.ll);
    expect(f.frame.dst).toBe(TN1.mac);
    expect(m.target).toBe(NUT_LL);
    expect(m.flags).toMatchObject({ S: true, R: false });
    // §7.2.4: TLLA MAY be omitted for a unicast NS; O=1 only with the TLLA.
    expect(m.flags.O).toBe(option(m, 2) !== undefined);
    lab.run(5.5);
    expect(unicastProbes(lab, TN1.ll, t).length).toBe(1);
  });

  it('v6LC.2.1.8 A (na_tlla=always, TAHI\'s strict form): the NA to a unicast NS carries TLLA and O=1', () => {
    const lab = host({ na_tlla: 'always' });
    const t = lab.now;
    lab.send(ns(TN1, { dst: NUT_LL }));
    const m = naOf(expectFrames(lab.sink, { type: 136, since: t }, 1)[0]);
    expect(m.flags).toMatchObject({ S: true, O: true, R: false });
    expect(option(m, 2)).toEqual({ type: 2, lladdr: NUT_MAC });
  });

  it('v6LC.2.1.8 B: multicast NS with SLLA: STALE entry, NA S=1 O=1 R=0 with TLLA', () => {
    const lab = host();
    const t = lab.now;
    lab.send(ns(TN1));
    expect(lab.neighbor(TN1.ll)?.lladdr).toBe(TN1.mac);
    const m = naOf(expectFrames(lab.sink, { type: 136, since: t, dst: TN1.ll }, 1)[0]);
    expect(m.flags).toEqual({ R: false, S: true, O: true });
    expect(option(m, 2)).toEqual({ type: 2, lladdr: NUT_MAC });
    lab.run(5.5);
    expect(unicastProbes(lab, TN1.ll, t).length).toBe(1);
  });

  it('v6LC.2.1.8 C: unicast NS without SLLA creates no entry from it; the NUT resolves TN1 with a multicast NS first', () => {
    const lab = host();
    const t = lab.now;
    lab.send(ns(TN1, { dst: NUT_LL, slla: null }));
    expect(lab.frames({ type: 136, since: t })).toEqual([]);
    expect(multicastSolicits(lab, TN1.ll, t).length).toBe(1);
    expect(lab.neighbor(TN1.ll)?.state).toBe('INCOMPLETE');
    lab.run(0.3).send(na(TN1));
    expectFrames(lab.sink, { type: 136, since: t, dst: TN1.ll }, 1);
  });
});

describe('v6LC.2.1.9 INCOMPLETE + NS (RFC 4861 §7.2.3)', () => {
  for (const part of ['A', 'B'] as const) {
    it(`v6LC.2.1.9 ${part}: INCOMPLETE + ${part === 'A' ? 'unicast' : 'multicast'} NS with SLLA → STALE: queued echo and NA sent, unicast probe 5 s later`, () => {
      const lab = host();
      const t = lab.now;
      makeIncomplete(lab, TN1);
      lab.run(0.3).send(ns(TN1, part === 'A' ? { dst: NUT_LL } : {}));
      expect(echoReplies(lab, t)).toMatchObject([{ ethDst: TN1.mac }]);
      expectFrames(lab.sink, { type: 136, since: t, dst: TN1.ll }, 1);
      lab.run(5.5);
      expect(unicastProbes(lab, TN1.ll, t).length).toBe(1);
    });
  }

  it('v6LC.2.1.9 C: INCOMPLETE + NS without SLLA changes nothing: still INCOMPLETE, no echo reply', () => {
    const lab = host();
    const t = lab.now;
    makeIncomplete(lab, TN1);
    lab.run(0.3).send(ns(TN1, { dst: NUT_LL, slla: null }));
    expect(lab.neighbor(TN1.ll)?.state).toBe('INCOMPLETE');
    expect(echoReplies(lab, t)).toEqual([]);
  });
});

describe('v6LC.2.1.10 REACHABLE + NS (RFC 4861 §7.2.3)', () => {
  for (const [part, multicast, sameMac] of [['A', false, true], ['B', false, false], ['C', true, true], ['D', true, false]] as const) {
    it(`v6LC.2.1.10 ${part}: REACHABLE + ${multicast ? 'multicast' : 'unicast'} NS with ${sameMac ? 'the same SLLA → unchanged' : 'a different SLLA → STALE, address updated'}`, () => {
      const lab = host();
      makeReachable(lab, TN1);
      lab.run(1);
      const t = lab.now;
      lab.send(ns(TN1, { slla: sameMac ? TN1.mac : OTHER_MAC, ...(multicast ? {} : { dst: NUT_LL }) }));
      expect(lab.neighbor(TN1.ll)?.lladdr).toBe(sameMac ? TN1.mac : OTHER_MAC);
      // The NA answering it goes to the (new) address; a STALE entry moves to DELAY.
      expectFrames(lab.sink, { type: 136, since: t, ethDst: sameMac ? TN1.mac : OTHER_MAC }, 1);
      lab.run(5.5);
      const probes = unicastProbes(lab, TN1.ll, t);
      expect(probes.map((p) => p.frame.dst)).toEqual(sameMac ? [] : [OTHER_MAC]);
    });
  }
});

describe('v6LC.2.1.11 A–D STALE + NS (RFC 4861 §7.2.3)', () => {
  for (const [part, multicast, sameMac] of [['A', false, true], ['B', false, false], ['C', true, true], ['D', true, false]] as const) {
    const mac = sameMac ? TN1.mac : OTHER_MAC;
    it(`v6LC.2.1.11 ${part}: STALE + ${multicast ? 'multicast' : 'unicast'} NS with ${sameMac ? 'the same SLLA: address kept' : 'a different SLLA: address updated'}; the NA (traffic) starts DELAY, a probe to ${sameMac ? 'the' : 'the new'} MAC follows`, () => {
      const lab = host();
      makeStale(lab, TN1);
      const t = lab.now;
      lab.send(ns(TN1, { slla: mac, ...(multicast ? {} : { dst: NUT_LL }) }));
      expect(lab.neighbor(TN1.ll)).toMatchObject({ state: 'DELAY', lladdr: mac });
      expectFrames(lab.sink, { type: 136, since: t, ethDst: mac }, 1);
      lab.send(echo(TN1, { seq: 5 }));
      expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([mac]);
      lab.run(5.5);
      expect(unicastProbes(lab, TN1.ll, t).map((p) => p.frame.dst)).toEqual([mac]);
    });
  }
});

describe('v6LC.2.1.12 A–D PROBE + NS (RFC 4861 §7.2.3)', () => {
  for (const [part, multicast, sameMac] of [['A', false, true], ['B', false, false], ['C', true, true], ['D', true, false]] as const) {
    it(`v6LC.2.1.12 ${part}: PROBE + ${multicast ? 'multicast' : 'unicast'} NS with ${sameMac ? 'the same SLLA stays PROBE and keeps probing (3 unicast NS)' : 'a different SLLA → STALE with the new address, then probes to the new MAC'}`, () => {
      const lab = host();
      makeProbe(lab, TN1);
      const t = lab.now - 1000;
      lab.run(0.5).send(ns(TN1, { slla: sameMac ? TN1.mac : OTHER_MAC, ...(multicast ? {} : { dst: NUT_LL }) }));
      if (sameMac) {
        expect(lab.neighbor(TN1.ll)?.state).toBe('PROBE');
        lab.run(3);
        expect(unicastProbes(lab, TN1.ll, t).map((p) => p.frame.dst)).toEqual([TN1.mac, TN1.mac, TN1.mac]);
      } else {
        expect(lab.neighbor(TN1.ll)?.lladdr).toBe(OTHER_MAC);
        const t2 = lab.now;
        lab.run(5.6);
        expect(unicastProbes(lab, TN1.ll, t2).map((p) => p.frame.dst)).toEqual([OTHER_MAC]);
      }
    });
  }
});

describe('v6LC.2.1.6 A–D NUD (RFC 4861 §7.3)', () => {
  const combos = [
    ['A', 'link-local → link-local', TN1.ll, NUT_LL],
    ['B', 'global → global', TN1.ga, NUT_GA],
    ['C', 'link-local → global', TN1.ll, NUT_GA],
    ['D', 'global → link-local', TN1.ga, NUT_LL],
  ] as const;
  for (const [part, what, src, dst] of combos) {
    it(`v6LC.2.1.6 ${part} (${what}): no probe while REACHABLE; STALE after ReachableTime; traffic → DELAY; 5 s → 3 unicast NS 1 s apart; then the next packet resolves afresh`, () => {
      const lab = host();
      withRouter(lab);
      makeReachable(lab, TN1, { src, dst });
      const reached = lab.now;
      // Traffic during REACHABLE neither probes nor starts DELAY (RFC 4861 §7.3.3).
      for (let i = 0; i < 5; i++) lab.run(1).send(echo(TN1, { src, dst, seq: 10 + i }));
      expect(lab.neighbor(src)?.state).toBe('REACHABLE');
      expect(unicastProbes(lab, src, reached)).toEqual([]);
      const rt = lab.iface().params.reachableTimeMs;
      lab.runTo((reached + rt * 1e6) / S + 0.1);
      expect(lab.neighbor(src)?.state).toBe('STALE');
      const t = lab.now;
      lab.send(echo(TN1, { src, dst, seq: 2 }));
      expect(lab.neighbor(src)?.state).toBe('DELAY');
      lab.run(4.9);
      expect(unicastProbes(lab, src, t)).toEqual([]);
      lab.run(4);
      const probes = unicastProbes(lab, src, t);
      expect(probes.length).toBe(3);
      expect(probes[0].time - t).toBeGreaterThanOrEqual(5 * S);
      expect(probes[1].time - probes[0].time).toBe(1 * S);
      expect(probes[0].ip.dst).toBe(src);
      expect(probes[0].frame.dst).toBe(TN1.mac);
      expect([NUT_LL, NUT_GA]).toContain(probes[0].ip.src);
      expect(['FAILED', undefined]).toContain(lab.neighbor(src)?.state);
      const t2 = lab.now;
      lab.send(echo(TN1, { src, dst, seq: 3 }));
      expect(multicastSolicits(lab, src, t2).length).toBe(1);
    });
  }
});

describe('v6LC.2.2.15 ReachableTime from an RA (RFC 4861 §6.3.4)', () => {
  for (const [part, base, lo, hi] of [['A', 10_000, 10, 20], ['B', 40_000, 25, 65]] as const) {
    it(`v6LC.2.2.15 ${part}: RA ReachableTime ${base} ms → first probe ${lo}–${hi} s after the last confirmation (×0.5…1.5, plus the 5 s DELAY)`, () => {
      const lab = host();
      withRouter(lab, { reachableTime: base });
      expect(lab.iface().params.baseReachableTimeMs).toBe(base);
      expect(lab.iface().params.reachableTimeMs).toBeGreaterThanOrEqual(base / 2);
      expect(lab.iface().params.reachableTimeMs).toBeLessThanOrEqual(base * 1.5);
      makeReachable(lab, TN1);
      const t = lab.now;
      // Traffic every second so that DELAY starts as soon as the entry is STALE.
      for (let i = 0; i < hi + 2; i++) lab.run(1).send(echo(TN1, { seq: 100 + i }));
      const first = unicastProbes(lab, TN1.ll, t)[0];
      expect(first).toBeDefined();
      expect((first.time - t) / S).toBeGreaterThanOrEqual(lo);
      expect((first.time - t) / S).toBeLessThanOrEqual(hi + 1);
    });
  }
});

describe('v6LC.2.1.14 (router) NS for an anycast address (RFC 4861 §7.2.4, §7.2.7; RFC 4291 §2.6.1)', () => {
  const SUBNET_ANYCAST = PREFIX; // 2001:db8:1:: — the prefix with an all-zero IID
  const LL_ANYCAST = 'fe80::';
  const ANYCAST_GROUP = 'ff02::1:ff00:0';
  /** A router NUT with NUT_GA/64 configured by hand (Linux joins the
   *  anycast address of every address's prefix while forwarding = 1). */
  const router = (sysctl: Record<string, unknown> = {}): Lab => {
    const lab = simPair({ role: 'router', sysctl }).ready();
    lab.command('ip-addr-add', { address: NUT_GA, prefixLength: 64, nodad: true });
    lab.run(0.01);
    return lab;
  };

  it('a forwarding router has fe80:: and the Subnet-Router anycast address of each prefix, and joins ff02::1:ff00:0 (Linux __ipv6_dev_ac_inc); a host has none', () => {
    const lab = router();
    expect(lab.iface().anycastAddresses()).toEqual([LL_ANYCAST, SUBNET_ANYCAST]);
    expect(lab.iface().addresses.mld.isMember(ANYCAST_GROUP)).toBe(true);
    const h = host();
    h.command('ip-addr-add', { address: NUT_GA, prefixLength: 64, nodad: true });
    h.run(0.01);
    expect(h.iface().anycastAddresses()).toEqual([]);
    expect(h.iface().addresses.mld.isMember(ANYCAST_GROUP)).toBe(false);
  });

  it('v6LC.2.1.14: a multicast NS for the Subnet-Router anycast address is answered after a random delay below proxy_delay (0.8 s) with R=1, S=1, O=0 and the TLLA, from a unicast address', () => {
    const lab = router();
    const t = lab.now;
    lab.send(ns(TN1, { src: TN1.ga, target: SUBNET_ANYCAST, dst: solicitedNodeAddress(SUBNET_ANYCAST) }));
    // Linux pneigh_enqueue: the NS waits; nothing is sent yet and its SLLA is not learnt yet.
    const waiting = lab.iface().neighbors.deferredSolicitations();
    expect(waiting).toHaveLength(1);
    expect(waiting[0].at - t).toBeGreaterThanOrEqual(0);
    expect(waiting[0].at - t).toBeLessThan(800 * MS);
    expect(lab.frames({ type: 136, since: t })).toEqual([]);
    lab.run(1);
    const f = expectFrames(lab.sink, { type: 136, since: t, target: SUBNET_ANYCAST }, 1)[0];
    // The delay is the one drawn when the NS arrived, to the microsecond the link takes.
    expect(f.time).toBe(waiting[0].at);
    expect(naOf(f).flags).toMatchObject({ R: true, S: true, O: false });
    expect(option(f.msg, 2)).toEqual({ type: 2, lladdr: NUT_MAC });
    expect(f.ip).toMatchObject({ src: NUT_GA, dst: TN1.ga });
    expect(f.frame.dst).toBe(TN1.mac);
    expect(lab.neighbor(TN1.ga)?.lladdr).toBe(TN1.mac);
  });

  it('the delay comes from the node\'s random stream: different seeds, different delays, all below proxy_delay', () => {
    const delays = new Set<number>();
    for (const seed of [1, 2, 3, 4]) {
      const lab = simPair({ role: 'router' }, { seed }).ready();
      const t = lab.now;
      lab.send(ns(TN1, { target: LL_ANYCAST, dst: ANYCAST_GROUP }));
      lab.run(1);
      const f = expectFrames(lab.sink, { type: 136, since: t, target: LL_ANYCAST }, 1)[0];
      expect(f.time - t).toBeLessThan(800 * MS);
      expect(naOf(f).flags.O).toBe(false);
      expect(f.ip.src).toBe(NUT_LL);
      delays.add(f.time - t);
    }
    expect(delays.size).toBeGreaterThan(1);
  });

  it('proxy_delay = 20 (0.2 s): the answer comes within 0.2 s; proxy_delay = 0: at once', () => {
    const lab = router({ proxy_delay: 20 });
    let t = lab.now;
    lab.send(ns(TN1, { target: LL_ANYCAST, dst: ANYCAST_GROUP })).run(1);
    const f = expectFrames(lab.sink, { type: 136, since: t, target: LL_ANYCAST }, 1)[0];
    expect(f.time - t).toBeLessThan(200 * MS);
    const now = router({ proxy_delay: 0 });
    t = now.now;
    now.send(ns(TN1, { target: LL_ANYCAST, dst: ANYCAST_GROUP }));
    expect(now.iface().neighbors.deferredSolicitations()).toEqual([]);
    expectFrames(now.sink, { type: 136, since: t, until: t + 1001, target: LL_ANYCAST }, 1);
  });

  it('a unicast NS for the anycast address is answered at once (Linux delays only a multicast one), O=0 and, as for any unicast NS, no TLLA', () => {
    const lab = router();
    const t = lab.now;
    lab.send(ns(TN1, { src: TN1.ga, target: SUBNET_ANYCAST, dst: SUBNET_ANYCAST }));
    expect(lab.iface().neighbors.deferredSolicitations()).toEqual([]);
    const f = expectFrames(lab.sink, { type: 136, since: t, until: t + 1001, target: SUBNET_ANYCAST }, 1)[0];
    expect(naOf(f).flags).toMatchObject({ R: true, S: true, O: false });
    expect(option(f.msg, 2)).toBeUndefined();
    expect(f.ip.dst).toBe(TN1.ga);
  });

  it('a DAD NS (from ::) for the anycast address is answered as Linux does: after the delay, to all-nodes, S=0, O=0, R=1, with the TLLA', () => {
    const lab = router();
    const t = lab.now;
    lab.send(ns(TN1, { src: '::', target: SUBNET_ANYCAST, dst: solicitedNodeAddress(SUBNET_ANYCAST) }));
    expect(lab.iface().neighbors.deferredSolicitations()).toHaveLength(1);
    lab.run(1);
    const f = expectFrames(lab.sink, { type: 136, since: t, target: SUBNET_ANYCAST }, 1)[0];
    expect(f.ip.dst).toBe('ff02::1');
    expect(naOf(f).flags).toMatchObject({ R: true, S: false, O: false });
    expect(option(f.msg, 2)).toEqual({ type: 2, lladdr: NUT_MAC });
  });

  it('the anycast address goes with its prefix: after `ip addr del` an NS for it is not answered, one already waiting included; fe80:: stays', () => {
    const lab = router();
    lab.send(ns(TN1, { target: SUBNET_ANYCAST, dst: solicitedNodeAddress(SUBNET_ANYCAST) }));
    expect(lab.iface().neighbors.deferredSolicitations()).toHaveLength(1);
    const t = lab.now;
    lab.command('ip-addr-del', { address: NUT_GA });
    lab.run(1);
    expect(lab.frames({ type: 136, since: t, target: SUBNET_ANYCAST })).toEqual([]);
    expect(lab.drops('nut', t)).toContain('ns-not-for-us');
    expect(lab.iface().anycastAddresses()).toEqual([LL_ANYCAST]);
    const t2 = lab.now;
    lab.send(ns(TN1, { target: SUBNET_ANYCAST, dst: solicitedNodeAddress(SUBNET_ANYCAST) })).run(1);
    expect(lab.frames({ type: 136, since: t2, target: SUBNET_ANYCAST })).toEqual([]);
    lab.send(ns(TN1, { target: LL_ANYCAST, dst: ANYCAST_GROUP })).run(1);
    expectFrames(lab.sink, { type: 136, since: t2, target: LL_ANYCAST }, 1);
  });

  it('no anycast address without forwarding (a router node with forwarding = 0), none for a /127 (RFC 6164), and none while the address is tentative', () => {
    const off = simPair({ role: 'router', sysctl: { forwarding: 0 } }).ready();
    expect(off.iface().anycastAddresses()).toEqual([]);
    const t = off.now;
    off.send(ns(TN1, { target: LL_ANYCAST, dst: ANYCAST_GROUP })).run(1);
    expect(off.frames({ type: 136, since: t })).toEqual([]);
    const lab = simPair({ role: 'router' }).ready();
    lab.command('ip-addr-add', { address: '2001:db8:7::1', prefixLength: 127, nodad: true });
    lab.command('ip-addr-add', { address: NUT_GA, prefixLength: 64 });
    lab.run(0.01);
    expect(lab.iface().anycastAddresses()).toEqual([LL_ANYCAST]);
    lab.run(3); // DAD of NUT_GA ends
    expect(lab.iface().anycastAddresses()).toEqual([LL_ANYCAST, SUBNET_ANYCAST]);
  });

  it('link down empties the delay queue and leaves the anycast group (Linux addrconf_ifdown, neigh_ifdown)', () => {
    const lab = router();
    const t = lab.now;
    lab.send(ns(TN1, { target: LL_ANYCAST, dst: ANYCAST_GROUP }));
    lab.sim.input('nut', { kind: 'link-down', ifname: 'eth0' });
    lab.run(1);
    expect(lab.iface().neighbors.deferredSolicitations()).toEqual([]);
    expect(lab.iface().addresses.mld.isMember(ANYCAST_GROUP)).toBe(false);
    expect(lab.frames({ type: 136, since: t })).toEqual([]);
  });
});

describe('v6LC.2.1.13 A–C NS and IsRouter (RFC 4861 §7.2.3)', () => {
  const parts = [
    ['A', 'unicast without SLLA', { dst: NUT_LL, slla: null }, TR1.mac],
    ['B', 'unicast with SLLA', { dst: NUT_LL }, TR1.mac],
    ['C', 'multicast with a different SLLA', { slla: OTHER_MAC }, OTHER_MAC],
  ] as const;
  for (const [part, what, opts, mac] of parts) {
    it(`v6LC.2.1.13 ${part}: an NS from TR1 (${what}) leaves IsRouter set; TR1 stays the first hop`, () => {
      const lab = host();
      withRouter(lab);
      expect(lab.neighbor(TR1.ll)?.isRouter).toBe(true);
      lab.send(ns(TR1, opts));
      expect(lab.neighbor(TR1.ll)?.isRouter).toBe(true);
      const t = lab.now;
      lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via: TR1 }));
      expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([mac]);
    });
  }
});

describe('v6LC.2.1.21 A–H NA with R=0 from a router (RFC 4861 §7.2.5)', () => {
  // TAHI parts: A–D without TLLA, E–H with; (S,O) = (1,1), (0,0), (0,1), (1,0).
  const parts: { part: string; S: boolean; O: boolean; tlla: boolean }[] = [];
  let k = 0;
  for (const tlla of [false, true]) for (const [S_, O] of [[true, true], [false, false], [false, true], [true, false]]) parts.push({ part: 'ABCDEFGH'[k++], S: S_, O, tlla });
  for (const c of parts) {
    it(`v6LC.2.1.21 ${c.part} (R=0 S=${+c.S} O=${+c.O} ${c.tlla ? 'TLLA' : 'no TLLA'}): IsRouter cleared, TR1 leaves the Default Router List; no echo reply via TR1, no NS for TR1`, () => {
      const lab = host();
      withRouter(lab);
      lab.send(echo(TR1)).send(na(TR1, { R: true }));
      expect(lab.neighbor(TR1.ll)).toMatchObject({ state: 'REACHABLE', isRouter: true });
      lab.send(na(TR1, { R: false, S: c.S, O: c.O, tlla: c.tlla ? TR1.mac : null }));
      expect(lab.neighbor(TR1.ll)?.isRouter).toBe(false);
      expect(lab.iface().rd.routers.size).toBe(0);
      const t = lab.now;
      lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via: TR1 }));
      lab.run(3);
      expect(echoReplies(lab, t)).toEqual([]);
      expect(multicastSolicits(lab, TR1.ll, t)).toEqual([]);
    });
  }
});

describe('RFC 9131 / unsolicited NA (optional)', () => {
  it('unsolicited NA (plain RFC 4861, host): no entry is created', () => {
    const lab = host();
    lab.send(na(TN1, { S: false, O: true, dst: 'ff02::1' }));
    expect(lab.neighbor(TN1.ll)).toBeUndefined();
  });

  // Linux kselftests ndisc_unsolicited_na_test.sh (drop × accept × forwarding)
  // and arp_ndisc_untracked_subnets.sh (accept 0/1/2, source in or out of
  // a subnet of the router's addresses). The NUT has NUT_GA/64, so TN1.ga is
  // in its subnet; the NA is unsolicited, to all-nodes, with TLLA.
  const nut = (fwd: 0 | 1, sysctl: Record<string, unknown>): Lab => {
    const lab = simPair({ role: fwd ? 'router' : 'host', sysctl: { ...TAHI_HOST_SYSCTL, forwarding: fwd, ...sysctl } }).ready();
    lab.command('ip-addr-add', { address: NUT_GA, prefixLength: 64, nodad: true });
    lab.run(0.01);
    return lab;
  };
  const unsolicited = (p: Party, src: string, o: { tlla?: string | null; S?: boolean; R?: boolean } = {}) =>
    na(p, { src, target: src, dst: 'ff02::1', S: o.S ?? false, O: true, R: o.R ?? false, tlla: o.tlla });
  for (const drop of [0, 1] as const) {
    for (const accept of [0, 1, 2] as const) {
      for (const fwd of [0, 1] as const) {
        const creates = drop === 0 && accept > 0 && fwd === 1;
        it(`RFC 9131 §4 (drop_unsolicited_na=${drop}, accept_untracked_na=${accept}, forwarding=${fwd}): an unsolicited NA with TLLA for an unknown target ${creates ? 'creates a STALE entry' : 'leaves the cache alone'}`, () => {
          const lab = nut(fwd, { drop_unsolicited_na: drop, accept_untracked_na: accept });
          lab.send(unsolicited(TN1, TN1.ga));
          if (creates) expect(lab.neighbor(TN1.ga)).toMatchObject({ state: 'STALE', lladdr: TN1.mac, isRouter: false });
          else expect(lab.neighbor(TN1.ga)).toBeUndefined();
        });
      }
    }
  }

  it('accept_untracked_na = 2: only a source inside a subnet of the router\'s addresses (Linux ipv6_chk_prefix); 1 takes any; a link-local source is inside fe80::/64', () => {
    const outside = party('TN9', '00:00:00:00:09:00', '2001:db8:9::');
    const two = nut(1, { accept_untracked_na: 2 });
    two.send(unsolicited(outside, outside.ga));
    expect(two.neighbor(outside.ga)).toBeUndefined();
    two.send(unsolicited(TN1, TN1.ga)).send(unsolicited(TN2, TN2.ll));
    expect(two.neighbor(TN1.ga)?.state).toBe('STALE');
    expect(two.neighbor(TN2.ll)?.state).toBe('STALE');
    const one = nut(1, { accept_untracked_na: 1 });
    one.send(unsolicited(outside, outside.ga));
    expect(one.neighbor(outside.ga)).toMatchObject({ state: 'STALE', lladdr: outside.mac });
  });

  it('accept_untracked_na = 1: no entry without a TLLA; a solicited NA (S=1) also creates one, STALE not REACHABLE; R=1 sets IsRouter', () => {
    const lab = nut(1, { accept_untracked_na: 1 });
    lab.send(unsolicited(TN1, TN1.ga, { tlla: null }));
    expect(lab.neighbor(TN1.ga)).toBeUndefined();
    lab.send(na(TN1, { src: TN1.ga, target: TN1.ga, dst: NUT_GA, S: true, O: false }));
    expect(lab.neighbor(TN1.ga)).toMatchObject({ state: 'STALE', lladdr: TN1.mac });
    lab.send(unsolicited(TR1, TR1.ll, { R: true }));
    expect(lab.neighbor(TR1.ll)).toMatchObject({ state: 'STALE', isRouter: true });
    // drop_unsolicited_na spares solicited NAs: S=1 still creates the entry.
    const both = nut(1, { accept_untracked_na: 1, drop_unsolicited_na: 1 });
    both.send(na(TN1, { src: TN1.ga, target: TN1.ga, dst: NUT_GA, S: true }));
    expect(both.neighbor(TN1.ga)?.state).toBe('STALE');
    expect(both.drops()).not.toContain('na-unsolicited-dropped');
  });

  it('drop_unsolicited_na = 1 comes before everything (Linux ndisc_recv_na): an override NA is ignored, and so is one defending a tentative address', () => {
    const lab = host({ drop_unsolicited_na: 1 });
    makeReachable(lab, TN1);
    const t = lab.now;
    lab.send(na(TN1, { S: false, O: true, tlla: OTHER_MAC, dst: 'ff02::1' }));
    expect(lab.neighbor(TN1.ll)).toMatchObject({ state: 'REACHABLE', lladdr: TN1.mac });
    expect(lab.drops('nut', t)).toContain('na-unsolicited-dropped');
    const dup = '2001:db8:1::99';
    lab.command('ip-addr-add', { address: dup, prefixLength: 64 });
    lab.run(0.01);
    lab.send(na(TN1, { src: dup, target: dup, dst: 'ff02::1', S: false, O: true }));
    lab.run(3);
    expect(lab.iface().addresses.addressUse(dup)).toBe('preferred');
    // Control: without the sysctl the same NA makes DAD fail.
    const plain = host();
    plain.command('ip-addr-add', { address: dup, prefixLength: 64 });
    plain.run(0.01);
    plain.send(na(TN1, { src: dup, target: dup, dst: 'ff02::1', S: false, O: true }));
    plain.run(3);
    expect(plain.iface().addresses.addressUse(dup)).toBe('duplicate');
  });

  it('the sysctls are checked: accept_untracked_na 0…2, drop_unsolicited_na 0/1, proxy_delay and proxy_qlen ≥ 0', () => {
    expect(resolveHostConfig({ accept_untracked_na: 3 }).ok).toBe(false);
    expect(resolveHostConfig({ drop_unsolicited_na: 2 }).ok).toBe(false);
    expect(resolveHostConfig({ proxy_delay: -1 }).ok).toBe(false);
    expect(resolveHostConfig({ proxy_qlen: 1.5 }).ok).toBe(false);
    const r = resolveHostConfig({});
    expect(r.ok && r.config).toMatchObject({ accept_untracked_na: 0, drop_unsolicited_na: 0, proxy_delay: 80, proxy_qlen: 64 });
  });

  it('RFC 4861 §7.2.6 with ndisc_notify=1: after a MAC change the node announces itself and a peer\'s STALE entry follows the new MAC', () => {
    const lab = simLan([
      { name: 'a', sysctl: { ...TAHI_HOST_SYSCTL, ndisc_notify: 1 } },
      { name: 'b', sysctl: TAHI_HOST_SYSCTL },
    ]).ready('a').ready('b');
    const aLl = lab.iface('a').addresses.usableLinkLocal()!;
    lab.command('ping', { to: aLl, count: 1 }, 'b');
    lab.run(1);
    expect(lab.neighbor(aLl, 'b')?.lladdr).toBe(lab.iface('a').mac);
    const t = lab.now;
    const newMac = '00:11:22:33:44:99';
    lab.sim.setMac('a', 'eth0', newMac);
    lab.command('set-mac', { mac: newMac }, 'a');
    lab.run(0.1);
    const nas = lab.frames({ from: 'a', type: 136, dst: 'ff02::1', since: t });
    // Linux ndisc_send_unsol_na: one NA per address, not §7.2.6's three.
    expect(nas.filter((f) => naOf(f).target === aLl)).toHaveLength(1);
    expect(naOf(nas[0]).flags).toMatchObject({ S: false, O: true });
    expect(lab.neighbor(aLl, 'b')).toMatchObject({ state: 'STALE', lladdr: newMac });
  });
});
