// "Did you mean …?" for misspelt keys, actions and enum values: the nearest
// candidate by edit distance, offered only when it is near enough to be a
// plausible typo (so `foo` is not "corrected" to `AdvOnLink`).

/** Optimal-string-alignment distance: insertions, deletions, substitutions
 *  and swaps of two adjacent characters each cost 1 ("AdvOnLnik" is one
 *  typo, not two). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * The candidate nearest to `word`, or null when none is close. A difference
 * only in case or separators always matches (radvd names are case-sensitive,
 * ND states are upper case); otherwise the distance must be at most a third
 * of the word's length (minimum 1, at most 3).
 */
export function nearest(word: string, candidates: Iterable<string>): string | null {
  // Case and separators are the cheapest typos (ra_guard / ra-guard / RA-Guard).
  const norm = (s: string): string => s.toLowerCase().replace(/[-_ ]/g, '');
  const w = norm(word);
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, norm(c));
    if (d === 0) return c;
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  // One- and two-letter words (node names like `a`) are too short to guess at.
  const limit = word.length <= 2 ? 0 : Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  return best !== null && bestD <= limit ? best : null;
}

/** ", did you mean `X`?" or "" — ready to append to a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const n = nearest(word, candidates);
  return n === null ? '' : `; did you mean \`${n}\`?`;
}
