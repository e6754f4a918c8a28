// Regressions found while writing the bundled lessons (scenarios/*.yaml):
// each test names the lesson that showed the problem.

import { describe, expect, it } from 'vitest';
import { ScenarioBuildError } from '../../src/scenario/build.ts';
import { formatErrors, parseScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/scenario/run.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import type { PrefixInformationOption, RouterAdvertisement } from '../../src/packet/types.ts';
import { ArraySink } from '../../src/sim/trace.ts';
import { explainTx } from '../../src/output/explained.ts';

const S = 1_000_000_000;

function load(text: string): Scenario {
  const r = parseScenario(text, 't.yaml');
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.scenario;
}

const ROUTER_AND_HOST = `
links: [lan0]
nodes:
  - name: r1
    role: router
    mac: "00:11:22:66:77:88"
    link: lan0
    radvd:
      MinRtrAdvInterval: 3
      MaxRtrAdvInterval: 4
      AdvManagedFlag: true
      prefixes: [{ prefix: "2001:db8::/64", AdvPreferredLifetime: 600 }]
  - { name: h, role: host, mac: "00:11:22:33:44:55", link: lan0 }
`;

describe('note actions (every lesson)', () => {
  it('put the note in the trace once', () => {
    const s = load(`name: t\nuntil: 2s\nlinks: [lan0]\nnodes: [{ name: a, role: host, mac: "00:11:22:33:44:55", link: lan0 }]\ntimeline:\n  - { at: 1s, do: note, text: "hello class" }\n`);
    const sink = new ArraySink();
    runScenario(s, { trace: sink });
    const notes = sink.ofType('action').filter((e) => JSON.stringify(e).includes('hello class'));
    expect(notes).toHaveLength(1);
    expect(notes[0].time).toBe(1 * S);
  });
});

describe('radvd-config (ra-flags.yaml, renumbering.yaml)', () => {
  it('changes only the options it names: radvd keeps advertising the prefixes it had', () => {
    const s = load(`name: t\nuntil: 20s\n${ROUTER_AND_HOST}timeline:\n  - { at: 0s, do: link-up, node: r1 }\n  - { at: 10s, do: radvd-config, node: r1, radvd: { AdvManagedFlag: false } }\n`);
    const sink = new ArraySink();
    runScenario(s, { trace: sink });
    const ras = sink.ofType('tx').filter((e) => e.frame?.ipv6?.icmpv6?.type === 134).map((e) => ({ t: e.time, ra: e.frame!.ipv6!.icmpv6 as RouterAdvertisement }));
    const after = ras.filter((x) => x.t >= 10 * S);
    expect(after.length).toBeGreaterThanOrEqual(2);
    for (const { ra } of after) {
      expect(ra.flags.M).toBe(false);
      expect(ra.routerLifetime).toBeGreaterThan(0);
      const pio = ra.options.find((o): o is PrefixInformationOption => o.type === 3);
      expect(pio ? [pio.prefix, pio.preferredLifetime] : null).toEqual(['2001:db8::', 600]);
    }
    expect(ras.filter((x) => x.t < 10 * S).every((x) => x.ra.flags.M)).toBe(true);
  });

  it('a list it names replaces the whole list', () => {
    const s = load(`name: t\nuntil: 20s\n${ROUTER_AND_HOST}timeline:\n  - { at: 0s, do: link-up, node: r1 }\n  - { at: 10s, do: radvd-config, node: r1, radvd: { prefixes: [{ prefix: "2001:db8:2::/64" }] } }\n`);
    const sink = new ArraySink();
    runScenario(s, { trace: sink });
    const last = sink.ofType('tx').filter((e) => e.frame?.ipv6?.icmpv6?.type === 134).at(-1)!;
    const ra = last.frame!.ipv6!.icmpv6 as RouterAdvertisement;
    expect(ra.options.filter((o) => o.type === 3).map((o) => ('prefix' in o ? o.prefix : ''))).toEqual(['2001:db8:2::']);
    expect(ra.flags.M).toBe(true);
  });

  it('a change that makes the configuration invalid is reported at the action, before the run', () => {
    const s = load(`name: t\nuntil: 20s\n${ROUTER_AND_HOST}timeline:\n  - { at: 10s, do: radvd-config, node: r1, radvd: { MinRtrAdvInterval: 30 } }\n`);
    let err: unknown;
    try {
      runScenario(s);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioBuildError);
    expect((err as ScenarioBuildError).errors[0]).toMatchObject({ file: 't.yaml', line: s.timeline[0].pos.line });
    expect((err as ScenarioBuildError).errors[0].message).toMatch(/radvd-config on "r1".*MinRtrAdvInterval/);
  });
});

describe('frame patterns with RA flags (ra-flags.yaml)', () => {
  it('count RAs by M and O', () => {
    const s = load(`name: t\nuntil: 12s\n${ROUTER_AND_HOST}timeline:\n  - { at: 0s, do: link-up, node: r1 }\nexpect:
  - { frame: { type: ra, flags: { M: true } }, min: 1 }
  - { frame: { type: ra, flags: { M: false } }, sent: false }
  - { frame: { type: ra, flags: { M: true, O: true } }, sent: false }
  - { frame: { type: ra, flags: { O: false } }, min: 1 }
`);
    const r = runScenario(s);
    expect(r.results.map((x) => [x.pass, x.observed])).toEqual([
      [true, expect.stringMatching(/^[1-9]\d* matching/)],
      [true, '0 matching frame(s)'],
      [true, '0 matching frame(s)'],
      [true, expect.stringMatching(/^[1-9]\d* matching/)],
    ]);
  });

  it('are refused on a type other than ra, and need M or O', () => {
    const bad = parseScenario(`name: t\n${ROUTER_AND_HOST}expect:\n  - { frame: { type: ns, flags: { M: true } }, min: 1 }\n  - { frame: { type: ra, flags: {} }, min: 1 }\n  - { frame: { type: ra, flags: { X: true } }, min: 1 }\n`, 't.yaml');
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.errors.map((e) => e.message);
    expect(messages.some((m) => /expect\[0\]\.frame\.flags: M and O are Router Advertisement flags/.test(m))).toBe(true);
    expect(messages.some((m) => /expect\[1\]\.frame\.flags: give M, O or both/.test(m))).toBe(true);
    expect(messages.some((m) => /expect\[2\]\.frame\.flags.*X/.test(m))).toBe(true);
  });
});

describe('ping (prefix-lifetimes.yaml, nud-unreachable.yaml)', () => {
  const pingChanges = (sink: ArraySink) => sink.ofType('state').filter((e) => e.machine === 'ping');

  it('without a route, fails at connect() as iputils does, and sends nothing', () => {
    const s = load(`name: t\nuntil: 5s\nlinks: [lan0]\nnodes: [{ name: a, role: host, mac: "00:11:22:33:44:55", link: lan0 }]\ntimeline:\n  - { at: 0s, do: link-up, node: a }\n  - { at: 3s, do: "ping a 2001:db8::1" }\n`);
    const sink = new ArraySink();
    runScenario(s, { trace: sink });
    expect(sink.ofType('tx').filter((e) => e.frame?.ipv6?.icmpv6?.type === 128)).toEqual([]);
    const err = pingChanges(sink).find((e) => e.to === 'error');
    expect(err?.reason).toMatch(/^ping: connect: Network is unreachable \(no route to 2001:db8::1/);
  });

  it('reports a failed address resolution in iputils’ words', () => {
    const s = load(`name: t\nuntil: 8s\nlinks: [lan0]
nodes:
  - { name: a, role: host, mac: "00:11:22:33:44:55", link: lan0, addresses: [{ address: "2001:db8::a/64", nodad: true }] }
timeline:
  - { at: 0s, do: link-up, node: a }
  - { at: 3s, do: "ping a 2001:db8::b" }
`);
    const sink = new ArraySink();
    runScenario(s, { trace: sink });
    const un = pingChanges(sink).filter((e) => e.to === 'unreachable');
    expect(un.map((e) => e.reason)).toEqual(['From 2001:db8::a icmp_seq=1 Destination unreachable: Address unreachable']);
    // MAX_MULTICAST_SOLICIT (3) NSs, RetransTimer (1 s) apart: 3 s after the request.
    expect(un[0].time).toBe(6 * S);
  });
});

describe('NS source chosen by ns_source (seed-address-resolution.yaml)', () => {
  const scenario = (sysctl: string) => load(`name: t\nuntil: 5s\nlinks: [lan0]
nodes:
  - { name: A, role: host, mac: "00:11:22:33:44:55", link: lan0, sysctl: ${sysctl}, addresses: [{ address: "2001:db8::a/64", nodad: true }] }
  - { name: B, role: host, mac: "00:11:22:66:77:88", link: lan0, addresses: [{ address: "2001:db8::b/64", nodad: true }] }
timeline:
  - { at: 0s, do: link-up, node: A }
  - { at: 0s, do: link-up, node: B }
  - { at: 3s, do: "ping A 2001:db8::b" }
`);
  const resolutionNs = (s: Scenario) => {
    const sink = new ArraySink();
    runScenario(s, { trace: sink });
    return sink.ofType('tx').find((e) => e.node === 'A' && e.frame?.ipv6?.icmpv6?.type === 135 && e.frame.ipv6.src !== '::')!;
  };

  it('the explanation says the switch, not RFC 4861 §7.2.2, chose the link-local source', () => {
    const ns = resolutionNs(scenario('{ ns_source: link-local }'));
    expect(ns.frame!.ipv6!.src).toBe('fe80::211:22ff:fe33:4455');
    expect(ns.why).toBe("ns_source link-local: source fe80::211:22ff:fe33:4455, not the prompting packet's 2001:db8::a");
    expect(explainTx(ns, { lang: 'en' })).toContain('A is set to always use it (ns_source: link-local)');
    expect(explainTx(ns, { lang: 'ja' })).toContain('ns_source: link-local');
  });

  it('with Linux’s default the NS comes from the prompting source and says so', () => {
    const ns = resolutionNs(scenario('{}'));
    expect(ns.frame!.ipv6!.src).toBe('2001:db8::a');
    expect(ns.why).toBeUndefined();
    expect(explainTx(ns, { lang: 'en' })).toContain('The source 2001:db8::a is the address of the packet that prompted the solicitation');
  });
});
