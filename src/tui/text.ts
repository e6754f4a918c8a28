// Text measured in terminal columns, not code units: Japanese explanations
// and the box-drawing characters of the ladder must line up, so every pane
// fits its lines with string-width (the measure Ink itself uses).

import stringWidthFull from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Marks, joiners, variation selectors and emoji: characters whose width
 *  depends on their neighbours, left to string-width's grapheme walk. */
const COMBINING = /[\u0300-\u036f\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f\u{1f000}-\u{1ffff}]/u;
const charWidths = new Map<number, number>();

/** Columns `text` takes. string-width walks graphemes with costly regular
 *  expressions, and a keypress on a big screen measures thousands of
 *  strings: printable ASCII is one column a character, and any other
 *  standalone character is measured once and remembered. */
export function stringWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (COMBINING.test(text)) return stringWidthFull(text);
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f) {
      w++;
      continue;
    }
    let cw = charWidths.get(c);
    if (cw === undefined) charWidths.set(c, (cw = stringWidthFull(ch)));
    w += cw;
  }
  return w;
}

/** `text` cut or padded with spaces to exactly `width` columns. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const w = stringWidth(text);
  if (w === width) return text;
  if (w < width) return text + ' '.repeat(width - w);
  return cut(text, width);
}

/** `text` cut to at most `width` columns (no padding); a cut line ends in "…". */
export function cut(text: string, width: number): string {
  if (width <= 0) return '';
  if (PRINTABLE_ASCII.test(text)) return text.length <= width ? text : text.slice(0, width - 1) + '…';
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const cw = stringWidth(ch);
    if (used + cw > width - 1) break;
    out += ch;
    used += cw;
  }
  return out + ' '.repeat(Math.max(0, width - 1 - used)) + '…';
}

/** Greedy wrap to `width` columns: at spaces for Latin text, anywhere
 *  between wide characters (Japanese has no spaces between words). */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let used = 0;
    // Tokens: runs of non-space narrow characters, single wide characters, spaces.
    const tokens = para.match(/[^\s\u1100-\uffff]+|[\u1100-\uffff]|\s+/g) ?? [''];
    for (const tok of tokens) {
      const tw = stringWidth(tok);
      if (used + tw > width && used > 0) {
        lines.push(line.trimEnd());
        line = '';
        used = 0;
        if (/^\s+$/.test(tok)) continue;
      }
      if (tw > width) {
        // A word longer than the line: hard-cut it.
        for (const ch of tok) {
          const cw = stringWidth(ch);
          if (used + cw > width) {
            lines.push(line);
            line = '';
            used = 0;
          }
          line += ch;
          used += cw;
        }
        continue;
      }
      line += tok;
      used += tw;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
