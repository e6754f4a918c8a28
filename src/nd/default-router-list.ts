// The Default Router List of RFC 4861 §5.1/§6.3.4 with RFC 4191 §2.2
// preferences, and the router selection of RFC 4861 §6.3.6 as RFC 4191 §3.2
// refines it. Pure data plus timers: the owner (router-discovery.ts) feeds it
// RAs and routes "rd:router:…" timer keys to it.

import type { Ip6, Preference } from '../packet/types.ts';
import { NS_PER_S, type Action, type Nanos, type StateChange } from './machine.ts';

/** A preference after RFC 4191 §2.2 "reserved → medium". */
export type RouterPreference = 'high' | 'medium' | 'low';

export interface DefaultRouterEntry {
  router: Ip6;
  preference: RouterPreference;
  /** Router Lifetime of the last RA, seconds. */
  lifetimeS: number;
  expiresAt: Nanos;
  learnedAt: Nanos;
  /** CurHopLimit of the last RA when non-zero (Linux stores it on the route as RTAX_HOPLIMIT). */
  hopLimit: number | null;
}

/** Reachability as the neighbour cache knows it: true = REACHABLE, STALE,
 *  DELAY or PROBE ("reachable or probably reachable", §6.3.6); false =
 *  INCOMPLETE or failed ("suspect"); undefined = no entry at all. */
export type IsReachable = (addr: Ip6) => boolean | undefined;

const RANK: Record<RouterPreference, number> = { high: 2, medium: 1, low: 0 };

/** RFC 4191 §2.2: "If the Reserved (10) value is received, the receiver MUST treat the value as if it were (00)". */
export function effectivePreference(prf: Preference): RouterPreference {
  return prf === 'reserved' ? 'medium' : prf;
}

export function routerTimerKey(router: Ip6): string {
  return `rd:router:${router}`;
}

/** Seconds → deadline; shared by the lists (a lifetime field is whole seconds). */
export function deadline(now: Nanos, seconds: number): Nanos {
  return now + seconds * NS_PER_S;
}

/** Pushes one StateChange notification (helper for the rd lists). */
export function pushChange(out: Action[], change: StateChange): void {
  out.push({ kind: 'notify', change });
}

export interface Candidate {
  router: Ip6;
  preference: RouterPreference;
}

/**
 * RFC 4861 §6.3.6 with RFC 4191 §3.2: routers that are reachable or probably
 * reachable come first, highest preference first; a router the neighbour
 * cache knows nothing about counts as reachable (RFC 4191 §3.2: "If the host
 * has no information about the router's reachability, then the host assumes
 * the router is reachable"; Linux rt6_check_neigh does the same with
 * CONFIG_IPV6_ROUTER_PREF). Ties keep list order, so the host sticks with the
 * router it used. When every router is suspect the caller round-robins.
 */
export function bestCandidate(candidates: readonly Candidate[], isReachable: IsReachable): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (isReachable(c.router) === false) continue;
    if (best === null || RANK[c.preference] > RANK[best.preference]) best = c;
  }
  return best;
}

/** What the lists need to scope their timer keys (InterfaceView.timerKey). */
export interface TimerScope {
  timerKey?(local: string): string;
}

export class DefaultRouterList {
  private readonly routers = new Map<Ip6, DefaultRouterEntry>();
  /** The scoped timer key of the router updated last: every RA of the same
   *  router re-arms the same timer, with the same string (interface-view.ts). */
  private lastRouter: Ip6 | null = null;
  private lastKey = '';
  /** Round-robin position for §6.3.6 "when no routers are known reachable". */
  private rr = 0;

  constructor(
    private readonly ifname: string,
    private readonly scope: TimerScope = {},
  ) {}

  get size(): number {
    return this.routers.size;
  }

  /** The timer key of `router`, scoped when the scope can. */
  private keyOf(router: Ip6): string {
    if (router !== this.lastRouter) {
      this.lastRouter = router;
      this.lastKey = this.scope.timerKey ? this.scope.timerKey(routerTimerKey(router)) : routerTimerKey(router);
    }
    return this.lastKey;
  }

  get(router: Ip6): DefaultRouterEntry | undefined {
    return this.routers.get(router);
  }

  /** Entries in the order they were learned (for display). */
  entries(): DefaultRouterEntry[] {
    return [...this.routers.values()];
  }

  /**
   * RFC 4861 §6.3.4 Router Lifetime handling: a new router with a non-zero
   * lifetime is added, a known one is refreshed, lifetime 0 times it out now.
   */
  update(router: Ip6, lifetimeS: number, preference: RouterPreference, hopLimit: number, now: Nanos, out: Action[]): void {
    const known = this.routers.get(router);
    if (lifetimeS === 0) {
      // "If the address is already present in the host's Default Router List and the received Router Lifetime value is zero, immediately time-out the entry"
      if (known) this.remove(router, `router ${router} advertised Router Lifetime 0: no longer a default router`, 'rd.router.lifetime-zero', now, out);
      return;
    }
    const entry: DefaultRouterEntry = {
      router,
      preference,
      lifetimeS,
      expiresAt: deadline(now, lifetimeS),
      learnedAt: known?.learnedAt ?? now,
      hopLimit: hopLimit !== 0 ? hopLimit : (known?.hopLimit ?? null),
    };
    this.routers.set(router, entry);
    out.push({ kind: 'setTimer', key: this.keyOf(router), at: entry.expiresAt });
    if (!known) {
      pushChange(out, {
        machine: 'router', ifname: this.ifname, key: router, from: null, to: preference,
        reason: `new default router ${router} preference ${preference}, lifetime ${lifetimeS} s`,
        rfc: 'RFC 4861 §6.3.4', reasonId: 'rd.router.new', detail: { lifetime: lifetimeS, preference },
      });
    } else if (known.preference !== preference) {
      pushChange(out, {
        machine: 'router', ifname: this.ifname, key: router, from: known.preference, to: preference,
        reason: `default router ${router} now advertises preference ${preference} (was ${known.preference}); it takes effect at once`,
        rfc: 'RFC 4191 §3.1', reasonId: 'rd.router.preference', detail: { lifetime: lifetimeS, preference },
      });
    }
  }

  /** Removes a router (lifetime 0, expiry, or an NA with R=0, RFC 4861 §7.2.5). */
  remove(router: Ip6, reason: string, reasonId: string, _now: Nanos, out: Action[], rfc = 'RFC 4861 §6.3.4'): boolean {
    const known = this.routers.get(router);
    if (!known) return false;
    this.routers.delete(router);
    out.push({ kind: 'cancelTimer', key: routerTimerKey(router) });
    pushChange(out, { machine: 'router', ifname: this.ifname, key: router, from: known.preference, to: null, reason, rfc, reasonId });
    return true;
  }

  /** Handles "rd:router:<addr>"; false when the key is not ours. A stale
   *  firing (the entry was refreshed since) is a no-op. */
  onTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (!key.startsWith('rd:router:')) return false;
    const router = key.slice('rd:router:'.length);
    const entry = this.routers.get(router);
    if (entry && entry.expiresAt <= now) {
      this.remove(router, `default router ${router} expired: no RA refreshed its ${entry.lifetimeS} s Router Lifetime`, 'rd.router.expired', now, out);
    }
    return true;
  }

  /** Removes every router (link down). */
  clear(reason: string, now: Nanos, out: Action[]): void {
    for (const router of [...this.routers.keys()]) this.remove(router, reason, 'rd.router.flushed', now, out);
  }

  /**
   * The default router to use (RFC 4861 §6.3.6, RFC 4191 §3.2), or null when
   * the list is empty. `extra` adds ::/0 Route Information routes, which
   * RFC 4191 §3.1 puts on the same footing as default routers. When no
   * candidate is reachable or probably reachable, successive calls
   * round-robin over all of them "so that subsequent requests for a default
   * router do not return the same router until all other routers have been
   * selected" (§6.3.6) — so this method is stateful.
   */
  choose(now: Nanos, isReachable: IsReachable, extra: readonly Candidate[] = []): Ip6 | null {
    const candidates: Candidate[] = [];
    for (const e of this.routers.values()) if (e.expiresAt > now) candidates.push(e);
    for (const x of extra) {
      const same = candidates.findIndex((c) => c.router === x.router);
      if (same < 0) candidates.push(x);
      else if (RANK[x.preference] > RANK[candidates[same].preference]) candidates[same] = x;
    }
    if (candidates.length === 0) return null;
    const best = bestCandidate(candidates, isReachable);
    if (best) return best.router;
    const pick = candidates[this.rr % candidates.length];
    this.rr++;
    return pick.router;
  }
}
