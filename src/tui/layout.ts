// Where each pane goes for a terminal size. At 80×24 the packet list sits
// above one pane at a time (the focused one); with room, list and detail
// share the left and ladder and nodes the right, as termshark piles its
// panes — the same panes in a different arrangement.

import type { Pane, UiState } from './model.ts';

export interface Rect {
  width: number;
  height: number;
}

export type Slot = Pane | 'console' | 'quiz';

export interface Layout {
  kind: 'narrow' | 'wide';
  /** Columns of slots, each a list of (slot, rect) from the top. */
  columns: { width: number; slots: { slot: Slot; height: number }[] }[];
  /** A full-width strip above the status line (console on wide screens). */
  strip: { slot: Slot; height: number } | null;
}

export const WIDE_MIN_COLUMNS = 120;
export const WIDE_MIN_ROWS = 30;

export function layout(width: number, height: number, s: Pick<UiState, 'focus' | 'detailOpen' | 'consoleOpen' | 'quiz'>): Layout {
  const rows = Math.max(3, height - 1);
  const quiz = s.quiz.current !== null;
  if (width < WIDE_MIN_COLUMNS || height < WIDE_MIN_ROWS) {
    // An open frame or a quiz question gets the room; the list keeps a few rows.
    const listH = s.detailOpen || quiz ? Math.min(5, Math.floor(rows / 3)) : Math.max(4, Math.floor(rows * 0.4));
    const lower: Slot = quiz ? 'quiz' : s.consoleOpen ? 'console' : s.focus === 'list' ? 'detail' : s.focus;
    return { kind: 'narrow', columns: [{ width, slots: [{ slot: 'list', height: listH }, { slot: lower, height: rows - listH }] }], strip: null };
  }
  const strip = s.consoleOpen ? { slot: 'console' as const, height: Math.min(12, Math.floor(rows / 3)) } : null;
  const body = rows - (strip?.height ?? 0);
  const leftW = Math.floor(width * 0.55);
  const listH = s.detailOpen ? Math.floor(body * 0.25) : Math.floor(body * 0.45);
  const ladderH = Math.floor(body * 0.5);
  return {
    kind: 'wide',
    columns: [
      { width: leftW, slots: [{ slot: 'list', height: listH }, { slot: quiz ? 'quiz' : 'detail', height: body - listH }] },
      { width: width - leftW - 1, slots: [{ slot: 'ladder', height: ladderH }, { slot: 'nodes', height: body - ladderH }] },
    ],
    strip,
  };
}
