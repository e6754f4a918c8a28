// What the panes say about one frame: its kind (for colour and filters), a
// short name for arrows, the tcpdump-style line (src/packet/summary.ts), the
// validation result, and its explanation (src/output/explained.ts) — each
// computed once per frame and kept, since a 1,000-host run has many frames
// and a keypress must not recompute them.

import { explainFrame, type Explanation, type Lang } from '../explain/index.ts';
import { icmpv6ShortName } from '../packet/names.ts';
import { frameSummary } from '../packet/summary.ts';
import { frameTreeSpans, type TreeLine } from '../packet/spans.ts';
import type { Violation } from '../packet/types.ts';
import { validate } from '../packet/validate.ts';
import type { TxEvent } from '../sim/trace.ts';
import type { Role } from '../scenario/types.ts';
import type { StyleName } from './theme.ts';

export type FrameKind = 'ns' | 'na' | 'rs' | 'ra' | 'redirect' | 'mld' | 'echo' | 'error' | 'other';

export function frameKind(tx: TxEvent): FrameKind {
  const m = tx.frame?.ipv6?.icmpv6;
  if (!m) return 'other';
  switch (m.type) {
    case 133:
      return 'rs';
    case 134:
      return 'ra';
    case 135:
      return 'ns';
    case 136:
      return 'na';
    case 137:
      return 'redirect';
    case 130:
    case 131:
    case 132:
    case 143:
      return 'mld';
    case 128:
    case 129:
      return 'echo';
    default:
      return m.type < 128 ? 'error' : 'other';
  }
}

export const KIND_STYLE: Readonly<Record<FrameKind, StyleName>> = {
  ns: 'msg-ns',
  na: 'msg-na',
  rs: 'msg-rs',
  ra: 'msg-ra',
  redirect: 'msg-redirect',
  mld: 'msg-mld',
  echo: 'msg-echo',
  error: 'msg-error',
  other: 'msg-other',
};

/** A DAD probe: an NS from the unspecified address (RFC 4862 §5.4.2). */
export function isDadProbe(tx: TxEvent): boolean {
  const ip = tx.frame?.ipv6;
  return !!ip && ip.src === '::' && ip.icmpv6?.type === 135;
}

/** Names of at most 9 columns where icmpv6ShortName's are longer. */
const TERSE: Readonly<Record<number, string>> = { 129: 'Echo Rep', 130: 'MLD Query', 131: 'MLD Rep', 143: 'MLDv2 Rep' };

/** "NS", "RA", "DAD NS", "MLDv2 Rep"… for arrows and the list (≤ 9 columns). */
export function shortName(tx: TxEvent): string {
  const m = tx.frame?.ipv6?.icmpv6;
  if (!m) return tx.frame ? (tx.frame.ipv6 ? 'IPv6' : 'Ethernet') : 'bad frame';
  return isDadProbe(tx) ? 'DAD NS' : (TERSE[m.type] ?? icmpv6ShortName(m.type));
}

export interface FrameInfo {
  kind: FrameKind;
  name: string;
  summary: string;
  violations: Violation[];
}

/** Per-frame facts, computed on first use. */
export class FrameCache {
  private readonly info = new Map<number, FrameInfo>();
  private readonly explained = new Map<string, Explanation>();
  private readonly trees = new Map<number, TreeLine[]>();

  constructor(private readonly roles: ReadonlyMap<string, Role>) {}

  get(tx: TxEvent): FrameInfo {
    let i = this.info.get(tx.frameId);
    if (!i) {
      const violations = tx.frame ? validate(tx.frame, tx.checksumValid) : [];
      const decoded = { frame: tx.frame, error: tx.decodeError, checksumValid: tx.checksumValid, icmpv6Length: tx.icmpv6Length };
      i = { kind: frameKind(tx), name: shortName(tx), summary: frameSummary(decoded, violations), violations };
      this.info.set(tx.frameId, i);
    }
    return i;
  }

  tree(tx: TxEvent): TreeLine[] {
    let t = this.trees.get(tx.frameId);
    if (!t) {
      const decoded = { frame: tx.frame, error: tx.decodeError, checksumValid: tx.checksumValid, icmpv6Length: tx.icmpv6Length };
      t = frameTreeSpans(decoded, tx.bytes, this.get(tx).violations);
      this.trees.set(tx.frameId, t);
    }
    return t;
  }

  /** The frame's explanation (the same one `ndsim run` prints). */
  explain(tx: TxEvent, lang: Lang): Explanation | null {
    if (!tx.frame) return null;
    const key = `${lang}:${tx.frameId}`;
    let e = this.explained.get(key);
    if (!e) {
      const v = this.get(tx).violations;
      e = explainFrame(tx.frame, { senderNode: tx.node, senderRole: this.roles.get(tx.node), why: tx.why, violations: v.length ? [...v] : undefined }, lang);
      this.explained.set(key, e);
    }
    return e;
  }
}
