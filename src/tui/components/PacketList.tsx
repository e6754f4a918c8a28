// The packet list: one row per frame, tcpdump style (src/packet/summary.ts),
// coloured by message type; frames a receiver ignored carry the reason.

import { memo } from 'react';
import type { FrameCache } from '../frames.ts';
import { KIND_STYLE } from '../frames.ts';
import type { Recording } from '../record.ts';
import { span, type Line } from '../theme.ts';
import { lowerBound } from '../model.ts';
import { PaneBox, scrollWindow } from './PaneBox.tsx';

export interface PacketListProps {
  readonly rec: Recording;
  readonly cache: FrameCache;
  readonly visible: readonly number[];
  readonly selected: number | null;
  /** The frame of the current event (marked ▶). */
  readonly current: number | null;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  readonly filterText?: string;
}

function receiversText(rec: Recording, id: number): string {
  const r = rec.receivers.get(id) ?? [];
  if (r.length === 0) return '(nobody)';
  if (r.length <= 2) return r.join(',');
  return `${r.length} nodes`;
}

/** The row of one frame. */
export function packetRow(rec: Recording, cache: FrameCache, id: number, marks: { selected: boolean; current: boolean }, wide: boolean): Line {
  const tx = rec.frames[id];
  const info = cache.get(tx);
  const style = marks.selected ? 'row-selected' : KIND_STYLE[info.kind];
  const base = marks.selected ? 'row-selected' : 'plain';
  const line: Line = [
    span(marks.current ? '▶' : ' ', marks.selected ? 'row-selected' : 'row-current'),
    span(`${String(id).padStart(4)} ${(tx.time / 1e9).toFixed(6).padStart(10)} `, base),
    span(`${tx.node} → ${receiversText(rec, id)}`.padEnd(wide ? 16 : 12) + ' ', base),
    span(info.name.padEnd(9) + ' ', style),
    span(info.summary, base),
  ];
  const drops = rec.drops.get(id);
  if (drops?.length) {
    const d = drops[0];
    line.push(span(`  ✗ ${d.node}: ${d.reason}${drops.length > 1 ? ` (+${drops.length - 1})` : ''}`, marks.selected ? 'row-selected' : 'drop'));
  }
  return line;
}

export function packetListLines(p: PacketListProps): Line[] {
  const rows = Math.max(0, p.height - 2);
  const at = p.selected ? lowerBound(p.visible, p.selected) : 0;
  const start = scrollWindow(p.visible.length, rows, at);
  const wide = p.width >= 120;
  const lines: Line[] = [[span(`    No.       Time ${'From → To'.padEnd(wide ? 16 : 12)} ${'Msg'.padEnd(9)} Summary`, 'heading')]];
  for (const id of p.visible.slice(start, start + rows)) {
    lines.push(packetRow(p.rec, p.cache, id, { selected: id === p.selected, current: id === p.current }, wide));
  }
  if (p.visible.length === 0) lines.push([span(p.filterText ? '  no frame matches the filter' : '  no frames yet', 'dim')]);
  return lines;
}

export const PacketList = memo(function PacketList(p: PacketListProps) {
  const note = `${p.visible.length}/${p.rec.frames.length - 1 < 0 ? 0 : Math.max(0, p.rec.frames.length - 1)} frames${p.filterText ? `  /${p.filterText}` : ''}`;
  return <PaneBox title="Packets" focused={p.focused} lines={packetListLines(p)} width={p.width} height={p.height} note={note} />;
});
