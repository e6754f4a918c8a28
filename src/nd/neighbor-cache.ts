// The neighbour cache of one interface and its Neighbor Unreachability
// Detection (RFC 4861 §7.2, §7.3), sans-I/O: every input is a method taking
// `now` and an `out: Action[]` to push frames, timers and notifications on.
//
// This file is the entry point and handles the messages: NS (§7.2.3, §7.2.4,
// with the anycast delay of §7.2.7 in anycast-delay.ts), NA (§7.2.5 via
// na-table.ts, RFC 9131 for untracked NAs), link-layer addresses learnt from
// RS/RA/Redirect (§7.3.3), upper-layer confirmation (§7.3.1) and unsolicited
// NAs (§7.2.6). The entries, their states, timers and address resolution
// live in neighbor-entry.ts (NeighborEntries, which this class extends).
//
// Linux (net/core/neighbour.c, net/ipv6/ndisc.c) decides where RFC 4861
// leaves room; config.ts switches reproduce the other choices.

import { multicastMac } from '../packet/address.ts';
import { isMulticast, isUnspecified } from '../packet/address-kind.ts';
import type { Ip6, Ipv6Packet, Mac, NdOption, NeighborAdvertisement, NeighborSolicitation } from '../packet/types.ts';
import type { HostNdConfig } from './config.ts';
import { MAX_NEIGHBOR_ADVERTISEMENT } from './constants.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos } from './machine.ts';
import { lookupNaRule, type TllaMatch } from './na-table.ts';
import { AnycastDelayQueue, PROXY_KEY } from './anycast-delay.ts';
import { ALL_NODES, NeighborEntries, ndPacket, unreachable } from './neighbor-entry.ts';

export { ndPacket };

/** RFC 4861 §7.3.2 states, plus Linux's FAILED (kept after resolution fails). */
export type NeighborState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED';

/** A read-only view of one entry (`ip -6 neigh`, UIs, tests). */
export interface NeighborSnapshot {
  address: Ip6;
  state: NeighborState;
  /** null while INCOMPLETE or FAILED. */
  lladdr: Mac | null;
  isRouter: boolean;
  /** NSs sent in the current INCOMPLETE or PROBE round. */
  probes: number;
  queued: number;
  usedAt: Nanos;
  confirmedAt: Nanos;
  updatedAt: Nanos;
}

/** Resolution failed: an RFC 4443 §3.1 Destination Unreachable, code 3
 *  (address unreachable), for one queued packet, addressed to its source. The
 *  stack delivers it locally or routes it (RFC 4861 §7.2.2). */
export interface AddressUnreachable {
  neighbor: Ip6;
  packet: Ipv6Packet;
  error: Ipv6Packet;
}

export interface NeighborCacheHooks {
  addressUnreachable?(report: AddressUnreachable, now: Nanos, out: Action[]): void;
  /** §7.2.5 last paragraph: IsRouter went TRUE → FALSE; the stack removes the
   *  router from the Default Router List and redoes next-hop determination. */
  routerLost?(router: Ip6, now: Nanos, out: Action[]): void;
  /** Resolution or probing of `neighbor` failed (§7.3.3): destinations using
   *  it as next hop need next-hop determination again (§5.2, §6.3.6). */
  neighborFailed?(neighbor: Ip6, now: Nanos, out: Action[]): void;
  /** `addr` is an anycast address of this interface (Linux
   *  ipv6_chk_acast_addr): a router's Subnet-Router anycast addresses. */
  isAnycast?(addr: Ip6): boolean;
  /** `addr` lies in the prefix of an address configured on this interface
   *  (Linux ipv6_chk_prefix, link-local fe80::/64 included). */
  inConfiguredPrefix?(addr: Ip6): boolean;
}

export type NeighborCacheConfig = Pick<
  HostNdConfig,
  | 'delay_first_probe_time' | 'mcast_solicit' | 'ucast_solicit' | 'unres_qlen' | 'ns_source' | 'na_source' | 'na_tlla' | 'failed_entries'
  | 'proxy_delay' | 'proxy_qlen' | 'drop_unsolicited_na' | 'accept_untracked_na'
>;

/** Who taught us a link-layer address outside NS/NA resolution (§7.3.3 table). */
export interface LearnFrom {
  origin: 'NS' | 'RS' | 'RA' | 'Redirect';
  /** RA: TRUE (§6.3.4); Redirect with target ≠ destination: TRUE (§8.3). */
  isRouter?: boolean;
}

const ANNOUNCE_KEY = 'nc:announce';

export class NeighborCache extends NeighborEntries {
  private announcing: { targets: Ip6[]; remaining: number } | null = null;
  /** NSs for anycast targets waiting for their answer (§7.2.7). */
  private readonly anycastDelay = new AnycastDelayQueue(this.view, this.config);

  // -------------------------------------------------------------- inputs
  // (output, the upper layer's, is NeighborEntries'.)

  /**
   * A validated NS arrived (§7.2.3), answered per §7.2.4. `delayed` is the
   * second pass of an NS that waited in the anycast delay queue (Linux
   * LOCALLY_ENQUEUED): it is processed afresh, so a target that stopped
   * being ours meanwhile is not answered.
   */
  handleNeighborSolicitation(ip: Ipv6Packet, ns: NeighborSolicitation, now: Nanos, out: Action[], delayed: Nanos | null = null): void {
    const use = this.view.addressUse(ns.target);
    // RFC 4861 §7.2.3 "a valid unicast or anycast address assigned to the
    // receiving interface"; anycast targets get O=0 (§7.2.4) and a delay (§7.2.7).
    const anycast = use === undefined && this.hooks.isAnycast?.(ns.target) === true;
    if (use === undefined && !anycast) return this.drop(out, `NS for ${ns.target}, not an address of ${this.view.ifname}`, 'ns-not-for-us', 'RFC 4861 §7.2.3');
    if (use === 'tentative' || use === 'duplicate') {
      // RFC 4862 §5.4.3: DAD's business (the stack routes it to SLAAC); never answered here.
      return this.drop(out, `NS for ${use} address ${ns.target}: left to Duplicate Address Detection`, 'ns-target-tentative', 'RFC 4862 §5.4.3');
    }
    // §7.2.7: an anycast answer SHOULD wait a random 0…MAX_ANYCAST_DELAY_TIME.
    // Linux ndisc_recv_ns queues the NS itself (pneigh_enqueue) for a random
    // time below proxy_delay, only when it came multicast and proxy_delay is
    // not 0, then runs it again: the SLLA is learnt only then. (Linux also
    // skips the delay for a multicast NS in a frame to our own MAC; the
    // machine sees no Ethernet header, so that corner is not modelled.)
    if (anycast && delayed === null && isMulticast(ip.dst) && this.config.proxy_delay !== 0) return this.anycastDelay.defer(ip, ns, now, out);
    const fromUnspecified = isUnspecified(ip.src);
    const slla = linkLayerOption(ns.options, 1);
    if (!fromUnspecified && slla !== null) this.learn(ip.src, slla, { origin: 'NS' }, now, out);

    // §7.2.4. TLLA (and with it O=1) per config.na_tlla; a DAD probe (src ::)
    // is answered to all-nodes with S=0 and always with the TLLA.
    const includeTlla = fromUnspecified || isMulticast(ip.dst) || this.config.na_tlla === 'always';
    const na: NeighborAdvertisement = {
      type: 136,
      code: 0,
      flags: {
        R: this.view.isRouter(),
        S: !fromUnspecified,
        // §7.2.4: O SHOULD be 0 without TLLA and for an anycast target
        // (Linux: override only when the target is a unicast address of
        // ours); RFC 4429 §3.3: 0 from an optimistic address.
        O: includeTlla && !anycast && use !== 'optimistic',
      },
      target: ns.target,
      options: includeTlla ? [{ type: 2, lladdr: this.view.mac() }] : [],
    };
    const dst = fromUnspecified ? ALL_NODES : ip.src;
    // An anycast address is never the source (Linux ndisc_send_na picks one
    // by source selection for the destination). One always exists: the
    // anycast address comes from a usable address of this interface.
    const src = anycast
      ? (this.view.selectSource(dst) ?? ns.target)
      : this.config.na_source === 'link-local' ? (this.linkLocal() ?? ns.target) : ns.target;
    const packet = ndPacket(src, dst, na);
    const start = out.length;
    // Unicast answers go through the cache like any packet (Linux): a STALE
    // entry just made from the SLLA moves to DELAY; without one the NA waits
    // for resolution (v6LC.2.1.8 C).
    this.output(packet, dst, now, out);
    if (anycast) {
      const why = delayed === null
        ? `anycast target ${ns.target}: O=0, answered at once (${isMulticast(ip.dst) ? 'proxy_delay 0' : 'unicast NS'})`
        : `anycast target ${ns.target}: O=0, answered after a random ${seconds3(delayed)} s (proxy_delay ${this.config.proxy_delay}, RFC 4861 §7.2.7)`;
      for (let i = start; i < out.length; i++) {
        const a = out[i];
        if (a.kind === 'send' && a.frame.ipv6 === packet) a.why = why;
      }
    }
  }

  /**
   * drop_unsolicited_na = 1: an NA with S=0 is ignored before anything else
   * looks at it (Linux ndisc_recv_na, ahead of the own-address and DAD
   * checks, so DAD then misses a defender's unsolicited NA too). The stack
   * asks this first; true means dropped.
   */
  dropsUnsolicited(ip: Ipv6Packet, na: NeighborAdvertisement, out: Action[]): boolean {
    if (na.flags.S || this.config.drop_unsolicited_na !== 1) return false;
    this.drop(out, `unsolicited NA (S=0) from ${ip.src} for ${na.target}: drop_unsolicited_na = 1`, 'na-unsolicited-dropped', 'RFC 4861 §7.2.5');
    return true;
  }

  /** A validated NA arrived: RFC 4861 §7.2.5 via the table in na-table.ts. */
  handleNeighborAdvertisement(ip: Ipv6Packet, na: NeighborAdvertisement, now: Nanos, out: Action[]): void {
    if (this.view.addressUse(na.target) !== undefined) {
      // Linux: "someone advertises our address"; a tentative one is DAD's (RFC 4862 §5.4.4).
      return this.drop(out, `NA from ${ip.src} for our own address ${na.target}`, 'na-our-address', 'RFC 4862 §5.4.4');
    }
    const e = this.table.get(na.target);
    const tllaOpt = linkLayerOption(na.options, 2);
    if (e === undefined && tllaOpt !== null && this.acceptsUntracked(ip.src)) {
      // RFC 9131 §4 via Linux ndisc_recv_na: the new entry is STALE whatever
      // S and O say (no NS of ours confirmed reachability), and IsRouter
      // follows R (neigh_update with NEIGH_UPDATE_F_OVERRIDE_ISROUTER).
      const n = this.create(na.target, now);
      n.lladdr = tllaOpt;
      n.isRouter = na.flags.R;
      const flags = `S=${+na.flags.S} O=${+na.flags.O} R=${+na.flags.R}`;
      this.enter(n, 'STALE', now, out, {
        text: `untracked NA (${flags}) from ${ip.src} carried its link-layer address ${tllaOpt}; accept_untracked_na = ${this.config.accept_untracked_na}`,
        rfc: 'RFC 9131 §4',
        id: 'nc-learn-untracked-na',
      }, true);
      return;
    }
    const tlla: TllaMatch = tllaOpt === null ? 'absent' : e?.lladdr === tllaOpt ? 'same' : 'different';
    const { outcome } = lookupNaRule(e ? e.state : 'none', na.flags.S, na.flags.O, tlla);
    if (e === undefined || outcome.next === 'ignore') {
      return this.drop(out, `NA for ${na.target} ignored: ${outcome.rule}`, outcome.reasonId, 'RFC 4861 §7.2.5');
    }
    if (outcome.updateLinkLayer) {
      e.lladdr = tllaOpt;
      e.updatedAt = now;
    }
    const flags = `S=${+na.flags.S} O=${+na.flags.O} ${tlla === 'absent' ? 'no TLLA' : `TLLA ${tllaOpt}${tlla === 'same' ? ' (same)' : ''}`}`;
    if (outcome.next !== 'keep') {
      if (na.flags.S) e.confirmedAt = now;
      this.enter(e, outcome.next, now, out, { text: `NA ${flags}`, rfc: 'RFC 4861 §7.2.5', id: outcome.reasonId });
    }
    if (outcome.updateIsRouter) this.setIsRouter(e, na.flags.R, `NA with R=${+na.flags.R}`, now, out);
    if (outcome.flushQueue) this.flush(e, now, out);
  }

  /**
   * A link-layer address learnt from an NS (§7.2.3), RS (§6.2.6), RA (§6.3.4)
   * or Redirect (§8.3), all following the §7.3.3 table: no entry → create
   * STALE; INCOMPLETE → record, STALE, send the queue; a different address →
   * update, STALE; the same → unchanged. Without an address only IsRouter
   * of an existing entry may change.
   */
  learn(addr: Ip6, lladdr: Mac | null, from: LearnFrom, now: Nanos, out: Action[]): void {
    const rfc = { NS: 'RFC 4861 §7.2.3', RS: 'RFC 4861 §6.2.6', RA: 'RFC 4861 §6.3.4', Redirect: 'RFC 4861 §8.3' }[from.origin];
    let e = this.table.get(addr);
    if (lladdr !== null) {
      const id = `nc-learn-${from.origin.toLowerCase()}`;
      if (e === undefined) {
        e = this.create(addr, now);
        e.lladdr = lladdr;
        e.isRouter = from.isRouter ?? false;
        this.enter(e, 'STALE', now, out, { text: `${from.origin} carried its link-layer address ${lladdr}`, rfc, id }, true);
      } else if (e.state === 'INCOMPLETE' || e.state === 'FAILED') {
        e.lladdr = lladdr;
        e.updatedAt = now;
        this.enter(e, 'STALE', now, out, { text: `${from.origin} carried the link-layer address ${lladdr}`, rfc, id });
        this.flush(e, now, out);
      } else if (e.lladdr !== lladdr) {
        const old = e.lladdr;
        e.lladdr = lladdr;
        e.updatedAt = now;
        this.enter(e, 'STALE', now, out, { text: `${from.origin} carried a different link-layer address (${old} → ${lladdr})`, rfc, id });
      }
    }
    if (e !== undefined && from.isRouter !== undefined) this.setIsRouter(e, from.isRouter, from.origin, now, out);
  }

  /** Upper-layer reachability confirmation (§7.3.1), e.g. a TCP ACK. */
  confirm(addr: Ip6, now: Nanos, out: Action[]): boolean {
    const e = this.table.get(addr);
    if (e === undefined || e.lladdr === null) return false;
    e.confirmedAt = now;
    this.enter(e, 'REACHABLE', now, out, { text: 'upper-layer reachability confirmation', rfc: 'RFC 4861 §7.3.1', id: 'nc-confirm' });
    return true;
  }

  /**
   * Unsolicited NAs for our addresses (§7.2.6): to all-nodes, S=0, O=1 (0
   * for an optimistic address, RFC 4429 §3.3; Linux ndisc_send_na clears
   * override for IFA_F_OPTIMISTIC), R when forwarding, the current MAC in a
   * TLLA, from the target itself. Tentative and duplicate addresses are
   * skipped (Linux ndisc_send_unsol_na: "skip tentative addresses until dad
   * completes"). §7.2.6 allows up to MAX_NEIGHBOR_ADVERTISEMENT of them,
   * RetransTimer apart; Linux sends ONE per address, on a MAC change
   * (ndisc_netdev_event NETDEV_CHANGEADDR), NETDEV_UP and NETDEV_NOTIFY_PEERS
   * (ndisc_send_unsol_na) and when DAD completes (addrconf_dad_completed),
   * so `count` defaults to 1; a caller may ask for the RFC's up-to-3.
   */
  announce(targets: readonly Ip6[], now: Nanos, out: Action[], count = 1): void {
    this.sendAnnouncements(targets, now, out);
    if (count <= 1) return;
    // Repeats (count > 1 only): one round at a time; a new round replaces an older one.
    this.announcing = { targets: [...targets], remaining: Math.min(count, MAX_NEIGHBOR_ADVERTISEMENT) - 1 };
    out.push({ kind: 'setTimer', key: ANNOUNCE_KEY, at: now + this.view.params.retransTimerMs * NS_PER_MS });
  }

  /** A timer fired. Returns false when the key is not this machine's. */
  handleTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (key === PROXY_KEY) {
      // Linux neigh_proxy_process: every NS whose time has come is processed again.
      for (const d of this.anycastDelay.takeDue(now, out)) this.handleNeighborSolicitation(d.ip, d.ns, now, out, d.delay);
      return true;
    }
    if (key === ANNOUNCE_KEY) {
      const a = this.announcing;
      if (a) {
        this.sendAnnouncements(a.targets, now, out);
        a.remaining--;
        if (a.remaining > 0) out.push({ kind: 'setTimer', key: ANNOUNCE_KEY, at: now + this.view.params.retransTimerMs * NS_PER_MS });
        else this.announcing = null;
      }
      return true;
    }
    if (!key.startsWith('nc:')) return false;
    this.expire(key.slice(3), now, out);
    return true;
  }

  /** Removes one entry (`ip -6 neigh del`), dropping its queue. */
  remove(addr: Ip6, now: Nanos, out: Action[], why = 'removed by the administrator'): boolean {
    const e = this.table.get(addr);
    if (e === undefined) return false;
    this.delete(e, out, { text: why, rfc: 'RFC 4861 §7.3', id: 'nc-removed' });
    return true;
  }

  /** Empties the cache (link down, `ip -6 neigh flush`). */
  clear(now: Nanos, out: Action[], why = 'interface went down'): void {
    for (const e of [...this.table.values()]) this.delete(e, out, { text: why, rfc: 'RFC 4861 §7.3', id: 'nc-flushed' });
    if (this.announcing) out.push({ kind: 'cancelTimer', key: ANNOUNCE_KEY });
    this.announcing = null;
    this.anycastDelay.clear(out);
  }

  /** NSs for anycast targets still waiting for their answer (tests, UIs). */
  deferredSolicitations(): ReadonlyArray<{ target: Ip6; src: Ip6; at: Nanos }> {
    return this.anycastDelay.pending();
  }

  // ------------------------------------------------------------ internals

  /**
   * RFC 9131 §4 on a router, Linux accept_untracked_na(): only with
   * forwarding = 1; 1 accepts any source, 2 one in the prefix of an address
   * configured on the interface (ipv6_chk_prefix).
   */
  private acceptsUntracked(src: Ip6): boolean {
    if (!this.view.isRouter()) return false;
    switch (this.config.accept_untracked_na) {
      case 0:
        return false;
      case 1:
        return true;
      case 2:
        return this.hooks.inConfiguredPrefix?.(src) === true;
      default:
        return unreachable(this.config.accept_untracked_na);
    }
  }

  private sendAnnouncements(targets: readonly Ip6[], _now: Nanos, out: Action[]): void {
    for (const target of targets) {
      const use = this.view.addressUse(target);
      if (use === undefined || use === 'tentative' || use === 'duplicate') continue;
      const na: NeighborAdvertisement = {
        type: 136, code: 0,
        flags: { R: this.view.isRouter(), S: false, O: use !== 'optimistic' },
        target, options: [{ type: 2, lladdr: this.view.mac() }],
      };
      out.push(this.frame(ndPacket(target, ALL_NODES, na), multicastMac(ALL_NODES)));
    }
  }
}

/** The first SLLA (1) or TLLA (2) option's address; Linux keeps the first of duplicates. */
export function linkLayerOption(options: readonly NdOption[], type: 1 | 2): Mac | null {
  for (let i = 0; i < options.length; i++) {
    const opt = options[i]; // an index loop: this runs for every RS, RA, NS and NA
    if (opt.type === type && 'lladdr' in opt) return opt.lladdr;
  }
  return null;
}

/** Seconds with three decimals (a random delay). */
function seconds3(ns: Nanos): string {
  return (ns / NS_PER_S).toFixed(3);
}

