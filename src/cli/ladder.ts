// `ndsim ladder FILE [--until T] [--filter WORDS] (--svg OUT.svg | --html OUT.html)`:
// the run's ladder diagram as a file. The filter takes the TUI's words
// ("A !mld" draws the seminar slide's four SLAAC frames, numbered 1–4).

import { writeFileSync } from 'node:fs';
import type { Lang } from '../explain/index.ts';
import { parseFilter, visibleFrames } from '../tui/filter.ts';
import { FrameCache } from '../tui/frames.ts';
import { ladderHtml, ladderSvg } from '../tui/ladder-svg.ts';
import { recordSync } from '../tui/record.ts';
import { ScenarioBuildError } from '../scenario/build.ts';
import { EXIT, UserError } from './errors.ts';
import { durationArg, intArg, loadOrThrow } from './scenario-load.ts';

export interface LadderArgs {
  file: string;
  until?: string;
  seed?: string;
  filter?: string;
  svg?: string;
  html?: string;
  lang: Lang;
}

export async function ladderCommand(a: LadderArgs): Promise<number> {
  if (!a.svg && !a.html) throw new UserError('ndsim ladder: give --svg OUT.svg and/or --html OUT.html', EXIT.USAGE);
  const s = await loadOrThrow(a.file);
  let rec;
  try {
    rec = recordSync(s, { until: durationArg('until', a.until), seed: intArg('seed', a.seed) });
  } catch (e) {
    if (e instanceof ScenarioBuildError) throw new UserError(e.message, EXIT.INPUT);
    throw e;
  }
  const f = parseFilter(a.filter ?? '', rec.nodes);
  if (!f.ok) throw new UserError(`ndsim ladder: --filter: ${f.error}`, EXIT.USAGE);
  const ids = visibleFrames(f.filter, rec);
  const cache = new FrameCache(rec.roles);
  const write = (path: string, text: string) => {
    try {
      writeFileSync(path, text);
    } catch (e) {
      throw new UserError(`ndsim: cannot write ${path}: ${(e as Error).message}`, EXIT.INPUT);
    }
  };
  if (a.svg) write(a.svg, ladderSvg(rec, ids, cache, { title: s.name }));
  if (a.html) write(a.html, ladderHtml(rec, ids, cache, a.lang, s.name));
  process.stderr.write(`${ids.length} frames drawn${a.svg ? ` → ${a.svg}` : ''}${a.html ? ` → ${a.html}` : ''}\n`);
  return EXIT.OK;
}
