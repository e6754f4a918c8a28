import { describe, expect, it } from 'vitest';
import { formatErrors, loadScenario, parseScenario } from '../../src/scenario/load.ts';
import type { Expectation, Scenario, ScenarioError, TimelineAction } from '../../src/scenario/types.ts';

const FIXTURES = 'test/fixtures/scenarios';
const S = 1_000_000_000;

/** Line and column (from 1) of the first occurrence of `needle` after
 *  `after` in `text`: plain string search, independent of the loader. */
function at(text: string, needle: string, after = ''): { line: number; col: number } {
  const start = after ? text.indexOf(after) : 0;
  const i = text.indexOf(needle, start);
  if (start < 0 || i < 0) throw new Error(`test bug: "${needle}" not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

function errorsOf(text: string): ScenarioError[] {
  const r = parseScenario(text, 't.yaml');
  if (r.ok) throw new Error('expected errors, the scenario loaded');
  return r.errors;
}

function ok(text: string): Scenario {
  const r = parseScenario(text, 't.yaml');
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.scenario;
}

const strip = <T extends { pos: unknown }>(x: T): Omit<T, 'pos'> => {
  const { pos: _pos, ...rest } = x;
  return rest;
};

describe('a good scenario loads into types', () => {
  it('good-slaac.yaml: every section, times in ns, canonical addresses', async () => {
    const r = await loadScenario(`${FIXTURES}/good-slaac.yaml`);
    if (!r.ok) throw new Error(formatErrors(r.errors));
    const s = r.scenario;
    expect(s.name).toBe('SLAAC on a fresh link');
    expect(s.description?.split('\n')).toHaveLength(2);
    expect(s.description_ja).toBe('ルータ広告からアドレスを自動生成する');
    expect([s.seed, s.until]).toEqual([7, 120 * S]);
    expect(strip(s.links[0])).toEqual({ name: 'lan0', delay: 250_000, loss: 0.01, duplicate: 0, reorder: 0, mtu: 1500, ra_guard: true });

    const [r1, a, eve] = s.nodes;
    expect(r1.role).toBe('router');
    expect(r1.interfaces[0].radvd).toEqual({
      MaxRtrAdvInterval: 10,
      AdvDefaultPreference: 'high',
      // "2001:DB8:0:0::/64" in the file: stored canonical.
      prefixes: [{ prefix: '2001:db8::/64', AdvValidLifetime: 'infinity', AdvPreferredLifetime: 14400 }],
      RDNSS: [{ addresses: ['2001:db8::53'], AdvRDNSSLifetime: 600 }],
      DNSSL: [{ suffixes: ['example.com'] }],
      routes: [{ route: '2001:db8:1::/48', AdvRoutePreference: 'low' }],
    });
    expect(strip(r1.addresses[0])).toEqual({ address: '2001:db8::1', prefixLength: 64, iface: 'eth0', nodad: false });
    // "00-11-22-33-44-55" in the file; true stored as Linux's 1.
    expect(a.interfaces[0]).toMatchObject({ name: 'eth0', mac: '00:11:22:33:44:55', link: 'lan0' });
    expect(a.interfaces[0].sysctl).toEqual({ dad_transmits: 2, use_tempaddr: 2, accept_dad: 2, optimistic_dad: 1, ns_source: 'link-local' });
    expect([r1.promiscuous, a.promiscuous, eve.promiscuous]).toEqual([false, false, true]);

    const t = s.timeline.map((x) => strip(x as TimelineAction & { pos: unknown }));
    expect(t.map((x) => [x.do, x.at])).toEqual([
      ['link-up', 0],
      ['link-up', S],
      ['note', 1.5 * S],
      ['ping', 2 * S],
      ['ping', 3 * S],
      ['send', 4 * S],
      ['send', 5 * S],
      ['radvd-config', 6 * S],
      ['link', 7 * S],
      ['link', 8 * S],
    ]);
    expect(t[3]).toEqual({ do: 'ping', at: 2 * S, node: 'a', iface: 'eth0', to: '2001:db8::1', count: 1, interval: S, size: 56 });
    expect(t[4]).toMatchObject({ do: 'ping', node: 'a', count: 3, interval: 200_000_000 });
    expect(t[5]).toMatchObject({ do: 'send', node: 'eve', reply_to: 'dad', frame: { type: 'na', O: true, R: false, S: false, hop_limit: 255 } });
    expect(t[6]).toMatchObject({
      do: 'send',
      repeat: { count: 100, interval: 10_000_000 },
      frame: { type: 'ra', src: 'fe80::bad', router_lifetime: 0, cur_hop_limit: 64, prefixes: [{ prefix: '2001:db8:bad::', prefixLength: 64, valid_lifetime: 0xffffffff, L: true, A: true }] },
    });
    expect(t[8]).toEqual({ do: 'link', at: 7 * S, link: 'lan0', partition: ['eve'] });

    const e = s.expect.map((x) => strip(x as Expectation & { pos: unknown }));
    expect(e[0]).toEqual({
      kind: 'address',
      when: { at: 5 * S },
      node: 'a',
      iface: 'eth0',
      address: '2001:db8::211:22ff:fe33:4455',
      state: 'preferred',
      why: 'RFC 4862 §5.5.3 d forms the address from the PIO',
    });
    expect(e[1]).toMatchObject({ kind: 'neighbor', when: { eventually_before: 10 * S }, state: 'STALE', router: true });
    expect(e[2]).toMatchObject({ kind: 'default-router', absent: true, when: { at: 6.5 * S } });
    expect(e[3]).toMatchObject({ kind: 'frame', min: 2, max: 2, between: [S, 3 * S], pattern: { type: 'ns', from_node: 'a' } });
    expect(e[4]).toMatchObject({ kind: 'frame', min: 0, max: 0, when: { end: true } });
    expect(e[5]).toMatchObject({ kind: 'ping', node: 'a', replies: 4 });
  });

  it('keeps where each action was written, for the runner\'s messages', async () => {
    const r = await loadScenario(`${FIXTURES}/good-slaac.yaml`);
    if (!r.ok) throw new Error('fixture must load');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(`${FIXTURES}/good-slaac.yaml`, 'utf8');
    expect(r.scenario.timeline[2].pos).toEqual({ file: `${FIXTURES}/good-slaac.yaml`, ...at(text, '{ at: 1.5s') });
  });

  it('applies the defaults: seed 1, until 60s, link mtu 1500, first interface eth0', () => {
    const s = ok('name: t\nlinks: [lan0]\nnodes: [{ name: h, role: host, mac: "00:00:00:00:00:01", link: lan0 }]\n');
    expect([s.seed, s.until, s.links[0].mtu, s.links[0].delay, s.nodes[0].interfaces[0].name]).toEqual([1, 60 * S, 1500, 0, 'eth0']);
    expect([s.timeline, s.expect]).toEqual([[], []]);
  });
});

// A scenario that loads; each bad case changes one line of it.
const BASE = `name: base
links: [{ name: lan0 }]
nodes:
  - { name: r1, role: router, mac: "00:11:22:66:77:88", link: lan0, radvd: { prefixes: [{ prefix: "2001:db8::/64" }] } }
  - { name: alice, role: host, mac: "00:11:22:33:44:55", link: lan0 }
timeline:
  - { at: 0s, do: link-up, node: r1 }
expect:
  - { at: 5s, node: alice, address: "2001:db8::211:22ff:fe33:4455", state: preferred }
`;

describe('bad scenarios: one error each, at the offending word', () => {
  it('the base scenario loads', () => expect(ok(BASE).nodes).toHaveLength(2));

  // [what, replace this, with this, the error's position (text to find in the new file), message contains…]
  const CASES: Array<[string, string, string, string, string[]]> = [
    ['misspelt radvd key with suggestion', '{ prefix: "2001:db8::/64" }', '{ prefix: "2001:db8::/64", AdvValidLifetim: 600 }', 'AdvValidLifetim', ['nodes[0].radvd.prefixes[0]: unknown key `AdvValidLifetim`', 'did you mean `AdvValidLifetime`?']],
    ['misspelt sysctl', 'link: lan0 }\ntimeline', 'link: lan0, sysctl: { dad_transmit: 1 } }\ntimeline', 'dad_transmit', ['unknown key `dad_transmit`', 'did you mean `dad_transmits`?']],
    ['radvd name in the wrong case', '{ prefixes:', '{ maxrtradvinterval: 10, prefixes:', 'maxrtradvinterval', ['did you mean `MaxRtrAdvInterval`?']],
    ['wrong type: text for a boolean', 'links: [{ name: lan0 }]', 'links: [{ name: lan0, ra_guard: yes }]', 'yes', ['links[0].ra_guard: expected true or false (YAML 1.2 reads yes/no/on/off as text), found "yes"']],
    ['wrong type: list for a name', 'name: base', 'name: [a, b]', '[a, b]', ['name: expected a title, found a list']],
    ['out of range sysctl', 'link: lan0 }\ntimeline', 'link: lan0, sysctl: { hop_limit: 300 } }\ntimeline', '300', ['sysctl.hop_limit: expected a whole number from 1 to 255, found 300']],
    ['negative duration', 'at: 0s', 'at: -2s', '-2s', ['timeline[0].at: found "-2s": a duration cannot be negative']],
    ['fraction of a nanosecond', 'at: 0s', 'at: 0.5ns', '0.5ns', ['not a whole number of nanoseconds']],
    ['unknown node reference', 'node: r1 }', 'node: r2 }', 'r2', ['timeline[0].node: unknown node "r2" (known nodes: r1, alice)']],
    ['unknown node in an expectation', 'node: alice, address', 'node: alcie, address', 'alcie', ['expect[0].node: unknown node "alcie"', 'did you mean `alice`?']],
    ['unknown link', 'mac: "00:11:22:33:44:55", link: lan0', 'mac: "00:11:22:33:44:55", link: lan1', 'lan1', ['nodes[1].link: unknown link "lan1" (known links: lan0)']],
    ['unknown interface', 'node: r1 }', 'node: r1, iface: eth1 }', 'eth1', ['node r1 has no interface "eth1" (it has eth0)']],
    ['bad address with the parser\'s message', '"2001:db8::211:22ff:fe33:4455"', '"2001:db8::211:22ff:fe33:44555"', '"2001:db8::211:22ff:fe33:44555"', ['expect[0].address: "2001:db8::211:22ff:fe33:44555": group "44555" has 5 hex digits; at most 4 are allowed']],
    ['prefix with host bits', '"2001:db8::/64"', '"2001:db8::1/64"', '"2001:db8::1/64"', ['did you mean 2001:db8::/64?']],
    ['bad MAC', '"00:11:22:33:44:55"', '"00:11:22:33:44"', '"00:11:22:33:44"', ['nodes[1].mac: "00:11:22:33:44" has 5 bytes; an Ethernet MAC has 6']],
    ['unknown action with the nearest', 'do: link-up', 'do: linkup', 'linkup', ['timeline[0].do: unknown action "linkup"; did you mean `link-up`?']],
    ['argument of another action', 'node: r1 }', 'node: r1, to: "2001:db8::1" }', 'to:', ['timeline[0]: unknown key `to`']],
    ['missing argument', 'do: link-up, node: r1', 'do: ping, node: r1', '{ at: 0s', ['timeline[0]: `ping` needs `to` (the destination address)']],
    ['duplicate node name', 'link: lan0 }\ntimeline', 'link: lan0 }\n  - { name: alice, role: host, mac: "00:11:22:33:44:56", link: lan0 }\ntimeline', 'alice, role: host, mac: "00:11:22:33:44:56"', ['nodes[2].name: a node named "alice" is already defined']],
    ['duplicate MAC on a link', '"00:11:22:33:44:55"', '"00:11:22:66:77:88"', '"00:11:22:66:77:88", link: lan0 }', ['node alice: MAC 00:11:22:66:77:88 on link lan0 is already used by r1.eth0 (write `same_mac_as: r1` if the clash is the lesson)']],
    ['a host running radvd', 'link: lan0 }\ntimeline', 'link: lan0, radvd: {} }\ntimeline', '{} }', ['a host does not run radvd']],
    ['neighbour state in lower case', 'address: "2001:db8::211:22ff:fe33:4455", state: preferred', 'neighbor: "fe80::1", state: stale', 'stale', ['expect[0].state: expected one of INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, absent, found "stale"; did you mean `STALE`?']],
    ['expectation without a time', '{ at: 5s, node: alice', '{ node: alice', '{ node: alice', ['expect[0]: missing `at` or `eventually_before`']],
    ['preferred lifetime above valid', '{ prefix: "2001:db8::/64" }', '{ prefix: "2001:db8::/64", AdvValidLifetime: 600, AdvPreferredLifetime: 700 }', '700', ['AdvPreferredLifetime: 700 is more than AdvValidLifetime 600', 'RFC 4862 §5.5.3 c']],
    ['frame field of another type', 'do: link-up, node: r1', 'do: send, node: r1, frame: { type: rs, src: "::", dst: "ff02::2", target: "fe80::1" }', 'target', ['frame.target: a rs frame has no `target` (a field of na, ns, redirect)']],
    ['YAML syntax error', 'links: [{ name: lan0 }]', 'links: [{ name: lan0 }', 'nodes:', ['YAML: ']],
    ['key written twice', 'name: base', 'name: base\nname: again', 'name: again', ['YAML: Map keys must be unique']],
  ];

  it.each(CASES)('%s', (_what, from, to, where, messages) => {
    expect(BASE.includes(from), `test bug: "${from}" not in BASE`).toBe(true);
    const text = BASE.replace(from, to);
    const errors = errorsOf(text);
    expect(errors, formatErrors(errors)).toHaveLength(1);
    const [e] = errors;
    expect({ line: e.line, col: e.col }).toEqual(at(text, where));
    for (const m of messages) expect(e.message).toContain(m);
    expect(e.file).toBe('t.yaml');
  });

  it('an action after `until` would never run', () => {
    const text = BASE.replace('name: base', 'name: base\nuntil: 10s').replace('at: 0s', 'at: 20s');
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.line, e.col, e.message])).toEqual([[at(text, '20s').line, at(text, '20s').col, 'timeline[0].at: 20s is after `until` (10s); the action would never run']]);
  });
});

describe('the command form of actions', () => {
  const load = (line: string): ReturnType<typeof parseScenario> => parseScenario(BASE.replace('  - { at: 0s, do: link-up, node: r1 }', line), 't.yaml');
  const action = (line: string): unknown => {
    const r = load(line);
    if (!r.ok) throw new Error(formatErrors(r.errors));
    return strip(r.scenario.timeline[0] as TimelineAction & { pos: unknown });
  };

  it.each([
    ['  - { at: 1s, do: "ping alice 2001:db8::1" }', { do: 'ping', at: S, node: 'alice', iface: 'eth0', to: '2001:db8::1', count: 1, interval: S, size: 56 }],
    ['  - { at: 1s, do: "alice ping6 -c 4 -s 1000 -I 2001:db8::5 2001:db8::1" }', { do: 'ping', at: S, node: 'alice', iface: 'eth0', to: '2001:db8::1', from: '2001:db8::5', count: 4, interval: S, size: 1000 }],
    ['  - { at: 1s, node: alice, do: "ip addr add 2001:db8::7/64 dev eth0 nodad" }', { do: 'ip-addr-add', at: S, node: 'alice', iface: 'eth0', address: '2001:db8::7', prefixLength: 64, nodad: true }],
    ['  - { at: 1s, node: alice, do: "ip -6 address del 2001:db8::7/64" }', { do: 'ip-addr-del', at: S, node: 'alice', iface: 'eth0', address: '2001:db8::7', prefixLength: 64, nodad: false }],
    ['  - { at: 1s, node: alice, do: "ip link set eth0 down" }', { do: 'link-down', at: S, node: 'alice', iface: 'eth0' }],
    ['  - { at: 1s, node: alice, do: "ip link set dev eth0 address 00:11:22:33:44:99" }', { do: 'ip-link-set-address', at: S, node: 'alice', iface: 'eth0', mac: '00:11:22:33:44:99' }],
    ['  - { at: 1s, node: r1, do: "radvd stop" }', { do: 'radvd-stop', at: S, node: 'r1', iface: 'eth0' }],
  ])('%s', (line, expected) => {
    expect(action(line)).toEqual(expected);
  });

  it.each([
    ['  - { at: 1s, do: "pign alice 2001:db8::1" }', 'pign', 'unknown command "pign"', 'did you mean `ping`?'],
    ['  - { at: 1s, node: alice, do: "ip adr add 2001:db8::1/64" }', 'adr', '`ip adr` is not understood', 'did you mean `addr`?'],
    ['  - { at: 1s, node: alice, do: "ip addr add 2001:db8::1" }', '2001:db8::1"', 'timeline[0].do.address: "2001:db8::1" has no "/length"', ''],
    ['  - { at: 1s, node: alice, do: "ip addr add 2001:db8::1/64 dev eth9" }', 'eth9', 'node alice has no interface "eth9"', ''],
    ['  - { at: 1s, node: alice, do: "ip link set eth0 upp" }', 'upp', 'expected up, down or address MAC', 'did you mean `up`?'],
    ['  - { at: 1s, do: "ping 2001:db8::1" }', 'ping', 'which node pings?', ''],
    ['  - { at: 1s, do: "ping alice -W 1 2001:db8::1" }', '-W', 'unknown ping option "-W"', ''],
    ['  - { at: 1s, do: "ping alice 2001:db8::g" }', '2001:db8::g', '"2001:db8::g": "g" is not a hex digit', ''],
    ['  - { at: 1s, node: alice, do: "radvd stop" }', 'alice, do', 'alice is a host; only routers and attackers run radvd', ''],
  ])('%s', (line, where, message, hint) => {
    const r = load(line);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = BASE.replace('  - { at: 0s, do: link-up, node: r1 }', line);
    expect(r.errors, formatErrors(r.errors)).toHaveLength(1);
    expect({ line: r.errors[0].line, col: r.errors[0].col }).toEqual(at(text, where, 'timeline'));
    expect(r.errors[0].message).toContain(message);
    expect(r.errors[0].message).toContain(hint);
  });
});

describe('all errors are collected', () => {
  it('bad-many.yaml reports each of its five problems, in file order', async () => {
    const r = await loadScenario(`${FIXTURES}/bad-many.yaml`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(`${FIXTURES}/bad-many.yaml`, 'utf8');
    const file = `${FIXTURES}/bad-many.yaml`;
    const line = (needle: string, msg: string): string => {
      const p = at(text, needle);
      return `${file}:${p.line}:${p.col}: ${msg}`;
    };
    expect(formatErrors(r.errors).split('\n')).toEqual([
      line('AdvValidLifetim', 'nodes[0].radvd.prefixes[0]: unknown key `AdvValidLifetim`; did you mean `AdvValidLifetime`?'),
      line('lan9', 'nodes[1].link: unknown link "lan9" (known links: lan0); did you mean `lan0`?'),
      line('-1s', 'timeline[0].at: found "-1s": a duration cannot be negative'),
      line('link-upp', 'timeline[1].do: unknown action "link-upp"; did you mean `link-up`?'),
      line('b, address', 'expect[0].node: unknown node "b" (known nodes: r1, a)'),
    ]);
  });

  it('an unreadable file is one error at 1:1', async () => {
    const r = await loadScenario(`${FIXTURES}/no-such-file.yaml`);
    expect(r).toEqual({ ok: false, errors: [{ file: `${FIXTURES}/no-such-file.yaml`, line: 1, col: 1, message: 'cannot read the scenario: no such file' }] });
  });

  it('an unknown YAML alias is one error, at the alias', () => {
    const text = BASE.replace('mac: "00:11:22:33:44:55"', 'mac: *nomac');
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.line, e.col, e.message])).toEqual([[at(text, '*nomac').line, at(text, '*nomac').col, 'unknown alias *nomac']]);
  });

  it('formatErrors sorts by position', () => {
    const text = formatErrors([
      { file: 'f', line: 9, col: 2, message: 'second' },
      { file: 'f', line: 3, col: 7, message: 'first' },
    ]);
    expect(text).toBe('f:3:7: first\nf:9:2: second');
  });
});
