// A pane: a title row, then exactly `height - 1` content rows of `width`
// columns. Content that does not fit is the caller's to scroll.

import { Box } from 'ink';
import { StyledLine } from './StyledLine.tsx';
import { span, type Line } from '../theme.ts';

export interface PaneBoxProps {
  readonly title: string;
  readonly focused: boolean;
  readonly lines: readonly Line[];
  readonly width: number;
  readonly height: number;
  /** Right-aligned note in the title row (counts, filter). */
  readonly note?: string;
}

export function PaneBox({ title, focused, lines, width, height, note }: PaneBoxProps) {
  const rows = Math.max(0, height - 1);
  const head: Line = [span(focused ? `▌${title}` : ` ${title}`, focused ? 'focus-heading' : 'heading')];
  if (note) head.push(span(`  ${note}`, 'dim'));
  const body = lines.slice(0, rows);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {height > 0 ? <StyledLine line={head} width={width} /> : null}
      {body.map((l, i) => (
        <StyledLine key={i} line={l} width={width} />
      ))}
      {Array.from({ length: rows - body.length }, (_, i) => (
        <StyledLine key={`pad${i}`} line={[]} width={width} />
      ))}
    </Box>
  );
}

/** The window of `total` rows of `size` that keeps row `at` in view, centred when it can. */
export function scrollWindow(total: number, size: number, at: number): number {
  if (total <= size || at < 0) return 0;
  return Math.max(0, Math.min(total - size, at - Math.floor(size / 2)));
}
