// The Explanation value and the sentence builder the three explainers share.

import { EN } from './catalog-en.ts';
import { JA } from './catalog-ja.ts';
import { isCatalogKey, rfcOf, type Catalog, type CatalogKey } from './keys.ts';
import { fill, type Vars } from './template.ts';

export type Lang = 'en' | 'ja';

const CATALOGS: Record<Lang, Catalog> = { en: EN, ja: JA };

export function catalog(lang: Lang): Catalog {
  return CATALOGS[lang];
}

/** One sentence of an explanation, with the RFC behind it. */
export interface Sentence {
  key: CatalogKey;
  text: string;
  rfc?: string;
}

export interface Explanation {
  /** One or more sentences, ready to show. */
  text: string;
  /** RFC section behind the main sentence, e.g. "RFC 4862 §5.4.2". */
  rfc?: string;
  /** Catalogue key of the main sentence. */
  key: CatalogKey;
  /** Every sentence with its own key and RFC (main first), for UIs that cite per sentence. */
  parts: Sentence[];
  /** Placeholders that had no value (shown as "?"); absent when none. A bug to report. */
  missing?: string[];
}

/** Collects sentences in one language, then joins them. */
export class Sentences {
  private readonly parts: Sentence[] = [];
  private readonly missing: string[] = [];

  constructor(readonly lang: Lang) {}

  add(key: CatalogKey, vars: Vars, rfc?: string): this {
    const filled = fill(catalog(this.lang)[key], vars);
    for (const m of filled.missing) this.missing.push(`${key}:${m}`);
    const sentence: Sentence = { key, text: filled.text };
    const r = rfc ?? rfcOf(key);
    if (r !== undefined) sentence.rfc = r;
    this.parts.push(sentence);
    return this;
  }

  /** The explanation; `rfc` overrides the main sentence's catalogue RFC. */
  build(rfc?: string): Explanation {
    const main = this.parts[0];
    if (main === undefined) throw new Error('an explanation needs at least one sentence');
    // Japanese sentences end in 。 and are not separated by spaces.
    const text = this.parts.map((p) => p.text).join(this.lang === 'ja' ? '' : ' ');
    const e: Explanation = { text, key: main.key, parts: this.parts };
    const r = rfc ?? main.rfc;
    if (r !== undefined) e.rfc = r;
    if (this.missing.length > 0) e.missing = this.missing;
    return e;
  }
}

/** A word from the catalogue's term.* entries (address states, preferences,
 *  on/off), or the value itself when it has none (REACHABLE, addresses). */
export function term(lang: Lang, value: string): string {
  const k = `term.${value}`;
  return isCatalogKey(k) ? catalog(lang)[k] : value;
}

const INFINITE = 0xffffffff;

/** A lifetime in seconds: "infinite" for 0xffffffff (RFC 4861 §4.6.2). */
export function lifetime(lang: Lang, seconds: number): string {
  if (seconds >= INFINITE) return catalog(lang)['term.infinite'];
  return fill(catalog(lang)['term.seconds'], { n: seconds }).text;
}

/** "Explanation text (RFC …)": one line for logs and plain-text outputs. */
export function formatExplanation(e: Explanation): string {
  return e.rfc ? `${e.text} (${e.rfc})` : e.text;
}
