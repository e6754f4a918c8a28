// One address the node owns on an interface, with exactly the facts Linux
// keeps in struct inet6_ifaddr (flags, lifetimes counted from a timestamp),
// so that `ip -6 addr` can be reproduced; the RFC 4862 §2 state is derived
// from them in one place.

import type { Ip6 } from '../packet/types.ts';
import type { AddressUse } from '../nd/interface-view.ts';
import { NS_PER_S, type Nanos } from '../nd/machine.ts';
import { INFINITE_LIFETIME } from '../nd/constants.ts';

/** How the address came to be. */
export type Origin = 'link-local' | 'slaac' | 'temporary' | 'manual';

/** Where DAD is for the address (Linux INET6_IFADDR_STATE_* plus ours). */
export type DadPhase =
  /** Waiting for the link to come up (Linux: DAD postponed until IF_READY). */
  | 'postponed'
  /** RFC 7217 retry waiting IDGEN_DELAY before it starts (Linux PREDAD). */
  | 'predad'
  /** Random delay before the first probe (RFC 4862 §5.4.2). */
  | 'delay'
  /** Probes sent, waiting RetransTimer after the last. */
  | 'probing'
  | 'done'
  | 'failed';

export interface AddressEntry {
  readonly address: Ip6;
  readonly prefixLength: number;
  readonly origin: Origin;
  /** Creation order; `ip addr` lists the newest first within a scope. */
  readonly seq: number;
  /** The /64 the address was formed in (SLAAC, temporary), else its own prefix. */
  readonly prefix: Ip6;
  /** Linux flags (include/uapi/linux/if_addr.h IFA_F_*). */
  permanent: boolean;
  nodad: boolean;
  noprefixroute: boolean;
  mngtmpaddr: boolean;
  stablePrivacy: boolean;
  optimistic: boolean;
  tentative: boolean;
  dadFailed: boolean;
  deprecated: boolean;
  /** Seconds from `tstamp`; INFINITE_LIFETIME (0xffffffff) = forever. */
  validLft: number;
  preferredLft: number;
  /** When the lifetimes were last set (Linux ifp->tstamp). */
  tstamp: Nanos;
  /** When the address was created (Linux ifp->cstamp). */
  readonly cstamp: Nanos;
  dad: {
    phase: DadPhase;
    probesLeft: number;
    probesSent: number;
    /** RFC 7527 nonce of this DAD run, null when enhanced_dad = 0. */
    nonce: Uint8Array | null;
    /** RFC 7217 DAD_Counter the address was made with. */
    stableCounter: number;
    /** The keys of this address's DAD, deprecate and invalidate timers as
     *  the node's timer table knows them (InterfaceView.timerKey), made when
     *  first armed and reused while the timer may be re-armed: one string
     *  each instead of a new one per action. Bookkeeping, not state: null
     *  until armed (the DAD key again once DAD is over). */
    dadKey: string | null;
    deprecateKey: string | null;
    invalidKey: string | null;
  };
  /** RFC 8981 temporary address: its public address and whether a successor exists. */
  temp?: { parent: Ip6; regenerated: boolean };
}

/** RFC 4862 §2 / RFC 4429 state of an address, from its flags. */
export function addressState(e: AddressEntry): AddressUse {
  if (e.dadFailed) return 'duplicate';
  if (e.tentative) return e.optimistic ? 'optimistic' : 'tentative';
  return e.deprecated ? 'deprecated' : 'preferred';
}

export const isInfinite = (lft: number): boolean => lft >= INFINITE_LIFETIME;

/** Whole seconds since `tstamp`, as Linux counts them ((jiffies − tstamp) / HZ). */
export function ageSeconds(e: AddressEntry, now: Nanos): number {
  return Math.floor((now - e.tstamp) / NS_PER_S);
}

/** Seconds left of a lifetime at `now` (never negative), or INFINITE_LIFETIME. */
export function remaining(lft: number, e: AddressEntry, now: Nanos): number {
  if (isInfinite(lft)) return INFINITE_LIFETIME;
  return Math.max(0, lft - ageSeconds(e, now));
}

/** When the preferred lifetime runs out, or null for never. A permanent
 *  (manual) address with a finite preferred lifetime is deprecated too, as
 *  in Linux addrconf_verify. */
export function deprecateAt(e: AddressEntry): Nanos | null {
  return isInfinite(e.preferredLft) ? null : e.tstamp + e.preferredLft * NS_PER_S;
}

/** When the valid lifetime runs out, or null for never. */
export function invalidAt(e: AddressEntry): Nanos | null {
  return isInfinite(e.validLft) ? null : e.tstamp + e.validLft * NS_PER_S;
}

/** "14400 s" or "infinite", for reasons. */
export function lifetimeText(lft: number): string {
  return isInfinite(lft) ? 'infinite' : `${lft} s`;
}

/** Lower-case hex of a nonce for reasons ("0a1b2c3d4e5f"). */
export function hex(bytes: Uint8Array): string {
  // A loop over a table, not Array.from + join: every DAD probe's reason has one.
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_BYTE[bytes[i]];
  return s;
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
