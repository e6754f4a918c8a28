// `--quiz`: before each frame or state change worth predicting (a DAD probe,
// RS, RA, NA, an address changing state), the UI stops and asks what happens
// next. The choices are sentences of the explanation catalogue (src/explain):
// the right one is this event's own explanation; the others are
// explanations of different kinds of event from the same run, so every
// choice reads as something that really happens on this link.

import { explainChange, EN, JA, placeholders, fill, type CatalogKey, type Explanation, type Lang } from '../explain/index.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { FrameCache } from './frames.ts';
import type { Recording } from './record.ts';

export interface Question {
  /** Index into rec.steps of the event asked about. */
  step: number;
  prompt: string;
  options: string[];
  /** Index of the right option. */
  answer: number;
  /** RFC of the right answer, shown on reveal. */
  rfc?: string;
}

const ASK: Record<Lang, { frame: (node: string, t: string) => string; state: (node: string, t: string) => string }> = {
  en: {
    frame: (node, t) => `t=${t}s: what does ${node} send next, and why?`,
    state: (node, t) => `t=${t}s: what changes on ${node} next?`,
  },
  ja: {
    frame: (node, t) => `t=${t}秒: ${node} が次に送るものとその理由は？`,
    state: (node, t) => `t=${t}秒: ${node} で次に何が変わる？`,
  },
};

/** Frames and state changes the quiz stops before. */
export function isQuizEvent(ev: TraceEvent): boolean {
  if (ev.type === 'state') return ev.machine === 'address';
  if (ev.type !== 'tx') return false;
  const t = ev.frame?.ipv6?.icmpv6?.type;
  return t === 133 || t === 134 || t === 135 || t === 136;
}

function explain(ev: TraceEvent, rec: Recording, cache: FrameCache, lang: Lang): Explanation | null {
  if (ev.type === 'tx') return cache.explain(ev, lang);
  if (ev.type === 'state') return explainChange(ev, { node: ev.node, now: ev.time }, lang);
  return null;
}

/** A small deterministic hash, so the same run asks the same choices. */
function mix(n: number): number {
  let x = (n + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Catalogue sentences whose placeholders the event can fill: used when
 *  the run has too few kinds of events to draw wrong answers from. */
function catalogueFillers(ev: TraceEvent, lang: Lang, exclude: Set<string>): string[] {
  const cat = lang === 'ja' ? JA : EN;
  const vars: Record<string, string> = { node: 'node' in ev && ev.node ? ev.node : '?' };
  if (ev.type === 'tx') {
    const ip = ev.frame?.ipv6;
    if (ip) Object.assign(vars, { src: ip.src, dst: ip.dst, target: ip.icmpv6 && 'target' in ip.icmpv6 ? ip.icmpv6.target : ip.dst });
  } else if (ev.type === 'state') Object.assign(vars, { key: ev.key, address: ev.key, target: ev.key });
  const out: string[] = [];
  for (const key of Object.keys(cat) as CatalogKey[]) {
    if (exclude.has(key) || !(key.startsWith('frame.') || key.startsWith('change.'))) continue;
    const ph = placeholders(cat[key]);
    if (ph.length > 0 && ph.every((p) => p in vars)) out.push(fill(cat[key], vars).text);
  }
  return out;
}

/** The question for step `step` (an event isQuizEvent accepts). */
export function makeQuestion(rec: Recording, step: number, cache: FrameCache, lang: Lang, choices = 4): Question | null {
  const ev = rec.events[rec.steps[step]];
  const right = explain(ev, rec, cache, lang);
  if (!right) return null;
  // Wrong answers: other kinds of explanation from this run, nearest first.
  const seen = new Set<string>([right.key]);
  const pool: string[] = [];
  const n = rec.steps.length;
  for (let d = 1; d < n && pool.length < 12; d++) {
    for (const i of [step + d, step - d]) {
      if (i < 0 || i >= n) continue;
      const other = rec.events[rec.steps[i]];
      if (!isQuizEvent(other)) continue;
      const e = explain(other, rec, cache, lang);
      if (!e || seen.has(e.key)) continue;
      seen.add(e.key);
      pool.push(e.text);
    }
  }
  if (pool.length < choices - 1) pool.push(...catalogueFillers(ev, lang, seen));
  const wrong: string[] = [];
  const h = mix(ev.seq);
  for (let i = 0; i < pool.length && wrong.length < choices - 1; i++) {
    const pick = pool[(h + i * 7) % pool.length];
    if (!wrong.includes(pick) && pick !== right.text) wrong.push(pick);
  }
  const answer = h % (wrong.length + 1);
  const options = [...wrong];
  options.splice(answer, 0, right.text);
  const node = 'node' in ev && ev.node ? ev.node : '?';
  const t = (ev.time / 1e9).toFixed(6);
  return { step, prompt: ev.type === 'tx' ? ASK[lang].frame(node, t) : ASK[lang].state(node, t), options, answer, rfc: right.rfc };
}
