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

export type Value = LinkState | AddressEntry | NeighborSnapshot | DefaultRouterEntry | OnLinkPrefix | RioRoute;

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

// The recorder that builds these histories during a run: history-recorder.ts.
