// ping6 on a simulated node: Echo Requests (RFC 4443 §4.1) sent through the
// node's normal output path — so the first one waits for address resolution,
// exactly as on Linux — and the replies, errors and summary reported in
// iputils' words ("64 bytes from …: icmp_seq=1 ttl=64 time=0.412 ms").

import type { Action, Nanos } from '../nd/machine.ts';
import { isMulticast } from '../packet/address-kind.ts';
import { NEXT_HEADER_ICMPV6 } from '../packet/build.ts';
import type { DestinationUnreachable, Echo, Ip6, Ipv6Packet } from '../packet/types.ts';
import type { InterfaceStack } from './interface.ts';
import type { NodeStack } from './node-stack.ts';

export interface PingRequest {
  to: Ip6;
  from?: Ip6;
  count: number;
  intervalNs: Nanos;
  /** ICMP data bytes (iputils default 56). */
  size: number;
  ifname?: string;
}

export interface PingSession {
  id: number;
  to: Ip6;
  transmitted: number;
  received: number;
  errors: number;
  /** Send time of each sequence number, for round-trip times. */
  sentAt: Map<number, Nanos>;
  done: boolean;
  request: PingRequest;
}

/**
 * The source of the Echo Reply to `request`, or null when the interface has
 * no usable address. RFC 4443 §4.2: the reply to a unicast request comes
 * from the request's destination; to a multicast or anycast request, from a
 * unicast address of the interface it arrived on. Linux icmpv6_echo_reply
 * (net/ipv6/icmp.c) keeps the destination only for a unicast one, or an
 * anycast one when anycast_src_echo_reply = 1; otherwise it leaves the
 * source to source address selection (RFC 6724), on that interface, towards
 * the requester. A router's Subnet-Router anycast addresses (RFC 4291
 * §2.6.1) are the anycast destinations a simulated node can have.
 */
export function echoReplySource(
  iface: InterfaceStack,
  request: Ipv6Packet,
  anycastSrcEchoReply: 0 | 1,
  /** Whether an address is anycast on any interface of the node (a router
   *  is a weak host: the request may be for another interface's). */
  isAnycast: (a: Ip6) => boolean = (a) => iface.isAnycast(a),
): Ip6 | null {
  const dst = request.dst;
  if (isMulticast(dst)) return iface.addresses.selectSource(request.src);
  // An address of this interface is unicast; it is checked first so that an
  // address configured by hand that equals a prefix answers from itself.
  if (iface.addresses.addressUse(dst) !== undefined) return dst;
  if (anycastSrcEchoReply === 0 && isAnycast(dst)) return iface.addresses.selectSource(request.src);
  // Anycast with the sysctl on, or (weak host) an address of another interface.
  return dst;
}

/** How long ping waits for the last reply before printing its summary. */
const LINGER: Nanos = 1_000_000_000;

export class PingSessions {
  readonly sessions: PingSession[] = [];

  constructor(private readonly node: NodeStack) {}

  start(req: PingRequest, now: Nanos, out: Action[]): void {
    const s: PingSession = { id: this.sessions.length + 1, to: req.to, transmitted: 0, received: 0, errors: 0, sentAt: new Map(), done: false, request: req };
    this.sessions.push(s);
    this.report(s, 'started', `PING ${req.to}(${req.to}) ${req.size} data bytes`, out);
    this.sendNext(s, now, out);
  }

  onTimer(key: string, now: Nanos, out: Action[]): void {
    // "ping:<id>:next" or "ping:<id>:end"
    const [, idText, what] = key.split(':');
    const s = this.sessions[Number(idText) - 1];
    if (!s || s.done) return;
    if (what === 'next') this.sendNext(s, now, out);
    else this.finish(s, out);
  }

  private sendNext(s: PingSession, now: Nanos, out: Action[]): void {
    const via = s.request.ifname ? this.node.iface(s.request.ifname) : this.node.routeOut(s.to, now);
    const src = s.request.from ?? via?.addresses.selectSource(s.to) ?? null;
    // iputils connect()s its socket first: without a route (no on-link
    // prefix, no default router: RFC 4861 §5.2, RFC 4943) that fails at once.
    const route = via && !isMulticast(s.to) ? via.nextHop.lookup(s.to, now) : null;
    const seq = s.transmitted + 1;
    s.transmitted = seq;
    if (!via || !src || (route && !route.ok)) {
      s.errors++;
      const why = route && !route.ok ? route.reason : `no usable source address for ${s.to}`;
      this.report(s, 'error', `ping: connect: Network is unreachable (${why})`, out);
    } else {
      s.sentAt.set(seq, now);
      const data = new Uint8Array(s.request.size);
      for (let i = 0; i < data.length; i++) data[i] = i & 0xff;
      const echo: Echo = { type: 128, code: 0, identifier: s.id, sequence: seq, data };
      this.node.send(packet(src, s.to, via.params.curHopLimit, echo), now, out, via);
    }
    if (seq < s.request.count) out.push({ kind: 'setTimer', key: `ping:${s.id}:next`, at: now + s.request.intervalNs });
    else out.push({ kind: 'setTimer', key: `ping:${s.id}:end`, at: now + LINGER });
  }

  /** An Echo Request for one of our addresses (or a group we joined). */
  answerEcho(iface: InterfaceStack, ip: Ipv6Packet, m: Echo, now: Nanos, out: Action[]): void {
    const src = echoReplySource(iface, ip, iface.config.stack.anycast_src_echo_reply, (a) => this.node.interfaces.some((s) => s.isAnycast(a)));
    if (!src) return;
    const reply: Echo = { type: 129, code: 0, identifier: m.identifier, sequence: m.sequence, data: m.data };
    iface.output(packet(src, ip.src, iface.params.curHopLimit, reply), now, out);
  }

  onReply(ip: Ipv6Packet, m: Echo | DestinationUnreachable, now: Nanos, out: Action[]): void {
    if (m.type === 129) {
      const s = this.sessions[m.identifier - 1];
      const sent = s?.sentAt.get(m.sequence);
      if (!s || sent === undefined) return;
      s.sentAt.delete(m.sequence);
      s.received++;
      const ms = (now - sent) / 1e6;
      this.report(s, 'reply', `${m.data.length + 8} bytes from ${ip.src}: icmp_seq=${m.sequence} ttl=${ip.hopLimit} time=${ms.toFixed(3)} ms`, out);
      if (s.received + s.errors >= s.request.count && s.transmitted >= s.request.count) this.finish(s, out);
      return;
    }
    if (m.type !== 1) return;
    // Destination Unreachable quoting one of our Echo Requests (offset 40 is
    // the invoking packet's ICMPv6 header).
    const inv = m.invoking;
    if (inv.length < 48 || inv[6] !== NEXT_HEADER_ICMPV6 || inv[40] !== 128) return;
    const id = (inv[44] << 8) | inv[45];
    const seq = (inv[46] << 8) | inv[47];
    const s = this.sessions[id - 1];
    if (!s || !s.sentAt.has(seq)) return;
    s.sentAt.delete(seq);
    s.errors++;
    const what = m.code === 3 ? 'Address unreachable' : m.code === 0 ? 'No route' : `code ${m.code}`;
    this.report(s, 'unreachable', `From ${ip.src} icmp_seq=${seq} Destination unreachable: ${what}`, out);
  }

  /** A packet we originated could not leave: report it if it was a ping. */
  undeliverable(p: Ipv6Packet, reason: string, _now: Nanos, out: Action[]): void {
    const m = p.icmpv6;
    if (!m || 'unknown' in m || m.type !== 128) return;
    const s = this.sessions[m.identifier - 1];
    if (!s || !s.sentAt.has(m.sequence)) return;
    s.sentAt.delete(m.sequence);
    s.errors++;
    this.report(s, 'unreachable', `From ${p.src} icmp_seq=${m.sequence} Destination unreachable: ${reason}`, out);
  }

  private finish(s: PingSession, out: Action[]): void {
    if (s.done) return;
    s.done = true;
    out.push({ kind: 'cancelTimer', key: `ping:${s.id}:end` });
    const loss = s.transmitted ? Math.round(((s.transmitted - s.received) / s.transmitted) * 100) : 0;
    this.report(
      s,
      'done',
      `--- ${s.to} ping statistics ---\n${s.transmitted} packets transmitted, ${s.received} received${s.errors ? `, +${s.errors} errors` : ''}, ${loss}% packet loss`,
      out,
    );
  }

  private report(s: PingSession, to: string, reason: string, out: Action[]): void {
    out.push({
      kind: 'notify',
      change: {
        machine: 'ping',
        ifname: s.request.ifname ?? '',
        key: `ping ${s.id} ${s.to}`,
        from: null,
        to,
        reason,
        reasonId: `ping-${to}`,
        rfc: 'RFC 4443 §4',
        detail: { transmitted: s.transmitted, received: s.received, errors: s.errors },
      },
    });
  }
}

function packet(src: Ip6, dst: Ip6, hopLimit: number, icmpv6: Echo): Ipv6Packet {
  return { trafficClass: 0, flowLabel: 0, hopLimit, src, dst, extensionHeaders: [], nextHeader: NEXT_HEADER_ICMPV6, icmpv6 };
}
