// One line of styled spans, cut or padded to exactly `width` columns, so a
// pane never wraps (wrapping would push every pane below it down).
//
// A line is one Ink <Text> holding one string, its spans already painted
// with chalk the way Ink's own <Text color bold…> paints them (same chalk
// instance, same order of styles, so the same bytes reach the terminal).
// A <Text> per span made a 200×50 screen some 500 React elements and Ink
// text nodes to reconcile and squash on every keypress; a string per line
// makes it about 100, and an unchanged line (a memoised <Row>) costs
// nothing to re-render.

import { memo } from 'react';
import chalk from 'chalk';
import { Text } from 'ink';
import { stringWidth, cut } from '../text.ts';
import { THEME, type Line, type Look, type StyleName } from '../theme.ts';

/** The spans of `line` cut to `width` columns, padded to it in the `fill`
 *  style when that is not plain (pure, for tests too). */
export function fitLine(line: Line, width: number, fill: Line[number]['style'] = 'plain'): Line {
  const out: Line = [];
  let used = 0;
  for (const s of line) {
    if (used >= width) break;
    const w = stringWidth(s.text);
    if (used + w <= width) {
      out.push(s);
      used += w;
    } else {
      const text = cut(s.text, width - used);
      out.push({ text, style: s.style });
      used += stringWidth(text);
    }
  }
  // Plain lines are not padded: the pane's box keeps the layout, and every
  // character written costs Ink time on each frame.
  if (used < width && fill !== 'plain') out.push({ text: ' '.repeat(width - used), style: fill });
  return out;
}

/** What ink's <Text> does with these props (ink/build/components/Text.js:
 *  dim, colour, background, bold, underline, inverse, in that order). */
function painter(look: Look): (text: string) => string {
  const steps: ((s: string) => string)[] = [];
  if (look.dimColor) steps.push((s) => chalk.dim(s));
  if (look.color) steps.push(colour(look.color, 'foreground'));
  if (look.backgroundColor) steps.push(colour(look.backgroundColor, 'background'));
  if (look.bold) steps.push((s) => chalk.bold(s));
  if (look.underline) steps.push((s) => chalk.underline(s));
  if (look.inverse) steps.push((s) => chalk.inverse(s));
  return (text) => {
    let s = text;
    for (const f of steps) s = f(s);
    return s;
  };
}

/** The theme names colours by chalk's names (ink's colorize does the same lookup). */
function colour(name: string, type: 'foreground' | 'background'): (s: string) => string {
  const method = (type === 'foreground' ? name : `bg${name[0].toUpperCase()}${name.slice(1)}`) as keyof typeof chalk;
  if (!(method in chalk)) throw new Error(`theme: "${name}" is not a chalk colour`);
  return (s) => (chalk[method] as (t: string) => string)(s);
}

const PAINT = Object.fromEntries(Object.entries(THEME).map(([name, look]) => [name, painter(look)])) as Record<StyleName, (text: string) => string>;

/** The line as the string Ink writes: fitted, each span painted. Ink
 *  skips the styles of an empty span, and so does this. */
export function paintLine(line: Line, width: number, fill?: StyleName): string {
  let out = '';
  for (const s of fitLine(line, width, fill)) if (s.text.length > 0) out += PAINT[s.style](s.text);
  return out;
}

/** One painted line; re-renders only when its text changes. */
export const Row = memo(function Row({ text }: { readonly text: string }) {
  return <Text wrap="truncate">{text}</Text>;
});

export function StyledLine({ line, width, fill }: { readonly line: Line; readonly width: number; readonly fill?: StyleName }) {
  return <Row text={paintLine(line, width, fill)} />;
}
