// 2,000 hosts and one radvd router booting together on one link (the
// `ndsim bench slaac` workload at a size a test can afford): every host
// must end with a preferred global address, no DAD may fail, and each host
// must send exactly the frames the RFCs and Linux's defaults predict — the
// counts are derived from the configuration, not taken from a run.

import { describe, expect, it } from 'vitest';
import { buildSlaacBench, hostName, ROUTER_NAME } from '../../src/bench/slaac.ts';
import { NS_PER_S } from '../../src/nd/machine.ts';
import type { TraceEvent } from '../../src/sim/trace.ts';
import { resolveNodeConfig } from '../../src/stack/config.ts';

const N = 2000;
const UNTIL = 30 * NS_PER_S;

describe('2,000 hosts boot with full RFC behaviour', () => {
  const cfg = resolveNodeConfig({});
  if (!cfg.ok) throw new Error(cfg.errors.join('; '));
  const { slaac, nd } = cfg.config;

  // Per host: frames sent by ICMPv6 type, time its link-local address became
  // usable, time it first received an RA, RSs sent after that.
  const mld = new Int32Array(N);
  const dadNs = new Int32Array(N);
  const rs = new Int32Array(N);
  const other = new Int32Array(N);
  const rsAfterRa = new Int32Array(N);
  const linkLocalReady = new Float64Array(N).fill(Infinity);
  const firstRa = new Float64Array(N).fill(Infinity);
  const raFrames = new Set<number>();
  let routerRas = 0;
  let globalsPreferred = 0;
  let duplicates = 0;

  const hostIndex = (name: string): number => (name.startsWith('h') ? Number(name.slice(1)) : -1);
  const onEvent = (ev: TraceEvent): void => {
    if (ev.type === 'tx') {
      const m = ev.frame?.ipv6?.icmpv6;
      const type = m && !('unknown' in m) ? m.type : -1;
      if (ev.node === ROUTER_NAME) {
        if (type === 134) {
          routerRas++;
          raFrames.add(ev.frameId);
        }
        return;
      }
      const i = hostIndex(ev.node);
      if (type === 143) mld[i]++;
      else if (type === 135 && ev.frame?.ipv6?.src === '::') dadNs[i]++;
      else if (type === 133) {
        rs[i]++;
        if (firstRa[i] <= ev.time) rsAfterRa[i]++;
      } else other[i]++;
    } else if (ev.type === 'rx' && raFrames.has(ev.frameId)) {
      const i = hostIndex(ev.node);
      if (i >= 0 && firstRa[i] === Infinity) firstRa[i] = ev.time;
    } else if (ev.type === 'state' && ev.machine === 'address') {
      const i = hostIndex(ev.node);
      if (ev.to === 'duplicate') duplicates++;
      if (i < 0 || ev.to !== 'preferred') return;
      if (ev.key.startsWith('fe80:')) linkLocalReady[i] = Math.min(linkLocalReady[i], ev.time);
      else globalsPreferred++;
    }
  };

  const built = buildSlaacBench({ hosts: N, seed: 7, onEvent });
  built.sim.runUntil(UNTIL);

  it('gives every host a preferred global address and finds no duplicate', () => {
    expect(built.sink.preferred).toBe(N);
    expect(globalsPreferred).toBe(N);
    expect(duplicates).toBe(0);
    expect(built.sink.duplicates).toBe(0);
  });

  it('sends dad_transmits DAD probes per address: the link-local and the global one (RFC 4862 §5.4.2)', () => {
    const expected = 2 * slaac.dad_transmits;
    const wrong = [...dadNs].map((n, i) => [hostName(i), n] as const).filter(([, n]) => n !== expected);
    expect(wrong).toEqual([]);
  });

  it('sends Robustness Variable MLDv2 reports on joining, and as many again once the link-local is usable (RFC 3810 §6.1, Linux ipv6_mc_dad_complete)', () => {
    // The global EUI-64 address shares its low 24 bits with the link-local,
    // so it joins the same solicited-node group (a reference, no report);
    // ff02::1 is never reported (RFC 3810 §6).
    const expected = 2 * slaac.mld_qrv;
    const wrong = [...mld].map((n, i) => [hostName(i), n] as const).filter(([, n]) => n !== expected);
    expect(wrong).toEqual([]);
  });

  it('solicits only until the first RA: none before the link-local is usable, none after an RA (RFC 4861 §6.3.7)', () => {
    const interval = nd.router_solicitation_interval * NS_PER_S;
    const problems: string[] = [];
    for (let i = 0; i < N; i++) {
      expect(firstRa[i]).toBeLessThan(UNTIL);
      if (rsAfterRa[i] > 0) problems.push(`${hostName(i)} sent ${rsAfterRa[i]} RS after its first RA`);
      if (firstRa[i] < linkLocalReady[i]) {
        // The RA came first: the host never needed to solicit.
        if (rs[i] !== 0) problems.push(`${hostName(i)} had an RA before its link-local was usable yet sent ${rs[i]} RS`);
      } else {
        // The first RS goes when the link-local is usable; each later one
        // at least 0.9 × RTR_SOLICITATION_INTERVAL after (RFC 7559 backoff).
        const max = 1 + Math.floor((firstRa[i] - linkLocalReady[i]) / (0.9 * interval));
        if (rs[i] < 1 || rs[i] > max) problems.push(`${hostName(i)} sent ${rs[i]} RS, expected 1..${max}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('sends nothing else: no address resolution or NUD traffic without data to send', () => {
    expect([...other].filter((n) => n !== 0)).toEqual([]);
  });

  it('the router answers solicitations within its rate limits (RFC 4861 §6.2.6)', () => {
    const stats = built.router.iface('eth0').radvd!.stats;
    expect(routerRas).toBe(stats.multicastSent + stats.unicastSent);
    const totalRs = rs.reduce((a, b) => a + b, 0);
    expect(stats.solicitationsReceived).toBe(totalRs);
    // AdvRASolicitedUnicast (radvd's default): at most one unicast RA per RS.
    expect(stats.unicastSent).toBeLessThanOrEqual(totalRs);
    // Unsolicited multicast RAs: the initial ones at most 16 s apart (§6.2.4).
    expect(stats.multicastSent).toBeGreaterThanOrEqual(1);
    expect(stats.multicastSent).toBeLessThanOrEqual(Math.ceil(UNTIL / (16 * NS_PER_S)) + 1);
  });
});
