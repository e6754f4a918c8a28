// The ladder pane: the frames around the selected one as arrows between
// node columns, numbered, in the seminar slides' manner.

import { memo } from 'react';
import type { FrameCache } from '../frames.ts';
import { KIND_STYLE } from '../frames.ts';
import { hiddenReceivers, ladderArrows, ladderColumns, laneHeader, laneText } from '../ladder.ts';
import { lowerBound } from '../model.ts';
import type { Recording } from '../record.ts';
import { span, type Line } from '../theme.ts';
import { PaneBox, scrollWindow } from './PaneBox.tsx';

export interface LadderPaneProps {
  readonly rec: Recording;
  readonly cache: FrameCache;
  readonly visible: readonly number[];
  readonly selected: number | null;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

const LABEL = 16;

export function ladderLines(p: LadderPaneProps): Line[] {
  const rows = Math.max(0, p.height - 2);
  const at = p.selected ? lowerBound(p.visible, p.selected) : 0;
  const start = scrollWindow(p.visible.length, rows, at);
  const ids = p.visible.slice(start, start + rows);
  const arrows = ladderArrows(p.rec, ids, p.cache, start + 1);
  const focus = arrows.find((a) => a.frameId === p.selected);
  const room = Math.max(0, p.width - LABEL - 6);
  const columns = ladderColumns(p.rec, arrows, Math.max(1, Math.floor(room / 6)), focus);
  const colWidth = Math.max(6, Math.min(14, Math.floor(room / Math.max(1, columns.length))));
  const lines: Line[] = [[span(' '.repeat(LABEL) + laneHeader(columns, colWidth), 'heading')]];
  for (const a of arrows) {
    const selected = a.frameId === p.selected;
    const label = `(${a.n}) ${a.name}`.slice(0, LABEL - 1).padEnd(LABEL);
    const hidden = hiddenReceivers(a, columns);
    const line: Line = [
      span(label, selected ? 'row-selected' : KIND_STYLE[a.kind]),
      span(laneText(a, columns, colWidth), selected ? 'row-selected' : KIND_STYLE[a.kind]),
    ];
    // More nodes than columns: say who sent it and how many are not drawn.
    if (!columns.includes(a.from)) line.push(span(` from ${a.from}`, 'dim'));
    if (hidden > 0) line.push(span(` +${hidden}`, 'dim'));
    if (a.to.length === 0) line.push(span(' (nobody)', 'dim'));
    lines.push(line);
  }
  if (arrows.length === 0) lines.push([span('  no frames', 'dim')]);
  return lines;
}

export const LadderPane = memo(function LadderPane(p: LadderPaneProps) {
  return <PaneBox title="Ladder" focused={p.focused} lines={ladderLines(p)} width={p.width} height={p.height} />;
});
