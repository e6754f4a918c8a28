// Explanation text for trace events, shared by every output (text, NDJSON,
// pcapng comments, TUI) so that nothing explains a frame twice.

import { explainChange, explainDrop, explainFrame, formatExplanation, type Lang } from '../explain/index.ts';
import type { DropEvent, StateEvent, TxEvent } from '../sim/trace.ts';
import { validate } from '../packet/validate.ts';
import type { Role } from '../scenario/types.ts';

export interface ExplainOptions {
  lang: Lang;
  /** Role of each node, for "attacker" notes. */
  roles?: ReadonlyMap<string, Role>;
}

export function explainTx(ev: TxEvent, opts: ExplainOptions): string {
  if (!ev.frame) return ev.decodeError ? `undecodable frame: ${ev.decodeError.reason}` : 'undecodable frame';
  const violations = validate(ev.frame, ev.checksumValid);
  const e = explainFrame(
    ev.frame,
    { senderNode: ev.node, senderRole: opts.roles?.get(ev.node), why: ev.why, violations: violations.length ? [...violations] : undefined },
    opts.lang,
  );
  return formatExplanation(e);
}

export function explainState(ev: StateEvent, opts: ExplainOptions): string {
  return formatExplanation(explainChange(ev, { node: ev.node, now: ev.time }, opts.lang));
}

export function explainDropEvent(ev: DropEvent, opts: ExplainOptions): string {
  return formatExplanation(explainDrop(ev, opts.lang, { node: ev.node }));
}
