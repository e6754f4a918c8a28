import { describe, expect, it } from 'vitest';
import { hash128, Rng, streamFor } from '../../src/sim/rng.ts';

/** Pearson chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const e = total / counts.length;
  return counts.reduce((acc, o) => acc + ((o - e) * (o - e)) / e, 0);
}

describe('Rng (sfc32)', () => {
  it('matches sfc32 reference outputs after the 12-draw warm-up', () => {
    // Computed with an independent Python transcription of PractRand's sfc32
    // (tmp = a + b + counter++; a = b ^ b >> 9; b = c + (c << 3);
    //  c = rotl(c, 21) + tmp), state (1, 2, 3, 4), 12 outputs discarded.
    const r = new Rng(1, 2, 3, 4);
    expect([r.next32(), r.next32(), r.next32(), r.next32(), r.next32()]).toEqual([
      417285410, 1196253302, 123583739, 800524041, 903873393,
    ]);
    const z = new Rng(0xdeadbeef, 0, 0, 0);
    expect([z.next32(), z.next32(), z.next32()]).toEqual([91653303, 1875250010, 4161299407]);
  });

  it('the same (seed, name) gives the same sequence; seed 1 and "1" are the same scenario', () => {
    const a = streamFor(42, 'host-a');
    const b = streamFor('42', 'host-a');
    for (let i = 0; i < 100; i++) expect(a.next32()).toBe(b.next32());
  });

  it('next() is in [0, 1) with mean ≈ 1/2 and uniform deciles (chi-square, p = 0.001)', () => {
    const r = streamFor(7, 'dist');
    const bins = new Array(10).fill(0);
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      bins[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005); // ~5.5 standard errors
    expect(chiSquare(bins)).toBeLessThan(27.88); // df = 9
  });

  it('int(n) is uniform over [0, n) and stays in range for n = 1, 3, 2^32, 2^40', () => {
    const r = streamFor(7, 'int');
    const bins = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) bins[r.int(7)]++;
    expect(chiSquare(bins)).toBeLessThan(22.46); // df = 6
    for (const n of [1, 3, 2 ** 32, 2 ** 40]) {
      let bad = 0;
      for (let i = 0; i < 1000; i++) {
        const x = r.int(n);
        if (!(Number.isInteger(x) && x >= 0 && x < n)) bad++;
      }
      expect(bad).toBe(0);
    }
    // 2^40 draws reach above 2^32 (they use two words).
    let high = false;
    for (let i = 0; i < 100; i++) if (r.int(2 ** 40) >= 2 ** 32) high = true;
    expect(high).toBe(true);
    for (const bad of [0, -1, 1.5, 2 ** 53 + 2, NaN]) expect(() => r.int(bad)).toThrow(RangeError);
  });

  it('uniform(a, b) stays in [a, b)', () => {
    const r = streamFor(1, 'u');
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 10_000; i++) {
      const x = r.uniform(0.5, 1.5);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    expect(lo).toBeGreaterThanOrEqual(0.5);
    expect(hi).toBeLessThan(1.5);
    expect(lo).toBeLessThan(0.51);
    expect(hi).toBeGreaterThan(1.49);
  });

  it('bytes(n) has the asked length (also not a multiple of 4) and uniform byte values', () => {
    const r = streamFor(3, 'bytes');
    expect(r.bytes(0)).toHaveLength(0);
    expect(r.bytes(7)).toHaveLength(7);
    const bins = new Array(256).fill(0);
    const buf = r.bytes(256 * 400 + 3);
    for (const b of buf) bins[b]++;
    expect(chiSquare(bins)).toBeLessThan(330.52); // df = 255, p = 0.001
  });
});

describe('streamFor independence', () => {
  it('different names or seeds give different streams', () => {
    const first = (s: number | string, n: string) => streamFor(s, n).next32();
    expect(first(1, 'a')).not.toBe(first(1, 'b'));
    expect(first(1, 'a')).not.toBe(first(2, 'a'));
    // The seed/name boundary cannot be moved: ("1", "2x") ≠ ("12", "x").
    expect(first('1', '2x')).not.toBe(first('12', 'x'));
  });

  it('100,000 node names get 100,000 distinct 128-bit states', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(hash128(`9:seed\u0000h${i}`).join(','));
    expect(seen.size).toBe(100_000);
  });

  it('neighbouring names give uncorrelated streams (|Pearson r| < 0.05)', () => {
    const n = 10_000;
    for (const [x, y] of [['h1', 'h2'], ['a', 'b'], ['router', 'routes']]) {
      const ra = streamFor(1, x);
      const rb = streamFor(1, y);
      let sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
      for (let i = 0; i < n; i++) {
        const p = ra.next();
        const q = rb.next();
        sa += p; sb += q; sab += p * q; saa += p * p; sbb += q * q;
      }
      const r = (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
      expect(Math.abs(r)).toBeLessThan(0.05);
    }
  });

  it('a stream does not depend on other streams being created or drawn from', () => {
    const alone = streamFor(5, 'a');
    const expected = Array.from({ length: 20 }, () => alone.next32());
    const other = streamFor(5, 'b');
    for (let i = 0; i < 1000; i++) other.next32();
    const again = streamFor(5, 'a');
    expect(Array.from({ length: 20 }, () => again.next32())).toEqual(expected);
  });

  it('random is next() as a free function', () => {
    const a = streamFor(1, 'x');
    const b = streamFor(1, 'x');
    const f = a.random;
    expect([f(), f(), f()]).toEqual([b.next(), b.next(), b.next()]);
  });
});
