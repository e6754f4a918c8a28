// The one narrow interface between the pure protocol machines (src/nd,
// src/slaac) and whatever drives them (the simulator in virtual time, live
// mode in wall-clock time). Sans-I/O, in the manner of h11 and quinn-proto:
// a machine takes an input and the current time, and returns actions. It
// never reads a clock, sets a real timer or draws Math.random(): randomness
// is an injected `Random` stream, time is the `now` argument.

import type { EthernetFrame, Ip6, Mac } from '../packet/types.ts';

/** Virtual or real time in integer nanoseconds since the run started. */
export type Nanos = number;

export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

/** A uniform random number in [0, 1), from the node's own seeded stream. */
export type Random = () => number;

/** Which machine a state change belongs to (the trace's `machine` key). */
export type MachineKind =
  | 'interface'
  | 'address'
  | 'neighbor'
  | 'router'
  | 'prefix'
  | 'route'
  | 'destination'
  | 'radvd'
  | 'mld'
  | 'ping';

/** A state change, with a reason a person can read. */
export interface StateChange {
  machine: MachineKind;
  ifname: string;
  /** What changed: an address, a neighbour, a router, a prefix… */
  key: string;
  /** null when the thing did not exist before (created). */
  from: string | null;
  /** null when the thing no longer exists (removed). */
  to: string | null;
  /** "REACHABLE → STALE: ReachableTime 22.4 s elapsed without confirmation" */
  reason: string;
  /** RFC section behind it, e.g. "RFC 4861 §7.3.3". */
  rfc?: string;
  /** Stable identifier of the reason, for the explanation catalogue. */
  reasonId?: string;
  /** Extra structured facts (lifetimes, flags…) for explanations and UIs. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Why a machine ignored a frame (Linux-style precise drop reasons). */
export interface Drop {
  ifname: string;
  reason: string;
  rule?: string;
  rfc?: string;
}

export type Action =
  /** Transmit a whole Ethernet frame on an interface. */
  | { kind: 'send'; ifname: string; frame: EthernetFrame; why?: string }
  /** Arm (or re-arm: replaces any timer with the same key) a timer. */
  | { kind: 'setTimer'; key: string; at: Nanos }
  | { kind: 'cancelTimer'; key: string }
  /** Report a state change to the trace. */
  | { kind: 'notify'; change: StateChange }
  /** A received frame was ignored, and why. */
  | { kind: 'drop'; drop: Drop }
  /** Program the NIC's multicast filter (RFC 4861 §7.2.1 joins). */
  | { kind: 'joinGroup'; ifname: string; mac: Mac; group: Ip6 }
  | { kind: 'leaveGroup'; ifname: string; mac: Mac; group: Ip6 };

export type Input =
  /** A frame the NIC accepted; `checksumValid` as decode() found it. */
  | { kind: 'frame'; ifname: string; frame: EthernetFrame; checksumValid?: boolean | null }
  | { kind: 'timer'; key: string }
  | { kind: 'link-up'; ifname: string }
  | { kind: 'link-down'; ifname: string }
  /** An operator's command, as typed on the node (`ip addr add …`, `ping`,
   *  `radvd stop`): the stack defines the names and their arguments. */
  | { kind: 'command'; name: string; args: Readonly<Record<string, unknown>> };

/** Every protocol machine (and the node stacks composing them) has this shape. */
export interface Machine {
  handle(input: Input, now: Nanos): Action[];
}
