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

export function fill(template: string, vars: Vars): Filled {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) {
      missing.push(name);
      return '?';
    }
    return v === null ? '' : String(v);
  });
  return { text, missing };
}
