// The neighbour cache of one interface and its Neighbor Unreachability
// Detection (RFC 4861 §7.2, §7.3), sans-I/O: every input is a method taking
// `now` and an `out: Action[]` to push frames, timers and notifications on.
//
// Shape (gVisor neighbor_entry.go): one handler per input (output, NS, NA,
// learn, confirm, timer), and one `enter()` through which every state change
// goes: it cancels the old timer, arms the new state's timer, performs the
// state's entry action (first NS of INCOMPLETE/PROBE) and reports the change.
// A timer is keyed "nc:<address>"; its entry remembers the deadline and the
// state it was armed for, so a firing that no longer matches is a no-op.
//
// Linux (net/core/neighbour.c, net/ipv6/ndisc.c) decides where RFC 4861
// leaves room; config.ts switches reproduce the other choices.

import { encode } from '../packet/encode.ts';
import { solicitedNodeAddress, multicastMac } from '../packet/address.ts';
import { isMulticast, isUnspecified } from '../packet/address-kind.ts';
import { ETHERTYPE_IPV6, ND_HOP_LIMIT, NEXT_HEADER_ICMPV6 } from '../packet/build.ts';
import type { Icmpv6Message, Ip6, Ipv6Packet, Mac, NdOption, NeighborAdvertisement, NeighborSolicitation } from '../packet/types.ts';
import type { HostNdConfig } from './config.ts';
import { MAX_NEIGHBOR_ADVERTISEMENT } from './constants.ts';
import type { InterfaceView } from './interface-view.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos } from './machine.ts';
import { lookupNaRule, type TllaMatch } from './na-table.ts';

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
}

export type NeighborCacheConfig = Pick<
  HostNdConfig,
  'delay_first_probe_time' | 'mcast_solicit' | 'ucast_solicit' | 'unres_qlen' | 'ns_source' | 'na_source' | 'na_tlla' | 'failed_entries'
>;

/** Who taught us a link-layer address outside NS/NA resolution (§7.3.3 table). */
export interface LearnFrom {
  origin: 'NS' | 'RS' | 'RA' | 'Redirect';
  /** RA: TRUE (§6.3.4); Redirect with target ≠ destination: TRUE (§8.3). */
  isRouter?: boolean;
}

interface Entry {
  address: Ip6;
  state: NeighborState;
  lladdr: Mac | null;
  isRouter: boolean;
  probes: number;
  queue: Ipv6Packet[];
  deadline: Nanos | null;
  timerState: NeighborState | null;
  /** The ReachableTime the REACHABLE timer was armed with (for the reason text). */
  reachableMs: number;
  usedAt: Nanos;
  confirmedAt: Nanos;
  updatedAt: Nanos;
}

interface Why {
  text: string;
  rfc: string;
  id: string;
}

const ALL_NODES = 'ff02::1';
const ANNOUNCE_KEY = 'nc:announce';
// RFC 4443 §2.4(c): an error carries as much of the invoking packet as fits
// in the minimum MTU: 1280 − 40 (IPv6 header) − 8 (ICMPv6 header).
const MAX_INVOKING = 1280 - 40 - 8;

export class NeighborCache {
  private readonly table = new Map<Ip6, Entry>();
  private announcing: { targets: Ip6[]; remaining: number } | null = null;

  constructor(
    private readonly view: InterfaceView,
    private readonly config: NeighborCacheConfig,
    private readonly hooks: NeighborCacheHooks = {},
  ) {}

  // ------------------------------------------------------------- queries

  get(addr: Ip6): NeighborSnapshot | undefined {
    const e = this.table.get(addr);
    return e && snapshot(e);
  }

  /** Every entry, in insertion order (as `ip -6 neigh` lists a hash bucket walk, order is not meaningful). */
  entries(): NeighborSnapshot[] {
    return [...this.table.values()].map(snapshot);
  }

  /** §6.3.6 "reachable or probably reachable": true for REACHABLE, STALE,
   *  DELAY, PROBE; false for INCOMPLETE or FAILED; undefined without an entry
   *  (the IsReachable contract of default-router-list.ts). */
  isReachable(addr: Ip6): boolean | undefined {
    const e = this.table.get(addr);
    if (e === undefined) return undefined;
    return e.state !== 'INCOMPLETE' && e.state !== 'FAILED';
  }

  // -------------------------------------------------------------- inputs

  /** The upper layer sends `packet` to on-link `nextHop` (§7.2.2, §7.3.3). */
  output(packet: Ipv6Packet, nextHop: Ip6, now: Nanos, out: Action[]): void {
    if (isMulticast(nextHop)) {
      // RFC 2464 §7: multicast needs no resolution.
      out.push(this.frame(packet, multicastMac(nextHop)));
      return;
    }
    const e = this.table.get(nextHop);
    if (e === undefined || e.state === 'FAILED') {
      const n = e ?? this.create(nextHop, now);
      this.enqueue(n, packet, out);
      this.enter(n, 'INCOMPLETE', now, out, {
        text: 'a packet needs the link-layer address; multicast NS to the solicited-node group',
        rfc: 'RFC 4861 §7.2.2',
        id: 'nc-resolve',
      }, e === undefined);
      return;
    }
    switch (e.state) {
      case 'INCOMPLETE':
        this.enqueue(e, packet, out);
        return;
      case 'REACHABLE':
      case 'DELAY':
      case 'PROBE':
        this.transmit(e, packet, now, out);
        return;
      case 'STALE':
        this.transmit(e, packet, now, out);
        this.enter(e, 'DELAY', now, out, {
          text: 'packet sent to a STALE neighbour; waiting DELAY_FIRST_PROBE_TIME for an upper-layer confirmation',
          rfc: 'RFC 4861 §7.3.3',
          id: 'nc-stale-used',
        });
        return;
      default:
        return unreachable(e.state);
    }
  }

  /** A validated NS arrived (§7.2.3), answered per §7.2.4. */
  handleNeighborSolicitation(ip: Ipv6Packet, ns: NeighborSolicitation, now: Nanos, out: Action[]): void {
    const use = this.view.addressUse(ns.target);
    if (use === undefined) return this.drop(out, `NS for ${ns.target}, not an address of ${this.view.ifname}`, 'ns-not-for-us', 'RFC 4861 §7.2.3');
    if (use === 'tentative' || use === 'duplicate') {
      // RFC 4862 §5.4.3: DAD's business (the stack routes it to SLAAC); never answered here.
      return this.drop(out, `NS for ${use} address ${ns.target}: left to Duplicate Address Detection`, 'ns-target-tentative', 'RFC 4862 §5.4.3');
    }
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
        // §7.2.4: O SHOULD be 0 without TLLA; RFC 4429 §3.3: 0 from an optimistic address.
        O: includeTlla && use !== 'optimistic',
      },
      target: ns.target,
      options: includeTlla ? [{ type: 2, lladdr: this.view.mac() }] : [],
    };
    const src = this.config.na_source === 'link-local' ? (this.linkLocal() ?? ns.target) : ns.target;
    const dst = fromUnspecified ? ALL_NODES : ip.src;
    // Unicast answers go through the cache like any packet (Linux): a STALE
    // entry just made from the SLLA moves to DELAY; without one the NA waits
    // for resolution (v6LC.2.1.8 C).
    this.output(ndPacket(src, dst, na), dst, now, out);
  }

  /** A validated NA arrived: RFC 4861 §7.2.5 via the table in na-table.ts. */
  handleNeighborAdvertisement(ip: Ipv6Packet, na: NeighborAdvertisement, now: Nanos, out: Action[]): void {
    if (this.view.addressUse(na.target) !== undefined) {
      // Linux: "someone advertises our address"; a tentative one is DAD's (RFC 4862 §5.4.4).
      return this.drop(out, `NA from ${ip.src} for our own address ${na.target}`, 'na-our-address', 'RFC 4862 §5.4.4');
    }
    const e = this.table.get(na.target);
    const tllaOpt = linkLayerOption(na.options, 2);
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
   * Unsolicited NAs for our addresses (§7.2.6), e.g. after a MAC change: to
   * all-nodes, S=0, O=1 (0 for optimistic, RFC 4429 §3.3), the current MAC,
   * `count` times RetransTimer apart. Tentative addresses are skipped.
   */
  announce(targets: readonly Ip6[], now: Nanos, out: Action[], count = MAX_NEIGHBOR_ADVERTISEMENT): void {
    this.announcing = { targets: [...targets], remaining: count };
    this.sendAnnouncements(now, out);
  }

  /** A timer fired. Returns false when the key is not this machine's. */
  handleTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (key === ANNOUNCE_KEY) {
      if (this.announcing) this.sendAnnouncements(now, out);
      return true;
    }
    if (!key.startsWith('nc:')) return false;
    const e = this.table.get(key.slice(3));
    // A firing for a timer that was re-armed or cancelled since: nothing to do.
    if (e === undefined || e.deadline === null || now < e.deadline || e.timerState !== e.state) return true;
    e.deadline = null;
    const retrans = this.view.params.retransTimerMs;
    switch (e.state) {
      case 'INCOMPLETE':
        if (e.probes < this.config.mcast_solicit) this.solicit(e, now, out);
        else this.fail(e, now, out, `no NA after ${e.probes} multicast NS, ${retrans} ms apart (MAX_MULTICAST_SOLICIT)`, 'RFC 4861 §7.2.2');
        return true;
      case 'PROBE':
        if (e.probes < this.config.ucast_solicit) this.solicit(e, now, out);
        else this.fail(e, now, out, `no NA after ${e.probes} unicast NS, ${retrans} ms apart (MAX_UNICAST_SOLICIT)`, 'RFC 4861 §7.3.3');
        return true;
      case 'REACHABLE':
        this.enter(e, 'STALE', now, out, {
          text: `ReachableTime ${seconds(e.reachableMs * NS_PER_MS)} s elapsed without confirmation`,
          rfc: 'RFC 4861 §7.3.3',
          id: 'nc-reachable-timeout',
        });
        return true;
      case 'DELAY':
        this.enter(e, 'PROBE', now, out, {
          text: `no confirmation within DELAY_FIRST_PROBE_TIME (${this.config.delay_first_probe_time} s); unicast probes begin`,
          rfc: 'RFC 4861 §7.3.3',
          id: 'nc-delay-timeout',
        });
        return true;
      case 'STALE':
      case 'FAILED':
        return true;
      default:
        return unreachable(e.state);
    }
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
  }

  // ------------------------------------------------------------ internals

  private create(addr: Ip6, now: Nanos): Entry {
    const e: Entry = {
      address: addr, state: 'INCOMPLETE', lladdr: null, isRouter: false, probes: 0, queue: [],
      deadline: null, timerState: null, reachableMs: 0, usedAt: now, confirmedAt: now, updatedAt: now,
    };
    this.table.set(addr, e);
    return e;
  }

  /** Every state change: cancel the old timer, run the new state's entry action, arm its timer, report. */
  private enter(e: Entry, to: NeighborState, now: Nanos, out: Action[], why: Why, created = false): void {
    const from = created ? null : e.state;
    e.state = to;
    e.updatedAt = now;
    e.deadline = null;
    e.timerState = null;
    const key = `nc:${e.address}`;
    if (from !== to) {
      out.push({
        kind: 'notify',
        change: {
          machine: 'neighbor', ifname: this.view.ifname, key: e.address, from, to,
          reason: `${from ?? 'new'} → ${to}: ${why.text}`, rfc: why.rfc, reasonId: why.id,
          detail: { lladdr: e.lladdr, isRouter: e.isRouter },
        },
      });
    }
    switch (to) {
      case 'INCOMPLETE':
        e.lladdr = null;
        e.probes = 0;
        // Linux sends the first solicitation at once (neigh_probe); solicit() arms the timer.
        this.solicit(e, now, out);
        return;
      case 'PROBE':
        e.probes = 0;
        this.solicit(e, now, out);
        return;
      case 'REACHABLE':
        e.reachableMs = this.view.params.reachableTimeMs;
        this.arm(e, now + e.reachableMs * NS_PER_MS, out);
        return;
      case 'DELAY':
        this.arm(e, now + this.config.delay_first_probe_time * NS_PER_S, out);
        return;
      case 'STALE':
      case 'FAILED':
        out.push({ kind: 'cancelTimer', key });
        return;
      default:
        return unreachable(to);
    }
  }

  private arm(e: Entry, at: Nanos, out: Action[]): void {
    e.deadline = at;
    e.timerState = e.state;
    out.push({ kind: 'setTimer', key: `nc:${e.address}`, at });
  }

  /** Sends one NS for the entry's current round and arms the retransmission (§7.2.2, §7.3.3). */
  private solicit(e: Entry, now: Nanos, out: Action[]): void {
    const max = e.state === 'INCOMPLETE' ? this.config.mcast_solicit : this.config.ucast_solicit;
    if (e.probes < max) {
      const unicast = e.state === 'PROBE' && e.lladdr !== null;
      const src = this.nsSource(e);
      if (src !== null) {
        const dst = unicast ? e.address : solicitedNodeAddress(e.address);
        // RFC 4429 §2.2: no SLLA from an optimistic source, lest the real
        // owner's entry in other caches be overwritten if we are a duplicate.
        const slla = this.view.addressUse(src) === 'optimistic' ? [] : [{ type: 1 as const, lladdr: this.view.mac() }];
        const ns: NeighborSolicitation = { type: 135, code: 0, target: e.address, options: slla };
        const send = this.frame(ndPacket(src, dst, ns), unicast ? (e.lladdr as Mac) : multicastMac(dst));
        // Tell the explanation when the ns_source switch, not §7.2.2's rule, chose the source.
        const prompting = e.queue.length > 0 ? e.queue[e.queue.length - 1].src : null;
        if (send.kind === 'send' && this.config.ns_source === 'link-local' && prompting !== null && prompting !== src) {
          send.why = `ns_source link-local: source ${src}, not the prompting packet's ${prompting}`;
        }
        out.push(send);
      } else {
        this.drop(out, `no usable source address for an NS for ${e.address}`, 'ns-no-source', 'RFC 4861 §7.2.2');
      }
      e.probes++;
    }
    this.arm(e, now + this.view.params.retransTimerMs * NS_PER_MS, out);
  }

  /**
   * §7.2.2: "If the source address of the packet prompting the solicitation
   * is the same as one of the addresses assigned to the outgoing interface,
   * that address SHOULD be placed in the IP Source Address". Linux takes the
   * newest queued packet's source when it is ours and neither tentative nor
   * optimistic, else the link-local address (ndisc_send_ns); PROBE has no
   * queued packet, so probes come from the link-local address.
   */
  private nsSource(e: Entry): Ip6 | null {
    const prompting = e.queue.length > 0 ? e.queue[e.queue.length - 1].src : null;
    if (this.config.ns_source === 'prompting' && prompting !== null) {
      const use = this.view.addressUse(prompting);
      if (use === 'preferred' || use === 'deprecated') return prompting;
    }
    return this.linkLocal();
  }

  /** RFC 6724 picks the link-local address for a link-scope destination. */
  private linkLocal(): Ip6 | null {
    return this.view.selectSource(ALL_NODES);
  }

  private enqueue(e: Entry, packet: Ipv6Packet, out: Action[]): void {
    const limit = this.config.unres_qlen;
    // Linux neigh_event_send: overflow drops the oldest queued packet.
    while (e.queue.length >= limit && e.queue.length > 0) {
      e.queue.shift();
      this.drop(out, `queue for unresolved ${e.address} full (unres_qlen ${limit}): oldest packet dropped`, 'nc-queue-overflow', 'RFC 4861 §7.2.2');
    }
    if (limit > 0) e.queue.push(packet);
    else this.drop(out, `unres_qlen is 0: packet for unresolved ${e.address} dropped`, 'nc-queue-overflow', 'RFC 4861 §7.2.2');
  }

  private flush(e: Entry, now: Nanos, out: Action[]): void {
    const queued = e.queue;
    e.queue = [];
    // Through output(): a STALE entry moves to DELAY as soon as it is used.
    for (const p of queued) this.output(p, e.address, now, out);
  }

  private transmit(e: Entry, packet: Ipv6Packet, now: Nanos, out: Action[]): void {
    e.usedAt = now;
    out.push(this.frame(packet, e.lladdr as Mac));
  }

  private fail(e: Entry, now: Nanos, out: Action[], text: string, rfc: string): void {
    const queued = e.queue;
    e.queue = [];
    for (const packet of queued) {
      const error = this.addressUnreachableError(packet);
      if (error !== null) this.hooks.addressUnreachable?.({ neighbor: e.address, packet, error }, now, out);
    }
    const why = { text, rfc, id: 'nc-failed' };
    if (this.config.failed_entries === 'keep') {
      e.lladdr = null;
      this.enter(e, 'FAILED', now, out, why);
    } else {
      this.delete(e, out, why);
    }
    this.hooks.neighborFailed?.(e.address, now, out);
  }

  private delete(e: Entry, out: Action[], why: Why): void {
    this.table.delete(e.address);
    out.push({ kind: 'cancelTimer', key: `nc:${e.address}` });
    out.push({
      kind: 'notify',
      change: {
        machine: 'neighbor', ifname: this.view.ifname, key: e.address, from: e.state, to: null,
        reason: `${e.state} → removed: ${why.text}`, rfc: why.rfc, reasonId: why.id,
      },
    });
  }

  private setIsRouter(e: Entry, isRouter: boolean, because: string, now: Nanos, out: Action[]): void {
    if (e.isRouter === isRouter) return;
    e.isRouter = isRouter;
    out.push({
      kind: 'notify',
      change: {
        machine: 'neighbor', ifname: this.view.ifname, key: e.address, from: e.state, to: e.state,
        reason: `IsRouter ${isRouter ? 'FALSE → TRUE' : 'TRUE → FALSE'}: ${because}`,
        rfc: isRouter ? 'RFC 4861 §6.3.4' : 'RFC 4861 §7.2.5',
        reasonId: isRouter ? 'nc-isrouter-set' : 'nc-isrouter-cleared',
        detail: { isRouter },
      },
    });
    // §7.2.5: "the node MUST remove that router from the Default Router List".
    if (!isRouter) this.hooks.routerLost?.(e.address, now, out);
  }

  private sendAnnouncements(now: Nanos, out: Action[]): void {
    const a = this.announcing as { targets: Ip6[]; remaining: number };
    for (const target of a.targets) {
      const use = this.view.addressUse(target);
      if (use === undefined || use === 'tentative' || use === 'duplicate') continue;
      const na: NeighborAdvertisement = {
        type: 136, code: 0,
        flags: { R: this.view.isRouter(), S: false, O: use !== 'optimistic' },
        target, options: [{ type: 2, lladdr: this.view.mac() }],
      };
      out.push(this.frame(ndPacket(target, ALL_NODES, na), multicastMac(ALL_NODES)));
    }
    a.remaining--;
    if (a.remaining > 0) out.push({ kind: 'setTimer', key: ANNOUNCE_KEY, at: now + this.view.params.retransTimerMs * NS_PER_MS });
    else this.announcing = null;
  }

  /** RFC 4443 §3.1 code 3 for a packet that could not be delivered, or null
   *  where §2.4(e) forbids an error (ICMPv6 errors, multicast or :: sources). */
  private addressUnreachableError(packet: Ipv6Packet): Ipv6Packet | null {
    const m = packet.icmpv6;
    if ((m !== undefined && m.type < 128) || isUnspecified(packet.src) || isMulticast(packet.src) || isMulticast(packet.dst)) return null;
    const src = this.view.selectSource(packet.src) ?? packet.src;
    const whole = encode({ dst: '00:00:00:00:00:00', src: '00:00:00:00:00:00', etherType: ETHERTYPE_IPV6, ipv6: packet });
    const invoking = whole.slice(14, 14 + MAX_INVOKING);
    const msg: Icmpv6Message = { type: 1, code: 3, invoking };
    return { ...ndPacket(src, packet.src, msg), hopLimit: this.view.params.curHopLimit };
  }

  private frame(packet: Ipv6Packet, dstMac: Mac): Action {
    return { kind: 'send', ifname: this.view.ifname, frame: { dst: dstMac, src: this.view.mac(), etherType: ETHERTYPE_IPV6, ipv6: packet } };
  }

  private drop(out: Action[], reason: string, rule: string, rfc: string): void {
    out.push({ kind: 'drop', drop: { ifname: this.view.ifname, reason, rule, rfc } });
  }
}

/** An ICMPv6 packet with ND's hop limit 255 (RFC 4861 §7.1). */
export function ndPacket(src: Ip6, dst: Ip6, message: Icmpv6Message): Ipv6Packet {
  return { trafficClass: 0, flowLabel: 0, hopLimit: ND_HOP_LIMIT, src, dst, extensionHeaders: [], nextHeader: NEXT_HEADER_ICMPV6, icmpv6: message };
}

/** The first SLLA (1) or TLLA (2) option's address; Linux keeps the first of duplicates. */
export function linkLayerOption(options: readonly NdOption[], type: 1 | 2): Mac | null {
  for (let i = 0; i < options.length; i++) {
    const opt = options[i]; // an index loop: this runs for every RS, RA, NS and NA
    if (opt.type === type && 'lladdr' in opt) return opt.lladdr;
  }
  return null;
}

function snapshot(e: Entry): NeighborSnapshot {
  return {
    address: e.address, state: e.state, lladdr: e.lladdr, isRouter: e.isRouter, probes: e.probes,
    queued: e.queue.length, usedAt: e.usedAt, confirmedAt: e.confirmedAt, updatedAt: e.updatedAt,
  };
}

function seconds(ns: Nanos): string {
  const s = ns / NS_PER_S;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

function unreachable(x: never): never {
  throw new Error(`unhandled neighbour state ${String(x)}`);
}
