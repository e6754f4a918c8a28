// What each node's tables looked like at every step of a recorded run, so
// that stepping back is instant: the run happens once, and every change to
// an address, neighbour, default router, prefix, route or link state is kept
// as a delta (the changed entry, copied, or null when it went away). The
// state at step k is the deltas up to k replayed into maps: O(changes of
// that node), a few milliseconds even for a router that saw a thousand
// hosts.
//
// The entries keep the stacks' own shapes (AddressEntry, NeighborSnapshot,
// DefaultRouterEntry…), so the formatters of `ip -6 addr/neigh/route`
// (src/stack/show.ts) print them exactly as they print a live stack, with
// lifetimes counted down from the displayed time.

import type { Nanos } from '../nd/machine.ts';
import type { DefaultRouterEntry } from '../nd/default-router-list.ts';
import type { NeighborSnapshot } from '../nd/neighbor-cache.ts';
import type { OnLinkPrefix } from '../nd/prefix-list.ts';
import type { RioRoute } from '../nd/route-table.ts';
import type { AddressEntry } from '../slaac/address.ts';
import type { NodeStack, NodeStackOptions } from '../stack/node-stack.ts';
import { ipAddrShow, ipNeighShow, ipRouteShow } from '../stack/show.ts';

export type TableName = 'link' | 'addr' | 'neigh' | 'router' | 'prefix' | 'route';

interface LinkState {
  up: boolean;
  mtu: number;
}

type Value = LinkState | AddressEntry | NeighborSnapshot | DefaultRouterEntry | OnLinkPrefix | RioRoute;

export interface Delta {
  /** The trace event after which the change is visible. */
  seq: number;
  ifname: string;
  table: TableName;
  key: string;
  value: Value | null;
}

/** One interface's tables at some step. Maps keep insertion order, which is
 *  the order the live tables list their entries in. */
export interface IfaceState {
  ifname: string;
  up: boolean;
  mtu: number;
  addresses: Map<string, AddressEntry>;
  neighbors: Map<string, NeighborSnapshot>;
  routers: Map<string, DefaultRouterEntry>;
  prefixes: Map<string, OnLinkPrefix>;
  routes: Map<string, RioRoute>;
  /** Keys (table:key) changed at the step asked about. */
  changed: Set<string>;
}

export interface NodeState {
  node: string;
  interfaces: IfaceState[];
  routes: StaticRoutes;
}

/** The history of one node's tables. */
/** Static routes of a node (`ip -6 route add`): configuration, fixed for the run. */
export type StaticRoutes = NonNullable<NodeStackOptions['routes']>;

export class NodeHistory {
  readonly deltas: Delta[] = [];
  constructor(
    readonly node: string,
    readonly ifnames: readonly string[],
    readonly routes: StaticRoutes = [],
  ) {}

  /** The tables after event `seq`; entries changed after `sinceSeq` are marked. */
  at(seq: number, sinceSeq = seq): NodeState {
    const byName = new Map<string, IfaceState>();
    const interfaces = this.ifnames.map((ifname) => {
      const s: IfaceState = { ifname, up: false, mtu: 1500, addresses: new Map(), neighbors: new Map(), routers: new Map(), prefixes: new Map(), routes: new Map(), changed: new Set() };
      byName.set(ifname, s);
      return s;
    });
    // Deltas are in seq order: stop at the first one after `seq` (binary search).
    let lo = 0;
    let hi = this.deltas.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.deltas[mid].seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    for (let i = 0; i < lo; i++) {
      const d = this.deltas[i];
      const s = byName.get(d.ifname);
      if (!s) continue;
      if (d.seq > sinceSeq) s.changed.add(`${d.table}:${d.key}`);
      if (d.table === 'link') {
        const v = d.value as LinkState;
        s.up = v.up;
        s.mtu = v.mtu;
        continue;
      }
      const map = tableOf(s, d.table) as Map<string, Value>;
      // Deleting first moves a re-created entry to the end, as a new entry in the live table.
      if (d.value === null) map.delete(d.key);
      else map.set(d.key, d.value);
    }
    return { node: this.node, interfaces, routes: this.routes };
  }
}

function tableOf(s: IfaceState, t: Exclude<TableName, 'link'>): Map<string, Value> {
  switch (t) {
    case 'addr':
      return s.addresses as Map<string, Value>;
    case 'neigh':
      return s.neighbors as Map<string, Value>;
    case 'router':
      return s.routers as Map<string, Value>;
    case 'prefix':
      return s.prefixes as Map<string, Value>;
    case 'route':
      return s.routes as Map<string, Value>;
  }
}

/**
 * The part of NodeStack that src/stack/show.ts reads, rebuilt from a
 * recorded state: the show functions then print a past state exactly as
 * they print a live stack. (A test compares both on the bundled scenarios.)
 */
function asShowStack(state: NodeState, maxNeighbors = Infinity): NodeStack {
  const interfaces = state.interfaces.map((s) => ({
    ifname: s.ifname,
    up: s.up,
    params: { mtu: s.mtu },
    addresses: { entries: () => [...s.addresses.values()] },
    neighbors: { entries: () => firstValues(s.neighbors, maxNeighbors) },
    rd: {
      prefixes: { entries: () => [...s.prefixes.values()] },
      routes: { entries: () => [...s.routes.values()] },
      routers: { entries: () => [...s.routers.values()] },
    },
  }));
  const stack = {
    interfaces,
    opts: { routes: state.routes },
    iface(name: string) {
      const s = interfaces.find((i) => i.ifname === name);
      if (!s) throw new Error(`node "${state.node}" has no interface "${name}"`);
      return s;
    },
  };
  return stack as unknown as NodeStack;
}

export type ShowWhat = 'addr' | 'neigh' | 'route';

function firstValues<V>(m: ReadonlyMap<string, V>, n: number): V[] {
  if (m.size <= n) return [...m.values()];
  const out: V[] = [];
  for (const v of m.values()) {
    if (out.length >= n) break;
    out.push(v);
  }
  return out;
}

/** `ip -6 addr|neigh|route show [dev IF]` over a recorded state, at `now`.
 *  `maxNeighbors` lists only the first entries of each neighbour cache: a
 *  pane that shows 20 lines need not format a router's thousand
 *  neighbours, and `ip -6 neigh` prints one line per entry in cache order
 *  (src/nd/format.ts), so the first lines are the same. */
export function showFromState(state: NodeState, what: ShowWhat, now: Nanos, ifname?: string, maxNeighbors?: number): string {
  const stack = asShowStack(state, maxNeighbors);
  switch (what) {
    case 'addr':
      return ipAddrShow(stack, now, ifname);
    case 'neigh':
      return ipNeighShow(stack, now, ifname);
    case 'route':
      return ipRouteShow(stack, now, ifname);
  }
}

// ------------------------------------------------------------ recording

/** What identifies an entry's displayed content (what a delta must capture). */
function signature(v: Value): string {
  return JSON.stringify(v, (k, x) => (k === 'dad' || k === 'temp' ? undefined : x));
}

/** Copies a live entry so later changes to the live table do not reach it. */
function copy<T extends Value>(v: T): T {
  const c = { ...v } as T & { dad?: AddressEntry['dad']; temp?: AddressEntry['temp'] };
  if (c.dad) c.dad = { ...c.dad };
  if (c.temp) c.temp = { ...c.temp };
  return c;
}

/**
 * Watches live stacks during a run and appends deltas to each node's
 * history. `touch(node)` after anything happened to the node, `neighbor()`
 * for a neighbour state change, `flush(seq)` once the node's machine has
 * finished handling the input (the recorder calls it at the next event).
 */
export class HistoryRecorder {
  readonly histories = new Map<string, NodeHistory>();
  private readonly sigs = new Map<string, Map<string, string>>();
  private readonly touched = new Set<string>();
  /** node|ifname|table|key → seq of the state event that reported it. */
  private readonly reported = new Map<string, number>();
  private readonly neighborKeys = new Map<string, Set<string>>();

  constructor(private readonly stacks: ReadonlyMap<string, NodeStack>) {
    for (const [name, stack] of stacks) this.histories.set(name, new NodeHistory(name, stack.interfaces.map((i) => i.ifname), stack.opts.routes ?? []));
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
    this.reported.set(`${node}|${ifname}|${table}|${key}`, seq);
    if (table === 'neigh') this.neighbor(node, ifname, key);
    this.touch(node);
  }

  /** A neighbour entry that may have changed: one a state event named, or
   *  the sender of a received frame (a cache learns or updates a
   *  link-layer address from NS, RS, RA and NA without changing state). */
  neighbor(node: string, ifname: string, key: string): void {
    const k = `${node}|${ifname}`;
    let set = this.neighborKeys.get(k);
    if (!set) this.neighborKeys.set(k, (set = new Set()));
    set.add(key);
  }

  /** Records what changed on touched nodes; `seq` is the last event emitted. */
  flush(seq: number): void {
    if (this.touched.size === 0) return;
    for (const node of this.touched) {
      const stack = this.stacks.get(node)!;
      const h = this.histories.get(node)!;
      const found: Delta[] = [];
      for (const s of stack.interfaces) {
        const at = (table: TableName, key: string) => this.reported.get(`${node}|${s.ifname}|${table}|${key}`) ?? seq;
        const diff = (table: TableName, entries: Iterable<[string, Value]>) => {
          const sigKey = `${node}|${s.ifname}|${table}`;
          let old = this.sigs.get(sigKey);
          if (!old) this.sigs.set(sigKey, (old = new Map()));
          const seen = new Set<string>();
          for (const [key, v] of entries) {
            seen.add(key);
            const sig = signature(v);
            if (old.get(key) !== sig) {
              old.set(key, sig);
              found.push({ seq: at(table, key), ifname: s.ifname, table, key, value: copy(v) });
            }
          }
          for (const key of old.keys()) {
            if (seen.has(key)) continue;
            old.delete(key);
            found.push({ seq: at(table, key), ifname: s.ifname, table, key, value: null });
          }
        };
        diff('link', [['link', { up: s.up, mtu: s.params.mtu }]]);
        diff('addr', s.addresses.entries().map((e): [string, Value] => [e.address, e]));
        diff('router', s.rd.routers.entries().map((e): [string, Value] => [e.router, e]));
        diff('prefix', s.rd.prefixes.entries().map((e): [string, Value] => [`${e.prefix}/${e.length}`, e]));
        diff('route', s.rd.routes.entries().map((e): [string, Value] => [`${e.prefix}/${e.length} via ${e.router}`, e]));
        // A router's neighbour cache can hold thousands of entries: only the
        // ones a state event named are looked at (every change notifies).
        const keys = this.neighborKeys.get(`${node}|${s.ifname}`);
        if (keys) {
          const sigKey = `${node}|${s.ifname}|neigh`;
          let old = this.sigs.get(sigKey);
          if (!old) this.sigs.set(sigKey, (old = new Map()));
          for (const key of keys) {
            const v = s.neighbors.get(key);
            const sig = v ? signature(v) : undefined;
            if (old.get(key) === sig) continue;
            if (sig === undefined) old.delete(key);
            else old.set(key, sig);
            found.push({ seq: at('neigh', key), ifname: s.ifname, table: 'neigh', key, value: v ? copy(v) : null });
          }
        }
      }
      found.sort((a, b) => a.seq - b.seq);
      for (const d of found) h.deltas.push(d);
    }
    this.touched.clear();
    this.reported.clear();
    this.neighborKeys.clear();
  }
}
