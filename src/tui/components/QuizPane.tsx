// `--quiz`: the question before an event, its choices, and after an answer
// which one was right.

import { memo } from 'react';
import type { QuizState } from '../model.ts';
import { wrap } from '../text.ts';
import { span, type Line } from '../theme.ts';
import { PaneBox } from './PaneBox.tsx';

/** The question, its choices (each cut to the lines there is room for, so
 *  the last line with the score always shows) and, once answered, the verdict. */
export function quizLines(q: QuizState, width: number, rows = Infinity): Line[] {
  const cur = q.current;
  if (!cur) return [];
  const lines: Line[] = wrap(cur.prompt, width - 1).map((l) => [span(l, 'title')]);
  const per = Math.max(1, Math.floor((rows - lines.length - 1) / cur.options.length));
  cur.options.forEach((o, i) => {
    const revealed = q.chosen !== null;
    const style = revealed && i === cur.answer ? 'quiz-right' : revealed && i === q.chosen ? 'quiz-wrong' : 'plain';
    const mark = revealed ? (i === cur.answer ? '✓' : i === q.chosen ? '✗' : ' ') : ' ';
    const wrapped = wrap(o, width - 6);
    const shown = wrapped.length > per ? [...wrapped.slice(0, per - 1), wrapped[per - 1] + '…'] : wrapped;
    shown.forEach((l, j) => lines.push([span(j === 0 ? `${mark}${i + 1}) ` : '    '), span(l, style)]));
  });
  if (q.chosen === null) lines.push([span(`press 1-${cur.options.length}`, 'dim')]);
  else {
    const ok = q.chosen === cur.answer;
    lines.push([span(ok ? 'Right!' : `Not quite: the answer is ${cur.answer + 1}.`, ok ? 'quiz-right' : 'quiz-wrong'), span(`  ${cur.rfc ?? ''}  score ${q.right}/${q.total}  Enter: go on`, 'dim')]);
  }
  return lines;
}

export const QuizPane = memo(function QuizPane({ quiz, width, height }: { readonly quiz: QuizState; readonly width: number; readonly height: number }) {
  return <PaneBox title="Quiz: what happens next?" focused lines={quizLines(quiz, width, height - 1)} width={width} height={height} />;
});
