// Router Advertisement parameters as the tracker keeps them, and the
// comparison of two RAs from the same router (NDPMon's "wrong RA params":
// RFC 4861 §6.2.7 asks routers to check each other's RAs for the same
// consistency, and log what differs).

import type { Ip6, NdOption, PrefixInformationOption, RouterAdvertisement } from '../packet/types.ts';
import type { PrefixParams, RaParams } from './tracker-types.ts';

/** RFC 4861 §4.6.2 / RFC 4862 §5.5.3: all ones = infinity. */
export const INFINITE_LIFETIME = 0xffffffff;

function isPio(o: NdOption): o is PrefixInformationOption {
  return o.type === 3 && !('unknown' in o);
}

export function raParams(source: Ip6, ra: RouterAdvertisement): RaParams {
  const prefixes: PrefixParams[] = [];
  const rdnss: Ip6[] = [];
  const routes: string[] = [];
  let mtu: number | null = null;
  for (const o of ra.options) {
    if ('unknown' in o) continue;
    if (isPio(o)) {
      prefixes.push({
        prefix: o.prefix,
        length: o.prefixLength,
        L: o.L,
        A: o.A,
        validLifetime: o.validLifetime,
        preferredLifetime: o.preferredLifetime,
      });
    } else if (o.type === 5) {
      mtu = o.mtu;
    } else if (o.type === 25) {
      rdnss.push(...o.servers);
    } else if (o.type === 24) {
      routes.push(`${o.prefix}/${o.prefixLength}`);
    }
  }
  return {
    router: source,
    curHopLimit: ra.curHopLimit,
    M: ra.flags.M,
    O: ra.flags.O,
    H: ra.flags.H,
    prf: ra.flags.prf,
    routerLifetime: ra.routerLifetime,
    reachableTimeMs: ra.reachableTime,
    retransTimerMs: ra.retransTimer,
    mtu,
    prefixes,
    rdnss,
    routes,
  };
}

export const prefixKey = (p: { prefix: Ip6; length: number }): string => `${p.prefix}/${p.length}`;

/**
 * What changed between two RAs of one router, as "field: old → new" phrases.
 * Router Lifetime going to 0 is left out: it has its own alert
 * (router-lifetime-zero). Unspecified values (0 hop limit / reachable time /
 * retrans timer, RFC 4861 §6.3.4 "unspecified") are compared like any other,
 * since a router flipping between them is still inconsistent (§6.2.7).
 */
export function raDifferences(before: RaParams, after: RaParams): string[] {
  const out: string[] = [];
  const cmp = (name: string, a: unknown, b: unknown): void => {
    if (a !== b) out.push(`${name} ${String(a)} → ${String(b)}`);
  };
  cmp('M', before.M, after.M);
  cmp('O', before.O, after.O);
  cmp('H', before.H, after.H);
  cmp('preference', before.prf, after.prf);
  if (after.routerLifetime !== 0) cmp('router lifetime', before.routerLifetime, after.routerLifetime);
  cmp('hop limit', before.curHopLimit, after.curHopLimit);
  cmp('reachable time', before.reachableTimeMs, after.reachableTimeMs);
  cmp('retrans timer', before.retransTimerMs, after.retransTimerMs);
  cmp('MTU', before.mtu ?? 'none', after.mtu ?? 'none');

  const old = new Map(before.prefixes.map((p) => [prefixKey(p), p]));
  const now = new Map(after.prefixes.map((p) => [prefixKey(p), p]));
  for (const [k, p] of now) {
    const q = old.get(k);
    if (q === undefined) {
      out.push(`prefix ${k} added`);
      continue;
    }
    cmp(`${k} L`, q.L, p.L);
    cmp(`${k} A`, q.A, p.A);
    cmp(`${k} valid lifetime`, q.validLifetime, p.validLifetime);
    cmp(`${k} preferred lifetime`, q.preferredLifetime, p.preferredLifetime);
  }
  for (const k of old.keys()) if (!now.has(k)) out.push(`prefix ${k} gone`);

  const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
  if (!sameSet(before.rdnss, after.rdnss)) out.push(`RDNSS ${before.rdnss.join(' ') || 'none'} → ${after.rdnss.join(' ') || 'none'}`);
  if (!sameSet(before.routes, after.routes)) out.push(`routes ${before.routes.join(' ') || 'none'} → ${after.routes.join(' ') || 'none'}`);
  return out;
}
