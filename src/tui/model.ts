// The terminal UI's model: a recorded scenario session and the view state
// (cursor, selection, filter, focus, playback, console, quiz), kept outside
// React behind one subscription (`subscribe` + `getState`, the shape
// useSyncExternalStore wants). Every change makes a new state object and
// notifies once; components only read it.
//
// Stepping back is instant because the run is recorded once up front
// (record.ts) with every node's table history (node-history.ts); a console
// action re-records the run deterministically with the action added.

import type { Nanos } from '../nd/machine.ts';
import { runConsoleCommand } from './console.ts';
import { parseFilter, stepMatches, visibleFrames } from './filter.ts';
import { FrameCache } from './frames.ts';
import { isQuizEvent, makeQuestion } from './quiz.ts';
import { record, recordSync, type Recording } from './record.ts';
import { PANES, SPEEDS, TICK_MS, type ModelOptions, type Prompt, type Selection, type Timers, type UiState } from './state.ts';

export * from './state.ts';

const realTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

export class TuiModel {
  private state: UiState;
  private readonly listeners = new Set<() => void>();
  private timer: unknown = null;
  private disposed = false;
  private text: string;
  private readonly timers: Timers;
  cache: FrameCache;
  /** For each step, the latest frameId sent at or before it (0: none). */
  private frameAtStep = new Int32Array(0);
  /** Step index of each frame's tx event. */
  private stepOfFrame = new Int32Array(0);

  constructor(private readonly opts: ModelOptions) {
    this.text = opts.text;
    this.timers = opts.timers ?? realTimers;
    this.cache = new FrameCache(new Map(opts.scenario.nodes.map((n) => [n.name, n.role])));
    this.state = {
      phase: 'loading', progress: 0, rec: null, cursor: -1, time: 0, playing: false, speed: 1, filter: null, visible: [],
      selection: { frameId: null, field: 0, byteRange: null }, focus: 'list', pinnedNode: null, prompt: null, consoleLines: [],
      consoleOpen: false, help: false, detailOpen: false, message: null,
      quiz: { enabled: !!opts.quiz, asked: new Set(), right: 0, total: 0, current: null, chosen: null },
      lang: opts.lang ?? 'en', title: opts.scenario.name,
    };
  }

  // ------------------------------------------------------- subscription

  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  readonly getState = (): UiState => this.state;

  private set(patch: Partial<UiState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  // ------------------------------------------------------------ loading

  /** Records the scenario in chunks, showing progress. */
  async load(scenario = this.opts.scenario): Promise<void> {
    this.set({ phase: 'loading', progress: 0 });
    const rec = await record(scenario, { seed: this.opts.seed, until: this.opts.until, onProgress: (p) => this.set({ progress: p }), cancelled: () => this.disposed });
    if (rec) this.adopt(rec);
  }

  /** Records at once (tests, small scenarios). */
  loadSync(scenario = this.opts.scenario): void {
    this.adopt(recordSync(scenario, { seed: this.opts.seed, until: this.opts.until }));
  }

  private adopt(rec: Recording): void {
    this.cache = new FrameCache(rec.roles);
    this.frameAtStep = new Int32Array(rec.steps.length);
    this.stepOfFrame = new Int32Array(rec.frames.length).fill(-1);
    let last = 0;
    rec.steps.forEach((idx, i) => {
      const ev = rec.events[idx];
      if (ev.type === 'tx') {
        last = ev.frameId;
        this.stepOfFrame[ev.frameId] = i;
      }
      this.frameAtStep[i] = last;
    });
    const cursor = Math.min(this.state.cursor, rec.steps.length - 1);
    this.set({ phase: 'ready', progress: 1, rec, title: rec.scenario.name, visible: visibleFrames(this.state.filter, rec) });
    this.moveTo(cursor, this.state.rec ? this.state.time : undefined);
  }

  get recording(): Recording {
    if (!this.state.rec) throw new Error('the scenario has not been recorded yet');
    return this.state.rec;
  }

  // ----------------------------------------------------------- stepping

  /** The event at a step index. */
  eventAt(step: number) {
    const rec = this.recording;
    return rec.events[rec.steps[step]];
  }

  /** Moves the cursor; the selection follows to the current frame. */
  private moveTo(step: number, time?: Nanos): void {
    const rec = this.recording;
    const cursor = Math.max(-1, Math.min(step, rec.steps.length - 1));
    const t = time ?? (cursor >= 0 ? this.eventAt(cursor).time : 0);
    const ev = cursor >= 0 ? this.eventAt(cursor) : null;
    let frameId: number | null = ev && 'frameId' in ev && typeof ev.frameId === 'number' ? ev.frameId : cursor >= 0 ? this.frameAtStep[cursor] : 0;
    // With a filter, the latest visible frame at or before it.
    const vis = this.state.visible;
    if (frameId && !this.isVisible(frameId)) frameId = latestAtOrBefore(vis, frameId);
    this.set({ cursor, time: t, selection: this.selectionFor(frameId || null, 0), message: null });
  }

  private isVisible(frameId: number): boolean {
    const v = this.state.visible;
    const i = lowerBound(v, frameId);
    return v[i] === frameId;
  }

  private selectionFor(frameId: number | null, field: number): Selection {
    if (!frameId) return { frameId: null, field: 0, byteRange: null };
    const tree = this.cache.tree(this.recording.frames[frameId]);
    const f = Math.max(0, Math.min(field, tree.length - 1));
    const sp = tree[f]?.span;
    return { frameId, field: f, byteRange: sp ? [sp.start, sp.end] : null };
  }

  private findStep(from: number, dir: 1 | -1): number {
    const rec = this.recording;
    for (let i = from + dir; i >= 0 && i < rec.steps.length; i += dir) {
      if (stepMatches(this.state.filter, rec.events[rec.steps[i]], rec)) return i;
    }
    return -2;
  }

  next(): void {
    if (!this.state.rec || this.state.quiz.current) return;
    const i = this.findStep(this.state.cursor, 1);
    if (i === -2) return this.set({ message: { text: 'end of the run', error: false }, playing: this.stopPlaying() });
    if (this.askFirst(i)) return;
    this.moveTo(i);
  }

  prev(): void {
    if (!this.state.rec || this.state.quiz.current) return;
    const i = this.findStep(this.state.cursor, -1);
    this.moveTo(i === -2 ? -1 : i);
  }

  /** Jumps to the last event at or before `t`. */
  gotoTime(t: Nanos): void {
    const rec = this.recording;
    let lo = 0;
    let hi = rec.steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rec.events[rec.steps[mid]].time <= t) lo = mid + 1;
      else hi = mid;
    }
    this.moveTo(lo - 1, t);
  }

  // ----------------------------------------------------------- playback

  private stopPlaying(): false {
    if (this.timer !== null) this.timers.clearInterval(this.timer);
    this.timer = null;
    return false;
  }

  togglePlay(): void {
    if (this.state.playing) return this.set({ playing: this.stopPlaying() });
    if (!this.state.rec || this.state.quiz.current) return;
    this.timer = this.timers.setInterval(() => this.tick(), TICK_MS);
    this.set({ playing: true, message: null });
  }

  /** One playback tick: virtual time moves by TICK_MS × speed. */
  tick(): void {
    const rec = this.state.rec;
    if (!rec || !this.state.playing) return;
    const t = Math.min(rec.until, this.state.time + TICK_MS * 1e6 * this.state.speed);
    let cursor = this.state.cursor;
    for (;;) {
      const i = this.findStep(cursor, 1);
      if (i === -2 || this.eventAt(i).time > t) break;
      if (this.askFirst(i)) {
        this.set({ playing: this.stopPlaying() });
        return;
      }
      cursor = i;
    }
    if (cursor !== this.state.cursor) this.moveTo(cursor, t);
    else this.set({ time: t });
    if (t >= rec.until) this.set({ playing: this.stopPlaying(), message: { text: 'end of the run', error: false } });
  }

  faster(): void {
    const i = SPEEDS.indexOf(this.state.speed as (typeof SPEEDS)[number]);
    this.set({ speed: SPEEDS[Math.min(SPEEDS.length - 1, i + 1)] });
  }
  slower(): void {
    const i = SPEEDS.indexOf(this.state.speed as (typeof SPEEDS)[number]);
    this.set({ speed: SPEEDS[Math.max(0, i - 1)] });
  }

  // ------------------------------------------------------ panes & focus

  focusNext(dir: 1 | -1 = 1): void {
    const i = PANES.indexOf(this.state.focus);
    this.set({ focus: PANES[(i + dir + PANES.length) % PANES.length] });
  }

  /** ↑/↓ in the focused pane: frames, fields or nodes. */
  move(delta: number): void {
    const s = this.state;
    if (!s.rec) return;
    if (s.focus === 'detail') {
      if (s.selection.frameId) this.set({ selection: this.selectionFor(s.selection.frameId, s.selection.field + delta) });
      return;
    }
    if (s.focus === 'nodes') {
      const names = [...s.rec.histories.keys()];
      const cur = names.indexOf(this.shownNode() ?? '');
      this.set({ pinnedNode: names[(cur + delta + names.length * 8) % names.length] ?? null });
      return;
    }
    if (s.visible.length === 0) return;
    const at = s.selection.frameId ? lowerBound(s.visible, s.selection.frameId) : -1;
    const i = Math.max(0, Math.min(s.visible.length - 1, at + delta));
    this.set({ selection: this.selectionFor(s.visible[i], 0) });
  }

  /** Enter: the selected frame becomes the current event, shown in full. */
  open(): void {
    const id = this.state.selection.frameId;
    if (!id) return;
    const step = this.stepOfFrame[id];
    if (step >= 0) this.moveTo(step);
    this.set({ focus: 'detail', detailOpen: true });
  }

  escape(): void {
    this.set({ detailOpen: false, consoleOpen: false, help: false, focus: this.state.focus === 'detail' && this.state.detailOpen ? 'list' : this.state.focus });
  }

  toggleHelp(): void {
    this.set({ help: !this.state.help });
  }

  /** The node the nodes pane shows: the pinned one, or the current event's. */
  shownNode(): string | null {
    const s = this.state;
    if (!s.rec) return null;
    if (s.pinnedNode) return s.pinnedNode;
    const ev = s.cursor >= 0 ? this.eventAt(s.cursor) : null;
    const n = ev && 'node' in ev ? ev.node : null;
    if (n && s.rec.histories.has(n)) return n;
    return s.rec.histories.keys().next().value ?? null;
  }

  // ------------------------------------------------------------ prompts

  openPrompt(kind: Prompt['kind']): void {
    this.set({ prompt: { kind, text: kind === 'filter' ? (this.state.filter?.text ?? '') : '' }, consoleOpen: kind === 'console' || this.state.consoleOpen });
  }
  editPrompt(text: string): void {
    if (this.state.prompt) this.set({ prompt: { ...this.state.prompt, text } });
  }
  cancelPrompt(): void {
    this.set({ prompt: null });
  }

  async submitPrompt(): Promise<void> {
    const p = this.state.prompt;
    if (!p) return;
    this.set({ prompt: null });
    if (p.kind === 'filter') this.setFilter(p.text);
    else if (p.kind === 'goto') {
      const { parseDuration } = await import('../scenario/duration.ts');
      const d = parseDuration(p.text);
      if (!d.ok) this.set({ message: { text: `g ${p.text}: ${d.error}`, error: true } });
      else this.gotoTime(d.value);
    } else await this.runConsole(p.text);
  }

  setFilter(text: string): void {
    const rec = this.recording;
    const r = parseFilter(text, rec.nodes);
    if (!r.ok) return this.set({ message: { text: `filter: ${r.error}`, error: true } });
    this.set({ filter: r.filter, visible: visibleFrames(r.filter, rec) });
    this.moveTo(this.state.cursor, this.state.time);
    this.set({ message: { text: r.filter ? `filter: ${r.filter.text} (${this.state.visible.length} frames)` : 'filter cleared', error: false } });
  }

  // ------------------------------------------------------------ console

  private say(...lines: string[]): void {
    this.set({ consoleLines: [...this.state.consoleLines, ...lines].slice(-500), consoleOpen: true });
  }

  async runConsole(line: string): Promise<void> {
    const rec = this.recording;
    await runConsoleCommand(line, {
      recording: rec,
      seq: this.state.cursor >= 0 ? rec.steps[this.state.cursor] : -1,
      time: this.state.time,
      file: this.opts.scenario.file,
      text: this.text,
      say: (...lines) => this.say(...lines),
      rerecord: async (scenario, text) => {
        this.text = text;
        this.set({ playing: this.stopPlaying() });
        await this.load(scenario);
        return this.recording;
      },
    });
  }

  /** The scenario text with every action added so far. */
  get scenarioText(): string {
    return this.text;
  }

  // --------------------------------------------------------------- quiz

  /** With --quiz, stops before an event worth predicting: true if it asked. */
  private askFirst(step: number): boolean {
    const q = this.state.quiz;
    if (!q.enabled || q.asked.has(step) || !isQuizEvent(this.eventAt(step))) return false;
    const question = makeQuestion(this.recording, step, this.cache, this.state.lang);
    if (!question) return false;
    this.set({ quiz: { ...q, current: question, chosen: null, asked: new Set([...q.asked, step]) } });
    return true;
  }

  answer(choice: number): void {
    const q = this.state.quiz;
    if (!q.current || q.chosen !== null || choice < 0 || choice >= q.current.options.length) return;
    const right = choice === q.current.answer;
    this.set({ quiz: { ...q, chosen: choice, total: q.total + 1, right: q.right + (right ? 1 : 0) } });
  }

  /** After the reveal: go on to the event asked about. */
  continueQuiz(): void {
    const q = this.state.quiz;
    if (!q.current || q.chosen === null) return;
    const step = q.current.step;
    this.set({ quiz: { ...q, current: null, chosen: null } });
    this.moveTo(step);
  }

  dispose(): void {
    this.disposed = true;
    this.stopPlaying();
    this.listeners.clear();
  }
}

/** First index with v[i] >= x. */
export function lowerBound(v: readonly number[], x: number): number {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function latestAtOrBefore(v: readonly number[], x: number): number {
  const i = lowerBound(v, x + 1) - 1;
  return i >= 0 ? v[i] : 0;
}
