// Durations in scenario files: "0s", "1.5s", "250ms", "10us", "5ns", "2m",
// "1h", "1d", or a plain number of seconds. The simulator's clock counts
// integer nanoseconds (src/nd/machine.ts), so every duration is converted to
// an integer number of ns here, once, and rejected if it is not one.

import type { ParseResult } from '../packet/address.ts';

/** Nanoseconds per unit, exact integers so that "1.5s" is computed without
 *  binary rounding (see toNs). */
export const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
};

const EXPECTED = 'a duration such as 0s, 1.5s, 250ms, 10us, 5ns, 2m, 1h, 1d (a plain number means seconds)';

/** Decimal text × unit, exactly: "1.5" s → 1500000000n. Null if the result
 *  has a fraction of a nanosecond. */
function toNs(decimal: string, unit: bigint): bigint | null {
  const [whole, frac = ''] = decimal.split('.');
  const scaled = BigInt(whole + frac) * unit;
  const div = 10n ** BigInt(frac.length);
  return scaled % div === 0n ? scaled / div : null;
}

/**
 * Reads a duration written as text or as a YAML number (seconds) and returns
 * integer nanoseconds. Negative values, NaN, infinities, fractions of a
 * nanosecond and values beyond Number.MAX_SAFE_INTEGER ns (≈104 days) are
 * refused with a sentence saying why.
 */
export function parseDuration(input: string | number): ParseResult<number> {
  let text: string;
  if (typeof input === 'number') {
    if (Number.isNaN(input)) return { ok: false, error: `found NaN, expected ${EXPECTED}` };
    if (!Number.isFinite(input)) return { ok: false, error: `found ${input}, expected ${EXPECTED}` };
    if (input < 0) return { ok: false, error: `found ${input}: a duration cannot be negative` };
    // Number → shortest round-tripping decimal; exponent forms are rare
    // enough to refuse with the plain-decimal advice.
    text = String(input);
    if (/e/i.test(text)) return { ok: false, error: `found ${text}: write it as a plain decimal with a unit, e.g. 5ns or 2h` };
    return finish(text, 's', String(input));
  }
  const t = input.trim();
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)\s*([a-zµ]*)$/i.exec(t);
  if (!m) return { ok: false, error: `found "${input}", expected ${EXPECTED}` };
  if (m[1] === '-') return { ok: false, error: `found "${input}": a duration cannot be negative` };
  const unit = m[3] === '' ? 's' : m[3];
  if (!(unit in UNIT_NS)) {
    const hint = unit.toLowerCase() in UNIT_NS ? `; units are lower case: \`${unit.toLowerCase()}\`` : '';
    return { ok: false, error: `found "${input}": unknown unit "${m[3]}" (known: ns, us, ms, s, m, h, d)${hint}` };
  }
  let num = m[2];
  if (num.startsWith('.')) num = '0' + num;
  if (num.endsWith('.')) num = num.slice(0, -1);
  return finish(num, unit, `"${input}"`);
}

function finish(decimal: string, unit: string, shown: string): ParseResult<number> {
  const ns = toNs(decimal, UNIT_NS[unit]);
  if (ns === null) return { ok: false, error: `found ${shown}: not a whole number of nanoseconds` };
  if (ns > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: `found ${shown}: longer than the simulator's clock can count (about 104 days)` };
  return { ok: true, value: Number(ns) };
}

/** Exact text in the largest unit that divides the value ("2m", "1500ms",
 *  "0s"), for messages and traces. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const n = BigInt(ns);
  for (const unit of ['d', 'h', 'm', 's', 'ms', 'us', 'ns'] as const) {
    const u = UNIT_NS[unit];
    if (n % u === 0n) return `${n / u}${unit}`;
  }
  return `${ns}ns`;
}

/** Seconds as a decimal, for the few messages that speak in seconds. */
export function nsToSeconds(ns: number): number {
  return ns / 1e9;
}
