import { describe, expect, it } from 'vitest';
import { commonPrefixLength, labelOf, scopeOf, selectSource, type SourceCandidate } from '../../src/slaac/source-selection.ts';

const c = (address: string, state: SourceCandidate['state'] = 'preferred', temporary = false, prefixLength = 64): SourceCandidate => ({ address, state, temporary, prefixLength });
const policy = { useOptimistic: false, preferTemporary: false };

describe('RFC 6724 source selection (subset)', () => {
  it('never picks tentative or duplicate addresses; null when nothing is usable', () => {
    expect(selectSource([c('fe80::1', 'tentative'), c('2001:db8::1', 'duplicate')], '2001:db8::2', policy)).toBeNull();
    expect(selectSource([c('fe80::1', 'tentative'), c('2001:db8::1')], 'ff02::1', policy)).toBe('2001:db8::1');
  });

  it('rule 1: the destination itself', () => {
    expect(selectSource([c('2001:db8::1'), c('2001:db8::2', 'deprecated')], '2001:db8::2', policy)).toBe('2001:db8::2');
  });

  it('rule 2: matching scope — link-local for ff02::1 and fe80::, global for a global destination', () => {
    const cands = [c('2001:db8::1'), c('fe80::1')];
    expect(selectSource(cands, 'ff02::1', policy)).toBe('fe80::1');
    expect(selectSource(cands, 'fe80::99', policy)).toBe('fe80::1');
    expect(selectSource(cands, '2001:db8:9::1', policy)).toBe('2001:db8::1');
    expect(selectSource([c('fe80::1')], '2001:db8:9::1', policy)).toBe('fe80::1');
  });

  it('rule 3: avoid deprecated; optimistic too unless use_optimistic', () => {
    expect(selectSource([c('2001:db8::1', 'deprecated'), c('2001:db8:1::1')], '2001:db8::9', policy)).toBe('2001:db8:1::1');
    const opt = [c('2001:db8::1', 'optimistic'), c('2001:db8:1::1')];
    expect(selectSource(opt, '2001:db8::9', policy)).toBe('2001:db8:1::1');
    expect(selectSource(opt, '2001:db8::9', { ...policy, useOptimistic: true })).toBe('2001:db8::1');
  });

  it('rule 6: matching label (a ULA source for a ULA destination)', () => {
    expect(selectSource([c('2001:db8::1'), c('fd00::1')], 'fd12::1', policy)).toBe('fd00::1');
    expect([labelOf('fd12::1'), labelOf('2001:db8::1'), labelOf('2001:0:1::1'), labelOf('::1'), labelOf('2002::1')]).toEqual([13, 1, 5, 0, 2]);
  });

  it('rule 7: public unless use_tempaddr=2', () => {
    const cands = [c('2001:db8::aaaa', 'preferred', true), c('2001:db8::211:22ff:fe33:4455')];
    expect(selectSource(cands, '2001:db8:9::1', policy)).toBe('2001:db8::211:22ff:fe33:4455');
    expect(selectSource(cands, '2001:db8:9::1', { ...policy, preferTemporary: true })).toBe('2001:db8::aaaa');
  });

  it('rule 8: longest matching prefix, counted no further than the candidate prefix length', () => {
    expect(selectSource([c('2001:db8:1::1'), c('2001:db8:2::1')], '2001:db8:2::99', policy)).toBe('2001:db8:2::1');
    expect(commonPrefixLength('2001:db8::1', '2001:db8::1')).toBe(128);
    expect(commonPrefixLength('2001:db8::', '2001:db9::')).toBe(31);
    expect([scopeOf('ff02::1'), scopeOf('ff05::2'), scopeOf('fe80::1'), scopeOf('2001:db8::1')]).toEqual([2, 5, 2, 14]);
  });
});
