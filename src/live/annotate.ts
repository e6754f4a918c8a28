// The annotation pipeline shared by `ndsim annotate` (a capture file) and
// `ndsim sniff` (a live NIC): bytes and a time stamp in; the decoded frame,
// its explanation from the catalogue, what the passive tracker infers from
// it, and the alerts it raises, out. Time-driven inferences (DAD assumed
// done, lifetimes run out, folded alert counts) come out of settle() at the
// instant they fall due, not at the next frame, so a reader sees them in the
// order they happened.
//
// Pure like the tracker: the caller supplies the clock (capture time stamps,
// or the capture clock between frames) and writes the results somewhere.

import { changeKey, explainChange, explainFrame, type Explanation, type Lang } from '../explain/index.ts';
import { isCatalogKey } from '../explain/keys.ts';
import type { StateChange } from '../nd/machine.ts';
import { decode } from '../packet/decode.ts';
import type { Decoded, Violation } from '../packet/types.ts';
import { validate } from '../packet/validate.ts';
import { formatExplanation } from '../explain/index.ts';
import { renderAlertMessage, renderLive } from './live-text.ts';
import { PassiveTracker, type Alert, type Annotation, type TrackerChange, type TrackerOptions, type TrackerSnapshot, type TrackerSummary } from './tracker.ts';

export interface AnnotatorOptions {
  lang: Lang;
  tracker?: TrackerOptions;
}

/** A tracker change with its sentence (reasonText, already rendered into
 *  it, is left out: the output shows the change as the tracker's data). */
export interface ExplainedChange extends Omit<TrackerChange, 'reasonText'> {
  explanation: string;
}

export interface AnnotatedFrame {
  index: number;
  /** Absolute, ns since the epoch (the capture's stamp). */
  timestampNs: bigint;
  /** Seconds since the first frame (or since the start of a live capture). */
  time: number;
  /** The bytes as captured (pcapng output writes them back unchanged). */
  data: Uint8Array;
  decoded: Decoded;
  violations: Violation[];
  /** The catalogue's explanation of the frame (null: not even Ethernet). */
  explanation: Explanation | null;
  annotations: Annotation[];
  stateChanges: ExplainedChange[];
  alerts: Alert[];
}

/** What time alone settled at one instant (no frame). */
export interface SettledEvent {
  timestampNs: bigint;
  time: number;
  stateChanges: ExplainedChange[];
  alerts: Alert[];
}

export interface AnnotationSummary {
  /** Seconds since the origin, at the end. */
  time: number;
  snapshot: TrackerSnapshot;
  summary: TrackerSummary;
}

/** Alerts that mean the sender is not a legitimate party: its frames are
 *  explained with the catalogue's attacker notes. */
const HOSTILE = new Set(['rogue-router', 'dad-dos', 'wrong-prefix', 'flip-flop']);

/** How often settle() flushes folded alert counts even without deadlines. */
const FLUSH_EVERY_NS = 1_000_000_000;

/**
 * The tracker annotation kinds and the catalogue: explainFrame already picks
 * frame.ns.dad, frame.ns.resolution, frame.ns.nud, frame.rs, frame.ra.* from
 * the fields alone; what only the tracker knows is passed in as context — an
 * NA answering someone's DAD probe is a DAD defence (frame.na.dad-defence),
 * and a sender that raised a hostile alert is an attacker (note.attacker-*).
 */
export function explainObserved(decoded: Decoded, violations: readonly Violation[], annotations: readonly Annotation[], alerts: readonly Alert[], lang: Lang): Explanation | null {
  const frame = decoded.frame;
  if (frame === null) return null;
  const defence = annotations.find((a) => a.kind === 'dad-defence');
  const hostile = alerts.some((a) => HOSTILE.has(a.id) && (a.host === undefined || a.host === frame.src));
  return explainFrame(
    frame,
    {
      // Named by its IPv6 source, or by its MAC when that is :: (DAD probes).
      senderNode: frame.ipv6 !== undefined && frame.ipv6.src !== '::' ? frame.ipv6.src : frame.src,
      why: defence ? `answers ${defence.prober}'s DAD probe: a duplicate (DAD defence)` : undefined,
      senderRole: hostile ? 'attacker' : undefined,
      violations: violations.length > 0 ? [...violations] : undefined,
    },
    lang,
  );
}

/**
 * A tracker change in words. Address and resolution changes have the same
 * meaning as the machines' (dad-succeeded, dad-failed, nc-resolve, nc-failed)
 * and use their catalogue sentence with the observed host as the node;
 * router, prefix and binding changes describe what hosts on the link will
 * do, which the machines' sentences (worded from inside one node) do not
 * fit, so the tracker's own reason is shown with its RFC section.
 */
export function explainTrackerChange(c: TrackerChange, lang: Lang): string {
  // The English reason is the tracker's own text; other languages word it
  // from its catalogue key (live.reason.*).
  const reason = lang === 'en' || c.reasonText === undefined ? c.reason : renderLive(c.reasonText, lang);
  const own = c.rfc ? `${reason} (${c.rfc})` : reason;
  if (c.kind !== 'address' && c.kind !== 'resolution') return own;
  const key = `change.${c.reasonId}`;
  if (!isCatalogKey(key)) return own;
  let change: StateChange;
  let node = c.host;
  if (c.kind === 'resolution') {
    const [requester, target] = c.key.split('→');
    node = requester;
    change = { machine: 'neighbor', ifname: '', key: target, from: c.from, to: c.to, reason, reasonId: c.reasonId };
  } else {
    change = { machine: 'address', ifname: '', key: c.key, from: c.from, to: c.to, reason, reasonId: c.reasonId };
  }
  if (c.rfc !== undefined) change.rfc = c.rfc;
  const e = explainChange(change, { node }, lang);
  // A template asking for a fact the tracker does not have (a placeholder
  // left as "?") reads worse than the tracker's own sentence.
  if (e.missing !== undefined || changeKey(change) !== key) return own;
  return formatExplanation(e);
}

export class Annotator {
  readonly tracker: PassiveTracker;
  private origin: bigint | null;
  private lastFlush = 0;

  /** `originNs`: the instant `time` counts from (default: the first frame). */
  constructor(private readonly opts: AnnotatorOptions, originNs?: bigint) {
    this.tracker = new PassiveTracker(opts.tracker ?? {});
    this.origin = originNs ?? null;
  }

  private rel(t: bigint): number {
    if (this.origin === null) this.origin = t;
    return Number(t - this.origin) / 1e9;
  }

  private explainChanges(cs: readonly TrackerChange[]): ExplainedChange[] {
    return cs.map((c) => {
      const { reasonText: _, ...data } = c;
      return { ...data, explanation: explainTrackerChange(c, this.opts.lang) };
    });
  }

  /** Alerts as output shows them: the message in the annotator's language
   *  (English: the tracker's alert objects as they are). */
  private localAlerts(as: Alert[]): Alert[] {
    const lang = this.opts.lang;
    if (lang === 'en') return as;
    return as.map((a) => ({ ...a, message: renderAlertMessage(a, lang) }));
  }

  /** Decodes, observes and explains one frame. Call settle(t) first so
   *  that what fell due before it is reported at its own time. */
  frame(data: Uint8Array, timestampNs: bigint, index: number): AnnotatedFrame {
    const time = this.rel(timestampNs);
    const decoded = decode(data);
    const violations = decoded.frame ? validate(decoded.frame, decoded.checksumValid, decoded.addressClasses) : [];
    const o = this.tracker.observe(decoded, timestampNs, { frameIndex: index, violations });
    return {
      index,
      timestampNs,
      time,
      data,
      decoded,
      violations: [...violations],
      explanation: explainObserved(decoded, violations, o.annotations, o.alerts, this.opts.lang),
      annotations: o.annotations,
      stateChanges: this.explainChanges(o.stateChanges),
      alerts: this.localAlerts(o.alerts),
    };
  }

  /**
   * Everything that time alone settles up to `nowNs`, each at the instant it
   * fell due (a DAD probe unanswered for RetransTimer → preferred at probe +
   * RetransTimer), plus folded alert counts once a second. Empty events are
   * left out.
   */
  settle(nowNs: bigint): SettledEvent[] {
    const out: SettledEvent[] = [];
    const now = Number(nowNs);
    for (let guard = 0; guard < 1_000_000; guard++) {
      const due = this.tracker.nextDeadline();
      if (!(due <= now)) break;
      const at = BigInt(Math.round(due));
      const o = this.tracker.tick(at);
      this.lastFlush = due;
      if (o.stateChanges.length > 0 || o.alerts.length > 0) {
        out.push({ timestampNs: at, time: this.rel(at), stateChanges: this.explainChanges(o.stateChanges), alerts: this.localAlerts(o.alerts) });
      }
      if (this.tracker.nextDeadline() <= due) break; // a deadline that does not move would loop
    }
    if (now - this.lastFlush >= FLUSH_EVERY_NS) {
      this.lastFlush = now;
      const o = this.tracker.tick(nowNs);
      if (o.stateChanges.length > 0 || o.alerts.length > 0) {
        out.push({ timestampNs: nowNs, time: this.rel(nowNs), stateChanges: this.explainChanges(o.stateChanges), alerts: this.localAlerts(o.alerts) });
      }
    }
    return out;
  }

  /** Tables and counts at `nowNs` (the last frame's time for a file). */
  summary(nowNs: bigint): AnnotationSummary {
    return { time: this.origin === null ? 0 : this.rel(nowNs), snapshot: this.tracker.snapshot(nowNs), summary: this.tracker.summary() };
  }
}
