// What every per-interface protocol machine (neighbour cache, router
// discovery, SLAAC, MLD) may know about the interface it runs on. The node
// stack (src/stack) owns the real state and hands each machine this view, so
// the machines stay independent of each other and of the simulator.

import type { Ip6, Mac } from '../packet/types.ts';
import type { Nanos, Random } from './machine.ts';

/** How an address the node owns may be used (RFC 4862 §2 / RFC 4429). */
export type AddressUse = 'tentative' | 'optimistic' | 'preferred' | 'deprecated' | 'duplicate';

/** Per-interface ND parameters (RFC 4861 §6.3.2 host variables). Router
 *  discovery updates them from RAs (§6.3.4); everyone else reads them. */
export interface LinkParameters {
  /** RetransTimer, ms (Linux neigh retrans_time_ms, default 1000). */
  retransTimerMs: number;
  /** BaseReachableTime, ms (Linux base_reachable_time_ms, default 30000). */
  baseReachableTimeMs: number;
  /** ReachableTime, ms: base × uniform[MIN_RANDOM_FACTOR, MAX_RANDOM_FACTOR], recomputed when base changes and at least every few hours (§6.3.4). */
  reachableTimeMs: number;
  /** CurHopLimit for packets the node originates (default 64). */
  curHopLimit: number;
  /** LinkMTU (default 1500). */
  mtu: number;
}

export interface InterfaceView {
  readonly ifname: string;
  /** The interface's current link-layer address (may change: `ip link set address`). */
  mac(): Mac;
  readonly params: LinkParameters;
  /** True on a router (Linux `forwarding=1`): sets R in NAs, ignores RAs for its own config. */
  isRouter(): boolean;
  /** State of an address this node owns on the interface, or undefined. */
  addressUse(addr: Ip6): AddressUse | undefined;
  /** RFC 6724 source for a destination: never tentative/duplicate; null when none usable. */
  selectSource(dst: Ip6): Ip6 | null;
  /** The node's own random stream (seeded by the driver). */
  readonly random: Random;
  /**
   * The key the node's timer table knows a timer of this interface by (the
   * stack scopes "dad:fe80::1" as "eth0|dad:fe80::1"). A machine that arms
   * the same timer again and again may keep the string and pass it as its
   * key: one string, hashed once, instead of a new one per action. Keys come
   * back to the machine unscoped (its own prefix first) when they fire.
   * Absent (a machine on its own, in tests): keys stay as they are.
   */
  timerKey?(local: string): string;
}

/** Every per-interface sub-machine pushes its actions onto `out` (no
 *  per-call arrays: at 100,000 hosts allocations matter) and names its timers
 *  with its own prefix ("nc:", "rd:", "radvd:", "dad:", "addr:", "mld:"); the
 *  stack scopes keys per interface. */
export type Now = Nanos;
