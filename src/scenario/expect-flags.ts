// `flags:` in a frame pattern: the flag bits of a Router Advertisement
// (RFC 4861 §4.2 M and O, RFC 6275 §7.1 H, RFC 4191 §2.2 prf) or of a
// Neighbor Advertisement (RFC 4861 §4.4 R, S and O). Each flag given must
// match; a flag that the pattern's message type does not carry is an
// error at that flag, naming the flags the type does have.
//
//   - { frame: { type: ra, flags: { M: true, O: false } }, min: 1 }
//   - { frame: { type: na, from_node: r1, flags: { R: true, S: true, O: false } }, count: 1 }

import { isMap, isScalar } from 'yaml';
import type { Preference } from '../packet/types.ts';
import type { MapView, Reader, YNode } from './reader.ts';
import type { FramePatternType } from './types.ts';

/** The flags a pattern may require; which ones depends on its type. */
export interface FrameFlags {
  /** RA: Managed address configuration (RFC 4861 §4.2). */
  M?: boolean;
  /** RA: Other configuration; NA: Override (RFC 4861 §4.2, §4.4). */
  O?: boolean;
  /** RA: Home Agent (RFC 6275 §7.1). */
  H?: boolean;
  /** RA: Default Router Preference (RFC 4191 §2.2). */
  prf?: Preference;
  /** NA: Router (RFC 4861 §4.4). */
  R?: boolean;
  /** NA: Solicited (RFC 4861 §4.4). */
  S?: boolean;
}

type FlagKey = keyof FrameFlags;

/** The flags each message type carries, in wire order. */
const FLAGS_OF: Partial<Record<FramePatternType, readonly FlagKey[]>> = {
  ra: ['M', 'O', 'H', 'prf'],
  na: ['R', 'S', 'O'],
};
const ALL_FLAGS: readonly FlagKey[] = ['M', 'O', 'H', 'prf', 'R', 'S'];
const TYPE_NAME: Partial<Record<FramePatternType, string>> = { ra: 'Router Advertisement', na: 'Neighbor Advertisement' };
const PRF: readonly Preference[] = ['high', 'medium', 'low', 'reserved'];

function list(keys: readonly string[]): string {
  return keys.length <= 1 ? keys.join('') : `${keys.slice(0, -1).join(', ')} and ${keys.at(-1)}`;
}

/** The node of key `k` in a YAML map, for an error that points at the key. */
function keyNode(map: YNode, k: string): YNode | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === k);
  return (pair?.key ?? undefined) as YNode | undefined;
}

/** Which types own flag `k` ("a Router Advertisement flag"). */
function ownerText(k: FlagKey): string {
  const owners = Object.entries(FLAGS_OF).filter(([, keys]) => keys.includes(k)).map(([t]) => TYPE_NAME[t as FramePatternType]!);
  return `${k} is a ${owners.join(' and a ')} flag`;
}

/**
 * Reads `flags:`; `type` is the pattern's (undefined when it was itself
 * wrong: then only the flags' own values are checked).
 */
export function readFrameFlags(r: Reader, node: YNode | null | undefined, path: string, type: FramePatternType | undefined): FrameFlags | undefined {
  const fm: MapView | undefined = r.map(node, path, ALL_FLAGS, 'flags such as { M: true, O: false } (ra) or { R: true, S: false, O: true } (na)');
  if (!fm) return undefined;
  const own = type === undefined ? ALL_FLAGS : FLAGS_OF[type];
  if (own === undefined) {
    // A type without flags (the first sentence is the one ndsim has always given).
    return r.error(fm.node, `${path}: M and O are Router Advertisement flags (with H and prf), R, S and O Neighbor Advertisement flags; the pattern's type is ${type}, which has none: use type ra or na`);
  }
  const flags: FrameFlags = {};
  let ok = true;
  for (const k of fm.keys() as FlagKey[]) {
    if (!own.includes(k)) {
      r.error(keyNode(fm.node, k) ?? fm.get(k), `${path}.${k}: ${ownerText(k)}, not a ${TYPE_NAME[type!]} one (the pattern's type is ${type}); flags of ${type}: ${list(own)}`);
      ok = false;
      continue;
    }
    if (k === 'prf') {
      const v = r.oneOf(fm.get(k), `${path}.prf`, PRF);
      if (v === undefined) ok = false;
      else flags.prf = v;
      continue;
    }
    const v = r.bool(fm.get(k), `${path}.${k}`);
    if (v === undefined) ok = false;
    else flags[k] = v;
  }
  if (!ok) return undefined;
  if (Object.keys(flags).length === 0) {
    // Only unknown keys: r.map has already said so.
    if (isMap(fm.node) && fm.node.items.length > 0) return undefined;
    // "give M, O or both" is how ndsim has always put it for ra.
    return r.error(fm.node, type === 'na' ? `${path}: give R, S, O or several` : `${path}: give M, O or both (or H, prf)`);
  }
  return flags;
}

/** Whether an RA's or NA's flags have every value the pattern gives. */
export function flagsMatch(want: FrameFlags, msg: { type: number; flags: object } | undefined): boolean {
  if (msg === undefined) return false;
  const have = msg.flags as Record<string, unknown>;
  const own: readonly FlagKey[] = msg.type === 134 ? FLAGS_OF.ra! : msg.type === 136 ? FLAGS_OF.na! : [];
  for (const k of ALL_FLAGS) {
    const v = want[k];
    if (v === undefined) continue;
    if (!own.includes(k) || have[k] !== v) return false;
  }
  return true;
}

/** "R=1 S=1 O=0", "M=1 prf=high": the flags as a check describes them, in the type's wire order. */
export function flagText(flags: FrameFlags, type?: FramePatternType): string {
  const out: string[] = [];
  for (const k of (type && FLAGS_OF[type]) || ALL_FLAGS) {
    const v = flags[k];
    if (v === undefined) continue;
    out.push(typeof v === 'boolean' ? `${k}=${v ? 1 : 0}` : `${k}=${v}`);
  }
  return out.join(' ');
}
