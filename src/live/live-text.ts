// The tracker's own sentences (alert messages, change reasons) as catalogue
// keys with their values, so `--lang ja` can word them. The tracker keeps
// the English text in `message` / `reason` (its data, and what the English
// output prints, unchanged); the key and the values ride along, and the
// annotator renders them in its language where the text goes to output.

import { LIVE_EN } from '../explain/catalog-en.ts';
import { LIVE_JA } from '../explain/catalog-ja.ts';
import type { Lang } from '../explain/explanation.ts';
import type { LiveCatalog, LiveKey } from '../explain/keys.ts';
import { fill, type Vars } from '../explain/template.ts';

/** A value of a tracker sentence: plain (an address, a count), a word that
 *  is itself worded per language ("none"), or a list of phrases (what
 *  changed in an RA), rendered one by one and joined in the language's way. */
export type LiveValue = Vars[string] | LiveText | readonly LiveText[];
export type LiveVars = Readonly<Record<string, LiveValue>>;

/** A sentence of the tracker: its catalogue key and the values it fills in. */
export interface LiveText {
  key: LiveKey;
  vars: LiveVars;
}

const LIVE: Record<Lang, LiveCatalog> = { en: LIVE_EN, ja: LIVE_JA };

/** How a list of phrases is joined: the comma the tracker always used in
 *  English, the ideographic comma (読点) in Japanese. */
export const LIST_SEPARATOR: Record<Lang, string> = { en: ', ', ja: '、' };

function isList(v: LiveValue): v is readonly LiveText[] {
  return Array.isArray(v);
}

function isText(v: LiveValue): v is LiveText {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The sentence in one language. */
export function renderLive(t: LiveText, lang: Lang): string {
  const vars: Record<string, Vars[string]> = {};
  for (const [name, v] of Object.entries(t.vars)) {
    if (isList(v)) vars[name] = v.map((x) => renderLive(x, lang)).join(LIST_SEPARATOR[lang]);
    else if (isText(v)) vars[name] = renderLive(v, lang);
    else vars[name] = v;
  }
  return fill(LIVE[lang][t.key], vars).text;
}

/** What an alert draft carries: the English message (as before) and the
 *  key with its values for other languages. */
export function liveMessage(key: LiveKey, vars: LiveVars): { message: string; text: LiveText } {
  const text = { key, vars };
  return { message: renderLive(text, 'en'), text };
}

/** An alert's message in `lang`, with the folded count when the report
 *  stands for more than one occurrence (as AlertLimiter words it). */
export function renderAlertMessage(a: { message: string; count: number; text?: LiveText }, lang: Lang): string {
  if (a.text === undefined || lang === 'en') return a.message;
  const base = renderLive(a.text, lang);
  return a.count > 1 ? fill(LIVE[lang]['live.alert.folded'], { message: base, count: a.count }).text : base;
}
