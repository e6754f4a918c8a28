// The `/` filter: words that must all match. A word is a node name (sender
// or a receiver), a message type (ns, na, rs, ra, dad, redirect, mld, echo,
// nd = every ND message), an IPv6 address (source, destination or target),
// or a MAC; "!word" excludes. "A ra" = RAs A sent or received.

import type { Recording } from './record.ts';
import type { TraceEvent, TxEvent } from '../sim/trace.ts';
import { frameKind, isDadProbe, type FrameKind } from './frames.ts';
import { parseIp6, formatIp6 } from '../packet/address.ts';

type Term =
  | { kind: 'node'; name: string; negate: boolean }
  | { kind: 'type'; types: readonly string[]; negate: boolean }
  | { kind: 'addr'; addr: string; negate: boolean }
  | { kind: 'mac'; mac: string; negate: boolean };

export interface Filter {
  text: string;
  terms: Term[];
}

const TYPES: Record<string, readonly string[]> = {
  ns: ['ns'],
  na: ['na'],
  rs: ['rs'],
  ra: ['ra'],
  dad: ['dad'],
  redirect: ['redirect'],
  mld: ['mld'],
  echo: ['echo'],
  ping: ['echo'],
  nd: ['ns', 'na', 'rs', 'ra', 'redirect'],
  error: ['error'],
};

/** Parses filter text; unknown words are an error naming them. */
export function parseFilter(text: string, nodes: readonly string[]): { ok: true; filter: Filter | null } | { ok: false; error: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { ok: true, filter: null };
  const terms: Term[] = [];
  for (const w0 of words) {
    const negate = w0.startsWith('!');
    const w = negate ? w0.slice(1) : w0;
    if (nodes.includes(w)) terms.push({ kind: 'node', name: w, negate });
    else if (TYPES[w.toLowerCase()]) terms.push({ kind: 'type', types: TYPES[w.toLowerCase()], negate });
    else if (/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(w)) terms.push({ kind: 'mac', mac: w.toLowerCase(), negate });
    else if (w.includes(':')) {
      const a = parseIp6(w);
      if (!a.ok) return { ok: false, error: `"${w}" is not an IPv6 address (${a.error})` };
      terms.push({ kind: 'addr', addr: formatIp6(a.value.bytes), negate });
    } else return { ok: false, error: `"${w}" is not a node (${nodes.slice(0, 8).join(', ')}${nodes.length > 8 ? ', …' : ''}), a message type (${Object.keys(TYPES).join(', ')}) or an address` };
  }
  return { ok: true, filter: { text: text.trim(), terms } };
}

function typeMatches(tx: TxEvent, kind: FrameKind, types: readonly string[]): boolean {
  for (const t of types) {
    if (t === 'dad' ? isDadProbe(tx) : t === kind) return true;
  }
  return false;
}

function termMatchesFrame(term: Term, tx: TxEvent, receivers: readonly string[]): boolean {
  switch (term.kind) {
    case 'node':
      return tx.node === term.name || receivers.includes(term.name);
    case 'type':
      return typeMatches(tx, frameKind(tx), term.types);
    case 'mac':
      return tx.frame?.src === term.mac || tx.frame?.dst === term.mac;
    case 'addr': {
      const ip = tx.frame?.ipv6;
      if (!ip) return false;
      const m = ip.icmpv6;
      return ip.src === term.addr || ip.dst === term.addr || (!!m && 'target' in m && m.target === term.addr);
    }
  }
}

export function frameMatches(f: Filter | null, tx: TxEvent, receivers: readonly string[]): boolean {
  if (!f) return true;
  return f.terms.every((t) => termMatchesFrame(t, tx, receivers) !== t.negate);
}

/** Whether a step (frame, state change, drop…) passes the filter: frames
 *  by their content; other events by their node and key, and only when the
 *  filter names nodes or addresses (a type filter shows frames alone). */
export function stepMatches(f: Filter | null, ev: TraceEvent, rec: Recording): boolean {
  if (!f) return true;
  if (ev.type === 'tx') return frameMatches(f, ev, rec.receivers.get(ev.frameId) ?? []);
  if ((ev.type === 'drop' || ev.type === 'loss') && ev.frameId !== null) {
    const tx = rec.frames[ev.frameId];
    if (tx) return frameMatches(f, tx, rec.receivers.get(ev.frameId) ?? []);
  }
  const node = 'node' in ev ? ev.node : undefined;
  const key = ev.type === 'state' ? ev.key : undefined;
  for (const t of f.terms) {
    // A wanted message type shows frames only.
    if (t.kind === 'type' || t.kind === 'mac') {
      if (!t.negate) return false;
      continue;
    }
    const hit = t.kind === 'node' ? node === t.name : key === t.addr;
    if (hit === t.negate) return false;
  }
  return true;
}

/** frameIds passing the filter, ascending. */
export function visibleFrames(f: Filter | null, rec: Recording): number[] {
  const out: number[] = [];
  for (let id = 1; id < rec.frames.length; id++) {
    const tx = rec.frames[id];
    if (tx && frameMatches(f, tx, rec.receivers.get(id) ?? [])) out.push(id);
  }
  return out;
}
