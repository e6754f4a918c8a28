// The scenario language's additions for the bundled lessons: `replicate`
// (many alike nodes), node-name patterns in the timeline, the
// `address_prefix` expectation, and `routes` — each loaded into types, and
// each mistake reported at its line and column.

import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/scenario/run.ts';
import { macPlus } from '../../src/scenario/replicate.ts';
import type { Scenario, ScenarioError } from '../../src/scenario/types.ts';

function at(text: string, needle: string): { line: number; col: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`test bug: "${needle}" not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}
function ok(text: string): Scenario {
  const r = parseScenario(text, 't.yaml');
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.scenario;
}
function errorsOf(text: string): ScenarioError[] {
  const r = parseScenario(text, 't.yaml');
  if (r.ok) throw new Error('expected errors, the scenario loaded');
  return r.errors;
}

const HEAD = `name: t
links: [lan0]
nodes:
  - { name: R, role: router, mac: "00:11:22:66:77:88", link: lan0, radvd: { prefixes: [{ prefix: "2001:db8::/64" }] } }
`;

describe('replicate', () => {
  it('one entry stands for N nodes: names from the template, MACs counting up from the one written', () => {
    const s = ok(`${HEAD}  - { name: "h{i:03}", replicate: 300, role: host, mac: "02:00:00:00:00:ff", link: lan0, sysctl: { dad_transmits: 2 } }\n`);
    const hosts = s.nodes.filter((n) => n.name.startsWith('h'));
    expect(hosts).toHaveLength(300);
    expect(hosts[0].name).toBe('h001');
    expect(hosts[0].interfaces[0].mac).toBe('02:00:00:00:00:ff');
    expect(hosts[1].interfaces[0].mac).toBe('02:00:00:00:01:00');
    expect(hosts[299].name).toBe('h300');
    expect(hosts[299].interfaces[0].mac).toBe('02:00:00:00:02:2a'); // 0xff + 299 = 0x22a
    expect(hosts[299].interfaces[0].sysctl).toEqual({ dad_transmits: 2 });
    expect(hosts[5].interfaces[0].sysctl).not.toBe(hosts[6].interfaces[0].sysctl);
  });

  it('macPlus carries across octets and refuses to touch the first one', () => {
    expect(macPlus('02:00:00:00:00:ff', 1)).toBe('02:00:00:00:01:00');
    expect(macPlus('02:ff:ff:ff:ff:fe', 1)).toBe('02:ff:ff:ff:ff:ff');
    expect(macPlus('02:ff:ff:ff:ff:fe', 2)).toEqual({ error: expect.stringContaining('runs past 02:ff:ff:ff:ff:ff') });
  });

  it('mistakes are reported where they were written', () => {
    const text = `${HEAD}  - { name: "h", replicate: 3, role: host, mac: "02:00:00:00:00:01", link: lan0 }
  - { name: "g{i}", replicate: 0, role: host, mac: "02:00:00:00:01:01", link: lan0 }
  - { name: "k{i}", replicate: 2, role: host, mac: "02:ff:ff:ff:ff:ff", link: lan0 }
  - { name: "m{i}", replicate: 2, role: host, mac: "02:00:00:00:02:01", link: lan0, addresses: ["2001:db8::5/64"] }
  - { name: "h{i}", replicate: 2, role: host, mac: "02:00:00:00:03:01", link: lan0 }
  - { name: h2, role: host, mac: "02:00:00:00:04:01", link: lan0 }
`;
    const errs = errorsOf(text);
    const where = (needle: string) => errs.find((e) => e.line === at(text, needle).line && e.col === at(text, needle).col)?.message;
    expect(where('"h", replicate')).toContain('has no {i}');
    expect(where('0, role')).toContain('expected a whole number from 1 to 100000');
    expect(where('"02:ff:ff:ff:ff:ff"')).toContain('runs past');
    expect(where('["2001:db8::5/64"]')).toContain('every copy would claim the same address');
    expect(where('h2, role')).toContain('a node named "h2" is already defined');
  });
});

describe('node patterns in the timeline', () => {
  it('`node: "h*"` is the action on every matching node, in file order', () => {
    const s = ok(`${HEAD}  - { name: "h{i}", replicate: 3, role: host, mac: "02:00:00:00:00:01", link: lan0 }
  - { name: x, role: host, mac: "02:00:00:00:01:01", link: lan0 }
timeline:
  - { at: 1s, do: link-up, node: "h*" }
  - { at: 2s, do: link-down, node: "?1" }
`);
    expect(s.timeline.map((a) => `${a.do} ${'node' in a ? a.node : ''}`)).toEqual(['link-up h1', 'link-up h2', 'link-up h3', 'link-down h1']);
  });

  it('a pattern that matches nothing is an error at the pattern', () => {
    const text = `${HEAD}timeline:\n  - { at: 1s, do: link-up, node: "z*" }\n`;
    const [e] = errorsOf(text);
    expect(e).toMatchObject(at(text, '"z*"'));
    expect(e.message).toContain('no node name matches "z*"');
  });
});

describe('address_prefix expectations', () => {
  const LAN = `${HEAD}  - { name: "h{i}", replicate: 4, role: host, mac: "02:00:00:00:00:01", link: lan0 }
timeline:
  - { at: 0s, do: link-up, node: R }
  - { at: 1s, do: link-up, node: "h*" }
`;
  it('counts addresses in a prefix and state over the matching nodes', () => {
    const s = ok(`${LAN}until: 10s
expect:
  - { at: 10s, nodes: "h*", address_prefix: "2001:db8::/64", state: preferred, count: 4 }
  - { at: 10s, node: h2, address_prefix: "fe80::/64", state: preferred, count: 1 }
  - { at: 10s, nodes: "h?", address_prefix: "2001:db8::/64", state: preferred, temporary: true, count: 0 }
  - { at: 10s, nodes: "h*", address_prefix: "2001:db8::/64", state: preferred, min: 5 }
`);
    expect(s.expect[0]).toMatchObject({ kind: 'address-count', nodes: ['h1', 'h2', 'h3', 'h4'], selector: 'h*', prefix: '2001:db8::', prefixLength: 64, min: 4, max: 4 });
    const r = runScenario(s);
    expect(r.results.map((x) => [x.pass, x.observed])).toEqual([
      [true, '4 address(es)'], [true, '1 address(es)'], [true, '0 address(es)'], [false, '4 address(es)'],
    ]);
  });

  it('mistakes: both node and nodes, no count, iface with nodes, an unknown state', () => {
    const text = `${LAN}expect:
  - { at: 5s, node: h1, nodes: "h*", address_prefix: "2001:db8::/64", state: preferred, count: 1 }
  - { at: 5s, nodes: "h*", address_prefix: "2001:db8::/64", state: preferred }
  - { at: 5s, nodes: "h*", iface: eth0, address_prefix: "2001:db8::/64", state: preferred, count: 1 }
  - { at: 5s, node: h1, address_prefix: "2001:db8::/64", state: absent, count: 0 }
`;
    const msgs = errorsOf(text).map((e) => `${e.line}: ${e.message}`);
    const line = (n: string) => at(text, n).line;
    expect(msgs).toContain(`${line('node: h1, nodes')}: expect[0]: give either \`node\` (one node) or \`nodes\` (a name pattern such as "h*"), not both`);
    expect(msgs.some((m) => m.startsWith(`${line('"h*", address_prefix: "2001:db8::/64", state: preferred }')}:`) && m.includes('missing `count`'))).toBe(true);
    expect(msgs.some((m) => m.includes('`iface` goes with `node`'))).toBe(true);
    expect(msgs.some((m) => m.includes('expected one of tentative, optimistic, preferred, deprecated, duplicate, found "absent"'))).toBe(true);
  });
});

describe('routes', () => {
  it('loads `routes:` with canonical prefixes, the default interface, and position-carrying errors', () => {
    const s = ok(`${HEAD.replace('link: lan0, radvd', 'link: lan0, routes: [{ prefix: "2001:DB8:2::/64", via: "FE80::2" }], radvd')}`);
    expect(s.nodes[0].routes).toEqual([{ prefix: '2001:db8:2::', prefixLength: 64, via: 'fe80::2', iface: 'eth0', pos: expect.anything() }]);
    const text = `${HEAD}  - name: X
    role: router
    interfaces: [{ name: eth0, mac: "02:00:00:00:00:01", link: lan0 }, { name: eth1, mac: "02:00:00:00:00:02", link: lan0 }]
    routes:
      - { prefix: "2001:db8:2::/64", via: "fe80::2" }
      - { prefix: "2001:db8:3::/64", via: "fe80::3", iface: eth9 }
      - { prefix: "2001:db8:4::/64" }
`;
    const msgs = errorsOf(text).map((e) => `${e.line}:${e.col}: ${e.message}`);
    const p = (n: string) => `${at(text, n).line}:${at(text, n).col}`;
    expect(msgs).toContain(`${p('"fe80::2" }')}: nodes[1].routes[0].via: fe80::2 is link-local; say on which interface (\`iface:\`)`);
    expect(msgs).toContain(`${p('eth9')}: nodes[1].routes[1].iface: node has no interface "eth9" (it has eth0, eth1)`);
    expect(msgs).toContain(`${p('{ prefix: "2001:db8:4::/64" }')}: nodes[1].routes[2]: give \`via\` (a next-hop router) or \`iface\` (the prefix is on that link)`);
  });
});
