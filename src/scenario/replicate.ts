// Many alike nodes from one entry, and timeline actions on all of them.
//
// A node entry with `replicate: N` stands for N nodes (a thousand hosts
// booting together must not be written by hand):
//
//   - { name: "h{i}", replicate: 1000, role: host, link: lan0, mac: "02:00:00:00:00:01" }
//
// `{i}` in the name counts from 1 to N (`{i:04}` pads it with zeros to 4
// digits); copy i gets the MAC written plus i − 1, so the MACs above run
// from 02:00:00:00:00:01 to 02:00:00:00:03:e8. Replication takes the
// one-interface form (`mac:` and `link:` on the node), and no `addresses:`
// (every copy would claim the same address).
//
// In the timeline, `node:` may be a pattern — `*` any run of characters,
// `?` one — and the action is done on every matching node, in file order:
//
//   - { at: 1s, do: link-up, node: "h*" }

import { Scalar } from 'yaml';
import { formatMac, macBytes } from '../packet/address.ts';
import type { MapView, Reader, YNode } from './reader.ts';
import type { NodeSpec } from './types.ts';

/** At most this many copies of one entry (the simulator was measured at 100,000 nodes). */
export const MAX_REPLICAS = 100_000;

const PLACEHOLDER = /\{i(?::0?(\d))?\}/g;

export interface Replication {
  count: number;
  /** The name of copy i (1-based). */
  nameOf(i: number): string;
}

/** Reads `replicate:` and checks what goes with it; undefined after an error. */
export function readReplication(r: Reader, m: MapView, path: string): Replication | undefined {
  const count = r.int(m.get('replicate'), `${path}.replicate`, 1, MAX_REPLICAS, ' (how many copies of this node)');
  const nameNode = m.get('name');
  const template = nameNode === undefined
    ? r.error(m.node, `${path}: missing \`name\` (a name template such as "h{i}")`)
    : r.str(nameNode, `${path}.name`, 'a name template such as "h{i}"');
  for (const key of ['interfaces', 'addresses'] as const) {
    if (m.has(key)) {
      r.error(m.get(key), key === 'interfaces'
        ? `${path}.interfaces: a replicated node uses the one-interface form (\`mac:\` and \`link:\`)`
        : `${path}.addresses: every copy would claim the same address; add addresses in the timeline instead`);
    }
  }
  if (count === undefined || template === undefined) return undefined;
  if (!template.match(PLACEHOLDER)) {
    return r.error(nameNode, `${path}.name: "${template}" has no {i}; each of the ${count} copies needs its own name, e.g. "${template}{i}"`);
  }
  const nameOf = (i: number) => template.replace(PLACEHOLDER, (_, width: string | undefined) => String(i).padStart(width ? Number(width) : 0, '0'));
  return { count, nameOf };
}

/** `base` + `offset` as a MAC, or an error text when it would change the
 *  first octet (group and local bits) or run past ff:ff:ff:ff:ff. */
export function macPlus(base: string, offset: number): string | { error: string } {
  const b = macBytes(base);
  let low = 0;
  for (let k = 1; k < 6; k++) low = low * 256 + b[k];
  const sum = low + offset;
  if (sum > 0xff_ffff_ffff) return { error: `${base} + ${offset} runs past ${formatMac(Uint8Array.of(b[0], 0xff, 0xff, 0xff, 0xff, 0xff))}` };
  const out = Uint8Array.of(b[0], 0, 0, 0, 0, 0);
  let v = sum;
  for (let k = 5; k >= 1; k--) {
    out[k] = v % 256;
    v = Math.floor(v / 256);
  }
  return formatMac(out);
}

/** The copies of `spec` (whose name and MAC are copy 1's). */
export function replicate(r: Reader, spec: NodeSpec, rep: Replication, macNode: YNode | null | undefined, path: string): NodeSpec[] {
  const first = spec.interfaces[0];
  if (!first) return [spec];
  const last = macPlus(first.mac, rep.count - 1);
  if (typeof last !== 'string') {
    r.error(macNode, `${path}.mac: ${rep.count} copies need MACs ${first.mac} … +${rep.count - 1}, but ${last.error}`);
    return [spec];
  }
  const out: NodeSpec[] = [];
  for (let i = 1; i <= rep.count; i++) {
    const mac = macPlus(first.mac, i - 1) as string;
    out.push({ ...spec, name: rep.nameOf(i), interfaces: [{ ...first, mac, sysctl: { ...first.sysctl } }], addresses: [] });
  }
  return out;
}

/** A node-name pattern as a RegExp: `*` any run of characters, `?` one. */
export function namePattern(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export function isPattern(text: string): boolean {
  return /[*?]/.test(text);
}

/** The `node:` values an action with a pattern stands for: one scalar per
 *  matching node, at the pattern's position (for later messages). */
export function expandNodePattern(r: Reader, nodeNames: readonly string[], at: YNode, glob: string, path: string): YNode[] {
  const re = namePattern(glob);
  const names = nodeNames.filter((n) => re.test(n));
  if (names.length === 0) {
    r.error(at, `${path}: no node name matches "${glob}" (known nodes: ${nodeNames.slice(0, 8).join(', ')}${nodeNames.length > 8 ? ', …' : ''})`);
    return [];
  }
  return names.map((name) => {
    const s = new Scalar(name);
    s.range = at.range;
    return s as unknown as YNode;
  });
}
