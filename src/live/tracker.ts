// The passive tracker: what a silent observer of a link can infer about
// Neighbor Discovery and SLAAC from the frames alone (NDPMon's job, with the
// reasoning shown). Pure: frames and time go in, facts come out; the clock
// is a parameter (live/capture supplies wall-clock time, a pcap its
// timestamps), nothing here reads one.
//
//   observe(decoded, t, {frameIndex}) → { annotations, stateChanges, alerts }
//   tick(t)       → what time alone settles (DAD done, resolution failed…)
//   snapshot(t)   → tables for display;  summary() → sizes and evictions
//
// Inference is from the RFC timers, not from the hosts' insides: an address
// whose DAD probe went unanswered for DupAddrDetectTransmits × RetransTimer
// is *assumed* preferred (RFC 4862 §5.4); the defaults are Linux's and can be
// set to match the link.

import type { Decoded, Icmpv6Message } from '../packet/types.ts';
import { RULES, validate, type RuleId } from '../packet/validate.ts';
import { ALERTS, type AlertId } from './alerts.ts';
import { expireNd, onNa, onNs } from './tracker-nd.ts';
import { expireRouters, onRa, onRs } from './tracker-router.ts';
import { INFINITE_LIFETIME } from './tracker-ra.ts';
import { NS_PER_S, TrackerState, type Ctx, type FrameContext } from './tracker-state.ts';
import { SlidingWindow } from './tracker-table.ts';
import { liveMessage } from './live-text.ts';
import {
  DEFAULT_CAPS,
  DEFAULT_CONFIG,
  type FrameMeta,
  type Observation,
  type TableCaps,
  type TimeNs,
  type TrackerConfig,
  type TrackerSnapshot,
  type TrackerSummary,
} from './tracker-types.ts';

export * from './tracker-types.ts';
export type { Alert, AlertId, Severity } from './alerts.ts';
export { ALERTS } from './alerts.ts';

export type TrackerOptions = Partial<Omit<TrackerConfig, 'caps' | 'flood'>> & {
  caps?: Partial<TableCaps>;
  flood?: Partial<TrackerConfig['flood']>;
};

const HOP_LIMIT_RULES: ReadonlySet<string> = new Set(['rs-hop-limit', 'ra-hop-limit', 'ns-hop-limit', 'na-hop-limit', 'redirect-hop-limit']);
const ND_NAMES: Record<number, string> = { 133: 'RS', 134: 'RA', 135: 'NS', 136: 'NA', 137: 'Redirect' };

const toNs = (t: TimeNs): number => (typeof t === 'bigint' ? Number(t) : t);
const isUnknown = (m: Icmpv6Message): boolean => 'unknown' in m;

export class PassiveTracker {
  readonly config: TrackerConfig;
  private readonly s: TrackerState;
  private readonly floods: { ra: SlidingWindow; ns: SlidingWindow; rs: SlidingWindow };
  private readonly pressure: Record<keyof TableCaps, number>;
  private frames = 0;
  private lastNs = 0;

  constructor(options: TrackerOptions = {}) {
    this.config = {
      ...DEFAULT_CONFIG,
      ...options,
      caps: { ...DEFAULT_CAPS, ...options.caps },
      flood: { ...DEFAULT_CONFIG.flood, ...options.flood },
    };
    this.s = new TrackerState(this.config);
    const f = this.config.flood;
    const w = f.windowMs * 1_000_000;
    this.floods = { ra: new SlidingWindow(f.ra, w), ns: new SlidingWindow(f.ns, w), rs: new SlidingWindow(f.rs, w) };
    this.pressure = this.s.evictions();
  }

  observe(decoded: Decoded, time: TimeNs, meta: FrameMeta): Observation {
    const t = toNs(time);
    const obs: Observation = { annotations: [], stateChanges: [], alerts: [] };
    this.frames++;
    this.advance(t, obs);
    const ctx0: Ctx = { obs, t, frame: meta.frameIndex };
    const frame = decoded.frame;
    if (frame === null) {
      const reason = decoded.error?.reason ?? 'no Ethernet header';
      obs.annotations.push({ kind: 'malformed', reason });
      this.s.alert(ctx0, 'malformed', 'ethernet', () => liveMessage('live.alert.malformed-ethernet', { reason }));
      return obs;
    }
    const ip = frame.ipv6;
    if (decoded.error !== null && ip !== undefined && ip.nextHeader === 58) {
      const reason = `${decoded.error.layer} at byte ${decoded.error.offset}: ${decoded.error.reason}`;
      obs.annotations.push({ kind: 'malformed', reason });
      this.s.alert(ctx0, 'malformed', frame.src, () => ({ ...liveMessage('live.alert.malformed', { src: frame.src, reason }), host: frame.src }));
    }
    const msg = ip?.icmpv6;
    if (ip === undefined || msg === undefined || isUnknown(msg)) return this.finish(obs, ctx0);
    if ((parseInt(frame.src.slice(0, 2), 16) & 1) !== 0) return this.finish(obs, ctx0); // group MAC as source: not a station

    const violations = meta.violations ?? validate(frame, decoded.checksumValid, decoded.addressClasses);
    let discard = false;
    for (const v of violations) {
      const rule = RULES[v.rule as RuleId];
      if (rule !== undefined && rule.effect === 'discard') discard = true;
      if (v.rule === 'icmpv6-checksum') {
        this.s.alert(ctx0, 'bad-checksum', frame.src, () => ({ ...liveMessage('live.alert.bad-checksum', { type: msg.type, src: frame.src }), host: frame.src }));
      } else if (HOP_LIMIT_RULES.has(v.rule)) {
        this.s.alert(ctx0, 'bad-hop-limit', frame.src, () => ({
          ...liveMessage('live.alert.bad-hop-limit', { msg: ND_NAMES[msg.type] ?? 'ND message', src: frame.src, hopLimit: ip.hopLimit }),
          host: frame.src,
        }));
      }
    }
    const ctx: FrameContext = { obs, t, frame: meta.frameIndex, ethSrc: frame.src, ethDst: frame.dst, ip, discard };
    this.s.host(frame.src, ctx);
    this.dispatch(ctx, msg);
    return this.finish(obs, ctx0);
  }

  /** What time alone settles by `time`: DAD assumed done, resolutions
   *  failed, lifetimes run out, folded alert counts reported. */
  tick(time: TimeNs): Observation {
    const t = toNs(time);
    const obs: Observation = { annotations: [], stateChanges: [], alerts: [] };
    this.advance(t, obs);
    obs.alerts.push(...this.s.alerts.flush(t));
    return obs;
  }

  /** When tick() next has something to do (Infinity: nothing pending). */
  nextDeadline(): number {
    return this.s.nextDeadline;
  }

  snapshot(time?: TimeNs): TrackerSnapshot {
    const t = time === undefined ? this.lastNs : toNs(time);
    const s = this.s;
    const left = (lifetime: number, since: number): number =>
      lifetime === INFINITE_LIFETIME ? Infinity : Math.max(0, lifetime - (t - since) / NS_PER_S);
    return {
      timeNs: t,
      hosts: [...s.hosts.values()].map((h) => ({
        mac: h.mac,
        firstSeenNs: h.firstSeenNs,
        lastSeenNs: h.lastSeenNs,
        router: h.router,
        addresses: [...h.addresses.values()].map((a) => ({ ...a })),
      })),
      routers: [...s.routers.values()].map((r) => ({
        mac: r.mac,
        params: r.params,
        lastRaNs: r.lastRaNs,
        remainingLifetimeS: r.state === 'expired' ? 0 : left(r.params.routerLifetime, r.lastRaNs),
        raCount: r.raCount,
      })),
      prefixes: [...s.prefixes.values()].map((p) => ({
        prefix: p.prefix,
        length: p.length,
        router: p.router,
        L: p.L,
        A: p.A,
        remainingValidS: left(p.validLifetime, p.receivedNs),
        remainingPreferredS: left(p.preferredLifetime, p.receivedNs),
      })),
      dad: [...s.dad.values()].map((d) => ({ target: d.target, mac: d.mac, startNs: d.startNs, probes: d.probes, deadlineNs: d.deadlineNs })),
      resolutions: [...s.resolutions.values()].map((r) => ({
        requester: r.requester,
        requesterMac: r.requesterMac,
        target: r.target,
        startNs: r.startNs,
        solicitations: r.solicitations,
      })),
      exchanges: [...s.exchanges.values()].map((e) => ({ ...e })),
      alerts: s.alerts.recent(),
    };
  }

  summary(): TrackerSummary {
    return { frames: this.frames, tables: this.s.sizes(), evicted: this.s.evictions(), alerts: { ...this.s.alerts.counts } };
  }

  private dispatch(ctx: FrameContext, msg: Icmpv6Message): void {
    switch (msg.type) {
      case 133:
        if (this.floods.rs.hit(ctx.t)) this.flood(ctx, 'rs-flood', this.config.flood.rs);
        onRs(this.s, ctx, msg as Extract<Icmpv6Message, { type: 133 }>);
        return;
      case 134:
        if (this.floods.ra.hit(ctx.t)) this.flood(ctx, 'ra-flood', this.config.flood.ra);
        onRa(this.s, ctx, msg as Extract<Icmpv6Message, { type: 134 }>);
        return;
      case 135:
        if (this.floods.ns.hit(ctx.t)) this.flood(ctx, 'ns-flood', this.config.flood.ns);
        onNs(this.s, ctx, msg as Extract<Icmpv6Message, { type: 135 }>);
        return;
      case 136:
        onNa(this.s, ctx, msg as Extract<Icmpv6Message, { type: 136 }>);
        return;
      case 137: {
        const r = msg as Extract<Icmpv6Message, { type: 137 }>;
        ctx.obs.annotations.push({ kind: 'redirect', router: ctx.ethSrc, target: r.target, destination: r.destination });
        return;
      }
      case 130:
      case 131:
      case 132:
      case 143:
        ctx.obs.annotations.push({ kind: 'mld', mac: ctx.ethSrc, source: ctx.ip.src });
        // MLD never leaves the link (hop limit 1), so its source is the sender's own.
        if (!ctx.discard && ctx.ip.src !== '::') this.s.bind(ctx, ctx.ip.src, ctx.ethSrc, 'source');
        return;
      default:
        return;
    }
  }

  private flood(ctx: FrameContext, id: 'ra-flood' | 'ns-flood' | 'rs-flood', threshold: number): void {
    this.s.alert(ctx, id, '', () => liveMessage(`live.alert.${id}`, { threshold, windowMs: this.config.flood.windowMs }));
  }

  /** Runs time-based inference up to `t` when a deadline has passed. Time
   *  never goes back: a late frame is judged at the latest time seen. */
  private advance(t: number, obs: Observation): void {
    if (t > this.lastNs) this.lastNs = t;
    const now = this.lastNs;
    if (now < this.s.nextDeadline) return;
    this.s.nextDeadline = Infinity;
    expireNd(this.s, obs, now);
    expireRouters(this.s, obs, now);
  }

  /** Reports a table that started evicting (ndpwatch's "table pressure"). */
  private finish(obs: Observation, ctx: Ctx): Observation {
    const now = this.s.evictions();
    for (const k of Object.keys(now) as (keyof TableCaps)[]) {
      if (now[k] === this.pressure[k]) continue;
      const n = now[k] - this.pressure[k];
      this.pressure[k] = now[k];
      if (k === 'alertHistory' || k === 'alertKeys' || k === 'exchanges') continue; // display history, not state
      const cap = this.config.caps[k];
      this.s.alert(ctx, 'table-pressure', k, () => liveMessage('live.alert.table-pressure', { table: k, cap, evicted: n }));
    }
    return obs;
  }
}

/** Severity of an alert id (for filters and exit codes). */
export const severityOf = (id: AlertId) => ALERTS[id].severity;
