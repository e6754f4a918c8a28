// Next-hop determination (RFC 4861 §5.2) and the Destination Cache (§5.1).
//
// A destination is on-link when it is link-local or covered by an on-link
// prefix; otherwise it goes to a router chosen from the Default Router List
// (§6.3.6, with RFC 4191 routes). Redirects (§8.3) override that per
// destination until the next hop they name fails.
//
// Design choice: only Redirect results are *sticky*. Every other lookup is
// recomputed from the prefix and router lists, the way Linux consults its FIB
// on each route lookup; the cache still records the result so that changes
// of next hop are reported and can be listed. This removes a whole class of
// stale-cache bugs (a router's lifetime expiring, a preference changing, a
// prefix appearing) without the lists having to call back into this module.

import { isLinkLocal, isMulticast } from '../packet/address-kind.ts';
import type { Ip6 } from '../packet/types.ts';
import type { Action, Nanos } from './machine.ts';

/** What the neighbour cache knows of a router's reachability (§6.3.6):
 *  true = reachable or probably so; false = suspect; undefined = unknown. */
export type IsReachable = (addr: Ip6) => boolean | undefined;

/** The on-link part of the Prefix List (§5.1). PrefixList fits this. */
export interface OnLinkPrefixes {
  isOnLink(addr: Ip6): boolean;
}

/** Chooses the first-hop router for an off-link destination (§6.3.6, RFC 4191 §3.2). */
export interface RouterSelector {
  routerFor(dst: Ip6, now: Nanos, isReachable: IsReachable): Ip6 | null;
}

export type NextHopVia = 'multicast' | 'link-local' | 'on-link-prefix' | 'router' | 'redirect-on-link' | 'redirect-router';

export interface DestinationEntry {
  destination: Ip6;
  nextHop: Ip6;
  via: NextHopVia;
  /** When this next hop was first chosen for the destination. */
  since: Nanos;
}

export type NextHopResult =
  | { ok: true; nextHop: Ip6; via: NextHopVia; onLink: boolean }
  | { ok: false; reason: string; rfc: string };

const EXPLAIN: Record<NextHopVia, string> = {
  multicast: 'multicast goes straight to the link',
  'link-local': 'link-local destinations are always on-link',
  'on-link-prefix': 'covered by an on-link prefix',
  router: 'off-link: sent to a default router',
  'redirect-on-link': 'a Redirect said the destination is on-link',
  'redirect-router': 'a Redirect named a better first hop',
};
const RFC: Record<NextHopVia, string> = {
  multicast: 'RFC 4861 §5.2',
  'link-local': 'RFC 4861 §5.2',
  'on-link-prefix': 'RFC 4861 §5.2',
  router: 'RFC 4861 §6.3.6',
  'redirect-on-link': 'RFC 4861 §8.3',
  'redirect-router': 'RFC 4861 §8.3',
};

export class NextHop {
  private readonly cache = new Map<Ip6, DestinationEntry>();

  constructor(
    private readonly ifname: string,
    private readonly prefixes: OnLinkPrefixes,
    private readonly routers: RouterSelector,
    private readonly isReachable: IsReachable,
  ) {}

  /** §5.2 for one packet's destination; reports a change of next hop. */
  resolve(dst: Ip6, now: Nanos, out: Action[]): NextHopResult {
    const sticky = this.cache.get(dst);
    if (sticky && (sticky.via === 'redirect-on-link' || sticky.via === 'redirect-router')) {
      return { ok: true, nextHop: sticky.nextHop, via: sticky.via, onLink: sticky.via === 'redirect-on-link' };
    }
    const r = this.compute(dst, now);
    if (!r.ok) {
      if (sticky) this.forget(sticky, `${r.reason}`, r.rfc, out);
      return r;
    }
    this.record(dst, r.nextHop, r.via, now, out);
    return r;
  }

  /** §5.2 for `dst` without recording anything: what a route lookup
   *  (Linux's at connect()) finds before a packet is sent. */
  lookup(dst: Ip6, now: Nanos): NextHopResult {
    const sticky = this.cache.get(dst);
    if (sticky && (sticky.via === 'redirect-on-link' || sticky.via === 'redirect-router')) {
      return { ok: true, nextHop: sticky.nextHop, via: sticky.via, onLink: sticky.via === 'redirect-on-link' };
    }
    return this.compute(dst, now);
  }

  /** The router the host currently sends `dst` through, or null when it
   *  goes on-link or nowhere: the §8.1 check that a Redirect comes from the
   *  current first hop. */
  firstHop(dst: Ip6, now: Nanos): Ip6 | null {
    const cached = this.cache.get(dst);
    if (cached) return cached.via === 'router' || cached.via === 'redirect-router' ? cached.nextHop : null;
    const r = this.compute(dst, now);
    return r.ok && r.via === 'router' ? r.nextHop : null;
  }

  /** §8.3: "If the Target Address is the same as the Destination Address the
   *  destination is on-link; otherwise the target is a better first hop." A
   *  later Redirect for the same destination replaces the earlier one. */
  redirect(dst: Ip6, target: Ip6, now: Nanos, out: Action[]): void {
    this.record(dst, target, target === dst ? 'redirect-on-link' : 'redirect-router', now, out);
  }

  /** `neighbor` failed NUD or stopped being a router (§7.3.3, §6.3.5):
   *  forget every destination that used it, so the next packet redoes §5.2. */
  invalidateNextHop(neighbor: Ip6, out: Action[]): void {
    for (const e of [...this.cache.values()]) {
      if (e.nextHop === neighbor) this.forget(e, `next hop ${neighbor} is no longer usable; next-hop determination will run again`, 'RFC 4861 §7.3.3', out);
    }
  }

  /** Drops every entry (link down, or the caller's lists changed wholesale). */
  clear(out: Action[]): void {
    for (const e of [...this.cache.values()]) this.forget(e, 'destination cache flushed', 'RFC 4861 §5.1', out);
  }

  get(dst: Ip6): DestinationEntry | undefined {
    const e = this.cache.get(dst);
    return e && { ...e };
  }

  entries(): DestinationEntry[] {
    return [...this.cache.values()].map((e) => ({ ...e }));
  }

  private compute(dst: Ip6, now: Nanos): NextHopResult {
    if (isMulticast(dst)) return { ok: true, nextHop: dst, via: 'multicast', onLink: true };
    // §5.2: "the link-local prefix is considered to be on the prefix list".
    if (isLinkLocal(dst)) return { ok: true, nextHop: dst, via: 'link-local', onLink: true };
    if (this.prefixes.isOnLink(dst)) return { ok: true, nextHop: dst, via: 'on-link-prefix', onLink: true };
    const router = this.routers.routerFor(dst, now, this.isReachable);
    if (router !== null) return { ok: true, nextHop: router, via: 'router', onLink: false };
    // RFC 4943 (folded into RFC 4861 §5.2): with no default router a host no
    // longer assumes the destination is on-link; it is unreachable.
    return { ok: false, reason: `no route to ${dst}: not on-link and no default router`, rfc: 'RFC 4861 §5.2, RFC 4943' };
  }

  private record(dst: Ip6, nextHop: Ip6, via: NextHopVia, now: Nanos, out: Action[]): void {
    const old = this.cache.get(dst);
    if (old && old.nextHop === nextHop && old.via === via) return;
    this.cache.set(dst, { destination: dst, nextHop, via, since: now });
    out.push({
      kind: 'notify',
      change: {
        machine: 'destination', ifname: this.ifname, key: dst,
        from: old ? old.nextHop : null, to: nextHop,
        reason: `next hop ${nextHop}${nextHop === dst ? ' (the destination itself)' : ''}: ${EXPLAIN[via]}`,
        rfc: RFC[via], reasonId: `dst-${via}`, detail: { via },
      },
    });
  }

  private forget(e: DestinationEntry, reason: string, rfc: string, out: Action[]): void {
    this.cache.delete(e.destination);
    out.push({
      kind: 'notify',
      change: { machine: 'destination', ifname: this.ifname, key: e.destination, from: e.nextHop, to: null, reason, rfc, reasonId: 'dst-removed' },
    });
  }
}

/**
 * Adapter for the router-discovery lists (default-router-list.ts and
 * route-table.ts), typed structurally: a more specific RFC 4191 route wins;
 * otherwise the Default Router List competes with ::/0 routes (RFC 4191 §3.2).
 */
export function routerSelector(
  list: { choose(now: Nanos, isReachable: IsReachable, extra?: readonly { router: Ip6; preference: 'high' | 'medium' | 'low' }[]): Ip6 | null },
  routes?: {
    routeFor(dst: Ip6, isReachable?: IsReachable): { router: Ip6; length: number } | null;
    defaultRoutes(now: Nanos): readonly { router: Ip6; preference: 'high' | 'medium' | 'low' }[];
  },
): RouterSelector {
  return {
    routerFor(dst, now, isReachable) {
      const specific = routes?.routeFor(dst, isReachable);
      if (specific && specific.length > 0) return specific.router;
      return list.choose(now, isReachable, routes ? routes.defaultRoutes(now) : []);
    },
  };
}
