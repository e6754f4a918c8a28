// RFC 4861 §7.2.5 "Receipt of Neighbor Advertisements" as a table of rules,
// first match wins. The RFC writes this as prose with nested conditions;
// written as data each row can be quoted, tested and shown to a student
// ("which rule did this spoofed NA hit?"). The neighbour cache looks the row
// up and applies it in one place (NeighborCache.handleNeighborAdvertisement).

import type { NeighborState } from './neighbor-cache.ts';

/** How the NA's Target Link-Layer Address option compares with the cache.
 *  In INCOMPLETE (and FAILED) there is no cached address: a present TLLA is
 *  'different'. */
export type TllaMatch = 'absent' | 'same' | 'different';

/** The entry's state as the table sees it; 'none' = no entry for the target. */
export type NaTableState = NeighborState | 'none';

export interface NaOutcome {
  /** The next state; 'keep' = state and timer unchanged; 'ignore' = discard the NA, touch nothing. */
  next: NeighborState | 'keep' | 'ignore';
  /** Copy the TLLA into the entry. */
  updateLinkLayer: boolean;
  /** Set IsRouter from the NA's R flag (and report a router turning host). */
  updateIsRouter: boolean;
  /** Send the packets queued while INCOMPLETE. */
  flushQueue: boolean;
  /** Stable id for explanations, e.g. "na-incomplete-solicited". */
  reasonId: string;
  /** The RFC's words behind the row. */
  rule: string;
}

export interface NaRule {
  states: readonly NaTableState[];
  /** Solicited flag; '*' = either. */
  S: boolean | '*';
  /** Override flag; '*' = either. */
  O: boolean | '*';
  tlla: readonly TllaMatch[];
  outcome: NaOutcome;
}

const EXISTING: readonly NaTableState[] = ['REACHABLE', 'STALE', 'DELAY', 'PROBE'];
// Linux keeps failed entries (NUD_FAILED) and neigh_update() treats them like
// INCOMPLETE ones: an NA with a TLLA revives them. Without an entry the NA
// would be ignored, as RFC 4861 says for a deleted entry.
const UNRESOLVED: readonly NaTableState[] = ['INCOMPLETE', 'FAILED'];
const ANY_TLLA: readonly TllaMatch[] = ['absent', 'same', 'different'];
const PRESENT: readonly TllaMatch[] = ['same', 'different'];
const SAME_OR_ABSENT: readonly TllaMatch[] = ['absent', 'same'];

const o = (
  next: NaOutcome['next'],
  updateLinkLayer: boolean,
  updateIsRouter: boolean,
  flushQueue: boolean,
  reasonId: string,
  rule: string,
): NaOutcome => ({ next, updateLinkLayer, updateIsRouter, flushQueue, reasonId, rule });

export const NA_RULES: readonly NaRule[] = [
  {
    states: ['none'], S: '*', O: '*', tlla: ANY_TLLA,
    outcome: o('ignore', false, false, false, 'na-no-entry',
      'If no entry exists, the advertisement SHOULD be silently discarded.'),
  },
  {
    states: UNRESOLVED, S: '*', O: '*', tlla: ['absent'],
    outcome: o('ignore', false, false, false, 'na-incomplete-no-tlla',
      'If the link layer has addresses and no Target Link-Layer Address option is included, the receiving node SHOULD silently discard the received advertisement.'),
  },
  {
    states: UNRESOLVED, S: true, O: '*', tlla: PRESENT,
    outcome: o('REACHABLE', true, true, true, 'na-incomplete-solicited',
      'Otherwise, the receiving node records the link-layer address in the Neighbor Cache entry and sends any packets queued for the neighbor awaiting address resolution. If the Solicited flag is set, the reachability state for the neighbor MUST be set to REACHABLE. (The Override flag is ignored if the entry is in the INCOMPLETE state.)'),
  },
  {
    states: UNRESOLVED, S: false, O: '*', tlla: PRESENT,
    outcome: o('STALE', true, true, true, 'na-incomplete-unsolicited',
      'The receiving node records the link-layer address and sends any queued packets; the Solicited flag is zero, so the state MUST be set to STALE.'),
  },
  {
    states: ['REACHABLE'], S: '*', O: false, tlla: ['different'],
    outcome: o('STALE', false, false, false, 'na-no-override-reachable',
      'If the Override flag is clear and the supplied link-layer address differs from that in the cache: a. If the state of the entry is REACHABLE, set it to STALE, but do not update the entry in any other way.'),
  },
  {
    states: ['STALE', 'DELAY', 'PROBE'], S: '*', O: false, tlla: ['different'],
    outcome: o('ignore', false, false, false, 'na-no-override-ignored',
      'If the Override flag is clear and the supplied link-layer address differs from that in the cache: b. Otherwise, the received advertisement should be ignored and MUST NOT update the cache.'),
  },
  {
    states: EXISTING, S: true, O: true, tlla: ['different'],
    outcome: o('REACHABLE', true, true, false, 'na-override-solicited',
      'If the Override flag is set: the link-layer address in the TLLA option MUST be inserted in the cache; if the Solicited flag is set, the entry MUST be set to REACHABLE.'),
  },
  {
    states: EXISTING, S: true, O: '*', tlla: SAME_OR_ABSENT,
    outcome: o('REACHABLE', false, true, false, 'na-solicited-confirm',
      'If the Override flag is set, or the supplied link-layer address is the same as that in the cache, or no TLLA option was supplied: if the Solicited flag is set, the entry MUST be set to REACHABLE.'),
  },
  {
    states: EXISTING, S: false, O: true, tlla: ['different'],
    outcome: o('STALE', true, true, false, 'na-override-unsolicited',
      'If the Override flag is set, the TLLA MUST be inserted in the cache; if the Solicited flag is zero and the link-layer address was updated with a different address, the state MUST be set to STALE.'),
  },
  {
    states: EXISTING, S: false, O: '*', tlla: SAME_OR_ABSENT,
    outcome: o('keep', false, true, false, 'na-unsolicited-no-change',
      'If the Solicited flag is zero and the link-layer address was not updated, the entry\'s state remains unchanged; the IsRouter flag MUST be set based on the Router flag.'),
  },
];

/** The §7.2.5 row that applies. Every combination has one (tested). */
export function lookupNaRule(state: NaTableState, S: boolean, O: boolean, tlla: TllaMatch): NaRule {
  for (const rule of NA_RULES) {
    if (!rule.states.includes(state)) continue;
    if (rule.S !== '*' && rule.S !== S) continue;
    if (rule.O !== '*' && rule.O !== O) continue;
    if (!rule.tlla.includes(tlla)) continue;
    return rule;
  }
  throw new Error(`RFC 4861 §7.2.5 table has no row for state=${state} S=${S} O=${O} tlla=${tlla}`);
}
