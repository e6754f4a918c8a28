// The bottom line: play state, speed, virtual time, step, title, key help,
// and the last message; or the prompt being typed.

import { memo } from 'react';
import type { Nanos } from '../../nd/machine.ts';
import type { Prompt } from '../model.ts';
import { span, type Line } from '../theme.ts';
import { StyledLine } from './StyledLine.tsx';

export interface StatusLineProps {
  readonly width: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly time: Nanos;
  readonly step: number;
  readonly steps: number;
  readonly title: string;
  readonly message: { text: string; error: boolean } | null;
  readonly prompt: Prompt | null;
  readonly quiz: { right: number; total: number } | null;
}

const PROMPTS: Record<Prompt['kind'], string> = { filter: '/ filter (node, ns|na|rs|ra|dad|mld|nd, address; !word excludes): ', goto: 'g go to time (e.g. 5s, 1500ms): ', console: ': ' };

export function statusLine(p: StatusLineProps): Line {
  if (p.prompt) return [span(PROMPTS[p.prompt.kind], 'prompt'), span(p.prompt.text + '█', 'plain')];
  const line: Line = [
    span(` ${p.playing ? '▶' : '❚❚'} ${p.speed}× `, 'status-key'),
    span(` t=${(p.time / 1e9).toFixed(6)}s  ${p.step + 1}/${p.steps} `, 'status'),
  ];
  if (p.quiz) line.push(span(` quiz ${p.quiz.right}/${p.quiz.total} `, 'status-key'));
  if (p.message) line.push(span(` ${p.message.text} `, p.message.error ? 'error' : 'status'));
  else line.push(span(` ${p.title} `, 'status'));
  line.push(span(' Space play ←→ step / filter g time : console Tab pane ? help q quit', 'status'));
  return line;
}

export const StatusLine = memo(function StatusLine(p: StatusLineProps) {
  return <StyledLine line={statusLine(p)} width={p.width} fill={p.prompt ? 'plain' : 'status'} />;
});
