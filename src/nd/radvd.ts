// Router side of Router Discovery (RFC 4861 §6.2), on radvd's schedule:
// unsolicited RAs to ff02::1 at random intervals, answers to RSs, a final
// RA when advertising stops, and reload. Timers are named "radvd:…".
//
// Where radvd (2.19, checked in process.c/send.c/radvd.c/interface.c) and
// the RFC differ, ndsim takes the RFC's MUST and says so here:
// - radvd answers an RS with no delay at all; RFC 4861 §6.2.6 says RAs sent in
//   response "MUST be delayed by a random time between 0 and
//   MAX_RA_DELAY_TIME", so ndsim delays them.
// - radvd keeps the initial RAs exactly min(16 s, MaxRtrAdvInterval) apart;
//   ndsim draws the interval and caps it at MAX_INITIAL_RTR_ADVERT_INTERVAL,
//   as §6.2.4 words it (identical with the default MaxRtrAdvInterval 600).
// - radvd's reload (SIGHUP) sends an RA at once; ndsim still honours
//   MinDelayBetweenRAs for it.
// Same as radvd: one final RA on stop (§6.2.5 allows 1..MAX_FINAL_RTR_ADVERTISEMENTS);
// solicited RAs unicast to the solicitor when AdvRASolicitedUnicast is on
// (the default, RFC 7772 §5.1) and the RS source is not ::; Router Lifetime 0
// when the node is not forwarding (radvd send_ra: check_ip6_forwarding).

import { icmpv6Frame } from '../packet/build.ts';
import { isLinkLocal } from '../packet/validate-addr.ts';
import type { Ip6, Mac, NdOption, RouterAdvertisement, RouterSolicitation } from '../packet/types.ts';
import { MAX_INITIAL_RTR_ADVERT_INTERVAL, MAX_INITIAL_RTR_ADVERTISEMENTS, MAX_RA_DELAY_TIME } from './constants.ts';
import type { InterfaceView } from './interface-view.ts';
import { NS_PER_S, type Action, type Nanos } from './machine.ts';
import { RADVD_LIMITS, type RadvdConfig } from './radvd-config.ts';
import { ALL_NODES } from '../packet/address.ts';

export const MULTICAST_TIMER = 'radvd:multicast';
/** radvd interface.c IFACE_SETUP_DELAY: retry when the interface is not ready (no link-local yet). */
const IFACE_SETUP_DELAY: Nanos = 1 * NS_PER_S;

export interface RadvdStats {
  multicastSent: number;
  unicastSent: number;
  solicitationsReceived: number;
  /** RSs answered by an RA that was already scheduled. */
  solicitationsCoalesced: number;
}

export interface RadvdOptions {
  /** Neighbour cache lookup, for unicast answers to an RS without SLLA. */
  lookupMac?: (addr: Ip6) => Mac | undefined;
}

export class Radvd {
  running = false;
  /** Multicast RAs sent since (re)start, counted up to MAX_INITIAL_RTR_ADVERTISEMENTS (radvd racount). */
  private initialCount = 0;
  private lastMulticastAt: Nanos | null = null;
  private nextMulticastAt: Nanos | null = null;
  /** A multicast RA answering RSs is scheduled: later RSs are coalesced into it. */
  private solicitedPending = false;
  private readonly unicastPending = new Map<Ip6, Mac>();
  readonly stats: RadvdStats = { multicastSent: 0, unicastSent: 0, solicitationsReceived: 0, solicitationsCoalesced: 0 };

  constructor(
    private readonly view: InterfaceView,
    private config: RadvdConfig,
    private readonly options: RadvdOptions = {},
  ) {}

  get configuration(): RadvdConfig {
    return this.config;
  }

  /** When the next multicast RA is due (display, tests). */
  get nextMulticast(): Nanos | null {
    return this.nextMulticastAt;
  }

  /** radvd start (kickoff_adverts): the first RA goes out at once (§6.2.4 "when an interface becomes an advertising interface"). */
  start(now: Nanos, out: Action[]): void {
    if (!this.config.AdvSendAdvert || this.running) return;
    this.running = true;
    this.initialCount = 0;
    if (this.config.UnicastOnly) return; // UnicastOnly: no unsolicited RAs
    const at = this.lastMulticastAt === null ? now : Math.max(now, this.lastMulticastAt + this.minDelay());
    this.schedule(at, out);
  }

  /**
   * radvd stop (SIGTERM, stop_adverts): one final multicast RA with Router
   * Lifetime 0 (§6.2.5), with RemoveRoute/FlushRDNSS/FlushDNSSL/
   * DeprecatePrefix applied, then silence.
   */
  stop(now: Nanos, out: Action[]): void {
    if (!this.running) return;
    out.push({ kind: 'cancelTimer', key: MULTICAST_TIMER });
    for (const dst of this.unicastPending.keys()) out.push({ kind: 'cancelTimer', key: unicastTimerKey(dst) });
    this.unicastPending.clear();
    if (!this.config.UnicastOnly) this.sendRa(ALL_NODES, undefined, true, now, out, 'final RA: advertising stops, Router Lifetime 0 (RFC 4861 §6.2.5)');
    this.running = false;
    this.nextMulticastAt = null;
    this.solicitedPending = false;
  }

  /** radvd reload (SIGHUP): new configuration, the initial fast RAs start over. */
  reload(config: RadvdConfig, now: Nanos, out: Action[]): void {
    const wasRunning = this.running;
    if (wasRunning && !config.AdvSendAdvert) {
      this.stop(now, out);
      this.config = config;
      return;
    }
    out.push({ kind: 'cancelTimer', key: MULTICAST_TIMER });
    this.config = config;
    this.running = false;
    this.solicitedPending = false;
    this.nextMulticastAt = null;
    this.start(now, out);
  }

  /**
   * A valid RS (RFC 4861 §6.2.6). The neighbour cache, not this, records the
   * solicitor's SLLA (and ignores RSs from :: for that purpose); radvd still
   * answers them, with a multicast RA.
   */
  onRouterSolicitation(src: Ip6, rs: RouterSolicitation, now: Nanos, out: Action[]): void {
    if (!this.running) return;
    this.stats.solicitationsReceived++;
    const delay = Math.floor(this.view.random() * MAX_RA_DELAY_TIME);
    const unicast = src !== '::' && (this.config.UnicastOnly || this.config.AdvRASolicitedUnicast);
    if (unicast) {
      const slla = rs.options.find((o): o is Extract<NdOption, { type: 1 | 2 }> => o.type === 1 && !('unknown' in o));
      const mac = slla?.lladdr ?? this.options.lookupMac?.(src);
      if (mac !== undefined) {
        if (this.unicastPending.has(src)) {
          this.stats.solicitationsCoalesced++;
          return;
        }
        this.unicastPending.set(src, mac);
        out.push({ kind: 'setTimer', key: unicastTimerKey(src), at: now + delay });
        return;
      }
      if (this.config.UnicastOnly) return; // nowhere to send it
      // radvd would resolve the solicitor with an NS; without a link-layer
      // address ndsim falls back to the multicast answer the RFC calls "the usual case".
    }
    this.solicitMulticast(now, delay, out);
  }

  /**
   * §6.2.6, multicast answer: one RA answers every RS that arrives while it
   * is pending (the delay counts from the first solicitation), and multicast
   * RAs are never closer than MinDelayBetweenRAs: the RA goes at
   * max(now + delay, lastMulticast + MinDelayBetweenRAs + delay) — radvd's
   * and the RFC's rule — or earlier if the next unsolicited RA is due first.
   */
  private solicitMulticast(now: Nanos, delay: Nanos, out: Action[]): void {
    if (this.solicitedPending) {
      this.stats.solicitationsCoalesced++;
      return;
    }
    let at = now + delay;
    if (this.lastMulticastAt !== null && now - this.lastMulticastAt < this.minDelay()) {
      at = this.lastMulticastAt + this.minDelay() + delay;
    }
    if (this.nextMulticastAt !== null && this.nextMulticastAt <= at) {
      // "If the computed value corresponds to a time later than the time the next
      // multicast Router Advertisement is scheduled to be sent, ignore the random delay"
      this.stats.solicitationsCoalesced++;
      this.solicitedPending = true;
      return;
    }
    this.solicitedPending = true;
    this.schedule(at, out);
  }

  onTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (key === MULTICAST_TIMER) {
      if (!this.running || this.nextMulticastAt === null || now < this.nextMulticastAt) return true; // stale
      this.multicastDue(now, out);
      return true;
    }
    if (key.startsWith('radvd:unicast:')) {
      const dst = key.slice('radvd:unicast:'.length);
      const mac = this.unicastPending.get(dst);
      if (mac !== undefined && this.running) {
        this.unicastPending.delete(dst);
        this.sendRa(dst, mac, false, now, out, `solicited RA, unicast to ${dst} (AdvRASolicitedUnicast, RFC 7772 §5.1)`);
      }
      return true;
    }
    return false;
  }

  private multicastDue(now: Nanos, out: Action[]): void {
    if (!this.sourceAddress()) {
      // radvd: "not sending RA for <if>, interface is not ready" — retry shortly.
      this.schedule(now + IFACE_SETUP_DELAY, out);
      return;
    }
    const solicited = this.solicitedPending;
    this.solicitedPending = false;
    if (this.initialCount < MAX_INITIAL_RTR_ADVERTISEMENTS) this.initialCount++;
    this.sendRa(ALL_NODES, undefined, false, now, out, solicited ? 'solicited RA to all nodes (RFC 4861 §6.2.6)' : `unsolicited RA (RFC 4861 §6.2.4)`);
    this.lastMulticastAt = now;
    // §6.2.6: after a multicast answer "the interface's interval timer is reset
    // to a new random value, as if an unsolicited advertisement had just been sent".
    this.schedule(now + this.nextInterval(), out);
  }

  /**
   * §6.2.4: uniform in [MinRtrAdvInterval, MaxRtrAdvInterval]; while fewer
   * than MAX_INITIAL_RTR_ADVERTISEMENTS have gone out, at most
   * MAX_INITIAL_RTR_ADVERT_INTERVAL.
   */
  nextInterval(): Nanos {
    const { MinRtrAdvInterval: min, MaxRtrAdvInterval: max } = this.config;
    let interval = Math.floor((min + this.view.random() * (max - min)) * NS_PER_S);
    if (this.initialCount < MAX_INITIAL_RTR_ADVERTISEMENTS) interval = Math.min(interval, MAX_INITIAL_RTR_ADVERT_INTERVAL);
    return interval;
  }

  private minDelay(): Nanos {
    return Math.round(Math.max(this.config.MinDelayBetweenRAs, RADVD_LIMITS.MIN_DelayBetweenRAs) * NS_PER_S);
  }

  private schedule(at: Nanos, out: Action[]): void {
    this.nextMulticastAt = at;
    out.push({ kind: 'setTimer', key: MULTICAST_TIMER, at });
  }

  /** RFC 4861 §4.2: "Source Address MUST be the link-local address assigned to the interface". */
  private sourceAddress(): Ip6 | null {
    const src = this.view.selectSource(ALL_NODES);
    return src !== null && isLinkLocal(src) ? src : null;
  }

  private sendRa(dst: Ip6, dstMac: Mac | undefined, final: boolean, _now: Nanos, out: Action[], why: string): void {
    const src = this.sourceAddress();
    if (src === null) return;
    const ra = this.buildAdvertisement(final);
    out.push({ kind: 'send', ifname: this.view.ifname, frame: icmpv6Frame(this.view.mac(), src, dst, ra, dstMac ? { dstMac } : {}), why });
    if (dst === ALL_NODES) this.stats.multicastSent++;
    else this.stats.unicastSent++;
  }

  /** The RA radvd would build now (send.c), options in radvd's order:
   *  prefixes, routes, RDNSS, DNSSL, MTU, source link-layer address. */
  buildAdvertisement(final = false): RouterAdvertisement {
    const c = this.config;
    const options: NdOption[] = [];
    for (const p of c.prefixes) {
      const deprecate = final && p.DeprecatePrefix;
      options.push({
        type: 3,
        prefixLength: p.prefixLength,
        L: p.AdvOnLink,
        A: p.AdvAutonomous,
        R: p.AdvRouterAddr,
        validLifetime: deprecate ? Math.min(p.AdvValidLifetime, RADVD_LIMITS.MIN_AdvValidLifetime) : p.AdvValidLifetime,
        preferredLifetime: deprecate ? 0 : p.AdvPreferredLifetime,
        prefix: p.prefixAddress,
      });
    }
    for (const r of c.routes) {
      options.push({ type: 24, prefixLength: r.prefixLength, prf: r.AdvRoutePreference, routeLifetime: final && r.RemoveRoute ? 0 : r.AdvRouteLifetime, prefix: r.prefixAddress });
    }
    for (const d of c.RDNSS) options.push({ type: 25, lifetime: final && d.FlushRDNSS ? 0 : d.AdvRDNSSLifetime, servers: [...d.addresses] });
    for (const d of c.DNSSL) options.push({ type: 31, lifetime: final && d.FlushDNSSL ? 0 : d.AdvDNSSLLifetime, domains: [...d.suffixes] });
    if (c.AdvLinkMTU !== 0) options.push({ type: 5, mtu: c.AdvLinkMTU });
    if (c.AdvSourceLLAddress) options.push({ type: 1, lladdr: this.view.mac() });
    return {
      type: 134,
      code: 0,
      curHopLimit: c.AdvCurHopLimit,
      flags: { M: c.AdvManagedFlag, O: c.AdvOtherConfigFlag, H: false, prf: c.AdvDefaultPreference },
      routerLifetime: final || !this.view.isRouter() ? 0 : c.AdvDefaultLifetime,
      reachableTime: c.AdvReachableTime,
      retransTimer: c.AdvRetransTimer,
      options,
    };
  }
}

export function unicastTimerKey(dst: Ip6): string {
  return `radvd:unicast:${dst}`;
}
