// The plain text form of a trace: one line per frame sent (tcpdump style,
// with who sent it), per state change and per drop, each followed by its
// explanation. What `ndsim run` prints when stdout is not a terminal.

import { frameSummary } from '../packet/summary.ts';
import type { TraceEvent, TraceSink } from '../sim/trace.ts';
import { explainDropEvent, explainState, explainTx, type ExplainOptions } from './explained.ts';

export function formatTime(ns: number): string {
  return (ns / 1e9).toFixed(6).padStart(11);
}

/**
 * "key: " before a state change's transition, or "key — " when the key
 * itself ends with a colon (an address such as 2001:db8::), where
 * "2001:db8::: (none) → INCOMPLETE" would leave the reader to count
 * colons. Other keys print as they always have.
 */
export function keyLabel(key: string): string {
  return key.endsWith(':') ? `${key} — ` : `${key}: `;
}

export class TextTraceWriter implements TraceSink {
  constructor(
    private readonly line: (s: string) => void,
    private readonly opts: ExplainOptions & { explain?: boolean; timers?: boolean },
  ) {}

  emit(ev: TraceEvent): void {
    const t = formatTime(ev.time);
    const why = (s: string) => {
      if (this.opts.explain !== false) this.line(`${' '.repeat(13)}↳ ${s}`);
    };
    switch (ev.type) {
      case 'tx':
        this.line(`${t}  ${ev.node}/${ev.ifname}  ${frameSummary({ frame: ev.frame, error: ev.decodeError, checksumValid: ev.checksumValid, icmpv6Length: ev.icmpv6Length })}`);
        why(explainTx(ev, this.opts));
        return;
      case 'state':
        this.line(`${t}  ${ev.node}${ev.ifname ? `/${ev.ifname}` : ''}  [${ev.machine}] ${keyLabel(ev.key)}${ev.from ?? '(none)'} → ${ev.to ?? '(removed)'}`);
        why(explainState(ev, this.opts));
        return;
      case 'drop':
        this.line(`${t}  ${ev.node}/${ev.ifname}  dropped frame ${ev.frameId ?? '-'}: ${ev.reason}`);
        why(explainDropEvent(ev, this.opts));
        return;
      case 'loss':
        this.line(`${t}  ${ev.link}  frame ${ev.frameId} lost${ev.node ? ` for ${ev.node}` : ''} (${ev.reason})`);
        return;
      case 'action':
        this.line(`${t}  ** ${ev.what}${ev.node ? ` ${ev.node}` : ''}${ev.ifname ? `/${ev.ifname}` : ''}${ev.link ? ` ${ev.link}` : ''}${ev.detail ? ` ${JSON.stringify(ev.detail)}` : ''}`);
        return;
      case 'error':
        this.line(`${t}  !! ${ev.node ? `${ev.node}: ` : ''}${ev.message}`);
        return;
      case 'timer':
        if (this.opts.timers) this.line(`${t}  ${ev.node}  timer ${ev.key}`);
        return;
      case 'rx':
      case 'group':
        return;
    }
  }
}
