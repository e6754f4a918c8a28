// Host side of Router Discovery (RFC 4861 §6.3): sending Router
// Solicitations (§6.3.7) and processing Router Advertisements (§6.3.4) into
// the Default Router List, the Prefix List, RFC 4191 routes, the link
// parameters of the InterfaceView (with Linux's 300 s ReachableTime redraw),
// the M/O flags and RFC 8106 DNS options.
// Sans-I/O: every method takes `now` and pushes Actions onto `out`; timers
// are named "rd:…".
//
// The stack validates RAs first (packet/validate.ts, §6.1.2) and hands the
// same valid RA to SLAAC (src/slaac) for the A flag; neighbour cache updates
// from the SLLA option belong to the neighbour cache.

import { ALL_ROUTERS } from '../packet/address.ts';
import { icmpv6Frame } from '../packet/build.ts';
import { isLinkLocal } from '../packet/validate-addr.ts';
import type { Ip6, RouterAdvertisement, RouterSolicitation } from '../packet/types.ts';
import type { HostNdConfig } from './config.ts';
import {
  INFINITE_LIFETIME, REACHABLE_TIME_REDRAW_HOLDOFF_FACTOR, REACHABLE_TIME_REDRAW_INTERVAL, randomReachableTimeMs,
} from './constants.ts';
import { DefaultRouterList, deadline, effectivePreference, pushChange, type IsReachable } from './default-router-list.ts';
import type { InterfaceView } from './interface-view.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos } from './machine.ts';
import { PrefixList } from './prefix-list.ts';
import { RouteTable } from './route-table.ts';
import { emptyMap, writable } from './empty-map.ts';

export const RS_TIMER = 'rd:rs';
/** The periodic ReachableTime redraw (Linux neigh_periodic_work). */
export const REACHABLE_TIME_TIMER = 'rd:reachable-time';

/** Where solicitation stands (for display and explanations). */
export type SolicitState = 'idle' | 'waiting-for-link-local' | 'soliciting' | 'done' | 'no-routers';

/** The sysctls router discovery reads, plus one Linux has and config.ts does not (yet). */
export type RdConfig = Pick<
  HostNdConfig,
  | 'router_solicitations' | 'router_solicitation_interval' | 'router_solicitation_max_interval' | 'router_solicitation_delay'
  | 'accept_ra' | 'accept_ra_defrtr' | 'accept_ra_pinfo' | 'accept_ra_rtr_pref' | 'mtu'
> & {
  /** Linux accept_ra_rt_info_max_plen: longest RIO prefix accepted. Linux's
   *  default is 0 (only ::/0); absent here means RFC 4191 behaviour (128). */
  accept_ra_rt_info_max_plen?: number;
};

export interface DnsEntry {
  kind: 'rdnss' | 'dnssl';
  value: string;
  router: Ip6;
  lifetimeS: number;
  expiresAt: Nanos | null;
}

export class RouterDiscovery {
  readonly routers: DefaultRouterList;
  readonly prefixes: PrefixList;
  readonly routes: RouteTable;
  /** ManagedFlag / OtherConfigFlag of the last accepted RA (§6.3.4; RFC 4862 §5.5.1 leaves their use to DHCPv6). */
  managed = false;
  other = false;
  solicit: SolicitState = 'idle';
  /** RSs sent since the link came up. */
  solicitationsSent = 0;
  /** The last RA accepted, for SLAAC and the UI. */
  lastAdvertisement: { from: Ip6; at: Nanos; ra: RouterAdvertisement } | null = null;
  // Empty (shared) until an RA carries RDNSS or DNSSL (empty-map.ts).
  private dns: Map<string, DnsEntry> = emptyMap();
  /** Current RFC 7559 retransmission interval when soliciting without limit. */
  private backoff: Nanos = 0;
  /** An RA with a non-zero lifetime came while the link-local address was
   *  still in DAD (Linux IF_RA_RCVD): the first RS still goes, no more. */
  private raBeforeRs = false;
  /** When the next periodic ReachableTime redraw is due; null until the
   *  first link-up starts the clock. */
  reachableTimeRedrawAt: Nanos | null = null;
  private redrawKey: string | null = null;

  constructor(
    private readonly view: InterfaceView,
    private config: RdConfig,
  ) {
    this.routers = new DefaultRouterList(view.ifname, view);
    this.prefixes = new PrefixList(view.ifname, view);
    this.routes = new RouteTable(view.ifname);
  }

  /** RS_TIMER as the node's timer table knows it (interface-view.ts). */
  private rsKey(): string {
    return this.view.timerKey ? this.view.timerKey(RS_TIMER) : RS_TIMER;
  }

  setConfig(config: RdConfig): void {
    this.config = config;
  }

  /** RAs are processed only when this holds (Linux ipv6_accept_ra():
   *  forwarding ? accept_ra == 2 : accept_ra != 0). */
  acceptsRa(): boolean {
    return this.view.isRouter() ? this.config.accept_ra === 2 : this.config.accept_ra !== 0;
  }

  dnsEntries(): DnsEntry[] {
    return [...this.dns.values()];
  }

  // ------------------------------------------------------------ solicitation

  /**
   * The interface came up. Linux sends no RS until the link-local address
   * has passed DAD (addrconf_dad_completed), or is optimistic (RFC 4429 §3.2);
   * ndsim does the same, so this only arms soliciting — the stack calls
   * onAddressesChanged when an address becomes usable. Nothing is solicited
   * when RAs would be ignored anyway (Linux: send_rs needs ipv6_accept_ra).
   */
  onLinkUp(now: Nanos, out: Action[]): void {
    this.startReachableTimeRedraw(now, out);
    this.solicitationsSent = 0;
    this.raBeforeRs = false;
    if (!this.acceptsRa() || this.config.router_solicitations === 0) {
      this.solicit = 'idle';
      return;
    }
    this.solicit = 'waiting-for-link-local';
    this.onAddressesChanged(now, out);
  }

  /**
   * An address changed state. When waiting for a usable link-local, schedule
   * the first RS after a random delay in [0, router_solicitation_delay]
   * (RFC 4861 §6.3.7 MAX_RTR_SOLICITATION_DELAY). Pass `alreadyDelayed`
   * when DAD's own random delay already spread the hosts out: §6.3.7 then
   * needs no second delay, and Linux sends at once.
   */
  onAddressesChanged(now: Nanos, out: Action[], alreadyDelayed = false): void {
    if (this.solicit !== 'waiting-for-link-local' || this.rsSource() === null) return;
    this.solicit = 'soliciting';
    const delay = alreadyDelayed ? 0 : Math.floor(this.view.random() * this.config.router_solicitation_delay * NS_PER_S);
    out.push({ kind: 'setTimer', key: this.rsKey(), at: now + delay });
  }

  onLinkDown(now: Nanos, out: Action[]): void {
    out.push({ kind: 'cancelTimer', key: this.rsKey() });
    this.solicit = 'idle';
    const why = `${this.view.ifname} went down: routes learned from RAs are flushed`;
    this.routers.clear(why, now, out);
    this.prefixes.clear(why, out);
    this.routes.clear(why, out);
    for (const key of [...this.dns.keys()]) this.dropDns(key, why, out);
  }

  /** A link-local address we may send from: preferred/deprecated, or optimistic (no SLLA then). */
  private rsSource(): { src: Ip6; optimistic: boolean } | null {
    const src = this.view.selectSource(ALL_ROUTERS);
    if (src === null || !isLinkLocal(src)) return null;
    const use = this.view.addressUse(src);
    if (use === 'preferred' || use === 'deprecated') return { src, optimistic: false };
    if (use === 'optimistic') return { src, optimistic: true };
    return null;
  }

  private sendRs(now: Nanos, out: Action[]): void {
    const source = this.rsSource();
    const src = source?.src ?? '::';
    // §4.1: SLLA "MUST NOT be included when the source IP address is the
    // unspecified address"; RFC 4429 §3.2: not from an optimistic address either.
    const rs: RouterSolicitation = {
      type: 133,
      code: 0,
      options: source && !source.optimistic ? [{ type: 1, lladdr: this.view.mac() }] : [],
    };
    this.solicitationsSent++;
    const n = this.solicitationsSent;
    out.push({
      kind: 'send',
      ifname: this.view.ifname,
      frame: icmpv6Frame(this.view.mac(), src, ALL_ROUTERS, rs),
      why: `Router Solicitation ${n}${this.config.router_solicitations > 0 ? ` of ${this.config.router_solicitations}` : ''} (RFC 4861 §6.3.7)`,
    });
    if (this.raBeforeRs) {
      // Linux addrconf_rs_timer: no retransmission once an RA was received.
      this.solicit = 'done';
      return;
    }
    const interval = this.config.router_solicitation_interval * NS_PER_S;
    if (this.config.router_solicitations < 0) {
      // Linux's default (-1): keep soliciting with the RFC 7559 §2 backoff
      // (RFC 3315 §14: RT = 2·RTprev ± 10 %, capped at router_solicitation_max_interval).
      const jitter = 1 + (this.view.random() * 0.2 - 0.1);
      this.backoff = n === 1 ? Math.round(interval * jitter) : Math.round(this.backoff * 2 * jitter);
      this.backoff = Math.min(this.backoff, this.config.router_solicitation_max_interval * NS_PER_S);
      out.push({ kind: 'setTimer', key: this.rsKey(), at: now + this.backoff });
    } else {
      // RFC 4861: at most MAX_RTR_SOLICITATIONS, RTR_SOLICITATION_INTERVAL apart;
      // after the last one wait one more interval before concluding there is no router.
      out.push({ kind: 'setTimer', key: this.rsKey(), at: now + interval });
    }
  }

  private onRsTimer(now: Nanos, out: Action[]): void {
    if (this.solicit !== 'soliciting') return;
    const max = this.config.router_solicitations;
    if (max >= 0 && this.solicitationsSent >= max) {
      this.solicit = 'no-routers';
      pushChange(out, {
        machine: 'router', ifname: this.view.ifname, key: 'discovery', from: 'soliciting', to: 'no-routers',
        reason: `no Router Advertisement after ${max} Router Solicitations: no default router on ${this.view.ifname} (until an unsolicited RA arrives)`,
        rfc: 'RFC 4861 §6.3.7', reasonId: 'rd.rs.gave-up',
      });
      return;
    }
    this.sendRs(now, out);
  }

  // --------------------------------------------------------- advertisement

  /**
   * A valid RA arrived from link-local `src` (RFC 4861 §6.3.4). Returns
   * false when it was ignored (a `drop` action says why).
   */
  onRouterAdvertisement(src: Ip6, ra: RouterAdvertisement, now: Nanos, out: Action[]): boolean {
    const ifname = this.view.ifname;
    if (!this.acceptsRa()) {
      const why = this.view.isRouter()
        ? `forwarding=1 and accept_ra=${this.config.accept_ra}: a router ignores RAs for its own configuration unless accept_ra=2`
        : 'accept_ra=0';
      out.push({
        kind: 'drop',
        drop: { ifname, reason: `RA: ndisc_router_discovery, did not accept ra for dev: ${ifname} (${why})`, rule: 'accept_ra', rfc: 'RFC 4861 §6.3.4' },
      });
      return false;
    }
    this.lastAdvertisement = { from: src, at: now, ra };

    // §6.3.7: "Once the host sends a Router Solicitation, and receives a valid
    // Router Advertisement with a non-zero Router Lifetime, the host MUST
    // desist from sending additional solicitations". (Linux stops on any RA.)
    // An RA heard while the link-local address is still in DAD does not
    // cancel the first RS: Linux sends it when DAD completes whatever it
    // heard (addrconf_dad_completed), and only then stops (IF_RA_RCVD).
    if (ra.routerLifetime !== 0 && this.solicit === 'waiting-for-link-local') this.raBeforeRs = true;
    else if (ra.routerLifetime !== 0 && (this.solicit === 'soliciting' || this.solicit === 'no-routers')) {
      if (this.solicit === 'soliciting') out.push({ kind: 'cancelTimer', key: this.rsKey() });
      this.solicit = 'done';
    }

    this.adoptFlags(ra, out);
    this.adoptLinkParameters(ra, out);

    if (this.config.accept_ra_defrtr) {
      const pref = this.config.accept_ra_rtr_pref ? effectivePreference(ra.flags.prf) : 'medium';
      this.routers.update(src, ra.routerLifetime, pref, ra.curHopLimit, now, out);
    }

    const maxPlen = this.config.accept_ra_rt_info_max_plen ?? 128;
    // Index loops here and in other per-frame paths: until the JIT optimises
    // it, for…of over an array allocates an iterator result per element.
    const options = ra.options;
    for (let i = 0; i < options.length; i++) {
      const opt = options[i];
      if ('unknown' in opt) continue;
      switch (opt.type) {
        case 3:
          if (this.config.accept_ra_pinfo) this.prefixes.onPrefixInformation(opt, now, out);
          break;
        case 5:
          this.adoptMtu(opt.mtu, out);
          break;
        case 24:
          // Linux gates RIOs on accept_ra_rtr_pref, and ::/0 also on accept_ra_defrtr.
          if (this.config.accept_ra_rtr_pref && (opt.prefixLength > 0 || this.config.accept_ra_defrtr)) {
            this.routes.onRouteInformation(src, opt, now, out, maxPlen);
          }
          break;
        case 25:
          for (const s of opt.servers) this.updateDns('rdnss', s, src, opt.lifetime, now, out);
          break;
        case 31:
          for (const d of opt.domains) this.updateDns('dnssl', d, src, opt.lifetime, now, out);
          break;
        default:
          break; // SLLA: neighbour cache; others: not router discovery's
      }
    }
    return true;
  }

  private adoptFlags(ra: RouterAdvertisement, out: Action[]): void {
    const ifname = this.view.ifname;
    if (ra.flags.M !== this.managed) {
      pushChange(out, {
        machine: 'router', ifname, key: 'M flag', from: this.managed ? 'on' : 'off', to: ra.flags.M ? 'on' : 'off',
        reason: ra.flags.M ? 'RA sets M=1: addresses via DHCPv6' : 'RA clears M: no addresses via DHCPv6',
        rfc: 'RFC 4861 §4.2', reasonId: 'rd.flag.managed',
      });
      this.managed = ra.flags.M;
    }
    if (ra.flags.O !== this.other) {
      pushChange(out, {
        machine: 'router', ifname, key: 'O flag', from: this.other ? 'on' : 'off', to: ra.flags.O ? 'on' : 'off',
        reason: ra.flags.O ? 'RA sets O=1: other configuration via DHCPv6' : 'RA clears O: no other configuration via DHCPv6',
        rfc: 'RFC 4861 §4.2', reasonId: 'rd.flag.other',
      });
      this.other = ra.flags.O;
    }
  }

  /** §6.3.4: CurHopLimit, BaseReachableTime/ReachableTime, RetransTimer; 0 = unspecified, keep. */
  private adoptLinkParameters(ra: RouterAdvertisement, out: Action[]): void {
    const p = this.view.params;
    if (ra.curHopLimit !== 0 && ra.curHopLimit !== p.curHopLimit) {
      this.paramChange(out, 'CurHopLimit', p.curHopLimit, ra.curHopLimit, `RA sets CurHopLimit ${ra.curHopLimit}`, 'rd.param.hop-limit');
      p.curHopLimit = ra.curHopLimit;
    }
    // "If the new value differs from the previous value, the host SHOULD re-compute a new random ReachableTime value."
    if (ra.reachableTime !== 0 && ra.reachableTime !== p.baseReachableTimeMs) {
      const from = p.reachableTimeMs;
      p.baseReachableTimeMs = ra.reachableTime;
      p.reachableTimeMs = randomReachableTimeMs(ra.reachableTime, this.view.random); // the 300 s clock runs on
      this.paramChange(out, 'ReachableTime', from, p.reachableTimeMs, `RA sets BaseReachableTime ${ra.reachableTime} ms; ReachableTime redrawn as ${p.reachableTimeMs} ms (×0.5…1.5)`, 'rd.param.reachable-time');
    }
    if (ra.retransTimer !== 0 && ra.retransTimer !== p.retransTimerMs) {
      this.paramChange(out, 'RetransTimer', p.retransTimerMs, ra.retransTimer, `RA sets RetransTimer ${ra.retransTimer} ms`, 'rd.param.retrans-timer');
      p.retransTimerMs = ra.retransTimer;
    }
  }

  // ------------------------------------------- periodic ReachableTime redraw

  /**
   * RFC 4861 §6.3.4: when BaseReachableTime does not change, "a new random
   * value gets re-computed at least once every few hours", so that NUD
   * timers of different nodes do not stay in step. Linux does it every
   * 300 s for every interface, routers included, in neigh_periodic_work();
   * that clock belongs to the neighbour table, made at boot, and starts
   * late (neigh_table_init: last_rand = now + 20 × reachable_time). A
   * machine sees no time before its first link-up, so that stands in for
   * boot here: the first redraw is due 20 × ReachableTime + 300 s later.
   * The clock is never restarted: a later link-up leaves it alone, and an
   * RA that changes BaseReachableTime does not touch it (Linux's
   * ndisc_router_discovery() redraws reachable_time but not last_rand).
   * It also keeps running while the link is down, as Linux's table work
   * does: the value waits for the next confirmation after the link is back.
   * (Linux checks on its garbage-collection pass, every BaseReachableTime/2,
   * so its period is 300 s plus up to 15 s; ndsim keeps it at 300 s.)
   */
  private startReachableTimeRedraw(now: Nanos, out: Action[]): void {
    if (this.reachableTimeRedrawAt !== null) return;
    const holdoff = REACHABLE_TIME_REDRAW_HOLDOFF_FACTOR * this.view.params.reachableTimeMs * NS_PER_MS;
    this.armReachableTimeRedraw(now + holdoff + REACHABLE_TIME_REDRAW_INTERVAL, out);
  }

  private armReachableTimeRedraw(at: Nanos, out: Action[]): void {
    this.reachableTimeRedrawAt = at;
    this.redrawKey ??= this.view.timerKey ? this.view.timerKey(REACHABLE_TIME_TIMER) : REACHABLE_TIME_TIMER;
    out.push({ kind: 'setTimer', key: this.redrawKey, at });
  }

  private onReachableTimeRedraw(now: Nanos, out: Action[]): void {
    if (this.reachableTimeRedrawAt === null || now < this.reachableTimeRedrawAt) return;
    const p = this.view.params;
    const from = p.reachableTimeMs;
    p.reachableTimeMs = randomReachableTimeMs(p.baseReachableTimeMs, this.view.random);
    this.armReachableTimeRedraw(now + REACHABLE_TIME_REDRAW_INTERVAL, out);
    // One state change per interface per 300 s at most; none if the draw
    // happens to give the same whole millisecond.
    if (p.reachableTimeMs === from) return;
    const reason = `periodic redraw (Linux: every ${REACHABLE_TIME_REDRAW_INTERVAL / NS_PER_S} s): ReachableTime ${p.reachableTimeMs} ms from BaseReachableTime ${p.baseReachableTimeMs} ms (×0.5…1.5)`;
    this.paramChange(out, 'ReachableTime', from, p.reachableTimeMs, reason, 'rd.param.reachable-time-periodic');
  }

  private paramChange(out: Action[], key: string, from: number, to: number, reason: string, reasonId: string): void {
    pushChange(out, { machine: 'router', ifname: this.view.ifname, key, from: String(from), to: String(to), reason, rfc: 'RFC 4861 §6.3.4', reasonId });
  }

  /** §6.3.4 MTU option: adopt unless below the IPv6 minimum or above the link's MTU (Linux: "RA: invalid mtu"). */
  private adoptMtu(mtu: number, out: Action[]): void {
    const p = this.view.params;
    const linkMtu = this.config.mtu;
    if (mtu < 1280 || mtu > linkMtu) {
      pushChange(out, {
        machine: 'router', ifname: this.view.ifname, key: 'MTU', from: String(p.mtu), to: String(p.mtu),
        reason: `RA: invalid mtu: ${mtu} — ignored (must be 1280…${linkMtu}, the link's MTU)`, rfc: 'RFC 4861 §6.3.4', reasonId: 'rd.param.mtu-invalid',
      });
      return;
    }
    if (mtu === p.mtu) return;
    pushChange(out, {
      machine: 'router', ifname: this.view.ifname, key: 'MTU', from: String(p.mtu), to: String(mtu),
      reason: `RA MTU option sets LinkMTU ${mtu}`, rfc: 'RFC 4861 §6.3.4', reasonId: 'rd.param.mtu',
    });
    p.mtu = mtu;
  }

  /** RFC 8106 §5.3.1: lifetime 0 removes, otherwise add or refresh. */
  private updateDns(kind: 'rdnss' | 'dnssl', value: string, router: Ip6, lifetimeS: number, now: Nanos, out: Action[]): void {
    const key = `${kind} ${value}`;
    const known = this.dns.get(key);
    if (lifetimeS === 0) {
      if (known) this.dropDns(key, `${kind.toUpperCase()} ${value} withdrawn by ${router} (lifetime 0)`, out);
      return;
    }
    const expiresAt = lifetimeS === INFINITE_LIFETIME ? null : deadline(now, lifetimeS);
    (this.dns = writable(this.dns)).set(key, { kind, value, router, lifetimeS, expiresAt });
    if (expiresAt === null) out.push({ kind: 'cancelTimer', key: `rd:dns:${key}` });
    else out.push({ kind: 'setTimer', key: `rd:dns:${key}`, at: expiresAt });
    if (!known) {
      pushChange(out, {
        machine: 'router', ifname: this.view.ifname, key, from: null, to: value,
        reason: `${kind === 'rdnss' ? 'DNS server' : 'DNS search domain'} ${value} from ${router}, lifetime ${lifetimeS === INFINITE_LIFETIME ? 'infinite' : `${lifetimeS} s`}`,
        rfc: 'RFC 8106 §5.3.1', reasonId: `rd.${kind}.new`,
      });
    }
  }

  private dropDns(key: string, reason: string, out: Action[]): void {
    const entry = this.dns.get(key);
    if (!entry) return;
    this.dns.delete(key);
    out.push({ kind: 'cancelTimer', key: `rd:dns:${key}` });
    pushChange(out, { machine: 'router', ifname: this.view.ifname, key, from: entry.value, to: null, reason, rfc: 'RFC 8106 §5.3.1', reasonId: `rd.${entry.kind}.removed` });
  }

  // ------------------------------------------------------------------ timers

  /** Handles an "rd:" timer; false when the key is not ours. */
  onTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (key === RS_TIMER) {
      this.onRsTimer(now, out);
      return true;
    }
    if (key === REACHABLE_TIME_TIMER) {
      this.onReachableTimeRedraw(now, out);
      return true;
    }
    if (key.startsWith('rd:dns:')) {
      const k = key.slice('rd:dns:'.length);
      const e = this.dns.get(k);
      if (e && e.expiresAt !== null && e.expiresAt <= now) this.dropDns(k, `${k} expired after ${e.lifetimeS} s`, out);
      return true;
    }
    return this.routers.onTimer(key, now, out) || this.prefixes.onTimer(key, now, out) || this.routes.onTimer(key, now, out);
  }

  // --------------------------------------------------------- next-hop help

  /**
   * The router to send an off-link `dst` to (RFC 4191 §3.2 over RFC 4861
   * §6.3.6): a more-specific RIO route if one matches, else the best of the
   * default routers and ::/0 routes. Null when there is none: then RFC 4861
   * §5.2 has the host treat nothing as reachable off-link (Linux: ENETUNREACH).
   */
  firstHopRouter(dst: Ip6, now: Nanos, isReachable: IsReachable): Ip6 | null {
    const specific = this.routes.routeFor(dst, isReachable);
    if (specific && specific.length > 0) return specific.router;
    return this.routers.choose(now, isReachable, this.routes.defaultRoutes(now));
  }
}
