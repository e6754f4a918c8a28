// The three forms of an annotated capture (`ndsim annotate` and `ndsim
// sniff`): text in the layout of `ndsim run` (a frame line, its explanation,
// then what the tracker inferred and the alerts), NDJSON (one object per
// frame or settled instant, then a summary object), and pcapng with each
// frame's annotations as its packet comment. Writers take a line or chunk
// callback; the CLI decides where the bytes go and when they are flushed.

import { frameJson } from '../packet/json.ts';
import { PcapngWriter } from '../packet/pcapng.ts';
import { frameSummary } from '../packet/summary.ts';
import type { Alert } from './alerts.ts';
import type { AnnotatedFrame, AnnotationSummary, ExplainedChange, SettledEvent } from './annotate.ts';
import type { Annotation } from './tracker-types.ts';

export interface AnnotateSink {
  frame(f: AnnotatedFrame): void;
  settled(e: SettledEvent): void;
  summary(s: AnnotationSummary): void;
}

const INDENT = ' '.repeat(13);

function formatTime(s: number): string {
  return s.toFixed(6).padStart(11);
}

/** "02:… fe80::…: tentative → preferred" as `ndsim run` prints changes; a
 *  key ending in ':' (2001:db8::) is followed by " — " instead of ": ", as
 *  there (keyLabel in src/output/text.ts, which live does not import). */
function changeLine(c: ExplainedChange): string {
  const label = c.key.endsWith(':') ? `${c.key} — ` : `${c.key}: `;
  return `[${c.kind}] ${c.host} ${label}${c.from ?? '(none)'} → ${c.to ?? '(removed)'}`;
}

function alertLine(a: Alert): string {
  const frames = a.frames.length > 0 ? ` [frame${a.frames.length > 1 ? 's' : ''} ${a.frames.join(', ')}]` : '';
  return `!! ${a.severity} ${a.id}: ${a.message}${frames}`;
}

/** One short fact per annotation that the frame's explanation cannot know
 *  (timings and which earlier frame it answers). */
export function annotationNote(a: Annotation): string | null {
  switch (a.kind) {
    case 'solicited-na':
      return a.latencyNs === null ? null : `answers a resolution ${(a.latencyNs / 1e6).toFixed(1)} ms after its first NS`;
    case 'ra':
      return a.answers.length === 0 ? null : a.answers.map((x) => `answers the RS of ${x.host} (frame ${x.rsFrame}) after ${(x.latencyNs / 1e6).toFixed(1)} ms`).join('; ');
    case 'dad-defence':
      return `${a.mac} defends ${a.target} against ${a.prober}'s DAD probe`;
    case 'malformed':
      return `malformed: ${a.reason}`;
    default:
      return null;
  }
}

export class TextAnnotateSink implements AnnotateSink {
  constructor(private readonly line: (s: string) => void) {}

  frame(f: AnnotatedFrame): void {
    const src = f.decoded.frame?.src ?? '?';
    this.line(`${formatTime(f.time)}  #${f.index}  ${src}  ${frameSummary(f.decoded, f.violations)}`);
    if (f.explanation !== null) this.line(`${INDENT}↳ ${f.explanation.rfc ? `${f.explanation.text} (${f.explanation.rfc})` : f.explanation.text}`);
    for (const a of f.annotations) {
      const n = annotationNote(a);
      if (n !== null) this.line(`${INDENT}· ${n}`);
    }
    this.changes(f.time, f.stateChanges);
    for (const a of f.alerts) this.line(`${formatTime(f.time)}  ${alertLine(a)}`);
  }

  settled(e: SettledEvent): void {
    this.changes(e.time, e.stateChanges);
    for (const a of e.alerts) this.line(`${formatTime(e.time)}  ${alertLine(a)}`);
  }

  private changes(time: number, cs: readonly ExplainedChange[]): void {
    for (const c of cs) {
      this.line(`${formatTime(time)}  ${changeLine(c)}`);
      this.line(`${INDENT}↳ ${c.explanation}`);
    }
  }

  summary(s: AnnotationSummary): void {
    for (const l of summaryLines(s)) this.line(l);
  }
}

const seconds = (s: number): string => (s === Infinity ? 'infinite' : `${Math.round(s)} s`);

/** The end-of-capture summary as text lines. */
export function summaryLines(s: AnnotationSummary): string[] {
  const { snapshot: snap, summary: sum } = s;
  const out: string[] = [];
  out.push(`# summary after ${s.time.toFixed(3)} s: ${sum.frames} frame(s), ${snap.hosts.length} host(s), ${snap.routers.length} router(s), ${snap.prefixes.length} prefix(es)`);
  for (const h of snap.hosts) {
    const addrs = h.addresses.map((a) => `${a.address} ${a.state}`).join(', ');
    out.push(`host    ${h.mac}${h.router ? ' (router)' : ''}: ${addrs || 'no address seen'}`);
  }
  for (const r of snap.routers) {
    const p = r.params;
    out.push(
      `router  ${r.mac} ${p.router}: lifetime ${seconds(r.remainingLifetimeS)} left, preference ${p.prf}, M=${p.M ? 1 : 0} O=${p.O ? 1 : 0}, ${r.raCount} RA(s)`,
    );
  }
  for (const p of snap.prefixes) {
    out.push(`prefix  ${p.prefix}/${p.length} from ${p.router}${p.L ? ' L' : ''}${p.A ? ' A' : ''}: valid ${seconds(p.remainingValidS)} left, preferred ${seconds(p.remainingPreferredS)} left`);
  }
  for (const d of snap.dad) out.push(`dad     ${d.mac} still probing ${d.target} (${d.probes} probe(s))`);
  const alerts = Object.entries(sum.alerts).map(([id, c]) => `${id} ${c!.raised}${c!.reported !== c!.raised ? ` (${c!.reported} reported)` : ''}`);
  out.push(`alerts  ${alerts.length > 0 ? alerts.join(', ') : 'none'}`);
  const evicted = Object.entries(sum.evicted).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  out.push(`evicted ${evicted.length > 0 ? evicted.join(', ') : 'none'}`);
  return out;
}

// ------------------------------------------------------------------ NDJSON

function alertJson(a: Alert, originNs: number | null): Record<string, unknown> {
  const o: Record<string, unknown> = { id: a.id, severity: a.severity, message: a.message, frames: a.frames, count: a.count };
  if (a.host !== undefined) o.host = a.host;
  if (a.address !== undefined) o.address = a.address;
  if (originNs !== null) o.time = (a.timeNs - originNs) / 1e9;
  return o;
}

/** Annotations as JSON: the tracker's facts (Infinity-free, all plain). */
function annotationJson(a: Annotation): Record<string, unknown> {
  const note = annotationNote(a);
  return note === null ? { ...a } : { ...a, note };
}

export class NdjsonAnnotateSink implements AnnotateSink {
  private originNs: number | null = null;
  constructor(private readonly line: (s: string) => void) {}

  private origin(f: { timestampNs: bigint; time: number }): number {
    this.originNs ??= Number(f.timestampNs) - f.time * 1e9;
    return this.originNs;
  }

  frame(f: AnnotatedFrame): void {
    const origin = this.origin(f);
    this.line(
      JSON.stringify({
        index: f.index,
        time: f.time,
        epoch: Number(f.timestampNs / 1000n) / 1e6,
        frame: frameJson(f.decoded, f.index, f.time, f.violations),
        explanation: f.explanation === null ? null : { text: f.explanation.text, key: f.explanation.key, rfc: f.explanation.rfc ?? null },
        annotations: f.annotations.map(annotationJson),
        stateChanges: f.stateChanges,
        alerts: f.alerts.map((a) => alertJson(a, origin)),
      }),
    );
  }

  settled(e: SettledEvent): void {
    const origin = this.origin(e);
    this.line(
      JSON.stringify({
        index: null,
        time: e.time,
        epoch: Number(e.timestampNs / 1000n) / 1e6,
        frame: null,
        annotations: [],
        stateChanges: e.stateChanges,
        alerts: e.alerts.map((a) => alertJson(a, origin)),
      }),
    );
  }

  summary(s: AnnotationSummary): void {
    const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
    const snap = s.snapshot;
    this.line(
      JSON.stringify({
        summary: {
          time: s.time,
          frames: s.summary.frames,
          hosts: snap.hosts.map((h) => ({ mac: h.mac, router: h.router, addresses: h.addresses.map((a) => ({ address: a.address, state: a.state, learnt: a.learnt })) })),
          routers: snap.routers.map((r) => ({ mac: r.mac, address: r.params.router, preference: r.params.prf, remainingLifetimeS: finite(r.remainingLifetimeS), raCount: r.raCount })),
          prefixes: snap.prefixes.map((p) => ({
            prefix: `${p.prefix}/${p.length}`,
            router: p.router,
            L: p.L,
            A: p.A,
            remainingValidS: finite(p.remainingValidS),
            remainingPreferredS: finite(p.remainingPreferredS),
          })),
          dad: snap.dad.map((d) => ({ target: d.target, mac: d.mac, probes: d.probes })),
          alerts: s.summary.alerts,
          evicted: s.summary.evicted,
          tables: s.summary.tables,
        },
      }),
    );
  }
}

// ------------------------------------------------------------------ pcapng

/** The frames as they were, each with its explanation, inferences and
 *  alerts as the packet comment (tshark -T fields -e frame.comment).
 *  Settled events have no frame to carry them; they are in the summary. */
export class PcapngAnnotateSink implements AnnotateSink {
  private readonly writer: PcapngWriter;
  private readonly iface: number;

  constructor(write: (chunk: Uint8Array) => void, opts: { name?: string; description?: string; title?: string }) {
    this.writer = new PcapngWriter(write, { application: 'ndsim', comment: opts.title });
    this.iface = this.writer.addInterface({ name: opts.name, description: opts.description });
  }

  frame(f: AnnotatedFrame): void {
    this.writer.writePacket({ interfaceId: this.iface, timestampNs: f.timestampNs, data: f.data, comment: pcapComment(f) });
  }

  settled(): void {}
  summary(): void {}
}

/** The comment of one annotated frame: explanation, notes, changes, alerts. */
export function pcapComment(f: AnnotatedFrame): string {
  const parts: string[] = [];
  if (f.explanation !== null) parts.push(f.explanation.rfc ? `${f.explanation.text} (${f.explanation.rfc})` : f.explanation.text);
  for (const a of f.annotations) {
    const n = annotationNote(a);
    if (n !== null) parts.push(n);
  }
  for (const c of f.stateChanges) parts.push(`${changeLine(c)}: ${c.explanation}`);
  for (const a of f.alerts) parts.push(alertLine(a));
  return parts.join('\n');
}
