// A whole node (host or router) as one sans-I/O Machine: its interfaces'
// protocol machines, the ICMPv6 input path (validation, destination check,
// dispatch), echo (so `ping` works), and the operator's commands. The
// simulator and live mode drive it through `handle(input, now)` alone.

import type { Action, Input, Machine, Nanos, Random } from '../nd/machine.ts';
import { resolveRadvdConfig, type RadvdConfig, type RadvdConfigInput } from '../nd/radvd-config.ts';
import { validate } from '../packet/validate.ts';
import { RULES } from '../packet/validate-rules.ts';
import type { EthernetFrame, Ip6, Ipv6Packet, Mac, Violation } from '../packet/types.ts';
import type { NodeConfig } from './config.ts';
import { InterfaceStack } from './interface.ts';
import { TIMER_SCOPE_SEP } from './interface-env.ts';
import { PingSessions } from './ping.ts';
import { Forwarder, type ForwardIo, type StaticRoute } from './forwarding.ts';
import { NEXT_HEADER_ICMPV6 } from '../packet/build.ts';

export type NodeRole = 'host' | 'router';

export interface NodeStackOptions {
  name: string;
  role: NodeRole;
  /** Each interface may have its own sysctls (net.ipv6.conf.<if>.*). */
  interfaces: readonly { ifname: string; mac: Mac; config?: NodeConfig }[];
  config: NodeConfig;
  random: Random;
  /** radvd configuration per interface (routers); absent = not advertising. */
  radvd?: Readonly<Record<string, RadvdConfig>>;
  /** Static routes (`ip -6 route add`), used when forwarding (forwarding.ts). */
  routes?: readonly StaticRoute[];
}

/** The first RFC 4861 "discard" violation of a frame, or null. A frame
 *  on a simulated link is decoded once and shared (frozen) by all its
 *  receivers, so the verdict is kept per frame object: an RA to ff02::1 on a
 *  link of 100,000 hosts is validated once, not 100,000 times. */
const verdicts = new WeakMap<EthernetFrame, Violation | null>();

function discardVerdict(frame: EthernetFrame, checksumValid: boolean | null): Violation | null {
  let v = verdicts.get(frame);
  if (v === undefined) {
    v = validate(frame, checksumValid).find((x) => RULES[x.rule as keyof typeof RULES]?.effect === 'discard') ?? null;
    verdicts.set(frame, v);
  }
  return v;
}

/** Scopes an interface machine's timer key by interface: "eth0|nc:fe80::1"
 *  (machines may also scope their own keys: InterfaceView.timerKey). */
const SEP = TIMER_SCOPE_SEP;

export class NodeStack implements Machine {
  readonly name: string;
  readonly role: NodeRole;
  readonly interfaces: InterfaceStack[];
  private pingSessions: PingSessions | null = null;
  private fwd: Forwarder | null = null;
  /** Packets this node forwarded, and why: their frames say so in the trace,
   *  even when they leave later, after address resolution. */
  private forwardedWhy: WeakMap<Ipv6Packet, string> | null = null;

  constructor(readonly opts: NodeStackOptions) {
    this.name = opts.name;
    this.role = opts.role;
    // map(), not push(): an exact-size array (push reserves 17 slots).
    this.interfaces = opts.interfaces.map((i) => new InterfaceStack(i.ifname, i.mac, i.config ?? opts.config, opts.random, this, opts.radvd?.[i.ifname] ?? null));
  }

  /** ping sessions, made on first use (most nodes never ping). */
  get pings(): PingSessions {
    return (this.pingSessions ??= new PingSessions(this));
  }

  /** Forwarding between (and back onto) links, made on first use (routers only). */
  get forwarder(): Forwarder {
    return (this.fwd ??= new Forwarder(this.interfaces, this.opts.routes ?? []));
  }

  /** InterfaceHooks: a packet this node originated could not be delivered
   *  (a forwarded one is someone else's: not reported to our pings). */
  undeliverable(packet: Ipv6Packet, reason: string, now: Nanos, out: Action[]): void {
    if (this.forwardedWhy?.has(packet)) return;
    this.pings.undeliverable(packet, reason, now, out);
  }

  /** An interface by name (a linear scan: nodes have one or a few, and a
   *  Map per node would cost more than it saves). */
  iface(ifname: string): InterfaceStack {
    const list = this.interfaces;
    for (let i = 0; i < list.length; i++) if (list[i].ifname === ifname) return list[i];
    throw new Error(`node "${this.name}" has no interface "${ifname}" (it has: ${this.interfaces.map((s) => s.ifname).join(', ')})`);
  }

  /** The interface a packet to `dst` leaves by: the one with a matching
   *  on-link prefix or default router, else the first that is up. */
  routeOut(dst: Ip6, now: Nanos): InterfaceStack | null {
    let fallback: InterfaceStack | null = null;
    for (const s of this.interfaces) {
      if (!s.up) continue;
      fallback ??= s;
      if (s.rd.prefixes.isOnLink(dst)) return s;
    }
    for (const s of this.interfaces) if (s.up && s.nextHop.firstHop(dst, now) !== null) return s;
    return fallback;
  }

  handle(input: Input, now: Nanos): Action[] {
    const out: Action[] = [];
    switch (input.kind) {
      case 'frame':
        this.receive(input.ifname, input.frame, input.checksumValid ?? null, now, out);
        break;
      case 'timer':
        this.timer(input.key, now, out);
        break;
      case 'link-up': {
        const s = this.iface(input.ifname);
        s.linkUp(now, out);
        this.scopeFrom(s, out, 0);
        break;
      }
      case 'link-down': {
        const s = this.iface(input.ifname);
        s.linkDown(now, out);
        this.scopeFrom(s, out, 0);
        break;
      }
      case 'command':
        this.command(input.name, input.args, now, out);
        break;
    }
    if (this.forwardedWhy !== null) {
      for (const a of out) {
        if (a.kind !== 'send' || a.why !== undefined || !a.frame.ipv6) continue;
        const why = this.forwardedWhy.get(a.frame.ipv6);
        if (why !== undefined) a.why = why;
      }
    }
    return out;
  }

  /** Runs `fn`, then scopes the timer keys it set by the interface. */
  scoped(s: InterfaceStack, out: Action[], fn: () => void): void {
    const start = out.length;
    fn();
    this.scopeFrom(s, out, start);
  }

  /** Scopes the timer keys of out[start…] by the interface (the hot paths
   *  call this directly rather than allocate a closure for `scoped`). The
   *  action is rewritten in place, not copied: every machine pushes a fresh
   *  object literal for each timer action, and nothing else holds it yet. */
  private scopeFrom(s: InterfaceStack, out: Action[], start: number): void {
    for (let i = start; i < out.length; i++) {
      const a = out[i];
      if (a.kind === 'setTimer' || a.kind === 'cancelTimer') {
        if (!a.key.startsWith('ping:') && !a.key.includes(SEP)) a.key = s.ifname + SEP + a.key;
      }
    }
  }

  private timer(key: string, now: Nanos, out: Action[]): void {
    const bar = key.indexOf(SEP);
    if (bar < 0) {
      this.pings.onTimer(key, now, out);
      return;
    }
    const s = this.iface(key.slice(0, bar));
    const start = out.length;
    s.onTimer(key.slice(bar + 1), now, out);
    this.scopeFrom(s, out, start);
  }

  private receive(ifname: string, frame: EthernetFrame, checksumValid: boolean | null, now: Nanos, out: Action[]): void {
    const s = this.iface(ifname);
    const ip = frame.ipv6;
    if (!s.up || !ip) return;
    if (!s.accepts(ip.dst)) {
      // Not for this interface. A router takes a packet for any of its
      // addresses (a weak host) and forwards the rest (RFC 8200 §3, RFC 4861
      // §8.2, forwarding.ts); a host ignores it.
      if (s.config.nd.forwarding !== 1) return;
      // A promiscuous NIC also passes frames for other MACs: those are not
      // ours to route (Linux drops PACKET_OTHERHOST in ipv6_rcv).
      if (frame.dst !== s.mac) return;
      if (this.forwarder.owner(ip.dst) === undefined) {
        this.forwarder.forward(s, frame, ip, now, out, this.forwardIo(now, out));
        return;
      }
    }
    const m = ip.icmpv6;
    if (ip.nextHeader !== NEXT_HEADER_ICMPV6 || !m || 'unknown' in m) return;
    // RFC 4861 §6.1/§7.1/§8.1 validity: a message breaking a "discard" rule is
    // dropped silently, as the RFC says, but the trace is told why.
    const v = discardVerdict(frame, checksumValid);
    if (v !== null) {
      out.push({ kind: 'drop', drop: { ifname, reason: v.message, rule: v.rule, rfc: v.rfc } });
      return;
    }
    const start = out.length;
    if (!s.handleNd(frame, ip, now, out)) {
      if (m.type === 128) this.pings.answerEcho(s, ip, m, now, out);
      else if (m.type === 129 || m.type === 1) this.pings.onReply(ip, m, now, out);
    }
    this.scopeFrom(s, out, start);
  }

  private forwardIo(now: Nanos, out: Action[]): ForwardIo {
    return {
      transmit: (iface, packet, nextHop, why) => {
        (this.forwardedWhy ??= new WeakMap()).set(packet, why);
        this.scoped(iface, out, () => iface.neighbors.output(packet, nextHop, now, out));
      },
    };
  }

  /** Sends a packet the node originates, choosing the interface. */
  send(packet: Ipv6Packet, now: Nanos, out: Action[], via?: InterfaceStack): void {
    const s = via ?? this.routeOut(packet.dst, now);
    if (!s) {
      this.pings.undeliverable(packet, 'network is unreachable: no interface is up', now, out);
      return;
    }
    this.scoped(s, out, () => s.output(packet, now, out));
  }

  // --------------------------------------------------------------- commands

  private command(name: string, args: Readonly<Record<string, unknown>>, now: Nanos, out: Action[]): void {
    const ifname = typeof args.ifname === 'string' ? args.ifname : this.interfaces[0].ifname;
    const s = this.iface(ifname);
    const fail = (message: string) =>
      out.push({ kind: 'notify', change: { machine: 'interface', ifname, key: name, from: null, to: null, reason: message, reasonId: 'command-failed' } });
    switch (name) {
      case 'ip-addr-add':
      case 'ip-addr-del': {
        const address = String(args.address);
        const prefixLength = Number(args.prefixLength ?? 64);
        this.scoped(s, out, () => {
          const r =
            name === 'ip-addr-add'
              ? s.addresses.addManual({ address, prefixLength, nodad: !!args.nodad }, now, out)
              : s.addresses.deleteAddress(address, now, out);
          if (!r.ok) fail(r.error);
          // A router's Subnet-Router anycast addresses follow its addresses.
          else s.addressesChanged(now, out);
        });
        return;
      }
      case 'set-mac':
        this.scoped(s, out, () => s.setMac(String(args.mac), now, out));
        return;
      case 'ping':
        this.pings.start(
          {
            to: String(args.to),
            from: typeof args.from === 'string' ? args.from : undefined,
            count: Number(args.count ?? 1),
            intervalNs: Number(args.intervalNs ?? 1e9),
            size: Number(args.size ?? 56),
            ifname: typeof args.ifname === 'string' ? args.ifname : undefined,
          },
          now,
          out,
        );
        return;
      case 'radvd-stop':
        this.scoped(s, out, () => s.radvd?.stop(now, out));
        return;
      case 'radvd-start':
        this.scoped(s, out, () => s.radvd?.start(now, out));
        return;
      case 'radvd-config': {
        const r = resolveRadvdConfig(args.radvd as RadvdConfigInput, { linkMtu: s.params.mtu });
        if (!r.ok) return void fail(`radvd: ${r.errors.join('; ')}`);
        this.scoped(s, out, () => s.radvd?.reload(r.value, now, out));
        return;
      }
      default:
        fail(`unknown command "${name}"`);
    }
  }
}
