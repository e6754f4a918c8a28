// The ra-changed alert's list of changes, worded per language: each
// difference between two RAs is a catalogue phrase (live.ra-diff.*), the
// English reads byte for byte as the tracker always wrote it, and the
// Japanese has no English field name left (RFC flag letters, RFC names in
// parentheses and addresses aside).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Annotator } from '../../src/live/annotate.ts';
import { renderAlertMessage, renderLive, type LiveText } from '../../src/live/live-text.ts';
import { raDiffTexts, raDifferences } from '../../src/live/tracker-ra.ts';
import type { PrefixParams, RaParams } from '../../src/live/tracker-types.ts';
import { PassiveTracker, type Alert } from '../../src/live/tracker.ts';
import { encode } from '../../src/packet/encode.ts';
import type { Preference } from '../../src/packet/types.ts';
import { MS, R, llR, ra, raFrame } from './frames.ts';

/** The phrases as the tracker built them before they were catalogued
 *  (tracker-ra.ts raDifferences, as it was): the reference the English must
 *  match, written out here so the test does not lean on the code under test. */
function legacyRaDifferences(before: RaParams, after: RaParams): string[] {
  const out: string[] = [];
  const cmp = (name: string, a: unknown, b: unknown): void => {
    if (a !== b) out.push(`${name} ${String(a)} → ${String(b)}`);
  };
  cmp('M', before.M, after.M);
  cmp('O', before.O, after.O);
  cmp('H', before.H, after.H);
  cmp('preference', before.prf, after.prf);
  if (after.routerLifetime !== 0) cmp('router lifetime', before.routerLifetime, after.routerLifetime);
  cmp('hop limit', before.curHopLimit, after.curHopLimit);
  cmp('reachable time', before.reachableTimeMs, after.reachableTimeMs);
  cmp('retrans timer', before.retransTimerMs, after.retransTimerMs);
  cmp('MTU', before.mtu ?? 'none', after.mtu ?? 'none');
  const key = (p: PrefixParams): string => `${p.prefix}/${p.length}`;
  const old = new Map(before.prefixes.map((p) => [key(p), p]));
  const now = new Map(after.prefixes.map((p) => [key(p), p]));
  for (const [k, p] of now) {
    const q = old.get(k);
    if (q === undefined) {
      out.push(`prefix ${k} added`);
      continue;
    }
    cmp(`${k} L`, q.L, p.L);
    cmp(`${k} A`, q.A, p.A);
    cmp(`${k} valid lifetime`, q.validLifetime, p.validLifetime);
    cmp(`${k} preferred lifetime`, q.preferredLifetime, p.preferredLifetime);
  }
  for (const k of old.keys()) if (!now.has(k)) out.push(`prefix ${k} gone`);
  const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
  if (!sameSet(before.rdnss, after.rdnss)) out.push(`RDNSS ${before.rdnss.join(' ') || 'none'} → ${after.rdnss.join(' ') || 'none'}`);
  if (!sameSet(before.routes, after.routes)) out.push(`routes ${before.routes.join(' ') || 'none'} → ${after.routes.join(' ') || 'none'}`);
  return out;
}

const BEFORE: RaParams = {
  router: llR,
  curHopLimit: 64,
  M: false,
  O: false,
  H: false,
  prf: 'medium',
  routerLifetime: 1800,
  reachableTimeMs: 0,
  retransTimerMs: 0,
  mtu: 1500,
  prefixes: [
    { prefix: '2001:db8::', length: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400 },
    { prefix: '2001:db8:2::', length: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400 },
  ],
  rdnss: ['2001:db8::53'],
  routes: ['2001:db8:100::/48'],
};

/** Every kind of change at once. */
const AFTER: RaParams = {
  router: llR,
  curHopLimit: 32,
  M: true,
  O: true,
  H: true,
  prf: 'high',
  routerLifetime: 600,
  reachableTimeMs: 30000,
  retransTimerMs: 1000,
  mtu: null,
  prefixes: [
    { prefix: '2001:db8::', length: 64, L: false, A: false, validLifetime: 3600, preferredLifetime: 0 },
    { prefix: '2001:db8:1::', length: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400 },
  ],
  rdnss: ['2001:db8::54', '2001:db8::55'],
  routes: [],
};

const ALL_EN =
  'M false → true, O false → true, H false → true, preference medium → high, router lifetime 1800 → 600, hop limit 64 → 32, ' +
  'reachable time 0 → 30000, retrans timer 0 → 1000, MTU 1500 → none, 2001:db8::/64 L true → false, 2001:db8::/64 A true → false, ' +
  '2001:db8::/64 valid lifetime 86400 → 3600, 2001:db8::/64 preferred lifetime 14400 → 0, prefix 2001:db8:1::/64 added, ' +
  'prefix 2001:db8:2::/64 gone, RDNSS 2001:db8::53 → 2001:db8::54 2001:db8::55, routes 2001:db8:100::/48 → none';

const ALL_JA =
  'M フラグ オフ → オン、O フラグ オフ → オン、H フラグ オフ → オン、優先度 (Preference) 中 → 高、ルータライフタイム 1800 → 600 秒、' +
  'ホップリミット 64 → 32、到達可能時間 (ReachableTime) 0 → 30000 ミリ秒、再送タイマ (RetransTimer) 0 → 1000 ミリ秒、MTU オプション 1500 → なし、' +
  '2001:db8::/64 の L フラグ オン → オフ、2001:db8::/64 の A フラグ オン → オフ、2001:db8::/64 の有効ライフタイム 86400 → 3600 秒、' +
  '2001:db8::/64 の推奨ライフタイム 14400 → 0 秒、プレフィックス 2001:db8:1::/64 を追加、プレフィックス 2001:db8:2::/64 が消えました、' +
  'DNS サーバ (RDNSS) 2001:db8::53 → 2001:db8::54 2001:db8::55、経路情報 (Route Information) 2001:db8:100::/48 → なし';

/** ASCII words a Japanese list may keep: RFC flag letters, MTU / DNS, and
 *  the RFC names given in parentheses after the Japanese term. */
const ALLOWED_LATIN = new Set(['M', 'O', 'H', 'L', 'A', 'MTU', 'DNS', 'RA', 'RDNSS', 'Preference', 'ReachableTime', 'RetransTimer', 'Route', 'Information']);

/** The Latin words left in a text once addresses, prefixes and MACs are out. */
function latinWords(text: string): string[] {
  const noAddresses = text
    .replace(/\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/g, ' ')
    .replace(/[0-9a-f]*:[0-9a-f:]*(?:\/\d+)?/g, ' ');
  return noAddresses.match(/[A-Za-z]+/g) ?? [];
}

describe('raDiffTexts: one phrase per difference', () => {
  const texts = raDiffTexts(BEFORE, AFTER);

  it('English reads as the tracker wrote it', () => {
    expect(texts.map((t) => renderLive(t, 'en')).join(', ')).toBe(ALL_EN);
    expect(raDifferences(BEFORE, AFTER)).toEqual(legacyRaDifferences(BEFORE, AFTER));
  });

  it('Japanese: every phrase worded, joined with 、', () => {
    expect(texts.map((t) => renderLive(t, 'ja')).join('、')).toBe(ALL_JA);
    for (const t of texts) {
      const ja = renderLive(t, 'ja');
      expect(latinWords(ja).filter((w) => !ALLOWED_LATIN.has(w)), ja).toEqual([]);
    }
  });

  it('no change, no phrase; a router lifetime going to 0 is left to router-lifetime-zero', () => {
    expect(raDiffTexts(BEFORE, BEFORE)).toEqual([]);
    expect(raDiffTexts(BEFORE, { ...BEFORE, routerLifetime: 0 })).toEqual([]);
    expect(raDiffTexts(BEFORE, { ...BEFORE, rdnss: [], routes: ['2001:db8:100::/48'] }).map((t) => renderLive(t, 'ja'))).toEqual(['DNS サーバ (RDNSS) 2001:db8::53 → なし']);
  });

  it('the English equals the legacy phrases for any pair of RAs', () => {
    const prf = fc.constantFrom<Preference>('high', 'medium', 'low', 'reserved');
    const small = fc.constantFrom(0, 600, 1800, 0xffffffff);
    const prefix = fc.record({
      prefix: fc.constantFrom('2001:db8::', '2001:db8:1::', 'fd00::'),
      length: fc.constantFrom(48, 64),
      L: fc.boolean(),
      A: fc.boolean(),
      validLifetime: small,
      preferredLifetime: small,
    });
    const params = fc.record({
      router: fc.constant(llR),
      curHopLimit: fc.constantFrom(0, 64, 255),
      M: fc.boolean(),
      O: fc.boolean(),
      H: fc.boolean(),
      prf,
      routerLifetime: small,
      reachableTimeMs: fc.constantFrom(0, 30000),
      retransTimerMs: fc.constantFrom(0, 1000),
      mtu: fc.constantFrom(null, 1280, 1500),
      prefixes: fc.uniqueArray(prefix, { maxLength: 3, selector: (p) => `${p.prefix}/${p.length}` }),
      rdnss: fc.uniqueArray(fc.constantFrom('2001:db8::53', '2001:db8::54', 'fd00::1'), { maxLength: 2 }),
      routes: fc.uniqueArray(fc.constantFrom('2001:db8:100::/48', '::/0'), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(params, params, (a, b) => {
        expect(raDifferences(a, b)).toEqual(legacyRaDifferences(a, b));
        for (const t of raDiffTexts(a, b)) expect(latinWords(renderLive(t, 'ja')).filter((w) => !ALLOWED_LATIN.has(w))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the ra-changed alert', () => {
  // Two RAs from R: flag, preference, lifetime, MTU, prefix lifetimes, a
  // prefix added and one gone, and the RDNSS servers change.
  const first = raFrame(R, { mtu: 1500, prefixes: [{ prefix: '2001:db8::' }, { prefix: '2001:db8:2::' }], rdnss: ['2001:db8::53'] });
  const second = raFrame(R, { M: true, prf: 'low', lifetime: 600, prefixes: [{ prefix: '2001:db8::', valid: 3600 }, { prefix: '2001:db8:1::' }], rdnss: ['2001:db8::54'] });
  const EN =
    `${R} changed its RA: M false → true, preference medium → low, router lifetime 1800 → 600, MTU 1500 → none, ` +
    '2001:db8::/64 valid lifetime 86400 → 3600, prefix 2001:db8:1::/64 added, prefix 2001:db8:2::/64 gone, RDNSS 2001:db8::53 → 2001:db8::54';
  const JA =
    `${R} がルータ広告 (RA) の内容を変えました: M フラグ オフ → オン、優先度 (Preference) 中 → 低、ルータライフタイム 1800 → 600 秒、MTU オプション 1500 → なし、` +
    '2001:db8::/64 の有効ライフタイム 86400 → 3600 秒、プレフィックス 2001:db8:1::/64 を追加、プレフィックス 2001:db8:2::/64 が消えました、' +
    'DNS サーバ (RDNSS) 2001:db8::53 → 2001:db8::54。';

  function trackerAlert(): Alert {
    const tr = new PassiveTracker();
    const alerts = [tr.observe(ra(R, { mtu: 1500, prefixes: [{ prefix: '2001:db8::' }, { prefix: '2001:db8:2::' }], rdnss: ['2001:db8::53'] }), 0, { frameIndex: 0 })]
      .concat(tr.observe(ra(R, { M: true, prf: 'low', lifetime: 600, prefixes: [{ prefix: '2001:db8::', valid: 3600 }, { prefix: '2001:db8:1::' }], rdnss: ['2001:db8::54'] }), 1000 * MS, { frameIndex: 1 }))
      .flatMap((o) => o.alerts);
    return alerts.find((a) => a.id === 'ra-changed')!;
  }

  it('carries the changes as a list of phrases; its English message is the tracker’s', () => {
    const a = trackerAlert();
    expect(a.message).toBe(EN);
    expect(a.text?.key).toBe('live.alert.ra-changed');
    const changes = a.text!.vars.changes as readonly LiveText[];
    expect(changes.map((t) => t.key)).toEqual([
      'live.ra-diff.flag-set',
      'live.ra-diff.preference',
      'live.ra-diff.router-lifetime',
      'live.ra-diff.mtu',
      'live.ra-diff.valid-lifetime',
      'live.ra-diff.prefix-added',
      'live.ra-diff.prefix-gone',
      'live.ra-diff.rdnss',
    ]);
    expect(renderAlertMessage(a, 'en')).toBe(EN);
    expect(renderAlertMessage(a, 'ja')).toBe(JA);
    expect(renderAlertMessage({ ...a, count: 3 }, 'ja')).toBe(`${JA} (前回の報告以降 3 回)`);
  });

  it('annotate prints it in the annotator’s language', () => {
    const messages = (lang: 'en' | 'ja'): string[] => {
      const an = new Annotator({ lang });
      return [first, second].flatMap((f, i) => an.frame(encode(f), BigInt(i) * 1_000_000_000n, i).alerts).filter((a) => a.id === 'ra-changed').map((a) => a.message);
    };
    expect(messages('en')).toEqual([EN]);
    const [ja] = messages('ja');
    expect(ja).toBe(JA);
    expect(latinWords(ja).filter((w) => !ALLOWED_LATIN.has(w))).toEqual([]);
  });
});
