// `radvd:` blocks (node configuration and the timeline's radvd-config): a
// radvd.conf `interface { … }` block written as YAML with radvd's own option
// names (radvd.conf(5)), checked key by key with positions.

import type { MapView, Reader, YNode } from './reader.ts';
import {
  RADVD_DNSSL_KEYS,
  RADVD_INTERFACE_KEYS,
  RADVD_PREFIX_KEYS,
  RADVD_RDNSS_KEYS,
  RADVD_ROUTE_KEYS,
  RADVD_SECTIONS,
  type RadvdKind,
} from './schema.ts';
import type { RadvdDnsslSpec, RadvdPrefixSpec, RadvdRdnssSpec, RadvdRouteSpec, RadvdSpec } from './types.ts';

const PREFERENCES = ['low', 'medium', 'high'] as const;

function readOption(r: Reader, kind: RadvdKind, node: YNode | null | undefined, path: string): unknown {
  switch (kind.kind) {
    case 'flag':
      return r.bool(node, path);
    case 'preference':
      return r.oneOf(node, path, PREFERENCES);
    case 'lifetime':
      return r.lifetime(node, path);
    case 'number':
      return kind.integer ? r.int(node, path, kind.min, kind.max, ` (${kind.unit})`) : r.num(node, path, kind.min, kind.max, ` (${kind.unit})`);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Copies the scalar options of `table` present in `m` into `out`. */
function readOptions(r: Reader, m: MapView, table: Readonly<Record<string, RadvdKind>>, out: Record<string, unknown>): void {
  for (const [key, kind] of Object.entries(table)) {
    if (!m.has(key)) continue;
    const v = readOption(r, kind, m.get(key), `${m.path}.${key}`);
    if (v !== undefined) out[key] = v;
  }
}

/** The one of two spellings a list entry uses for its subject (the brief's
 *  `prefix`/`servers`/`domains` or radvd-config.ts's `route`/`addresses`/
 *  `suffixes`); both at once is an error. */
function subject(r: Reader, m: MapView, names: [string, string], what: string): YNode | null | undefined {
  const [a, b] = names;
  if (m.has(a) && m.has(b)) return r.error(m.get(b) ?? m.node, `${m.path}: \`${a}\` and \`${b}\` are two names for the same thing; keep one`);
  if (!m.has(a) && !m.has(b)) return r.error(m.node, `${m.path}: missing \`${a}\` (${what})`);
  return m.has(a) ? m.get(a) : m.get(b);
}

function list(r: Reader, node: YNode | null | undefined, path: string): YNode[] {
  return r.seq(node, path) ?? [];
}

function readPrefix(r: Reader, item: YNode, path: string): RadvdPrefixSpec | undefined {
  const m = r.map(item, path, ['prefix', ...Object.keys(RADVD_PREFIX_KEYS)]);
  if (!m) return undefined;
  const out: Record<string, unknown> = {};
  readOptions(r, m, RADVD_PREFIX_KEYS, out);
  const pNode = r.required(m, 'prefix', 'the advertised prefix, e.g. 2001:db8::/64');
  // AdvRouterAddr (RFC 6275 §7.2) advertises the router's own address, so
  // radvd then takes an address with host bits.
  const p = m.has('prefix') ? (out.AdvRouterAddr === true ? r.addressWithLength(pNode, `${path}.prefix`) : r.prefix(pNode, `${path}.prefix`)) : undefined;
  if (!p) return undefined;
  const addr = 'prefix' in p ? p.prefix : p.address;
  if (typeof out.AdvValidLifetime === 'number' && typeof out.AdvPreferredLifetime === 'number' && out.AdvPreferredLifetime > out.AdvValidLifetime) {
    r.error(m.get('AdvPreferredLifetime'), `${path}.AdvPreferredLifetime: ${out.AdvPreferredLifetime} is more than AdvValidLifetime ${out.AdvValidLifetime}; hosts ignore such a prefix (RFC 4862 §5.5.3 c)`);
  } else if (out.AdvValidLifetime !== undefined && out.AdvValidLifetime !== 'infinity' && out.AdvPreferredLifetime === 'infinity') {
    r.error(m.get('AdvPreferredLifetime'), `${path}.AdvPreferredLifetime: infinity is more than AdvValidLifetime ${String(out.AdvValidLifetime)}; hosts ignore such a prefix (RFC 4862 §5.5.3 c)`);
  }
  return { prefix: `${addr}/${p.length}`, ...out } as RadvdPrefixSpec;
}

function readRoute(r: Reader, item: YNode, path: string): RadvdRouteSpec | undefined {
  const m = r.map(item, path, ['prefix', 'route', ...Object.keys(RADVD_ROUTE_KEYS)]);
  if (!m) return undefined;
  const out: Record<string, unknown> = {};
  readOptions(r, m, RADVD_ROUTE_KEYS, out);
  const n = subject(r, m, ['prefix', 'route'], 'the route prefix, e.g. 2001:db8:1::/48 (RFC 4191)');
  const p = n === undefined ? undefined : r.prefix(n, `${path}.${m.has('prefix') ? 'prefix' : 'route'}`);
  return p ? ({ route: `${p.prefix}/${p.length}`, ...out } as RadvdRouteSpec) : undefined;
}

/** An RDNSS or DNSSL entry: its scalar options and a non-empty list (one
 *  item may be written bare) under either of the subject's two names, each
 *  item read by `readItem`; undefined when anything in it is wrong. */
function readListEntry(
  r: Reader,
  item: YNode,
  path: string,
  names: [string, string],
  table: Readonly<Record<string, RadvdKind>>,
  what: string,
  noun: string,
  readItem: (node: YNode, at: string) => string | undefined,
): { items: string[]; options: Record<string, unknown> } | undefined {
  const m = r.map(item, path, [...names, ...Object.keys(table)]);
  if (!m) return undefined;
  const options: Record<string, unknown> = {};
  readOptions(r, m, table, options);
  const n = subject(r, m, names, what);
  if (n === undefined) return undefined;
  const key = m.has(names[0]) ? names[0] : names[1];
  const nodes = r.seqOrOne(n);
  if (nodes.length === 0) return r.error(n ?? m.node, `${path}.${key}: expected at least one ${noun}`);
  const items = nodes.map((x, i) => readItem(x, `${path}.${key}[${i}]`));
  if (items.some((x) => x === undefined)) return undefined;
  return { items: items as string[], options };
}

function readRdnss(r: Reader, item: YNode, path: string): RadvdRdnssSpec | undefined {
  const e = readListEntry(r, item, path, ['servers', 'addresses'], RADVD_RDNSS_KEYS, 'the DNS server addresses (RFC 8106 §5.1)', 'address', (a, at) =>
    r.ip6(a, at),
  );
  return e && ({ addresses: e.items, ...e.options } as RadvdRdnssSpec);
}

// RFC 1035 §2.3.1 labels (letters, digits, hyphens; 63 octets each).
const DOMAIN = /^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

function readDnssl(r: Reader, item: YNode, path: string): RadvdDnsslSpec | undefined {
  const e = readListEntry(r, item, path, ['domains', 'suffixes'], RADVD_DNSSL_KEYS, 'the search domains (RFC 8106 §5.2)', 'domain', (d, at) => {
    const s = r.str(d, at, 'a domain name such as example.com');
    if (s !== undefined && !DOMAIN.test(s)) return r.error(d, `${at}: "${s}" is not a domain name (RFC 1035 §2.3.1 labels)`);
    return s;
  });
  return e && ({ suffixes: e.items, ...e.options } as RadvdDnsslSpec);
}

/** Reads a radvd block. Only the options written are returned; radvd's
 *  defaults are the resolver's business. */
export function readRadvd(r: Reader, node: YNode | null | undefined, path: string): RadvdSpec | undefined {
  const m = r.map(node, path, [...Object.keys(RADVD_INTERFACE_KEYS), ...RADVD_SECTIONS], 'radvd.conf interface options');
  if (!m) return undefined;
  const out: Record<string, unknown> = {};
  readOptions(r, m, RADVD_INTERFACE_KEYS, out);
  const readers = { prefixes: readPrefix, routes: readRoute, RDNSS: readRdnss, DNSSL: readDnssl } as const;
  for (const section of RADVD_SECTIONS) {
    if (!m.has(section)) continue;
    const items = list(r, m.get(section), `${path}.${section}`);
    const values = items.map((it, i) => readers[section](r, it, `${path}.${section}[${i}]`));
    out[section] = values.filter((v) => v !== undefined);
  }
  const max = out.MaxRtrAdvInterval as number | undefined;
  const min = out.MinRtrAdvInterval as number | undefined;
  // RFC 4861 §6.2.1: MinRtrAdvInterval ≤ 0.75 × MaxRtrAdvInterval.
  if (max !== undefined && min !== undefined && min > 0.75 * max) {
    r.error(m.get('MinRtrAdvInterval'), `${path}.MinRtrAdvInterval: ${min} is more than 0.75 × MaxRtrAdvInterval (${0.75 * max}) (RFC 4861 §6.2.1)`);
  }
  return out as RadvdSpec;
}
