// More-specific routes learned from RFC 4191 Route Information options
// (§2.3), as a type C host keeps them (§3.1), and the longest-match lookup
// of §3.2. A ::/0 route competes with the default routers (see
// DefaultRouterList.choose's `extra`).

import { inPrefix, prefixOf } from '../packet/address.ts';
import type { Ip6, RouteInformationOption } from '../packet/types.ts';
import { INFINITE_LIFETIME } from './constants.ts';
import { bestCandidate, deadline, pushChange, type IsReachable, type RouterPreference } from './default-router-list.ts';
import type { Action, Nanos } from './machine.ts';
import { emptyMap, writable } from './empty-map.ts';

export interface RioRoute {
  prefix: Ip6;
  length: number;
  router: Ip6;
  preference: RouterPreference;
  lifetimeS: number;
  /** null = infinite lifetime. */
  expiresAt: Nanos | null;
  learnedAt: Nanos;
}

function routeKey(prefix: Ip6, length: number, router: Ip6): string {
  return `${prefix}/${length} via ${router}`;
}

export function routeTimerKey(prefix: Ip6, length: number, router: Ip6): string {
  return `rd:route:${routeKey(prefix, length, router)}`;
}

export class RouteTable {
  // Most links carry no RFC 4191 routes: the table stays the shared empty one.
  private routes: Map<string, RioRoute> = emptyMap();

  constructor(private readonly ifname: string) {}

  entries(): RioRoute[] {
    return [...this.routes.values()];
  }

  /**
   * RFC 4191 §3.1 for one Route Information option from `router`.
   * `maxPrefixLength` is Linux's accept_ra_rt_info_max_plen (RIOs longer
   * than it are ignored).
   */
  onRouteInformation(router: Ip6, rio: RouteInformationOption, now: Nanos, out: Action[], maxPrefixLength = 128): void {
    // §2.3: "If the Prf is reserved (10), the Route Information Option MUST be ignored" — TAHI v6LC.2.2.23 C.
    if (rio.prf === 'reserved') return;
    if (rio.prefixLength > 128 || rio.prefixLength > maxPrefixLength) return;
    const prefix = prefixOf(rio.prefix, rio.prefixLength);
    const key = routeKey(prefix, rio.prefixLength, router);
    const known = this.routes.get(key);
    if (rio.routeLifetime === 0) {
      if (known) this.remove(key, `route ${prefix}/${rio.prefixLength} via ${router} withdrawn (Route Lifetime 0)`, 'rd.route.lifetime-zero', out);
      return;
    }
    const entry: RioRoute = {
      prefix,
      length: rio.prefixLength,
      router,
      preference: rio.prf,
      lifetimeS: rio.routeLifetime,
      expiresAt: rio.routeLifetime === INFINITE_LIFETIME ? null : deadline(now, rio.routeLifetime),
      learnedAt: known?.learnedAt ?? now,
    };
    (this.routes = writable(this.routes)).set(key, entry);
    const timer = routeTimerKey(prefix, rio.prefixLength, router);
    if (entry.expiresAt === null) out.push({ kind: 'cancelTimer', key: timer });
    else out.push({ kind: 'setTimer', key: timer, at: entry.expiresAt });
    if (!known || known.preference !== entry.preference) {
      pushChange(out, {
        machine: 'route', ifname: this.ifname, key, from: known?.preference ?? null, to: entry.preference,
        reason: `${known ? 'route' : 'new route'} ${prefix}/${rio.prefixLength} via ${router} preference ${entry.preference}, lifetime ${rio.routeLifetime === INFINITE_LIFETIME ? 'infinite' : `${rio.routeLifetime} s`}`,
        rfc: 'RFC 4191 §3.1', reasonId: known ? 'rd.route.preference' : 'rd.route.new',
        detail: { lifetime: rio.routeLifetime, preference: entry.preference },
      });
    }
  }

  /**
   * RFC 4191 §3.2: the longest matching route for `dst`; among routes of the
   * same length, reachable (or unknown) routers before suspect ones, then
   * the highest preference, then the oldest. Null when nothing matches.
   */
  routeFor(dst: Ip6, isReachable: IsReachable = () => undefined): RioRoute | null {
    let longest = -1;
    let matches: RioRoute[] = [];
    for (const r of this.routes.values()) {
      if (!inPrefix(dst, r.prefix, r.length)) continue;
      if (r.length > longest) {
        longest = r.length;
        matches = [r];
      } else if (r.length === longest) matches.push(r);
    }
    if (matches.length === 0) return null;
    const best = bestCandidate(matches, isReachable);
    return (best as RioRoute | null) ?? matches[0];
  }

  /** The ::/0 routes, as default-router candidates. */
  defaultRoutes(now: Nanos): RioRoute[] {
    return this.entries().filter((r) => r.length === 0 && (r.expiresAt === null || r.expiresAt > now));
  }

  onTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (!key.startsWith('rd:route:')) return false;
    const k = key.slice('rd:route:'.length);
    const entry = this.routes.get(k);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now) {
      this.remove(k, `route ${k} expired after its ${entry.lifetimeS} s Route Lifetime`, 'rd.route.expired', out);
    }
    return true;
  }

  clear(reason: string, out: Action[]): void {
    for (const key of [...this.routes.keys()]) this.remove(key, reason, 'rd.route.flushed', out);
  }

  private remove(key: string, reason: string, reasonId: string, out: Action[]): void {
    const entry = this.routes.get(key);
    if (!entry) return;
    this.routes.delete(key);
    out.push({ kind: 'cancelTimer', key: routeTimerKey(entry.prefix, entry.length, entry.router) });
    pushChange(out, { machine: 'route', ifname: this.ifname, key, from: entry.preference, to: null, reason, rfc: 'RFC 4191 §3.1', reasonId });
  }
}
