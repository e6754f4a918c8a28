// The NDJSON form of a trace: one event per line, in (time, seq) order.
// Frame events carry the `decode --json` object under `frame`; state events
// carry node, ifname, machine, key, from, to, reason. Byte-identical for the
// same scenario and seed.

import { frameJson } from '../packet/json.ts';
import { validate } from '../packet/validate.ts';
import type { TraceEvent, TraceSink } from '../sim/trace.ts';
import { explainDropEvent, explainState, explainTx, type ExplainOptions } from './explained.ts';

export class NdjsonTraceWriter implements TraceSink {
  private frameIndex = 0;
  constructor(
    private readonly line: (s: string) => void,
    private readonly opts: ExplainOptions & { explain?: boolean },
  ) {}

  emit(ev: TraceEvent): void {
    const base = { seq: ev.seq, timeNs: ev.time, time: ev.time / 1e9 };
    const explain = this.opts.explain !== false;
    let o: Record<string, unknown>;
    switch (ev.type) {
      case 'tx': {
        const violations = ev.frame ? validate(ev.frame, ev.checksumValid) : [];
        const frame = frameJson({ frame: ev.frame, error: ev.decodeError, checksumValid: ev.checksumValid, icmpv6Length: ev.icmpv6Length }, this.frameIndex++, ev.time / 1e9, violations);
        o = { ...base, type: 'tx', frameId: ev.frameId, link: ev.link, node: ev.node, ifname: ev.ifname, origin: ev.origin, why: ev.why ?? null, frame };
        if (explain) o.explanation = explainTx(ev, this.opts);
        break;
      }
      case 'state': {
        const { type, time, seq, ...rest } = ev;
        o = { ...base, type, ...rest };
        if (explain) o.explanation = explainState(ev, this.opts);
        break;
      }
      case 'drop': {
        const { type, time, seq, ...rest } = ev;
        o = { ...base, type, ...rest };
        if (explain) o.explanation = explainDropEvent(ev, this.opts);
        break;
      }
      default: {
        const { type, time, seq, ...rest } = ev;
        o = { ...base, type, ...rest };
      }
    }
    this.line(JSON.stringify(o));
  }
}
