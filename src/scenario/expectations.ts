// Evaluates a scenario's expectations against the node stacks and the frames
// sent so far: each gives pass/fail and the value observed, so a failing
// check says what happened instead.

import { formatDuration } from './duration.ts';
import type { Expectation, FramePattern } from './types.ts';
import type { NodeStack } from '../stack/node-stack.ts';
import type { EthernetFrame } from '../packet/types.ts';
import type { Nanos } from '../nd/machine.ts';
import { inPrefix } from '../packet/address.ts';
import { addressState } from '../slaac/address.ts';
import { flagText, flagsMatch } from './expect-flags.ts';

/** Per address-count expectation: whether an address entry is in its prefix. */
const prefixMatches = new WeakMap<object, WeakMap<object, boolean>>();

/** A frame put on a link, as the frame expectations count them. */
export interface SentFrame {
  time: Nanos;
  node: string;
  frame: EthernetFrame | null;
}

export interface Verdict {
  pass: boolean;
  /** What was found, in words. */
  observed: string;
}

export interface ExpectationResult extends Verdict {
  expectation: Expectation;
  /** Virtual time of the verdict. */
  at: Nanos;
}

export function describeExpectation(e: Expectation): string {
  const when = 'at' in e.when ? `at ${formatDuration(e.when.at)}` : 'eventually_before' in e.when ? `before ${formatDuration(e.when.eventually_before)}` : 'at the end';
  switch (e.kind) {
    case 'address':
      return `${when}: ${e.node} ${e.iface} address ${e.address} is ${e.state}`;
    case 'neighbor':
      return `${when}: ${e.node} ${e.iface} neighbour ${e.neighbor} is ${e.state}${e.router !== undefined ? (e.router ? ' (router)' : ' (not a router)') : ''}${e.lladdr ? ` lladdr ${e.lladdr}` : ''}`;
    case 'default-router':
      return `${when}: ${e.node} ${e.absent ? 'has no' : 'has'} default router ${e.router}${e.preference ? ` pref ${e.preference}` : ''}`;
    case 'route':
      return `${when}: ${e.node} has a route to ${e.prefix}/${e.prefixLength}${e.via ? ` via ${e.via}` : ''}`;
    case 'frame': {
      const p = e.pattern;
      const what = [p.type, p.from_node && `from ${p.from_node}`, p.src && `src ${p.src}`, p.dst && `dst ${p.dst}`, p.target && `target ${p.target}`, p.eth_src && `eth_src ${p.eth_src}`, p.eth_dst && `eth_dst ${p.eth_dst}`, p.flags && `flags ${flagText(p.flags, p.type)}`]
        .filter(Boolean)
        .join(' ');
      const count = e.max === 0 ? 'no' : e.min === e.max ? `exactly ${e.min}` : e.max >= Number.MAX_SAFE_INTEGER ? `at least ${e.min}` : `${e.min} to ${e.max}`;
      return `${when}: ${count} frame(s) ${what}${e.between ? ` between ${formatDuration(e.between[0])} and ${formatDuration(e.between[1])}` : ''}`;
    }
    case 'interface-disabled':
      return `${when}: ${e.node} ${e.iface} IPv6 ${e.disabled ? 'disabled' : 'enabled'}`;
    case 'ping':
      return `${when}: ${e.node} ping got ${e.replies} replies`;
    case 'address-count': {
      const count = e.min === e.max ? `exactly ${e.min}` : e.max >= Number.MAX_SAFE_INTEGER ? `at least ${e.min}` : `${e.min} to ${e.max}`;
      const kind = e.temporary === undefined ? '' : e.temporary ? ' temporary' : ' non-temporary';
      const where = e.nodes.length === 1 && e.selector === e.nodes[0] ? `${e.selector}${e.iface ? ` ${e.iface}` : ''}` : `nodes ${e.selector} (${e.nodes.length})`;
      return `${when}: ${where}: ${count}${kind} address(es) in ${e.prefix}/${e.prefixLength} ${e.state}`;
    }
  }
}

const TYPE_OF: Record<Exclude<FramePattern['type'], 'any'>, number> = {
  rs: 133,
  ra: 134,
  ns: 135,
  na: 136,
  redirect: 137,
  'echo-request': 128,
  'echo-reply': 129,
  'mld-report': 143,
};

export function matchesPattern(f: SentFrame, p: FramePattern): boolean {
  if (p.from_node !== undefined && f.node !== p.from_node) return false;
  const fr = f.frame;
  if (!fr) return p.type === 'any';
  if (p.eth_src !== undefined && fr.src !== p.eth_src) return false;
  if (p.eth_dst !== undefined && fr.dst !== p.eth_dst) return false;
  const ip = fr.ipv6;
  if (p.type !== 'any' && ip?.icmpv6?.type !== TYPE_OF[p.type]) return false;
  if (p.src !== undefined && ip?.src !== p.src) return false;
  if (p.dst !== undefined && ip?.dst !== p.dst) return false;
  if (p.target !== undefined) {
    const m = ip?.icmpv6;
    if (!m || !('target' in m) || m.target !== p.target) return false;
  }
  if (p.flags !== undefined) {
    // RA (M, O, H, prf) or NA (R, S, O) flags; the reader let only the type's own through.
    const m = ip?.icmpv6;
    if (!m || !('flags' in m) || !flagsMatch(p.flags, m)) return false;
  }
  return true;
}

export function evaluate(e: Expectation, stacks: ReadonlyMap<string, NodeStack>, frames: readonly SentFrame[], now: Nanos): Verdict {
  const stackOf = (node: string): NodeStack => {
    const s = stacks.get(node);
    if (!s) throw new Error(`node "${node}" has no protocol stack (a sniffer?)`);
    return s;
  };
  switch (e.kind) {
    case 'address': {
      const use = stackOf(e.node).iface(e.iface).addresses.addressUse(e.address);
      const observed = use ?? 'absent';
      const pass = e.state === 'absent' || e.state === 'invalid' ? use === undefined : use === e.state;
      return { pass, observed };
    }
    case 'neighbor': {
      const n = stackOf(e.node).iface(e.iface).neighbors.get(e.neighbor);
      if (!n) return { pass: e.state === 'absent', observed: 'absent' };
      const observed = `${n.state}${n.isRouter ? ' router' : ''}${n.lladdr ? ` lladdr ${n.lladdr}` : ''}`;
      const pass = n.state === e.state && (e.router === undefined || n.isRouter === e.router) && (e.lladdr === undefined || n.lladdr === e.lladdr);
      return { pass, observed };
    }
    case 'default-router': {
      const r = stackOf(e.node).iface(e.iface).rd.routers.get(e.router);
      if (!r) return { pass: e.absent, observed: 'no such default router' };
      const observed = `default router ${r.router} pref ${r.preference}, lifetime ${r.lifetimeS} s`;
      return { pass: !e.absent && (e.preference === undefined || r.preference === e.preference), observed };
    }
    case 'route': {
      const s = stackOf(e.node);
      for (const i of s.interfaces) {
        const onLink = i.rd.prefixes.entries().find((p) => p.prefix === e.prefix && p.length === e.prefixLength);
        if (onLink && e.via === undefined) return { pass: true, observed: `${e.prefix}/${e.prefixLength} dev ${i.ifname} (on-link)` };
        const rio = i.rd.routes.entries().find((r) => r.prefix === e.prefix && r.length === e.prefixLength);
        if (rio && (e.via === undefined || rio.router === e.via)) return { pass: true, observed: `${e.prefix}/${e.prefixLength} via ${rio.router} dev ${i.ifname}` };
        if (rio) return { pass: false, observed: `${e.prefix}/${e.prefixLength} via ${rio.router}` };
      }
      return { pass: false, observed: 'no such route' };
    }
    case 'frame': {
      const [t1, t2] = e.between ?? [0, now];
      let n = 0;
      for (const f of frames) if (f.time >= t1 && f.time <= t2 && matchesPattern(f, e.pattern)) n++;
      return { pass: n >= e.min && n <= e.max, observed: `${n} matching frame(s)` };
    }
    case 'interface-disabled': {
      const disabled = stackOf(e.node).iface(e.iface).addresses.isIpv6Disabled();
      return { pass: disabled === e.disabled, observed: disabled ? 'IPv6 disabled' : 'IPv6 enabled' };
    }
    case 'ping': {
      const received = stackOf(e.node).pings.sessions.reduce((a, s) => a + s.received, 0);
      return { pass: received === e.replies, observed: `${received} replies` };
    }
    case 'address-count': {
      // Re-checked after every event of a run with 1,000 nodes (eventually_before):
      // whether an address is in the prefix is worked out once per address.
      let inside = prefixMatches.get(e);
      if (!inside) prefixMatches.set(e, (inside = new WeakMap()));
      let n = 0;
      for (const name of e.nodes) {
        const s = stacks.get(name);
        if (!s) continue; // a sniffer has no addresses
        for (const i of s.interfaces) {
          if (e.iface !== undefined && i.ifname !== e.iface) continue;
          for (const a of i.addresses.entries()) {
            if (e.temporary !== undefined && (a.origin === 'temporary') !== e.temporary) continue;
            if (addressState(a) !== e.state) continue;
            let hit = inside.get(a);
            if (hit === undefined) inside.set(a, (hit = inPrefix(a.address, e.prefix, e.prefixLength)));
            if (hit) n++;
          }
        }
      }
      return { pass: n >= e.min && n <= e.max, observed: `${n} address(es)` };
    }
  }
}

