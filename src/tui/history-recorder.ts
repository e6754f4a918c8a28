// Watching live stacks during a recorded run and turning every change to
// their tables into a delta of the node's history (node-history.ts). Runs
// once per frame a node handles, so the comparison of an entry with what
// was last recorded is a field walk that agrees with signature()'s JSON
// text, not the JSON text itself.

import type { DefaultRouterEntry } from '../nd/default-router-list.ts';
import type { OnLinkPrefix } from '../nd/prefix-list.ts';
import type { RioRoute } from '../nd/route-table.ts';
import type { AddressEntry } from '../slaac/address.ts';
import type { NodeStack } from '../stack/node-stack.ts';
import { NodeHistory, type Delta, type TableName, type Value } from './node-history.ts';

/** DAD's and RFC 8981's bookkeeping: not displayed (the flags it drives are
 *  top-level fields), so a change to it alone is no delta. */
const isBookkeeping = (k: string): boolean => k === 'dad' || k === 'temp';

/** What identifies an entry's displayed content (what a delta must capture).
 *  The recorder compares entries field by field (Kept); this is the
 *  definition that comparison agrees with, and its fallback. */
export function signature(v: Value): string {
  return JSON.stringify(v, (k, x) => (isBookkeeping(k) ? undefined : x));
}

/** Copies a live entry so later changes to the live table do not reach it. */
function copy<T extends Value>(v: T): T {
  const c = { ...v } as T & { dad?: AddressEntry['dad']; temp?: AddressEntry['temp'] };
  if (c.dad) c.dad = { ...c.dad };
  if (c.temp) c.temp = { ...c.temp };
  return c;
}

/** Values JSON.stringify prints as `null`. */
const printsNull = (x: unknown): boolean => x === null || (typeof x === 'number' && !Number.isFinite(x));

/** Whether a field's value is one JSON.stringify leaves out. */
const omitted = (x: unknown): boolean => x === undefined || typeof x === 'function' || typeof x === 'symbol';

/** Whether a field's value is not a JSON primitive (a nested object, an
 *  array, a bigint), which the field comparison leaves to JSON.stringify. */
const nested = (x: unknown): boolean => (typeof x === 'object' && x !== null) || typeof x === 'bigint';

/** Whether `for (k in o)` lists exactly Object.keys(o): `o` inherits from
 *  Object.prototype, and nothing made an enumerable property there (checked
 *  at every flush: a for-in over an empty enumeration is a few ns). */
let forInIsOwn = true;
function checkForIn(): void {
  forInIsOwn = true;
  for (const _ in Object.prototype) forInIsOwn = false;
}

/**
 * The last recorded content of one entry, to tell whether the live entry
 * changed: a delta is due exactly when signature() of the live entry differs
 * from signature() of the recorded one. Building that JSON text for every
 * entry of every touched node was most of the recording's bookkeeping (an
 * RA to ff02::1 touches a thousand hosts in one simulator event), so the
 * entries, flat records of strings, numbers, booleans and nulls besides the
 * dad/temp objects signature() leaves out, are compared field by field the
 * way their JSON texts compare:
 * - the same keys in the same order (JSON.stringify lists own enumerable
 *   keys in Object.keys order), without what JSON leaves out (dad and temp,
 *   undefined, functions, symbols);
 * - values that print the same: ===, or both printed as null (null, NaN,
 *   ±Infinity; -0 prints as 0, and -0 === 0).
 * An entry with anything else (a nested object, a toJSON method, a bigint,
 * a prototype of its own) is compared through its JSON text.
 */
export class Kept {
  private readonly keys: string[] = [];
  private readonly vals: unknown[] = [];
  /** The JSON text of an entry that is not flat, else null. */
  private readonly sig: string | null = null;
  /** The diff pass that last saw the entry (HistoryRecorder.diff). */
  mark = 0;

  constructor(v: Value) {
    const o = v as unknown as Record<string, unknown>;
    if (typeof o.toJSON !== 'function') {
      const ks = Object.keys(o);
      let flat = true;
      for (let i = 0; i < ks.length && flat; i++) {
        const k = ks[i];
        const x = o[k];
        if (isBookkeeping(k) || omitted(x)) continue;
        flat = !nested(x);
        this.keys.push(k);
        this.vals.push(x);
      }
      if (flat) return;
      this.keys.length = 0;
      this.vals.length = 0;
    }
    this.sig = signature(v);
  }

  /** Whether signature(v) equals the recorded entry's signature. */
  same(v: Value): boolean {
    if (this.sig !== null) return signature(v) === this.sig;
    const o = v as unknown as Record<string, unknown>;
    // for-in reads o[k] by field index (V8's enum cache): several times
    // faster than Object.keys, and the same keys for a plain object.
    if (!forInIsOwn || typeof o.toJSON === 'function' || Object.getPrototypeOf(o) !== Object.prototype) return signature(v) === this.text();
    const { keys, vals } = this;
    let n = 0;
    for (const k in o) {
      const x = o[k];
      if (isBookkeeping(k) || omitted(x)) continue;
      if (nested(x)) return signature(v) === this.text();
      // The texts agree up to here; a different key or value makes them
      // differ whatever follows.
      if (n === keys.length || keys[n] !== k) return false;
      const y = vals[n++];
      if (x !== y && !(printsNull(x) && printsNull(y))) return false;
    }
    return n === keys.length;
  }

  /** signature() of the recorded entry when it is flat. */
  private text(): string {
    const o = Object.create(null) as Record<string, unknown>;
    for (let i = 0; i < this.keys.length; i++) o[this.keys[i]] = this.vals[i];
    return JSON.stringify(o);
  }
}

/** One table of one interface: the recorded entries by key, in the order
 *  they were recorded (new keys last), and the reports awaiting a flush. */
class TableRecord {
  readonly kept = new Map<string, Kept>();
  /** key → seq of the state event that reported it. */
  reported: Map<string, number> | null = null;

  seqOf(key: string, seq: number): number {
    return this.reported?.get(key) ?? seq;
  }
}

class IfaceRecord {
  readonly link = new TableRecord();
  readonly addr = new TableRecord();
  readonly neigh = new TableRecord();
  readonly router = new TableRecord();
  readonly prefix = new TableRecord();
  readonly route = new TableRecord();
  /** Neighbour entries that may have changed. */
  readonly neighborKeys = new Set<string>();
  /** The link state last recorded, for a quick check (diffLink). */
  up: unknown = undefined;
  mtu: unknown = undefined;
}

interface NodeRecord {
  stack: NodeStack;
  history: NodeHistory;
  ifaces: Map<string, IfaceRecord>;
}

function ifaceOf(n: NodeRecord, ifname: string): IfaceRecord {
  let r = n.ifaces.get(ifname);
  if (!r) n.ifaces.set(ifname, (r = new IfaceRecord()));
  return r;
}

const addrKey = (e: AddressEntry): string => e.address;
const routerKey = (e: DefaultRouterEntry): string => e.router;
const prefixKey = (e: OnLinkPrefix): string => `${e.prefix}/${e.length}`;
const routeKey = (e: RioRoute): string => `${e.prefix}/${e.length} via ${e.router}`;
const linkKey = (): string => 'link';

const bySeq = (a: Delta, b: Delta): number => a.seq - b.seq;

/**
 * Watches live stacks during a run and appends deltas to each node's
 * history. `touch(node)` after anything happened to the node, `neighbor()`
 * for a neighbour state change, `flush(seq)` once the node's machine has
 * finished handling the input (the recorder calls it at the next event).
 */
export class HistoryRecorder {
  readonly histories = new Map<string, NodeHistory>();
  private readonly nodes = new Map<string, NodeRecord>();
  private readonly touched = new Set<string>();
  /** Reports and neighbour keys, all forgotten at the next flush. */
  private readonly reports: TableRecord[] = [];
  private readonly neighborSets: Set<string>[] = [];
  private pass = 0;

  constructor(private readonly stacks: ReadonlyMap<string, NodeStack>) {
    for (const [name, stack] of stacks) {
      const history = new NodeHistory(name, stack.interfaces.map((i) => i.ifname), stack.opts.routes ?? []);
      this.histories.set(name, history);
      this.nodes.set(name, { stack, history, ifaces: new Map() });
    }
  }

  touch(node: string): void {
    if (this.stacks.has(node)) this.touched.add(node);
  }

  /** Whether nothing but `node` (or nothing at all) awaits a flush. */
  onlyTouched(node: string | null | undefined): boolean {
    return this.touched.size === 0 || (this.touched.size === 1 && node !== null && node !== undefined && this.touched.has(node));
  }

  /** A state event: remember its seq so the delta lands on it. */
  reportedAt(node: string, ifname: string, table: TableName, key: string, seq: number): void {
    // Only nodes with a stack are diffed: reports about others are moot.
    const n = this.nodes.get(node);
    if (n) {
      const t = ifaceOf(n, ifname)[table];
      if (t.reported === null) {
        t.reported = new Map();
        this.reports.push(t);
      }
      t.reported.set(key, seq);
    }
    if (table === 'neigh') this.neighbor(node, ifname, key);
    this.touch(node);
  }

  /** A neighbour entry that may have changed: one a state event named, or
   *  the sender of a received frame (a cache learns or updates a
   *  link-layer address from NS, RS, RA and NA without changing state). */
  neighbor(node: string, ifname: string, key: string): void {
    const n = this.nodes.get(node);
    if (!n) return;
    const keys = ifaceOf(n, ifname).neighborKeys;
    if (keys.size === 0) this.neighborSets.push(keys);
    keys.add(key);
  }

  /** Records what changed on touched nodes; `seq` is the last event emitted. */
  flush(seq: number): void {
    if (this.touched.size === 0) return;
    checkForIn();
    for (const node of this.touched) {
      const n = this.nodes.get(node)!;
      const found: Delta[] = [];
      for (const s of n.stack.interfaces) {
        const r = ifaceOf(n, s.ifname);
        this.diffLink(r, s.ifname, s.up, s.params.mtu, seq, found);
        this.diff(r.addr, s.ifname, 'addr', s.addresses.entries(), addrKey, seq, found);
        this.diff(r.router, s.ifname, 'router', s.rd.routers.entries(), routerKey, seq, found);
        this.diff(r.prefix, s.ifname, 'prefix', s.rd.prefixes.entries(), prefixKey, seq, found);
        this.diff(r.route, s.ifname, 'route', s.rd.routes.entries(), routeKey, seq, found);
        // A router's neighbour cache can hold thousands of entries: only the
        // ones a state event named are looked at (every change notifies).
        if (r.neighborKeys.size > 0) {
          const t = r.neigh;
          for (const key of r.neighborKeys) {
            const v = s.neighbors.get(key);
            const k = t.kept.get(key);
            if (v === undefined) {
              if (k === undefined) continue;
              t.kept.delete(key);
            } else {
              if (k !== undefined && k.same(v)) continue;
              t.kept.set(key, new Kept(v));
            }
            found.push({ seq: t.seqOf(key, seq), ifname: s.ifname, table: 'neigh', key, value: v ? copy(v) : null });
          }
        }
      }
      // Stable: deltas of one seq keep the order they were found in.
      if (!inOrder(found)) found.sort(bySeq);
      for (const d of found) n.history.deltas.push(d);
    }
    this.touched.clear();
    for (const t of this.reports) t.reported = null;
    this.reports.length = 0;
    for (const keys of this.neighborSets) keys.clear();
    this.neighborSets.length = 0;
  }

  /** The link state: unchanged when both fields are the very primitives
   *  last recorded (then {up, mtu} prints the same), else diffed as a table. */
  private diffLink(r: IfaceRecord, ifname: string, up: boolean, mtu: number, seq: number, found: Delta[]): void {
    if (r.link.kept.size === 1 && up === r.up && mtu === r.mtu && typeof up === 'boolean' && typeof mtu === 'number') return;
    this.diff(r.link, ifname, 'link', [{ up, mtu }], linkKey, seq, found);
    r.up = up;
    r.mtu = mtu;
  }

  /** One table of one interface: new and changed entries in table order,
   *  then the ones that went away in the order they were recorded. */
  private diff<E extends Value>(t: TableRecord, ifname: string, table: TableName, entries: readonly E[], keyOf: (e: E) => string, seq: number, found: Delta[]): void {
    const kept = t.kept;
    const pass = ++this.pass;
    let seen = 0;
    for (let i = 0; i < entries.length; i++) {
      const v = entries[i];
      const key = keyOf(v);
      const k = kept.get(key);
      if (k !== undefined) {
        if (k.mark !== pass) {
          k.mark = pass;
          seen++;
        }
        if (k.same(v)) continue;
      } else seen++;
      const nk = new Kept(v);
      nk.mark = pass;
      kept.set(key, nk);
      found.push({ seq: t.seqOf(key, seq), ifname, table, key, value: copy(v) });
    }
    if (seen === kept.size) return;
    for (const [key, k] of kept) {
      if (k.mark === pass) continue;
      kept.delete(key);
      found.push({ seq: t.seqOf(key, seq), ifname, table, key, value: null });
    }
  }
}

function inOrder(ds: readonly Delta[]): boolean {
  for (let i = 1; i < ds.length; i++) if (ds[i - 1].seq > ds[i].seq) return false;
  return true;
}
