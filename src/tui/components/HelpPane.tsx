// `?`: every key, in one screen.

import { span, type Line } from '../theme.ts';
import { PaneBox } from './PaneBox.tsx';

export const HELP: readonly [string, string][] = [
  ['Space', 'play / pause (virtual time at the chosen speed)'],
  ['→  n', 'next event'],
  ['←  p', 'previous event'],
  ['+  -', 'faster / slower'],
  ['g', 'go to a time (5s, 1500ms, 2m)'],
  ['/', 'filter: node names, ns na rs ra dad redirect mld echo nd, addresses, MACs; !word excludes'],
  ['Tab  S-Tab', 'next / previous pane (packets, ladder, detail, nodes)'],
  ['↑ ↓  PgUp PgDn', 'move in the pane: frames, fields (hex follows), nodes'],
  ['Enter', 'open the selected frame (it becomes the current event)'],
  ['Esc', 'close the open frame, console or help'],
  [':', 'console: "a ip -6 addr", "a ping6 ADDR", "r1 radvd stop", "w FILE.yaml"; help lists all'],
  ['1-4', 'answer the quiz (with --quiz), Enter to go on'],
  ['?', 'this help'],
  ['q  Ctrl-C', 'quit'],
];

export function HelpPane({ width, height }: { readonly width: number; readonly height: number }) {
  const lines: Line[] = HELP.map(([k, what]) => [span(`  ${k.padEnd(16)}`, 'title'), span(what)]);
  return <PaneBox title="Keys" focused lines={lines} width={width} height={height} note="any key closes" />;
}
