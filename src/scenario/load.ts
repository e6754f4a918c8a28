// Loading a scenario file: YAML with source positions → a checked, typed
// Scenario, or every problem found, each at its file:line:col. Nothing a
// scenario says can crash the simulator later: types, ranges and references
// are all settled here.

import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { sortErrors } from './errors.ts';
import { readExpectations } from './expect.ts';
import { readLinks, readNodes } from './nodes.ts';
import { Reader } from './reader.ts';
import { Refs } from './refs.ts';
import { readTimeline } from './timeline.ts';
import type { LoadResult, Scenario } from './types.ts';

export { formatErrors } from './errors.ts';

const TOP_KEYS = ['name', 'description', 'description_ja', 'seed', 'until', 'links', 'nodes', 'timeline', 'expect'];
export const DEFAULT_UNTIL_NS = 60_000_000_000;

/** Parses and checks scenario text. Pure: `fileName` is used in messages only. */
export function parseScenario(text: string, fileName: string): LoadResult {
  const lines = new LineCounter();
  // uniqueKeys (the default) reports a key written twice in one mapping.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const r = new Reader(fileName, text, doc, lines);
  for (const e of doc.errors) {
    const { line, col } = lines.linePos(e.pos[0]);
    r.errors.push({ file: fileName, line, col, message: `YAML: ${yamlMessage(e.message)}` });
  }
  // A syntax error leaves a partial tree; checking it would only add noise.
  if (r.errors.length) return { ok: false, errors: sortErrors(r.errors) };

  const m = r.map(doc.contents, 'scenario', TOP_KEYS, 'a mapping with name, links, nodes, timeline, expect');
  if (!m) return { ok: false, errors: r.errors };
  const name = r.str(r.required(m, 'name', 'the scenario title'), 'name', 'a title');
  const description = m.has('description') ? r.str(m.get('description'), 'description', 'text') : undefined;
  const descriptionJa = m.has('description_ja') ? r.str(m.get('description_ja'), 'description_ja', 'text') : undefined;
  const seed = m.has('seed') ? r.int(m.get('seed'), 'seed', 0, 0xffffffff) : 1;
  const until = m.has('until') ? r.duration(m.get('until'), 'until') : DEFAULT_UNTIL_NS;
  if (until === 0) r.error(m.get('until'), 'until: the run must last longer than 0s');

  const links = readLinks(r, r.required(m, 'links', 'e.g. [{ name: lan0 }]'));
  const { nodes, incomplete } = readNodes(r, r.required(m, 'nodes', 'the hosts and routers'), links);
  const refs = new Refs(r, nodes, links, incomplete);
  // With a bad `until`, do not also complain that times are after it.
  const end = until ?? Number.MAX_SAFE_INTEGER;
  const timeline = m.has('timeline') ? readTimeline(r, refs, m.get('timeline'), end) : [];
  const expect = m.has('expect') ? readExpectations(r, refs, m.get('expect'), end, timeline) : [];

  if (r.errors.length || name === undefined || seed === undefined || until === undefined) {
    return { ok: false, errors: sortErrors(r.errors) };
  }
  const scenario: Scenario = {
    file: fileName,
    name,
    ...(description !== undefined ? { description: description.trim() } : {}),
    ...(descriptionJa !== undefined ? { description_ja: descriptionJa.trim() } : {}),
    seed,
    until,
    links,
    nodes,
    timeline,
    expect,
  };
  return { ok: true, scenario };
}

/** Reads and checks a scenario file; an unreadable file is one error at 1:1. */
export async function loadScenario(path: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { ok: false, errors: [{ file: path, line: 1, col: 1, message: `cannot read the scenario: ${why}` }] };
  }
  return parseScenario(text, path);
}

/** The `yaml` package's message without its " at line L, column C" tail
 *  (the position is already in front). */
function yamlMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
