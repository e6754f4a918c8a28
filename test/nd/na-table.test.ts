// The RFC 4861 §7.2.5 table, checked against expectations written by hand
// from RFC 4861 Appendix C and the TAHI v6LC.2.1.16–2.1.20 judgements
// (conformance.md section B), not derived from the table itself.

import { describe, expect, it } from 'vitest';
import { NA_RULES, lookupNaRule, type NaTableState, type TllaMatch } from '../../src/nd/na-table.ts';

type Expect = [next: string, updateLinkLayer: boolean];
interface Case {
  id: string;
  state: NaTableState;
  S: 0 | 1;
  O: 0 | 1;
  tlla: TllaMatch;
  want: Expect;
}

// Appendix C, "!INCOMPLETE" rows, written out per state.
function existingRows(id: string, state: 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE'): Case[] {
  const wasReachable = state === 'REACHABLE';
  const rows: Array<[0 | 1, 0 | 1, TllaMatch, Expect]> = [
    // S=1, O=0: different LLA → REACHABLE becomes STALE (no update), others unchanged (ignored)
    [1, 0, 'different', [wasReachable ? 'STALE' : 'ignore', false]],
    [1, 0, 'same', ['REACHABLE', false]],
    [1, 0, 'absent', ['REACHABLE', false]],
    // S=1, O=1: record the LLA if any, REACHABLE
    [1, 1, 'different', ['REACHABLE', true]],
    [1, 1, 'same', ['REACHABLE', false]],
    [1, 1, 'absent', ['REACHABLE', false]],
    // S=0, O=0: different LLA → REACHABLE becomes STALE, others unchanged
    [0, 0, 'different', [wasReachable ? 'STALE' : 'ignore', false]],
    [0, 0, 'same', ['keep', false]],
    [0, 0, 'absent', ['keep', false]],
    // S=0, O=1: different LLA → record, STALE; same/none → unchanged
    [0, 1, 'different', ['STALE', true]],
    [0, 1, 'same', ['keep', false]],
    [0, 1, 'absent', ['keep', false]],
  ];
  return rows.map(([S, O, tlla, want]) => ({ id, state, S, O, tlla, want }));
}

const CASES: Case[] = [
  ...(['absent', 'same', 'different'] as const).flatMap((tlla) =>
    [0, 1].flatMap((S) => [0, 1].map((O) => ({ id: 'v6LC.2.1.16', state: 'none' as const, S: S as 0 | 1, O: O as 0 | 1, tlla, want: ['ignore', false] as Expect }))),
  ),
  { id: 'v6LC.2.1.17 A', state: 'INCOMPLETE', S: 1, O: 1, tlla: 'different', want: ['REACHABLE', true] },
  { id: 'v6LC.2.1.17 B', state: 'INCOMPLETE', S: 0, O: 1, tlla: 'different', want: ['STALE', true] },
  { id: 'v6LC.2.1.17 C', state: 'INCOMPLETE', S: 1, O: 0, tlla: 'different', want: ['REACHABLE', true] },
  { id: 'v6LC.2.1.17 D', state: 'INCOMPLETE', S: 0, O: 0, tlla: 'different', want: ['STALE', true] },
  { id: 'v6LC.2.1.17 E', state: 'INCOMPLETE', S: 1, O: 1, tlla: 'absent', want: ['ignore', false] },
  { id: 'v6LC.2.1.17 E', state: 'INCOMPLETE', S: 0, O: 0, tlla: 'absent', want: ['ignore', false] },
  ...existingRows('v6LC.2.1.18', 'REACHABLE'),
  ...existingRows('v6LC.2.1.19', 'STALE'),
  ...existingRows('v6LC.2.1.20', 'PROBE'),
  ...existingRows('RFC 4861 App. C', 'DELAY'),
];

const show = (c: Case) => `${c.id}: ${c.state} + NA S=${c.S} O=${c.O} TLLA ${c.tlla}`;
const arrow = (c: Case) =>
  c.want[0] === 'ignore' ? 'ignored' : c.want[0] === 'keep' ? 'unchanged' : `→ ${c.want[0]}${c.want[1] ? ', LLA updated' : ''}`;

describe('RFC 4861 §7.2.5 NA processing table', () => {
  for (const c of CASES) {
    it(`${show(c)} ${arrow(c)}`, () => {
      const { outcome } = lookupNaRule(c.state, c.S === 1, c.O === 1, c.tlla);
      expect([outcome.next, outcome.updateLinkLayer]).toEqual(c.want);
    });
  }

  it('the queue is sent only when an INCOMPLETE entry learns its address', () => {
    for (const c of CASES) {
      const { outcome } = lookupNaRule(c.state, c.S === 1, c.O === 1, c.tlla);
      expect(outcome.flushQueue).toBe(c.state === 'INCOMPLETE' && c.tlla !== 'absent');
    }
  });

  it('IsRouter is taken from R whenever the NA is not ignored, except REACHABLE + O=0 + different ("do not update the entry in any other way")', () => {
    const r = lookupNaRule('REACHABLE', false, false, 'different').outcome;
    expect([r.next, r.updateIsRouter]).toEqual(['STALE', false]);
    expect(lookupNaRule('STALE', false, false, 'absent').outcome.updateIsRouter).toBe(true);
    expect(lookupNaRule('INCOMPLETE', true, false, 'different').outcome.updateIsRouter).toBe(true);
  });

  it('FAILED (Linux keeps failed entries) behaves as INCOMPLETE: a TLLA revives it', () => {
    expect(lookupNaRule('FAILED', true, false, 'different').outcome.next).toBe('REACHABLE');
    expect(lookupNaRule('FAILED', true, true, 'absent').outcome.next).toBe('ignore');
  });

  it('every row is reachable and every combination has exactly one first match', () => {
    const hit = new Set<number>();
    const states: NaTableState[] = ['none', 'INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED'];
    for (const st of states) for (const S of [false, true]) for (const O of [false, true]) for (const t of ['absent', 'same', 'different'] as const) {
      hit.add(NA_RULES.indexOf(lookupNaRule(st, S, O, t)));
    }
    expect([...hit].sort((a, b) => a - b)).toEqual(NA_RULES.map((_, i) => i));
  });
});
