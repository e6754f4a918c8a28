// The view state of the terminal UI, as the model publishes it: one
// immutable object per change (model.ts makes them; components read them).

import type { Lang } from '../explain/index.ts';
import type { Nanos } from '../nd/machine.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Filter } from './filter.ts';
import type { Question } from './quiz.ts';
import type { Recording } from './record.ts';

export type Pane = 'list' | 'ladder' | 'detail' | 'nodes';
export const PANES: readonly Pane[] = ['list', 'ladder', 'detail', 'nodes'];
export const SPEEDS = [0.01, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000] as const;
/** Wall-clock milliseconds between playback ticks. */
export const TICK_MS = 50;

/** The one selection: a frame and a byte range in it (the selected field). */
export interface Selection {
  frameId: number | null;
  field: number;
  byteRange: readonly [number, number] | null;
}

export interface Prompt {
  kind: 'filter' | 'goto' | 'console';
  text: string;
}

export interface QuizState {
  enabled: boolean;
  asked: ReadonlySet<number>;
  right: number;
  total: number;
  current: Question | null;
  chosen: number | null;
}

export interface UiState {
  phase: 'loading' | 'ready';
  progress: number;
  rec: Recording | null;
  /** Index into rec.steps of the current event; -1 before the first. */
  cursor: number;
  /** Displayed virtual time (moves between events while playing). */
  time: Nanos;
  playing: boolean;
  speed: number;
  filter: Filter | null;
  /** frameIds that pass the filter. */
  visible: readonly number[];
  selection: Selection;
  focus: Pane;
  /** The node shown in the nodes pane when the user picked one. */
  pinnedNode: string | null;
  prompt: Prompt | null;
  consoleLines: readonly string[];
  consoleOpen: boolean;
  help: boolean;
  /** Enter on a frame: the detail pane gets the room. */
  detailOpen: boolean;
  message: { text: string; error: boolean } | null;
  quiz: QuizState;
  lang: Lang;
  title: string;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface ModelOptions {
  scenario: Scenario;
  /** The scenario file's text (console actions are added to it). */
  text: string;
  lang?: Lang;
  quiz?: boolean;
  seed?: number;
  until?: Nanos;
  timers?: Timers;
}
