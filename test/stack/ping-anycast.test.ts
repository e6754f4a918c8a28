// The source of an Echo Reply to a router's Subnet-Router anycast address
// (RFC 4291 §2.6.1). RFC 4443 §4.2 wants a unicast address of the receiving
// interface; Linux icmpv6_echo_reply keeps the request's destination only when
// it is unicast (or anycast with net.ipv6.anycast_src_echo_reply = 1, default
// 0) and otherwise lets source address selection (RFC 6724) choose.

import { describe, expect, it } from 'vitest';
import { solicitedNodeAddress } from '../../src/packet/address.ts';
import type { Echo } from '../../src/packet/types.ts';
import { echoReplySource } from '../../src/stack/ping.ts';
import { echo, expectFrames, ns, NUT_LL, NUT_MAC, party, simPair, type Lab } from './harness.ts';

const ROUTER_GA = '2001:db8::1';
const SUBNET_ANYCAST = '2001:db8::';
const SECOND_GA = '2001:db8:0:1::1';
const SECOND_ANYCAST = '2001:db8:0:1::';
/** A host on 2001:db8::/64 (the tester plays it). */
const H = party('H', '00:00:00:00:0b:0b', '2001:db8::');

/** A forwarding router with 2001:db8::1/64 (and optionally a second /64) that already knows H's MAC. */
function router(opts: { second?: boolean; role?: 'router' | 'host' } = {}): Lab {
  const lab = simPair({ role: opts.role ?? 'router' }).ready();
  lab.command('ip-addr-add', { address: ROUTER_GA, prefixLength: 64, nodad: true });
  if (opts.second) lab.command('ip-addr-add', { address: SECOND_GA, prefixLength: 64, nodad: true });
  lab.run(0.01);
  // H's NS (with its SLLA) puts H's global and link-local addresses in the
  // cache, so the replies leave at once instead of waiting for resolution.
  lab.send(ns(H, { src: H.ga, target: ROUTER_GA, dst: solicitedNodeAddress(ROUTER_GA) }));
  lab.send(ns(H, { src: H.ll, target: NUT_LL }));
  lab.run(0.01);
  return lab;
}

function ping(lab: Lab, src: string, dst: string, seq: number) {
  const t = lab.now;
  lab.send(echo(H, { src, dst, seq, dstMac: NUT_MAC }));
  lab.run(0.01);
  return expectFrames(lab.sink, { type: 129, since: t }, 1)[0];
}

describe('Echo Reply to an anycast address (RFC 4443 §4.2, Linux icmpv6_echo_reply)', () => {
  it('a router with 2001:db8::1/64 answers a ping to 2001:db8:: from 2001:db8::1, never from the anycast address', () => {
    const lab = router();
    expect(lab.iface().isAnycast(SUBNET_ANYCAST)).toBe(true);
    const f = ping(lab, H.ga, SUBNET_ANYCAST, 7);
    expect(f.ip.src).toBe(ROUTER_GA);
    expect(f.ip.dst).toBe(H.ga);
    expect(f.frame.dst).toBe(H.mac);
    const m = f.msg as Echo;
    expect(m.sequence).toBe(7);
    expect(m.identifier).toBe(0x7a41);
    expect(m.data).toEqual(new Uint8Array(16));
  });

  it('the link-local Subnet-Router anycast address fe80:: is answered from the router\'s link-local address', () => {
    const lab = router();
    expect(lab.iface().isAnycast('fe80::')).toBe(true);
    const f = ping(lab, H.ll, 'fe80::', 1);
    expect(f.ip.src).toBe(NUT_LL);
    expect(f.ip.dst).toBe(H.ll);
  });

  it('the source is chosen by source address selection towards the requester, not taken from the anycast address\'s prefix', () => {
    // 2001:db8:0:1:: is the anycast address of the second prefix, but H is on
    // 2001:db8::/64: RFC 6724 rule 8 (longest matching prefix) picks 2001:db8::1.
    const lab = router({ second: true });
    expect(lab.iface().isAnycast(SECOND_ANYCAST)).toBe(true);
    const f = ping(lab, H.ga, SECOND_ANYCAST, 2);
    expect(f.ip.src).toBe(ROUTER_GA);
    expect(f.ip.dst).toBe(H.ga);
  });

  it('a unicast request still gets the request\'s destination as source, even where selection would pick another address', () => {
    const lab = router({ second: true });
    // To the second global address from H: selection would prefer 2001:db8::1.
    expect(ping(lab, H.ga, SECOND_GA, 3).ip.src).toBe(SECOND_GA);
    // To the link-local address from H's global address: selection would pick a global one.
    expect(ping(lab, H.ga, NUT_LL, 4).ip.src).toBe(NUT_LL);
  });

  it('weak host: a ping arriving on eth0 for the anycast address of eth1\'s prefix is answered, from a unicast address, not forwarded to eth1', () => {
    const lab = simPair({ role: 'router', secondLink: 'lan1' }).ready();
    lab.command('ip-addr-add', { address: ROUTER_GA, prefixLength: 64, nodad: true });
    lab.command('ip-addr-add', { address: '2001:db8:5::1', prefixLength: 64, nodad: true, ifname: 'eth1' });
    lab.run(0.01);
    lab.send(ns(H, { src: H.ga, target: ROUTER_GA, dst: solicitedNodeAddress(ROUTER_GA) }));
    lab.run(0.01);
    expect(lab.stack().iface('eth1').isAnycast('2001:db8:5::')).toBe(true);
    expect(lab.stack().iface('eth0').isAnycast('2001:db8:5::')).toBe(false);
    const t = lab.now;
    lab.send(echo(H, { src: H.ga, dst: '2001:db8:5::', seq: 9, dstMac: NUT_MAC }));
    lab.run(0.01);
    const [reply] = expectFrames(lab.sink, { type: 129, since: t }, 1);
    expect(reply.ip.src).toBe(ROUTER_GA);
    expect(reply.ip.dst).toBe(H.ga);
    // Nothing went out on eth1: no forwarded request, no address resolution for it.
    expect(lab.frames({ since: t, ifname: 'eth1' })).toEqual([]);
  });

  it('anycast_src_echo_reply = 1 (a scenario sysctl) answers from the anycast address itself', () => {
    const lab = simPair({ role: 'router', sysctl: { anycast_src_echo_reply: 1 } }).ready();
    lab.command('ip-addr-add', { address: ROUTER_GA, prefixLength: 64, nodad: true });
    lab.run(0.01);
    lab.send(ns(H, { src: H.ga, target: ROUTER_GA, dst: solicitedNodeAddress(ROUTER_GA) }));
    lab.run(0.01);
    expect(ping(lab, H.ga, SUBNET_ANYCAST, 8).ip.src).toBe(SUBNET_ANYCAST);
  });

  it('a host has no anycast addresses: a ping to 2001:db8:: is not for it and goes unanswered', () => {
    const lab = router({ role: 'host' });
    expect(lab.iface().isAnycast(SUBNET_ANYCAST)).toBe(false);
    const t = lab.now;
    lab.send(echo(H, { src: H.ga, dst: SUBNET_ANYCAST, seq: 5, dstMac: NUT_MAC }));
    lab.run(0.01);
    expect(lab.frames({ type: 129, since: t })).toEqual([]);
  });

  it('echoReplySource: anycast_src_echo_reply = 1 keeps the anycast address, 0 selects; unicast and multicast are unaffected', () => {
    const lab = router({ second: true });
    const iface = lab.iface();
    const req = (dst: string) => echo(H, { src: H.ga, dst, dstMac: NUT_MAC }).ipv6!;
    expect(echoReplySource(iface, req(SUBNET_ANYCAST), 0)).toBe(ROUTER_GA);
    expect(echoReplySource(iface, req(SUBNET_ANYCAST), 1)).toBe(SUBNET_ANYCAST);
    expect(echoReplySource(iface, req(SECOND_ANYCAST), 1)).toBe(SECOND_ANYCAST);
    expect(echoReplySource(iface, req(SECOND_GA), 0)).toBe(SECOND_GA);
    expect(echoReplySource(iface, req(SECOND_GA), 1)).toBe(SECOND_GA);
    expect(echoReplySource(iface, req('ff02::1'), 0)).toBe(ROUTER_GA);
    expect(echoReplySource(iface, req('ff02::1'), 1)).toBe(ROUTER_GA);
  });
});
