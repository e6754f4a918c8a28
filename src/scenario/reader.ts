// Reading YAML nodes with their positions. Every reader either returns a
// checked value or records an error at the node's line and column and
// returns undefined, so the loader goes on and reports every problem in one
// pass. Messages say where (a path such as nodes[1].radvd), what was found
// and what was expected.

import { isAlias, isMap, isScalar, isSeq, LineCounter, type Document, type Node as YNode } from 'yaml';
import { parseAddressWithLength, parseIp6, parseMac, parsePrefix, formatIp6, formatMac } from '../packet/address.ts';
import type { Ip6, Mac } from '../packet/types.ts';
import { parseDuration } from './duration.ts';
import { didYouMean } from './suggest.ts';
import type { Lifetime, Ns, ScenarioError, SourcePos } from './types.ts';

export type { YNode };

export const INFINITY_LIFETIME = 0xffffffff;

/** A mapping whose keys were checked against a known set. */
export interface MapView {
  /** The mapping (or, for a command string, the scalar standing for it). */
  node: YNode;
  path: string;
  /** Value node of `key` (aliases resolved), or undefined if absent. A key
   *  written with no value (`key:`) gives null. */
  get(key: string): YNode | null | undefined;
  has(key: string): boolean;
  keys(): string[];
}

/**
 * Convention: every reader given `undefined` (a key that is absent, already
 * reported by `required` or deliberately optional) returns undefined without
 * a second error; `null` (a key written with no value) is "found nothing".
 */
export class Reader {
  readonly errors: ScenarioError[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
    readonly doc: Document,
    readonly lines: LineCounter,
  ) {}

  pos(node: YNode | null | undefined, fallback?: YNode | null): SourcePos {
    const n = node ?? fallback;
    const offset = n?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  error(at: YNode | null | undefined | SourcePos, message: string): undefined {
    const p = at && 'line' in at && 'col' in at && !('range' in at) ? (at as SourcePos) : this.pos(at as YNode);
    this.errors.push({ file: this.file, line: p.line, col: p.col, message });
    return undefined;
  }

  /** Follows `*alias` to its anchor; an unknown alias is an error. */
  deref(node: YNode | null | undefined): YNode | null | undefined {
    if (node && isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) return this.error(node, `unknown alias *${node.source}`);
      return target as YNode;
    }
    return node;
  }

  /** A mapping with only `allowed` keys (misspellings get a suggestion). */
  map(node: YNode | null | undefined, path: string, allowed: readonly string[], what = 'a mapping'): MapView | undefined {
    if (node === undefined) return undefined;
    const n = this.deref(node);
    if (!n || !isMap(n)) return this.error(n ?? node, `${path}: expected ${what}, found ${describe(n)}`);
    const values = new Map<string, YNode | null | undefined>();
    for (const pair of n.items) {
      const keyNode = pair.key as YNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : null;
      if (key === null) {
        this.error(keyNode ?? n, `${path}: keys must be plain words, found ${describe(keyNode)}`);
        continue;
      }
      if (!allowed.includes(key)) {
        this.error(keyNode, `${path}: unknown key \`${key}\`${didYouMean(key, allowed)}`);
        continue;
      }
      // An unknown alias was reported by deref: keep the key, as undefined.
      values.set(key, this.deref((pair.value ?? null) as YNode | null));
    }
    return {
      node: n as YNode,
      path,
      get: (k) => values.get(k),
      has: (k) => values.has(k),
      keys: () => [...values.keys()],
    };
  }

  /** The value of a key that must be present. */
  required(m: MapView, key: string, what: string): YNode | null | undefined {
    if (!m.has(key)) return this.error(m.node, `${m.path}: missing \`${key}\` (${what})`);
    return m.get(key);
  }

  seq(node: YNode | null | undefined, path: string, what = 'a list'): YNode[] | undefined {
    if (node === undefined) return undefined;
    const n = this.deref(node);
    if (!n || !isSeq(n)) return this.error(n ?? node, `${path}: expected ${what}, found ${describe(n)}`);
    return n.items.map((i) => (this.deref(i as YNode) ?? i) as YNode);
  }

  /** A list, or a single item standing for a one-item list. */
  seqOrOne(node: YNode | null | undefined): YNode[] {
    const n = this.deref(node);
    if (n && isSeq(n)) return n.items.map((i) => (this.deref(i as YNode) ?? i) as YNode);
    return n ? [n] : [];
  }

  private scalar(node: YNode | null | undefined): unknown {
    return node && isScalar(node) ? node.value : undefined;
  }

  str(node: YNode | null | undefined, path: string, what = 'text'): string | undefined {
    if (node === undefined) return undefined;
    const v = this.scalar(node);
    if (typeof v !== 'string' || v.trim() === '') return this.error(node, `${path}: expected ${what}, found ${describe(node)}`);
    return v;
  }

  /** A whole number in [min, max]. */
  int(node: YNode | null | undefined, path: string, min: number, max: number, why = ''): number | undefined {
    if (node === undefined) return undefined;
    const v = this.scalar(node);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return this.error(node, `${path}: expected a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}${why}, found ${describe(node)}`);
    }
    return v;
  }

  /** A number (fractions allowed) in [min, max]. */
  num(node: YNode | null | undefined, path: string, min: number, max: number, why = ''): number | undefined {
    if (node === undefined) return undefined;
    const v = this.scalar(node);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      return this.error(node, `${path}: expected a number from ${min} to ${max}${why}, found ${describe(node)}`);
    }
    return v;
  }

  bool(node: YNode | null | undefined, path: string): boolean | undefined {
    if (node === undefined) return undefined;
    const v = this.scalar(node);
    if (typeof v === 'boolean') return v;
    // YAML 1.2 (the `yaml` package's default) reads yes/no/on/off as text.
    const hint = typeof v === 'string' && /^(yes|no|on|off|y|n)$/i.test(v) ? ' (YAML 1.2 reads yes/no/on/off as text)' : '';
    return this.error(node, `${path}: expected true or false${hint}, found ${describe(node)}`);
  }

  oneOf<T extends string>(node: YNode | null | undefined, path: string, values: readonly T[]): T | undefined {
    if (node === undefined) return undefined;
    const v = this.scalar(node);
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    const hint = typeof v === 'string' ? didYouMean(v, values) : '';
    return this.error(node, `${path}: expected one of ${values.join(', ')}, found ${describe(node)}${hint}`);
  }

  duration(node: YNode | null | undefined, path: string): Ns | undefined {
    if (node === undefined) return undefined;
    const v = this.scalar(node);
    if (typeof v !== 'string' && typeof v !== 'number') {
      return this.error(node, `${path}: expected a duration such as 1.5s or 250ms, found ${describe(node)}`);
    }
    const r = parseDuration(v);
    return r.ok ? r.value : this.error(node, `${path}: ${r.error}`);
  }

  ip6(node: YNode | null | undefined, path: string): Ip6 | undefined {
    if (node === undefined) return undefined;
    const v = this.str(node, path, 'an IPv6 address such as 2001:db8::1');
    if (v === undefined) return undefined;
    const r = parseIp6(v);
    if (!r.ok) return this.error(node, `${path}: ${r.error}`);
    if (r.value.zone !== undefined) return this.error(node, `${path}: "${v}" has a zone ("%${r.value.zone}"); name the interface with \`iface\` instead`);
    return formatIp6(r.value.bytes);
  }

  /** A 6-byte Ethernet address. */
  mac(node: YNode | null | undefined, path: string): Mac | undefined {
    if (node === undefined) return undefined;
    const v = this.str(node, path, 'a MAC address such as 00:11:22:33:44:55');
    if (v === undefined) return undefined;
    const r = parseMac(v);
    if (!r.ok) return this.error(node, `${path}: ${r.error}`);
    if (r.value.length !== 6) return this.error(node, `${path}: "${v}" has ${r.value.length} bytes; an Ethernet MAC has 6`);
    return formatMac(r.value);
  }

  prefix(node: YNode | null | undefined, path: string): { prefix: Ip6; length: number } | undefined {
    if (node === undefined) return undefined;
    const v = this.str(node, path, 'a prefix such as 2001:db8::/64');
    if (v === undefined) return undefined;
    const r = parsePrefix(v);
    return r.ok ? r.value : this.error(node, `${path}: ${r.error}`);
  }

  addressWithLength(node: YNode | null | undefined, path: string): { address: Ip6; length: number } | undefined {
    if (node === undefined) return undefined;
    const v = this.str(node, path, 'an address with its prefix length such as 2001:db8::1/64');
    if (v === undefined) return undefined;
    const r = parseAddressWithLength(v);
    return r.ok ? r.value : this.error(node, `${path}: ${r.error}`);
  }

  /** Seconds 0..0xffffffff or "infinity" (radvd.conf and PIO lifetimes). */
  lifetime(node: YNode | null | undefined, path: string): Lifetime | undefined {
    if (node === undefined) return undefined;
    const v = this.scalar(node);
    if (v === 'infinity') return 'infinity';
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= INFINITY_LIFETIME) return v;
    const hint = typeof v === 'string' && /^inf/i.test(v) ? '; write `infinity`' : '';
    return this.error(node, `${path}: expected a whole number of seconds 0..4294967295 or "infinity", found ${describe(node)}${hint}`);
  }
}

/** How a node appears in "found …": its source text for scalars. */
export function describe(node: YNode | null | undefined): string {
  if (node === undefined || node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return `alias *${node.source}`;
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'string') return v.trim() === '' ? 'empty text' : `"${v}"`;
    if (typeof v === 'number' || typeof v === 'boolean') return `${node.source ?? String(v)}`;
    return String(v);
  }
  return 'something else';
}
