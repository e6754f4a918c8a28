// Alerts of the NDPMon / ndpwatch class, and the rate limiter that keeps a
// flood from becoming a million lines. The tracker decides *that* something
// is suspicious; this file names it, grades it and decides whether to say it
// now or fold it into a count.
//
// Severities follow what the event means for the link: 'info' is ordinary
// news (a new station), 'warning' is legal but worth a look (a router changed
// its flags), 'critical' is an attack pattern or a policy breach (a router
// not on the allow-list, DAD answered by a MAC that never used the address).

import type { Ip6, Mac } from '../packet/types.ts';
import type { Nanos } from '../nd/machine.ts';
import type { LiveText } from './live-text.ts';
import { BoundedMap, DeadlineQueue } from './tracker-table.ts';

export type Severity = 'info' | 'warning' | 'critical';

/** Every alert id, its severity, and the peer tool that has the same check. */
export const ALERTS = {
  'new-station': { severity: 'info', peer: 'NDPMon "new station"' },
  'new-router': { severity: 'info', peer: 'NDPMon "new activity" for a router' },
  'rogue-router': { severity: 'critical', peer: 'NDPMon "wrong router mac", ndpwatch NDP-006/020' },
  'ra-changed': { severity: 'warning', peer: 'NDPMon "wrong RA params/flags"' },
  'router-lifetime-zero': { severity: 'warning', peer: 'ndpwatch NDP-007 gateway demotion (THC kill_router6)' },
  'wrong-prefix': { severity: 'critical', peer: 'NDPMon "wrong prefix", ndpwatch NDP-008' },
  'dad-dos': { severity: 'critical', peer: 'NDPMon "DAD DOS", ndpwatch NDP-014 (THC dos-new-ip6)' },
  'duplicate-address': { severity: 'warning', peer: 'RFC 4862 §5.4.5 duplicate detected' },
  'address-moved': { severity: 'warning', peer: 'NDPMon "changed ethernet address", ndpwatch NDP-001' },
  'flip-flop': { severity: 'critical', peer: 'NDPMon "flip flop", ndpwatch NDP-003' },
  'ethernet-mismatch': { severity: 'warning', peer: 'NDPMon "ethernet mismatch", ndpwatch NDP-005' },
  'bad-hop-limit': { severity: 'warning', peer: 'NDPMon "wrong ipv6 hop limit", ndpwatch NDP-017' },
  'bad-checksum': { severity: 'warning', peer: 'Wireshark expert "bad checksum"' },
  malformed: { severity: 'warning', peer: 'ndpwatch NDP-018' },
  'ra-flood': { severity: 'critical', peer: 'ndpwatch NDP-012 (THC flood_router6)' },
  'ns-flood': { severity: 'critical', peer: 'ndpwatch NDP-013 (THC flood_solicitate6)' },
  'rs-flood': { severity: 'critical', peer: 'ndpwatch NDP-015 (THC flood_rs6)' },
  'table-pressure': { severity: 'warning', peer: 'ndpwatch NDP-019' },
} as const satisfies Record<string, { severity: Severity; peer: string }>;

export type AlertId = keyof typeof ALERTS;

export interface Alert {
  id: AlertId;
  severity: Severity;
  /** One sentence. */
  message: string;
  /** Indexes of the frames behind it (at most MAX_FRAMES, earliest first). */
  frames: number[];
  host?: Mac;
  address?: Ip6;
  /** When it was reported. */
  timeNs: Nanos;
  /** How many occurrences this report stands for (> 1 after a suppression). */
  count: number;
  /** The message as a catalogue key with its values, for other languages
   *  (live-text.ts renderAlertMessage); `message` is the English. */
  text?: LiveText;
}

/** What the tracker hands in: built lazily, so a suppressed alert costs no
 *  string formatting. */
export interface AlertDraft {
  message: string;
  text?: LiveText;
  host?: Mac;
  address?: Ip6;
}

const MAX_FRAMES = 16;

interface KeyState {
  lastReportNs: number;
  /** Occurrences since the last report. */
  pending: number;
  frames: number[];
  draft: AlertDraft | null;
}

export interface AlertLimiterOptions {
  intervalNs: number;
  burst: number;
  keyCap: number;
  historyCap: number;
}

/**
 * Reports the first occurrence of each (id, key) and then at most one per
 * interval, carrying the count of what it folded in; and at most `burst`
 * reports of one id per interval whatever the keys. `flush` reports the
 * folded counts once their interval has passed, so a flood that stops is
 * still summed up.
 */
const idOf = (key: string): AlertId => key.slice(0, key.indexOf('|')) as AlertId;

export class AlertLimiter {
  private readonly keys: BoundedMap<string, KeyState>;
  private readonly budget = new Map<AlertId, { startNs: number; reported: number }>();
  private readonly history: Alert[] = [];
  historyEvicted = 0;
  readonly counts: Partial<Record<AlertId, { raised: number; reported: number }>> = {};
  /** Keys holding a folded count (pending > 0 with a draft), queued until
   *  their interval has passed, then by id until reported: all that flush()
   *  has to look at, so a tick does not walk every key. */
  private readonly folded = new Set<string>();
  private readonly foldedDue: DeadlineQueue<string, KeyState>;
  private readonly due = new Map<AlertId, Set<string>>();

  constructor(private readonly opts: AlertLimiterOptions) {
    this.keys = new BoundedMap(opts.keyCap, (k) => this.unfold(k));
    this.foldedDue = new DeadlineQueue(this.keys);
  }

  get keysEvicted(): number {
    return this.keys.evicted;
  }

  get keyCount(): number {
    return this.keys.size;
  }

  /** Records one occurrence; returns the alert to report now, or null when
   *  it was folded into a later report. */
  raise(id: AlertId, key: string, frames: readonly number[], now: number, draft: () => AlertDraft): Alert | null {
    const c = (this.counts[id] ??= { raised: 0, reported: 0 });
    c.raised++;
    const k = `${id}|${key}`;
    let st = this.keys.get(k);
    const fresh = st === undefined;
    if (st === undefined) {
      st = { lastReportNs: now, pending: 0, frames: [], draft: null };
      this.keys.set(k, st);
    }
    st.pending++;
    for (const f of frames) if (st.frames.length < MAX_FRAMES && !st.frames.includes(f)) st.frames.push(f);
    const due = fresh || now - st.lastReportNs >= this.opts.intervalNs;
    if (!due || !this.spend(id, now)) {
      // Keep the newest wording so the folded report describes the latest case.
      if (st.draft === null || st.pending % 64 === 1) st.draft = draft();
      if (!this.folded.has(k)) {
        this.folded.add(k);
        this.foldedDue.push(st.lastReportNs + this.opts.intervalNs, k, st);
      }
      return null;
    }
    return this.report(id, k, st, now, draft());
  }

  /** Reports every folded count whose interval has passed. */
  flush(now: number): Alert[] {
    const out: Alert[] = [];
    const interval = this.opts.intervalNs;
    // Queued at lastReportNs + interval, a sum rounded to the double's step
    // (~256 ns at epoch times): take a little more, then decide with the
    // same test as raise(), putting back what is not quite due.
    for (const e of this.foldedDue.popDue(now + 4096)) {
      // A key reported and folded again since it was queued is queued anew.
      if (!this.folded.has(e.key) || e.at !== e.value.lastReportNs + interval) continue;
      if (now - e.value.lastReportNs < interval) {
        this.foldedDue.push(e.at, e.key, e.value);
        continue;
      }
      const id = idOf(e.key);
      let set = this.due.get(id);
      if (set === undefined) this.due.set(id, (set = new Set()));
      set.add(e.key);
    }
    if (this.due.size === 0) return out;
    // A walk of every key in recency order would report, per id, the first
    // keys its budget allows (the budget is per id, so ids do not interact);
    // the same keys, in the same order, without the walk.
    const chosen: string[] = [];
    for (const [id, keys] of this.due) {
      const b = this.budget.get(id);
      const room = b === undefined || now - b.startNs >= interval ? this.opts.burst : this.opts.burst - b.reported;
      if (room <= 0) continue;
      const byRecency = [...keys].sort((a, c) => this.keys.recency(a) - this.keys.recency(c));
      for (let i = 0; i < room && i < byRecency.length; i++) chosen.push(byRecency[i]);
    }
    chosen.sort((a, c) => this.keys.recency(a) - this.keys.recency(c));
    for (const k of chosen) {
      const st = this.keys.peek(k)!;
      const id = idOf(k);
      if (!this.spend(id, now)) continue;
      out.push(this.report(id, k, st, now, st.draft!));
    }
    return out;
  }

  /** The last `historyCap` reports, oldest first. */
  recent(): Alert[] {
    return this.history.slice();
  }

  get historySize(): number {
    return this.history.length;
  }

  private unfold(key: string): void {
    if (!this.folded.delete(key)) return;
    const id = idOf(key);
    const set = this.due.get(id);
    if (set !== undefined && set.delete(key) && set.size === 0) this.due.delete(id);
  }

  private spend(id: AlertId, now: number): boolean {
    let b = this.budget.get(id);
    if (b === undefined || now - b.startNs >= this.opts.intervalNs) {
      b = { startNs: now, reported: 0 };
      this.budget.set(id, b);
    }
    if (b.reported >= this.opts.burst) return false;
    b.reported++;
    return true;
  }

  private report(id: AlertId, key: string, st: KeyState, now: number, d: AlertDraft): Alert {
    const alert: Alert = {
      id,
      severity: ALERTS[id].severity,
      message: st.pending > 1 ? `${d.message} (${st.pending} times since the last report)` : d.message,
      frames: st.frames,
      timeNs: now,
      count: st.pending,
    };
    if (d.host !== undefined) alert.host = d.host;
    if (d.address !== undefined) alert.address = d.address;
    if (d.text !== undefined) alert.text = d.text;
    st.lastReportNs = now;
    st.pending = 0;
    st.frames = [];
    st.draft = null;
    this.unfold(key);
    this.counts[id]!.reported++;
    this.history.push(alert);
    if (this.history.length > this.opts.historyCap) {
      this.history.shift();
      this.historyEvicted++;
    }
    return alert;
  }
}
