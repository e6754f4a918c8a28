// Keys → model commands, in one table-like function: which key does what
// depends only on what is open (help, prompt, quiz), never on a widget.

import type { TuiModel } from './model.ts';

/** The subset of Ink's Key that we read. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export function handleKey(model: TuiModel, input: string, key: KeyInfo, quit: () => void): void {
  const s = model.getState();
  if (key.ctrl && input === 'c') return quit();
  if (s.prompt) {
    if (key.escape) return model.cancelPrompt();
    if (key.return) return void model.submitPrompt();
    if (key.backspace || key.delete) return model.editPrompt([...s.prompt.text].slice(0, -1).join(''));
    if (key.ctrl || !input || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
    // Pasted text (or tmux send-keys) arrives as one chunk, maybe ending in Enter.
    const nl = input.search(/[\r\n]/);
    // eslint-disable-next-line no-control-regex
    const typed = (nl >= 0 ? input.slice(0, nl) : input).replace(/[\u0000-\u001f\u007f]/g, '');
    model.editPrompt(s.prompt.text + typed);
    if (nl >= 0) void model.submitPrompt();
    return;
  }
  if (s.help) return model.toggleHelp();
  if (s.phase !== 'ready') {
    if (input === 'q') quit();
    return;
  }
  const q = s.quiz.current;
  if (q) {
    if (s.quiz.chosen === null) {
      const n = Number(input);
      if (Number.isInteger(n) && n >= 1 && n <= q.options.length) return model.answer(n - 1);
    } else if (key.return || key.rightArrow || input === 'n' || input === ' ') return model.continueQuiz();
    if (input === 'q') return quit();
    return;
  }
  if (key.tab) return model.focusNext(key.shift ? -1 : 1);
  if (key.rightArrow || input === 'n') return model.next();
  if (key.leftArrow || input === 'p') return model.prev();
  if (key.upArrow) return model.move(-1);
  if (key.downArrow) return model.move(1);
  if (key.pageUp) return model.move(-10);
  if (key.pageDown) return model.move(10);
  if (key.return) return model.open();
  if (key.escape) return model.escape();
  switch (input) {
    case ' ':
      return model.togglePlay();
    case '+':
    case '=':
      return model.faster();
    case '-':
    case '_':
      return model.slower();
    case 'g':
      return model.openPrompt('goto');
    case '/':
      return model.openPrompt('filter');
    case ':':
      return model.openPrompt('console');
    case '?':
      return model.toggleHelp();
    case 'q':
      return quit();
  }
}
