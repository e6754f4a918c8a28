// The live tracker's own sentences in the catalogue: every alert kind and
// every change reason has an English and a Japanese entry with the same
// placeholders, the English is what the tracker said before it was
// catalogued, and a Japanese annotator shows them in Japanese.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIVE_EN } from '../../src/explain/catalog-en.ts';
import { LIVE_JA } from '../../src/explain/catalog-ja.ts';
import { LIVE_KEYS, type LiveKey } from '../../src/explain/keys.ts';
import { placeholders } from '../../src/explain/template.ts';
import { explainTrackerChange } from '../../src/live/annotate.ts';
import { AlertLimiter, ALERTS } from '../../src/live/alerts.ts';
import { liveMessage, renderAlertMessage, renderLive } from '../../src/live/live-text.ts';
import { PassiveTracker, type Alert, type TrackerChange } from '../../src/live/tracker.ts';
import type { Decoded } from '../../src/packet/types.ts';
import { A, B, EVIL, MS, R, dadNs, gB, llA, llR, na, ra, resolutionNs } from './frames.ts';

const keys = Object.keys(LIVE_KEYS) as LiveKey[];
const alertKeys = keys.filter((k) => k.startsWith('live.alert.') && k !== 'live.alert.folded');
const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;

/** The alert id a live.alert.* key words: the id itself, or the id with a
 *  variant (".probe", ".source") or a qualifier ("-ethernet"). */
const alertIdOf = (k: LiveKey): string | undefined =>
  Object.keys(ALERTS).find((id) => k === `live.alert.${id}` || k.startsWith(`live.alert.${id}.`) || k.startsWith(`live.alert.${id}-`));

/** The live tracker's sources, where every key must be raised from. */
const LIVE_DIR = fileURLToPath(new URL('../../src/live', import.meta.url));
const SOURCES = readdirSync(LIVE_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(LIVE_DIR, f), 'utf8'))
  .join('\n');

describe('live catalogue', () => {
  it('has an English and a Japanese text for every key, no more, no less', () => {
    for (const [name, cat] of [['en', LIVE_EN], ['ja', LIVE_JA]] as const) {
      expect(Object.keys(cat).sort(), name).toEqual([...keys].sort());
      for (const k of keys) expect(cat[k].trim().length, `${name} ${k}`).toBeGreaterThan(0);
    }
  });

  it('uses the same placeholders for a key in both languages', () => {
    for (const k of keys) expect(placeholders(LIVE_JA[k]).sort(), k).toEqual(placeholders(LIVE_EN[k]).sort());
  });

  it('Japanese texts are Japanese; English texts end without a full stop, as the tracker printed them', () => {
    for (const k of keys) {
      expect(LIVE_JA[k], k).toMatch(JAPANESE);
      expect(LIVE_EN[k], k).not.toMatch(/\.$/);
    }
  });

  it('every alert kind has at least one message key, and every message key names an alert kind', () => {
    for (const id of Object.keys(ALERTS)) expect(alertKeys.some((k) => alertIdOf(k) === id), id).toBe(true);
    for (const k of alertKeys) expect(alertIdOf(k), k).toBeDefined();
  });

  it('every key is used by the tracker, and every key the tracker uses is catalogued', () => {
    const used = new Set(Array.from(SOURCES.matchAll(/'(live\.(?:alert|reason|ra-diff|ra-value)\.[a-z.-]+)'/g), (m) => m[1]));
    // The flood alerts are keyed by their id (tracker.ts flood()).
    if (SOURCES.includes('`live.alert.${id}`')) for (const id of ['ra-flood', 'ns-flood', 'rs-flood']) used.add(`live.alert.${id}`);
    for (const k of used) expect(keys, k).toContain(k);
    expect(keys.filter((k) => k.startsWith('live.ra-diff.')).length).toBeGreaterThan(10);
    for (const k of keys) expect(used, k).toContain(k);
  });

  it('English messages read as the tracker wrote them before they were catalogued', () => {
    expect(liveMessage('live.alert.duplicate-address', { prober: A, target: gB, by: B }).message).toBe(`${A} cannot use ${gB}: ${B} already has it`);
    expect(liveMessage('live.alert.ra-flood', { threshold: 50, windowMs: 1000 }).message).toBe('more than 50 Router Advertisements within 1000 ms: a flood');
    expect(renderLive({ key: 'live.reason.dad-succeeded', vars: { probes: 1, transmits: 1 } }, 'en')).toBe('nobody answered 1 DAD probe(s) within 1 × RetransTimer');
  });
});

function run(frames: [Decoded, number][]): { alerts: Alert[]; changes: TrackerChange[] } {
  const tr = new PassiveTracker();
  const obs = frames.map(([d, ms], i) => tr.observe(d, ms * MS, { frameIndex: i }));
  obs.push(tr.tick(60_000 * MS));
  return { alerts: obs.flatMap((o) => o.alerts), changes: obs.flatMap((o) => o.stateChanges) };
}

describe('the tracker’s sentences', () => {
  // NA spoofing, a duplicate, a router and a resolution: alerts and reasons
  // of most kinds, each carrying its key.
  const { alerts, changes } = run([
    [na(B, gB, 'ff02::1', gB), 0],
    [na(EVIL, gB, 'ff02::1', gB), 1000],
    [na(B, gB, 'ff02::1', gB), 2000],
    [dadNs(A, gB), 5000],
    [na(B, gB, 'ff02::1', gB), 5001],
    [ra(R, { prefixes: [{ prefix: '2001:db8:1::' }] }), 6000],
    [resolutionNs(A, llA, llR), 7000],
  ]);

  it('every alert and change carries its key, and its English renders to the tracker’s text', () => {
    expect(alerts.map((a) => a.id)).toEqual(expect.arrayContaining(['new-station', 'address-moved', 'flip-flop', 'duplicate-address', 'new-router']));
    for (const a of alerts) {
      expect(a.text, a.id).toBeDefined();
      expect(alertIdOf(a.text!.key), a.id).toBe(a.id);
      expect(renderLive(a.text!, 'en')).toBe(a.message);
    }
    expect(changes.length).toBeGreaterThan(5);
    for (const c of changes) {
      expect(c.reasonText, c.reasonId).toBeDefined();
      expect(renderLive(c.reasonText!, 'en')).toBe(c.reason);
    }
  });

  it('Japanese: alert messages and reasons are rendered with their values', () => {
    const dup = alerts.find((a) => a.id === 'duplicate-address')!;
    expect(renderAlertMessage(dup, 'ja')).toBe(`${A} は ${gB} を使えません: ${B} がすでに使っています。`);
    expect(renderAlertMessage(dup, 'en')).toBe(dup.message);
    const router = changes.find((c) => c.kind === 'router')!;
    expect(explainTrackerChange(router, 'ja')).toBe(`${R} が自分をルータとして広告しています。 (RFC 4861 §6.3.4)`);
    expect(explainTrackerChange(router, 'en')).toBe(`${R} advertises itself (RFC 4861 §6.3.4)`);
  });

  it('a folded report carries its count in either language', () => {
    const lim = new AlertLimiter({ intervalNs: 1000 * MS, burst: 4, keyCap: 8, historyCap: 8 });
    const draft = () => liveMessage('live.alert.new-station', { mac: A });
    expect(lim.raise('new-station', A, [0], 0, draft)).not.toBeNull();
    expect(lim.raise('new-station', A, [1], 10 * MS, draft)).toBeNull();
    expect(lim.raise('new-station', A, [2], 20 * MS, draft)).toBeNull();
    const [folded] = lim.flush(2000 * MS);
    expect(folded.count).toBe(2);
    expect(folded.message).toBe(`new station ${A} on the link (2 times since the last report)`);
    expect(renderAlertMessage(folded, 'en')).toBe(folded.message);
    expect(renderAlertMessage(folded, 'ja')).toBe(`リンク上に新しいステーション ${A} が現れました。 (前回の報告以降 2 回)`);
  });
});
