// Builds a simulation from a loaded scenario: links, nodes with their stacks
// (hosts, routers running radvd, attackers, passive sniffers), static
// addresses, and the timeline as scheduled actions. Configuration problems
// the machines' own resolvers find are reported with the scenario position.

import type { Action, Input, Machine, Nanos } from '../nd/machine.ts';
import { resolveRadvdConfig, type RadvdConfig } from '../nd/radvd-config.ts';
import { encode } from '../packet/encode.ts';
import { NS_PER_S } from '../nd/machine.ts';
import { Simulator } from '../sim/simulator.ts';
import type { TraceSink } from '../sim/trace.ts';
import { resolveNodeConfig, type NodeConfig } from '../stack/config.ts';
import { NodeStack } from '../stack/node-stack.ts';
import { buildFrame } from './build-frame.ts';
import type { RadvdSpec, Scenario, ScenarioError, SendFrameSpec, SourcePos, TimelineAction } from './types.ts';

export interface BuiltRun {
  sim: Simulator;
  /** The protocol stack of every node that has one (not sniffers). */
  stacks: Map<string, NodeStack>;
}

/** A configuration error found while building, with where it was written. */
export class ScenarioBuildError extends Error {
  constructor(readonly errors: ScenarioError[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  }
}

/** A node that only listens (a sniffer): it never answers anything. */
const PASSIVE: Machine = { handle: () => [] };

/**
 * An attacker that answers every DAD probe it hears (thc-ipv6 dos-new-ip6):
 * wraps the attacker's own stack and, while armed, adds an answer to each
 * NS from :: (RFC 4862 §5.4.3/§5.4.4 make either an NA or an NS count).
 */
class DadResponder implements Machine {
  answer: { spec: SendFrameSpec; ifname: string } | null = null;
  constructor(
    private readonly inner: Machine,
    private readonly macOf: (ifname: string) => string,
  ) {}

  handle(input: Input, now: Nanos): Action[] {
    const out = this.inner.handle(input, now);
    if (this.answer && input.kind === 'frame' && input.ifname === this.answer.ifname) {
      const ip = input.frame.ipv6;
      const m = ip?.icmpv6;
      if (ip && m && m.type === 135 && 'target' in m && ip.src === '::') {
        const nonce = m.options.find((o) => o.type === 14);
        const probe = { target: m.target, nonce: nonce && 'nonce' in nonce ? nonce.nonce : undefined };
        const frame = buildFrame(this.answer.spec, { mac: this.macOf(input.ifname), probe });
        if (!(frame instanceof Uint8Array)) out.push({ kind: 'send', ifname: input.ifname, frame, why: 'attacker answers a DAD probe (dos-new-ip6)' });
      }
    }
    return out;
  }
}

export function buildRun(scenario: Scenario, opts: { seed?: number; trace?: TraceSink } = {}): BuiltRun {
  const errors: ScenarioError[] = [];
  const fail = (pos: SourcePos, message: string) => errors.push({ file: pos.file, line: pos.line, col: pos.col, message });
  const sim = new Simulator({ seed: opts.seed ?? scenario.seed, trace: opts.trace });
  for (const l of scenario.links) {
    // Reordering is modelled as jitter: a frame may arrive after the next one.
    sim.addLink({ name: l.name, delay: l.delay, loss: l.loss, duplicate: l.duplicate, jitter: l.reorder > 0 ? 1_000_000 : 0, mtu: l.mtu });
  }
  const stacks = new Map<string, NodeStack>();
  const responders = new Map<string, DadResponder>();
  const routers: string[] = [];
  for (const n of scenario.nodes) {
    const isRouter = n.role === 'router' || (n.role === 'attacker' && n.interfaces.some((i) => i.radvd));
    if (n.role === 'router') routers.push(n.name);
    let machine: Machine | ((ctx: { random: () => number }) => Machine) = PASSIVE;
    if (n.role !== 'sniffer') {
      const ifaces: { ifname: string; mac: string; config: NodeConfig }[] = [];
      const radvd: Record<string, RadvdConfig> = {};
      for (const i of n.interfaces) {
        const c = resolveNodeConfig(i.sysctl, { router: isRouter });
        if (!c.ok) {
          for (const e of c.errors) fail(i.pos, `node "${n.name}" sysctl: ${e}`);
          continue;
        }
        ifaces.push({ ifname: i.name, mac: i.mac, config: c.config });
        if (i.radvd) {
          // radvd's own default is AdvSendAdvert off, so every real radvd.conf
          // says `AdvSendAdvert on;`: a scenario's radvd block means it.
          const r = resolveRadvdConfig({ AdvSendAdvert: true, ...i.radvd }, { linkMtu: c.config.nd.mtu });
          if (!r.ok) for (const e of r.errors) fail(i.pos, `node "${n.name}" radvd: ${e}`);
          else radvd[i.name] = r.value;
        }
      }
      if (ifaces.length === n.interfaces.length) {
        machine = (ctx) => {
          const routes = n.routes?.map((x) => ({ prefix: x.prefix, prefixLength: x.prefixLength, via: x.via, ifname: x.iface }));
          const stack = new NodeStack({ name: n.name, role: isRouter ? 'router' : 'host', interfaces: ifaces, config: ifaces[0].config, random: ctx.random, radvd, routes });
          stacks.set(n.name, stack);
          if (n.role !== 'attacker') return stack;
          const r = new DadResponder(stack, (ifname) => stack.iface(ifname).mac);
          responders.set(n.name, r);
          return r;
        };
      }
    }
    if (errors.length) continue;
    sim.addNode({
      name: n.name,
      interfaces: n.interfaces.map((i) => ({ ifname: i.name, mac: i.mac, link: i.link, promiscuous: n.promiscuous })),
      machine,
    });
  }
  const radvdChanges = mergeRadvdChanges(scenario, fail);
  if (errors.length) throw new ScenarioBuildError(errors);

  // RFC 6105 RA-Guard: the switch trusts the ports of the scenario's routers.
  for (const l of scenario.links) if (l.ra_guard) sim.setRaGuard(l.name, true, routers);
  // Static addresses are configured before anything runs (Linux keeps them
  // on a down interface and runs DAD when it comes up).
  for (const n of scenario.nodes) {
    for (const a of n.addresses) {
      sim.at(0, () => sim.input(n.name, { kind: 'command', name: 'ip-addr-add', args: { ifname: a.iface, address: a.address, prefixLength: a.prefixLength, nodad: a.nodad } }));
    }
  }
  for (const a of scenario.timeline) sim.at(a.at, () => applyAction(sim, stacks, responders, routers, a, radvdChanges), describe(a));
  return { sim, stacks };
}

/**
 * `radvd-config` edits the running radvd's options (an edited radvd.conf and
 * SIGHUP): the options an action names replace the current ones, the rest
 * stay; a list it names (prefixes, routes, RDNSS, DNSSL) replaces the whole
 * list. The configuration in force after each action is worked out here, in
 * time order, so that a mistake is reported with the action's position.
 */
function mergeRadvdChanges(scenario: Scenario, fail: (pos: SourcePos, message: string) => void): Map<TimelineAction, RadvdSpec> {
  const current = new Map<string, RadvdSpec>();
  const mtu = new Map<string, number>();
  for (const n of scenario.nodes) {
    for (const i of n.interfaces) {
      // As at start-up: a scenario's radvd block means `AdvSendAdvert on;`.
      current.set(`${n.name}|${i.name}`, { AdvSendAdvert: true, ...(i.radvd ?? {}) });
      const c = resolveNodeConfig(i.sysctl, { router: true });
      if (c.ok) mtu.set(`${n.name}|${i.name}`, c.config.nd.mtu);
    }
  }
  const merged = new Map<TimelineAction, RadvdSpec>();
  // The scheduler runs equal times in file order: a stable sort by time.
  const actions = scenario.timeline.filter((a) => a.do === 'radvd-config').sort((a, b) => a.at - b.at);
  for (const a of actions) {
    if (a.do !== 'radvd-config') continue;
    const key = `${a.node}|${a.iface}`;
    const spec: RadvdSpec = { ...current.get(key), ...a.radvd };
    const r = resolveRadvdConfig(spec, { linkMtu: mtu.get(key) ?? 1500 });
    if (!r.ok) for (const e of r.errors) fail(a.pos, `radvd-config on "${a.node}": ${e}`);
    current.set(key, spec);
    merged.set(a, spec);
  }
  return merged;
}

function describe(a: TimelineAction): string {
  switch (a.do) {
    case 'note':
      return `note: ${a.text}`;
    case 'link':
    case 'ra-guard':
      return `${a.do} ${a.link}`;
    case 'node-leave':
    case 'node-join':
      return `${a.do} ${a.node}`;
    default:
      return `${a.node}: ${a.do}`;
  }
}

function applyAction(
  sim: Simulator,
  stacks: Map<string, NodeStack>,
  responders: Map<string, DadResponder>,
  routers: string[],
  a: TimelineAction,
  radvdChanges: ReadonlyMap<TimelineAction, RadvdSpec>,
): void {
  const command = (node: string, name: string, args: Record<string, unknown>) => sim.input(node, { kind: 'command', name, args });
  switch (a.do) {
    case 'link-up':
    case 'link-down':
      sim.setInterfaceUp(a.node, a.iface, a.do === 'link-up');
      return;
    case 'ip-addr-add':
    case 'ip-addr-del':
      command(a.node, a.do, { ifname: a.iface, address: a.address, prefixLength: a.prefixLength, nodad: a.nodad });
      return;
    case 'ip-link-set-address':
      sim.setMac(a.node, a.iface, a.mac);
      command(a.node, 'set-mac', { ifname: a.iface, mac: a.mac });
      return;
    case 'ping':
      command(a.node, 'ping', { ifname: a.iface, to: a.to, from: a.from, count: a.count, intervalNs: a.interval, size: a.size });
      return;
    case 'radvd-config':
      command(a.node, 'radvd-config', { ifname: a.iface, radvd: radvdChanges.get(a) ?? a.radvd });
      return;
    case 'radvd-stop':
    case 'radvd-start':
      command(a.node, a.do, { ifname: a.iface });
      return;
    case 'send': {
      if (a.reply_to === 'dad') {
        const r = responders.get(a.node);
        if (!r) throw new Error(`node "${a.node}" cannot answer DAD probes: only attackers can`);
        r.answer = { spec: a.frame, ifname: a.iface };
        sim.note('attacker-armed', { node: a.node, what: 'answers every DAD probe' });
        return;
      }
      const stack = stacks.get(a.node);
      const mac = stack ? stack.iface(a.iface).mac : sim.node(a.node).requireNic(a.iface).mac;
      const frame = buildFrame(a.frame, { mac, lookupMac: (addr) => stack?.iface(a.iface).neighbors.get(addr)?.lladdr ?? undefined });
      const bytes = frame instanceof Uint8Array ? frame : encode(frame);
      const count = a.repeat?.count ?? 1;
      const interval = a.repeat?.interval ?? NS_PER_S;
      for (let i = 0; i < count; i++) sim.sendRaw(a.node, a.iface, bytes, sim.now + i * interval);
      return;
    }
    case 'node-leave':
    case 'node-join':
      // The node is cut off from (or put back on) every link it is on, keeping
      // its state: to its neighbours it simply stops (or starts) answering.
      for (const nic of sim.node(a.node).interfaces) {
        if (a.do === 'node-leave') sim.partition(nic.link.name, [a.node]);
        else sim.rejoin(nic.link.name, [a.node]);
      }
      return;
    case 'link': {
      const link = sim.link(a.link);
      if (a.loss !== undefined) link.loss = a.loss;
      if (a.delay !== undefined) link.delay = a.delay;
      if (a.duplicate !== undefined) link.duplicate = a.duplicate;
      if (a.partition) sim.partition(a.link, a.partition);
      if (a.heal) for (const [name, node] of sim.nodes) if (node.interfaces.some((nic) => nic.link === link)) sim.rejoin(a.link, [name]);
      return;
    }
    case 'ra-guard':
      sim.setRaGuard(a.link, a.on, routers);
      return;
    case 'note':
      // The scheduled action's label ("note: …", see describe) already put
      // the text in the trace; a second event would print it twice.
      return;
  }
}
