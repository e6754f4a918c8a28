import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from '../../src/scenario/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['0s', 0],
    ['1.5s', 1_500_000_000],
    ['250ms', 250_000_000],
    ['10us', 10_000],
    ['5ns', 5],
    ['2m', 120_000_000_000],
    ['1h', 3_600_000_000_000],
    ['1d', 86_400_000_000_000],
    ['.5s', 500_000_000],
    ['3', 3_000_000_000],
    [' 7 ms ', 7_000_000],
    [2, 2_000_000_000],
    [0.25, 250_000_000],
    // 0.1 s is exact in decimal even though 0.1 is not in binary.
    [0.1, 100_000_000],
    ['0.000000001s', 1],
  ] as const)('%s → %d ns', (text, ns) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: ns });
  });

  it.each([
    ['-1s', 'cannot be negative'],
    [-0.5, 'cannot be negative'],
    [Number.NaN, 'found NaN'],
    [Number.POSITIVE_INFINITY, 'found Infinity'],
    ['1.5ns', 'not a whole number of nanoseconds'],
    ['0.0000000015s', 'not a whole number of nanoseconds'],
    ['5 sec', 'unknown unit "sec"'],
    ['5S', 'units are lower case: `s`'],
    ['soon', 'expected a duration'],
    ['1e3s', 'expected a duration'],
    ['200d', 'longer than the simulator'],
  ] as const)('%s is refused (%s)', (text, why) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it('formatDuration text parses back to the same ns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (ns) => {
        expect(parseDuration(formatDuration(ns))).toEqual({ ok: true, value: ns });
      }),
    );
  });

  it('formatDuration picks the largest unit that divides', () => {
    expect([0, 1_500_000_000, 120_000_000_000, 10_000, 7].map(formatDuration)).toEqual(['0s', '1500ms', '2m', '10us', '7ns']);
  });
});
