// The delay queue of NSs for anycast targets: RFC 4861 §7.2.7 "If the
// target is an anycast address, the sender SHOULD delay sending a response
// for a random time between 0 and MAX_ANYCAST_DELAY_TIME seconds". Linux
// queues the NS itself (pneigh_enqueue on nd_tbl's proxy_queue) and, when
// its time comes, hands it back to ndisc_recv_ns (neigh_proxy_process); the
// neighbour cache (neighbor-cache.ts) does the same with this queue, so the
// answer is decided afresh when it is finally sent.

import type { Ip6, Ipv6Packet, NeighborSolicitation } from '../packet/types.ts';
import type { InterfaceView } from './interface-view.ts';
import { NS_PER_MS, type Action, type Nanos } from './machine.ts';
import type { NeighborCacheConfig } from './neighbor-cache.ts';

/** The delay queue's one timer (Linux nd_tbl's proxy_timer). */
export const PROXY_KEY = 'nc:proxy';
/** Linux shows proxy_delay in USER_HZ ticks: 1/100 s. */
const USER_HZ_TICK: Nanos = 10 * NS_PER_MS;

/** An NS whose answer waits (§7.2.7), to be processed again at `at`. */
export interface Deferred {
  at: Nanos;
  ip: Ipv6Packet;
  ns: NeighborSolicitation;
  delay: Nanos;
}

export class AnycastDelayQueue {
  private deferred: Deferred[] = [];

  constructor(
    private readonly view: InterfaceView,
    private readonly config: Pick<NeighborCacheConfig, 'proxy_delay' | 'proxy_qlen'>,
  ) {}

  /** Linux pneigh_enqueue: the NS waits a random time below proxy_delay
   *  (whole ms, as at HZ=1000); one timer serves the queue, armed for the
   *  earliest. Beyond proxy_qlen waiting, the NS is dropped. */
  defer(ip: Ipv6Packet, ns: NeighborSolicitation, now: Nanos, out: Action[]): void {
    if (this.deferred.length > this.config.proxy_qlen) {
      const reason = `NS for anycast ${ns.target}: ${this.deferred.length} already wait for their delayed answer (proxy_qlen ${this.config.proxy_qlen})`;
      out.push({ kind: 'drop', drop: { ifname: this.view.ifname, reason, rule: 'ns-anycast-queue-full', rfc: 'RFC 4861 §7.2.7' } });
      return;
    }
    const limitMs = (this.config.proxy_delay * USER_HZ_TICK) / NS_PER_MS;
    const delay = Math.floor(this.view.random() * limitMs) * NS_PER_MS;
    const at = now + delay;
    this.deferred.push({ at, ip, ns, delay });
    this.arm(out);
  }

  /** Linux neigh_proxy_process: takes every NS whose time has come, in
   *  arrival order, and re-arms the timer for the rest; the caller processes
   *  the NSs returned again. */
  takeDue(now: Nanos, out: Action[]): Deferred[] {
    const due = this.deferred.filter((d) => d.at <= now);
    if (due.length === 0) return due;
    this.deferred = this.deferred.filter((d) => d.at > now);
    if (this.deferred.length > 0) this.arm(out);
    return due;
  }

  /** Linux neigh_ifdown purges the proxy queue of the device. */
  clear(out: Action[]): void {
    if (this.deferred.length > 0) out.push({ kind: 'cancelTimer', key: PROXY_KEY });
    this.deferred = [];
  }

  /** NSs still waiting for their answer (tests, UIs). */
  pending(): ReadonlyArray<{ target: Ip6; src: Ip6; at: Nanos }> {
    return this.deferred.map((d) => ({ target: d.ns.target, src: d.ip.src, at: d.at }));
  }

  private arm(out: Action[]): void {
    let at = Infinity;
    for (const d of this.deferred) if (d.at < at) at = d.at;
    out.push({ kind: 'setTimer', key: PROXY_KEY, at });
  }
}
