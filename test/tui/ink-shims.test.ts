// The terminal UI loads Ink with its text measuring cached (bin/ink-hooks.mjs
// → bin/ink-widest-line.mjs): the cached function must answer exactly as
// the widest-line Ink ships with, and the hook must touch Ink's import only.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import widestLine from 'widest-line';
// @ts-expect-error plain JavaScript module without types
import cachedWidestLine from '../../bin/ink-widest-line.mjs';
// @ts-expect-error plain JavaScript module without types
import { resolve } from '../../bin/ink-hooks.mjs';

const glyphs = fc.constantFrom('a', 'Z', ' ', '→', '│', '●', '─', 'ア', '日', '本', '\n', '\x1b[31m', '\x1b[39m', '\x1b[1m', '👍', 'é', '\u200d', '\t');

describe('cached widest-line', () => {
  it('measures as widest-line does, asked once or again', () => {
    fc.assert(
      fc.property(fc.array(glyphs, { maxLength: 60 }).map((g) => g.join('')), (text) => {
        const want = widestLine(text);
        expect(cachedWidestLine(text)).toBe(want);
        expect(cachedWidestLine(text)).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('measures UI lines: wide characters count 2, colours 0', () => {
    expect(cachedWidestLine('\x1b[32m→ h1\x1b[39m │ 日本')).toBe(widestLine('→ h1 │ 日本'));
    expect(cachedWidestLine('日本語')).toBe(6);
    expect(cachedWidestLine('ab\nabcd\nabc')).toBe(4);
  });
});

describe('ink-hooks resolve', () => {
  const next = async (specifier: string) => ({ url: `next:${specifier}` });

  it("gives Ink's widest-line import the cached module", async () => {
    const r = await resolve('widest-line', { parentURL: 'file:///x/node_modules/ink/build/measure-text.js' }, next);
    expect(r.url).toMatch(/bin\/ink-widest-line\.mjs$/);
    expect(r.shortCircuit).toBe(true);
  });

  it('leaves every other import alone', async () => {
    expect((await resolve('widest-line', { parentURL: 'file:///x/node_modules/cli-boxes/index.js' }, next)).url).toBe('next:widest-line');
    expect((await resolve('string-width', { parentURL: 'file:///x/node_modules/ink/build/output.js' }, next)).url).toBe('next:string-width');
    expect((await resolve('widest-line', { parentURL: undefined }, next)).url).toBe('next:widest-line');
  });
});
