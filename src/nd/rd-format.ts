// `ip -6 route show` lines for what router discovery learned, in Linux's
// exact format (iproute2 ip/iproute.c print_route over what the kernel
// installs):
// - a default router: rt6_add_dflt_router() — proto ra (RTPROT_RA), metric
//   1024 (IP6_RT_PRIO_USER, sysctl accept_ra_defrtr_metric), RTF_EXPIRES,
//   RTAX_HOPLIMIT set from the RA's non-zero CurHopLimit, RTA_PREF;
// - an on-link prefix: addrconf_prefix_route() — proto kernel, metric 256
//   (IP6_RT_PRIO_ADDRCONF), expires unless the valid lifetime is infinite;
// - an RFC 4191 route: rt6_add_route_info() — proto ra, metric 1024, "via".
// iproute2 prints "expires %dsec" as rta_expires / USER_HZ, i.e. the
// remaining time truncated to whole seconds.

import type { DefaultRouterEntry } from './default-router-list.ts';
import { NS_PER_S, type Nanos } from './machine.ts';
import type { OnLinkPrefix } from './prefix-list.ts';
import type { RioRoute } from './route-table.ts';
import type { RouterDiscovery } from './router-discovery.ts';
import { ip6Bytes } from '../packet/address.ts';

function expires(expiresAt: Nanos | null, now: Nanos): string {
  if (expiresAt === null) return '';
  return ` expires ${Math.max(0, Math.floor((expiresAt - now) / NS_PER_S))}sec`;
}

/** `default via fe80::1 dev eth0 proto ra metric 1024 expires 1798sec hoplimit 64 pref medium` */
export function formatDefaultRoute(e: DefaultRouterEntry, ifname: string, now: Nanos): string {
  const hop = e.hopLimit !== null ? ` hoplimit ${e.hopLimit}` : '';
  return `default via ${e.router} dev ${ifname} proto ra metric 1024${expires(e.expiresAt, now)}${hop} pref ${e.preference}`;
}

/** `2001:db8::/64 dev eth0 proto kernel metric 256 expires 86394sec pref medium` */
export function formatPrefixRoute(p: OnLinkPrefix, ifname: string, now: Nanos): string {
  return `${p.prefix}/${p.length} dev ${ifname} proto kernel metric 256${expires(p.expiresAt, now)} pref medium`;
}

/** `2001:db8:1::/48 via fe80::1 dev eth0 proto ra metric 1024 expires 1795sec pref high` (::/0 prints as "default"). */
export function formatRioRoute(r: RioRoute, ifname: string, now: Nanos): string {
  const dst = r.length === 0 ? 'default' : `${r.prefix}/${r.length}`;
  return `${dst} via ${r.router} dev ${ifname} proto ra metric 1024${expires(r.expiresAt, now)} pref ${r.preference}`;
}

function compareDst(a: { prefix: string; length: number }, b: { prefix: string; length: number }): number {
  const x = ip6Bytes(a.prefix);
  const y = ip6Bytes(b.prefix);
  for (let i = 0; i < 16; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return a.length - b.length;
}

/**
 * Every route router discovery installed on the interface, ordered as
 * `ip -6 route show` lists them: specific destinations by address, default
 * routes last. The stack adds its own lines (fe80::/64, manual routes).
 */
export function formatRdRoutes(rd: RouterDiscovery, ifname: string, now: Nanos): string[] {
  const specific: Array<{ prefix: string; length: number; line: string }> = [];
  for (const p of rd.prefixes.entries()) specific.push({ prefix: p.prefix, length: p.length, line: formatPrefixRoute(p, ifname, now) });
  const defaults: string[] = [];
  for (const r of rd.routes.entries()) {
    if (r.length === 0) defaults.push(formatRioRoute(r, ifname, now));
    else specific.push({ prefix: r.prefix, length: r.length, line: formatRioRoute(r, ifname, now) });
  }
  specific.sort(compareDst);
  for (const e of rd.routers.entries()) defaults.push(formatDefaultRoute(e, ifname, now));
  return [...specific.map((s) => s.line), ...defaults];
}
