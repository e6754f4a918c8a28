// One line of styled spans, cut or padded to exactly `width` columns, so a
// pane never wraps (wrapping would push every pane below it down).

import { Text } from 'ink';
import { stringWidth, cut } from '../text.ts';
import { THEME, type Line } from '../theme.ts';

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

export function StyledLine({ line, width, fill }: { readonly line: Line; readonly width: number; readonly fill?: Line[number]['style'] }) {
  const spans = fitLine(line, width, fill);
  return (
    <Text wrap="truncate">
      {spans.map((s, i) => (
        <Text key={i} {...THEME[s.style]}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
