import { describe, expect, it } from 'vitest';
import type { Ip6, NdOption, RouterAdvertisement } from '../../src/packet/types.ts';
import type { AddressUse, InterfaceView, LinkParameters } from '../../src/nd/interface-view.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos, type StateChange } from '../../src/nd/machine.ts';
import { LINUX_HOST_DEFAULTS } from '../../src/nd/config.ts';
import { RouterDiscovery, type RdConfig } from '../../src/nd/router-discovery.ts';
import { formatRdRoutes } from '../../src/nd/rd-format.ts';
import { mulberry32 } from '../support/random.ts';
import { FakeClock, linkParams } from './fake-clock.ts';

const S = NS_PER_S;
const LL = 'fe80::211:22ff:fe33:4455';
const MAC = '00:11:22:33:44:55';
const R1 = 'fe80::1';
const R2 = 'fe80::2';

interface Fake {
  view: InterfaceView;
  params: LinkParameters;
  setUse(u: AddressUse | undefined): void;
  router: boolean;
}

function fakeView(opts: { use?: AddressUse; router?: boolean; random?: () => number } = {}): Fake {
  let use: AddressUse | undefined = opts.use ?? 'preferred';
  const params = linkParams();
  const fake: Fake = {
    params,
    router: opts.router ?? false,
    setUse: (u) => (use = u),
    view: {
      ifname: 'eth0',
      mac: () => MAC,
      params,
      isRouter: () => fake.router,
      addressUse: (a) => (a === LL ? use : undefined),
      selectSource: () => (use && use !== 'tentative' && use !== 'duplicate' ? LL : null),
      random: opts.random ?? mulberry32(7),
    },
  };
  return fake;
}

/** Fake clock that also keeps what the machine sent, reported and dropped. */
class Driver extends FakeClock {
  readonly sent: Array<{ at: Nanos; action: Extract<Action, { kind: 'send' }> }> = [];
  readonly changes: StateChange[] = [];
  readonly drops: string[] = [];
  constructor(private readonly rd: RouterDiscovery) {
    super();
  }
  protected fire(key: string, now: Nanos, out: Action[]): void {
    this.rd.onTimer(key, now, out);
  }
  protected record(a: Action): void {
    if (a.kind === 'send') this.sent.push({ at: this.now, action: a });
    else if (a.kind === 'notify') this.changes.push(a.change);
    else if (a.kind === 'drop') this.drops.push(a.drop.reason);
  }
}

function config(over: Partial<RdConfig> = {}): RdConfig {
  return { ...LINUX_HOST_DEFAULTS, router_solicitations: 3, ...over };
}

function ra(over: Partial<RouterAdvertisement> = {}, options: NdOption[] = []): RouterAdvertisement {
  return {
    type: 134, code: 0, curHopLimit: 64, flags: { M: false, O: false, H: false, prf: 'medium' },
    routerLifetime: 1800, reachableTime: 0, retransTimer: 0, options, ...over,
  };
}

function setup(cfg: Partial<RdConfig> = {}, view: Partial<Parameters<typeof fakeView>[0]> = {}) {
  const fake = fakeView(view);
  const rd = new RouterDiscovery(fake.view, config(cfg));
  const d = new Driver(rd);
  return { fake, rd, d };
}

describe('Router Solicitation (RFC 4861 §6.3.7)', () => {
  it('v6LC.2.2.1: at most 3 RS, 4 s apart, the first within router_solicitation_delay', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(60 * S);
    const times = d.sent.map((s) => s.at);
    expect(times).toHaveLength(3);
    expect(times[0]).toBeLessThanOrEqual(1 * S);
    expect(times[1] - times[0]).toBe(4 * S);
    expect(times[2] - times[1]).toBe(4 * S);
    const f = d.sent[0].action.frame;
    expect(f.dst).toBe('33:33:00:00:00:02');
    expect(f.ipv6?.src).toBe(LL);
    expect(f.ipv6?.dst).toBe('ff02::2');
    expect(f.ipv6?.hopLimit).toBe(255);
    expect(f.ipv6?.icmpv6).toMatchObject({ type: 133, options: [{ type: 1, lladdr: MAC }] });
    expect(rd.solicit).toBe('no-routers');
    expect(d.changes.filter((c) => c.reasonId === 'rd.rs.gave-up')).toHaveLength(1);
  });

  it('concludes "no routers" one RTR_SOLICITATION_INTERVAL after the last RS', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(9 * S + 1);
    const last = d.sent[2].at;
    d.runUntil(last + 4 * S - 1);
    expect(rd.solicit).toBe('soliciting');
    d.runUntil(last + 4 * S);
    expect(rd.solicit).toBe('no-routers');
  });

  it('waits for a non-tentative link-local before the first RS, as Linux does', () => {
    const { fake, rd, d } = setup({}, { use: 'tentative' });
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(10 * S);
    expect(d.sent).toHaveLength(0);
    expect(rd.solicit).toBe('waiting-for-link-local');
    fake.setUse('preferred');
    d.do((out, now) => rd.onAddressesChanged(now, out, true));
    d.runUntil(10 * S);
    expect(d.sent.map((s) => s.at)).toEqual([10 * S]);
  });

  it('an RA heard during link-local DAD does not cancel the first RS (Linux), but no RS follows it', () => {
    const { fake, rd, d } = setup({}, { use: 'tentative' });
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(1 * S);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra(), now, out));
    fake.setUse('preferred');
    d.runUntil(2 * S);
    d.do((out, now) => rd.onAddressesChanged(now, out, true));
    d.runUntil(30 * S);
    expect(d.sent.map((s) => s.at)).toEqual([2 * S]);
    expect(rd.solicit).toBe('done');
  });

  it('an RS from an optimistic link-local carries no SLLA (RFC 4429 §3.2)', () => {
    const { rd, d } = setup({}, { use: 'optimistic' });
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(2 * S);
    expect(d.sent[0].action.frame.ipv6?.icmpv6).toMatchObject({ type: 133, options: [] });
  });

  it('v6LC.2.2.2: a valid RA stops RS retransmission', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(2 * S);
    expect(d.sent).toHaveLength(1);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra(), now, out));
    d.runUntil(30 * S);
    expect(d.sent).toHaveLength(1);
    expect(rd.solicit).toBe('done');
  });

  it('an RA with Router Lifetime 0 does not stop soliciting (§6.3.7 "non-zero Router Lifetime")', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(2 * S);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ routerLifetime: 0 }), now, out));
    d.runUntil(30 * S);
    expect(d.sent).toHaveLength(3);
  });

  it('router_solicitations = -1 (Linux default) keeps soliciting with RFC 7559 backoff', () => {
    const { rd, d } = setup({ router_solicitations: -1 });
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(200 * S);
    const t = d.sent.map((s) => s.at);
    expect(t.length).toBeGreaterThanOrEqual(5);
    const gaps = t.slice(1).map((x, i) => x - t[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(3.6 * S);
    expect(gaps[0]).toBeLessThanOrEqual(4.4 * S);
    for (let i = 1; i < gaps.length; i++) {
      expect(gaps[i] / gaps[i - 1]).toBeGreaterThanOrEqual(1.8 - 1e-9);
      expect(gaps[i] / gaps[i - 1]).toBeLessThanOrEqual(2.2 + 1e-9);
    }
  });

  it('sends no RS when RAs would be ignored (accept_ra = 0)', () => {
    const { rd, d } = setup({ accept_ra: 0 });
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(20 * S);
    expect(d.sent).toHaveLength(0);
  });
});

describe('RA acceptance (Linux ipv6_accept_ra)', () => {
  const cases: Array<{ name: string; accept_ra: 0 | 1 | 2; router: boolean; accepted: boolean }> = [
    { name: 'host, accept_ra=1', accept_ra: 1, router: false, accepted: true },
    { name: 'host, accept_ra=0', accept_ra: 0, router: false, accepted: false },
    { name: 'router, accept_ra=1', accept_ra: 1, router: true, accepted: false },
    { name: 'router, accept_ra=2', accept_ra: 2, router: true, accepted: true },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.accepted ? 'processed' : "dropped with Linux's reason"}`, () => {
      const { rd, d } = setup({ accept_ra: c.accept_ra }, { router: c.router });
      let accepted = false;
      d.do((out, now) => (accepted = rd.onRouterAdvertisement(R1, ra(), now, out)));
      expect(accepted).toBe(c.accepted);
      expect(rd.routers.size).toBe(c.accepted ? 1 : 0);
      if (!c.accepted) expect(d.drops[0]).toContain('RA: ndisc_router_discovery, did not accept ra for dev: eth0');
    });
  }
});

describe('RA parameters adopted (RFC 4861 §6.3.4)', () => {
  it('v6LC.2.2.13: CurHopLimit 0 keeps the hop limit, non-zero replaces it', () => {
    const { fake, rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ curHopLimit: 0 }), now, out));
    expect(fake.params.curHopLimit).toBe(64);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ curHopLimit: 15 }), now, out));
    expect(fake.params.curHopLimit).toBe(15);
  });

  it('v6LC.2.2.15: Reachable Time becomes BaseReachableTime and ReachableTime is redrawn in [0.5, 1.5] × base', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { fake, rd, d } = setup({}, { random: mulberry32(seed) });
      d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ reachableTime: 10_000 }), now, out));
      expect(fake.params.baseReachableTimeMs).toBe(10_000);
      expect(fake.params.reachableTimeMs).toBeGreaterThanOrEqual(5_000);
      expect(fake.params.reachableTimeMs).toBeLessThanOrEqual(15_000);
    }
  });

  it('the same Reachable Time again does not redraw ReachableTime', () => {
    const { fake, rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ reachableTime: 40_000 }), now, out));
    const first = fake.params.reachableTimeMs;
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ reachableTime: 40_000 }), now, out));
    expect(fake.params.reachableTimeMs).toBe(first);
  });

  it('RetransTimer: non-zero adopted, 0 keeps (v6LC.2.1.5 B uses 5000 ms)', () => {
    const { fake, rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ retransTimer: 5000 }), now, out));
    expect(fake.params.retransTimerMs).toBe(5000);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ retransTimer: 0 }), now, out));
    expect(fake.params.retransTimerMs).toBe(5000);
  });

  it('MTU option: adopted within [1280, link MTU], ignored outside', () => {
    const { fake, rd, d } = setup();
    for (const [mtu, expected] of [[1400, 1400], [1200, 1400], [9000, 1400], [1280, 1280]] as const) {
      d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [{ type: 5, mtu }]), now, out));
      expect(fake.params.mtu).toBe(expected);
    }
    expect(d.changes.some((c) => c.reasonId === 'rd.param.mtu-invalid' && c.reason.includes('9000'))).toBe(true);
  });

  it('M and O flags are exposed and their changes notified', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ flags: { M: true, O: true, H: false, prf: 'medium' } }), now, out));
    expect([rd.managed, rd.other]).toEqual([true, true]);
    expect(d.changes.filter((c) => c.reasonId?.startsWith('rd.flag')).map((c) => c.reason)).toEqual([
      'RA sets M=1: addresses via DHCPv6',
      'RA sets O=1: other configuration via DHCPv6',
    ]);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ flags: { M: true, O: true, H: false, prf: 'medium' } }), now, out));
    expect(d.changes.filter((c) => c.reasonId?.startsWith('rd.flag'))).toHaveLength(2);
  });
});

describe('Default Router List from RAs', () => {
  it('a new router is notified with its preference and lifetime', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ flags: { M: false, O: false, H: false, prf: 'high' } }), now, out));
    const c = d.changes.find((x) => x.machine === 'router' && x.key === R1)!;
    expect(c).toMatchObject({ from: null, to: 'high', reason: `new default router ${R1} preference high, lifetime 1800 s`, rfc: 'RFC 4861 §6.3.4' });
  });

  it('v6LC.2.2.14 A: Router Lifetime 0 removes the router at once', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra(), now, out));
    d.runUntil(10 * S);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ routerLifetime: 0 }), now, out));
    expect(rd.routers.size).toBe(0);
    expect(d.changes.at(-1)).toMatchObject({ key: R1, to: null, reasonId: 'rd.router.lifetime-zero' });
    expect(d.timers.has(`rd:router:${R1}`)).toBe(false);
  });

  it('v6LC.2.2.14 B: an unrefreshed router expires after its lifetime; a refresh moves the deadline', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ routerLifetime: 20 }), now, out));
    d.runUntil(15 * S);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ routerLifetime: 20 }), now, out));
    d.runUntil(34 * S);
    expect(rd.routers.size).toBe(1);
    d.runUntil(35 * S);
    expect(rd.routers.size).toBe(0);
    expect(d.changes.at(-1)).toMatchObject({ reasonId: 'rd.router.expired' });
  });

  it('v6LC.2.2.22: preference high > medium > low, reserved counts as medium, changes apply on the next RA', () => {
    const { rd, d } = setup();
    const prf = (p: 'high' | 'medium' | 'low' | 'reserved') => ({ M: false, O: false, H: false, prf: p });
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ flags: prf('low') }), now, out));
    d.do((out, now) => rd.onRouterAdvertisement(R2, ra({ flags: prf('reserved') }), now, out));
    expect(rd.routers.get(R2)?.preference).toBe('medium');
    expect(rd.firstHopRouter('2001:db8:9::1', d.now, () => true)).toBe(R2);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ flags: prf('high') }), now, out));
    expect(rd.firstHopRouter('2001:db8:9::1', d.now, () => true)).toBe(R1);
  });

  it('accept_ra_rtr_pref = 0 treats every router as medium', () => {
    const { rd, d } = setup({ accept_ra_rtr_pref: 0 });
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ flags: { M: false, O: false, H: false, prf: 'high' } }), now, out));
    expect(rd.routers.get(R1)?.preference).toBe('medium');
  });

  it('accept_ra_defrtr = 0 learns no default router but still adopts the rest', () => {
    const { fake, rd, d } = setup({ accept_ra_defrtr: 0 });
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ curHopLimit: 10 }), now, out));
    expect(rd.routers.size).toBe(0);
    expect(fake.params.curHopLimit).toBe(10);
  });
});

describe('Route Information options (RFC 4191 §3.1)', () => {
  const rio = (prefix: Ip6, prefixLength: number, prf: 'high' | 'medium' | 'low' | 'reserved', routeLifetime = 1800): NdOption =>
    ({ type: 24, prefixLength, prf, routeLifetime, prefix });

  it('v6LC.2.2.23 A/B: an RIO makes its router the next hop for the prefix, even with PRF low', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({ flags: { M: false, O: false, H: false, prf: 'high' } }), now, out));
    d.do((out, now) => rd.onRouterAdvertisement(R2, ra({ routerLifetime: 0 }, [rio('2001:db8:2::', 64, 'low')]), now, out));
    expect(rd.firstHopRouter('2001:db8:2::5', d.now, () => true)).toBe(R2);
    expect(rd.firstHopRouter('2001:db8:3::5', d.now, () => true)).toBe(R1);
  });

  it('v6LC.2.2.23 D/E: /96 and /32 prefixes, longest match wins', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [rio('2001:db8::', 32, 'high')]), now, out));
    d.do((out, now) => rd.onRouterAdvertisement(R2, ra({}, [rio('2001:db8:0:1::', 96, 'low')]), now, out));
    expect(rd.firstHopRouter('2001:db8:0:1::7', d.now, () => true)).toBe(R2);
    expect(rd.firstHopRouter('2001:db8:5::7', d.now, () => true)).toBe(R1);
  });

  it('v6LC.2.2.23 G/H: a ::/0 RIO competes with the default routers by preference', () => {
    for (const [prf, expected] of [['high', R2], ['low', R1]] as const) {
      const { rd, d } = setup();
      d.do((out, now) => rd.onRouterAdvertisement(R1, ra(), now, out));
      d.do((out, now) => rd.onRouterAdvertisement(R2, ra({ routerLifetime: 0 }, [rio('::', 0, prf)]), now, out));
      expect(rd.firstHopRouter('2001:db8:9::1', d.now, () => true)).toBe(expected);
    }
  });

  it('v6LC.2.2.23 C: an RIO with reserved PRF is ignored', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R2, ra({ routerLifetime: 0 }, [rio('2001:db8:2::', 64, 'reserved')]), now, out));
    expect(rd.routes.entries()).toHaveLength(0);
  });

  it('v6LC.2.2.23 I/J: route lifetime expiry and lifetime 0 remove the route', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R2, ra({}, [rio('2001:db8:2::', 64, 'medium', 30), rio('::', 0, 'high')]), now, out));
    expect(rd.routes.entries()).toHaveLength(2);
    d.runUntil(30 * S);
    expect(rd.routes.entries().map((r) => r.length)).toEqual([0]);
    d.do((out, now) => rd.onRouterAdvertisement(R2, ra({}, [rio('::', 0, 'high', 0)]), now, out));
    expect(rd.routes.entries()).toHaveLength(0);
  });

  it('accept_ra_rt_info_max_plen = 0 (Linux default) keeps only ::/0', () => {
    const { rd, d } = setup({ accept_ra_rt_info_max_plen: 0 });
    d.do((out, now) => rd.onRouterAdvertisement(R2, ra({}, [rio('2001:db8:2::', 64, 'high'), rio('::', 0, 'high')]), now, out));
    expect(rd.routes.entries().map((r) => `${r.prefix}/${r.length}`)).toEqual(['::/0']);
  });
});

describe('Prefix Information, RDNSS, display', () => {
  const pio = (prefix: Ip6, L: boolean, validLifetime: number): NdOption =>
    ({ type: 3, prefixLength: 64, L, A: true, validLifetime, preferredLifetime: Math.min(validLifetime, 14400), prefix });

  it('v6LC.2.2.19: L=1 puts the prefix on-link; a later L=0 PIO makes no statement', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [pio('2001:db8::', true, 86400)]), now, out));
    expect(rd.prefixes.isOnLink('2001:db8::99')).toBe(true);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [pio('2001:db8::', false, 0)]), now, out));
    expect(rd.prefixes.isOnLink('2001:db8::99')).toBe(true);
  });

  it('accept_ra_pinfo = 0 ignores PIOs', () => {
    const { rd, d } = setup({ accept_ra_pinfo: 0 });
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [pio('2001:db8::', true, 86400)]), now, out));
    expect(rd.prefixes.entries()).toHaveLength(0);
  });

  it('v6LC.2.2.25: RDNSS and DNSSL are kept until lifetime 0 or expiry', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [
      { type: 25, lifetime: 600, servers: ['2001:db8::53'] },
      { type: 31, lifetime: 100, domains: ['example.com'] },
    ]), now, out));
    expect(rd.dnsEntries().map((e) => e.value)).toEqual(['2001:db8::53', 'example.com']);
    d.runUntil(100 * S);
    expect(rd.dnsEntries().map((e) => e.value)).toEqual(['2001:db8::53']);
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [{ type: 25, lifetime: 0, servers: ['2001:db8::53'] }]), now, out));
    expect(rd.dnsEntries()).toHaveLength(0);
  });

  it('ip -6 route show lines in Linux format', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [pio('2001:db8::', true, 86400), { type: 24, prefixLength: 48, prf: 'high', routeLifetime: 1800, prefix: '2001:db8:1::' }]), now, out));
    d.runUntil(2 * S + 500 * NS_PER_MS);
    expect(formatRdRoutes(rd, 'eth0', d.now)).toEqual([
      '2001:db8::/64 dev eth0 proto kernel metric 256 expires 86397sec pref medium',
      '2001:db8:1::/48 via fe80::1 dev eth0 proto ra metric 1024 expires 1797sec pref high',
      'default via fe80::1 dev eth0 proto ra metric 1024 expires 1797sec hoplimit 64 pref medium',
    ]);
  });

  it('link down flushes everything learned, with notifications', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onRouterAdvertisement(R1, ra({}, [pio('2001:db8::', true, 86400)]), now, out));
    d.do((out, now) => rd.onLinkDown(now, out));
    expect([rd.routers.size, rd.prefixes.entries().length]).toEqual([0, 0]);
    expect(d.changes.filter((c) => c.to === null).map((c) => c.machine).sort()).toEqual(['prefix', 'router']);
    expect(d.timers.size).toBe(0);
  });
});
