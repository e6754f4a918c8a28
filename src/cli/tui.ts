// `ndsim run FILE` on a terminal: the interactive UI. This is the only place
// that calls Ink's render(); it also owns the terminal: the alternate screen
// is entered here and left on every way out (q, Ctrl-C, a crash, a signal),
// so the shell gets its screen back as it was.

import { readFile } from 'node:fs/promises';
import React from 'react';
import { render } from 'ink';
import type { Lang } from '../explain/index.ts';
import { App } from '../tui/components/App.tsx';
import { TuiModel } from '../tui/model.ts';
import { EXIT, UserError } from './errors.ts';
import { durationArg, intArg, loadOrThrow } from './scenario-load.ts';

export interface TuiArgs {
  file: string;
  seed?: string;
  until?: string;
  lang: Lang;
  quiz: boolean;
}

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';

export async function tuiCommand(a: TuiArgs): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UserError('ndsim: the interactive view needs a terminal (use --text, --json or --pcap)', EXIT.USAGE);
  const scenario = await loadOrThrow(a.file);
  const text = await readFile(a.file, 'utf8');
  const model = new TuiModel({ scenario, text, lang: a.lang, quiz: a.quiz, seed: intArg('seed', a.seed), until: durationArg('until', a.until) });

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(LEAVE_ALT_SCREEN);
  };
  const onSignal = (sig: NodeJS.Signals) => {
    app.unmount();
    restore();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.stdout.write(ENTER_ALT_SCREEN);
  process.on('exit', restore);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Ctrl-C arrives as a key in raw mode; keys.ts quits the same way as q.
  // Not `incrementalRendering`: with Ink 6.8 it garbles the 200×50 screen
  // in tmux (lines drawn twice, the status line repeated; test/tui/tmux.test.ts).
  const app = render(React.createElement(App, { model }), { exitOnCtrlC: false, patchConsole: true });
  let failure: unknown = null;
  model.load().catch((e: unknown) => {
    failure = e;
    app.unmount();
  });
  try {
    await app.waitUntilExit();
  } finally {
    model.dispose();
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
  if (failure) throw failure;
  return EXIT.OK;
}
