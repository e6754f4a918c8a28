// Protocol constants of RFC 4861 §10, named as the RFC names them, in one
// place. Durations are Nanos (the unit every machine's `now` uses), so that
// `now + RETRANS_TIMER` needs no conversion; the RFC's own unit is in each
// comment. Counts are plain numbers. Per-node overrides live in config.ts
// under their Linux sysctl names; these are the RFC defaults.

import { NS_PER_MS, NS_PER_S, type Nanos } from './machine.ts';

// ---------------------------------------------------------- router constants
/** 16 seconds: first few unsolicited RAs go at most this far apart (§6.2.4). */
export const MAX_INITIAL_RTR_ADVERT_INTERVAL: Nanos = 16 * NS_PER_S;
/** 3 transmissions of the shortened initial interval (§6.2.4). */
export const MAX_INITIAL_RTR_ADVERTISEMENTS = 3;
/** 3 transmissions with Router Lifetime 0 when advertising stops (§6.2.5). */
export const MAX_FINAL_RTR_ADVERTISEMENTS = 3;
/** 3 seconds: never multicast RAs more often than this (§6.2.6). */
export const MIN_DELAY_BETWEEN_RAS: Nanos = 3 * NS_PER_S;
/** 0.5 seconds: upper bound of the random delay before answering an RS (§6.2.6). */
export const MAX_RA_DELAY_TIME: Nanos = 500 * NS_PER_MS;

// ------------------------------------------------------------ host constants
/** 1 second: upper bound of the random delay before the first RS (§6.3.7). */
export const MAX_RTR_SOLICITATION_DELAY: Nanos = 1 * NS_PER_S;
/** 4 seconds between RSs (§6.3.7). */
export const RTR_SOLICITATION_INTERVAL: Nanos = 4 * NS_PER_S;
/** 3 transmissions (§6.3.7). RFC 7559 lets hosts keep going with backoff;
 *  Linux does so by default (router_solicitations = -1, see config.ts). */
export const MAX_RTR_SOLICITATIONS = 3;
/** RFC 7559 §2: 3600 seconds, the ceiling of the RS backoff. Not an RFC 4861
 *  constant; Linux's router_solicitation_max_interval. */
export const MAX_RTR_SOLICITATION_INTERVAL: Nanos = 3600 * NS_PER_S;

// ------------------------------------------------------------ node constants
/** 3 multicast NSs while INCOMPLETE (§7.2.2). */
export const MAX_MULTICAST_SOLICIT = 3;
/** 3 unicast NSs while PROBE (§7.3.3). */
export const MAX_UNICAST_SOLICIT = 3;
/** 1 second: upper bound of the random delay of an NA for an anycast target (§7.2.7). */
export const MAX_ANYCAST_DELAY_TIME: Nanos = 1 * NS_PER_S;
/** 3 transmissions of an unsolicited NA (§7.2.6). */
export const MAX_NEIGHBOR_ADVERTISEMENT = 3;
/** 30,000 milliseconds: default BaseReachableTime (§6.3.2). */
export const REACHABLE_TIME: Nanos = 30_000 * NS_PER_MS;
/** 1,000 milliseconds: default RetransTimer (§6.3.2). */
export const RETRANS_TIMER: Nanos = 1_000 * NS_PER_MS;
/** 5 seconds in DELAY before the first unicast probe (§7.3.3). */
export const DELAY_FIRST_PROBE_TIME: Nanos = 5 * NS_PER_S;
/** ReachableTime = BaseReachableTime × uniform[MIN_RANDOM_FACTOR, MAX_RANDOM_FACTOR] (§6.3.2). */
export const MIN_RANDOM_FACTOR = 0.5;
export const MAX_RANDOM_FACTOR = 1.5;

// ------------------------------------------------- Linux timing, not RFC
/**
 * 300 seconds: how often Linux draws ReachableTime afresh from an unchanged
 * BaseReachableTime. RFC 4861 §6.3.4 only asks that "a new random value gets
 * re-computed at least once every few hours"; Linux net/core/neighbour.c
 * neigh_periodic_work() does it every 300 s: `if (time_after(jiffies,
 * tbl->last_rand + 300 * HZ)) { tbl->last_rand = jiffies; … p->reachable_time
 * = neigh_rand_reach_time(NEIGH_VAR(p, BASE_REACHABLE_TIME)); }`.
 */
export const REACHABLE_TIME_REDRAW_INTERVAL: Nanos = 300 * NS_PER_S;
/**
 * Linux neigh_table_init() starts that clock late: `tbl->last_rand = now +
 * tbl->parms.reachable_time * 20`, so the first periodic redraw comes
 * 20 × ReachableTime + 300 s after the table is made (600…1200 s with the
 * default 30 s base), and every 300 s after that.
 */
export const REACHABLE_TIME_REDRAW_HOLDOFF_FACTOR = 20;

// ---------------------------------------------------------------- lifetimes
/** All one bits in a 32-bit lifetime field means infinity (§4.6.2, RFC 4862 §5.5.3). */
export const INFINITE_LIFETIME = 0xffffffff;

// ------------------------------------------------------- derived quantities
/** §6.2.1: the largest AdvReachableTime a router may advertise, 3,600,000 ms. */
export const MAX_REACHABLE_TIME_MS = 3_600_000;

/**
 * RFC 4861 §6.3.2: "ReachableTime ... a uniformly distributed random value
 * between MIN_RANDOM_FACTOR and MAX_RANDOM_FACTOR times BaseReachableTime".
 * Rounded to whole milliseconds, as the value is kept in ms. Linux draws
 * base/2 + random % base, the same interval.
 */
export function randomReachableTimeMs(baseReachableTimeMs: number, random: () => number): number {
  const factor = MIN_RANDOM_FACTOR + random() * (MAX_RANDOM_FACTOR - MIN_RANDOM_FACTOR);
  return Math.round(baseReachableTimeMs * factor);
}

/** The §10 table as data, for explanations and `ndsim constants`. */
export const RFC4861_CONSTANTS: ReadonlyArray<{ name: string; value: string; section: string }> = [
  { name: 'MAX_INITIAL_RTR_ADVERT_INTERVAL', value: '16 seconds', section: '§6.2.4' },
  { name: 'MAX_INITIAL_RTR_ADVERTISEMENTS', value: '3 transmissions', section: '§6.2.4' },
  { name: 'MAX_FINAL_RTR_ADVERTISEMENTS', value: '3 transmissions', section: '§6.2.5' },
  { name: 'MIN_DELAY_BETWEEN_RAS', value: '3 seconds', section: '§6.2.6' },
  { name: 'MAX_RA_DELAY_TIME', value: '.5 seconds', section: '§6.2.6' },
  { name: 'MAX_RTR_SOLICITATION_DELAY', value: '1 second', section: '§6.3.7' },
  { name: 'RTR_SOLICITATION_INTERVAL', value: '4 seconds', section: '§6.3.7' },
  { name: 'MAX_RTR_SOLICITATIONS', value: '3 transmissions', section: '§6.3.7' },
  { name: 'MAX_MULTICAST_SOLICIT', value: '3 transmissions', section: '§7.2.2' },
  { name: 'MAX_UNICAST_SOLICIT', value: '3 transmissions', section: '§7.3.3' },
  { name: 'MAX_ANYCAST_DELAY_TIME', value: '1 second', section: '§7.2.7' },
  { name: 'MAX_NEIGHBOR_ADVERTISEMENT', value: '3 transmissions', section: '§7.2.6' },
  { name: 'REACHABLE_TIME', value: '30,000 milliseconds', section: '§6.3.2' },
  { name: 'RETRANS_TIMER', value: '1,000 milliseconds', section: '§6.3.2' },
  { name: 'DELAY_FIRST_PROBE_TIME', value: '5 seconds', section: '§7.3.3' },
  { name: 'MIN_RANDOM_FACTOR', value: '.5', section: '§6.3.2' },
  { name: 'MAX_RANDOM_FACTOR', value: '1.5', section: '§6.3.2' },
];
