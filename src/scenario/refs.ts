// References from the timeline and expectations to the network: node,
// interface and link names must exist, with a suggestion when one is close.

import type { Reader, YNode } from './reader.ts';
import { didYouMean } from './suggest.ts';
import type { LinkSpec, NodeSpec } from './types.ts';

export class Refs {
  private readonly nodes = new Map<string, NodeSpec>();
  private readonly links = new Map<string, LinkSpec>();

  constructor(
    private readonly r: Reader,
    nodes: readonly NodeSpec[],
    links: readonly LinkSpec[],
    /** Nodes whose definition had errors: references to their interfaces
     *  are not checked (that would only repeat the first error). */
    private readonly incomplete: ReadonlySet<string> = new Set(),
  ) {
    for (const n of nodes) this.nodes.set(n.name, n);
    for (const l of links) this.links.set(l.name, l);
  }

  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  isIncomplete(name: string): boolean {
    return this.incomplete.has(name);
  }

  hasNode(name: string): boolean {
    return this.nodes.has(name);
  }

  /** The node named by a scalar, or an error listing the known ones. */
  node(n: YNode | null | undefined, path: string): NodeSpec | undefined {
    const name = this.r.str(n, path, 'a node name');
    return name === undefined ? undefined : this.nodeByName(name, n, path);
  }

  nodeByName(name: string, at: YNode | null | undefined, path: string): NodeSpec | undefined {
    const spec = this.nodes.get(name);
    if (spec) return spec;
    const names = this.nodeNames();
    return this.r.error(at, `${path}: unknown node "${name}" (${names.length ? `known nodes: ${names.join(', ')}` : 'no nodes are defined'})${didYouMean(name, names)}`);
  }

  link(n: YNode | null | undefined, path: string): LinkSpec | undefined {
    const name = this.r.str(n, path, 'a link name');
    if (name === undefined) return undefined;
    const spec = this.links.get(name);
    if (spec) return spec;
    const names = [...this.links.keys()];
    return this.r.error(n, `${path}: unknown link "${name}" (${names.length ? `known links: ${names.join(', ')}` : 'no links are defined'})${didYouMean(name, names)}`);
  }

  /** An interface of `node`: the one named, or the first when none is. */
  iface(node: NodeSpec, n: YNode | null | undefined, path: string): string | undefined {
    const names = node.interfaces.map((x) => x.name);
    if (n === undefined) return names[0] ?? (this.incomplete.has(node.name) ? undefined : this.r.error(node.pos, `${path}: node ${node.name} has no interface`));
    const name = this.r.str(n, path, 'an interface name such as eth0');
    return name === undefined ? undefined : this.ifaceByName(node, name, n, path);
  }

  ifaceByName(node: NodeSpec, name: string, at: YNode | null | undefined, path: string): string | undefined {
    const names = node.interfaces.map((x) => x.name);
    if (names.includes(name)) return name;
    if (this.incomplete.has(node.name)) return undefined;
    return this.r.error(at, `${path}: node ${node.name} has no interface "${name}" (it has ${names.join(', ') || 'none'})${didYouMean(name, names)}`);
  }
}
