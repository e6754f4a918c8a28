// One Ethernet broadcast domain: who hears a frame, when, and what the link
// loses on the way. The link decides receivers and impairments only; the
// simulator schedules deliveries and writes the trace.
//
// Scale: delivery cost grows with the number of receivers, never with the
// number of NICs. Unicast destinations are found in a Map keyed by MAC, each
// multicast MAC has its own set of joined NICs, and only the broadcast MAC
// (and a group every NIC joined, such as ff02::1's 33:33:00:00:00:01) visits
// everyone. A frame to a multicast MAC nobody joined reaches nobody, as on a
// real switch with MLD snooping or NICs with exact multicast filters
// (RFC 2464 §7 maps each IPv6 group to 33:33 + its low 32 bits).
//
// Receivers are chosen when the frame arrives (after `delay`), by the
// filters and carrier as they are then. A NIC that is down is simply not a
// receiver (an unplugged cable hears nothing; not traced), while a NIC cut
// off by a partition, or missing the frame by modelled loss, is reported
// as a loss so that the trace never hides a frame the model took away.
//
// Impairments draw only from the link's own random stream, in a fixed order
// per receiver (loss, jitter, duplicate, duplicate's jitter), and draw
// nothing when the probability or jitter is 0, so turning an impairment off
// leaves the other draws unchanged.

import type { Nanos } from '../nd/machine.ts';
import { formatMac } from '../packet/address.ts';
import type { Mac } from '../packet/types.ts';
import type { Rng } from './rng.ts';
import type { LossReason } from './trace.ts';
import type { SimNode } from './node.ts';

export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';
export const ETHERNET_HEADER_LEN = 14;
const VLAN_TAG_LEN = 4;
const ETHERTYPE_VLAN = 0x8100;

export interface LinkOptions {
  name: string;
  /** Propagation delay, ns (default 1 µs). */
  delay?: Nanos;
  /** Probability that a receiver misses a given frame (default 0). */
  loss?: number;
  /** Probability that a receiver gets a second copy (default 0). */
  duplicate?: number;
  /** Each delivery waits delay + a uniform integer in [0, jitter] ns, so
   *  frames can overtake each other (default 0: FIFO). */
  jitter?: Nanos;
  /** Largest Ethernet payload (IPv6 packet) in bytes (default 1500). */
  mtu?: number;
  /** Default true. */
  up?: boolean;
}

/** A network interface card: one node's attachment to one link. */
export class Nic {
  /** Carrier: a NIC that is down neither sends nor receives. */
  up = false;
  promiscuous = false;
  /** Partition segment: frames reach only NICs in the sender's segment. */
  segment = 0;
  /** Joined multicast MACs, one entry per join (a MAC joined twice appears
   *  twice: the reference count is the number of entries). A plain array:
   *  hosts join a handful of groups, and 100,000 idle NICs each holding a
   *  Map would cost ~150 bytes apiece. Null until the first join. */
  groups: Mac[] | null = null;
  constructor(
    readonly node: SimNode,
    readonly ifname: string,
    public mac: Mac,
    readonly link: Link,
  ) {}

  /** RFC 6105 RA-Guard: a port the switch trusts to send RAs (a router's). */
  trustedForRa = false;

  /** "node/eth0", for messages. */
  get label(): string {
    return `${this.node.name}/${this.ifname}`;
  }

  /** Whether this NIC's filter passes a frame sent to `dst`. */
  accepts(dst: Mac): boolean {
    return this.promiscuous || dst === this.mac || dst === BROADCAST_MAC || (this.groups !== null && this.groups.includes(dst));
  }

  /** How many times the NIC joined `mac`. */
  joins(mac: Mac): number {
    let n = 0;
    if (this.groups) for (const g of this.groups) if (g === mac) n++;
    return n;
  }
}

/** What the link does with one frame when it arrives. */
export interface TransmitPlan {
  /** Receivers in delivery order; a duplicated delivery lists its NIC twice. */
  receivers: Nic[];
  /** Extra delay (jitter) of each delivery beyond arrival, or null when
   *  every receiver gets the frame on arrival (no impairment configured). */
  delays: Nanos[] | null;
  /** Per receiver: true for the extra copy; null when there are none. */
  duplicate: boolean[] | null;
  /** Receivers that would have accepted the frame but do not get it. */
  losses: { nic: Nic; reason: LossReason }[];
}

/** Whether a MAC is a group address (I/G bit, the low bit of byte 0). */
export function isGroupMac(mac: Mac): boolean {
  // The low bit of the second hex digit (no parseInt: this runs per frame).
  const c = mac.charCodeAt(1) | 0x20;
  const v = c <= 0x39 ? c - 0x30 : c - 0x57;
  return (v & 1) === 1;
}

/** Length of the Ethernet payload of a frame, after an optional 802.1Q tag. */
export function ethernetPayloadLength(bytes: Uint8Array): number {
  if (bytes.length >= ETHERNET_HEADER_LEN + VLAN_TAG_LEN && ((bytes[12] << 8) | bytes[13]) === ETHERTYPE_VLAN) {
    return bytes.length - ETHERNET_HEADER_LEN - VLAN_TAG_LEN;
  }
  return Math.max(0, bytes.length - ETHERNET_HEADER_LEN);
}

export class Link {
  readonly name: string;
  delay: Nanos;
  loss: number;
  duplicate: number;
  jitter: Nanos;
  readonly mtu: number;
  up: boolean;
  /** Every attached NIC, in attachment order. */
  private readonly nics = new Set<Nic>();
  /** NICs by their own MAC. Two NICs may share one (cloned VMs, the DAD
   *  collision lesson): a hub delivers to both, so this holds a list then. */
  private readonly unicast = new Map<Mac, Nic | Nic[]>();
  /** RFC 6105 RA-Guard on this link's switch: RAs entering from a port not
   *  trusted for RAs are dropped at ingress. */
  raGuard = false;
  /** Members of each joined multicast MAC, in join order. A group with one
   *  member (the usual solicited-node group) holds the NIC itself, not a
   *  Set: at 100,000 hosts that saves a Set per host. */
  private readonly multicast = new Map<Mac, Nic | Set<Nic>>();
  private readonly promiscuous = new Set<Nic>();
  private nextSegment = 1;

  constructor(
    opts: LinkOptions,
    private readonly rng: Rng,
  ) {
    this.name = opts.name;
    this.delay = opts.delay ?? 1_000;
    this.loss = opts.loss ?? 0;
    this.duplicate = opts.duplicate ?? 0;
    this.jitter = opts.jitter ?? 0;
    this.mtu = opts.mtu ?? 1500;
    this.up = opts.up ?? true;
    for (const [k, v] of [['loss', this.loss], ['duplicate', this.duplicate]] as const) {
      if (!(v >= 0 && v <= 1)) throw new RangeError(`link "${this.name}": ${k} must be a probability in [0, 1], got ${v}`);
    }
    for (const [k, v] of [['delay', this.delay], ['jitter', this.jitter], ['mtu', this.mtu]] as const) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`link "${this.name}": ${k} must be a non-negative integer, got ${v}`);
    }
  }

  get size(): number {
    return this.nics.size;
  }

  /** The NIC whose own address is `mac`, if any. */
  nicByMac(mac: Mac): Nic | undefined {
    const u = this.unicast.get(mac);
    return u instanceof Nic ? u : u?.[0];
  }

  attach(nic: Nic): void {
    if (isGroupMac(nic.mac)) {
      throw new Error(`${nic.label}: MAC ${nic.mac} has the group (multicast) bit set; a NIC's own address must be unicast`);
    }
    this.addUnicast(nic);
    this.nics.add(nic);
    if (nic.promiscuous) this.promiscuous.add(nic);
    if (nic.groups) for (const mac of new Set(nic.groups)) this.addMember(mac, nic);
  }

  detach(nic: Nic): void {
    if (!this.nics.delete(nic)) return;
    this.removeUnicast(nic);
    this.promiscuous.delete(nic);
    if (nic.groups) for (const mac of new Set(nic.groups)) this.removeMember(mac, nic);
  }

  /** Adds one join of a multicast MAC; returns the join count after it. */
  join(nic: Nic, mac: Mac): number {
    if (!isGroupMac(mac)) throw new Error(`${nic.label}: cannot join ${mac}, not a multicast MAC`);
    const refs = nic.joins(mac) + 1;
    // A new exact-size array (concat) rather than push or spread, which
    // reserve 17 slots: hosts join two or three groups, and there may be
    // 100,000 hosts.
    nic.groups = nic.groups === null ? [mac] : nic.groups.concat(mac);
    if (refs === 1) this.addMember(mac, nic);
    return refs;
  }

  /** Removes one join; the filter stops passing the MAC at zero. Leaving a
   *  group never joined is a machine bug and throws. */
  leave(nic: Nic, mac: Mac): number {
    const groups = nic.groups;
    const at = groups ? groups.lastIndexOf(mac) : -1;
    if (at < 0) throw new Error(`${nic.label}: leaves multicast MAC ${mac} it never joined`);
    groups!.splice(at, 1);
    const refs = nic.joins(mac);
    if (refs === 0) this.removeMember(mac, nic);
    return refs;
  }

  setPromiscuous(nic: Nic, on: boolean): void {
    nic.promiscuous = on;
    if (on) this.promiscuous.add(nic);
    else this.promiscuous.delete(nic);
  }

  /** Cuts `nics` off into a segment of their own (they still hear each
   *  other); returns the segment number. */
  partition(nics: Nic[]): number {
    const seg = this.nextSegment++;
    for (const n of nics) n.segment = seg;
    return seg;
  }

  /** Puts a NIC back in the main segment. */
  rejoin(nic: Nic): void {
    nic.segment = 0;
  }

  /** Checks a frame as it starts on the wire: over the MTU is an error
   *  (throws, naming sender and sizes); a dead link or a sender whose NIC is
   *  down reaches nobody (returns the reason); null means it goes out. */
  checkTransmit(sender: Nic, bytes: Uint8Array): LossReason | null {
    const payload = ethernetPayloadLength(bytes);
    if (payload > this.mtu) {
      throw new Error(
        `${sender.label}: frame of ${bytes.length} bytes carries ${payload} bytes of payload, over link "${this.name}"'s MTU of ${this.mtu}`,
      );
    }
    if (!this.up) return 'link-down';
    if (!sender.up) return 'nic-down';
    return null;
  }

  /** Who gets a frame to `dst` from `sender`, decided when it arrives (after
   *  `delay`): the NICs up, in the sender's segment and whose filter passes
   *  `dst` at that instant, minus modelled loss, plus duplicates. `delays`
   *  are extra delays beyond arrival (jitter). When the link is unimpaired,
   *  `into` (if given) is cleared and filled instead of a new plan. */
  plan(sender: Nic, dst: Mac, into?: TransmitPlan): TransmitPlan {
    const impaired = this.loss > 0 || this.jitter > 0 || this.duplicate > 0;
    let plan: TransmitPlan;
    if (into !== undefined && !impaired) {
      // The simulator's reusable plan for an unimpaired link: the common case
      // allocates nothing per frame (three frames in four reach nobody).
      plan = into;
      plan.receivers.length = 0;
      plan.losses.length = 0;
      plan.delays = null;
      plan.duplicate = null;
    } else {
      plan = { receivers: [], delays: null, duplicate: null, losses: [] };
      if (impaired) {
        plan.delays = [];
        if (this.duplicate > 0) plan.duplicate = [];
      }
    }
    if (dst === BROADCAST_MAC) {
      for (const nic of this.nics) this.visit(plan, sender, nic, impaired);
      return plan; // everyone was visited, promiscuous NICs included
    }
    if (isGroupMac(dst)) {
      const m = this.multicast.get(dst);
      if (m instanceof Nic) this.visit(plan, sender, m, impaired);
      else if (m) for (const nic of m) this.visit(plan, sender, nic, impaired);
    } else {
      const u = this.unicast.get(dst);
      if (u instanceof Nic) this.visit(plan, sender, u, impaired);
      else if (u) for (const nic of u) this.visit(plan, sender, nic, impaired);
    }
    // Sniffers hear what their filter would not have passed.
    if (this.promiscuous.size > 0) for (const nic of this.promiscuous) if (!acceptsByFilter(nic, dst)) this.visit(plan, sender, nic, impaired);
    return plan;
  }

  /** One candidate receiver of a frame from `sender` (a method, not a closure
   *  made per frame: delivery is the hottest path of a large link). */
  private visit(plan: TransmitPlan, sender: Nic, nic: Nic, impaired: boolean): void {
    if (nic === sender || !nic.up) return;
    if (nic.segment !== sender.segment) {
      plan.losses.push({ nic, reason: 'partition' });
      return;
    }
    if (!impaired) {
      plan.receivers.push(nic);
      return;
    }
    if (this.loss > 0 && this.rng.next() < this.loss) {
      plan.losses.push({ nic, reason: 'loss' });
      return;
    }
    this.deliverImpaired(plan, nic, false);
    if (this.duplicate > 0 && this.rng.next() < this.duplicate) this.deliverImpaired(plan, nic, true);
  }

  private deliverImpaired(plan: TransmitPlan, nic: Nic, duplicate: boolean): void {
    plan.receivers.push(nic);
    plan.delays!.push(this.jitter > 0 ? this.rng.int(this.jitter + 1) : 0);
    plan.duplicate?.push(duplicate);
  }

  /** `ip link set dev eth0 address MAC`: the NIC answers to its new MAC. */
  changeMac(nic: Nic, mac: Mac): void {
    if (isGroupMac(mac)) throw new Error(`${nic.label}: MAC ${mac} has the group (multicast) bit set; a NIC's own address must be unicast`);
    this.removeUnicast(nic);
    nic.mac = mac;
    this.addUnicast(nic);
  }

  private addUnicast(nic: Nic): void {
    const u = this.unicast.get(nic.mac);
    if (u === undefined) this.unicast.set(nic.mac, nic);
    else if (u instanceof Nic) this.unicast.set(nic.mac, [u, nic]);
    else u.push(nic);
  }

  private removeUnicast(nic: Nic): void {
    const u = this.unicast.get(nic.mac);
    if (u === nic) this.unicast.delete(nic.mac);
    else if (Array.isArray(u)) {
      const rest = u.filter((n) => n !== nic);
      this.unicast.set(nic.mac, rest.length === 1 ? rest[0] : rest);
    }
  }

  private addMember(mac: Mac, nic: Nic): void {
    const m = this.multicast.get(mac);
    if (m === undefined) this.multicast.set(mac, nic);
    else if (m instanceof Nic) this.multicast.set(mac, new Set([m, nic]));
    else m.add(nic);
  }

  private removeMember(mac: Mac, nic: Nic): void {
    const m = this.multicast.get(mac);
    if (m === nic) {
      this.multicast.delete(mac);
    } else if (m instanceof Set) {
      m.delete(nic);
      if (m.size === 1) this.multicast.set(mac, m.values().next().value!);
    }
  }

  /** Number of NICs whose filter passes `mac` (a multicast MAC). */
  memberCount(mac: Mac): number {
    const m = this.multicast.get(mac);
    return m === undefined ? 0 : m instanceof Nic ? 1 : m.size;
  }
}

/** The filter without promiscuity: was the NIC already visited by lookup? */
function acceptsByFilter(nic: Nic, dst: Mac): boolean {
  return dst === nic.mac || (nic.groups !== null && nic.groups.includes(dst));
}

/** Destination MAC of a frame (its first 6 bytes), lower-case text. Frames
 *  shorter than that have no destination anyone's filter passes. Through
 *  formatMac's cache: the same few MACs recur, and a string seen before has
 *  its hash for the link's maps already computed. */
export function macAt(bytes: Uint8Array, offset = 0): Mac {
  if (bytes.length < offset + 6) return '';
  return formatMac(bytes, offset);
}
