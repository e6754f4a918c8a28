// The checking shared by the sysctl-keyed configurations (ND in config.ts,
// SLAAC in ../slaac/config.ts): one check per key, Linux defaults overlaid
// with what the scenario wrote, every problem reported at once, and a
// misspelt key answered with the nearest known one.

/** null when the value is acceptable, else why not (appended to "key = value: "). */
export type Check = (v: unknown) => string | null;

/** Upper bound shown as "∞": the sysctl has no practical ceiling. */
export const BIG = Number.MAX_SAFE_INTEGER;

export const int = (min: number, max: number, why = ''): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? null
    : `must be a whole number from ${min} to ${max === BIG ? '∞' : max}${why}`;

export const oneOf = (...values: ReadonlyArray<string | number>): Check => (v) =>
  values.includes(v as string | number) ? null : `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;

/**
 * `defaults` overlaid with the valid entries of `partial`. Unknown keys and
 * invalid values become errors (`what` names the family in "unknown <what>
 * setting"); cross-key rules are the caller's, on the returned config.
 */
export function overlaySysctls<T extends object>(
  defaults: Readonly<T>,
  checks: { readonly [K in keyof T]: Check },
  partial: Readonly<Record<string, unknown>>,
  what: string,
): { config: T; errors: string[] } {
  const errors: string[] = [];
  const config: Record<string, unknown> = { ...defaults };
  const known = Object.keys(checks);
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in checks)) {
      const near = closest(key, known);
      errors.push(`unknown ${what} setting "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
      continue;
    }
    const problem = checks[key as keyof T](value);
    if (problem) errors.push(`${key} = ${JSON.stringify(value)}: ${problem}`);
    else config[key] = value;
  }
  return { config: config as T, errors };
}

// Suggests a known key for a misspelt one (edit distance ≤ 3).
function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = 4;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
