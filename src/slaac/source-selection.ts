// Source address selection, the part of RFC 6724 §5 a single-interface
// host needs: rules 1, 2, 3, 6, 7 and 8 (no home addresses, one interface),
// scored pairwise as Linux ipv6_dev_get_saddr does. Candidates never include
// tentative or duplicate addresses (RFC 6724 §4, RFC 4862 §5.4); optimistic
// ones are candidates but avoided like deprecated ones (RFC 4429 §2.1)
// unless use_optimistic = 1.

import { classify } from '../packet/address-kind.ts';
import { inPrefix, ip6Bytes } from '../packet/address.ts';
import type { Ip6 } from '../packet/types.ts';
import type { AddressUse } from '../nd/interface-view.ts';

export interface SourceCandidate {
  address: Ip6;
  prefixLength: number;
  state: AddressUse;
  temporary: boolean;
}

export interface SelectionPolicy {
  /** Linux use_optimistic: do not avoid optimistic addresses (rule 3). */
  useOptimistic: boolean;
  /** Linux use_tempaddr ≥ 2: rule 7 prefers temporary addresses; otherwise public ones (Linux's default). */
  preferTemporary: boolean;
}

// RFC 6724 §3.1 scope values.
const SCOPE_VALUE: Record<string, number> = { interface: 1, link: 2, realm: 3, admin: 4, site: 5, organization: 8, global: 14 };

/** RFC 6724 §3.1 Scope(): multicast from its scop nibble, unicast link/site/global (loopback is link). */
export function scopeOf(addr: Ip6): number {
  const c = classify(addr);
  if (c.multicastScope !== undefined) return c.multicastScope;
  return SCOPE_VALUE[c.scope] ?? 14;
}

// RFC 6724 §2.1 default policy table: prefix, length, label.
const POLICY: ReadonlyArray<[Ip6, number, number]> = [
  ['::1', 128, 0],
  ['::ffff:0:0', 96, 4],
  ['::', 96, 3],
  ['2001::', 32, 5],
  ['2002::', 16, 2],
  ['3ffe::', 16, 12],
  ['fec0::', 10, 11],
  ['fc00::', 7, 13],
  ['::', 0, 1],
];

/** RFC 6724 §2.1 Label(): the label of the longest matching policy-table prefix. */
export function labelOf(addr: Ip6): number {
  let best = -1;
  let label = 1;
  for (const [p, len, l] of POLICY) {
    if (len > best && inPrefix(addr, p, len)) {
      best = len;
      label = l;
    }
  }
  return label;
}

/** Leading bits `a` and `b` share (RFC 6724 §2.2 CommonPrefixLen). */
export function commonPrefixLength(a: Ip6, b: Ip6): number {
  const x = ip6Bytes(a);
  const y = ip6Bytes(b);
  for (let i = 0; i < 16; i++) {
    const d = x[i] ^ y[i];
    if (d !== 0) return i * 8 + Math.clz32(d) - 24;
  }
  return 128;
}

const usable = (s: AddressUse): boolean => s === 'preferred' || s === 'deprecated' || s === 'optimistic';

/** The RFC 6724 source for `dst` among `candidates`, or null when none is usable. */
export function selectSource(candidates: readonly SourceCandidate[], dst: Ip6, policy: SelectionPolicy): Ip6 | null {
  let best: SourceCandidate | null = null;
  for (const c of candidates) {
    if (!usable(c.state)) continue;
    if (best === null || prefer(c, best, dst, policy) < 0) best = c;
  }
  return best?.address ?? null;
}

/** Rule 3's "avoid": deprecated, or optimistic when optimistic sources are not used. */
function avoided(c: SourceCandidate, policy: SelectionPolicy): boolean {
  return c.state === 'deprecated' || (c.state === 'optimistic' && !policy.useOptimistic);
}

/** < 0 when `a` is the better source for `dst`, > 0 when `b` is, 0 when the rules cannot tell. */
export function prefer(a: SourceCandidate, b: SourceCandidate, dst: Ip6, policy: SelectionPolicy): number {
  // Rule 1: prefer the destination itself.
  if (a.address === dst) return -1;
  if (b.address === dst) return 1;
  // Rule 2: prefer appropriate scope.
  const sa = scopeOf(a.address);
  const sb = scopeOf(b.address);
  const sd = scopeOf(dst);
  if (sa < sb) return sa < sd ? 1 : -1;
  if (sb < sa) return sb < sd ? -1 : 1;
  // Rule 3: avoid deprecated addresses (and optimistic ones, RFC 4429 §2.1).
  const avoidA = avoided(a, policy);
  if (avoidA !== avoided(b, policy)) return avoidA ? 1 : -1;
  // Rule 6: prefer matching label.
  const ld = labelOf(dst);
  const la = labelOf(a.address) === ld;
  const lb = labelOf(b.address) === ld;
  if (la !== lb) return la ? -1 : 1;
  // Rule 7: temporary or public, as the policy says.
  if (a.temporary !== b.temporary) return a.temporary === policy.preferTemporary ? -1 : 1;
  // Rule 8: longest matching prefix, no longer than the candidate's prefix (Linux).
  const ca = Math.min(commonPrefixLength(a.address, dst), a.prefixLength);
  const cb = Math.min(commonPrefixLength(b.address, dst), b.prefixLength);
  if (ca !== cb) return ca > cb ? -1 : 1;
  return 0;
}
