// The ladder diagram (the seminar slides' sequence drawing): one column per
// node, one arrow per frame from its sender to the nodes whose NIC accepted
// it (the rx events of that frameId, so a multicast fans out to the group's
// members only, not to the whole link). Pure layout, shared by the
// terminal pane and the SVG/HTML writer (ladder-svg.ts).

import type { Nanos } from '../nd/machine.ts';
import type { FrameCache, FrameKind } from './frames.ts';
import type { Recording } from './record.ts';
import { stringWidth } from './text.ts';

export interface LadderArrow {
  /** Number shown on the arrow: position among the frames drawn, from 1. */
  n: number;
  frameId: number;
  time: Nanos;
  from: string;
  /** Nodes that accepted the frame, scenario order. */
  to: string[];
  /** Receivers that then ignored it, with the reason. */
  dropped: Map<string, string>;
  kind: FrameKind;
  name: string;
  summary: string;
}

export function ladderArrows(rec: Recording, frameIds: readonly number[], cache: FrameCache, firstNumber = 1): LadderArrow[] {
  const order = new Map(rec.nodes.map((n, i) => [n, i]));
  return frameIds.map((id, i) => {
    const tx = rec.frames[id];
    const info = cache.get(tx);
    const to = [...(rec.receivers.get(id) ?? [])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const dropped = new Map<string, string>();
    for (const d of rec.drops.get(id) ?? []) if (!dropped.has(d.node)) dropped.set(d.node, d.reason);
    return { n: firstNumber + i, frameId: id, time: tx.time, from: tx.node, to, dropped, kind: info.kind, name: info.name, summary: info.summary };
  });
}

/**
 * The columns to draw: nodes taking part in the arrows, scenario order, at
 * most `max` of them. When there are more, senders and the nodes of the
 * `focus` arrow come first; the rest show as "+N" on arrows.
 */
export function ladderColumns(rec: Recording, arrows: readonly LadderArrow[], max: number, focus?: LadderArrow): string[] {
  const involved = new Set<string>();
  for (const a of arrows) {
    involved.add(a.from);
    for (const t of a.to) involved.add(t);
  }
  const all = rec.nodes.filter((n) => involved.has(n));
  if (all.length <= max) return all;
  const keep = new Set<string>();
  const add = (n: string) => keep.size < max && keep.add(n);
  if (focus) {
    add(focus.from);
    for (const t of focus.to) add(t);
  }
  for (const a of arrows) add(a.from);
  for (const a of arrows) for (const t of a.to) add(t);
  return rec.nodes.filter((n) => keep.has(n));
}

/** Character cells of one arrow across the lanes (each `colWidth` wide). */
export function laneText(a: LadderArrow | null, columns: readonly string[], colWidth: number): string {
  const cells: string[] = [];
  const centre = (c: number) => c * colWidth + Math.floor(colWidth / 2);
  for (let c = 0; c < columns.length; c++) {
    for (let x = 0; x < colWidth; x++) cells.push(x === Math.floor(colWidth / 2) ? '│' : ' ');
  }
  if (!a) return cells.join('');
  const s = columns.indexOf(a.from);
  const rx = a.to.map((t) => columns.indexOf(t)).filter((c) => c >= 0 && c !== s);
  if (s < 0) return cells.join('');
  const lo = Math.min(s, ...rx);
  const hi = Math.max(s, ...rx);
  for (let x = centre(lo); x <= centre(hi); x++) cells[x] = '─';
  for (let c = lo + 1; c < hi; c++) cells[centre(c)] = '┼';
  for (const c of rx) {
    const who = columns[c];
    cells[centre(c)] = a.dropped.has(who) ? '✗' : c > s ? '▶' : '◀';
  }
  cells[centre(s)] = '●';
  return cells.join('');
}

/** The column heads, each name centred in its lane. */
export function laneHeader(columns: readonly string[], colWidth: number): string {
  return columns
    .map((n) => {
      const name = stringWidth(n) > colWidth - 1 ? n.slice(0, colWidth - 1) : n;
      const left = Math.max(0, Math.floor(colWidth / 2) - Math.floor((stringWidth(name) - 1) / 2));
      const s = ' '.repeat(left) + name;
      return s + ' '.repeat(Math.max(0, colWidth - stringWidth(s)));
    })
    .join('');
}

/** Receivers not drawn (more nodes than columns). */
export function hiddenReceivers(a: LadderArrow, columns: readonly string[]): number {
  return a.to.filter((t) => !columns.includes(t)).length;
}
