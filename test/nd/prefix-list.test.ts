import { describe, expect, it } from 'vitest';
import { PrefixList } from '../../src/nd/prefix-list.ts';
import { INFINITE_LIFETIME } from '../../src/nd/constants.ts';
import { NS_PER_S, type Action } from '../../src/nd/machine.ts';
import type { PrefixInformationOption } from '../../src/packet/types.ts';

const S = NS_PER_S;
const pio = (prefix: string, over: Partial<PrefixInformationOption> = {}): PrefixInformationOption => ({
  type: 3, prefixLength: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400, prefix, ...over,
});

describe('PrefixList (RFC 4861 §6.3.4, §5.2)', () => {
  it('L=1 with a non-zero valid lifetime adds the prefix and notifies', () => {
    const l = new PrefixList('eth0');
    const out: Action[] = [];
    l.onPrefixInformation(pio('2001:db8::'), 0, out);
    expect(l.isOnLink('2001:db8::211:22ff:fe66:7788')).toBe(true);
    expect(l.isOnLink('2001:db8:1::1')).toBe(false);
    expect(out).toContainEqual({ kind: 'setTimer', key: 'rd:prefix:2001:db8::/64', at: 86400 * S });
    expect(out.find((a) => a.kind === 'notify')).toMatchObject({ change: { machine: 'prefix', key: '2001:db8::/64', from: null, to: 'on-link' } });
  });

  it('v6LC.2.2.19: L=0 makes no statement — neither adds nor removes', () => {
    const l = new PrefixList('eth0');
    const out: Action[] = [];
    l.onPrefixInformation(pio('2001:db8::', { L: false }), 0, out);
    expect(l.entries()).toHaveLength(0);
    l.onPrefixInformation(pio('2001:db8::'), 0, out);
    l.onPrefixInformation(pio('2001:db8::', { L: false, validLifetime: 0 }), S, out);
    expect(l.isOnLink('2001:db8::5')).toBe(true);
  });

  it('valid lifetime 0 times a listed prefix out at once; for an unlisted one it is ignored', () => {
    const l = new PrefixList('eth0');
    const out: Action[] = [];
    l.onPrefixInformation(pio('2001:db8:1::', { validLifetime: 0 }), 0, out);
    expect(out).toEqual([]);
    l.onPrefixInformation(pio('2001:db8::'), 0, out);
    l.onPrefixInformation(pio('2001:db8::', { validLifetime: 0, preferredLifetime: 0 }), S, out);
    expect(l.entries()).toHaveLength(0);
    expect(out.at(-1)).toMatchObject({ kind: 'notify', change: { to: null, reasonId: 'rd.prefix.valid-zero' } });
  });

  it('a refresh resets the timer to the new valid lifetime, even a shorter one (no 2-hour rule for on-link)', () => {
    const l = new PrefixList('eth0');
    const out: Action[] = [];
    l.onPrefixInformation(pio('2001:db8::'), 0, out);
    l.onPrefixInformation(pio('2001:db8::', { validLifetime: 30, preferredLifetime: 10 }), 10 * S, out);
    expect(l.get('2001:db8::', 64)?.expiresAt).toBe(40 * S);
    l.onTimer('rd:prefix:2001:db8::/64', 39 * S, out);
    expect(l.entries()).toHaveLength(1);
    l.onTimer('rd:prefix:2001:db8::/64', 40 * S, out);
    expect(l.entries()).toHaveLength(0);
    expect(out.at(-1)).toMatchObject({ kind: 'notify', change: { reasonId: 'rd.prefix.expired', rfc: 'RFC 4861 §6.3.5' } });
  });

  it('an infinite valid lifetime arms no timer', () => {
    const l = new PrefixList('eth0');
    const out: Action[] = [];
    l.onPrefixInformation(pio('2001:db8::', { validLifetime: INFINITE_LIFETIME, preferredLifetime: INFINITE_LIFETIME }), 0, out);
    expect(out.some((a) => a.kind === 'setTimer')).toBe(false);
    expect(l.get('2001:db8::', 64)?.expiresAt).toBeNull();
  });

  it('a link-local PIO is silently ignored, yet link-local destinations are always on-link', () => {
    const l = new PrefixList('eth0');
    const out: Action[] = [];
    l.onPrefixInformation(pio('fe80::'), 0, out);
    expect(l.entries()).toHaveLength(0);
    expect(l.isOnLink('fe80::1234')).toBe(true);
  });

  it('bits after the prefix length are ignored (RFC 4861 §4.6.2)', () => {
    const l = new PrefixList('eth0');
    l.onPrefixInformation(pio('2001:db8::1', { prefixLength: 48 }), 0, []);
    expect(l.entries().map((p) => `${p.prefix}/${p.length}`)).toEqual(['2001:db8::/48']);
  });

  it('match() returns the longest covering prefix', () => {
    const l = new PrefixList('eth0');
    l.onPrefixInformation(pio('2001:db8::', { prefixLength: 32 }), 0, []);
    l.onPrefixInformation(pio('2001:db8:0:1::', { prefixLength: 64 }), 0, []);
    expect(l.match('2001:db8:0:1::9')?.length).toBe(64);
    expect(l.match('2001:db8:7::9')?.length).toBe(32);
  });
});
