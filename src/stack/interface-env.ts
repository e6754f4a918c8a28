// What the protocol machines of one interface see of it and call back into:
// the InterfaceView (RFC 4861 §5.1's per-interface variables), the
// neighbour cache's hooks and the on-link test of next-hop determination,
// as one object with prototype methods.
//
// Why one class rather than object literals of arrow functions: 100,000
// hosts is a target, and each closure costs a JSFunction per interface —
// under tsx (esbuild keepNames) also a defineProperty('name') that turns it
// into a dictionary-mode object of ~300 bytes. Prototype methods cost
// nothing per instance.

import type { AddressUse, InterfaceView, LinkParameters } from '../nd/interface-view.ts';
import type { Action, Nanos, Random } from '../nd/machine.ts';
import type { AddressUnreachable, NeighborCacheHooks } from '../nd/neighbor-cache.ts';
import type { OnLinkPrefixes } from '../nd/next-hop.ts';
import { inPrefix } from '../packet/address.ts';
import type { Ip6, Mac } from '../packet/types.ts';
import type { InterfaceStack } from './interface.ts';

/** Separates the interface from a machine's own timer key: "eth0|dad:fe80::1". */
export const TIMER_SCOPE_SEP = '|';

/**
 * Scoped timer keys already made, per interface name, shared by every node
 * (all hosts' "eth0|rd:rs" is one string). A key looked up with a string the
 * caller keeps is found by its cached hash; machines keep the keys of their
 * own entries (an address's "dad:…"), so this mostly serves the constant
 * keys, and is simply emptied when it grows past SCOPED_KEYS_MAX.
 */
const scopedKeys = new Map<string, Map<string, string>>();
const SCOPED_KEYS_MAX = 4096;

export class InterfaceEnv implements InterfaceView, NeighborCacheHooks, OnLinkPrefixes {
  readonly ifname: string;
  readonly params: LinkParameters;
  readonly random: Random;
  private readonly keys: Map<string, string>;

  constructor(
    private readonly s: InterfaceStack,
    params: LinkParameters,
    random: Random,
    /** The MAC the NIC came with (Linux dev->perm_addr), for RFC 7217. */
    private readonly permanentMac: Mac,
  ) {
    this.ifname = s.ifname;
    this.params = params;
    this.random = random;
    let keys = scopedKeys.get(s.ifname);
    if (keys === undefined) scopedKeys.set(s.ifname, (keys = new Map()));
    this.keys = keys;
  }

  /** InterfaceView.timerKey: the key as the node's timer table knows it (see scopedKeys). */
  timerKey(local: string): string {
    let k = this.keys.get(local);
    if (k === undefined) {
      if (this.keys.size >= SCOPED_KEYS_MAX) this.keys.clear();
      k = this.ifname + TIMER_SCOPE_SEP + local;
      this.keys.set(local, k);
    }
    return k;
  }

  // ---------------------------------------------------------- InterfaceView

  mac(): Mac {
    return this.s.mac;
  }

  isRouter(): boolean {
    return this.s.config.nd.forwarding === 1;
  }

  addressUse(addr: Ip6): AddressUse | undefined {
    return this.s.addresses.addressUse(addr);
  }

  selectSource(dst: Ip6): Ip6 | null {
    return this.s.addresses.selectSource(dst);
  }

  /** RFC 7217 Net_Iface (AddressTableOptions.netIface). */
  netIface(): Mac {
    return this.permanentMac;
  }

  /** RFC 4861 §6.3.7: the first RS waits for a usable link-local address;
   *  DAD's own random delay already spread hosts out, so none is added
   *  (Linux sends the RS when DAD completes). */
  onLinkLocalReady(_addr: Ip6, now: Nanos, out: Action[]): void {
    this.s.rd.onAddressesChanged(now, out, true);
  }

  // ------------------------------------------------------- neighbour hooks

  addressUnreachable(r: AddressUnreachable, now: Nanos, out: Action[]): void {
    // RFC 4443 §3.1 code 3, in iputils' words ("Destination unreachable:
    // Address unreachable"); the neighbour change says which NSs went unanswered.
    this.s.undeliverable(r.packet, 'Address unreachable', now, out);
  }

  routerLost(router: Ip6, now: Nanos, out: Action[]): void {
    this.s.rd.routers.remove(router, `${router} sent an NA with R=0: it is no longer a router`, 'rd-router-flag-cleared', now, out, 'RFC 4861 §7.2.5');
    this.s.nextHop.invalidateNextHop(router, out);
  }

  neighborFailed(n: Ip6, _now: Nanos, out: Action[]): void {
    this.s.nextHop.invalidateNextHop(n, out);
  }

  /** Linux ipv6_chk_acast_addr: one of this interface's anycast addresses. */
  isAnycast(a: Ip6): boolean {
    return this.s.isAnycast(a);
  }

  /** Linux ipv6_chk_prefix: `a` lies in the prefix of any address on this
   *  interface, whatever its state (the link-local fe80::/64 included). */
  inConfiguredPrefix(a: Ip6): boolean {
    const list = this.s.addresses.entries();
    for (let i = 0; i < list.length; i++) if (inPrefix(a, list[i].address, list[i].prefixLength)) return true;
    return false;
  }

  // ---------------------------------------------------------------- on-link

  /** On-link: prefixes from RAs (§6.3.4), plus the prefix of every address
   *  added by hand without noprefixroute (Linux adds its prefix route). */
  isOnLink(a: Ip6): boolean {
    return (
      this.s.rd.prefixes.isOnLink(a) ||
      this.s.addresses.entries().some((e) => e.origin === 'manual' && !e.noprefixroute && !e.tentative && inPrefix(a, e.address, e.prefixLength))
    );
  }

  /** §6.3.6 reachability as the neighbour cache knows it (IsReachable). */
  isReachable(a: Ip6): boolean | undefined {
    return this.s.neighbors.isReachable(a);
  }

  /** radvd: the link-layer address of an RS sender without SLLA. */
  lookupMac(a: Ip6): Mac | undefined {
    return this.s.neighbors.get(a)?.lladdr ?? undefined;
  }
}
