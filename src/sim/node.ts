// A simulated node: a name, its NICs and one Machine (the node's whole
// protocol stack, see src/nd/machine.ts). The node holds what the simulator
// needs to drive the machine (its timers and random stream) and nothing of
// the protocols: those live in the machine.
//
// Idle nodes are cheap (100,000 on one link is a target): the timer map is
// created on the first setTimer.

import type { Machine, Random } from '../nd/machine.ts';
import { formatMac, parseMac } from '../packet/address.ts';
import type { Mac } from '../packet/types.ts';
import { isGroupMac, type Link, Nic } from './link.ts';
import type { Rng } from './rng.ts';
import type { EventHandle } from './scheduler.ts';

export interface InterfaceSpec {
  /** "eth0", "wlan0"…: unique within the node. */
  ifname: string;
  /** The NIC's unicast MAC, unique on its link. */
  mac: Mac;
  /** Name of the link (broadcast domain) it is plugged into. */
  link: string;
  /** Sniffers and attackers see every frame on the link (default false). */
  promiscuous?: boolean;
  /** Bring the interface up when the run starts (default false: a
   *  scenario's `link-up` action does it). */
  up?: boolean;
}

/** What a machine factory may use to build the node's stack. */
export interface NodeContext {
  readonly name: string;
  /** The node's own stream: `streamFor(seed, name)`. */
  readonly rng: Rng;
  readonly random: Random;
  readonly interfaces: readonly { readonly ifname: string; readonly mac: Mac }[];
}

export interface NodeSpec {
  name: string;
  interfaces: InterfaceSpec[];
  /** The node's stack, or a factory given the node's name, random stream
   *  and interfaces. */
  machine: Machine | ((ctx: NodeContext) => Machine);
}

/** Armed timer of a node: what the scheduler event carries and what the
 *  node's table holds. Re-arming a key reuses its record (a new handle), so
 *  the NUD/DAD/RA timers that are re-armed constantly allocate nothing. */
export interface TimerData {
  node: SimNode;
  key: string;
  /** The scheduler event currently armed for this key. */
  handle: EventHandle;
}

export class SimNode implements NodeContext {
  /** Set once by the simulator when the node is added. */
  interfaces: Nic[] = [];
  machine!: Machine;
  /** Armed timers by key; a key set again replaces its timer (re-arm). */
  timers: Map<string, TimerData> | null = null;

  constructor(
    readonly name: string,
    readonly rng: Rng,
  ) {}

  get random(): Random {
    return this.rng.random;
  }

  /** The NIC named `ifname`, or undefined. */
  nic(ifname: string): Nic | undefined {
    const list = this.interfaces;
    for (let i = 0; i < list.length; i++) if (list[i].ifname === ifname) return list[i];
    return undefined;
  }

  /** The NIC named `ifname`; throws naming the node and its interfaces. */
  requireNic(ifname: string): Nic {
    const n = this.nic(ifname);
    if (!n) {
      const known = this.interfaces.map((i) => i.ifname).join(', ') || 'none';
      throw new Error(`node "${this.name}" has no interface "${ifname}" (it has: ${known})`);
    }
    return n;
  }
}

/** An interface spec checked against the topology, MAC normalised. */
export interface PlannedInterface {
  ifname: string;
  mac: Mac;
  link: Link;
  promiscuous: boolean;
  up: boolean;
}

/** Checks a node's interface specs (names, links, MACs) and returns them
 *  normalised; throws naming the node, interface and problem. */
export function planInterfaces(
  node: string,
  specs: InterfaceSpec[],
  linkOf: (name: string) => Link | undefined,
  knownLinks: () => string,
): PlannedInterface[] {
  const planned: PlannedInterface[] = [];
  for (const s of specs) {
    const where = `node "${node}" interface "${s.ifname}"`;
    if (!s.ifname) throw new Error(`node "${node}": an interface needs a name`);
    if (planned.some((p) => p.ifname === s.ifname)) throw new Error(`${where}: duplicate interface name`);
    const link = linkOf(s.link);
    if (!link) throw new Error(`${where}: unknown link "${s.link}" (links: ${knownLinks()})`);
    const parsed = parseMac(s.mac);
    if (!parsed.ok || parsed.value.length !== 6) throw new Error(`${where}: "${s.mac}" is not a 6-byte MAC address`);
    const mac = formatMac(parsed.value);
    if (isGroupMac(mac)) throw new Error(`${where}: MAC ${mac} has the group (multicast) bit set; a NIC's own address must be unicast`);
    // A MAC already on the link is allowed: cloned VMs sharing one are the
    // DAD collision lesson (RFC 4862 §5.4), and a hub delivers to both.
    planned.push({ ifname: s.ifname, mac, link, promiscuous: s.promiscuous ?? false, up: s.up ?? false });
  }
  return planned;
}

/** "a, b, c and 97 more": the names in a map, for error messages. */
export function known(map: ReadonlyMap<string, unknown>): string {
  if (map.size === 0) return 'none';
  const names = [...map.keys()];
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}
