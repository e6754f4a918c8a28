// The recorder decides whether a table entry changed by comparing its fields
// with the last recorded copy (Kept) instead of building JSON texts. The
// deltas must be exactly those of the JSON-signature rule it replaced: a
// delta iff signature(live) differs from signature(recorded). Two proofs:
// Kept.same against signature() on generated and mutated entries (the odd
// JSON cases included), and a whole HistoryRecorder against the previous
// signature-based recorder (kept here as the reference) on generated
// sequences of table changes, reports and flushes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryRecorder, Kept, signature } from '../../src/tui/history-recorder.ts';
import type { Delta, TableName } from '../../src/tui/node-history.ts';
import type { NodeStack } from '../../src/stack/node-stack.ts';

type Entry = Record<string, unknown>;
type Sig = (v: Entry) => string;
const sig = signature as unknown as Sig;

const fn = () => 1;
const sym = Symbol('s');
/** Values whose JSON texts collide or vanish: NaN, ±Infinity and null all
 *  print null, -0 prints 0, undefined/functions/symbols are left out. */
const ODD: unknown[] = [0, -0, 1, 1.5, NaN, Infinity, -Infinity, null, undefined, true, false, '', 'x', 'null', '0', fn, sym];
const NESTED: unknown[] = [{ a: 1 }, { a: undefined }, [1, 2], [], { dad: 1, b: 2 }, new Uint8Array([1, 2])];
const KEYS = ['address', 'state', 'seq', 'lladdr', 'x', 'y', '1', '0', 'dad', 'temp'];

const arbPrimitive = fc.constantFrom(...ODD);
const arbValue = fc.oneof({ weight: 6, arbitrary: arbPrimitive }, { weight: 1, arbitrary: fc.constantFrom(...NESTED) }, { weight: 1, arbitrary: fc.double() }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) });
const arbBookkeeping = fc.record({ phase: fc.constantFrom('delay', 'done'), nonce: fc.constantFrom(null, new Uint8Array([7])), n: fc.integer() });
/** An entry: some of KEYS in a random order, dad/temp as objects like AddressEntry's. */
const arbEntry = fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: KEYS.length }).chain((keys) =>
  fc.tuple(...keys.map((k) => (k === 'dad' || k === 'temp' ? fc.oneof(arbBookkeeping, arbValue) : arbValue))).map((vals) => {
    const e: Entry = {};
    keys.forEach((k, i) => (e[k] = vals[i]));
    return e;
  }),
);

type Mutation =
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'delete'; key: string }
  | { kind: 'readd'; key: string }
  | { kind: 'reverse' }
  | { kind: 'bookkeeping'; key: 'dad' | 'temp'; n: number };
const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...KEYS), value: arbValue }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant('readd' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant('reverse' as const) }),
  fc.record({ kind: fc.constant('bookkeeping' as const), key: fc.constantFrom('dad' as const, 'temp' as const), n: fc.integer() }),
);

/** Applies a mutation in place, as the live tables change their entries. */
function mutate(e: Entry, m: Mutation): void {
  switch (m.kind) {
    case 'set':
      e[m.key] = m.value;
      break;
    case 'delete':
      delete e[m.key];
      break;
    case 'readd': {
      // Same value, moved to the end of the key order.
      if (!(m.key in e)) break;
      const v = e[m.key];
      delete e[m.key];
      e[m.key] = v;
      break;
    }
    case 'reverse': {
      const kv = Object.entries(e).reverse();
      for (const [k] of kv) delete e[k];
      for (const [k, v] of kv) e[k] = v;
      break;
    }
    case 'bookkeeping': {
      const b = e[m.key];
      if (b && typeof b === 'object' && !Array.isArray(b) && !(b instanceof Uint8Array)) (b as Entry).n = m.n;
      else e[m.key] = { n: m.n };
      break;
    }
  }
}

describe('Kept.same agrees with signature()', () => {
  it('on generated entries compared with mutated copies of themselves', () => {
    fc.assert(
      fc.property(arbEntry, fc.array(arbMutation, { maxLength: 4 }), (e, ms) => {
        const before = sig(e);
        const kept = new Kept(e as never);
        const live = { ...e };
        for (const m of ms) mutate(live, m);
        expect(kept.same(live as never)).toBe(sig(live) === before);
        // The live entry was the recorded one, changed in place afterwards.
        for (const m of ms) mutate(e, m);
        expect(kept.same(e as never)).toBe(sig(e) === before);
      }),
      { numRuns: 3000 },
    );
  });

  it('on unrelated generated entries', () => {
    fc.assert(
      fc.property(arbEntry, arbEntry, (a, b) => {
        expect(new Kept(a as never).same(b as never)).toBe(sig(a) === sig(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('on JSON look-alikes: NaN/Infinity/null, -0/0, left-out values, key order', () => {
    const pairs: [Entry, Entry, boolean][] = [
      [{ a: NaN }, { a: null }, true],
      [{ a: Infinity }, { a: -Infinity }, true],
      [{ a: -0 }, { a: 0 }, true],
      [{ a: 1, b: undefined }, { a: 1 }, true],
      [{ a: 1, f: fn }, { a: 1 }, true],
      [{ a: 1, dad: { x: 1 } }, { a: 1, dad: { x: 2 } }, true],
      [{ a: 1, temp: { x: 1 } }, { a: 1 }, true],
      [{ a: 1, b: 2 }, { b: 2, a: 1 }, false],
      [{ a: '1' }, { a: 1 }, false],
      [{ a: 'null' }, { a: null }, false],
      [{ a: { x: 1 } }, { a: { x: 1 } }, true],
      [{ a: { x: 1 } }, { a: { x: 2 } }, false],
      [{ a: [1] }, { a: [1, 2] }, false],
      [{ a: { dad: 1 } }, { a: {} }, true],
    ];
    for (const [a, b, same] of pairs) {
      expect(sig(a) === sig(b), JSON.stringify([a, b])).toBe(same);
      expect(new Kept(a as never).same(b as never), JSON.stringify([a, b])).toBe(same);
    }
  });

  it('keeps its own copy: a nested value changed in place after recording is a change', () => {
    const inner = { x: 1 };
    const e = { a: inner };
    const kept = new Kept(e as never);
    inner.x = 2;
    expect(kept.same(e as never)).toBe(false);
  });

  it('compares entries with a toJSON method or a class prototype through their JSON text', () => {
    class Row {
      constructor(public a: unknown) {}
    }
    expect(new Kept(new Row(1) as never).same({ a: 1 } as never)).toBe(true);
    expect(new Kept({ a: 1 } as never).same(new Row(2) as never)).toBe(false);
    const j = { a: 1, toJSON: () => ({ b: 2 }) };
    expect(new Kept(j as never).same({ b: 2 } as never)).toBe(true);
    expect(new Kept({ b: 2 } as never).same(j as never)).toBe(true);
    expect(new Kept({ a: 1 } as never).same(j as never)).toBe(false);
  });
});

// ------------------------------------------------- a whole recorder

/** The signature-based recorder the field comparison replaced (as it was). */
class ReferenceRecorder {
  readonly deltas = new Map<string, Delta[]>();
  private readonly sigs = new Map<string, Map<string, string>>();
  private readonly touched = new Set<string>();
  private readonly reported = new Map<string, number>();
  private readonly neighborKeys = new Map<string, Set<string>>();
  constructor(private readonly stacks: ReadonlyMap<string, NodeStack>) {
    for (const name of stacks.keys()) this.deltas.set(name, []);
  }
  touch(node: string): void {
    if (this.stacks.has(node)) this.touched.add(node);
  }
  reportedAt(node: string, ifname: string, table: TableName, key: string, seq: number): void {
    this.reported.set(`${node}|${ifname}|${table}|${key}`, seq);
    if (table === 'neigh') this.neighbor(node, ifname, key);
    this.touch(node);
  }
  neighbor(node: string, ifname: string, key: string): void {
    const k = `${node}|${ifname}`;
    let set = this.neighborKeys.get(k);
    if (!set) this.neighborKeys.set(k, (set = new Set()));
    set.add(key);
  }
  flush(seq: number): void {
    if (this.touched.size === 0) return;
    for (const node of this.touched) {
      const stack = this.stacks.get(node)!;
      const found: Delta[] = [];
      for (const s of stack.interfaces) {
        const at = (table: TableName, key: string) => this.reported.get(`${node}|${s.ifname}|${table}|${key}`) ?? seq;
        const diff = (table: TableName, entries: Iterable<[string, Entry]>) => {
          const sigKey = `${node}|${s.ifname}|${table}`;
          let old = this.sigs.get(sigKey);
          if (!old) this.sigs.set(sigKey, (old = new Map()));
          const seen = new Set<string>();
          for (const [key, v] of entries) {
            seen.add(key);
            const sg = sig(v);
            if (old.get(key) !== sg) {
              old.set(key, sg);
              found.push({ seq: at(table, key), ifname: s.ifname, table, key, value: copy(v) });
            }
          }
          for (const key of old.keys()) {
            if (seen.has(key)) continue;
            old.delete(key);
            found.push({ seq: at(table, key), ifname: s.ifname, table, key, value: null });
          }
        };
        const t = s as unknown as FakeIface;
        diff('link', [['link', { up: t.up, mtu: t.params.mtu }]]);
        diff('addr', t.addresses.entries().map((e): [string, Entry] => [e.address as string, e]));
        diff('router', t.rd.routers.entries().map((e): [string, Entry] => [e.router as string, e]));
        diff('prefix', t.rd.prefixes.entries().map((e): [string, Entry] => [`${e.prefix}/${e.length}`, e]));
        diff('route', t.rd.routes.entries().map((e): [string, Entry] => [`${e.prefix}/${e.length} via ${e.router}`, e]));
        const keys = this.neighborKeys.get(`${node}|${s.ifname}`);
        if (keys) {
          const sigKey = `${node}|${s.ifname}|neigh`;
          let old = this.sigs.get(sigKey);
          if (!old) this.sigs.set(sigKey, (old = new Map()));
          for (const key of keys) {
            const v = t.neighbors.get(key);
            const sg = v ? sig(v) : undefined;
            if (old.get(key) === sg) continue;
            if (sg === undefined) old.delete(key);
            else old.set(key, sg);
            found.push({ seq: at('neigh', key), ifname: s.ifname, table: 'neigh', key, value: v ? copy(v) : null });
          }
        }
      }
      found.sort((a, b) => a.seq - b.seq);
      this.deltas.get(node)!.push(...found);
    }
    this.touched.clear();
    this.reported.clear();
    this.neighborKeys.clear();
  }
}

function copy(v: Entry): never {
  const c = { ...v };
  if (c.dad) c.dad = { ...(c.dad as Entry) };
  if (c.temp) c.temp = { ...(c.temp as Entry) };
  return c as never;
}

/** The part of an InterfaceStack the recorder reads, with plain arrays. */
class FakeIface {
  up = false;
  params = { mtu: 1500 as unknown };
  readonly lists: Record<'addr' | 'router' | 'prefix' | 'route', Entry[]> = { addr: [], router: [], prefix: [], route: [] };
  readonly neigh = new Map<string, Entry>();
  constructor(readonly ifname: string) {}
  addresses = { entries: () => this.lists.addr };
  rd = { routers: { entries: () => [...this.lists.router] }, prefixes: { entries: () => [...this.lists.prefix] }, routes: { entries: () => [...this.lists.route] } };
  neighbors = { get: (k: string) => this.neigh.get(k) };
}

const TABLES = ['addr', 'router', 'prefix', 'route', 'neigh'] as const;
type Table = (typeof TABLES)[number];
/** An entry of `table` whose key is key number `k`, with `fields` after the key fields. */
function keyed(table: Table, k: number, fields: Entry): Entry {
  const base: Entry =
    table === 'addr' ? { address: `a${k}` } : table === 'router' ? { router: `r${k}` } : table === 'prefix' ? { prefix: `p${k % 2}`, length: 64 + (k >> 1) } : table === 'route' ? { prefix: `p${k % 2}`, length: 48, router: `r${k >> 1}` } : {};
  return { ...base, ...fields };
}
const keyOf = (table: Table, e: Entry): string =>
  table === 'addr' ? (e.address as string) : table === 'router' ? (e.router as string) : table === 'prefix' ? `${e.prefix}/${e.length}` : `${e.prefix}/${e.length} via ${e.router}`;
const neighKey = (k: number) => `n${k}`;
const TABLE_NAME: Record<Table, TableName> = { addr: 'addr', router: 'router', prefix: 'prefix', route: 'route', neigh: 'neigh' };

type Op =
  | { op: 'put'; node: number; iface: number; table: Table; k: number; fields: Entry; replace: boolean }
  | { op: 'mutate'; node: number; iface: number; table: Table; k: number; m: Mutation }
  | { op: 'remove'; node: number; iface: number; table: Table; k: number }
  | { op: 'link'; node: number; iface: number; up: boolean; mtu: unknown }
  | { op: 'report'; node: number; iface: number; table: Table; k: number }
  | { op: 'neighbor'; node: number; iface: number; k: number }
  | { op: 'touch'; node: number }
  | { op: 'flush' };

// Mostly node 0, eth0: changes pile up where the flushes look.
const loc = { node: fc.constantFrom(0, 0, 0, 1, 2), iface: fc.constantFrom(0, 0, 0, 1) };
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('put' as const), ...loc, table: fc.constantFrom(...TABLES), k: fc.integer({ min: 0, max: 1 }), fields: arbEntry, replace: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('mutate' as const), ...loc, table: fc.constantFrom(...TABLES), k: fc.integer({ min: 0, max: 1 }), m: arbMutation }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('remove' as const), ...loc, table: fc.constantFrom(...TABLES), k: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('link' as const), ...loc, up: fc.boolean(), mtu: fc.constantFrom(1500, 1280, NaN, null, undefined) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('report' as const), ...loc, table: fc.constantFrom(...TABLES), k: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('neighbor' as const), ...loc, k: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('touch' as const), node: loc.node }) },
  { weight: 3, arbitrary: fc.constant({ op: 'flush' as const }) },
);

describe('HistoryRecorder records the deltas the signature-based recorder did', () => {
  it('on generated sequences of table changes, reports, touches and flushes', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { minLength: 40, maxLength: 120 }), (ops) => {
        // Node 2 has no stack: its touches and reports are moot.
        const ifaces = [0, 1].map((n) => [new FakeIface('eth0'), new FakeIface(n === 0 ? 'eth1' : 'wlan0')]);
        const stacks = new Map(ifaces.map((list, n) => [`N${n}`, { interfaces: list, opts: { routes: [] } } as unknown as NodeStack]));
        const rec = new HistoryRecorder(stacks);
        const ref = new ReferenceRecorder(stacks);
        let seq = 0;
        for (const o of ops) {
          seq++;
          const node = 'node' in o ? `N${o.node}` : '';
          const f = 'iface' in o ? ifaces[o.node]?.[o.iface] : undefined;
          const ifname = f?.ifname ?? 'eth9';
          switch (o.op) {
            case 'put':
            case 'mutate':
            case 'remove': {
              if (!f) break;
              const key = o.table === 'neigh' ? neighKey(o.k) : keyOf(o.table, keyed(o.table, o.k, {}));
              if (o.table === 'neigh') {
                const e = f.neigh.get(key);
                if (o.op === 'remove') f.neigh.delete(key);
                else if (o.op === 'mutate') e && mutate(e, o.m);
                else if (e && !o.replace) Object.assign(e, o.fields);
                else f.neigh.set(key, { ...o.fields });
                break;
              }
              const list = f.lists[o.table];
              const i = list.findIndex((e) => keyOf(o.table as never, e) === key);
              if (o.op === 'remove') {
                if (i >= 0) list.splice(i, 1);
              } else if (o.op === 'mutate') {
                // Never the key fields: the entry would change tables' keys.
                const m = o.m;
                if (i >= 0 && !('key' in m && ['address', 'router', 'prefix', 'length'].includes(m.key)) && m.kind !== 'reverse') mutate(list[i], m);
              } else {
                const e = keyed(o.table, o.k, o.fields);
                // Key fields come first and win over generated ones.
                Object.assign(e, keyed(o.table, o.k, {}));
                if (i < 0) list.push(e);
                else if (o.replace) list[i] = e;
                else Object.assign(list[i], e);
              }
              break;
            }
            case 'link':
              if (f) {
                f.up = o.up;
                f.params.mtu = o.mtu;
              }
              break;
            case 'report': {
              const key = o.table === 'neigh' ? neighKey(o.k) : keyOf(o.table, keyed(o.table, o.k, {}));
              rec.reportedAt(node, ifname, TABLE_NAME[o.table], key, seq);
              ref.reportedAt(node, ifname, TABLE_NAME[o.table], key, seq);
              break;
            }
            case 'neighbor':
              rec.neighbor(node, ifname, neighKey(o.k));
              ref.neighbor(node, ifname, neighKey(o.k));
              break;
            case 'touch':
              rec.touch(node);
              ref.touch(node);
              break;
            case 'flush':
              rec.flush(seq);
              ref.flush(seq);
              break;
          }
        }
        for (const n of ['N0', 'N1']) rec.touch(n), ref.touch(n);
        rec.flush(seq + 1);
        ref.flush(seq + 1);
        for (const [name, deltas] of ref.deltas) expect(rec.histories.get(name)!.deltas).toStrictEqual(deltas);
      }),
      { numRuns: 400 },
    );
  });
});
