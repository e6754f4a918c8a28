// The structured event stream of a simulation: one model that every output
// (text, NDJSON, pcapng, TUI, SVG) reads; nothing here formats anything.
//
// Every event carries the virtual `time` (ns) at which it happened and a
// `seq` that numbers events in emission order across the whole run, so
// (time, seq) is a total, stable order: same scenario + seed → same stream.
//
// Objects reachable from an event (bytes, decoded frames) are shared with
// the simulator and with every receiver of the frame: sinks must treat them
// as read-only (the simulator freezes decoded frames unless told not to).

import type { Drop, MachineKind, Nanos, StateChange } from '../nd/machine.ts';
import type { DecodeError, EthernetFrame, Ip6, Mac } from '../packet/types.ts';

interface Base {
  time: Nanos;
  seq: number;
}

/** A frame was put on a link (by a machine's `send` or by `sendRaw`). */
export interface TxEvent extends Base {
  type: 'tx';
  /** Numbers transmitted frames from 1; rx/loss/drop events refer to it. */
  frameId: number;
  link: string;
  node: string;
  ifname: string;
  /** The bytes on the wire. */
  bytes: Uint8Array;
  /** What the bytes decode to (once, shared by all receivers); null when not
   *  even the Ethernet header could be read. */
  frame: EthernetFrame | null;
  decodeError: DecodeError | null;
  checksumValid: boolean | null;
  /** Length of the ICMPv6 message (what tcpdump prints as "length"). */
  icmpv6Length?: number;
  /** 'machine' for a machine's send action, 'raw' for scripted bytes. */
  origin: 'machine' | 'raw';
  /** The machine's reason for sending, when it gave one. */
  why?: string;
}

/** A receiving NIC accepted a frame (its filter matched, or promiscuous). */
export interface RxEvent extends Base {
  type: 'rx';
  frameId: number;
  link: string;
  node: string;
  ifname: string;
  /** True for the extra copy made by the link's duplicate probability. */
  duplicate: boolean;
}

/** Why the link did not deliver a frame to a receiver that would have
 *  accepted it: modelled random loss, a partition, or a link or NIC that is
 *  down (then `node`/`ifname` are null: nobody received it). */
export type LossReason = 'loss' | 'partition' | 'link-down' | 'nic-down' | 'ra-guard';

export interface LossEvent extends Base {
  type: 'loss';
  frameId: number;
  link: string;
  node: string | null;
  ifname: string | null;
  reason: LossReason;
}

/** A machine's timer fired (stale, re-armed or cancelled ones never do). */
export interface TimerEvent extends Base {
  type: 'timer';
  node: string;
  key: string;
}

/** A machine reported a state change. */
export interface StateEvent extends Base, StateChange {
  type: 'state';
  node: string;
}

/** A node ignored a frame: a machine's `drop` action, or the simulator's
 *  receive path (undecodable bytes, bad ICMPv6 checksum). */
export interface DropEvent extends Base, Drop {
  type: 'drop';
  node: string;
  /** The frame dropped, when known (null when a machine drops outside a
   *  delivery, which it should not). */
  frameId: number | null;
}

/** A NIC's multicast filter changed (joinGroup/leaveGroup). `refs` is the
 *  number of joins of that MAC after the change: 0 means the filter no
 *  longer passes it. */
export interface GroupEvent extends Base {
  type: 'group';
  node: string;
  ifname: string;
  op: 'join' | 'leave';
  group: Ip6;
  mac: Mac;
  refs: number;
}

/** A scenario or topology action: link up/down, partition, scripted send… */
export interface ActionEvent extends Base {
  type: 'action';
  what: string;
  node?: string;
  ifname?: string;
  link?: string;
  detail?: Record<string, string | number | boolean | null>;
}

/** Something went wrong that is worth showing but does not stop the run. */
export interface ErrorEvent extends Base {
  type: 'error';
  message: string;
  node?: string;
  frameId?: number;
}

export type TraceEvent =
  | TxEvent
  | RxEvent
  | LossEvent
  | TimerEvent
  | StateEvent
  | DropEvent
  | GroupEvent
  | ActionEvent
  | ErrorEvent;

export type TraceEventType = TraceEvent['type'];

/** Where the simulator writes events, in (time, seq) order. */
export interface TraceSink {
  emit(ev: TraceEvent): void;
  /** The event types this sink reads, when it reads only some: the
   *  simulator then does not build the others (a 100,000-host run makes
   *  millions of rx and timer events nobody looks at). Skipped events still
   *  take their `seq`, so the events built are numbered as in a full trace.
   *  Absent = every type. */
  readonly types?: ReadonlySet<TraceEventType>;
  /** Of the `state` events, the machines whose changes this sink reads (a
   *  benchmark counting addresses needs none of the MLD, neighbour or router
   *  ones): the others are not built either, and also keep their `seq`.
   *  Absent = every machine. */
  readonly stateMachines?: ReadonlySet<MachineKind>;
}

/** Keeps every event in memory (tests, small scenarios, the TUI). */
export class ArraySink implements TraceSink {
  readonly events: TraceEvent[] = [];
  emit(ev: TraceEvent): void {
    this.events.push(ev);
  }
  /** The events of one type, typed. */
  ofType<K extends TraceEventType>(type: K): Extract<TraceEvent, { type: K }>[] {
    return this.events.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);
  }
}

/** Counts events by type and keeps nothing else (benchmarks, huge runs). */
export class CountingSink implements TraceSink {
  readonly counts: Record<TraceEventType, number> = {
    tx: 0,
    rx: 0,
    loss: 0,
    timer: 0,
    state: 0,
    drop: 0,
    group: 0,
    action: 0,
    error: 0,
  };
  total = 0;
  emit(ev: TraceEvent): void {
    this.counts[ev.type]++;
    this.total++;
  }
}

/** Sends every event to each sink in turn (e.g. an array for the TUI and a
 *  streaming writer for a file). */
export class TeeSink implements TraceSink {
  private readonly sinks: TraceSink[];
  constructor(...sinks: TraceSink[]) {
    this.sinks = sinks;
  }
  emit(ev: TraceEvent): void {
    for (const s of this.sinks) s.emit(ev);
  }
}

/** Discards everything. */
export const NULL_SINK: TraceSink = { emit() {} };
