// The template filler: "{name}" placeholders replaced from a record. Names
// are letters, digits and underscores; anything else in braces is left as
// text. A placeholder with no value becomes "?" and is reported, so a
// missing fact shows as a visible gap (and fails the catalogue tests)
// rather than as a raw "{name}" in front of a class.

export type Vars = Readonly<Record<string, string | number | null | undefined>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The placeholder names a template uses, in order, without repeats. */
export function placeholders(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1]))];
}

export interface Filled {
  text: string;
  /** Names that had no value (undefined); empty when the template was filled. */
  missing: string[];
}

/** A template split once into literal text and placeholder names:
 *  [text, name, text, name, …, text]. Explanations are filled for every
 *  frame of a capture (annotate), so the regex runs once per template. */
const compiled = new Map<string, string[]>();

function compile(template: string): string[] {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = template.split(PLACEHOLDER);
    compiled.set(template, parts);
  }
  return parts;
}

const NONE_MISSING = Object.freeze([]) as unknown as string[];

export function fill(template: string, vars: Vars): Filled {
  const parts = compile(template);
  let text = parts[0];
  let missing = NONE_MISSING;
  for (let i = 1; i < parts.length; i += 2) {
    const v = vars[parts[i]];
    if (v === undefined) {
      if (missing === NONE_MISSING) missing = [];
      missing.push(parts[i]);
      text += '?';
      text += parts[i + 1];
      continue;
    }
    const value = v === null ? '' : String(v);
    text += value;
    // An address ending in "::" followed by the template's ":" would read
    // "2001:db8:::": the sentence's colon becomes a dash instead.
    const after = parts[i + 1];
    text += value.endsWith(':') && after.startsWith(':') ? ` —${after.slice(1)}` : after;
  }
  return { text, missing };
}
