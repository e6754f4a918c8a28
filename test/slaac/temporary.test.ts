import { describe, expect, it } from 'vitest';
import { icmpv6Frame } from '../../src/packet/build.ts';
import { regenAdvance } from '../../src/slaac/temporary.ts';
import { resolveSlaacConfig } from '../../src/slaac/config.ts';
import { makeHost, GA_A, MAC_B, S } from './harness.ts';

function withTemp(sysctl: Record<string, unknown> = {}, pio: Record<string, unknown> = {}, seed = 1) {
  const h = makeHost({ seed, sysctl: { use_tempaddr: 2, ...sysctl } });
  h.linkUp();
  h.advanceTo(5 * S);
  h.ra([pio]);
  return h;
}
const temps = (h: ReturnType<typeof makeHost>) => h.table.entries().filter((e) => e.origin === 'temporary');

describe('RFC 8981 temporary addresses', () => {
  it('REGEN_ADVANCE = 2 + TEMP_IDGEN_RETRIES × DupAddrDetectTransmits × RetransTimer / 1000', () => {
    const cfg = (o: Record<string, unknown>) => {
      const r = resolveSlaacConfig(o);
      if (!r.ok) throw new Error(r.errors.join());
      return r.config;
    };
    expect(regenAdvance(cfg({}), 1000)).toBe(2 + 3 * 1 * 1);
    expect(regenAdvance(cfg({ dad_transmits: 2, regen_max_retry: 5 }), 1500)).toBe(2 + 15);
  });

  it('null → tentative → preferred: a random IID in the prefix, lifetimes capped by the public address', () => {
    const h = withTemp();
    const [t] = temps(h);
    expect(t.address.startsWith('2001:db8::')).toBe(true);
    expect(t.address).not.toBe(GA_A);
    expect(t.temp!.parent).toBe(GA_A);
    // min(public 86400, 604800) and min(public 14400, 86400 − DESYNC_FACTOR).
    expect([t.validLft, t.preferredLft]).toEqual([86400, 14400]);
    h.advanceBy(3 * S);
    expect(h.state(t.address)).toBe('preferred');
  });

  it('with infinite prefix lifetimes: valid TEMP_VALID_LIFETIME, preferred TEMP_PREFERRED_LIFETIME − DESYNC_FACTOR, DESYNC_FACTOR < MAX_DESYNC_FACTOR', () => {
    const desyncs = [1, 2, 3].map((seed) => {
      const h = withTemp({}, { validLifetime: 0xffffffff, preferredLifetime: 0xffffffff }, seed);
      const [t] = temps(h);
      expect(t.validLft).toBe(604800);
      const desync = 86400 - t.preferredLft;
      expect(desync >= 0 && desync < 600).toBe(true);
      expect(desync).toBe(h.table.temporary.desyncFactor);
      return desync;
    });
    expect(new Set(desyncs).size).toBeGreaterThan(1);
  });

  it('a successor is made REGEN_ADVANCE (5 s) before the preferred lifetime ends; the old one is then deprecated', () => {
    const h = withTemp({}, { validLifetime: 0xffffffff, preferredLifetime: 0xffffffff });
    const [old] = temps(h);
    const depAt = old.tstamp + old.preferredLft * S;
    h.advanceTo(depAt - 5 * S - 1);
    expect(temps(h)).toHaveLength(1);
    h.advanceTo(depAt - 5 * S);
    expect(temps(h)).toHaveLength(2);
    const next = temps(h)[1];
    expect(h.changes().find((c) => c.key === next.address)!.reason).toMatch(new RegExp(`successor of ${old.address}, made REGEN_ADVANCE 5 s before`));
    h.advanceTo(depAt);
    expect(h.state(old.address)).toBe('deprecated');
    expect(h.state(next.address)).toBe('preferred');
    expect(h.table.selectSource('2001:db8:ffff::1')).toBe(next.address);
  });

  it('source selection: use_tempaddr=2 prefers the temporary address, use_tempaddr=1 the public one', () => {
    const h2 = withTemp();
    h2.advanceBy(3 * S);
    expect(h2.table.selectSource('2001:db8:ffff::1')).toBe(temps(h2)[0].address);
    const h1 = withTemp({ use_tempaddr: 1 });
    h1.advanceBy(3 * S);
    expect(temps(h1)).toHaveLength(1);
    expect(h1.table.selectSource('2001:db8:ffff::1')).toBe(GA_A);
  });

  it('no temporary address when its preferred lifetime would be ≤ REGEN_ADVANCE (RFC 8981 §3.4)', () => {
    const h = withTemp({}, { preferredLifetime: 5 });
    expect(temps(h)).toHaveLength(0);
    expect(h.drops().at(-1)).toMatch(/preferred lifetime is too short/);
  });

  it('an RA renewing the prefix extends the temporary lifetimes within TEMP_*_LIFETIME since creation', () => {
    const h = withTemp({}, { validLifetime: 600, preferredLifetime: 300 });
    const [t] = temps(h);
    h.advanceBy(100 * S);
    h.ra([{ validLifetime: 604800, preferredLifetime: 604800 }]);
    expect(t.validLft).toBe(604800 - 100);
    expect(t.preferredLft).toBe(86400 - h.table.temporary.desyncFactor - 100);
  });

  it('a temporary address failing DAD is deleted and replaced, at most TEMP_IDGEN_RETRIES times', () => {
    const h = withTemp();
    const na = (target: string) => icmpv6Frame(MAC_B, 'fe80::211:22ff:fe66:7788', 'ff02::1', { type: 136, code: 0, flags: { R: false, S: false, O: true }, target, options: [] });
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const [t] = temps(h);
      seen.add(t.address);
      h.receive(na(t.address));
      expect(h.state(t.address)).toBeUndefined();
    }
    expect(seen.size).toBe(4);
    expect(temps(h)).toHaveLength(0);
    expect(h.drops().at(-1)).toMatch(/regeneration time exceeded - disabled temporary address support/);
  });
});
