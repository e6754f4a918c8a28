// `links:` and `nodes:`: the network a scenario builds. Interfaces may be
// written in full (`interfaces: [{name, mac, link}]`) or, for the common
// one-interface node, as `mac:` and `link:` on the node itself.

import { isScalar, Scalar } from 'yaml';
import { SYSCTL_KEYS, SYSCTL_NAMES } from './schema.ts';
import { readRadvd } from './radvd.ts';
import { readReplication, replicate } from './replicate.ts';
import { didYouMean } from './suggest.ts';
import type { MapView, Reader, YNode } from './reader.ts';
import type { InterfaceSpec, LinkSpec, NodeSpec, Role, StaticAddressSpec, StaticRouteSpec, Sysctl } from './types.ts';

const ROLES = ['host', 'router', 'attacker', 'sniffer'] as const;
const LINK_KEYS = ['name', 'delay', 'loss', 'duplicate', 'reorder', 'mtu', 'ra_guard'];
const NODE_KEYS = ['name', 'role', 'mac', 'link', 'interfaces', 'sysctl', 'radvd', 'addresses', 'promiscuous', 'replicate', 'routes', 'same_mac_as'];
const ROUTE_KEYS = ['prefix', 'via', 'iface'];
const IFACE_KEYS = ['name', 'mac', 'link', 'sysctl', 'radvd'];
const ADDRESS_KEYS = ['address', 'iface', 'nodad'];
// Ethernet names as `ip link` shows them; also the scenario's references.
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;

/** The name node of `m` with its text replaced (a replica's name, checked
 *  and reported at the template's position). */
function nameScalar(m: MapView, text: string): YNode {
  const at = m.get('name') as YNode;
  return Object.assign(new Scalar(text), { range: at.range }) as unknown as YNode;
}

export function readName(r: Reader, node: YNode | null | undefined, path: string): string | undefined {
  const s = r.str(node, path, 'a name');
  if (s === undefined) return undefined;
  if (!NAME.test(s)) return r.error(node, `${path}: "${s}" is not a usable name (a letter, then letters, digits, "_", "." or "-"; at most 32)`);
  return s;
}

function probability(r: Reader, m: MapView, key: string): number {
  return m.has(key) ? (r.num(m.get(key), `${m.path}.${key}`, 0, 1, ' (a probability)') ?? 0) : 0;
}

export function readLinks(r: Reader, node: YNode | null | undefined): LinkSpec[] {
  const items = r.seq(node, 'links', 'a list of links such as [{ name: lan0 }]') ?? [];
  const links: LinkSpec[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const path = `links[${i}]`;
    // `links: [lan0]` is a fair shorthand for a link with defaults.
    const m = isScalar(item) && typeof item.value === 'string' ? undefined : r.map(item, path, LINK_KEYS);
    if (!m && !(isScalar(item) && typeof item.value === 'string')) return;
    const name = m ? readName(r, r.required(m, 'name', 'the link name'), `${path}.name`) : readName(r, item, path);
    if (name === undefined) return;
    if (seen.has(name)) r.error(m?.get('name') ?? item, `${path}.name: a link named "${name}" is already defined`);
    seen.add(name);
    links.push({
      name,
      delay: m?.has('delay') ? (r.duration(m.get('delay'), `${path}.delay`) ?? 0) : 0,
      loss: m ? probability(r, m, 'loss') : 0,
      duplicate: m ? probability(r, m, 'duplicate') : 0,
      reorder: m ? probability(r, m, 'reorder') : 0,
      mtu: m?.has('mtu') ? (r.int(m.get('mtu'), `${path}.mtu`, 1280, 65535, ' (IPv6 needs at least 1280, RFC 8200 §5)') ?? 1500) : 1500,
      ra_guard: m?.has('ra_guard') ? (r.bool(m.get('ra_guard'), `${path}.ra_guard`) ?? false) : false,
      pos: r.pos(item),
    });
  });
  return links;
}

export function readSysctl(r: Reader, node: YNode | null | undefined, path: string): Sysctl {
  const m = r.map(node, path, SYSCTL_NAMES, 'Linux sysctl settings such as { dad_transmits: 1 }');
  const out: Sysctl = {};
  if (!m) return out;
  for (const key of m.keys()) {
    const v = m.get(key);
    const p = `${path}.${key}`;
    const kind = SYSCTL_KEYS[key].value;
    switch (kind.kind) {
      case 'int': {
        const n = r.int(v, p, kind.min, kind.max, kind.why ?? '');
        if (n !== undefined) out[key] = n;
        break;
      }
      case 'bool01': {
        const raw = isScalar(v) ? v.value : undefined;
        if (raw === true || raw === false) out[key] = raw ? 1 : 0;
        else if (raw === 0 || raw === 1) out[key] = raw;
        else {
          const hint = typeof raw === 'string' && /^(yes|no|on|off)$/i.test(raw) ? ' (YAML 1.2 reads yes/no/on/off as text)' : '';
          r.error(v, `${p}: expected 0 or 1 (or true/false)${hint}, found ${describeScalar(v)}`);
        }
        break;
      }
      case 'enum': {
        const raw = isScalar(v) ? v.value : undefined;
        if (kind.values.includes(raw as string | number)) out[key] = raw as string | number;
        else r.oneOf(v, p, kind.values.map(String));
        break;
      }
      case 'ip6': {
        const a = r.ip6(v, p);
        if (a !== undefined) out[key] = a;
        break;
      }
      default: {
        const never: never = kind;
        return never;
      }
    }
  }
  return out;
}

function describeScalar(v: YNode | null | undefined): string {
  if (isScalar(v)) return typeof v.value === 'string' ? `"${v.value}"` : String(v.value);
  return 'a mapping or list';
}

function readStaticAddress(r: Reader, item: YNode, path: string, defaultIface: string): StaticAddressSpec | undefined {
  if (isScalar(item)) {
    const a = r.addressWithLength(item, path);
    return a && { address: a.address, prefixLength: a.length, iface: defaultIface, nodad: false, pos: r.pos(item) };
  }
  const m = r.map(item, path, ADDRESS_KEYS, 'an address "2001:db8::1/64" or { address, iface?, nodad? }');
  if (!m) return undefined;
  const a = r.addressWithLength(r.required(m, 'address', 'e.g. 2001:db8::1/64'), `${path}.address`);
  const iface = m.has('iface') ? readName(r, m.get('iface'), `${path}.iface`) : defaultIface;
  const nodad = m.has('nodad') ? (r.bool(m.get('nodad'), `${path}.nodad`) ?? false) : false;
  return a && iface ? { address: a.address, prefixLength: a.length, iface, nodad, pos: r.pos(item) } : undefined;
}

/** `routes: [{ prefix: "2001:db8:2::/64", via: "fe80::2", iface: eth0 }]`. */
function readRoutes(r: Reader, node: YNode | null | undefined, path: string, ifNames: readonly string[]): StaticRouteSpec[] {
  const out: StaticRouteSpec[] = [];
  (r.seq(node, path, 'a list of routes such as [{ prefix: "2001:db8:2::/64", via: "fe80::2" }]') ?? []).forEach((item, j) => {
    const p = `${path}[${j}]`;
    const m = r.map(item, p, ROUTE_KEYS, '{ prefix, via?, iface? }');
    if (!m) return;
    const prefix = r.prefix(r.required(m, 'prefix', 'the destination prefix, e.g. 2001:db8:2::/64'), `${p}.prefix`);
    const via = m.has('via') ? r.ip6(m.get('via'), `${p}.via`) : undefined;
    const iface = m.has('iface') ? readName(r, m.get('iface'), `${p}.iface`) : ifNames[0];
    if (m.has('iface') && iface !== undefined && ifNames.length && !ifNames.includes(iface)) {
      r.error(m.get('iface'), `${p}.iface: node has no interface "${iface}" (it has ${ifNames.join(', ')})`);
      return;
    }
    // Linux: a link-local gateway needs its device (`via fe80::2 dev eth0`).
    if (via !== undefined && via.startsWith('fe80:') && !m.has('iface') && ifNames.length > 1) {
      r.error(m.get('via'), `${p}.via: ${via} is link-local; say on which interface (\`iface:\`)`);
      return;
    }
    if (!m.has('via') && !m.has('iface')) r.error(m.node, `${p}: give \`via\` (a next-hop router) or \`iface\` (the prefix is on that link)`);
    if (!prefix || iface === undefined || (m.has('via') && via === undefined)) return;
    out.push({ prefix: prefix.prefix, prefixLength: prefix.length, ...(via ? { via } : {}), iface, pos: r.pos(item) });
  });
  return out;
}

/** Reads `nodes:`; `links` are the names already read (for references).
 *  `incomplete` names the nodes whose definition had errors: they are still
 *  known, so that references to them do not add errors that are only
 *  consequences of the first. */
export function readNodes(r: Reader, node: YNode | null | undefined, links: readonly LinkSpec[]): { nodes: NodeSpec[]; incomplete: Set<string> } {
  const items = r.seq(node, 'nodes', 'a list of nodes') ?? [];
  const linkNames = [...new Set(links.map((l) => l.name))];
  const nodes: NodeSpec[] = [];
  const seen = new Set<string>();
  const incomplete = new Set<string>();

  const linkRef = (n: YNode | null | undefined, path: string): string | undefined => {
    const name = r.str(n, path, 'a link name');
    if (name === undefined) return undefined;
    if (!linkNames.includes(name)) {
      const known = linkNames.length ? `known links: ${linkNames.join(', ')}` : 'no links are defined (add `links: [{ name: lan0 }]`)';
      return r.error(n, `${path}: unknown link "${name}" (${known})${didYouMean(name, linkNames)}`);
    }
    return name;
  };

  items.forEach((item, i) => {
    const path = `nodes[${i}]`;
    const before = r.errors.length;
    const m = r.map(item, path, NODE_KEYS);
    if (!m) return;
    // `replicate: N` (replicate.ts): the name is a template; copy 1 stands for all here.
    const rep = m.has('replicate') ? readReplication(r, m, path) : undefined;
    const name = m.has('replicate') ? rep && readName(r, nameScalar(m, rep.nameOf(1)), `${path}.name`) : readName(r, r.required(m, 'name', 'the node name'), `${path}.name`);
    const role = r.oneOf<Role>(r.required(m, 'role', `one of ${ROLES.join(', ')}`), `${path}.role`, ROLES);
    if (name !== undefined) {
      if (seen.has(name)) r.error(m.get('name'), `${path}.name: a node named "${name}" is already defined`);
      seen.add(name);
    }
    const sysctl = m.has('sysctl') ? readSysctl(r, m.get('sysctl'), `${path}.sysctl`) : {};
    const interfaces: InterfaceSpec[] = [];
    if (m.has('interfaces')) {
      for (const k of ['mac', 'link'] as const) {
        if (m.has(k)) r.error(m.get(k), `${path}.${k}: give either \`interfaces:\` or \`${k}:\` on the node (a one-interface shorthand), not both`);
      }
      const list = r.seq(m.get('interfaces'), `${path}.interfaces`) ?? [];
      if (list.length === 0 && m.get('interfaces')) r.error(m.get('interfaces'), `${path}.interfaces: expected at least one interface`);
      list.forEach((it, j) => {
        const ip = `${path}.interfaces[${j}]`;
        const im = r.map(it, ip, IFACE_KEYS);
        if (!im) return;
        const iname = im.has('name') ? readName(r, im.get('name'), `${ip}.name`) : list.length === 1 ? 'eth0' : `eth${j}`;
        const mac = r.mac(r.required(im, 'mac', 'e.g. 00:11:22:33:44:55'), `${ip}.mac`);
        const link = linkRef(r.required(im, 'link', 'the link this interface is attached to'), `${ip}.link`);
        const own = im.has('sysctl') ? readSysctl(r, im.get('sysctl'), `${ip}.sysctl`) : {};
        const radvd = im.has('radvd') ? readRadvd(r, im.get('radvd'), `${ip}.radvd`) : undefined;
        if (iname === undefined || mac === undefined || link === undefined) return;
        if (interfaces.some((x) => x.name === iname)) r.error(im.get('name') ?? it, `${ip}.name: interface "${iname}" is already defined on this node`);
        interfaces.push({ name: iname, mac, link, sysctl: { ...sysctl, ...own }, ...(radvd ? { radvd } : {}), pos: r.pos(it) });
      });
      if (m.has('radvd')) {
        if (list.length === 1) {
          const radvd = readRadvd(r, m.get('radvd'), `${path}.radvd`);
          if (radvd && interfaces[0]) interfaces[0].radvd = interfaces[0].radvd ?? radvd;
        } else {
          r.error(m.get('radvd'), `${path}.radvd: this node has ${list.length} interfaces; put \`radvd:\` under the interface that advertises`);
        }
      }
    } else {
      const mac = r.mac(r.required(m, 'mac', 'e.g. 00:11:22:33:44:55 (or give `interfaces:`)'), `${path}.mac`);
      const link = linkRef(r.required(m, 'link', 'the link the node is attached to (or give `interfaces:`)'), `${path}.link`);
      const radvd = m.has('radvd') ? readRadvd(r, m.get('radvd'), `${path}.radvd`) : undefined;
      if (mac !== undefined && link !== undefined) {
        interfaces.push({ name: 'eth0', mac, link, sysctl, ...(radvd ? { radvd } : {}), pos: r.pos(m.get('mac') ?? item) });
      }
    }
    if (role === 'host' || role === 'sniffer') {
      // A rogue router is an attacker running radvd; a host does not advertise (RFC 4861 §6.2.2).
      const where = m.has('radvd') ? m.get('radvd') : undefined;
      if (where !== undefined || interfaces.some((x) => x.radvd)) {
        r.error(where ?? m.node, `${path}: a ${role} does not run radvd; use role: router (or attacker for a rogue router)`);
      }
    }
    const ifNames = interfaces.map((x) => x.name);
    const addresses: StaticAddressSpec[] = [];
    if (m.has('addresses')) {
      (r.seq(m.get('addresses'), `${path}.addresses`) ?? []).forEach((a, j) => {
        const spec = readStaticAddress(r, a, `${path}.addresses[${j}]`, ifNames[0] ?? 'eth0');
        if (!spec) return;
        if (interfaces.length && !ifNames.includes(spec.iface)) {
          r.error(a, `${path}.addresses[${j}].iface: node has no interface "${spec.iface}" (it has ${ifNames.join(', ')})`);
          return;
        }
        if (addresses.some((x) => x.address === spec.address && x.iface === spec.iface)) {
          r.error(a, `${path}.addresses[${j}]: ${spec.address} is already assigned to ${spec.iface}`);
          return;
        }
        addresses.push(spec);
      });
    }
    const routes = m.has('routes') ? readRoutes(r, m.get('routes'), `${path}.routes`, ifNames) : undefined;
    const promiscuous = m.has('promiscuous')
      ? (r.bool(m.get('promiscuous'), `${path}.promiscuous`) ?? false)
      : role === 'attacker' || role === 'sniffer';
    // `same_mac_as: h1`: this node is a clone sharing h1's MAC (the DAD
    // collision lesson, RFC 4862 §5.4); without it a repeated MAC is an error.
    const sameMacAs = m.has('same_mac_as') ? r.str(m.get('same_mac_as'), `${path}.same_mac_as`) : undefined;
    if (name === undefined || nodes.some((n) => n.name === name)) return;
    const spec: NodeSpec = { name, role: role ?? 'host', interfaces, addresses, promiscuous, ...(routes?.length ? { routes } : {}), ...(sameMacAs ? { sameMacAs } : {}), pos: r.pos(item) };
    for (const n of rep && r.errors.length === before ? replicate(r, spec, rep, m.get('mac'), path) : [spec]) {
      if (n.name !== name && seen.has(n.name)) r.error(m.get('name'), `${path}.name: copy "${n.name}" has the name of a node already defined`);
      seen.add(n.name);
      if (r.errors.length > before || role === undefined) incomplete.add(n.name);
      nodes.push(n);
    }
  });

  checkDuplicateMacs(r, nodes);
  return { nodes, incomplete };
}

/** Two interfaces with one MAC on one link give both the same EUI-64
 *  link-local address; to teach that DAD failure, change a MAC in the
 *  timeline (ip-link-set-address) instead. */
function checkDuplicateMacs(r: Reader, nodes: readonly NodeSpec[]): void {
  const owner = new Map<string, string>();
  for (const n of nodes) {
    for (const x of n.interfaces) {
      const key = `${x.link} ${x.mac}`;
      const prev = owner.get(key);
      if (prev !== undefined && n.sameMacAs !== undefined && prev.startsWith(`${n.sameMacAs}.`)) continue;
      if (prev !== undefined) {
        r.error(x.pos, `node ${n.name}: MAC ${x.mac} on link ${x.link} is already used by ${prev} (write \`same_mac_as: ${prev.split('.')[0]}\` if the clash is the lesson)`);
      } else {
        owner.set(key, `${n.name}.${x.name}`);
      }
    }
  }
}
