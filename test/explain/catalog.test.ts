import { describe, expect, it } from 'vitest';
import { EN } from '../../src/explain/catalog-en.ts';
import { JA } from '../../src/explain/catalog-ja.ts';
import { KEYS, type Catalog, type CatalogKey } from '../../src/explain/keys.ts';
import { fill, placeholders } from '../../src/explain/template.ts';
import { explainViolation } from '../../src/explain/index.ts';
import { RULES } from '../../src/packet/validate-rules.ts';

const keys = Object.keys(KEYS) as CatalogKey[];

// Compile-time: both catalogues are exactly `Catalog`; a missing key fails tsc.
const _compileTimeCheck: [Catalog, Catalog] = [EN, JA];
void _compileTimeCheck;

describe('catalogues', () => {
  it('have exactly the keys of KEYS, each non-empty, in both languages', () => {
    for (const [name, cat] of [['en', EN], ['ja', JA]] as const) {
      expect(Object.keys(cat).sort(), name).toEqual([...keys].sort());
      for (const k of keys) expect(cat[k].trim().length, `${name} ${k}`).toBeGreaterThan(0);
    }
  });

  it('use the same placeholders for a key in both languages', () => {
    for (const k of keys) expect(placeholders(JA[k]).sort(), k).toEqual(placeholders(EN[k]).sort());
  });

  it('Japanese texts are Japanese and end as sentences', () => {
    for (const k of keys) {
      if (k.startsWith('term.')) continue;
      expect(JA[k], k).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(JA[k], k).toMatch(/[。)）}]$/);
    }
  });

  it('English sentences end with a full stop', () => {
    for (const k of keys) if (!k.startsWith('term.')) expect(EN[k], k).toMatch(/[.)}]$/);
  });

  it('RFC references name a section', () => {
    for (const k of keys) {
      const rfc = (KEYS[k] as { rfc?: string }).rfc;
      if (rfc !== undefined) expect(rfc, k).toMatch(/^RFC \d{4} §\d+(\.\d+)*/);
    }
  });

  it('every validation rule in RULES has its own sentence, citing the rule’s RFC', () => {
    for (const [rule, info] of Object.entries(RULES)) {
      expect(keys, rule).toContain(`violation.${rule}`);
      for (const lang of ['en', 'ja'] as const) {
        const e = explainViolation({ rule, rfc: info.rfc, message: info.summary }, lang);
        expect(e.key).toBe(`violation.${rule}`);
        expect(e.rfc).toBe(info.rfc);
        expect(e.missing).toBeUndefined();
      }
    }
  });

  it('has no violation sentence for a rule RULES no longer has', () => {
    const stale = keys.filter((k) => k.startsWith('violation.') && k !== 'violation.unknown' && !(k.slice(10) in RULES));
    expect(stale).toEqual([]);
  });

  it('an unknown rule falls back to a sentence quoting it', () => {
    const e = explainViolation({ rule: 'made-up', rfc: 'RFC 9999 §1', message: 'odd' }, 'en');
    expect(e.key).toBe('violation.unknown');
    expect(e.text).toBe('It breaks rule made-up: odd.');
  });
});

describe('template filler', () => {
  it('fills named placeholders and reports the missing ones as "?"', () => {
    expect(fill('{a} and {b}, {a}', { a: 'x', b: 2 })).toEqual({ text: 'x and 2, x', missing: [] });
    expect(fill('{a} {zz}', { a: 'x' })).toEqual({ text: 'x ?', missing: ['zz'] });
    expect(fill('{a}', { a: null }).text).toBe('');
  });
  it('leaves braces that are not placeholders alone', () => {
    expect(fill('{ not one } {1x}', {}).text).toBe('{ not one } {1x}');
    // An address ending in "::" before the sentence's ":" does not read ":::".
    expect(fill('{node} asks who has {target}: address resolution', { node: 'A', target: '2001:db8::' }).text).toBe('A asks who has 2001:db8:: — address resolution');
    expect(fill('{target}: done', { target: '2001:db8::1' }).text).toBe('2001:db8::1: done');
    expect(fill('{target} is {x}', { target: '2001:db8::', x: 'here' }).text).toBe('2001:db8:: is here');
    expect(placeholders('{node} {target} {node}')).toEqual(['node', 'target']);
  });
});
