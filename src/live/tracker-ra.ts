// Router Advertisement parameters as the tracker keeps them, and the
// comparison of two RAs from the same router (NDPMon's "wrong RA params":
// RFC 4861 §6.2.7 asks routers to check each other's RAs for the same
// consistency, and log what differs).

import type { LiveKey } from '../explain/keys.ts';
import type { Ip6, NdOption, Preference, PrefixInformationOption, RouterAdvertisement } from '../packet/types.ts';
import { renderLive, type LiveText, type LiveValue, type LiveVars } from './live-text.ts';
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

const NONE: LiveText = { key: 'live.ra-value.none', vars: {} };
const PREFERENCE: Record<Preference, LiveText> = {
  high: { key: 'live.ra-value.prf.high', vars: {} },
  medium: { key: 'live.ra-value.prf.medium', vars: {} },
  low: { key: 'live.ra-value.prf.low', vars: {} },
  reserved: { key: 'live.ra-value.prf.reserved', vars: {} },
};

/** A flag's change: its own key per direction, so the value reads
 *  "false → true" in English and オフ → オン in Japanese. */
function flagChange(out: LiveText[], on: LiveKey, off: LiveKey, vars: LiveVars, a: boolean, b: boolean): void {
  if (a !== b) out.push({ key: b ? on : off, vars });
}

/** A value's change: "<field> from → to" under the field's key. */
function valueChange(out: LiveText[], key: LiveKey, a: LiveValue, b: LiveValue, vars: LiveVars = {}): void {
  if (a !== b) out.push({ key, vars: { ...vars, from: a, to: b } });
}

/** An address list (RDNSS servers, routes): space-separated, or "none". */
const list = (xs: readonly string[]): LiveValue => (xs.length > 0 ? xs.join(' ') : NONE);

/**
 * What changed between two RAs of one router, one phrase per difference
 * (catalogue keys live.ra-diff.*, rendered per language by live-text.ts).
 * Router Lifetime going to 0 is left out: it has its own alert
 * (router-lifetime-zero). Unspecified values (0 hop limit / reachable time /
 * retrans timer, RFC 4861 §6.3.4 "unspecified") are compared like any other,
 * since a router flipping between them is still inconsistent (§6.2.7).
 */
export function raDiffTexts(before: RaParams, after: RaParams): LiveText[] {
  const out: LiveText[] = [];
  for (const flag of ['M', 'O', 'H'] as const) flagChange(out, 'live.ra-diff.flag-set', 'live.ra-diff.flag-cleared', { flag }, before[flag], after[flag]);
  valueChange(out, 'live.ra-diff.preference', PREFERENCE[before.prf], PREFERENCE[after.prf]);
  if (after.routerLifetime !== 0) valueChange(out, 'live.ra-diff.router-lifetime', before.routerLifetime, after.routerLifetime);
  valueChange(out, 'live.ra-diff.hop-limit', before.curHopLimit, after.curHopLimit);
  valueChange(out, 'live.ra-diff.reachable-time', before.reachableTimeMs, after.reachableTimeMs);
  valueChange(out, 'live.ra-diff.retrans-timer', before.retransTimerMs, after.retransTimerMs);
  valueChange(out, 'live.ra-diff.mtu', before.mtu ?? NONE, after.mtu ?? NONE);

  const old = new Map(before.prefixes.map((p) => [prefixKey(p), p]));
  const now = new Map(after.prefixes.map((p) => [prefixKey(p), p]));
  for (const [prefix, p] of now) {
    const q = old.get(prefix);
    if (q === undefined) {
      out.push({ key: 'live.ra-diff.prefix-added', vars: { prefix } });
      continue;
    }
    for (const flag of ['L', 'A'] as const) flagChange(out, 'live.ra-diff.prefix-flag-set', 'live.ra-diff.prefix-flag-cleared', { prefix, flag }, q[flag], p[flag]);
    valueChange(out, 'live.ra-diff.valid-lifetime', q.validLifetime, p.validLifetime, { prefix });
    valueChange(out, 'live.ra-diff.preferred-lifetime', q.preferredLifetime, p.preferredLifetime, { prefix });
  }
  for (const prefix of old.keys()) if (!now.has(prefix)) out.push({ key: 'live.ra-diff.prefix-gone', vars: { prefix } });

  const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
  if (!sameSet(before.rdnss, after.rdnss)) out.push({ key: 'live.ra-diff.rdnss', vars: { from: list(before.rdnss), to: list(after.rdnss) } });
  if (!sameSet(before.routes, after.routes)) out.push({ key: 'live.ra-diff.routes', vars: { from: list(before.routes), to: list(after.routes) } });
  return out;
}

/** The same differences as English "field: old → new" phrases: the
 *  tracker's data, as it always wrote them. */
export function raDifferences(before: RaParams, after: RaParams): string[] {
  return raDiffTexts(before, after).map((t) => renderLive(t, 'en'));
}
