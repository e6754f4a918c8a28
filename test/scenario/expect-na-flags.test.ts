// `flags:` in frame patterns: Neighbor Advertisement R, S, O (RFC 4861 §4.4)
// beside the Router Advertisement M, O, H, prf (RFC 4861 §4.2, RFC 6275
// §7.1, RFC 4191 §2.2), and a clear error, at the flag, for a flag the
// pattern's type does not carry.

import { describe, expect, it } from 'vitest';
import { flagsMatch } from '../../src/scenario/expect-flags.ts';
import { describeExpectation } from '../../src/scenario/expectations.ts';
import { formatErrors, parseScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/scenario/run.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import type { NeighborAdvertisement, RouterAdvertisement } from '../../src/packet/types.ts';
import { ArraySink } from '../../src/sim/trace.ts';

function load(text: string): Scenario {
  const r = parseScenario(text, 't.yaml');
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.scenario;
}

/** Router r1 (2001:db8::1, radvd with M=1) and host h with ndisc_notify; h pings r1 at 5 s. */
const LAN = `name: t
until: 8s
links: [lan0]
nodes:
  - name: r1
    role: router
    mac: "00:11:22:66:77:88"
    link: lan0
    addresses: ["2001:db8::1/64"]
    radvd:
      MinRtrAdvInterval: 3
      MaxRtrAdvInterval: 4
      AdvManagedFlag: true
      prefixes: [{ prefix: "2001:db8::/64" }]
  - { name: h, role: host, mac: "00:11:22:33:44:55", link: lan0, sysctl: { ndisc_notify: 1 } }
timeline:
  - { at: 0s, do: link-up, node: r1 }
  - { at: 1s, do: link-up, node: h }
  - { at: 5s, do: "ping -c 1 2001:db8::1", node: h }
`;

type Nf = { R: boolean; S: boolean; O: boolean };

/** NAs in the trace, counted straight from the frames (not through the pattern code). */
function countNas(sink: ArraySink, node: string, want: Partial<Nf>): number {
  return sink
    .ofType('tx')
    .filter((e) => e.node === node && e.frame?.ipv6?.icmpv6?.type === 136)
    .map((e) => (e.frame!.ipv6!.icmpv6 as NeighborAdvertisement).flags)
    .filter((f) => (Object.keys(want) as (keyof Nf)[]).every((k) => f[k] === want[k])).length;
}

describe('NA flags in frame patterns', () => {
  it('count NAs by R, S and O, as the frames on the wire have them', () => {
    const s = load(`${LAN}expect:
  - { frame: { type: na, from_node: r1, flags: { R: true, S: true, O: true } }, min: 1 }
  - { frame: { type: na, from_node: r1, flags: { R: false } }, sent: false }
  - { frame: { type: na, from_node: h, flags: { R: false, S: false, O: true } }, min: 1 }
  - { frame: { type: na, from_node: h, flags: { R: true } }, sent: false }
  - { frame: { type: na, from_node: r1, flags: { S: false } }, min: 0 }
`);
    const sink = new ArraySink();
    const r = runScenario(s, { trace: sink });
    const expected: [string, Partial<Nf>][] = [
      ['r1', { R: true, S: true, O: true }],
      ['r1', { R: false }],
      ['h', { R: false, S: false, O: true }],
      ['h', { R: true }],
      ['r1', { S: false }],
    ];
    const counts = expected.map(([node, f]) => countNas(sink, node, f));
    // The lab really has both kinds: r1 answers h's NS (solicited, R=1),
    // h announces its addresses (ndisc_notify: S=0, R=0).
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[2]).toBeGreaterThan(0);
    expect(r.results.map((x) => x.observed)).toEqual(counts.map((n) => `${n} matching frame(s)`));
    expect(r.results.every((x) => x.pass)).toBe(true);
  });

  it('RA patterns keep M and O and gain H and prf', () => {
    const s = load(`${LAN}expect:
  - { frame: { type: ra, flags: { M: true, O: false, prf: medium } }, min: 1 }
  - { frame: { type: ra, flags: { H: true } }, sent: false }
  - { frame: { type: ra, flags: { prf: high } }, sent: false }
`);
    const sink = new ArraySink();
    const r = runScenario(s, { trace: sink });
    const ras = sink.ofType('tx').filter((e) => e.frame?.ipv6?.icmpv6?.type === 134).map((e) => (e.frame!.ipv6!.icmpv6 as RouterAdvertisement).flags);
    const n = ras.filter((f) => f.M && !f.O && f.prf === 'medium').length;
    expect(n).toBeGreaterThan(0);
    expect(r.results.map((x) => [x.pass, x.observed])).toEqual([
      [true, `${n} matching frame(s)`],
      [true, '0 matching frame(s)'],
      [true, '0 matching frame(s)'],
    ]);
  });

  it('a check names the flags in the type’s wire order', () => {
    const s = load(`${LAN}expect:
  - { frame: { type: na, flags: { O: false, S: true, R: true } }, min: 1 }
  - { frame: { type: ra, flags: { prf: low, M: true } }, min: 1 }
`);
    expect(describeExpectation(s.expect[0])).toContain('flags R=1 S=1 O=0');
    expect(describeExpectation(s.expect[1])).toContain('flags M=1 prf=low');
  });

  it('O in an NA pattern never matches an RA’s O (and the other way round)', () => {
    const na = { type: 136, flags: { R: false, S: false, O: true } };
    const ra = { type: 134, flags: { M: false, O: true, H: false, prf: 'medium' } };
    expect(flagsMatch({ O: true }, na)).toBe(true);
    expect(flagsMatch({ R: false, S: false, O: true }, na)).toBe(true);
    expect(flagsMatch({ S: true }, na)).toBe(false);
    expect(flagsMatch({ M: false }, na)).toBe(false); // NAs have no M
    expect(flagsMatch({ R: false }, ra)).toBe(false); // RAs have no R
    expect(flagsMatch({ O: true, prf: 'medium' }, ra)).toBe(true);
    expect(flagsMatch({ O: true }, { type: 135, flags: {} })).toBe(false);
  });
});

describe('flags that do not belong to the pattern’s type', () => {
  /** Errors of a valid scenario but for its only expectation, `line`, at line 5. */
  function errorsOf(line: string) {
    const r = parseScenario(`name: t\nlinks: [lan0]\nnodes: [{ name: h, role: host, mac: "00:11:22:33:44:55", link: lan0 }]\nexpect:\n${line}\n`, 't.yaml');
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.errors;
  }
  const colOf = (line: string, text: string) => line.indexOf(text) + 1;

  it('M in an NA pattern: an error at M (file, line, column) naming NA’s flags', () => {
    const line = '  - { frame: { type: na, flags: { R: true, M: true } }, min: 1 }';
    const errs = errorsOf(line);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ file: 't.yaml', line: 5, col: colOf(line, 'M:') });
    expect(errs[0].message).toBe('expect[0].frame.flags.M: M is a Router Advertisement flag, not a Neighbor Advertisement one (the pattern\'s type is na); flags of na: R, S and O');
    expect(formatErrors(errs)).toContain(`t.yaml:5:${colOf(line, 'M:')}`);
  });

  it('R and S in an RA pattern: one error each; O is fine in both', () => {
    const line = '  - { frame: { type: ra, flags: { O: true, R: true, S: false } }, min: 1 }';
    const errs = errorsOf(line);
    expect(errs.map((e) => [e.col, e.message])).toEqual([
      [colOf(line, 'R:'), 'expect[0].frame.flags.R: R is a Neighbor Advertisement flag, not a Router Advertisement one (the pattern\'s type is ra); flags of ra: M, O, H and prf'],
      [colOf(line, 'S:'), 'expect[0].frame.flags.S: S is a Neighbor Advertisement flag, not a Router Advertisement one (the pattern\'s type is ra); flags of ra: M, O, H and prf'],
    ]);
  });

  it('any flag on a type without flags (ns, any) is refused', () => {
    for (const type of ['ns', 'any', 'echo-request']) {
      const errs = errorsOf(`  - { frame: { type: ${type}, flags: { O: true } }, min: 1 }`);
      expect(errs).toHaveLength(1);
      expect(errs[0].message).toMatch(new RegExp(`^expect\\[0\\]\\.frame\\.flags: .*the pattern's type is ${type}, which has none: use type ra or na$`));
    }
  });

  it('an empty map, an unknown flag, a non-boolean and a bad prf are each reported', () => {
    expect(errorsOf('  - { frame: { type: na, flags: {} }, min: 1 }')[0].message).toBe('expect[0].frame.flags: give R, S, O or several');
    expect(errorsOf('  - { frame: { type: na, flags: { X: true } }, min: 1 }')[0].message).toMatch(/^expect\[0\]\.frame\.flags: unknown key `X`/);
    expect(errorsOf('  - { frame: { type: na, flags: { S: 2 } }, min: 1 }')[0].message).toMatch(/^expect\[0\]\.frame\.flags\.S: /);
    expect(errorsOf('  - { frame: { type: ra, flags: { prf: highest } }, min: 1 }')[0].message).toMatch(/^expect\[0\]\.frame\.flags\.prf: expected one of high, medium, low, reserved/);
  });
});
