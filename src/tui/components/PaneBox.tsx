// A pane: a title row, then exactly `height - 1` content rows of `width`
// columns. Content that does not fit is the caller's to scroll.

import { Box } from 'ink';
import { paintLine, Row } from './StyledLine.tsx';
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
  // The box's height keeps the rows below the last line blank: no padding
  // lines (each would be one more Ink node to lay out on every keypress).
  return (
    <Box flexDirection="column" width={width} height={height}>
      {height > 0 ? <Row text={paintLine(head, width)} /> : null}
      {body.map((l, i) => (
        <Row key={i} text={paintLine(l, width)} />
      ))}
    </Box>
  );
}

/** The window of `total` rows of `size` that keeps row `at` in view, centred when it can. */
export function scrollWindow(total: number, size: number, at: number): number {
  if (total <= size || at < 0) return 0;
  return Math.max(0, Math.min(total - size, at - Math.floor(size / 2)));
}
