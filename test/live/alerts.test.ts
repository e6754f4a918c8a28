// NDPMon / ndpwatch-class alerts: each with a frame sequence that must raise
// it and a benign one that must not (ndpwatch's self-test discipline), the
// rate limiter, and memory staying bounded under a 200,000-RA flood.

import { describe, expect, it } from 'vitest';
import { AlertLimiter } from '../../src/live/alerts.ts';
import { BoundedMap } from '../../src/live/tracker-table.ts';
import { PassiveTracker, type Alert, type AlertId, type Observation } from '../../src/live/tracker.ts';
import { decode } from '../../src/packet/decode.ts';
import { encode } from '../../src/packet/encode.ts';
import { icmpv6Checksum } from '../../src/packet/checksum.ts';
import type { Decoded } from '../../src/packet/types.ts';
import { A, B, EVIL, R, MS, S, dadNs, gA, gB, llA, llB, mldReport, na, nudNs, ra, raFrame, resolutionNs, rs } from './frames.ts';

function run(frames: [Decoded, number][], tr = new PassiveTracker()): { alerts: Alert[]; obs: Observation[]; tr: PassiveTracker } {
  const obs = frames.map(([d, ms], i) => tr.observe(d, ms * MS, { frameIndex: i }));
  return { alerts: obs.flatMap((o) => o.alerts), obs, tr };
}

const ids = (alerts: Alert[], severities = ['warning', 'critical']): AlertId[] =>
  alerts.filter((a) => severities.includes(a.severity)).map((a) => a.id);

/** A whole benign SLAAC + resolution exchange: two hosts and a router. */
function benign(): [Decoded, number][] {
  return [
    [mldReport(A, '::'), 0],
    [dadNs(A, llA), 400],
    [ra(R, { M: false, mtu: 1500, rdnss: ['2001:db8::53'] }), 900],
    [rs(A), 1500],
    [ra(R, { M: false, mtu: 1500, rdnss: ['2001:db8::53'] }), 1800],
    [dadNs(A, gA), 1900],
    [dadNs(B, gB), 2000],
    [resolutionNs(A, gA, gB), 4000],
    [na(B, gB, gA, gB, { S: true, dstMac: A }), 4001],
    [nudNs(B, gB, gA, A), 9000],
    [na(A, gA, gB, gA, { S: true, dstMac: B }), 9001],
    [na(A, llA, 'ff02::1', gA, { O: true }), 9500], // unsolicited announcement of its own address
    [ra(R, { M: false, mtu: 1500, rdnss: ['2001:db8::53'] }), 200_000],
  ];
}

describe('negative control: benign ND stays silent', () => {
  it('a full SLAAC and resolution exchange raises only info alerts (new stations, new router)', () => {
    const tr = new PassiveTracker({ routers: [R], prefixes: ['2001:db8::/32'] });
    const { alerts } = run(benign(), tr);
    expect(ids(alerts)).toEqual([]);
    expect(alerts.map((a) => a.id).sort()).toEqual(['new-router', 'new-station', 'new-station', 'new-station']);
    expect(tr.tick(300 * S).alerts).toEqual([]);
  });
});

describe('each alert, raised and not raised', () => {
  it('new station: once per MAC, naming the frame', () => {
    const { alerts } = run([
      [rs(A), 0],
      [rs(A), 10],
      [rs(B), 20],
    ]);
    expect(alerts.map((a) => [a.id, a.host, a.frames])).toEqual([
      ['new-station', A, [0]],
      ['new-station', B, [2]],
    ]);
  });

  it('router not on the allow-list is critical; an allowed one is not', () => {
    const tr = new PassiveTracker({ routers: [R] });
    const { alerts } = run([
      [ra(R), 0],
      [ra(EVIL), 10],
    ], tr);
    expect(ids(alerts)).toEqual(['rogue-router']);
    expect(alerts.find((a) => a.id === 'rogue-router')).toMatchObject({ severity: 'critical', host: EVIL, frames: [1] });
  });

  it('prefix outside the allow-list is critical; one inside an allowed shorter prefix is not', () => {
    const tr = new PassiveTracker({ prefixes: ['2001:db8::/48'] });
    const { alerts } = run([
      [ra(R, { prefixes: [{ prefix: '2001:db8:0:1::' }] }), 0],
      [ra(R, { prefixes: [{ prefix: '2001:db8:0:1::' }, { prefix: '2001:db8:bad::' }] }), 10],
    ], tr);
    const wrong = alerts.filter((a) => a.id === 'wrong-prefix');
    expect(wrong).toHaveLength(1);
    expect(wrong[0].message).toContain('2001:db8:bad::/64');
    expect(wrong[0].frames).toEqual([1]);
  });

  it('RA parameter change vs the same router’s last RA lists what changed; identical RAs are silent', () => {
    const { alerts } = run([
      [ra(R, { mtu: 1500 }), 0],
      [ra(R, { mtu: 1500 }), 4000],
      [ra(R, { M: true, mtu: 1280, prf: 'high', prefixes: [{ prefix: '2001:db8::', valid: 60 }] }), 8000],
    ]);
    const changed = alerts.filter((a) => a.id === 'ra-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0].frames).toEqual([2]);
    for (const part of ['M false → true', 'preference medium → high', 'MTU 1500 → 1280', '2001:db8::/64 valid lifetime 86400 → 60']) {
      expect(changed[0].message).toContain(part);
    }
  });

  it('router lifetime 0 from a default router (router leaving, or kill_router6); 0 from the start is not an alert', () => {
    const { alerts } = run([
      [ra(R), 0],
      [ra(R, { lifetime: 0 }), 4000],
      [ra(B, { lifetime: 0 }), 5000],
    ]);
    expect(ids(alerts)).toEqual(['router-lifetime-zero']);
    expect(alerts.find((a) => a.id === 'router-lifetime-zero')?.host).toBe(R);
  });

  it('DAD denial of service: an NA for an address under DAD from a MAC that never used it', () => {
    const { alerts, tr } = run([
      [dadNs(A, gA), 0],
      [na(EVIL, 'fe80::6666', 'ff02::1', gA), 1],
    ]);
    expect(ids(alerts)).toEqual(['dad-dos']);
    expect(alerts.find((a) => a.id === 'dad-dos')).toMatchObject({ severity: 'critical', host: EVIL, address: gA, frames: [0, 1] });
    expect(tr.snapshot().hosts.find((h) => h.mac === A)?.addresses[0].state).toBe('duplicate');
  });

  it('DAD denial of service: a DAD NS echoed from another MAC', () => {
    const { alerts } = run([
      [dadNs(A, gA), 0],
      [dadNs(EVIL, gA), 1],
    ]);
    expect(ids(alerts)).toEqual(['dad-dos']);
  });

  it('a defence by the address’s real owner is a duplicate, not a DoS', () => {
    const { alerts } = run([
      [na(B, gB, 'ff02::1', gB), 0],
      [dadNs(A, gB), 5000],
      [na(B, gB, 'ff02::1', gB), 5001],
    ]);
    expect(ids(alerts)).toEqual(['duplicate-address']);
  });

  it('NA spoofing: an address moving to another MAC, then flip-flopping back', () => {
    const { alerts } = run([
      [na(B, gB, 'ff02::1', gB), 0],
      [na(B, gB, 'ff02::1', gB), 1000], // same owner again: silent
      [na(EVIL, gB, 'ff02::1', gB), 2000],
      [na(B, gB, 'ff02::1', gB), 3000],
    ]);
    expect(ids(alerts)).toEqual(['address-moved', 'flip-flop']);
    expect(alerts.find((a) => a.id === 'flip-flop')).toMatchObject({ severity: 'critical', host: B, address: gB, frames: [3] });
  });

  it('Ethernet source differing from the SLLA / TLLA; matching ones are silent', () => {
    const { alerts } = run([
      [resolutionNs(A, llA, gB), 0],
      [resolutionNs(A, llA, gB, { slla: EVIL }), 10],
      [na(B, llB, llA, gB, { S: true, dstMac: A, tlla: EVIL }), 20],
    ]);
    // The forged SLLA is what receivers store (RFC 4861 §7.2.3), so llA
    // is now bound to EVIL: a mismatch and a move.
    expect(ids(alerts)).toEqual(['ethernet-mismatch', 'address-moved', 'ethernet-mismatch']);
  });

  it('hop limit ≠ 255 on ND is reported and changes no belief (receivers discard it, RFC 4861 §7.1.2)', () => {
    const { alerts, tr } = run([
      [dadNs(A, gA), 0],
      [na(EVIL, 'fe80::6666', 'ff02::1', gA, { hopLimit: 64 }), 1],
    ]);
    expect(ids(alerts)).toEqual(['bad-hop-limit']);
    expect(tr.tick(1 * S).stateChanges.map((c) => c.to)).toContain('preferred');
  });

  it('bad checksum is reported; the same frame with its checksum intact is not', () => {
    const bytes = encode(raFrame(R));
    const bad = bytes.slice();
    bad[bad.length - 1] ^= 0xff; // last byte of the last option
    const { alerts } = run([
      [decode(bytes), 0],
      [decode(bad), 4000],
    ]);
    expect(ids(alerts)).toEqual(['bad-checksum']);
    expect(alerts.find((a) => a.id === 'bad-checksum')?.frames).toEqual([1]);
  });

  it('a truncated ND message is malformed', () => {
    const bytes = encode(raFrame(R));
    const cut = bytes.slice();
    cut[19] = 200; // IPv6 payload length larger than the frame
    const { alerts } = run([[decode(cut), 0]]);
    expect(ids(alerts)).toContain('malformed');
  });

  it('RA flood: more than the threshold within the window; the same count spread out is not', () => {
    const burst: [Decoded, number][] = Array.from({ length: 21 }, (_, i) => [ra(R), i * 40]);
    expect(ids(run(burst).alerts)).toContain('ra-flood');
    const calm: [Decoded, number][] = Array.from({ length: 21 }, (_, i) => [ra(R), i * 3000]);
    expect(ids(run(calm).alerts)).toEqual([]);
  });

  it('NS and RS floods, with configurable thresholds', () => {
    const tr = new PassiveTracker({ flood: { ns: 5, rs: 3, windowMs: 100 } });
    const ns: [Decoded, number][] = Array.from({ length: 6 }, (_, i) => [resolutionNs(A, llA, `2001:db8::${i + 1}`), i]);
    const rss: [Decoded, number][] = Array.from({ length: 4 }, (_, i) => [rs(B), 1000 + i]);
    expect(ids(run([...ns, ...rss], tr).alerts)).toEqual(['ns-flood', 'rs-flood']);
    const tr2 = new PassiveTracker({ flood: { ns: 5, rs: 3, windowMs: 100 } });
    const slow: [Decoded, number][] = Array.from({ length: 6 }, (_, i) => [resolutionNs(A, llA, `2001:db8::${i + 1}`), i * 100]);
    expect(ids(run(slow, tr2).alerts)).toEqual([]);
  });
});

describe('rate limiting', () => {
  it('a repeated (id, key) is reported once per interval; the rest comes back as a count', () => {
    const tr = new PassiveTracker({ alertIntervalMs: 10_000 });
    const frames: [Decoded, number][] = [];
    for (let i = 0; i < 1000; i++) frames.push([na(i % 2 ? B : EVIL, gB, 'ff02::1', gB), i]);
    const { alerts } = run(frames, tr);
    const flips = alerts.filter((a) => a.id === 'flip-flop' || a.id === 'address-moved');
    expect(flips.length).toBe(2); // the first move, the first flip-flop
    const later = tr.tick(20 * S).alerts;
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ id: 'flip-flop', count: 997 });
    expect(later[0].message).toContain('997 times');
    expect(tr.summary().alerts['flip-flop']).toEqual({ raised: 998, reported: 2 });
  });

  it('caps reports per id whatever the keys', () => {
    const lim = new AlertLimiter({ intervalNs: 1000, burst: 3, keyCap: 100, historyCap: 100 });
    const out = Array.from({ length: 50 }, (_, i) => lim.raise('new-station', `k${i}`, [i], 0, () => ({ message: 'x' })));
    expect(out.filter((a) => a !== null)).toHaveLength(3);
    expect(lim.counts['new-station']).toEqual({ raised: 50, reported: 3 });
  });
});

describe('bounded memory under a flood', () => {
  it('tables evict the least recently used entry and count it', () => {
    const gone: string[] = [];
    const m = new BoundedMap<string, number>(2, (k) => gone.push(k));
    m.set('a', 1);
    m.set('b', 2);
    m.get('a'); // a is now the most recent
    m.set('c', 3);
    expect([...m.entries()]).toEqual([['a', 1], ['c', 3]]);
    m.peek('a'); // peek does not refresh
    m.set('d', 4);
    expect(gone).toEqual(['b', 'a']);
    expect(m.evicted).toBe(2);
    m.delete('c');
    expect([...m.values()]).toEqual([4]);
    expect(m.evicted).toBe(2); // deletions are not evictions
  });

  it('200,000 RAs from random MACs with random prefixes: every table within its cap, evictions counted', () => {
    const caps = { hosts: 512, routers: 32, prefixes: 64, bindings: 1024, alertHistory: 100, alertKeys: 256 };
    const tr = new PassiveTracker({ caps });
    // One RA encoded once, then its varying fields patched in place (Ethernet
    // source, IPv6 source IID, SLLA, PIO prefix) and the checksum recomputed:
    // encoding 200,000 reprs would test the encoder's speed, not the tracker.
    const template = encode(raFrame(R, { prefixes: [{ prefix: '2001:db8::' }] }));
    const icmp = 14 + 40;
    const SRC_IID = 14 + 8 + 8;
    const SLLA_MAC = icmp + 16 + 2;
    const PIO_PREFIX = icmp + 16 + 8 + 16;
    expect(Array.from(template.subarray(SLLA_MAC, SLLA_MAC + 6))).toEqual(Array.from(template.subarray(6, 12)));
    expect(template[PIO_PREFIX]).toBe(0x20);
    let seed = 12345;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const N = 200_000;
    const macs = new Set<string>();
    let reported = 0;
    const bytes = template.slice();
    for (let i = 0; i < N; i++) {
      const r1 = rnd();
      const r2 = rnd();
      const mac = [0x02, r1 & 0xff, (r1 >>> 8) & 0xff, (r1 >>> 16) & 0xff, r1 >>> 24, r2 & 0xff];
      macs.add(mac.map((b) => b.toString(16).padStart(2, '0')).join(':'));
      bytes.set(mac, 6);
      bytes.set(mac, SLLA_MAC);
      bytes.set(mac, SRC_IID);
      bytes[PIO_PREFIX + 4] = (r2 >>> 8) & 0xff;
      bytes[PIO_PREFIX + 5] = (r2 >>> 16) & 0xff;
      bytes[PIO_PREFIX + 6] = r2 >>> 24;
      bytes[icmp + 2] = 0;
      bytes[icmp + 3] = 0;
      const sum = icmpv6Checksum(bytes.subarray(22, 38), bytes.subarray(38, 54), bytes, icmp);
      bytes[icmp + 2] = sum >> 8;
      bytes[icmp + 3] = sum & 0xff;
      const o = tr.observe(decode(bytes), i * 10_000, { frameIndex: i });
      reported += o.alerts.length;
    }
    const sum = tr.summary();
    expect(sum.alerts['bad-checksum']).toBeUndefined(); // the patching is right
    const all = tr.config.caps;
    for (const k of Object.keys(sum.tables) as (keyof typeof sum.tables)[]) expect(sum.tables[k], k).toBeLessThanOrEqual(all[k]);
    expect(sum.tables.routers).toBe(32);
    expect(sum.tables.hosts).toBe(512);
    expect(sum.evicted.hosts).toBe(macs.size - 512);
    expect(sum.evicted.routers).toBe(macs.size - 32);
    expect(sum.evicted.prefixes).toBeGreaterThan(N / 2);
    expect(sum.evicted.bindings).toBe(macs.size - 1024);
    // Alerts: every occurrence counted, only a handful of lines reported.
    expect(sum.alerts['new-router']?.raised).toBe(macs.size);
    expect(sum.alerts['ra-flood']?.reported).toBe(1);
    expect(reported).toBeLessThan(100);
    expect(tr.snapshot().alerts.length).toBeLessThanOrEqual(100);
    expect(ids(tr.snapshot().alerts)).toContain('table-pressure');
  }, 120_000);
});
