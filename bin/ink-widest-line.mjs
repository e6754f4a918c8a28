// widest-line (the npm module Ink measures every text node with) with a
// cache. Ink calls it for each <Text> on every frame it draws, and
// string-width runs Intl.Segmenter over any line holding a non-ASCII
// character (the UI's → │ ● …): at 200×50 that was a quarter of Ink's time
// per keypress, for lines that mostly did not change since the last frame.
// Same answer as widest-line 6 (a test compares them); loaded in its place
// for Ink only, by bin/ink-hooks.mjs.
import stringWidth from 'string-width';

const cache = new Map();
/** Distinct texts kept: a few screens' worth; the whole cache is dropped
 *  when full (a keypress after that measures its lines once more). */
const LIMIT = 8192;

export default function widestLine(text) {
  let width = cache.get(text);
  if (width !== undefined) return width;
  width = 0;
  for (const line of text.split('\n')) width = Math.max(width, stringWidth(line));
  if (cache.size >= LIMIT) cache.clear();
  cache.set(text, width);
  return width;
}
