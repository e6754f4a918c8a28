import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../src/scenario/suggest.ts';

describe('editDistance', () => {
  it.each([
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['AdvOnLnik', 'AdvOnLink', 1], // a swap of neighbours counts once
    ['same', 'same', 0],
  ] as const)('%s / %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('nearest', () => {
  const radvd = ['AdvValidLifetime', 'AdvPreferredLifetime', 'AdvOnLink', 'AdvAutonomous'];
  it('finds a typo', () => expect(nearest('AdvValidLifetim', radvd)).toBe('AdvValidLifetime'));
  it('finds a case-only difference however long', () => expect(nearest('advpreferredlifetime', radvd)).toBe('AdvPreferredLifetime'));
  it('treats - and _ as the same', () => expect(nearest('ra-guard', ['ra_guard', 'mtu'])).toBe('ra_guard'));
  it('offers nothing for an unrelated word', () => expect(nearest('colour', radvd)).toBeNull());
  it('does not guess at one-letter names', () => expect(nearest('x', ['a', 'b'])).toBeNull());
});
