// A router forwarding packets back onto the link they came from, and the
// Redirects it sends (RFC 4861 §8.2), on the TAHI bench: the NUT is the
// router (2001:db8:1::1/64, with a static route to TN2's network via TR1),
// the tester plays host TN1 and router TR1.

import { describe, expect, it } from 'vitest';
import type { Redirect, RedirectedHeaderOption } from '../../src/packet/types.ts';
import { encode } from '../../src/packet/encode.ts';
import { ipRouteShow } from '../../src/stack/show.ts';
import { echo, expectFrames, na, NUT_MAC, simPair, TN1, TN2, TR1, type Lab } from './harness.ts';

const OFFLINK = '2001:db8:2::';

function router(): Lab {
  const lab = simPair({ role: 'router', routes: [{ prefix: OFFLINK, prefixLength: 64, via: TR1.ll }] });
  lab.command('ip-addr-add', { address: '2001:db8:1::1', prefixLength: 64 });
  return lab.ready().run(2);
}

/** TN1 → TN2, sent to the NUT's MAC (the NUT is TN1's default router). */
const fromTn1 = (o: { seq?: number; hopLimit?: number; src?: string } = {}) =>
  echo(TN1, { src: o.src ?? TN1.ga, dst: TN2.ga, dstMac: NUT_MAC, seq: o.seq, hopLimit: o.hopLimit ?? 64 });

describe('forwarding (RFC 8200 §3) and Redirect (RFC 4861 §8.2)', () => {
  it('a packet back out of its own interface: Redirect to the sender naming the better first hop, then the packet forwarded with hop limit − 1', () => {
    const lab = router();
    const t0 = lab.now;
    const sent = fromTn1();
    lab.send(sent);
    const [rd] = expectFrames(lab.sink, { type: 137, since: t0 }, 1);
    const m = rd.msg as Redirect;
    expect(rd.ip.src).toBe(lab.iface().addresses.usableLinkLocal());
    expect(rd.ip.dst).toBe(TN1.ga);
    expect(rd.ip.hopLimit).toBe(255);
    expect(rd.frame.dst).toBe(TN1.mac);
    expect(m.target).toBe(TR1.ll);
    expect(m.destination).toBe(TN2.ga);
    // TR1's MAC is not known yet: no TLLA; the whole packet as received is quoted.
    expect(m.options.some((o) => o.type === 2)).toBe(false);
    const rh = m.options.find((o) => o.type === 4) as RedirectedHeaderOption;
    expect(Array.from(rh.packet)).toEqual(Array.from(encode(sent).subarray(14)));
    // The NUT resolves TR1 and forwards once it answers.
    expectFrames(lab.sink, { type: 135, target: TR1.ll, since: t0 }, 1);
    lab.send(na(TR1, { R: true, S: true }));
    const [fwd] = expectFrames(lab.sink, { type: 128, dst: TN2.ga, ethDst: TR1.mac, since: t0 }, 1);
    expect(fwd.ip.src).toBe(TN1.ga);
    expect(fwd.ip.hopLimit).toBe(63);
  });

  it('the Redirect carries TR1’s MAC once known, and is rate-limited per destination (a burst of 6, then one per second)', () => {
    const lab = router();
    lab.send(fromTn1());
    lab.send(na(TR1, { R: true, S: true }));
    const t0 = lab.now;
    for (let i = 2; i <= 9; i++) lab.send(fromTn1({ seq: i }));
    const redirects = expectFrames(lab.sink, { type: 137, since: t0 }, 5);
    expect((redirects[0].msg as Redirect).options[0]).toEqual({ type: 2, lladdr: TR1.mac });
    expectFrames(lab.sink, { type: 128, dst: TN2.ga, since: t0 }, 8);
    lab.run(1.5);
    const t1 = lab.now;
    lab.send(fromTn1({ seq: 10 })).send(fromTn1({ seq: 11 }));
    expectFrames(lab.sink, { type: 137, since: t1 }, 1);
  });

  it('a destination on the link itself: the Redirect says so (target = destination)', () => {
    const lab = router();
    const t0 = lab.now;
    lab.send(echo(TN1, { src: TN1.ga, dst: '2001:db8:1::99', dstMac: NUT_MAC }));
    const [rd] = expectFrames(lab.sink, { type: 137, since: t0 }, 1);
    expect((rd.msg as Redirect).target).toBe('2001:db8:1::99');
    expect((rd.msg as Redirect).destination).toBe('2001:db8:1::99');
  });

  it('not forwarded: hop limit 1, a link-local source, no route; a host forwards nothing', () => {
    const lab = router();
    const t0 = lab.now;
    lab.send(fromTn1({ hopLimit: 1 }));
    lab.send(fromTn1({ src: TN1.ll }));
    lab.send(echo(TN1, { src: TN1.ga, dst: '2001:db8:77::1', dstMac: NUT_MAC }));
    lab.run(3);
    expect(lab.drops('nut', t0)).toEqual(['forward-hop-limit', 'forward-link-local', 'forward-no-route']);
    expectFrames(lab.sink, { type: 137, since: t0 }, 0);
    expectFrames(lab.sink, { type: 128, since: t0 }, 0);

    const host = simPair().ready().run(1);
    const t1 = host.now;
    host.send(fromTn1());
    host.run(2);
    expect(host.frames({ since: t1 })).toEqual([]);
    expect(host.drops('nut', t1)).toEqual([]);
  });

  it('ip -6 route show lists the static route as iproute2 does', () => {
    const lab = router();
    expect(ipRouteShow(lab.stack(), lab.now).split('\n')).toContain(`2001:db8:2::/64 via ${TR1.ll} dev eth0 metric 1024 pref medium`);
  });
});
