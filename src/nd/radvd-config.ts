// Router-side configuration, named and defaulted as radvd.conf(5) names and
// defaults them (radvd 2.19, the version Debian ships and the peers survey
// read), so that a scenario's `radvd:` block reads like a radvd.conf
// `interface` block. `resolveRadvdConfig` fills in the defaults — several of
// which depend on MaxRtrAdvInterval, exactly as radvd's defaults.h computes
// them — and checks the limits radvd's check_iface() enforces, returning every
// problem as a sentence instead of throwing.

import { formatIp6, parseAddressWithLength, parseIp6, parsePrefix } from '../packet/address.ts';
import type { Ip6 } from '../packet/types.ts';

export type RadvdPreference = 'low' | 'medium' | 'high';

/** `prefix 2001:db8::/64 { … }` (radvd.conf(5) PREFIX SPECIFIC OPTIONS). */
export interface RadvdPrefix {
  /** Canonical "2001:db8::/64". */
  prefix: string;
  prefixAddress: Ip6;
  prefixLength: number;
  AdvOnLink: boolean;
  AdvAutonomous: boolean;
  AdvRouterAddr: boolean;
  /** Seconds; 0xffffffff for "infinity". */
  AdvValidLifetime: number;
  AdvPreferredLifetime: number;
  /** On shutdown advertise preferred 0 / valid ≤ 7203 s (RFC 4862 §5.5.3 e). */
  DeprecatePrefix: boolean;
}

/** `route 2001:db8:1::/48 { … }` (RFC 4191 Route Information). */
export interface RadvdRoute {
  route: string;
  prefixAddress: Ip6;
  prefixLength: number;
  AdvRoutePreference: RadvdPreference;
  AdvRouteLifetime: number;
  /** On shutdown announce the route with lifetime 0. */
  RemoveRoute: boolean;
}

/** `RDNSS ip [ip…] { … }` (RFC 8106 §5.1). */
export interface RadvdRdnss {
  addresses: Ip6[];
  AdvRDNSSLifetime: number;
  FlushRDNSS: boolean;
}

/** `DNSSL suffix [suffix…] { … }` (RFC 8106 §5.2). */
export interface RadvdDnssl {
  suffixes: string[];
  AdvDNSSLLifetime: number;
  FlushDNSSL: boolean;
}

/** One `interface` block with every value resolved. Intervals in seconds. */
export interface RadvdConfig {
  AdvSendAdvert: boolean;
  UnicastOnly: boolean;
  /** RFC 7772 §5.1: answer RS from a unicast source with a unicast RA. */
  AdvRASolicitedUnicast: boolean;
  MaxRtrAdvInterval: number;
  MinRtrAdvInterval: number;
  MinDelayBetweenRAs: number;
  AdvManagedFlag: boolean;
  AdvOtherConfigFlag: boolean;
  /** 0 = no MTU option. */
  AdvLinkMTU: number;
  /** Milliseconds; 0 = unspecified. */
  AdvReachableTime: number;
  AdvRetransTimer: number;
  AdvCurHopLimit: number;
  AdvDefaultLifetime: number;
  AdvDefaultPreference: RadvdPreference;
  AdvSourceLLAddress: boolean;
  prefixes: RadvdPrefix[];
  routes: RadvdRoute[];
  RDNSS: RadvdRdnss[];
  DNSSL: RadvdDnssl[];
}

/** Seconds, or "infinity" (0xffffffff on the wire). */
export type Lifetime = number | 'infinity';

/** What a scenario may write: any subset, prefixes/routes by their text. */
export interface RadvdConfigInput {
  AdvSendAdvert?: boolean;
  UnicastOnly?: boolean;
  AdvRASolicitedUnicast?: boolean;
  MaxRtrAdvInterval?: number;
  MinRtrAdvInterval?: number;
  MinDelayBetweenRAs?: number;
  AdvManagedFlag?: boolean;
  AdvOtherConfigFlag?: boolean;
  AdvLinkMTU?: number;
  AdvReachableTime?: number;
  AdvRetransTimer?: number;
  AdvCurHopLimit?: number;
  AdvDefaultLifetime?: number;
  AdvDefaultPreference?: RadvdPreference;
  AdvSourceLLAddress?: boolean;
  prefixes?: RadvdPrefixInput[];
  routes?: RadvdRouteInput[];
  RDNSS?: RadvdRdnssInput[];
  DNSSL?: RadvdDnsslInput[];
}

export interface RadvdPrefixInput {
  /** "2001:db8::/64". */
  prefix: string;
  AdvOnLink?: boolean;
  AdvAutonomous?: boolean;
  AdvRouterAddr?: boolean;
  AdvValidLifetime?: Lifetime;
  AdvPreferredLifetime?: Lifetime;
  DeprecatePrefix?: boolean;
}

export interface RadvdRouteInput {
  route: string;
  AdvRoutePreference?: RadvdPreference;
  AdvRouteLifetime?: Lifetime;
  RemoveRoute?: boolean;
}

export interface RadvdRdnssInput {
  /** Address texts. */
  addresses: string[];
  AdvRDNSSLifetime?: Lifetime;
  FlushRDNSS?: boolean;
}

export interface RadvdDnsslInput {
  suffixes: string[];
  AdvDNSSLLifetime?: Lifetime;
  FlushDNSSL?: boolean;
}

export type ResolveResult = { ok: true; value: RadvdConfig } | { ok: false; errors: string[] };

const INFINITY = 0xffffffff;

// radvd defaults.h limits (non-Mobile-IPv6). RFC 8319 raised the two
// 1800/9000 ceilings to 65535 s; radvd 2.19 still enforces RFC 4861's.
export const RADVD_LIMITS = {
  MIN_MaxRtrAdvInterval: 4,
  MAX_MaxRtrAdvInterval: 1800,
  MIN_MinRtrAdvInterval: 3,
  MIN_DelayBetweenRAs: 3,
  MAX_AdvDefaultLifetime: 9000,
  MIN_AdvLinkMTU: 1280,
  MAX_AdvReachableTime: 3_600_000,
  MAX_AdvCurHopLimit: 255,
  /** radvd MIN_AdvValidLifetime: "slightly > 2 hours", for DeprecatePrefix. */
  MIN_AdvValidLifetime: 7203,
} as const;

const INTERFACE_KEYS: ReadonlySet<string> = new Set([
  'AdvSendAdvert', 'UnicastOnly', 'AdvRASolicitedUnicast', 'MaxRtrAdvInterval', 'MinRtrAdvInterval',
  'MinDelayBetweenRAs', 'AdvManagedFlag', 'AdvOtherConfigFlag', 'AdvLinkMTU', 'AdvReachableTime',
  'AdvRetransTimer', 'AdvCurHopLimit', 'AdvDefaultLifetime', 'AdvDefaultPreference', 'AdvSourceLLAddress',
  'prefixes', 'routes', 'RDNSS', 'DNSSL',
]);
const PREFIX_KEYS = new Set(['prefix', 'AdvOnLink', 'AdvAutonomous', 'AdvRouterAddr', 'AdvValidLifetime', 'AdvPreferredLifetime', 'DeprecatePrefix']);
const ROUTE_KEYS = new Set(['route', 'AdvRoutePreference', 'AdvRouteLifetime', 'RemoveRoute']);
const RDNSS_KEYS = new Set(['addresses', 'AdvRDNSSLifetime', 'FlushRDNSS']);
const DNSSL_KEYS = new Set(['suffixes', 'AdvDNSSLLifetime', 'FlushDNSSL']);

/** "2001:db8::/64" → canonical parts, or why not. radvd also takes the
 *  router's own address with its length when AdvRouterAddr is on (RFC 6275
 *  §7.2), so host bits are allowed only then. */
function parsePrefixText(text: unknown, allowHostBits = false): { address: Ip6; length: number } | string {
  if (typeof text !== 'string') return `expected "address/length", got ${JSON.stringify(text)}`;
  if (allowHostBits) {
    const r = parseAddressWithLength(text);
    return r.ok ? r.value : r.error;
  }
  const r = parsePrefix(text);
  return r.ok ? { address: r.value.prefix, length: r.value.length } : r.error;
}

function unknownKeys(obj: object, known: ReadonlySet<string>, where: string, errors: string[]): void {
  for (const key of Object.keys(obj)) {
    if (known.has(key)) continue;
    const hint = [...known].find((k) => k.toLowerCase() === key.toLowerCase());
    errors.push(`${where}: unknown option "${key}"${hint ? ` (did you mean "${hint}"? radvd option names are case-sensitive)` : ''}`);
  }
}

function lifetime(v: Lifetime | undefined, dflt: number, name: string, errors: string[]): number {
  if (v === undefined) return dflt;
  if (v === 'infinity') return INFINITY;
  if (!Number.isInteger(v) || v < 0 || v > INFINITY) {
    errors.push(`${name} must be a whole number of seconds 0..4294967295 or "infinity", got ${JSON.stringify(v)}`);
    return dflt;
  }
  return v;
}

function flag(v: unknown, dflt: boolean, name: string, errors: string[]): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') {
    errors.push(`${name} must be on or off (true/false), got ${JSON.stringify(v)}`);
    return dflt;
  }
  return v;
}

function pref(v: unknown, name: string, errors: string[]): RadvdPreference {
  if (v === undefined) return 'medium';
  if (v === 'low' || v === 'medium' || v === 'high') return v;
  errors.push(`${name} must be low, medium or high, got ${JSON.stringify(v)}`);
  return 'medium';
}

function num(v: unknown, dflt: number, name: string, errors: string[]): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    errors.push(`${name} must be a non-negative number, got ${JSON.stringify(v)}`);
    return dflt;
  }
  return v;
}

/**
 * Fills radvd's defaults into a partial `interface` block and checks radvd's
 * limits. `linkMtu` is the interface MTU AdvLinkMTU may not exceed.
 */
export function resolveRadvdConfig(partial: RadvdConfigInput = {}, opts: { linkMtu?: number } = {}): ResolveResult {
  const errors: string[] = [];
  const p = (partial ?? {}) as RadvdConfigInput;
  unknownKeys(p, INTERFACE_KEYS, 'interface', errors);
  const L = RADVD_LIMITS;

  const max = num(p.MaxRtrAdvInterval, 600, 'MaxRtrAdvInterval', errors);
  if (max < L.MIN_MaxRtrAdvInterval || max > L.MAX_MaxRtrAdvInterval) {
    errors.push(`MaxRtrAdvInterval (${max}) must be between ${L.MIN_MaxRtrAdvInterval} and ${L.MAX_MaxRtrAdvInterval} seconds (RFC 4861 §6.2.1)`);
  }
  // defaults.h: DFLT_MinRtrAdvInterval = 0.33 × MaxRtrAdvInterval.
  const min = num(p.MinRtrAdvInterval, 0.33 * max, 'MinRtrAdvInterval', errors);
  if (min < L.MIN_MinRtrAdvInterval || min > 0.75 * max) {
    errors.push(`MinRtrAdvInterval (${min}) must be at least ${L.MIN_MinRtrAdvInterval} but no more than 3/4 of MaxRtrAdvInterval (${0.75 * max})`);
  }
  const minDelay = num(p.MinDelayBetweenRAs, 3, 'MinDelayBetweenRAs', errors);
  if (minDelay < L.MIN_DelayBetweenRAs) {
    errors.push(`MinDelayBetweenRAs (${minDelay}) must be at least ${L.MIN_DelayBetweenRAs} seconds (RFC 4861 MIN_DELAY_BETWEEN_RAS)`);
  }
  const linkMtu = opts.linkMtu ?? 1500;
  const mtu = num(p.AdvLinkMTU, 0, 'AdvLinkMTU', errors);
  if (mtu !== 0 && (mtu < L.MIN_AdvLinkMTU || mtu > linkMtu || !Number.isInteger(mtu))) {
    errors.push(`AdvLinkMTU (${mtu}) must be zero or between ${L.MIN_AdvLinkMTU} and ${linkMtu} (the link's MTU)`);
  }
  const reach = num(p.AdvReachableTime, 0, 'AdvReachableTime', errors);
  if (reach > L.MAX_AdvReachableTime || !Number.isInteger(reach)) {
    errors.push(`AdvReachableTime (${reach}) must be a whole number of milliseconds no greater than ${L.MAX_AdvReachableTime} (1 hour)`);
  }
  const retrans = num(p.AdvRetransTimer, 0, 'AdvRetransTimer', errors);
  if (retrans > INFINITY || !Number.isInteger(retrans)) errors.push(`AdvRetransTimer (${retrans}) must be a whole number of milliseconds`);
  const hop = num(p.AdvCurHopLimit, 64, 'AdvCurHopLimit', errors);
  if (hop > L.MAX_AdvCurHopLimit || !Number.isInteger(hop)) errors.push(`AdvCurHopLimit (${hop}) must be 0..255 (0 = unspecified)`);
  // defaults.h: DFLT_AdvDefaultLifetime = MAX2(1, (int)(3 × MaxRtrAdvInterval)).
  const life = num(p.AdvDefaultLifetime, Math.max(1, Math.trunc(3 * max)), 'AdvDefaultLifetime', errors);
  if (life !== 0 && (life > L.MAX_AdvDefaultLifetime || life < Math.max(1, max) || !Number.isInteger(life))) {
    errors.push(`AdvDefaultLifetime (${life}) must be zero or between ${Math.max(1, max)} (MaxRtrAdvInterval) and ${L.MAX_AdvDefaultLifetime} seconds`);
  }

  const prefixes: RadvdPrefix[] = [];
  for (const [i, raw] of (p.prefixes ?? []).entries()) {
    const where = `prefix #${i + 1}`;
    unknownKeys(raw, PREFIX_KEYS, where, errors);
    const parsed = parsePrefixText(raw.prefix, raw.AdvRouterAddr === true);
    if (typeof parsed === 'string') {
      errors.push(`${where}: ${parsed}`);
      continue;
    }
    const valid = lifetime(raw.AdvValidLifetime, 86400, `${raw.prefix} AdvValidLifetime`, errors);
    const preferred = lifetime(raw.AdvPreferredLifetime, 14400, `${raw.prefix} AdvPreferredLifetime`, errors);
    if (preferred > valid) {
      errors.push(`${raw.prefix}: AdvPreferredLifetime (${preferred}) must not exceed AdvValidLifetime (${valid}) — hosts would ignore the prefix (RFC 4862 §5.5.3 c)`);
    }
    prefixes.push({
      prefix: `${parsed.address}/${parsed.length}`,
      prefixAddress: parsed.address,
      prefixLength: parsed.length,
      AdvOnLink: flag(raw.AdvOnLink, true, `${raw.prefix} AdvOnLink`, errors),
      AdvAutonomous: flag(raw.AdvAutonomous, true, `${raw.prefix} AdvAutonomous`, errors),
      AdvRouterAddr: flag(raw.AdvRouterAddr, false, `${raw.prefix} AdvRouterAddr`, errors),
      AdvValidLifetime: valid,
      AdvPreferredLifetime: preferred,
      DeprecatePrefix: flag(raw.DeprecatePrefix, false, `${raw.prefix} DeprecatePrefix`, errors),
    });
  }

  const routes: RadvdRoute[] = [];
  for (const [i, raw] of (p.routes ?? []).entries()) {
    const where = `route #${i + 1}`;
    unknownKeys(raw, ROUTE_KEYS, where, errors);
    const parsed = parsePrefixText(raw.route);
    if (typeof parsed === 'string') {
      errors.push(`${where}: ${parsed}`);
      continue;
    }
    routes.push({
      route: `${parsed.address}/${parsed.length}`,
      prefixAddress: parsed.address,
      prefixLength: parsed.length,
      AdvRoutePreference: pref(raw.AdvRoutePreference, `${raw.route} AdvRoutePreference`, errors),
      // defaults.h: DFLT_AdvRouteLifetime = 3 × MaxRtrAdvInterval.
      AdvRouteLifetime: lifetime(raw.AdvRouteLifetime, Math.trunc(3 * max), `${raw.route} AdvRouteLifetime`, errors),
      RemoveRoute: flag(raw.RemoveRoute, true, `${raw.route} RemoveRoute`, errors),
    });
  }

  const RDNSS: RadvdRdnss[] = [];
  for (const [i, raw] of (p.RDNSS ?? []).entries()) {
    const where = `RDNSS #${i + 1}`;
    unknownKeys(raw, RDNSS_KEYS, where, errors);
    const addresses: Ip6[] = [];
    for (const a of Array.isArray(raw.addresses) ? raw.addresses : []) {
      const r = parseIp6(String(a));
      if (r.ok) addresses.push(formatIp6(r.value.bytes));
      else errors.push(`${where}: ${r.error}`);
    }
    if (addresses.length === 0) errors.push(`${where}: needs at least one server address`);
    // radvd.conf(5) 2.19: default 2 × MaxRtrAdvInterval; non-zero values below MaxRtrAdvInterval are refused.
    const lt = lifetime(raw.AdvRDNSSLifetime, Math.trunc(2 * max), `${where} AdvRDNSSLifetime`, errors);
    if (lt !== 0 && lt < max) errors.push(`${where}: AdvRDNSSLifetime (${lt}) must be 0 or at least MaxRtrAdvInterval (${max})`);
    RDNSS.push({ addresses, AdvRDNSSLifetime: lt, FlushRDNSS: flag(raw.FlushRDNSS, true, `${where} FlushRDNSS`, errors) });
  }

  const DNSSL: RadvdDnssl[] = [];
  for (const [i, raw] of (p.DNSSL ?? []).entries()) {
    const where = `DNSSL #${i + 1}`;
    unknownKeys(raw, DNSSL_KEYS, where, errors);
    const suffixes = Array.isArray(raw.suffixes) ? raw.suffixes.map(String) : [];
    if (suffixes.length === 0) errors.push(`${where}: needs at least one search suffix`);
    for (const s of suffixes) {
      if (!/^[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.?$/.test(s)) errors.push(`${where}: "${s}" is not a domain name`);
    }
    const lt = lifetime(raw.AdvDNSSLLifetime, Math.trunc(2 * max), `${where} AdvDNSSLLifetime`, errors);
    if (lt !== 0 && lt < max) errors.push(`${where}: AdvDNSSLLifetime (${lt}) must be 0 or at least MaxRtrAdvInterval (${max})`);
    DNSSL.push({ suffixes, AdvDNSSLLifetime: lt, FlushDNSSL: flag(raw.FlushDNSSL, true, `${where} FlushDNSSL`, errors) });
  }

  const header = {
    AdvSendAdvert: flag(p.AdvSendAdvert, false, 'AdvSendAdvert', errors),
    UnicastOnly: flag(p.UnicastOnly, false, 'UnicastOnly', errors),
    AdvRASolicitedUnicast: flag(p.AdvRASolicitedUnicast, true, 'AdvRASolicitedUnicast', errors),
    MaxRtrAdvInterval: max,
    MinRtrAdvInterval: min,
    MinDelayBetweenRAs: minDelay,
    AdvManagedFlag: flag(p.AdvManagedFlag, false, 'AdvManagedFlag', errors),
    AdvOtherConfigFlag: flag(p.AdvOtherConfigFlag, false, 'AdvOtherConfigFlag', errors),
    AdvLinkMTU: mtu,
    AdvReachableTime: reach,
    AdvRetransTimer: retrans,
    AdvCurHopLimit: hop,
    AdvDefaultLifetime: life,
    AdvDefaultPreference: pref(p.AdvDefaultPreference, 'AdvDefaultPreference', errors),
    AdvSourceLLAddress: flag(p.AdvSourceLLAddress, true, 'AdvSourceLLAddress', errors),
  };
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...header,
      prefixes,
      routes,
      RDNSS,
      DNSSL,
    },
  };
}
