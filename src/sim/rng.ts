// The simulator's only source of randomness: sfc32 ("Small Fast Counting"
// generator by Chris Doty-Humphrey, from PractRand), 128 bits of state, 32-bit
// outputs, passes PractRand and BigCrush, and uses only 32-bit integer
// operations, so it gives the same numbers on every platform. The counter
// word guarantees a period of at least 2^32 for every seed, so no seed is
// degenerate (unlike xorshift-style generators and the all-zero state).
//
// Streams: `streamFor(seed, name)` hashes the scenario seed and a name (a
// node's name, "link:lan0"…) to the 128-bit state with a 4-lane 32-bit
// string hash and a murmur3-style avalanche (fmix32). Every stream is a pure
// function of (seed, name): adding a node or drawing more numbers in one node
// never changes what another node draws. 128 bits of state from the hash
// make two names sharing a stream practically impossible even at 100,000
// nodes (a 32-bit seed would collide by the birthday bound at ~77,000).
//
// Seeds are read as text: seed 1 and seed "1" are the same scenario.

import type { Random } from '../nd/machine.ts';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 128-bit hash of a string (UTF-16 code units), as four 32-bit words. */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 0x9e3779b9;
  let h2 = 0x243f6a88;
  let h3 = 0xb7e15162;
  let h4 = 0x85a308d3;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 0x9e3779b1);
    h2 = h3 ^ Math.imul(h2 ^ k, 0x85ebca77);
    h3 = h4 ^ Math.imul(h3 ^ k, 0xc2b2ae3d);
    h4 = h1 ^ Math.imul(h4 ^ k, 0x27d4eb2f);
  }
  // Fold in the length so that strings differing only by trailing zeros of
  // the mixing do not meet, then cross-mix the lanes before the avalanche.
  h1 = Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d) ^ text.length;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0x297a2d39) ^ h1;
  h3 = Math.imul(h3 ^ (h3 >>> 16), 0x1b873593) ^ h2;
  h4 = Math.imul(h4 ^ (h4 >>> 13), 0xcc9e2d51) ^ h3;
  h1 ^= h4;
  return [fmix32(h1), fmix32(h2), fmix32(h3), fmix32(h4)];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private fn: Random | null = null;

  /** State words straight from the caller; prefer `streamFor`. */
  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Discard the first outputs so that similar seeds spread apart (the
    // warm-up PractRand's author recommends for sfc).
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** `next` as a free function, for machines that take a `Random` (made on
   *  first use: 100,000 idle nodes need not carry a closure each). */
  get random(): Random {
    return (this.fn ??= () => this.next32() / TWO_POW_32);
  }

  /** A uniform unsigned 32-bit integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) + t | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1), with 32 bits of resolution (steps of 2^-32: finer
   *  than a nanosecond over any ND delay, which are all ≤ a few seconds). */
  next(): number {
    return this.next32() / TWO_POW_32;
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Uniform integer in [0, n), without modulo bias (rejection sampling);
   *  n is a positive integer up to 2^53. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_53) {
      throw new RangeError(`int(n) needs an integer 1 ≤ n ≤ 2^53, got ${n}`);
    }
    if (n <= TWO_POW_32) {
      // Accept only below the largest multiple of n that fits in 2^32.
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      for (;;) {
        const x = this.next32();
        if (x < limit) return x % n;
      }
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    for (;;) {
      const x = (this.next32() >>> 11) * TWO_POW_32 + this.next32();
      if (x < limit) return x % n;
    }
  }

  /** `n` random bytes (four per 32-bit draw, little-endian). */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      let x = this.next32();
      for (let j = i; j < i + 4 && j < n; j++) {
        out[j] = x & 0xff;
        x >>>= 8;
      }
    }
    return out;
  }
}

/** The independent stream of `name` (a node, "link:lan0"…) in the scenario
 *  seeded `seed`. The seed's length prefixes it so that no (seed, name) pair
 *  can spell the same text as another. */
export function streamFor(seed: number | string, name: string): Rng {
  const s = String(seed);
  const [a, b, c, d] = hash128(`${s.length}:${s}\u0000${name}`);
  return new Rng(a, b, c, d);
}
