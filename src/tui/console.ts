// The console (`:`): act on the simulation as on the seminar's Linux hosts.
//   a ip -6 addr | a ip -6 neigh | a ip -6 route     → what Linux prints
//   a ping6 2001:db8::211:22ff:fe66:7788             → an action
//   a ip link set eth0 down | b ip addr add 2001:db8::1/64 dev eth0 | r1 radvd stop
//   w lesson.yaml                                     → save the scenario
// Show commands read the recorded tables at the displayed step. Every other
// command enters the scenario's timeline at the displayed time, in the
// Linux-command form scenario files use (src/scenario/command.ts parses it),
// and the run is recorded again: the change stays replayable and savable.

import { writeFile } from 'node:fs/promises';
import { isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { Nanos } from '../nd/machine.ts';
import { formatDuration } from '../scenario/duration.ts';
import { formatErrors, parseScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/types.ts';
import { showFromState, type ShowWhat } from './node-history.ts';
import type { Recording } from './record.ts';

export type ConsoleCommand =
  | { kind: 'show'; node: string; what: ShowWhat; dev?: string }
  | { kind: 'action'; node: string; command: string }
  | { kind: 'write'; file: string }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const CONSOLE_HELP = [
  'NODE ip -6 addr|neigh|route [show] [dev IF]   what the node\'s tables hold now',
  'NODE ping6 [-c N] ADDR                        ping from the node (enters the timeline now)',
  'NODE ip addr add|del ADDR/LEN [dev IF]        add or remove an address',
  'NODE ip link set IF up|down                   bring an interface up or down',
  'NODE radvd stop|start                         stop or start a router\'s radvd',
  'w FILE.yaml                                   save the scenario with the added actions',
];

const SHOW_OBJECTS: Record<string, ShowWhat> = { a: 'addr', addr: 'addr', address: 'addr', n: 'neigh', neigh: 'neigh', neighbor: 'neigh', neighbour: 'neigh', r: 'route', ro: 'route', route: 'route' };

export function parseConsole(line: string, nodes: readonly string[]): ConsoleCommand | null {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  if (words[0] === 'help' || words[0] === '?') return { kind: 'help' };
  if (words[0] === 'w' || words[0] === 'write') {
    if (words.length !== 2) return { kind: 'error', message: 'usage: w FILE.yaml' };
    return { kind: 'write', file: words[1] };
  }
  const [node, ...rest] = words;
  if (!nodes.includes(node)) return { kind: 'error', message: `no node "${node}" (nodes: ${nodes.slice(0, 10).join(', ')}${nodes.length > 10 ? ', …' : ''}); type help` };
  if (rest.length === 0) return { kind: 'error', message: `${node}: what should it do? type help` };
  if (rest[0] === 'ip') {
    let i = 1;
    while (rest[i] === '-6') i++;
    const what = SHOW_OBJECTS[rest[i] ?? ''];
    const verb = rest[i + 1];
    if (what && (verb === undefined || verb === 'show' || verb === 'list' || verb === 'dev')) {
      const devAt = rest.indexOf('dev');
      return { kind: 'show', node, what, ...(devAt >= 0 && rest[devAt + 1] ? { dev: rest[devAt + 1] } : {}) };
    }
  }
  return { kind: 'action', node, command: rest.join(' ') };
}

/**
 * The scenario text with one more timeline entry, `{ at, do: "NODE command" }`,
 * appended (comments and layout of the rest kept by the yaml Document).
 */
export function addTimelineEntry(text: string, at: Nanos, node: string, command: string): string {
  const doc = parseDocument(text);
  let tl = doc.get('timeline');
  if (!isSeq(tl)) {
    tl = new YAMLSeq();
    doc.set('timeline', tl);
  }
  const entry = doc.createNode({ at: formatDuration(at), do: `${node} ${command}` });
  (entry as { flow?: boolean }).flow = true;
  (tl as YAMLSeq).items.push(entry);
  return String(doc);
}

/** What a console command may read and do (the model provides it). */
export interface ConsoleSession {
  recording: Recording;
  /** The last event shown (seq), and the displayed time. */
  seq: number;
  time: Nanos;
  /** The scenario's file name, for messages. */
  file: string;
  /** The scenario text so far. */
  text: string;
  say(...lines: string[]): void;
  /** Records `scenario` (whose text is `text`) in place of the current run. */
  rerecord(scenario: Scenario, text: string): Promise<Recording>;
}

export async function runConsoleCommand(line: string, c: ConsoleSession): Promise<void> {
  const rec = c.recording;
  const cmd = parseConsole(line, rec.nodes);
  if (!cmd) return;
  // Echo the command as a shell on that node would show it: "A$ ip -6 addr".
  const [first, ...rest] = line.trim().split(/\s+/);
  c.say(rec.nodes.includes(first) && rest.length ? `${first}$ ${rest.join(' ')}` : `$ ${line.trim()}`);
  switch (cmd.kind) {
    case 'help':
      return c.say(...CONSOLE_HELP);
    case 'error':
      return c.say(cmd.message);
    case 'show': {
      const h = rec.histories.get(cmd.node);
      if (!h) return c.say(`${cmd.node} has no IPv6 stack (a sniffer)`);
      if (cmd.dev && !h.ifnames.includes(cmd.dev)) return c.say(`Cannot find device "${cmd.dev}"`);
      const out = showFromState(h.at(c.seq), cmd.what, c.time, cmd.dev);
      return c.say(...out.replace(/\n$/, '').split('\n').filter((l, _, a) => a.length > 1 || l !== ''));
    }
    case 'write':
      try {
        await writeFile(cmd.file, c.text);
        return c.say(`saved ${cmd.file}`);
      } catch (e) {
        return c.say(`cannot write ${cmd.file}: ${(e as Error).message}`);
      }
    case 'action': {
      const text = addTimelineEntry(c.text, c.time, cmd.node, cmd.command);
      const parsed = parseScenario(text, c.file);
      // The scenario language's own message, without the position in the edited text.
      if (!parsed.ok) return c.say(...formatErrors(parsed.errors).split('\n').map((l) => l.replace(/^[^:]*:\d+:\d+: /, '')));
      const before = rec.frames.length;
      const now = await c.rerecord(parsed.scenario, text);
      // ping prints its lines as iputils does; they are in the new run's trace.
      const pings = now.events.filter((e) => e.type === 'state' && e.machine === 'ping' && e.node === cmd.node && e.time >= c.time);
      const lines = pings.flatMap((e) => (e.type === 'state' ? e.reason.split('\n') : []));
      const added = now.frames.length - before;
      return c.say(...lines, `(${cmd.command} entered the timeline at ${(c.time / 1e9).toFixed(6)}s; ${added >= 0 ? '+' : ''}${added} frames; w FILE saves)`);
    }
  }
}
