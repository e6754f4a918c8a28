// A TAHI-style bench for the whole node stack on a small simulated link.
//
// `simPair()` puts one node under test (NUT: a NodeStack, host or router) and
// one scripted tester node ("tn", promiscuous, silent) on a link; `simLan()`
// puts several NodeStacks and the tester on one link. The tester plays TN1,
// TR1, TR2… as TAHI's v6eval does: every frame it sends is crafted by hand
// (frame builders below, or raw bytes for malformed ones) and put on the wire
// with sim.sendRaw, each with the Ethernet source of the party it plays. What
// the NUT sends is read back from the trace (an ArraySink), so a test asserts
// on the frames and the state notifications exactly as a conformance tester
// would judge them.

import { expect } from 'vitest';
import { resolveRadvdConfig, type RadvdConfigInput, type RadvdConfig } from '../../src/nd/radvd-config.ts';
import { NS_PER_MS, NS_PER_S, type Nanos } from '../../src/nd/machine.ts';
import type { NeighborSnapshot } from '../../src/nd/neighbor-cache.ts';
import { addressFromPrefix, eui64InterfaceId, linkLocalFromMac, solicitedNodeAddress } from '../../src/packet/address.ts';
import { icmpv6Frame } from '../../src/packet/build.ts';
import { icmpv6Checksum } from '../../src/packet/checksum.ts';
import { encode } from '../../src/packet/encode.ts';
import type {
  EthernetFrame,
  Icmpv6Message,
  Ip6,
  Ipv6Packet,
  Mac,
  NdOption,
  NeighborAdvertisement,
  NeighborSolicitation,
  PrefixInformationOption,
  Preference,
  Redirect,
  RouterAdvertisement,
  RouterSolicitation,
} from '../../src/packet/types.ts';
import { Simulator } from '../../src/sim/simulator.ts';
import { ArraySink, type StateEvent, type TxEvent } from '../../src/sim/trace.ts';
import { resolveNodeConfig } from '../../src/stack/config.ts';
import type { StaticRoute } from '../../src/stack/forwarding.ts';
import type { InterfaceStack } from '../../src/stack/interface.ts';
import { NodeStack } from '../../src/stack/node-stack.ts';

export const S = NS_PER_S;
export const MS = NS_PER_MS;

// ------------------------------------------------------------------ parties

/** TAHI's on-link prefix 3ffe:501:ffff:100::/64, in documentation space. */
export const PREFIX = '2001:db8:1::';
/** The off-link network of TN2 (TAHI's 3ffe:501:ffff:102::/64). */
export const OFFLINK_PREFIX = '2001:db8:2::';

/** A tester identity: the addresses TN1/TR1… use on the wire. */
export interface Party {
  name: string;
  mac: Mac;
  ll: Ip6;
  /** Global address in PREFIX (or OFFLINK_PREFIX for TN2). */
  ga: Ip6;
}

export function party(name: string, mac: Mac, prefix = PREFIX): Party {
  return { name, mac, ll: linkLocalFromMac(mac), ga: addressFromPrefix(prefix, eui64InterfaceId(mac)) };
}

export const TN1 = party('TN1', '00:00:00:00:01:00');
/** Off-link: reached through a router. */
export const TN2 = party('TN2', '00:00:00:00:02:00', OFFLINK_PREFIX);
export const TR1 = party('TR1', '00:00:00:00:a0:a0');
export const TR2 = party('TR2', '00:00:00:00:a1:a1');
export const TR3 = party('TR3', '00:00:00:00:a2:a2');
/** A second link-layer address for TN1 (TAHI's "different TLLA"). */
export const OTHER_MAC = '00:00:00:00:01:01';

export const NUT_MAC = '00:11:22:33:44:55';
export const NUT_LL = linkLocalFromMac(NUT_MAC);
export const NUT_GA = addressFromPrefix(PREFIX, eui64InterfaceId(NUT_MAC));
export const TESTER = 'tn';
export const IF = 'eth0';

// -------------------------------------------------------------- the bench

export interface NodeDef {
  name: string;
  role?: 'host' | 'router';
  mac?: Mac;
  /** Linux sysctl names (net.ipv6.conf.eth0.*, neigh.eth0.*). */
  sysctl?: Record<string, unknown>;
  /** radvd.conf for eth0 (AdvSendAdvert defaults to on, as in scenarios). */
  radvd?: RadvdConfigInput;
  /** Bring eth0 up at t=0 (default true). */
  up?: boolean;
  /** A second interface, eth1, on this other link (no radvd on it). */
  secondLink?: string;
  /** Static routes (`ip -6 route add`), for a forwarding router. */
  routes?: StaticRoute[];
}

export interface LanOptions {
  seed?: number;
  /** Add the scripted tester node "tn" (default true). */
  tester?: boolean;
}

/** TAHI's host defaults: three RSs and no more (RFC 4861 MAX_RTR_SOLICITATIONS). */
export const TAHI_HOST_SYSCTL = { router_solicitations: 3 };

export class Lab {
  readonly sim: Simulator;
  readonly sink = new ArraySink();
  readonly stacks = new Map<string, NodeStack>();

  constructor(nodes: readonly NodeDef[], opts: LanOptions = {}) {
    this.sim = new Simulator({ seed: opts.seed ?? 1, trace: this.sink });
    this.sim.addLink({ name: 'lan0' });
    let k = 0;
    for (const n of nodes) {
      const role = n.role ?? 'host';
      const mac = n.mac ?? (k === 0 ? NUT_MAC : `00:11:22:33:44:${(0x55 + k).toString(16).padStart(2, '0')}`);
      k++;
      const c = resolveNodeConfig(n.sysctl ?? {}, { router: role === 'router' });
      if (!c.ok) throw new Error(`${n.name}: ${c.errors.join('; ')}`);
      const radvd: Record<string, RadvdConfig> = {};
      if (n.radvd) {
        const r = resolveRadvdConfig({ AdvSendAdvert: true, ...n.radvd }, { linkMtu: c.config.nd.mtu });
        if (!r.ok) throw new Error(`${n.name} radvd: ${r.errors.join('; ')}`);
        radvd[IF] = r.value;
      }
      const config = c.config;
      const nics = [{ ifname: IF, mac, link: 'lan0', up: n.up ?? true }];
      if (n.secondLink) {
        if (!this.sim.links.has(n.secondLink)) this.sim.addLink({ name: n.secondLink });
        nics.push({ ifname: 'eth1', mac: mac.replace(/^00/, '02'), link: n.secondLink, up: n.up ?? true });
      }
      this.sim.addNode({
        name: n.name,
        interfaces: nics,
        machine: (ctx) => {
          const interfaces = nics.map((i) => ({ ifname: i.ifname, mac: i.mac, config }));
          const stack = new NodeStack({ name: n.name, role, interfaces, config, random: ctx.random, radvd, routes: n.routes });
          this.stacks.set(n.name, stack);
          return stack;
        },
      });
    }
    if (opts.tester ?? true) {
      // Silent and promiscuous: it sees everything and answers nothing; tests speak for it.
      this.sim.addNode({ name: TESTER, interfaces: [{ ifname: IF, mac: '00:00:00:00:ff:ff', link: 'lan0', up: true, promiscuous: true }], machine: { handle: () => [] } });
    }
  }

  get now(): Nanos {
    return this.sim.now;
  }

  stack(name = 'nut'): NodeStack {
    const s = this.stacks.get(name);
    if (!s) throw new Error(`no stack "${name}"`);
    return s;
  }

  iface(name = 'nut'): InterfaceStack {
    return this.stack(name).iface(IF);
  }

  /** Advances virtual time by `seconds` (fractions allowed). */
  run(seconds: number): this {
    this.sim.runUntil(this.now + Math.round(seconds * S));
    return this;
  }

  /** Runs to absolute virtual time `seconds`. */
  runTo(seconds: number): this {
    this.sim.runUntil(Math.round(seconds * S));
    return this;
  }

  /** Runs until the node's link-local address has passed DAD (at most 10 s). */
  ready(name = 'nut'): this {
    const deadline = this.now + 10 * S;
    while (this.now < deadline && this.iface(name).addresses.usableLinkLocal() === null) this.run(0.1);
    if (this.iface(name).addresses.usableLinkLocal() === null) throw new Error(`${name} has no usable link-local address after 10 s`);
    return this;
  }

  /** The tester puts a frame (or raw bytes) on the wire now. */
  send(frame: EthernetFrame | Uint8Array): this {
    this.sim.sendRaw(TESTER, IF, frame instanceof Uint8Array ? frame : encode(frame));
    // Let it arrive (the link delay is 1 µs) so state can be inspected at
    // once; 1 ns more so that `now` is strictly after anything it caused.
    this.sim.runUntil(this.now + 1001);
    return this;
  }

  /** An operator command on a node (ip-addr-add, ping, radvd-stop…). */
  command(name: string, args: Record<string, unknown> = {}, node = 'nut'): this {
    this.sim.input(node, { kind: 'command', name, args: { ifname: IF, ...args } });
    return this;
  }

  /** What a node transmitted (machine sends only), oldest first. */
  frames(q: FrameQuery = {}): SentFrame[] {
    return framesIn(this.sink, q);
  }

  /** State notifications, optionally filtered. */
  states(q: { node?: string; machine?: StateEvent['machine']; key?: string; since?: Nanos } = {}): StateEvent[] {
    return this.sink
      .ofType('state')
      .filter((e) => (q.node ?? 'nut') === e.node && (q.machine === undefined || e.machine === q.machine) && (q.key === undefined || e.key === q.key) && e.time >= (q.since ?? 0));
  }

  /** Drop reasons a node recorded (rule ids), optionally since a time. */
  drops(node = 'nut', since: Nanos = 0): string[] {
    return this.sink
      .ofType('drop')
      .filter((d) => d.node === node && d.time >= since)
      .map((d) => d.rule ?? d.reason);
  }

  neighbor(addr: Ip6, node = 'nut'): NeighborSnapshot | undefined {
    return this.iface(node).neighbors.get(addr);
  }

  /** The ping sessions' replies as notifications (ping's iputils lines). */
  pingLines(node = 'nut'): string[] {
    return this.states({ node, machine: 'ping' }).map((e) => `${e.to}: ${e.reason}`);
  }
}

/** One NUT and the tester (TAHI's two-node topology). */
export function simPair(nut: Omit<NodeDef, 'name'> = {}, opts: LanOptions = {}): Lab {
  return new Lab([{ name: 'nut', ...nut }], opts);
}

/** n NodeStacks ("n0".. unless named) and the tester on one link. */
export function simLan(nodes: number | readonly NodeDef[], opts: LanOptions = {}): Lab {
  const defs = typeof nodes === 'number' ? Array.from({ length: nodes }, (_, i) => ({ name: `n${i}` })) : nodes;
  return new Lab(defs, opts);
}

// ---------------------------------------------------------------- queries

export interface SentFrame {
  time: Nanos;
  node: string;
  ifname: string;
  frame: EthernetFrame;
  ip: Ipv6Packet;
  msg: Icmpv6Message;
}

export interface FrameQuery {
  /** Node that sent it (default "nut"). */
  from?: string;
  /** Interface it left by (default any). */
  ifname?: string;
  /** ICMPv6 type. */
  type?: number;
  src?: Ip6;
  dst?: Ip6;
  ethDst?: Mac;
  /** ND target (NS/NA/Redirect). */
  target?: Ip6;
  since?: Nanos;
  until?: Nanos;
}

export function framesIn(sink: ArraySink, q: FrameQuery = {}): SentFrame[] {
  const out: SentFrame[] = [];
  for (const e of sink.ofType('tx') as TxEvent[]) {
    if (e.origin !== 'machine' || e.node !== (q.from ?? 'nut')) continue;
    const ip = e.frame?.ipv6;
    const msg = ip?.icmpv6;
    if (!e.frame || !ip || !msg) continue;
    if (q.ifname !== undefined && e.ifname !== q.ifname) continue;
    if (q.type !== undefined && msg.type !== q.type) continue;
    if (q.src !== undefined && ip.src !== q.src) continue;
    if (q.dst !== undefined && ip.dst !== q.dst) continue;
    if (q.ethDst !== undefined && e.frame.dst !== q.ethDst) continue;
    if (q.target !== undefined && (!('target' in msg) || msg.target !== q.target)) continue;
    if (q.since !== undefined && e.time < q.since) continue;
    if (q.until !== undefined && e.time > q.until) continue;
    out.push({ time: e.time, node: e.node, ifname: e.ifname, frame: e.frame, ip, msg });
  }
  return out;
}

/** Asserts how many frames match (exactly `count`, or at least one), listing them on failure. */
export function expectFrames(sink: ArraySink, q: FrameQuery, count?: number): SentFrame[] {
  const got = framesIn(sink, q);
  const listing = framesIn(sink, { from: q.from, since: q.since, until: q.until })
    .map((f) => `${(f.time / S).toFixed(3)}s ${f.msg.type} ${f.ip.src} → ${f.ip.dst} [${f.frame.dst}]${'target' in f.msg ? ` target ${f.msg.target}` : ''}`)
    .join('\n');
  const what = `frames matching ${JSON.stringify(q)}; all frames sent:\n${listing}`;
  if (count === undefined) expect(got.length, what).toBeGreaterThan(0);
  else expect(got.length, what).toBe(count);
  return got;
}

export function nsOf(f: SentFrame): NeighborSolicitation {
  expect(f.msg.type).toBe(135);
  return f.msg as NeighborSolicitation;
}

export function naOf(f: SentFrame): NeighborAdvertisement {
  expect(f.msg.type).toBe(136);
  return f.msg as NeighborAdvertisement;
}

export function raOf(f: SentFrame): RouterAdvertisement {
  expect(f.msg.type).toBe(134);
  return f.msg as RouterAdvertisement;
}

export function option(msg: Icmpv6Message, type: number): NdOption | undefined {
  return 'options' in msg ? msg.options.find((o) => o.type === type) : undefined;
}

// --------------------------------------------------------- tester frames

export interface FrameOpts {
  /** Ethernet destination (default: the NUT's MAC for unicast). */
  dstMac?: Mac;
  /** Ethernet source (default: the party's MAC). */
  srcMac?: Mac;
  hopLimit?: number;
}

function frame(from: Party, src: Ip6, dst: Ip6, m: Icmpv6Message, o: FrameOpts = {}): EthernetFrame {
  return icmpv6Frame(o.srcMac ?? from.mac, src, dst, m, { dstMac: dst.startsWith('ff') ? undefined : (o.dstMac ?? NUT_MAC), hopLimit: o.hopLimit });
}

export interface NsOpts extends FrameOpts {
  src?: Ip6;
  dst?: Ip6;
  target?: Ip6;
  /** SLLA option: a MAC, or null for none (default: the party's MAC unless src is ::). */
  slla?: Mac | null;
  tlla?: Mac;
  code?: number;
  reserved?: number;
  extra?: NdOption[];
}

/** An NS from `from` (default: to the NUT's solicited-node group for NUT_LL). */
export function ns(from: Party, o: NsOpts = {}): EthernetFrame {
  const target = o.target ?? NUT_LL;
  const src = o.src ?? from.ll;
  const dst = o.dst ?? solicitedNodeAddress(target);
  const slla = o.slla === undefined ? (src === '::' ? null : from.mac) : o.slla;
  const options: NdOption[] = [];
  if (slla !== null) options.push({ type: 1, lladdr: slla });
  if (o.tlla) options.push({ type: 2, lladdr: o.tlla });
  options.push(...(o.extra ?? []));
  const m: NeighborSolicitation = { type: 135, code: o.code ?? 0, target, options };
  if (o.reserved !== undefined) m.reserved = o.reserved;
  return frame(from, src, dst, m, o);
}

export interface NaOpts extends FrameOpts {
  src?: Ip6;
  dst?: Ip6;
  target?: Ip6;
  R?: boolean;
  S?: boolean;
  O?: boolean;
  /** TLLA: a MAC, or null for none (default: the party's MAC). */
  tlla?: Mac | null;
  slla?: Mac;
  code?: number;
  reserved?: number;
}

/** An NA from `from` about its own link-local address, to the NUT. */
export function na(from: Party, o: NaOpts = {}): EthernetFrame {
  const tlla = o.tlla === undefined ? from.mac : o.tlla;
  const options: NdOption[] = [];
  if (tlla !== null) options.push({ type: 2, lladdr: tlla });
  if (o.slla) options.push({ type: 1, lladdr: o.slla });
  const m: NeighborAdvertisement = {
    type: 136,
    code: o.code ?? 0,
    flags: { R: o.R ?? false, S: o.S ?? true, O: o.O ?? true, ...(o.reserved !== undefined ? { reserved: o.reserved } : {}) },
    target: o.target ?? from.ll,
    options,
  };
  return frame(from, o.src ?? o.target ?? from.ll, o.dst ?? NUT_LL, m, o);
}

export interface PioOpts {
  prefix?: Ip6;
  prefixLength?: number;
  L?: boolean;
  A?: boolean;
  valid?: number;
  preferred?: number;
}

export function pio(o: PioOpts = {}): PrefixInformationOption {
  return {
    type: 3,
    prefixLength: o.prefixLength ?? 64,
    L: o.L ?? true,
    A: o.A ?? true,
    validLifetime: o.valid ?? 2592000,
    preferredLifetime: o.preferred ?? 604800,
    prefix: o.prefix ?? PREFIX,
  };
}

export interface RaOpts extends FrameOpts {
  src?: Ip6;
  dst?: Ip6;
  routerLifetime?: number;
  curHopLimit?: number;
  reachableTime?: number;
  retransTimer?: number;
  prf?: Preference;
  /** SLLA: a MAC, or null for none (default: the party's MAC). */
  slla?: Mac | null;
  prefixes?: PrefixInformationOption[];
  extra?: NdOption[];
  code?: number;
}

/** An RA from router `from` to all-nodes (default: lifetime 1800 s, PIO for PREFIX). */
export function ra(from: Party, o: RaOpts = {}): EthernetFrame {
  const options: NdOption[] = [];
  const slla = o.slla === undefined ? from.mac : o.slla;
  if (slla !== null) options.push({ type: 1, lladdr: slla });
  options.push(...(o.prefixes ?? [pio()]), ...(o.extra ?? []));
  const m: RouterAdvertisement = {
    type: 134,
    code: o.code ?? 0,
    curHopLimit: o.curHopLimit ?? 64,
    flags: { M: false, O: false, H: false, prf: o.prf ?? 'medium' },
    routerLifetime: o.routerLifetime ?? 1800,
    reachableTime: o.reachableTime ?? 0,
    retransTimer: o.retransTimer ?? 0,
    options,
  };
  return frame(from, o.src ?? from.ll, o.dst ?? 'ff02::1', m, o);
}

export interface RsOpts extends FrameOpts {
  src?: Ip6;
  dst?: Ip6;
  slla?: Mac | null;
  code?: number;
}

export function rs(from: Party, o: RsOpts = {}): EthernetFrame {
  const src = o.src ?? from.ll;
  const slla = o.slla === undefined ? (src === '::' ? null : from.mac) : o.slla;
  const m: RouterSolicitation = { type: 133, code: o.code ?? 0, options: slla ? [{ type: 1, lladdr: slla }] : [] };
  return frame(from, src, o.dst ?? 'ff02::2', m, o);
}

export interface RedirectOpts extends FrameOpts {
  src?: Ip6;
  dst?: Ip6;
  target: Ip6;
  destination: Ip6;
  tlla?: Mac | null;
  /** Redirected Header with this many bytes of the original packet (default none). */
  redirected?: number;
  extra?: NdOption[];
  code?: number;
  reserved?: number;
}

export function redirect(from: Party, o: RedirectOpts): EthernetFrame {
  const options: NdOption[] = [];
  if (o.tlla) options.push({ type: 2, lladdr: o.tlla });
  options.push(...(o.extra ?? []));
  if (o.redirected) options.push({ type: 4, packet: new Uint8Array(o.redirected) });
  const m: Redirect = { type: 137, code: o.code ?? 0, target: o.target, destination: o.destination, options };
  if (o.reserved !== undefined) m.reserved = o.reserved;
  return frame(from, o.src ?? from.ll, o.dst ?? NUT_GA, m, o);
}

/** An Echo Request to the NUT; `via` is the Ethernet hop it arrives from (a router for off-link senders). */
export function echo(from: Party, o: FrameOpts & { src?: Ip6; dst?: Ip6; seq?: number; via?: Party } = {}): EthernetFrame {
  const m: Icmpv6Message = { type: 128, code: 0, identifier: 0x7a41, sequence: o.seq ?? 1, data: new Uint8Array(16) };
  const f = frame(o.via ?? from, o.src ?? from.ll, o.dst ?? NUT_LL, m, o);
  return { ...f, ipv6: { ...f.ipv6!, hopLimit: o.hopLimit ?? 64 } };
}

// ------------------------------------------------------ malformed frames

const ICMP_AT = 14 + 40; // Ethernet + IPv6 header, no extension headers

/** Recomputes the ICMPv6 checksum of an encoded frame without extension headers. */
export function fixChecksum(bytes: Uint8Array): Uint8Array {
  const src = bytes.slice(22, 38);
  const dst = bytes.slice(38, 54);
  const sum = icmpv6Checksum(src, dst, bytes, ICMP_AT, bytes.length);
  bytes[ICMP_AT + 2] = sum >> 8;
  bytes[ICMP_AT + 3] = sum & 0xff;
  return bytes;
}

/** The frame with a wrong ICMPv6 checksum. */
export function badChecksum(f: EthernetFrame): Uint8Array {
  const b = encode(f);
  b[ICMP_AT + 2] ^= 0x5a;
  return b;
}

/** The frame with one more option (unknown type 0xfe, 8 bytes) whose length byte is then set to 0. */
export function zeroLengthOption(f: EthernetFrame): Uint8Array {
  const ip = f.ipv6!;
  const m = ip.icmpv6 as Icmpv6Message & { options: NdOption[] };
  const withOpt = { ...f, ipv6: { ...ip, icmpv6: { ...m, options: [...m.options, { type: 0xfe, unknown: true as const, body: new Uint8Array(6) }] } } };
  const b = encode(withOpt);
  b[b.length - 7] = 0; // the length byte of the last (8-byte) option
  return fixChecksum(b);
}

/** The frame's ICMPv6 message cut to `length` bytes, with IPv6 length and checksum to match. */
export function truncated(f: EthernetFrame, length: number): Uint8Array {
  const whole = encode(f);
  const b = whole.slice(0, ICMP_AT + length);
  b[18] = length >> 8;
  b[19] = length & 0xff;
  return fixChecksum(b);
}

/** The frame sent as an atomic fragment (RFC 6946): Fragment header, offset 0, M=0. */
export function atomicFragment(f: EthernetFrame): EthernetFrame {
  const ip = f.ipv6!;
  return { ...f, ipv6: { ...ip, extensionHeaders: [{ kind: 'fragment', fragmentOffset: 0, M: false, identification: 0x1234 }] } };
}

/** The frame's IPv6 payload split in two fragments (8-byte first piece): raw frames. */
export function fragments(f: EthernetFrame): Uint8Array[] {
  const whole = encode(f);
  const ipHeader = whole.slice(14, 54);
  const payload = whole.slice(54);
  const first = payload.slice(0, 8);
  const rest = payload.slice(8);
  const piece = (data: Uint8Array, offset: number, more: boolean): Uint8Array => {
    const b = new Uint8Array(14 + 40 + 8 + data.length);
    b.set(whole.slice(0, 14), 0);
    b.set(ipHeader, 14);
    const plen = 8 + data.length;
    b[18] = plen >> 8;
    b[19] = plen & 0xff;
    b[20] = 44; // next header: Fragment
    b[54] = 58;
    b[55] = 0;
    const word = (offset / 8) << 3 | (more ? 1 : 0);
    b[56] = word >> 8;
    b[57] = word & 0xff;
    b.set([0, 0, 0x12, 0x35], 58);
    b.set(data, 62);
    return b;
  };
  return [piece(first, 0, true), piece(rest, 8, false)];
}

// ------------------------------------------------- neighbour-cache setups

/** TAHI's way to create an INCOMPLETE entry: `p` pings the NUT, which must
 *  resolve `p` to answer (one multicast NS is out when this returns). */
export function makeIncomplete(lab: Lab, p: Party, o: { src?: Ip6; dst?: Ip6 } = {}): void {
  const src = o.src ?? p.ll;
  lab.send(echo(p, { src, dst: o.dst ?? NUT_LL }));
  expect(lab.neighbor(src)?.state).toBe('INCOMPLETE');
}

/** INCOMPLETE, then a solicited NA with `p`'s MAC: REACHABLE. */
export function makeReachable(lab: Lab, p: Party, o: { src?: Ip6; dst?: Ip6; R?: boolean } = {}): void {
  const src = o.src ?? p.ll;
  makeIncomplete(lab, p, o);
  lab.run(0.2);
  lab.send(na(p, { target: src, dst: o.dst ?? NUT_LL, S: true, O: true, R: o.R }));
  expect(lab.neighbor(src)?.state).toBe('REACHABLE');
}

/** REACHABLE, then ReachableTime × MAX_RANDOM_FACTOR runs out (TAHI waits 45 s): STALE. */
export function makeStale(lab: Lab, p: Party, o: { src?: Ip6; dst?: Ip6; R?: boolean } = {}): void {
  makeReachable(lab, p, o);
  lab.run(46);
  expect(lab.neighbor(o.src ?? p.ll)?.state).toBe('STALE');
}

/** STALE, then traffic (DELAY) and DELAY_FIRST_PROBE_TIME: PROBE, first unicast NS just sent. */
export function makeProbe(lab: Lab, p: Party): void {
  makeStale(lab, p);
  lab.send(echo(p, { seq: 2 }));
  expect(lab.neighbor(p.ll)?.state).toBe('DELAY');
  lab.run(5);
  expect(lab.neighbor(p.ll)?.state).toBe('PROBE');
}

/** The resolved states an entry for `p` can be brought to, with their
 *  setups: the rows that test "an entry in state X receives …" loop over it. */
export function resolvedStates(p: Party): [string, (lab: Lab) => void][] {
  return [
    ['REACHABLE', (lab) => makeReachable(lab, p)],
    ['STALE', (lab) => makeStale(lab, p)],
    ['PROBE', (lab) => makeProbe(lab, p)],
  ];
}

/** TR1 advertises PREFIX (plus options) and the NUT's global address passes DAD. */
export function withRouter(lab: Lab, o: RaOpts = {}, router: Party = TR1): void {
  lab.send(ra(router, o));
  lab.run(2.5);
}

/** Echo Replies the NUT sent since `since`, with the Ethernet hop each went to. */
export function echoReplies(lab: Lab, since: Nanos, to?: Ip6): { seq: number; ethDst: Mac; dst: Ip6; time: Nanos; hopLimit: number }[] {
  return lab
    .frames({ type: 129, since, dst: to })
    .map((f) => ({ seq: (f.msg as { sequence: number }).sequence, ethDst: f.frame.dst, dst: f.ip.dst, time: f.time, hopLimit: f.ip.hopLimit }));
}

/** Unicast NS (NUD probes) the NUT sent for `target` since `since`. */
export function unicastProbes(lab: Lab, target: Ip6, since: Nanos): SentFrame[] {
  return lab.frames({ type: 135, target, since }).filter((f) => !f.ip.dst.startsWith('ff'));
}

/** Multicast NS (address resolution) the NUT sent for `target` since `since`. */
export function multicastSolicits(lab: Lab, target: Ip6, since: Nanos): SentFrame[] {
  return lab.frames({ type: 135, target, since, dst: solicitedNodeAddress(target) });
}

/** Runs in 10 ms steps until the node sends a frame matching `q` (at most `seconds`); returns it. */
export function runUntilSent(lab: Lab, q: FrameQuery, seconds = 10): SentFrame {
  const deadline = lab.now + seconds * S;
  const since = q.since ?? lab.now;
  for (;;) {
    const got = lab.frames({ ...q, since });
    if (got.length > 0) return got[0];
    if (lab.now >= deadline) throw new Error(`nothing matching ${JSON.stringify(q)} sent within ${seconds} s`);
    lab.run(0.01);
  }
}

/** The DAD probe the NUT sends for `target` (src ::), waiting for it. */
export function runUntilDadProbe(lab: Lab, target: Ip6, seconds = 10): SentFrame {
  return runUntilSent(lab, { type: 135, src: '::', target }, seconds);
}
