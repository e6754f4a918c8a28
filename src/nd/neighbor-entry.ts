// The entries of one interface's Neighbor Cache and their Neighbor
// Unreachability Detection state machine (RFC 4861 §7.3.2, §7.3.3), with
// address resolution (§7.2.2): what happens to one entry. The inputs that
// come from messages (NS, NA, learning, announcements) are the neighbour
// cache's (neighbor-cache.ts), which extends this class.
//
// Shape (gVisor neighbor_entry.go): one handler per input (output, timer),
// and one `enter()` through which every state change goes: it cancels the
// old timer, arms the new state's timer, performs the state's entry action
// (first NS of INCOMPLETE/PROBE) and reports the change. A timer is keyed
// "nc:<address>"; its entry remembers the deadline and the state it was armed
// for, so a firing that no longer matches is a no-op.

import { encode } from '../packet/encode.ts';
import { ALL_NODES, solicitedNodeAddress, multicastMac } from '../packet/address.ts';
export { ALL_NODES };
import { isMulticast, isUnspecified } from '../packet/address-kind.ts';
import { ETHERTYPE_IPV6, ND_HOP_LIMIT, NEXT_HEADER_ICMPV6 } from '../packet/build.ts';
import type { Icmpv6Message, Ip6, Ipv6Packet, Mac, NeighborSolicitation } from '../packet/types.ts';
import type { InterfaceView } from './interface-view.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos } from './machine.ts';
import type { NeighborCacheConfig, NeighborCacheHooks, NeighborSnapshot, NeighborState } from './neighbor-cache.ts';

/** One entry of the Neighbor Cache (RFC 4861 §5.1). */
export interface Entry {
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

export interface Why {
  text: string;
  rfc: string;
  id: string;
}

// RFC 4443 §2.4(c): an error carries as much of the invoking packet as fits
// in the minimum MTU: 1280 − 40 (IPv6 header) − 8 (ICMPv6 header).
const MAX_INVOKING = 1280 - 40 - 8;

export abstract class NeighborEntries {
  protected readonly table = new Map<Ip6, Entry>();

  constructor(
    protected readonly view: InterfaceView,
    protected readonly config: NeighborCacheConfig,
    protected readonly hooks: NeighborCacheHooks = {},
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

  /** The timer "nc:<addr>" of an entry fired (§7.2.2, §7.3.3). */
  protected expire(addr: Ip6, now: Nanos, out: Action[]): void {
    const e = this.table.get(addr);
    // A firing for a timer that was re-armed or cancelled since: nothing to do.
    if (e === undefined || e.deadline === null || now < e.deadline || e.timerState !== e.state) return;
    e.deadline = null;
    const retrans = this.view.params.retransTimerMs;
    switch (e.state) {
      case 'INCOMPLETE':
        if (e.probes < this.config.mcast_solicit) this.solicit(e, now, out);
        else this.fail(e, now, out, `no NA after ${e.probes} multicast NS, ${retrans} ms apart (MAX_MULTICAST_SOLICIT)`, 'RFC 4861 §7.2.2');
        return;
      case 'PROBE':
        if (e.probes < this.config.ucast_solicit) this.solicit(e, now, out);
        else this.fail(e, now, out, `no NA after ${e.probes} unicast NS, ${retrans} ms apart (MAX_UNICAST_SOLICIT)`, 'RFC 4861 §7.3.3');
        return;
      case 'REACHABLE':
        this.enter(e, 'STALE', now, out, {
          text: `ReachableTime ${seconds(e.reachableMs * NS_PER_MS)} s elapsed without confirmation`,
          rfc: 'RFC 4861 §7.3.3',
          id: 'nc-reachable-timeout',
        });
        return;
      case 'DELAY':
        this.enter(e, 'PROBE', now, out, {
          text: `no confirmation within DELAY_FIRST_PROBE_TIME (${this.config.delay_first_probe_time} s); unicast probes begin`,
          rfc: 'RFC 4861 §7.3.3',
          id: 'nc-delay-timeout',
        });
        return;
      case 'STALE':
      case 'FAILED':
        return;
      default:
        return unreachable(e.state);
    }
  }

  // ------------------------------------------------------------ internals

  protected create(addr: Ip6, now: Nanos): Entry {
    const e: Entry = {
      address: addr, state: 'INCOMPLETE', lladdr: null, isRouter: false, probes: 0, queue: [],
      deadline: null, timerState: null, reachableMs: 0, usedAt: now, confirmedAt: now, updatedAt: now,
    };
    this.table.set(addr, e);
    return e;
  }

  /** Every state change: cancel the old timer, run the new state's entry action, arm its timer, report. */
  protected enter(e: Entry, to: NeighborState, now: Nanos, out: Action[], why: Why, created = false): void {
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

  protected arm(e: Entry, at: Nanos, out: Action[]): void {
    e.deadline = at;
    e.timerState = e.state;
    out.push({ kind: 'setTimer', key: `nc:${e.address}`, at });
  }

  /** Sends one NS for the entry's current round and arms the retransmission (§7.2.2, §7.3.3). */
  protected solicit(e: Entry, now: Nanos, out: Action[]): void {
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
  protected nsSource(e: Entry): Ip6 | null {
    const prompting = e.queue.length > 0 ? e.queue[e.queue.length - 1].src : null;
    if (this.config.ns_source === 'prompting' && prompting !== null) {
      const use = this.view.addressUse(prompting);
      if (use === 'preferred' || use === 'deprecated') return prompting;
    }
    return this.linkLocal();
  }

  /** RFC 6724 picks the link-local address for a link-scope destination. */
  protected linkLocal(): Ip6 | null {
    return this.view.selectSource(ALL_NODES);
  }

  protected enqueue(e: Entry, packet: Ipv6Packet, out: Action[]): void {
    const limit = this.config.unres_qlen;
    // Linux neigh_event_send: overflow drops the oldest queued packet.
    while (e.queue.length >= limit && e.queue.length > 0) {
      e.queue.shift();
      this.drop(out, `queue for unresolved ${e.address} full (unres_qlen ${limit}): oldest packet dropped`, 'nc-queue-overflow', 'RFC 4861 §7.2.2');
    }
    if (limit > 0) e.queue.push(packet);
    else this.drop(out, `unres_qlen is 0: packet for unresolved ${e.address} dropped`, 'nc-queue-overflow', 'RFC 4861 §7.2.2');
  }

  protected flush(e: Entry, now: Nanos, out: Action[]): void {
    const queued = e.queue;
    e.queue = [];
    // Through output(): a STALE entry moves to DELAY as soon as it is used.
    for (const p of queued) this.output(p, e.address, now, out);
  }

  protected transmit(e: Entry, packet: Ipv6Packet, now: Nanos, out: Action[]): void {
    e.usedAt = now;
    out.push(this.frame(packet, e.lladdr as Mac));
  }

  protected fail(e: Entry, now: Nanos, out: Action[], text: string, rfc: string): void {
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

  protected delete(e: Entry, out: Action[], why: Why): void {
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

  protected setIsRouter(e: Entry, isRouter: boolean, because: string, now: Nanos, out: Action[]): void {
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

  /** RFC 4443 §3.1 code 3 for a packet that could not be delivered, or null
   *  where §2.4(e) forbids an error (ICMPv6 errors, multicast or :: sources). */
  protected addressUnreachableError(packet: Ipv6Packet): Ipv6Packet | null {
    const m = packet.icmpv6;
    if ((m !== undefined && m.type < 128) || isUnspecified(packet.src) || isMulticast(packet.src) || isMulticast(packet.dst)) return null;
    const src = this.view.selectSource(packet.src) ?? packet.src;
    const whole = encode({ dst: '00:00:00:00:00:00', src: '00:00:00:00:00:00', etherType: ETHERTYPE_IPV6, ipv6: packet });
    const invoking = whole.slice(14, 14 + MAX_INVOKING);
    const msg: Icmpv6Message = { type: 1, code: 3, invoking };
    return { ...ndPacket(src, packet.src, msg), hopLimit: this.view.params.curHopLimit };
  }

  protected frame(packet: Ipv6Packet, dstMac: Mac): Action {
    return { kind: 'send', ifname: this.view.ifname, frame: { dst: dstMac, src: this.view.mac(), etherType: ETHERTYPE_IPV6, ipv6: packet } };
  }

  protected drop(out: Action[], reason: string, rule: string, rfc: string): void {
    out.push({ kind: 'drop', drop: { ifname: this.view.ifname, reason, rule, rfc } });
  }
}

/** An ICMPv6 packet with ND's hop limit 255 (RFC 4861 §7.1). */
export function ndPacket(src: Ip6, dst: Ip6, message: Icmpv6Message): Ipv6Packet {
  return { trafficClass: 0, flowLabel: 0, hopLimit: ND_HOP_LIMIT, src, dst, extensionHeaders: [], nextHeader: NEXT_HEADER_ICMPV6, icmpv6: message };
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

export function unreachable(x: never): never {
  throw new Error(`unhandled neighbour state ${String(x)}`);
}
