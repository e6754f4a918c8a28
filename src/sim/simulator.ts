// The simulator: owns the clock, the links and the nodes, and turns the
// actions the node machines return into events on the virtual timeline.
//
//   send        → encode, `tx`; after the link's delay the frame arrives:
//                 the link picks receivers by their filters at that instant
//                 and applies impairments (`loss`), each receiver gets `rx`
//                 and its machine the decoded frame (jitter: later, alone)
//   setTimer    → (node, key) timer; setting a key again replaces the old one
//   cancelTimer → removes it; a cancelled or replaced timer never fires
//   notify      → `state` event; drop → `drop` event
//   joinGroup / leaveGroup → the NIC's multicast filter (reference-counted)
//
// Received bytes are decoded once per transmitted frame and the result is
// shared by every receiver and by the trace, so receivers must not mutate it
// (it is deep-frozen unless `freezeFrames: false`, which benchmarks use).
//
// Frames that do not decode cleanly (malformed bytes from `sendRaw`) still
// cross the link and are received (`rx`), but machines are not called: each
// receiver records a `drop` naming the decode error's layer, offset and
// reason, as a kernel drops a packet its parser rejects. Likewise a frame
// whose ICMPv6 checksum is wrong is dropped before the machines (RFC 4861
// §6.1.1/§7.1.1 require a valid checksum; RFC 4443 §2.3).
//
// Every mutation called from outside a run (setInterfaceUp, partition…)
// happens at `now`; use `at(t, fn)` to schedule it.

import type { Action, Input, Nanos } from '../nd/machine.ts';
import type { Decoded, Mac } from '../packet/types.ts';
import { type FrameCodec, packetCodec } from './codec.ts';
import { Link, type LinkOptions, macAt, Nic, type TransmitPlan } from './link.ts';
import { formatMac, parseMac } from '../packet/address.ts';
import { known, type NodeSpec, planInterfaces, SimNode, type TimerData } from './node.ts';
import { type Rng, streamFor } from './rng.ts';
import { type EventHandle, Scheduler } from './scheduler.ts';
import type { ActionEvent, TraceEvent, TraceEventType, TraceSink } from './trace.ts';
import { NULL_SINK } from './trace.ts';

export interface SimulatorOptions {
  /** The scenario seed every random stream derives from. */
  seed: number | string;
  trace?: TraceSink;
  /** Defaults to src/packet's encode/decode. */
  codec?: FrameCodec;
  /** Deep-freeze decoded frames shared among receivers (default true). */
  freezeFrames?: boolean;
}

/** A frame on the wire, shared by all its deliveries. */
interface InFlight {
  frameId: number;
  link: Link;
  sender: Nic;
  dst: Mac;
  bytes: Uint8Array;
  /** Decoded at transmit when the trace wants the tx event, else on arrival
   *  when the frame has a receiver (see transmit). */
  decoded: Decoded | null;
}
/** One receiver's delivery delayed by jitter. */
interface Jittered {
  f: InFlight;
  nic: Nic;
  duplicate: boolean;
}

export class Simulator {
  readonly scheduler = new Scheduler();
  readonly seed: number | string;
  trace: TraceSink;
  private readonly codec: FrameCodec;
  private readonly freezeFrames: boolean;
  private readonly nodeMap = new Map<string, SimNode>();
  private readonly linkMap = new Map<string, Link>();
  private seq = 0;
  private lastFrameId = 0;
  /** Reused by every arrival on an unimpaired link (Link.plan's `into`). */
  private readonly scratchPlan: TransmitPlan = { receivers: [], delays: null, duplicate: null, losses: [] };

  constructor(opts: SimulatorOptions) {
    this.seed = opts.seed;
    this.trace = opts.trace ?? NULL_SINK;
    this.codec = opts.codec ?? packetCodec;
    this.freezeFrames = opts.freezeFrames ?? true;
  }

  get now(): Nanos {
    return this.scheduler.now;
  }
  get nodes(): ReadonlyMap<string, SimNode> {
    return this.nodeMap;
  }
  get links(): ReadonlyMap<string, Link> {
    return this.linkMap;
  }
  /** Frames put on the wire so far (the tx events, whether built or not). */
  get framesSent(): number {
    return this.lastFrameId;
  }

  /** An independent random stream for anything that is not a node (a
   *  scenario's own choices); nodes get `streamFor(seed, nodeName)`. */
  rngFor(name: string): Rng {
    return streamFor(this.seed, name);
  }

  // ------------------------------------------------------------ topology

  addLink(opts: LinkOptions): Link {
    if (!opts.name) throw new Error('a link needs a name');
    if (this.linkMap.has(opts.name)) throw new Error(`duplicate link name "${opts.name}"`);
    const link = new Link(opts, streamFor(this.seed, `link:${opts.name}`));
    this.linkMap.set(opts.name, link);
    return link;
  }

  addNode(spec: NodeSpec): SimNode {
    const { name } = spec;
    if (!name) throw new Error('a node needs a name');
    if (this.nodeMap.has(name)) throw new Error(`duplicate node name "${name}"`);
    // Validate every interface before attaching any, so a bad spec leaves
    // the topology untouched.
    const planned = planInterfaces(name, spec.interfaces, (l) => this.linkMap.get(l), () => known(this.linkMap));
    const node = new SimNode(name, streamFor(this.seed, name));
    // map(), not push(): an exact-size array (push reserves 17 slots).
    node.interfaces = planned.map((p) => {
      const nic = new Nic(node, p.ifname, p.mac, p.link);
      nic.promiscuous = p.promiscuous;
      p.link.attach(nic);
      return nic;
    });
    try {
      node.machine = typeof spec.machine === 'function' ? spec.machine(node) : spec.machine;
    } catch (err) {
      for (const nic of node.interfaces) nic.link.detach(nic);
      throw err;
    }
    this.nodeMap.set(name, node);
    for (const p of planned) {
      if (p.up) this.at(this.now, () => this.setInterfaceUp(name, p.ifname, true));
    }
    return node;
  }

  node(name: string): SimNode {
    const n = this.nodeMap.get(name);
    if (!n) throw new Error(`unknown node "${name}" (nodes: ${known(this.nodeMap)})`);
    return n;
  }

  link(name: string): Link {
    const l = this.linkMap.get(name);
    if (!l) throw new Error(`unknown link "${name}" (links: ${known(this.linkMap)})`);
    return l;
  }

  /** Carrier up/down on one NIC; the machine gets `link-up`/`link-down`.
   *  Setting the state it already has does nothing. */
  setInterfaceUp(nodeName: string, ifname: string, up: boolean): void {
    const node = this.node(nodeName);
    const nic = node.requireNic(ifname);
    if (nic.up === up) return;
    nic.up = up;
    this.action(up ? 'link-up' : 'link-down', { node: nodeName, ifname, link: nic.link.name });
    this.handle(node, up ? { kind: 'link-up', ifname } : { kind: 'link-down', ifname }, null);
  }

  /** The medium itself stops or resumes carrying frames (a dead switch):
   *  frames sent meanwhile are lost ('link-down'); NICs keep their carrier
   *  and machines are not told. */
  setLinkUp(linkName: string, up: boolean): void {
    const link = this.link(linkName);
    if (link.up === up) return;
    link.up = up;
    this.action(up ? 'link-resume' : 'link-fail', { link: linkName });
  }

  /** Cuts these nodes' NICs on the link off from the rest (they still hear
   *  each other). Returns the new segment number. */
  partition(linkName: string, nodeNames: string[]): number {
    const link = this.link(linkName);
    const nics = nodeNames.flatMap((n) => this.nicsOn(n, link));
    const seg = link.partition(nics);
    this.action('partition', { link: linkName, detail: { nodes: nodeNames.join(','), segment: seg } });
    return seg;
  }

  /** Puts these nodes' NICs back in the link's main segment. */
  rejoin(linkName: string, nodeNames: string[]): void {
    const link = this.link(linkName);
    for (const n of nodeNames) for (const nic of this.nicsOn(n, link)) link.rejoin(nic);
    this.action('rejoin', { link: linkName, detail: { nodes: nodeNames.join(',') } });
  }

  /** `ip link set dev IF address MAC`: the NIC filter follows at once; the
   *  machine is told by the caller (a command input). */
  setMac(nodeName: string, ifname: string, mac: Mac): void {
    const nic = this.node(nodeName).requireNic(ifname);
    const parsed = parseMac(mac);
    if (!parsed.ok || parsed.value.length !== 6) throw new Error(`node "${nodeName}" interface "${ifname}": "${mac}" is not a 6-byte MAC address`);
    nic.link.changeMac(nic, formatMac(parsed.value));
    this.action('set-mac', { node: nodeName, ifname, detail: { mac: nic.mac } });
  }

  /** RFC 6105 RA-Guard on a link: RAs from ports of nodes not in
   *  `trustedNodes` are dropped at ingress. */
  setRaGuard(linkName: string, on: boolean, trustedNodes: readonly string[]): void {
    const link = this.link(linkName);
    link.raGuard = on;
    for (const node of this.nodeMap.values()) for (const nic of node.interfaces) if (nic.link === link) nic.trustedForRa = trustedNodes.includes(node.name);
    this.action(on ? 'ra-guard-on' : 'ra-guard-off', { link: linkName });
  }

  setPromiscuous(nodeName: string, ifname: string, on: boolean): void {
    const nic = this.node(nodeName).requireNic(ifname);
    nic.link.setPromiscuous(nic, on);
    this.action('promiscuous', { node: nodeName, ifname, detail: { on } });
  }

  // ----------------------------------------------------------- scripting

  /** Runs `fn` at virtual time `time`; with a label, records an `action`. */
  at(time: Nanos, fn: () => void, label?: string): EventHandle {
    return this.scheduler.schedule(
      time,
      (f) => {
        if (label !== undefined) this.action(label, {});
        f();
      },
      fn,
      label ?? 'scenario action',
    );
  }

  /** Records a free-form scenario action in the trace, now. */
  note(what: string, detail?: ActionEvent['detail']): void {
    this.action(what, detail ? { detail } : {});
  }

  /** Puts `bytes` on the wire from a node's NIC at `at` (default now), as
   *  an attacker or a what-if lesson would. Bytes may be malformed; they
   *  are copied now and transmitted as they are. */
  sendRaw(nodeName: string, ifname: string, bytes: Uint8Array, at: Nanos = this.now): void {
    const node = this.node(nodeName);
    const nic = node.requireNic(ifname);
    nic.link.checkTransmit(nic, bytes); // an MTU error now, not at `at`
    const copy = bytes.slice();
    this.scheduler.schedule(
      at,
      (b) => {
        this.action('send-raw', { node: nodeName, ifname, link: nic.link.name, detail: { length: b.length } });
        this.transmit(nic, b, 'raw', undefined);
      },
      copy,
      `send-raw ${nic.label}`,
    );
  }

  /** Records an error worth showing that does not stop the run (a failed
   *  expectation, a scenario problem), now. */
  noteError(message: string, node?: string): void {
    this.emit(node === undefined
      ? { type: 'error', time: this.now, seq: this.seq++, message }
      : { type: 'error', time: this.now, seq: this.seq++, message, node });
  }

  /** Hands an input to a node's machine now and applies its actions. */
  input(nodeName: string, input: Input): void {
    this.handle(this.node(nodeName), input, null);
  }

  // ------------------------------------------------------------- running

  step(): boolean {
    return this.scheduler.step();
  }
  runUntil(t: Nanos): number {
    return this.scheduler.runUntil(t);
  }
  runToIdle(limit?: number): number {
    return this.scheduler.runToIdle(limit);
  }

  // ------------------------------------------------------------ internals

  private nicsOn(nodeName: string, link: Link): Nic[] {
    const nics = this.node(nodeName).interfaces.filter((n) => n.link === link);
    if (nics.length === 0) throw new Error(`node "${nodeName}" has no interface on link "${link.name}"`);
    return nics;
  }

  private emit(ev: TraceEvent): void {
    this.trace.emit(ev);
  }

  /** True when the sink does not read `type` (TraceSink.types): the event
   *  is not built, but its seq is taken. */
  private skip(type: TraceEventType): boolean {
    const types = this.trace.types;
    if (types === undefined || types.has(type)) return false;
    this.seq++;
    return true;
  }

  private action(what: string, rest: Omit<ActionEvent, 'type' | 'time' | 'seq' | 'what'>): void {
    if (this.skip('action')) return;
    this.emit({ type: 'action', time: this.now, seq: this.seq++, what, ...rest });
  }

  private handle(node: SimNode, input: Input, frameId: number | null): void {
    const actions = node.machine.handle(input, this.now);
    if (actions.length > 0) this.apply(node, actions, frameId);
  }

  private apply(node: SimNode, actions: Action[], frameId: number | null): void {
    // Index loops on the hot paths: until the JIT optimises them, for…of
    // over an array costs an iterator and a call per element.
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      switch (a.kind) {
        case 'send': {
          const nic = node.requireNic(a.ifname);
          this.transmit(nic, this.codec.encode(a.frame), 'machine', a.why);
          break;
        }
        case 'setTimer':
          this.setTimer(node, a.key, a.at);
          break;
        case 'cancelTimer': {
          const t = node.timers?.get(a.key);
          if (t !== undefined) {
            this.scheduler.cancel(t.handle);
            node.timers!.delete(a.key);
          }
          break;
        }
        case 'notify': {
          const machines = this.trace.stateMachines;
          if (machines !== undefined && !machines.has(a.change.machine)) {
            this.seq++; // not built (TraceSink.stateMachines), numbered all the same
            break;
          }
          this.emit({ type: 'state', time: this.now, seq: this.seq++, node: node.name, ...a.change });
          break;
        }
        case 'drop':
          if (this.skip('drop')) break;
          this.emit({ type: 'drop', time: this.now, seq: this.seq++, node: node.name, frameId, ...a.drop });
          break;
        case 'joinGroup':
        case 'leaveGroup': {
          const nic = node.requireNic(a.ifname);
          const join = a.kind === 'joinGroup';
          const refs = join ? nic.link.join(nic, a.mac) : nic.link.leave(nic, a.mac);
          if (this.skip('group')) break;
          this.emit({
            type: 'group', time: this.now, seq: this.seq++, node: node.name, ifname: a.ifname,
            op: join ? 'join' : 'leave', group: a.group, mac: a.mac, refs,
          });
          break;
        }
        default: {
          const never: never = a;
          throw new Error(`node "${node.name}": unknown action ${JSON.stringify(never)}`);
        }
      }
    }
  }

  private setTimer(node: SimNode, key: string, at: Nanos): void {
    if (!Number.isSafeInteger(at) || at < this.now) {
      throw new RangeError(`node "${node.name}" timer "${key}": cannot arm at ${at} ns (now = ${this.now} ns; times are integer ns, not in the past)`);
    }
    const timers = (node.timers ??= new Map());
    const t = timers.get(key);
    if (t !== undefined) {
      // Re-arm: same record, new event (the old one is cancelled).
      this.scheduler.cancel(t.handle);
      t.handle = this.scheduler.schedule(at, this.onTimer, t, timerLabel);
      return;
    }
    const fresh: TimerData = { node, key, handle: 0 };
    fresh.handle = this.scheduler.schedule(at, this.onTimer, fresh, timerLabel);
    timers.set(key, fresh);
  }

  private readonly onTimer = (d: TimerData, ev: EventHandle): void => {
    const timers = d.node.timers;
    // Re-armed or cancelled timers were cancelled in the scheduler; this
    // guard keeps a stale firing a no-op even if one slipped through.
    if (!timers || d.handle !== ev || timers.get(d.key) !== d) return;
    timers.delete(d.key);
    if (!this.skip('timer')) this.emit({ type: 'timer', time: this.now, seq: this.seq++, node: d.node.name, key: d.key });
    this.handle(d.node, { kind: 'timer', key: d.key }, null);
  };

  private transmit(nic: Nic, bytes: Uint8Array, origin: 'machine' | 'raw', why: string | undefined): void {
    const link = nic.link;
    const blocked = link.checkTransmit(nic, bytes); // throws on MTU before anything is traced
    const frameId = ++this.lastFrameId;
    // Decoding is for the tx event and for receivers. When the sink reads no
    // tx events (a benchmark counts frames with framesSent), a frame is
    // decoded only once it has a receiver: three frames in four of a SLAAC
    // boot (DAD probes, MLD reports) reach nobody. Decoding is pure, so
    // when it happens changes nothing else.
    let decoded: Decoded | null = null;
    if (!this.skip('tx')) {
      decoded = this.decodeShared(bytes);
      const tx: TraceEvent = {
        type: 'tx', time: this.now, seq: this.seq++, frameId, link: link.name, node: nic.node.name, ifname: nic.ifname,
        bytes, frame: decoded.frame, decodeError: decoded.error, checksumValid: decoded.checksumValid, origin,
      };
      if (why !== undefined) tx.why = why;
      if (decoded.icmpv6Length !== undefined) tx.icmpv6Length = decoded.icmpv6Length;
      this.emit(tx);
    }
    const dropped = blocked ?? (link.raGuard && !nic.trustedForRa && (decoded ??= this.decodeShared(bytes)).frame?.ipv6?.icmpv6?.type === 134 ? 'ra-guard' : null);
    if (dropped !== null) {
      this.emit({ type: 'loss', time: this.now, seq: this.seq++, frameId, link: link.name, node: null, ifname: null, reason: dropped });
      return;
    }
    const flight: InFlight = { frameId, link, sender: nic, dst: macAt(bytes), bytes, decoded };
    this.scheduler.schedule(this.now + link.delay, this.onArrival, flight, arrivalLabel);
  }

  /** Decodes a frame for all its receivers and the trace (frozen unless
   *  freezeFrames is off). */
  private decodeShared(bytes: Uint8Array): Decoded {
    const decoded = this.codec.decode(bytes);
    if (this.freezeFrames && decoded.frame) deepFreeze(decoded.frame);
    return decoded;
  }

  /** The frame reached the far side of the link: the link picks receivers
   *  now (filters and carrier as they are at this instant), then each gets
   *  it now or after its jitter. */
  private readonly onArrival = (f: InFlight): void => {
    const link = f.link;
    // The scratch plan is safe to reuse: it is read to the end below before
    // any other arrival can run (handlers never run events themselves).
    const plan = link.plan(f.sender, f.dst, this.scratchPlan);
    const losses = plan.losses;
    for (let i = 0; i < losses.length; i++) {
      const l = losses[i];
      this.emit({
        type: 'loss', time: this.now, seq: this.seq++, frameId: f.frameId, link: link.name,
        node: l.nic.node.name, ifname: l.nic.ifname, reason: l.reason,
      });
    }
    const { receivers, delays } = plan;
    for (let i = 0; i < receivers.length; i++) {
      const duplicate = plan.duplicate !== null && plan.duplicate[i];
      if (delays === null || delays[i] === 0) {
        this.receive(f, receivers[i], duplicate);
      } else {
        this.scheduler.schedule(this.now + delays[i], this.onJittered, { f, nic: receivers[i], duplicate }, jitterLabel);
      }
    }
  };

  private readonly onJittered = (d: Jittered): void => this.receive(d.f, d.nic, d.duplicate);

  private receive(f: InFlight, nic: Nic, duplicate: boolean): void {
    const frameId = f.frameId;
    const decoded = (f.decoded ??= this.decodeShared(f.bytes));
    const node = nic.node;
    if (!this.skip('rx')) this.emit({ type: 'rx', time: this.now, seq: this.seq++, frameId, link: f.link.name, node: node.name, ifname: nic.ifname, duplicate });
    if (decoded.frame === null || decoded.error !== null) {
      const e = decoded.error;
      if (!this.skip('drop')) {
        this.emit({
          type: 'drop', time: this.now, seq: this.seq++, node: node.name, frameId, ifname: nic.ifname,
          reason: e ? `undecodable: ${e.layer} at byte ${e.offset}: ${e.reason}` : 'undecodable frame',
          rule: 'decode',
        });
      }
      return;
    }
    if (decoded.checksumValid === false) {
      if (!this.skip('drop')) {
        this.emit({
          type: 'drop', time: this.now, seq: this.seq++, node: node.name, frameId, ifname: nic.ifname,
          reason: 'ICMPv6 checksum is wrong', rule: 'icmpv6-checksum', rfc: 'RFC 4443 §2.3',
        });
      }
      return;
    }
    this.handle(node, { kind: 'frame', ifname: nic.ifname, frame: decoded.frame }, frameId);
  }
}

function timerLabel(d: TimerData): string {
  return `timer ${d.node.name}:${d.key}`;
}

function arrivalLabel(f: InFlight): string {
  return `frame ${f.frameId} from ${f.sender.label} arrives on ${f.link.name}`;
}

function jitterLabel(d: Jittered): string {
  return `deliver frame ${d.f.frameId} to ${d.nic.label}`;
}

/** Freezes a decoded frame and everything in it except byte arrays (which
 *  cannot be frozen; receivers must still not write to them). */
function deepFreeze(o: object): void {
  if (Object.isFrozen(o)) return;
  Object.freeze(o);
  for (const v of Object.values(o)) {
    if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) deepFreeze(v);
  }
}

