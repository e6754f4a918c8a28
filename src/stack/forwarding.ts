// A router forwarding packets between (and back onto) its links, and the
// Redirects it sends on the way (RFC 4861 §8.2).
//
// A packet that arrives on an interface with forwarding on and is not for
// the node is looked up in the node's routing table — the prefix of every
// address configured by hand (Linux's "proto kernel" routes) and the static
// routes of the scenario (`ip -6 route add PREFIX via NEXTHOP dev IF`),
// longest prefix first — and sent on with its hop limit decremented
// (RFC 8200 §3). When it leaves by the interface it came in on, its sender
// could have reached the next hop directly: the router tells it so with a
// Redirect, as Linux ip6_forward does, and still forwards this packet.
//
// Not modelled: ICMPv6 errors (Destination Unreachable, Time Exceeded);
// such packets are dropped with a reason in the trace.

import type { Action, Nanos } from '../nd/machine.ts';
import { isLinkLocal, isMulticast, isUnspecified } from '../packet/address-kind.ts';
import { inPrefix } from '../packet/address.ts';
import { encode } from '../packet/encode.ts';
import { icmpv6Frame } from '../packet/build.ts';
import type { EthernetFrame, Ip6, Ipv6Packet, NdOption, Redirect } from '../packet/types.ts';
import type { InterfaceStack } from './interface.ts';

/** `ip -6 route add PREFIX [via NEXTHOP] [dev IF]`. */
export interface StaticRoute {
  prefix: Ip6;
  prefixLength: number;
  /** Next-hop router; absent = the prefix is on-link on `ifname`. */
  via?: Ip6;
  /** Interface; default: the one whose on-link prefix covers `via`, else the first. */
  ifname?: string;
}

/** What forwarding needs from the node: hand a packet to an interface's
 *  neighbour cache (address resolution, queueing), remembering why. */
export interface ForwardIo {
  transmit(iface: InterfaceStack, packet: Ipv6Packet, nextHop: Ip6, why: string): void;
}

export interface Route {
  iface: InterfaceStack;
  /** The neighbour the packet is handed to: the router, or the destination itself. */
  nextHop: Ip6;
  /** true when the destination is on the link (no router in between). */
  onLink: boolean;
  /** How the route was found, for the trace. */
  describe: string;
}

/** RFC 2460/8200 minimum MTU: a Redirect, with its quoted packet, fits in it (RFC 4861 §4.5). */
const IPV6_MIN_MTU = 1280;
const IPV6_HEADER = 40;
const REDIRECT_FIXED = 40;
/** Linux inet_peer_xrlim_allow: a burst of 6 Redirects per destination, then one per second. */
const REDIRECT_BURST = 6;
const REDIRECT_INTERVAL: Nanos = 1_000_000_000;

interface TokenBucket {
  tokens: number;
  at: Nanos;
}

export class Forwarder {
  /** Token buckets for Redirects. Linux keeps two: one per destination of
   *  the forwarded packet (ip6_forward, keyed by hdr->daddr) and one per its
   *  source, the Redirect's receiver (ndisc_send_redirect, keyed by saddr):
   *  "Limit redirects both by destination (here) and by source (inside
   *  ndisc_send_redirect)". With only the first, a host sending to many
   *  destinations drew a Redirect for each, past RFC 4861 §8.2's limit. */
  private readonly redirectTokens = { byDestination: new Map<Ip6, TokenBucket>(), bySource: new Map<Ip6, TokenBucket>() };

  constructor(
    private readonly interfaces: readonly InterfaceStack[],
    readonly routes: readonly StaticRoute[],
  ) {}

  /** The interface of ours that owns `addr`, if any (a router is a weak host:
   *  a packet for any of its addresses is for it, whichever link it came by;
   *  its Subnet-Router anycast addresses too, which Linux keeps as local
   *  routes, `anycast P dev IF table local`). */
  owner(addr: Ip6): InterfaceStack | undefined {
    return this.interfaces.find((s) => s.addresses.addressUse(addr) !== undefined || s.isAnycast(addr));
  }

  /** Longest-prefix match over connected prefixes and static routes. */
  lookup(dst: Ip6): Route | null {
    let best: Route | null = null;
    let bestLen = -1;
    for (const s of this.interfaces) {
      if (!s.up) continue;
      for (const e of s.addresses.entries()) {
        if (e.origin !== 'manual' || e.noprefixroute || e.tentative || e.dadFailed) continue;
        if (e.prefixLength > bestLen && inPrefix(dst, e.address, e.prefixLength)) {
          best = { iface: s, nextHop: dst, onLink: true, describe: `${e.address}/${e.prefixLength} is on ${s.ifname}` };
          bestLen = e.prefixLength;
        }
      }
    }
    for (const r of this.routes) {
      if (r.prefixLength <= bestLen || !inPrefix(dst, r.prefix, r.prefixLength)) continue;
      const iface = this.routeInterface(r);
      if (!iface || !iface.up) continue;
      best = r.via === undefined
        ? { iface, nextHop: dst, onLink: true, describe: `route ${r.prefix}/${r.prefixLength} dev ${iface.ifname}` }
        : { iface, nextHop: r.via, onLink: false, describe: `route ${r.prefix}/${r.prefixLength} via ${r.via} dev ${iface.ifname}` };
      bestLen = r.prefixLength;
    }
    return best;
  }

  private routeInterface(r: StaticRoute): InterfaceStack | undefined {
    if (r.ifname !== undefined) return this.interfaces.find((s) => s.ifname === r.ifname);
    if (r.via !== undefined && !isLinkLocal(r.via)) {
      const connected = this.interfaces.find((s) => s.addresses.entries().some((e) => e.origin === 'manual' && inPrefix(r.via!, e.address, e.prefixLength)));
      if (connected) return connected;
    }
    return this.interfaces[0];
  }

  /**
   * A packet that came in on `inIface` and is not for us. Returns without a
   * trace when forwarding is off on that interface (a host silently ignores
   * packets for others, RFC 8200 §3).
   */
  forward(inIface: InterfaceStack, frame: EthernetFrame, ip: Ipv6Packet, now: Nanos, out: Action[], io: ForwardIo): void {
    if (inIface.config.nd.forwarding !== 1 || isMulticast(ip.dst)) return;
    const drop = (reason: string, rule: string, rfc: string) => out.push({ kind: 'drop', drop: { ifname: inIface.ifname, reason, rule, rfc } });
    // RFC 4291 §2.5.6: "Routers must not forward any packets with Link-Local
    // source or destination addresses to other links" — nor back onto this one.
    if (isLinkLocal(ip.src) || isLinkLocal(ip.dst) || isUnspecified(ip.src)) {
      return void drop(`not forwarded: ${ip.src} → ${ip.dst} has a link-local or unspecified address`, 'forward-link-local', 'RFC 4291 §2.5.6');
    }
    const route = this.lookup(ip.dst);
    if (!route) return void drop(`not forwarded: no route to ${ip.dst}`, 'forward-no-route', 'RFC 4861 §5.2');
    // RFC 8200 §3: the hop limit is decremented by 1 by each node that
    // forwards the packet; at 0 it is discarded (Time Exceeded not modelled).
    if (ip.hopLimit <= 1) return void drop(`not forwarded: hop limit ${ip.hopLimit} would reach 0`, 'forward-hop-limit', 'RFC 8200 §3');

    if (route.iface === inIface) this.maybeRedirect(inIface, frame, ip, route, now, out, io);
    const packet: Ipv6Packet = { ...ip, hopLimit: ip.hopLimit - 1 };
    delete packet.payloadLength;
    delete packet.trailer;
    const why = `forwarded from ${inIface.ifname} to ${route.iface.ifname} (${route.describe}); hop limit ${ip.hopLimit} → ${ip.hopLimit - 1} (RFC 8200 §3)`;
    io.transmit(route.iface, packet, route.nextHop, why);
  }

  /**
   * RFC 4861 §8.2: "A router SHOULD send a redirect message … whenever it
   * forwards a packet that is not explicitly addressed to itself … in which:
   * the Source Address field of the packet identifies a neighbor, and the
   * router determines … that a better first-hop node resides on the same
   * link as the sending node for the Destination Address …, and the
   * Destination Address of the packet is not a multicast address."
   */
  private maybeRedirect(s: InterfaceStack, frame: EthernetFrame, ip: Ipv6Packet, route: Route, now: Nanos, out: Action[], io: ForwardIo): void {
    // The packet is forwarded all the same, so a Redirect not sent is no
    // drop; these checks stay silent, as Linux's (which only log).
    // §8.2: "A router MUST limit the rate at which Redirect messages are
    // sent". Linux ip6_forward spends a token of the destination's bucket
    // first, before any of ndisc_send_redirect's checks below.
    if (!this.allowRedirect(this.redirectTokens.byDestination, ip.dst, now)) return;
    // §4.5: the source is the link-local address of the interface.
    const src = s.addresses.usableLinkLocal();
    if (src === null) return;
    // §8.2: "the Target Address MUST be the router's link-local address"
    // when the better first hop is a router (Linux: "Redirect: target
    // address is not link-local unicast").
    const target = route.onLink ? ip.dst : route.nextHop;
    if (!route.onLink && !isLinkLocal(target)) return;
    // §8.2: "the Source Address field of the packet identifies a neighbor".
    // Linux ndisc_send_redirect decides it by the route back to the source
    // on this interface: none, or one via a gateway ("Redirect: destination
    // is not a neighbour"), and no Redirect. Matching the interface's own
    // prefixes instead missed sources on-link by a static route (`ip -6
    // route add P dev eth0`) and took in those a more specific route sends
    // through another router.
    const back = this.lookup(ip.src);
    if (back === null || !back.onLink || back.iface !== s) return;
    // Linux ndisc_send_redirect: then a token of the source's bucket.
    if (!this.allowRedirect(this.redirectTokens.bySource, ip.src, now)) return;

    const options: NdOption[] = [];
    // §8.2: "the link-layer address of the target, if known".
    const known = s.neighbors.get(target);
    if (known?.lladdr && known.state !== 'INCOMPLETE' && known.state !== 'FAILED') options.push({ type: 2, lladdr: known.lladdr });
    // §8.2: "as much of the forwarded packet as can fit without the redirect
    // packet exceeding the minimum MTU" — the packet as received (before the
    // hop limit is decremented), cut to whole 8-byte units as Linux does.
    const received = encode({ ...frame, vlan: undefined }).subarray(14);
    const room = IPV6_MIN_MTU - IPV6_HEADER - REDIRECT_FIXED - options.length * 8 - 8;
    const quoted = received.slice(0, Math.min(room, received.length) & ~7);
    options.push({ type: 4, packet: quoted });
    const redirect: Redirect = { type: 137, code: 0, target, destination: ip.dst, options };
    // Sent to the packet's source, at the link-layer address it came from.
    const f = icmpv6Frame(s.mac, src, ip.src, redirect, { dstMac: frame.src });
    out.push({
      kind: 'send', ifname: s.ifname, frame: f,
      why: `Redirect: ${ip.dst} is better reached ${route.onLink ? 'directly (it is on-link)' : `through ${target}`}; the packet from ${ip.src} came in and goes out on ${s.ifname} (RFC 4861 §8.2)`,
    });
  }

  /** Linux inet_peer_xrlim_allow: a new peer starts with a full burst. */
  private allowRedirect(buckets: Map<Ip6, TokenBucket>, key: Ip6, now: Nanos): boolean {
    const b = buckets.get(key) ?? { tokens: REDIRECT_BURST, at: now };
    b.tokens = Math.min(REDIRECT_BURST, b.tokens + (now - b.at) / REDIRECT_INTERVAL);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
