import { describe, expect, it } from 'vitest';
import { LINUX_SLAAC_DEFAULTS, resolveSlaacConfig } from '../../src/slaac/config.ts';

describe('resolveSlaacConfig', () => {
  it('gives the Linux defaults', () => {
    const r = resolveSlaacConfig({});
    expect(r.ok && r.config).toMatchObject({
      autoconf: 1, dad_transmits: 1, accept_dad: 1, optimistic_dad: 0, use_optimistic: 0, enhanced_dad: 1, addr_gen_mode: 0,
      stable_secret: null, use_tempaddr: 0, temp_valid_lft: 604800, temp_prefered_lft: 86400, max_desync_factor: 600,
      regen_max_retry: 3, idgen_retries: 3, idgen_delay: 1, router_solicitation_delay: 1,
    });
    expect(Object.isFrozen(LINUX_SLAAC_DEFAULTS)).toBe(true);
  });

  it('overlays valid values', () => {
    const r = resolveSlaacConfig({ use_tempaddr: 2, dad_transmits: 3 });
    expect(r.ok && [r.config.use_tempaddr, r.config.dad_transmits]).toEqual([2, 3]);
  });

  it('reports every problem with a clear sentence', () => {
    const r = resolveSlaacConfig({ dad_transmit: 2, accept_dad: 3, stable_secret: 'nope', use_tempaddr: '2' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'unknown SLAAC setting "dad_transmit" (did you mean "dad_transmits"?)',
      'accept_dad = 3: must be one of 0, 1, 2',
      expect.stringMatching(/^stable_secret = "nope": must be an IPv6 address text/),
      'use_tempaddr = "2": must be one of 0, 1, 2',
    ]);
  });

  it('refuses stable-privacy without a secret, and temp_prefered_lft above temp_valid_lft', () => {
    const r = resolveSlaacConfig({ addr_gen_mode: 2, temp_prefered_lft: 10, temp_valid_lft: 5 });
    expect(r.ok ? [] : r.errors).toEqual([
      expect.stringMatching(/addr_gen_mode = 2 .* needs stable_secret/),
      expect.stringMatching(/temp_prefered_lft \(10\) is above temp_valid_lft \(5\)/),
    ]);
  });
});
