// Shared by the TUI tests: a model over a bundled scenario, fake playback
// timers, and a way to wait for Ink to draw.
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.ts';
import { TuiModel, type ModelOptions, type Timers } from '../../src/tui/model.ts';

export function modelFor(file: string, opts: Partial<ModelOptions> = {}): { model: TuiModel; timers: FakeTimers } {
  const text = readFileSync(file, 'utf8');
  const r = parseScenario(text, file);
  if (!r.ok) throw new Error(`${file}: ${r.errors[0].message}`);
  const timers = new FakeTimers();
  const model = new TuiModel({ scenario: r.scenario, text, timers, ...opts });
  model.loadSync();
  return { model, timers };
}

/** Playback timers the test fires by hand. */
export class FakeTimers implements Timers {
  fns = new Map<number, () => void>();
  private next = 1;
  setInterval(fn: () => void): unknown {
    const id = this.next++;
    this.fns.set(id, fn);
    return id;
  }
  clearInterval(h: unknown): void {
    this.fns.delete(h as number);
  }
  fire(times = 1): void {
    for (let i = 0; i < times; i++) for (const fn of [...this.fns.values()]) fn();
  }
}

export const KEY = { right: '\u001B[C', left: '\u001B[D', up: '\u001B[A', down: '\u001B[B', enter: '\r', tab: '\t' };

export const settle = (ms = 40) => new Promise((r) => setTimeout(r, ms));

/** Ink output without colour codes. */
export function plain(frame: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');
}

/** Waits until `pred` holds for the last frame (Ink draws asynchronously). */
export async function waitFor(get: () => string | undefined, pred: (s: string) => boolean, what: string, ms = 3000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = plain(get());
    if (pred(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await settle(20);
  }
}
