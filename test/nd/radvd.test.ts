import { describe, expect, it } from 'vitest';
import type { EthernetFrame, RouterAdvertisement, RouterSolicitation } from '../../src/packet/types.ts';
import type { InterfaceView } from '../../src/nd/interface-view.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos } from '../../src/nd/machine.ts';
import { Radvd } from '../../src/nd/radvd.ts';
import { resolveRadvdConfig, type RadvdConfig, type RadvdConfigInput } from '../../src/nd/radvd-config.ts';
import { RouterDiscovery } from '../../src/nd/router-discovery.ts';
import { LINUX_HOST_DEFAULTS } from '../../src/nd/config.ts';
import { formatDefaultRoute } from '../../src/nd/rd-format.ts';
import { mulberry32 } from '../support/random.ts';
import { FakeClock, linkParams } from './fake-clock.ts';

const S = NS_PER_S;
const MS = NS_PER_MS;
const RLL = 'fe80::211:22ff:fe66:7788';
const RMAC = '00:11:22:66:77:88';

function routerView(opts: { random?: () => number; forwarding?: boolean; ll?: boolean } = {}): InterfaceView & { hasLl: boolean } {
  const params = linkParams();
  const v = {
    hasLl: opts.ll ?? true,
    ifname: 'eth0',
    mac: () => RMAC,
    params,
    isRouter: () => opts.forwarding ?? true,
    addressUse: () => 'preferred' as const,
    selectSource: () => (v.hasLl ? RLL : null),
    random: opts.random ?? mulberry32(3),
  };
  return v;
}

function cfg(input: RadvdConfigInput = {}): RadvdConfig {
  const r = resolveRadvdConfig({ AdvSendAdvert: true, ...input });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value;
}

class Driver extends FakeClock {
  readonly sent: Array<{ at: Nanos; frame: EthernetFrame }> = [];
  constructor(readonly r: Radvd) {
    super();
  }
  protected fire(key: string, now: Nanos, out: Action[]): void {
    this.r.onTimer(key, now, out);
  }
  protected record(a: Action): void {
    if (a.kind === 'send') this.sent.push({ at: this.now, frame: a.frame });
  }
  rs(src: string, withSlla = src !== '::'): void {
    const rs: RouterSolicitation = { type: 133, code: 0, options: withSlla ? [{ type: 1, lladdr: '00:11:22:33:44:55' }] : [] };
    this.do((out, now) => this.r.onRouterSolicitation(src, rs, now, out));
  }
  multicast(): number[] {
    return this.sent.filter((s) => s.frame.ipv6?.dst === 'ff02::1').map((s) => s.at);
  }
}

function start(input: RadvdConfigInput = {}, view = routerView()): Driver {
  const d = new Driver(new Radvd(view, cfg(input)));
  d.do((out, now) => d.r.start(now, out));
  d.runUntil(0);
  return d;
}

const raOf = (f: EthernetFrame): RouterAdvertisement => f.ipv6!.icmpv6 as RouterAdvertisement;

describe('unsolicited RAs (RFC 4861 §6.2.4)', () => {
  it('v6LC.2.2.7 A: the first 3 RAs are at most 16 s apart, later ones in [MinRtrAdvInterval, MaxRtrAdvInterval]', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const d = start({}, routerView({ random: mulberry32(seed) }));
      d.runUntil(5000 * S);
      const t = d.multicast();
      expect(t[0]).toBe(0);
      const gaps = t.slice(1).map((x, i) => x - t[i]);
      expect(gaps[0]).toBeLessThanOrEqual(16 * S);
      expect(gaps[1]).toBeLessThanOrEqual(16 * S);
      for (const g of gaps.slice(2)) {
        expect(g).toBeGreaterThanOrEqual(198 * S);
        expect(g).toBeLessThanOrEqual(600 * S);
      }
    }
  });

  it('v6LC.2.2.7 B: with the test configuration Min 5 s / Max 10 s every gap lies in [5, 10] s', () => {
    const d = start({ MinRtrAdvInterval: 5, MaxRtrAdvInterval: 10 });
    d.runUntil(300 * S);
    const t = d.multicast();
    for (let i = 1; i < t.length; i++) {
      expect(t[i] - t[i - 1]).toBeGreaterThanOrEqual(5 * S);
      expect(t[i] - t[i - 1]).toBeLessThanOrEqual(10 * S);
    }
    expect(t.length).toBeGreaterThanOrEqual(30);
  });

  it('v6LC.2.2.6: AdvSendAdvert off sends nothing, answers nothing', () => {
    const d = new Driver(new Radvd(routerView(), cfg({ AdvSendAdvert: false })));
    d.do((out, now) => d.r.start(now, out));
    d.rs('::');
    d.runUntil(100 * S);
    expect(d.sent).toHaveLength(0);
  });

  it('waits for a link-local source, retrying every second (radvd IFACE_SETUP_DELAY)', () => {
    const v = routerView({ ll: false });
    const d = start({}, v);
    d.runUntil(3 * S);
    expect(d.sent).toHaveLength(0);
    v.hasLl = true;
    d.runUntil(4 * S);
    expect(d.multicast()).toEqual([4 * S]);
  });
});

describe('RA contents', () => {
  const full: RadvdConfigInput = {
    AdvCurHopLimit: 15, AdvManagedFlag: true, AdvReachableTime: 40000, AdvRetransTimer: 5000, AdvLinkMTU: 1400,
    AdvDefaultPreference: 'high',
    prefixes: [{ prefix: '2001:db8::/64' }],
    routes: [{ route: '2001:db8:1::/48', AdvRoutePreference: 'low' }],
    RDNSS: [{ addresses: ['2001:db8::53'] }],
    DNSSL: [{ suffixes: ['example.com'] }],
  };

  it('v6LC.2.2.5, 2.2.7 C–F, 2.2.20/21: RA header, addresses and options match the configuration, in radvd order', () => {
    const d = start(full);
    const f = d.sent[0].frame;
    expect([f.src, f.dst, f.ipv6?.src, f.ipv6?.dst, f.ipv6?.hopLimit]).toEqual([RMAC, '33:33:00:00:00:01', RLL, 'ff02::1', 255]);
    expect(raOf(f)).toEqual({
      type: 134, code: 0, curHopLimit: 15,
      flags: { M: true, O: false, H: false, prf: 'high' },
      routerLifetime: 1800, reachableTime: 40000, retransTimer: 5000,
      options: [
        { type: 3, prefixLength: 64, L: true, A: true, R: false, validLifetime: 86400, preferredLifetime: 14400, prefix: '2001:db8::' },
        { type: 24, prefixLength: 48, prf: 'low', routeLifetime: 1800, prefix: '2001:db8:1::' },
        { type: 25, lifetime: 1200, servers: ['2001:db8::53'] },
        { type: 31, lifetime: 1200, domains: ['example.com'] },
        { type: 5, mtu: 1400 },
        { type: 1, lladdr: RMAC },
      ],
    });
  });

  it('v6LC.2.2.8: stopping sends one final RA with Router Lifetime 0, routes and DNS flushed, then silence', () => {
    const d = start({ ...full, prefixes: [{ prefix: '2001:db8::/64', DeprecatePrefix: true }] });
    d.runUntil(20 * S);
    const before = d.sent.length;
    d.do((out, now) => d.r.stop(now, out));
    expect(d.sent.length).toBe(before + 1);
    const final = raOf(d.sent.at(-1)!.frame);
    expect(final.routerLifetime).toBe(0);
    expect(final.options.slice(0, 4)).toMatchObject([
      { type: 3, validLifetime: 7203, preferredLifetime: 0 },
      { type: 24, routeLifetime: 0 },
      { type: 25, lifetime: 0 },
      { type: 31, lifetime: 0 },
    ]);
    expect(d.timers.size).toBe(0);
    d.rs('::');
    d.runUntil(2000 * S);
    expect(d.sent.length).toBe(before + 1);
  });

  it('a node that is not forwarding advertises Router Lifetime 0 (radvd send_ra)', () => {
    const d = start({}, routerView({ forwarding: false }));
    expect(raOf(d.sent[0].frame).routerLifetime).toBe(0);
  });

  it('reload applies the new configuration at once but keeps MinDelayBetweenRAs', () => {
    const d = start();
    d.runUntil(1 * S);
    d.do((out, now) => d.r.reload(cfg({ AdvCurHopLimit: 32 }), now, out));
    d.runUntil(3 * S);
    expect(d.multicast()).toEqual([0, 3 * S]);
    expect(raOf(d.sent[1].frame).curHopLimit).toBe(32);
  });

  it('the RA a host receives installs the route radvd advertised', () => {
    const d = start({ prefixes: [{ prefix: '2001:db8::/64' }] });
    const hostParams = linkParams();
    const host = new RouterDiscovery({ ifname: 'eth0', mac: () => '00:11:22:33:44:55', params: hostParams, isRouter: () => false, addressUse: () => undefined, selectSource: () => null, random: mulberry32(1) }, LINUX_HOST_DEFAULTS);
    const out: Action[] = [];
    host.onRouterAdvertisement(d.sent[0].frame.ipv6!.src, raOf(d.sent[0].frame), 0, out);
    expect(formatDefaultRoute(host.routers.entries()[0], 'eth0', 2 * S)).toBe(`default via ${RLL} dev eth0 proto ra metric 1024 expires 1798sec hoplimit 64 pref medium`);
    expect(host.prefixes.isOnLink('2001:db8::1')).toBe(true);
  });
});

describe('answering Router Solicitations (RFC 4861 §6.2.6)', () => {
  it('v6LC.2.2.9 A: an RS from a unicast source gets a unicast RA (AdvRASolicitedUnicast, default on) within 0.5 s', () => {
    const d = start();
    d.runUntil(100 * S);
    const n = d.sent.length;
    d.rs('fe80::211:22ff:fe33:4455');
    d.runUntil(100 * S + 500 * MS);
    const reply = d.sent.slice(n);
    expect(reply).toHaveLength(1);
    expect([reply[0].frame.dst, reply[0].frame.ipv6?.dst]).toEqual(['00:11:22:33:44:55', 'fe80::211:22ff:fe33:4455']);
    expect(reply[0].at - 100 * S).toBeLessThanOrEqual(500 * MS);
  });

  it('an RS from :: is answered to ff02::1 even with AdvRASolicitedUnicast on', () => {
    const d = start();
    d.runUntil(100 * S);
    d.rs('::');
    d.runUntil(101 * S);
    expect(d.multicast().filter((t) => t >= 100 * S)).toHaveLength(1);
  });

  it('an RS without SLLA and no known link-layer address falls back to a multicast answer', () => {
    const d = start();
    d.runUntil(100 * S);
    d.rs('fe80::9', false);
    d.runUntil(101 * S);
    expect(d.multicast().filter((t) => t >= 100 * S)).toHaveLength(1);
  });

  it('1,000 RSs in 1 s → exactly 2 multicast RAs: one at T + delay, one at that + MinDelayBetweenRAs + delay', () => {
    // random() = 0.5 makes every delay MAX_RA_DELAY_TIME / 2 = 250 ms and every interval (198 + 600) / 2 = 399 s.
    const d = start({ AdvRASolicitedUnicast: false }, routerView({ random: () => 0.5 }));
    const T = 100 * S;
    d.runUntil(T);
    const n = d.multicast().length;
    expect(d.multicast()).toEqual([0, 16 * S, 32 * S]);
    for (let i = 0; i < 1000; i++) {
      d.runUntil(T + i * MS);
      d.rs(`fe80::${(i + 1).toString(16)}`);
    }
    d.runUntil(T + 10 * S);
    const answers = d.multicast().slice(n);
    expect(answers).toEqual([T + 250 * MS, T + 250 * MS + 3 * S + 250 * MS]);
    expect(d.r.stats.solicitationsReceived).toBe(1000);
    expect(d.r.stats.solicitationsCoalesced).toBe(998);
  });

  it('whatever the random draws, an RS burst in 1 s gives 2 RAs and multicast RAs stay ≥ MinDelayBetweenRAs apart', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const d = start({ AdvRASolicitedUnicast: false }, routerView({ random: mulberry32(seed) }));
      const T = 100 * S;
      d.runUntil(T);
      const n = d.multicast().length;
      for (let i = 0; i < 1000; i++) {
        d.runUntil(T + i * MS);
        d.rs('::');
      }
      d.runUntil(T + 10 * S);
      const t = d.multicast();
      expect(t.length - n).toBe(2);
      for (let i = 1; i < t.length; i++) expect(t[i] - t[i - 1]).toBeGreaterThanOrEqual(3 * S);
    }
  });

  it('v6LC.2.2.9 B: repeated RSs over 10 s never make multicast RAs closer than 3 s', () => {
    const d = start({ AdvRASolicitedUnicast: false });
    d.runUntil(100 * S);
    for (let i = 0; i < 100; i++) {
      d.runUntil(100 * S + i * 100 * MS);
      d.rs('::');
    }
    d.runUntil(115 * S);
    const t = d.multicast().filter((x) => x >= 100 * S);
    expect(t.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < t.length; i++) expect(t[i] - t[i - 1]).toBeGreaterThanOrEqual(3 * S);
  });

  it('an RS just before a due unsolicited RA is answered by that RA', () => {
    const d = start({ AdvRASolicitedUnicast: false }, routerView({ random: () => 0.5 }));
    d.runUntil(16 * S - 100 * MS);
    d.rs('::');
    d.runUntil(17 * S);
    expect(d.multicast()).toEqual([0, 16 * S]);
  });
});

describe('resolveRadvdConfig', () => {
  it("fills radvd's defaults, several derived from MaxRtrAdvInterval", () => {
    const c = cfg({ routes: [{ route: '2001:db8:1::/48' }], RDNSS: [{ addresses: ['2001:db8::53'] }] });
    expect(c).toMatchObject({
      MaxRtrAdvInterval: 600, MinRtrAdvInterval: 198, MinDelayBetweenRAs: 3, AdvDefaultLifetime: 1800,
      AdvDefaultPreference: 'medium', AdvCurHopLimit: 64, AdvReachableTime: 0, AdvRetransTimer: 0, AdvLinkMTU: 0,
      AdvSourceLLAddress: true, AdvRASolicitedUnicast: true, AdvManagedFlag: false, AdvOtherConfigFlag: false,
    });
    expect(c.routes[0]).toMatchObject({ AdvRouteLifetime: 1800, AdvRoutePreference: 'medium', RemoveRoute: true });
    expect(c.RDNSS[0]).toMatchObject({ AdvRDNSSLifetime: 1200, FlushRDNSS: true });
    const short = cfg({ MaxRtrAdvInterval: 10 });
    expect(short.MinRtrAdvInterval).toBeCloseTo(3.3, 9);
    expect(short.AdvDefaultLifetime).toBe(30);
    expect(cfg({ prefixes: [{ prefix: '2001:db8::/64', AdvValidLifetime: 'infinity', AdvPreferredLifetime: 'infinity' }] }).prefixes[0].AdvValidLifetime).toBe(0xffffffff);
  });

  it('reports every problem in words', () => {
    const r = resolveRadvdConfig({
      MaxRtrAdvInterval: 2,
      MinDelayBetweenRAs: 1,
      AdvLinkMTU: 9000,
      advsendadvert: true,
      prefixes: [{ prefix: '2001:db8::1/64' }, { prefix: '2001:db8:1::/64', AdvValidLifetime: 10, AdvPreferredLifetime: 20 }],
    } as RadvdConfigInput);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.errors.join('\n');
    expect(text).toContain('MaxRtrAdvInterval (2) must be between 4 and 1800');
    expect(text).toContain('MinDelayBetweenRAs (1) must be at least 3');
    expect(text).toContain('AdvLinkMTU (9000) must be zero or between 1280 and 1500');
    expect(text).toContain('unknown option "advsendadvert" (did you mean "AdvSendAdvert"?');
    expect(text).toContain('did you mean 2001:db8::/64?');
    expect(text).toContain('AdvPreferredLifetime (20) must not exceed AdvValidLifetime (10)');
  });

  it('MinRtrAdvInterval above 3/4 of MaxRtrAdvInterval is refused', () => {
    const r = resolveRadvdConfig({ MaxRtrAdvInterval: 10, MinRtrAdvInterval: 9 });
    expect(r.ok ? [] : r.errors).toEqual(['MinRtrAdvInterval (9) must be at least 3 but no more than 3/4 of MaxRtrAdvInterval (7.5)']);
  });
});
