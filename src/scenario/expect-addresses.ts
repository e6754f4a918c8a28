// `address_prefix:` expectations: how many addresses in a prefix are in a
// given state, on one node or on every node whose name matches a pattern —
// the form a lesson with a thousand hosts needs ("all of h* have their
// global address preferred"), and one that does not have to name a random
// RFC 8981 temporary address to count it.
//
//   { at: 10s, node: A, address_prefix: "2001:db8::/64", state: preferred, count: 2 }
//   { eventually_before: 30s, nodes: "h*", address_prefix: "2001:db8::/64", state: preferred, count: 1000 }
//   { at: 40s, node: A, address_prefix: "2001:db8::/64", state: deprecated, temporary: true, min: 1 }

import type { MapView, Reader } from './reader.ts';
import { namePattern } from './replicate.ts';
import type { Refs } from './refs.ts';
import type { AddressState, Expectation, ExpectWhen, SourcePos } from './types.ts';

export const ADDRESS_COUNT_KEYS = ['node', 'nodes', 'iface', 'address_prefix', 'state', 'temporary', 'count', 'min', 'max'];

type CountedState = Exclude<AddressState, 'absent' | 'invalid'>;
const STATES: readonly CountedState[] = ['tentative', 'optimistic', 'preferred', 'deprecated', 'duplicate'];

export function readAddressCount(
  r: Reader,
  refs: Refs,
  m: MapView,
  when: ExpectWhen | undefined,
  base: { pos: SourcePos; why?: string },
): Expectation | undefined {
  const p = m.path;
  let nodes: string[] | undefined;
  let selector: string | undefined;
  if (m.has('node') === m.has('nodes')) {
    r.error(m.node, `${p}: give either \`node\` (one node) or \`nodes\` (a name pattern such as "h*"), not ${m.has('node') ? 'both' : 'neither'}`);
  } else if (m.has('node')) {
    const n = refs.node(m.get('node'), `${p}.node`);
    if (n) [nodes, selector] = [[n.name], n.name];
  } else {
    const glob = r.str(m.get('nodes'), `${p}.nodes`, 'a node name pattern such as "h*"');
    if (glob !== undefined) {
      const re = namePattern(glob);
      const matched = refs.nodeNames().filter((n) => re.test(n));
      if (matched.length === 0) r.error(m.get('nodes'), `${p}.nodes: no node name matches "${glob}" (known nodes: ${refs.nodeNames().slice(0, 8).join(', ')}${refs.nodeNames().length > 8 ? ', …' : ''})`);
      else [nodes, selector] = [matched, glob];
    }
  }
  let iface: string | undefined;
  if (m.has('iface')) {
    if (m.has('nodes')) r.error(m.get('iface'), `${p}.iface: \`iface\` goes with \`node\`; with \`nodes\` every interface is counted`);
    else if (nodes) {
      const spec = refs.nodeByName(nodes[0], m.get('node'), `${p}.node`);
      iface = spec && refs.iface(spec, m.get('iface'), `${p}.iface`);
    }
  }
  const prefix = r.prefix(m.get('address_prefix'), `${p}.address_prefix`);
  const state = r.oneOf(m.has('state') ? m.get('state') : r.error(m.node, `${p}: missing \`state\` (one of ${STATES.join(', ')})`), `${p}.state`, STATES);
  const temporary = m.has('temporary') ? r.bool(m.get('temporary'), `${p}.temporary`) : undefined;
  const int = (k: string): number | undefined => (m.has(k) ? r.int(m.get(k), `${p}.${k}`, 0, Number.MAX_SAFE_INTEGER) : undefined);
  let min = int('min');
  let max = int('max');
  if (m.has('count')) {
    if (m.has('min') || m.has('max')) r.error(m.get('count'), `${p}.count: give either \`count\` or \`min\`/\`max\`, not both`);
    min = max = int('count');
  } else if (!m.has('min') && !m.has('max')) {
    r.error(m.node, `${p}: missing \`count\` (or \`min\`/\`max\`): how many addresses are expected`);
  }
  min ??= 0;
  max ??= Number.MAX_SAFE_INTEGER;
  if (min > max) r.error(m.get('max'), `${p}.max: ${max} is less than min ${min}`);
  if (!nodes || !selector || !prefix || !state || !when || (m.has('temporary') && temporary === undefined) || (m.has('iface') && !iface && !m.has('nodes'))) return undefined;
  return {
    ...base, when, kind: 'address-count', nodes, selector, ...(iface ? { iface } : {}),
    prefix: prefix.prefix, prefixLength: prefix.length, state, ...(temporary !== undefined ? { temporary } : {}), min, max,
  };
}
