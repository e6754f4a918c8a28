// The passive tracker's inferences: what each ND frame means, DAD and
// address resolution timelines driven by tick(), routers, prefixes and the
// RS → RA exchange. Alerts have their own file (alerts.test.ts).

import { describe, expect, it } from 'vitest';
import { PassiveTracker, type Observation, type TrackerChange } from '../../src/live/tracker.ts';
import type { Decoded } from '../../src/packet/types.ts';
import { A, B, R, MS, S, dadNs, gA, gB, llA, llB, llR, mldReport, na, nudNs, ra, resolutionNs, rs } from './frames.ts';

/** Feeds frames at the given times (ms); frame indexes count from 0. */
function feed(tr: PassiveTracker, frames: [Decoded, number][]): Observation[] {
  return frames.map(([d, ms], i) => tr.observe(d, ms * MS, { frameIndex: i }));
}

const changes = (obs: Observation[]): TrackerChange[] => obs.flatMap((o) => o.stateChanges);
const addressChange = (obs: Observation[], address: string) =>
  changes(obs).filter((c) => c.kind === 'address' && c.key === address).map((c) => `${c.host} ${c.from}→${c.to} ${c.reasonId}`);

describe('what a Neighbor Solicitation means', () => {
  it('NS from :: is a DAD probe for its target (RFC 4862 §5.4.2)', () => {
    const [o] = feed(new PassiveTracker(), [[dadNs(A, llA), 0]]);
    expect(o.annotations).toEqual([{ kind: 'dad-probe', target: llA, mac: A, nonce: false }]);
  });

  it('NS to the solicited-node group is address resolution (RFC 4861 §7.2.2)', () => {
    const [o] = feed(new PassiveTracker(), [[resolutionNs(A, llA, gB), 0]]);
    expect(o.annotations).toEqual([{ kind: 'address-resolution', target: gB, requester: llA, mac: A }]);
  });

  it('unicast NS is a reachability probe (RFC 4861 §7.3.3)', () => {
    const [o] = feed(new PassiveTracker(), [[nudNs(A, llA, llB, B), 0]]);
    expect(o.annotations).toEqual([{ kind: 'nud-probe', target: llB, requester: llA, mac: A }]);
  });
});

describe('DAD inferred from the wire', () => {
  it('tentative on the probe, assumed preferred after RetransTimer × DupAddrDetectTransmits with no answer', () => {
    const tr = new PassiveTracker();
    const obs = feed(tr, [[dadNs(A, llA), 0]]);
    expect(addressChange(obs, llA)).toEqual([`${A} null→tentative dad-started`]);
    expect(tr.snapshot().dad).toEqual([{ target: llA, mac: A, startNs: 0, probes: 1, deadlineNs: 1000 * MS }]);
    expect(tr.nextDeadline()).toBe(1000 * MS);

    expect(tr.tick(999 * MS).stateChanges).toEqual([]);
    const done = tr.tick(1000 * MS);
    expect(addressChange([done], llA)).toEqual([`${A} tentative→preferred dad-succeeded`]);
    expect(tr.snapshot().hosts.find((h) => h.mac === A)?.addresses).toEqual([
      { address: llA, state: 'preferred', learnt: 'dad', sinceNs: 1000 * MS },
    ]);
    expect(tr.snapshot().dad).toEqual([]);
    // Nothing more happens later.
    expect(tr.tick(60 * S).stateChanges).toEqual([]);
  });

  it('follows configured RetransTimer and dad_transmits; retransmitted probes do not restart the clock', () => {
    const tr = new PassiveTracker({ retransTimerMs: 500, dadTransmits: 3 });
    feed(tr, [
      [dadNs(A, gA), 0],
      [dadNs(A, gA), 500],
      [dadNs(A, gA), 1000],
    ]);
    expect(tr.snapshot().dad[0].probes).toBe(3);
    expect(tr.tick(1499 * MS).stateChanges).toEqual([]);
    expect(addressChange([tr.tick(1500 * MS)], gA)).toEqual([`${A} tentative→preferred dad-succeeded`]);
  });

  it('a frame arriving after the deadline settles DAD before it is judged', () => {
    const tr = new PassiveTracker();
    const [, o] = feed(tr, [
      [dadNs(A, llA), 0],
      [rs(A), 1200],
    ]);
    expect(addressChange([o], llA)).toEqual([`${A} tentative→preferred dad-succeeded`]);
  });

  it('duplicate when the owner defends with an NA (RFC 4862 §5.4.4)', () => {
    const tr = new PassiveTracker();
    const obs = feed(tr, [
      [na(B, gB, 'ff02::1', gB), 0], // B announces gB
      [dadNs(A, gB), 5000],
      [na(B, gB, 'ff02::1', gB), 5300],
    ]);
    expect(obs[2].annotations).toEqual([{ kind: 'dad-defence', target: gB, mac: B, prober: A }]);
    expect(addressChange(obs, gB)).toContain(`${A} tentative→duplicate dad-failed`);
    expect(tr.tick(10 * S).stateChanges).toEqual([]); // not assumed preferred afterwards
  });

  it('duplicate for both when two MACs probe the same address (RFC 4862 §5.4.3)', () => {
    const tr = new PassiveTracker();
    const obs = feed(tr, [
      [dadNs(A, gA), 0],
      [dadNs(B, gA), 200],
    ]);
    expect(addressChange([obs[1]], gA)).toEqual([`${A} tentative→duplicate dad-failed`, `${B} null→duplicate dad-failed`]);
  });
});

describe('address resolution', () => {
  it('INCOMPLETE → REACHABLE on the solicited NA, with its latency', () => {
    const tr = new PassiveTracker();
    const obs = feed(tr, [
      [resolutionNs(A, llA, gB), 100],
      [na(B, llB, llA, gB, { S: true, dstMac: A }), 103],
    ]);
    const res = changes(obs).filter((c) => c.kind === 'resolution');
    expect(res.map((c) => `${c.key} ${c.from}→${c.to}`)).toEqual([`${llA}→${gB} null→INCOMPLETE`, `${llA}→${gB} INCOMPLETE→REACHABLE`]);
    expect(obs[1].annotations).toEqual([{ kind: 'solicited-na', target: gB, mac: B, router: false, override: true, latencyNs: 3 * MS }]);
    expect(tr.snapshot().resolutions).toEqual([]);
  });

  it('INCOMPLETE → FAILED when no NA comes within 3 × RetransTimer of the first NS', () => {
    const tr = new PassiveTracker();
    feed(tr, [
      [resolutionNs(A, llA, gB), 0],
      [resolutionNs(A, llA, gB), 1000],
      [resolutionNs(A, llA, gB), 2000],
    ]);
    expect(tr.snapshot().resolutions[0].solicitations).toBe(3);
    expect(tr.tick(2999 * MS).stateChanges).toEqual([]);
    const failed = tr.tick(3000 * MS).stateChanges;
    expect(failed.map((c) => `${c.from}→${c.to} ${c.reasonId}`)).toEqual(['INCOMPLETE→FAILED nc-failed']);
  });

  it('learns MAC ↔ address bindings from SLLA, TLLA and ND sources', () => {
    const tr = new PassiveTracker();
    feed(tr, [
      [resolutionNs(A, llA, gB), 0],
      [na(B, llB, llA, gB, { S: true, dstMac: A }), 1],
    ]);
    const hosts = Object.fromEntries(tr.snapshot().hosts.map((h) => [h.mac, h.addresses.map((a) => `${a.address} ${a.state} ${a.learnt}`)]));
    expect(hosts[A]).toEqual([`${llA} in-use source`]);
    expect(hosts[B]).toEqual([`${gB} in-use target`, `${llB} in-use source`]);
  });
});

describe('routers, prefixes and the RS → RA exchange', () => {
  it('learns a router and its parameters from its RA', () => {
    const tr = new PassiveTracker();
    const [o] = feed(tr, [[ra(R, { M: true, mtu: 1480, rdnss: ['2001:db8::53'] }), 0]]);
    const ann = o.annotations[0];
    expect(ann.kind).toBe('ra');
    if (ann.kind !== 'ra') return;
    expect(ann.params).toMatchObject({ router: llR, M: true, O: false, prf: 'medium', routerLifetime: 1800, mtu: 1480, rdnss: ['2001:db8::53'] });
    expect(ann.params.prefixes).toEqual([{ prefix: '2001:db8::', length: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400 }]);
    expect(o.stateChanges.filter((c) => c.kind !== 'address').map((c) => `${c.kind} ${c.key} ${c.from}→${c.to}`)).toEqual([
      `router ${R} null→default`,
      'prefix 2001:db8::/64 null→valid',
    ]);
    expect(tr.snapshot().hosts.find((h) => h.mac === R)?.router).toBe(true);
  });

  it('counts prefix lifetimes down and drops the prefix when its valid lifetime runs out', () => {
    const tr = new PassiveTracker();
    feed(tr, [[ra(R, { prefixes: [{ prefix: '2001:db8:1::', valid: 600, preferred: 300 }] }), 0]]);
    expect(tr.snapshot(100 * S).prefixes[0]).toMatchObject({ remainingValidS: 500, remainingPreferredS: 200 });
    expect(tr.snapshot(400 * S).prefixes[0]).toMatchObject({ remainingValidS: 200, remainingPreferredS: 0 });
    expect(tr.tick(599 * S).stateChanges).toEqual([]);
    const gone = tr.tick(600 * S).stateChanges.filter((c) => c.kind === 'prefix');
    expect(gone.map((c) => `${c.key} ${c.from}→${c.to} ${c.reasonId}`)).toEqual(['2001:db8:1::/64 valid→null rd.prefix.expired']);
  });

  it('infinite lifetimes never count down', () => {
    const tr = new PassiveTracker();
    feed(tr, [[ra(R, { prefixes: [{ prefix: '2001:db8::', valid: 0xffffffff, preferred: 0xffffffff }] }), 0]]);
    expect(tr.snapshot(1e6 * S).prefixes[0].remainingValidS).toBe(Infinity);
  });

  it('a router whose lifetime runs out without a new RA expires (RFC 4861 §6.3.5)', () => {
    const tr = new PassiveTracker();
    feed(tr, [[ra(R, { lifetime: 30 }), 0]]);
    expect(tr.tick(29 * S).stateChanges).toEqual([]);
    expect(tr.tick(30 * S).stateChanges.map((c) => `${c.kind} ${c.from}→${c.to}`)).toEqual(['router default→expired']);
    expect(tr.snapshot().routers[0].remainingLifetimeS).toBe(0);
  });

  it('pairs an RS with the RA that answers it, with the latency', () => {
    const tr = new PassiveTracker();
    const obs = feed(tr, [
      [rs(A), 1000],
      [ra(R), 1350],
    ]);
    expect(obs[0].annotations).toEqual([{ kind: 'rs', source: llA, mac: A }]);
    const ann = obs[1].annotations[0];
    expect(ann.kind === 'ra' && ann.answers).toEqual([{ host: A, rsFrame: 0, latencyNs: 350 * MS }]);
    expect(tr.snapshot().exchanges).toEqual([{ host: A, rsFrame: 0, rsNs: 1000 * MS, router: R, raFrame: 1, latencyNs: 350 * MS }]);
  });

  it('a unicast RA answers only the host it is sent to; an RS left too long stays unanswered', () => {
    const tr = new PassiveTracker();
    const obs = feed(tr, [
      [rs(A), 0],
      [rs(B), 0],
      [ra(R, { dst: llB, dstMac: B }), 100],
      [ra(R), 5000], // A's RS is 5 s old: past RTR_SOLICITATION_INTERVAL
    ]);
    const answers = obs.slice(2).map((o) => (o.annotations[0].kind === 'ra' ? o.annotations[0].answers.map((a) => a.host) : null));
    expect(answers).toEqual([[B], []]);
    expect(tr.snapshot().exchanges.find((e) => e.host === A)?.router).toBeNull();
  });

  it('MLD reports bind the link-local source to the sender; from :: they bind nothing', () => {
    const tr = new PassiveTracker();
    const obs = feed(tr, [
      [mldReport(A, '::'), 0],
      [mldReport(A, llA), 1],
    ]);
    expect(obs.map((o) => o.annotations[0].kind)).toEqual(['mld', 'mld']);
    expect(addressChange(obs, llA)).toEqual([`${A} null→in-use binding-learnt`]);
  });
});

describe('input the tracker must survive', () => {
  it('takes bigint epoch timestamps as capture supplies them', () => {
    const tr = new PassiveTracker();
    const t0 = 1_700_000_000_000_000_000n;
    tr.observe(dadNs(A, llA), t0, { frameIndex: 0 });
    expect(tr.tick(t0 + 999_000_000n).stateChanges).toEqual([]);
    expect(tr.tick(t0 + 1_000_000_000n).stateChanges.map((c) => c.to)).toEqual(['preferred']);
  });

  it('ignores non-ICMPv6 frames and frames too short for Ethernet without throwing', () => {
    const tr = new PassiveTracker();
    const none = tr.observe({ frame: null, error: { layer: 'ethernet', offset: 0, reason: 'short' }, checksumValid: null }, 0, { frameIndex: 0 });
    expect(none.annotations).toEqual([{ kind: 'malformed', reason: 'short' }]);
    const arp = tr.observe({ frame: { dst: 'ff:ff:ff:ff:ff:ff', src: A, etherType: 0x0806, payload: new Uint8Array(28) }, error: null, checksumValid: null }, 1, { frameIndex: 1 });
    expect(arp).toEqual({ annotations: [], stateChanges: [], alerts: [] });
  });
});
