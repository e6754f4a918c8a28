// `expect:`: what must be true, checked by the runner at a time
// (`at`), by a deadline (`eventually_before`) or at the end. The kind of an
// expectation is given by the one key that names its subject (`address`,
// `neighbor`, `default_router`, `route`, `frame`, `interface_disabled`,
// `ping`, `address_prefix` — see expect-addresses.ts). States are spelled as
// the RFCs spell them.

import { isMap, isScalar } from 'yaml';
import { ADDRESS_COUNT_KEYS, readAddressCount } from './expect-addresses.ts';
import { readFrameFlags } from './expect-flags.ts';
import type { MapView, Reader, YNode } from './reader.ts';
import type { Refs } from './refs.ts';
import type { AddressState, Expectation, ExpectationKind, ExpectWhen, FramePattern, FramePatternType, NeighborState, Ns, TimelineAction } from './types.ts';

const SUBJECTS = {
  address: 'address',
  neighbor: 'neighbor',
  default_router: 'default-router',
  route: 'route',
  frame: 'frame',
  interface_disabled: 'interface-disabled',
  ping: 'ping',
  address_prefix: 'address-count',
} as const satisfies Record<string, ExpectationKind>;
type Subject = keyof typeof SUBJECTS;
const SUBJECT_KEYS = Object.keys(SUBJECTS) as Subject[];

const COMMON = ['at', 'eventually_before', 'why'];
const KEYS: Record<Subject, string[]> = {
  address: ['node', 'iface', 'address', 'state'],
  neighbor: ['node', 'iface', 'neighbor', 'state', 'router', 'lladdr'],
  default_router: ['node', 'iface', 'default_router', 'preference', 'absent'],
  route: ['node', 'route', 'via'],
  frame: ['frame', 'sent', 'count', 'min', 'max', 'between'],
  interface_disabled: ['node', 'iface', 'interface_disabled'],
  ping: ['node', 'ping'],
  address_prefix: ADDRESS_COUNT_KEYS,
};
const ALL_KEYS = [...new Set([...COMMON, ...Object.values(KEYS).flat()])];

// RFC 4862 §5.5 / RFC 4429 address states, plus "absent" (never formed or removed).
const ADDRESS_STATES: readonly AddressState[] = ['tentative', 'optimistic', 'preferred', 'deprecated', 'invalid', 'duplicate', 'absent'];
// RFC 4861 §7.3.2 Neighbor Unreachability Detection states.
const NEIGHBOR_STATES: readonly NeighborState[] = ['INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'absent'];
const PATTERN_TYPES: readonly FramePatternType[] = ['rs', 'ra', 'ns', 'na', 'redirect', 'echo-request', 'echo-reply', 'mld-report', 'any'];
const PREFS = ['low', 'medium', 'high'] as const;

function hasKey(node: YNode, key: string): boolean {
  return isMap(node) && node.items.some((p) => isScalar(p.key) && p.key.value === key);
}

export function readExpectations(r: Reader, refs: Refs, node: YNode | null | undefined, until: Ns, timeline: readonly TimelineAction[]): Expectation[] {
  const items = r.seq(node, 'expect', 'a list of expectations') ?? [];
  const out: Expectation[] = [];
  items.forEach((item, i) => {
    const path = `expect[${i}]`;
    const subjects = SUBJECT_KEYS.filter((k) => hasKey(item, k));
    const m = r.map(item, path, subjects.length === 1 ? [...COMMON, ...KEYS[subjects[0]]] : ALL_KEYS, 'an expectation such as { at: 5s, node: a, address: …, state: preferred }');
    if (!m) return;
    if (subjects.length !== 1) {
      r.error(m.node, subjects.length === 0
        ? `${path}: expected one of ${SUBJECT_KEYS.join(', ')} to say what is checked`
        : `${path}: one expectation checks one thing, found ${subjects.join(' and ')}; split it in two`);
      return;
    }
    const e = readOne(r, refs, m, subjects[0], until, timeline);
    if (e) out.push(e);
  });
  return out;
}

function readWhen(r: Reader, m: MapView, needed: boolean, until: Ns): ExpectWhen | undefined {
  const p = m.path;
  if (m.has('at') && m.has('eventually_before')) return r.error(m.get('eventually_before'), `${p}: give either \`at\` or \`eventually_before\`, not both`);
  for (const key of ['at', 'eventually_before'] as const) {
    if (!m.has(key)) continue;
    const t = r.duration(m.get(key), `${p}.${key}`);
    if (t === undefined) return undefined;
    if (t > until) return r.error(m.get(key), `${p}.${key}: ${t / 1e9}s is after \`until\` (${until / 1e9}s); the run ends before it`);
    return key === 'at' ? { at: t } : { eventually_before: t };
  }
  if (needed) return r.error(m.node, `${p}: missing \`at\` or \`eventually_before\` (when the state is checked)`);
  return { end: true };
}

function readOne(r: Reader, refs: Refs, m: MapView, subject: Subject, until: Ns, timeline: readonly TimelineAction[]): Expectation | undefined {
  const p = m.path;
  const pos = r.pos(m.node);
  const when = readWhen(r, m, subject !== 'frame' && subject !== 'ping', until);
  const why = m.has('why') ? r.str(m.get('why'), `${p}.why`) : undefined;
  const base = { pos, ...(why !== undefined ? { why } : {}) };
  const nodeAndIface = (): { node: string; iface: string } | undefined => {
    const n = refs.node(m.has('node') ? m.get('node') : r.error(m.node, `${p}: missing \`node\` (whose ${subject.replace('_', ' ')} is checked)`), `${p}.node`);
    if (!n) return undefined;
    const iface = refs.iface(n, m.has('iface') ? m.get('iface') : undefined, `${p}.iface`);
    return iface === undefined ? undefined : { node: n.name, iface };
  };
  const state = <T extends string>(values: readonly T[]): T | undefined =>
    r.oneOf(m.has('state') ? m.get('state') : r.error(m.node, `${p}: missing \`state\` (one of ${values.join(', ')})`), `${p}.state`, values);

  switch (subject) {
    case 'address': {
      const t = nodeAndIface();
      const address = r.ip6(m.get('address'), `${p}.address`);
      const s = state(ADDRESS_STATES);
      return t && address && s && when ? { ...base, when, kind: 'address', ...t, address, state: s } : undefined;
    }
    case 'neighbor': {
      const t = nodeAndIface();
      const neighbor = r.ip6(m.get('neighbor'), `${p}.neighbor`);
      const s = state(NEIGHBOR_STATES);
      const router = m.has('router') ? r.bool(m.get('router'), `${p}.router`) : undefined;
      const lladdr = m.has('lladdr') ? r.mac(m.get('lladdr'), `${p}.lladdr`) : undefined;
      if (!t || !neighbor || !s || !when) return undefined;
      return { ...base, when, kind: 'neighbor', ...t, neighbor, state: s, ...(router !== undefined ? { router } : {}), ...(lladdr ? { lladdr } : {}) };
    }
    case 'default_router': {
      const t = nodeAndIface();
      const router = r.ip6(m.get('default_router'), `${p}.default_router`);
      const absent = m.has('absent') ? (r.bool(m.get('absent'), `${p}.absent`) ?? false) : false;
      const preference = m.has('preference') ? r.oneOf(m.get('preference'), `${p}.preference`, PREFS) : undefined;
      if (absent && m.has('preference')) r.error(m.get('preference'), `${p}.preference: an absent router has no preference`);
      if (!t || !router || !when) return undefined;
      return { ...base, when, kind: 'default-router', ...t, router, absent, ...(preference ? { preference } : {}) };
    }
    case 'route': {
      const n = refs.node(m.has('node') ? m.get('node') : r.error(m.node, `${p}: missing \`node\``), `${p}.node`);
      const route = r.prefix(m.get('route'), `${p}.route`);
      const via = m.has('via') ? r.ip6(m.get('via'), `${p}.via`) : undefined;
      if (!n || !route || !when) return undefined;
      return { ...base, when, kind: 'route', node: n.name, prefix: route.prefix, prefixLength: route.length, ...(via ? { via } : {}) };
    }
    case 'interface_disabled': {
      const t = nodeAndIface();
      const disabled = r.bool(m.get('interface_disabled'), `${p}.interface_disabled`);
      return t && disabled !== undefined && when ? { ...base, when, kind: 'interface-disabled', ...t, disabled } : undefined;
    }
    case 'ping': {
      const n = refs.node(m.has('node') ? m.get('node') : r.error(m.node, `${p}: missing \`node\` (the node that pings)`), `${p}.node`);
      const pm = r.map(m.get('ping'), `${p}.ping`, ['replies'], '{ replies: N }');
      const replies = pm ? r.int(r.required(pm, 'replies', 'how many echo replies arrive'), `${p}.ping.replies`, 0, Number.MAX_SAFE_INTEGER) : undefined;
      if (n && !timeline.some((a) => a.do === 'ping' && a.node === n.name)) {
        r.error(m.get('node'), `${p}.node: ${n.name} never pings (no ping for it in the timeline)`);
        return undefined;
      }
      return n && replies !== undefined && when ? { ...base, when, kind: 'ping', node: n.name, replies } : undefined;
    }
    case 'frame':
      return readFrameExpectation(r, refs, m, when, base, until);
    case 'address_prefix':
      return readAddressCount(r, refs, m, when, base);
    default: {
      const never: never = subject;
      return never;
    }
  }
}

function readFrameExpectation(r: Reader, refs: Refs, m: MapView, when: ExpectWhen | undefined, base: { pos: Expectation['pos']; why?: string }, until: Ns): Expectation | undefined {
  const p = m.path;
  const fm = r.map(m.get('frame'), `${p}.frame`, ['type', 'src', 'dst', 'eth_src', 'eth_dst', 'target', 'from_node', 'flags'], 'a frame pattern such as { type: ns, target: … }');
  let pattern: FramePattern | undefined;
  if (fm) {
    const type = r.oneOf(r.required(fm, 'type', `one of ${PATTERN_TYPES.join(', ')}`), `${p}.frame.type`, PATTERN_TYPES);
    const pat: Partial<FramePattern> = {};
    for (const k of ['src', 'dst', 'target'] as const) if (fm.has(k)) pat[k] = r.ip6(fm.get(k), `${p}.frame.${k}`);
    for (const k of ['eth_src', 'eth_dst'] as const) if (fm.has(k)) pat[k] = r.mac(fm.get(k), `${p}.frame.${k}`);
    if (fm.has('from_node')) pat.from_node = refs.node(fm.get('from_node'), `${p}.frame.from_node`)?.name;
    if (fm.has('flags')) pat.flags = readFrameFlags(r, fm.get('flags'), `${p}.frame.flags`, type);
    if (type !== undefined && Object.values(pat).every((v) => v !== undefined)) pattern = { type, ...pat } as FramePattern;
  }
  const int = (k: string): number | undefined => (m.has(k) ? r.int(m.get(k), `${p}.${k}`, 0, Number.MAX_SAFE_INTEGER) : undefined);
  const sent = m.has('sent') ? r.bool(m.get('sent'), `${p}.sent`) : undefined;
  const count = int('count');
  let min = int('min');
  let max = int('max');
  if (count !== undefined) {
    if (m.has('min') || m.has('max')) r.error(m.get('count'), `${p}.count: give either \`count\` or \`min\`/\`max\`, not both`);
    min = max = count;
  }
  if (sent === false) {
    const clash = (['count', 'min'] as const).find((k) => m.has(k) && (k === 'count' ? count : min)! > 0);
    if (clash) r.error(m.get(clash), `${p}.${clash}: \`sent: false\` means no such frame, but ${clash} asks for some`);
    min = 0;
    max = 0;
  }
  min ??= 1; // `sent: true` (or nothing): at least one.
  max ??= Number.MAX_SAFE_INTEGER;
  if (min > max) r.error(m.get('max'), `${p}.max: ${max} is less than min ${min}`);
  let between: [Ns, Ns] | undefined;
  if (m.has('between')) {
    const list = r.seq(m.get('between'), `${p}.between`, 'a window [start, end] such as [0s, 5s]');
    if (list && list.length !== 2) r.error(m.get('between'), `${p}.between: expected two times [start, end], found ${list.length}`);
    else if (list) {
      const t1 = r.duration(list[0], `${p}.between[0]`);
      const t2 = r.duration(list[1], `${p}.between[1]`);
      if (t1 !== undefined && t2 !== undefined) {
        if (t1 > t2) r.error(list[1], `${p}.between: the window ends (${t2 / 1e9}s) before it starts (${t1 / 1e9}s)`);
        else if (t2 > until) r.error(list[1], `${p}.between[1]: ${t2 / 1e9}s is after \`until\` (${until / 1e9}s)`);
        else between = [t1, t2];
      }
    }
  }
  if (!pattern || !when || (m.has('between') && !between)) return undefined;
  return { ...base, when, kind: 'frame', pattern, min, max, ...(between ? { between } : {}) };
}
