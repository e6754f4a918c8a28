// The nodes pane: what `ip -6 addr`, `ip -6 neigh` and `ip -6 route` print
// on one node at the displayed time (the exact formatters of
// src/stack/show.ts over the recorded tables), with every line whose entry
// changed at this step highlighted.

import type { Nanos } from '../nd/machine.ts';
import type { NodeState } from './node-history.ts';
import { showFromState } from './node-history.ts';
import { span, type Line } from './theme.ts';

function changedKeys(state: NodeState, table: string): string[] {
  const keys: string[] = [];
  for (const s of state.interfaces) for (const k of s.changed) if (k.startsWith(table + ':')) keys.push(k.slice(table.length + 1));
  return keys;
}

/** Splits command output into lines, marking those `isChanged` picks. */
function mark(text: string, isChanged: (line: string, prev: string | undefined) => boolean): Line[] {
  const out: Line[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => out.push([span(l, isChanged(l, lines[i - 1]) ? 'state-changed' : 'plain')]));
  return out;
}

/** The pane's lines. With `maxLines`, a big neighbour cache is cut short
 *  (see showFromState): the first `maxLines` lines stay the same, the rest
 *  may be missing. */
export function nodeLines(state: NodeState, now: Nanos, maxLines = Infinity): Line[] {
  const out: Line[] = [];
  const addrs = changedKeys(state, 'addr');
  const neigh = changedKeys(state, 'neigh');
  const routeKeys = [...changedKeys(state, 'router').map((r) => `default via ${r} `), ...changedKeys(state, 'prefix').map((p) => `${p} `), ...changedKeys(state, 'route').map((r) => r.split(' via ')[0] + ' ')];
  const linkChanged = changedKeys(state, 'link').length > 0;
  const inet = (l: string) => addrs.some((a) => l.includes(`inet6 ${a}/`));
  out.push([span('$ ip -6 addr', 'heading')]);
  out.push(...mark(showFromState(state, 'addr', now), (l, prev) => inet(l) || (l.includes('valid_lft') && prev !== undefined && inet(prev)) || (linkChanged && /^\d+: /.test(l))));
  out.push([span('$ ip -6 neigh', 'heading')]);
  out.push(...mark(showFromState(state, 'neigh', now, undefined, maxLines), (l) => neigh.some((n) => l.startsWith(n + ' '))));
  out.push([span('$ ip -6 route', 'heading')]);
  out.push(...mark(showFromState(state, 'route', now), (l) => routeKeys.some((k) => l.startsWith(k))));
  return out;
}
