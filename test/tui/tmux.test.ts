// The real binary in a real terminal (tmux) at 80×24 and 200×50: the screen
// draws, keys work, and q or Ctrl-C gives the shell its screen back (the
// alternate screen is left and the cursor shown again).
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasTmux) {
  if (process.env.CI) throw new Error('tmux is required in CI (.ci/run installs it)');
  console.warn('SKIPPED: tmux smoke tests (tmux is not installed)');
}

const sessions: string[] = [];
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = (s: string) => tmux('capture-pane', '-p', '-t', s);
const flag = (s: string, f: string) => tmux('display-message', '-p', '-t', s, `#{${f}}`).trim();

async function until(what: string, fn: () => boolean, ms: number, s: string): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${screen(s)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function start(name: string, w: number, h: number): string {
  const s = `ndsim-${name}-${process.pid}`;
  sessions.push(s);
  // A person's terminal: without CI set, which Ink (is-in-ci) takes as "render
  // only the last frame" — CI runs these tests with CI=true.
  tmux('new-session', '-d', '-s', s, '-x', String(w), '-y', String(h), 'env -u CI -u CONTINUOUS_INTEGRATION bash --norc --noprofile');
  tmux('send-keys', '-t', s, "PS1='shell> '; clear", 'Enter');
  tmux('send-keys', '-t', s, 'node bin/ndsim.mjs run scenarios/seed-slaac.yaml; echo "ndsim exited $?"', 'Enter');
  return s;
}

afterAll(() => {
  for (const s of sessions) {
    try {
      tmux('kill-session', '-t', s);
    } catch {
      // already gone
    }
  }
});

describe.skipIf(!hasTmux)('ndsim run on a terminal (tmux)', () => {
  for (const [w, h, quitKey] of [
    [80, 24, 'q'],
    [200, 50, 'C-c'],
  ] as const) {
    it(`${w}×${h}: draws the panes, steps with →, and ${quitKey} restores the terminal`, async () => {
      const s = start(`${w}x${h}`, w, h);
      await until('the packet list', () => screen(s).includes('Packets'), 90_000, s);
      expect(flag(s, 'alternate_on')).toBe('1');
      for (let i = 0; i < 5; i++) tmux('send-keys', '-t', s, 'Right');
      await until('step 5', () => / 5\/\d+ /.test(screen(s)), 20_000, s);
      const text = screen(s);
      const lines = text.split('\n');
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(w);
      expect(text).toMatch(/DAD NS|MLDv2 Rep/);
      if (w >= 120) for (const pane of ['Ladder', 'Detail', 'Node B']) expect(text).toContain(pane);
      tmux('send-keys', '-t', s, quitKey);
      await until('the shell prompt', () => screen(s).includes('ndsim exited 0'), 20_000, s);
      expect(flag(s, 'alternate_on')).toBe('0');
      expect(flag(s, 'cursor_flag')).toBe('1');
      // The UI's frames stayed on the alternate screen: the shell's screen is clean.
      expect(screen(s)).not.toContain('Packets');
      expect(screen(s)).toContain('shell> ');
    }, 150_000);
  }
});
