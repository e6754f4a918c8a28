import { describe, expect, it } from 'vitest';
import { makeHost, GA_A, LL_A, S } from './harness.ts';
import { twoHourRule, TWO_HOURS } from '../../src/slaac/ra.ts';

/** A host whose link-local address is done, at a whole second. */
function ready(sysctl: Record<string, unknown> = {}) {
  const h = makeHost({ sysctl });
  h.linkUp();
  h.advanceTo(5 * S);
  return h;
}
const gaChanges = (h: ReturnType<typeof makeHost>, addr = GA_A) => h.changes().filter((c) => c.key === addr);

describe('SLAAC from Prefix Information (v6LC.3.2.1, 3.2.4)', () => {
  it('A=1 /64 → tentative → preferred address prefix + EUI-64 IID (3.2.1 A)', () => {
    const h = ready();
    h.ra([{}]);
    expect(h.state(GA_A)).toBe('tentative');
    h.advanceBy(3 * S);
    expect(h.state(GA_A)).toBe('preferred');
    expect(gaChanges(h)[0].reason).toMatch(/Prefix Information 2001:db8::\/64 \(A=1\) from fe80::211:22ff:fe66:7788/);
  });

  it('a prefix ending in zero-valued fields works too (3.2.1 B)', () => {
    const h = ready();
    h.ra([{ prefix: '8000::' }]);
    expect(h.state('8000::211:22ff:fe33:4455')).toBe('tentative');
  });

  const ignored: [string, Record<string, unknown>, RegExp | null][] = [
    ['B: A=0', { A: false }, null],
    ['C: link-local prefix', { prefix: 'fe80::' }, /link-local prefix/],
    ['D: preferred 30 > valid 20', { preferredLifetime: 30, validLifetime: 20 }, /preferred lifetime 30 s > valid lifetime 20 s/],
    ['E: /128', { prefixLength: 128 }, /prefix length 128/],
    ['F: /0', { prefixLength: 0, prefix: '::' }, /prefix length 0/],
    ['G: /120', { prefixLength: 120 }, /prefix length 120 .*wrong length 120/],
    ['H: new prefix with valid lifetime 0', { validLifetime: 0, preferredLifetime: 0 }, /valid lifetime 0/],
  ];
  for (const [name, pio, reason] of ignored) {
    it(`forms no address for v6LC.3.2.4 ${name}`, () => {
      const h = ready();
      const before = h.table.entries().length;
      h.ra([pio]);
      h.advanceBy(3 * S);
      expect(h.table.entries().length).toBe(before);
      expect(h.dadProbes().filter((p) => (p.frame.ipv6!.icmpv6 as { target: string }).target !== LL_A)).toHaveLength(0);
      if (reason) expect(h.drops().at(-1)).toMatch(reason);
      else expect(h.drops()).toHaveLength(0);
    });
  }

  it('accepts infinite lifetimes and arms no timer for them (3.2.4 J)', () => {
    const h = ready();
    h.ra([{ validLifetime: 0xffffffff, preferredLifetime: 0xffffffff }]);
    h.advanceBy(3 * S);
    expect(h.state(GA_A)).toBe('preferred');
    expect([...h.timers.keys()].filter((k) => k.includes(GA_A))).toEqual([]);
  });
});

describe('lifetimes in virtual time (v6LC.3.2.2, RFC 4862 §5.5.4)', () => {
  it('preferred → deprecated when the preferred lifetime elapses, deprecated → invalid (removed) at the valid lifetime', () => {
    const h = ready();
    const t0 = h.now;
    h.ra([{ validLifetime: 120, preferredLifetime: 60 }]);
    h.advanceTo(t0 + 60 * S - 1);
    expect(h.state(GA_A)).toBe('preferred');
    h.advanceTo(t0 + 60 * S);
    expect(h.state(GA_A)).toBe('deprecated');
    const dep = gaChanges(h).at(-1)!;
    expect(dep.reason).toBe('preferred → deprecated: preferred lifetime 60 s elapsed');
    expect(dep.rfc).toBe('RFC 4862 §5.5.4');
    // Deprecated: still usable when nothing better exists, avoided otherwise.
    expect(h.table.selectSource('2001:db8::1')).toBe(GA_A);
    h.advanceTo(t0 + 120 * S - 1);
    expect(h.state(GA_A)).toBe('deprecated');
    h.advanceTo(t0 + 120 * S);
    expect(h.state(GA_A)).toBeUndefined();
    const gone = gaChanges(h).at(-1)!;
    expect([gone.from, gone.to, gone.reasonId]).toEqual(['deprecated', null, 'valid-lifetime-expired']);
    // The solicited-node group stays: the link-local address shares it.
    expect(h.table.mld.isMember('ff02::1:ff33:4455')).toBe(true);
  });

  it('the address default-lifetime example: deprecated at 14400 s, gone at 86400 s', () => {
    const h = ready();
    const t0 = h.now;
    h.ra([{}]);
    h.advanceTo(t0 + 86400 * S);
    const seq = gaChanges(h).map((c) => [c.from, c.to, (c.at - t0) / S]);
    expect(seq.slice(1)).toEqual([['tentative', 'preferred', seq[1][2]], ['preferred', 'deprecated', 14400], ['deprecated', null, 86400]]);
    expect(gaChanges(h)[2].reason).toBe('preferred → deprecated: preferred lifetime 14400 s elapsed');
  });

  it('preferred lifetime 0 deprecates at once (renumbering), without a new DAD', () => {
    const h = ready();
    h.ra([{}]);
    h.advanceBy(3 * S);
    const probes = h.dadProbes().length;
    h.ra([{ preferredLifetime: 0 }]);
    expect(h.state(GA_A)).toBe('deprecated');
    expect(gaChanges(h).at(-1)!.reasonId).toBe('prefix-preferred-zero');
    h.ra([{ preferredLifetime: 600 }]);
    expect(h.state(GA_A)).toBe('preferred');
    h.advanceBy(3 * S);
    expect(h.dadProbes().length).toBe(probes);
  });

  it('multiple prefixes keep independent addresses and lifetimes (v6LC.3.2.3)', () => {
    const h = ready();
    const t0 = h.now;
    h.ra([{ prefix: '2001:db8::', validLifetime: 30, preferredLifetime: 20 }, { prefix: '2001:db8:1::', validLifetime: 300, preferredLifetime: 200 }]);
    h.advanceTo(t0 + 31 * S);
    expect(h.state(GA_A)).toBeUndefined();
    expect(h.state('2001:db8:1:0:211:22ff:fe33:4455')).toBe('preferred');
  });
});

describe('two-hour rule (RFC 4862 §5.5.3 e, v6LC.3.2.5)', () => {
  it('A (RA_incVLT): a longer valid lifetime is adopted, with no new DAD', () => {
    const h = ready();
    const t0 = h.now;
    h.ra([{ validLifetime: 20, preferredLifetime: 20 }]);
    h.advanceTo(t0 + 5 * S);
    const probes = h.dadProbes().length;
    h.ra([{ validLifetime: 60, preferredLifetime: 60 }]);
    h.advanceTo(t0 + 5 * S + 59 * S);
    expect(h.state(GA_A)).toBe('preferred');
    h.advanceTo(t0 + 5 * S + 60 * S);
    expect(h.state(GA_A)).toBeUndefined();
    expect(h.dadProbes().length).toBe(probes);
  });

  it('B (RA_gt2gt2): received > 2 h is adopted even when shorter (10800 then 7230)', () => {
    const h = ready();
    h.ra([{ validLifetime: 10800, preferredLifetime: 10800 }]);
    h.advanceBy(10 * S);
    const t1 = h.now;
    h.ra([{ validLifetime: 7230, preferredLifetime: 7230 }]);
    h.advanceTo(t1 + 7229 * S);
    expect(h.state(GA_A)).toBe('preferred');
    h.advanceTo(t1 + 7230 * S);
    expect(h.state(GA_A)).toBeUndefined();
  });

  it('C (v6LC_3_2_4_C): remaining ≤ 2 h and received ≤ remaining → valid lifetime ignored (20 then 10)', () => {
    const h = ready();
    const t0 = h.now;
    h.ra([{ validLifetime: 20, preferredLifetime: 20 }]);
    h.advanceTo(t0 + 2 * S);
    h.ra([{ validLifetime: 10, preferredLifetime: 10 }]);
    const note = gaChanges(h).at(-1)!;
    expect(note.reasonId).toBe('two-hour-rule');
    expect(note.reason).toMatch(/received valid lifetime 10 s ignored: remaining 18 s ≤ 2 hours/);
    h.advanceTo(t0 + 2 * S + 12 * S);
    expect(h.state(GA_A)).toBe('deprecated');
    h.advanceTo(t0 + 20 * S);
    expect(h.state(GA_A)).toBeUndefined();
  });

  it('D (RA_gt2lt2): remaining > 2 h and received < 2 h → reset to 2 h (7230 then 10)', () => {
    const h = ready();
    const t0 = h.now;
    h.ra([{ validLifetime: 7230, preferredLifetime: 7230 }]);
    h.advanceTo(t0 + 2 * S);
    h.ra([{ validLifetime: 10, preferredLifetime: 10 }]);
    expect(gaChanges(h).at(-1)!.reason).toMatch(/valid lifetime reset to 2 hours, not the received 10 s: remaining 7228 s > 2 hours/);
    h.advanceTo(t0 + 2 * S + 12 * S);
    expect(h.state(GA_A)).toBe('deprecated');
    h.advanceTo(t0 + 2 * S + 7200 * S - 1);
    expect(h.state(GA_A)).toBe('deprecated');
    h.advanceTo(t0 + 7200 * S + 15 * S);
    expect(h.state(GA_A)).toBeUndefined();
  });

  it('the rule as a table (gVisor TestAutoGenAddrValidLifetimeUpdates style)', () => {
    const rows: [number, number, number][] = [
      // received, remaining, result
      [100, 50, 100], // longer: adopted
      [10800, 20000, 10800], // > 2 h: adopted
      [10, 18, 18], // remaining ≤ 2 h: kept
      [10, 7228, TWO_HOURS], // remaining > 2 h: 2 h
      [0, 7228, TWO_HOURS], // 0 cannot kill an address that has > 2 h left
      [0, 100, 100],
      [0xffffffff, 100, 0xffffffff],
      [10, 0xffffffff, TWO_HOURS],
    ];
    for (const [received, left, want] of rows) expect([received, left, twoHourRule(received, left).valid]).toEqual([received, left, want]);
  });
});

describe('link down and up, manual addresses', () => {
  it('link down removes link-local, SLAAC and manual addresses (Linux keep_addr_on_down=0); link up redoes link-local DAD', () => {
    const h = ready();
    h.ra([{}]);
    h.act((out, now) => h.table.addManual({ address: '2001:db8::80', prefixLength: 64 }, now, out));
    h.advanceBy(3 * S);
    h.linkDown();
    expect(h.table.entries()).toHaveLength(0);
    expect(h.changes().filter((c) => c.reasonId === 'link-down')).toHaveLength(3);
    const probes = h.dadProbes().length;
    h.advanceBy(S);
    h.linkUp();
    expect(h.state(LL_A)).toBe('tentative');
    h.advanceBy(3 * S);
    expect(h.dadProbes().length).toBe(probes + 1);
    expect(h.state(LL_A)).toBe('preferred');
  });

  it('keep_addr_on_down=1 keeps a manual address, which goes tentative and redoes DAD at link up', () => {
    const h = ready({ keep_addr_on_down: 1 });
    h.act((out, now) => h.table.addManual({ address: '2001:db8::80', prefixLength: 64 }, now, out));
    h.advanceBy(3 * S);
    expect(h.state('2001:db8::80')).toBe('preferred');
    h.linkDown();
    expect(h.state('2001:db8::80')).toBe('tentative');
    expect(h.state(LL_A)).toBeUndefined();
    h.linkUp();
    h.advanceBy(3 * S);
    const targets = h.dadProbes().map((p) => (p.frame.ipv6!.icmpv6 as { target: string }).target);
    expect(targets.filter((t) => t === '2001:db8::80')).toHaveLength(2);
    expect(h.state('2001:db8::80')).toBe('preferred');
  });

  it('a manual address goes through DAD; nodad skips it; errors read as iproute2', () => {
    const h = ready();
    h.act((out, now) => h.table.addManual({ address: '2001:db8::80', prefixLength: 64 }, now, out));
    expect(h.state('2001:db8::80')).toBe('tentative');
    h.act((out, now) => h.table.addManual({ address: '2001:db8::81', prefixLength: 64, nodad: true }, now, out));
    expect(h.state('2001:db8::81')).toBe('preferred');
    expect(h.act((out, now) => h.table.addManual({ address: '2001:db8::81', prefixLength: 64 }, now, out))).toEqual({ ok: false, error: 'RTNETLINK answers: File exists' });
    expect(h.act((out, now) => h.table.deleteAddress('2001:db8::99', now, out))).toEqual({ ok: false, error: 'RTNETLINK answers: Cannot assign requested address' });
    h.advanceBy(3 * S);
    expect(h.state('2001:db8::80')).toBe('preferred');
  });

  it('a manual address added while the link is down waits for link up before DAD', () => {
    const h = makeHost();
    h.act((out, now) => h.table.addManual({ address: '2001:db8::80', prefixLength: 64 }, now, out));
    h.advanceBy(5 * S);
    expect(h.dadProbes()).toHaveLength(0);
    expect(h.state('2001:db8::80')).toBe('tentative');
    h.linkUp();
    h.advanceBy(3 * S);
    expect(h.state('2001:db8::80')).toBe('preferred');
  });
});
