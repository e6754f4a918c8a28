// The protocol core is sans-I/O (DESIGN.md): src/packet, src/nd and
// src/slaac take time and randomness as parameters and never touch clocks,
// timers, Math.random, files or sockets. This test is the lint rule that
// keeps it so: it fails naming the file and line of any such use.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['src/packet', 'src/nd', 'src/slaac'];
const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(|\bnew Date\s*\(/, 'reads the wall clock'],
  [/\bperformance\.now\s*\(|process\.hrtime/, 'reads a clock'],
  [/\bMath\.random\s*\(/, 'draws unseeded randomness'],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, 'sets a real timer'],
  [/from ['"]node:(fs|net|dgram|child_process|http|https|dns)['"]/, 'does I/O'],
  [/from ['"](cap|ink|react)['"]/, 'loads an I/O or UI package'],
  [/from ['"]\.\.\/(sim|scenario|stack|live|tui|cli|output|explain)\//, 'imports a layer above the core'],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('sans-I/O protocol core', () => {
  for (const dir of CORE) {
    it(`${dir} uses no clock, timer, Math.random, I/O or upper layer`, () => {
      const found: string[] = [];
      for (const f of files(dir)) {
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line.replace(/\/\/.*$/, '');
            for (const [re, what] of FORBIDDEN) if (re.test(code)) found.push(`${f}:${i + 1}: ${what}: ${line.trim()}`);
          });
      }
      expect(found).toEqual([]);
    });
  }

  it('the rule catches what it forbids', () => {
    const bad = ['const t = Date.now();', 'x = Math.random()', "import { readFileSync } from 'node:fs';", 'setTimeout(f, 1)'];
    for (const line of bad) expect(FORBIDDEN.some(([re]) => re.test(line))).toBe(true);
  });
});
