// One interface of a node: the protocol machines that run on it (neighbour
// cache, router discovery, SLAAC with DAD and MLD, next hop, and radvd on a
// router) wired to one another through the InterfaceView. This is where the
// RFC's conceptual model (RFC 4861 §5.1) becomes one object per interface.

import { initialLinkParameters } from '../nd/config.ts';
import type { InterfaceView, LinkParameters } from '../nd/interface-view.ts';
import type { Action, Nanos, Random } from '../nd/machine.ts';
import { NeighborCache, linkLayerOption } from '../nd/neighbor-cache.ts';
import { NextHop, routerSelector } from '../nd/next-hop.ts';
import { Radvd } from '../nd/radvd.ts';
import type { RadvdConfig } from '../nd/radvd-config.ts';
import { handleRedirect } from '../nd/redirect.ts';
import { RouterDiscovery } from '../nd/router-discovery.ts';
import { AddressTable } from '../slaac/address-table.ts';
import { isMulticast, isUnspecified } from '../packet/address-kind.ts';
import { ALL_NODES, ALL_ROUTERS, prefixOf, solicitedNodeAddress } from '../packet/address.ts';
import type { EthernetFrame, Ip6, Ipv6Packet, Mac } from '../packet/types.ts';
import type { NodeConfig } from './config.ts';
import { InterfaceEnv } from './interface-env.ts';


export interface InterfaceHooks {
  /** A locally originated packet could not be delivered (resolution failed,
   *  no route): the node reports it to whoever sent it (ping). */
  undeliverable(packet: Ipv6Packet, reason: string, now: Nanos, out: Action[]): void;
}

export class InterfaceStack {
  readonly ifname: string;
  private macAddr: Mac;
  up = false;
  readonly params: LinkParameters;
  readonly view: InterfaceView;
  readonly neighbors: NeighborCache;
  readonly rd: RouterDiscovery;
  readonly addresses: AddressTable;
  private nh: NextHop | null = null;
  private readonly env: InterfaceEnv;
  radvd: Radvd | null = null;
  /** Anycast addresses whose solicited-node group this interface joined (syncAnycast). */
  private joinedAnycast: Ip6[] = [];
  /** Inside linkUp's address setup (see onDadCompleted). */
  private bringingUp = false;

  constructor(
    ifname: string,
    mac: Mac,
    readonly config: NodeConfig,
    random: Random,
    private readonly hooks: InterfaceHooks,
    radvdConfig: RadvdConfig | null,
  ) {
    this.ifname = ifname;
    this.macAddr = mac;
    this.params = initialLinkParameters(config.nd, random);
    // One object with prototype methods instead of closures per interface
    // (interface-env.ts says why); the MAC given here is the permanent one.
    const env = new InterfaceEnv(this, this.params, random, mac);
    this.env = env;
    this.view = env;
    this.addresses = new AddressTable({
      view: env,
      config: config.slaac,
      netIface: env.netIface.bind(env),
      onLinkLocalReady: env.onLinkLocalReady.bind(env),
      // Bound only when asked for: most hosts of a large run announce nothing.
      onDadCompleted: config.stack.ndisc_notify ? this.onDadCompleted.bind(this) : undefined,
    });
    this.rd = new RouterDiscovery(env, config.nd);
    this.neighbors = new NeighborCache(env, config.nd, env);
    if (radvdConfig) this.radvd = new Radvd(env, radvdConfig, env);
  }

  /** Next-hop determination (§5.2), made on first use: a host that never
   *  sends a unicast packet (most of a 100,000-host benchmark) needs none. */
  get nextHop(): NextHop {
    return (this.nh ??= new NextHop(this.ifname, this.env, routerSelector(this.rd.routers, this.rd.routes), this.env.isReachable.bind(this.env)));
  }

  /** A locally originated packet could not be delivered (InterfaceHooks). */
  undeliverable(packet: Ipv6Packet, reason: string, now: Nanos, out: Action[]): void {
    this.hooks.undeliverable(packet, reason, now, out);
  }

  get mac(): Mac {
    return this.macAddr;
  }

  // ------------------------------------------------------------- link state

  linkUp(now: Nanos, out: Action[]): void {
    if (this.up) return;
    this.up = true;
    this.bringingUp = true;
    this.addresses.linkUp(now, out);
    this.bringingUp = false;
    // Linux ndisc_netdev_event NETDEV_UP with ndisc_notify: one NA for each
    // address not waiting for DAD (an optimistic link-local, O=0, or one
    // kept nodad); tentative ones are announced when DAD completes.
    if (this.config.stack.ndisc_notify) this.notifyPeers(now, out);
    this.rd.onLinkUp(now, out);
    // A router joins all-routers (RFC 4291 §2.7.1); the address table does
    // the join and its MLD report when the view says we route.
    this.radvd?.start(now, out);
    this.syncAnycast(now, out);
  }

  linkDown(now: Nanos, out: Action[]): void {
    if (!this.up) return;
    this.radvd?.stop(now, out);
    this.up = false;
    this.addresses.linkDown(now, out);
    this.rd.onLinkDown(now, out);
    this.neighbors.clear(now, out);
    this.nh?.clear(out);
    this.syncAnycast(now, out);
  }

  // ---------------------------------------------------------------- anycast

  /**
   * The Subnet-Router anycast addresses (RFC 4291 §2.6.1) a router has, as
   * Linux derives them (addrconf_join_anycast, called for each address that
   * passed DAD while forwarding = 1): the prefix of each address with the
   * rest zero, fe80:: included; none for a /127 or /128 (RFC 6164) or when
   * the prefix is :: itself. A link that is down has none (addrconf_ifdown).
   */
  anycastAddresses(): Ip6[] {
    if (!this.view.isRouter() || !this.up || this.addresses.isIpv6Disabled()) return [];
    const found: Ip6[] = [];
    for (const e of this.addresses.entries()) {
      if (e.tentative && !e.optimistic) continue; // RTM_NEWADDR comes after DAD (optimistic: at once)
      if (e.dadFailed || e.prefixLength >= 127) continue;
      const a = prefixOf(e.address, e.prefixLength);
      if (a !== '::' && !found.includes(a)) found.push(a);
    }
    return found;
  }

  /** Linux ipv6_chk_acast_addr: the anycast addresses as last synced. Every
   *  input that can change addresses (ND messages, DAD and lifetime timers,
   *  link up/down, `ip addr add/del`) ends with syncAnycast, so this list is
   *  current without recomputing prefixes for each packet a router looks at. */
  isAnycast(a: Ip6): boolean {
    return this.joinedAnycast.includes(a);
  }

  /**
   * Brings the anycast memberships in line with the addresses: Linux
   * __ipv6_dev_ac_inc joins the anycast address's solicited-node group
   * (addrconf_join_solict), __ipv6_dev_ac_dec leaves it; MLD counts the
   * users, so fe80:: and 2001:db8::, both ff02::1:ff00:0, join it once.
   * Called after every input that may change addresses; the node stack
   * should call it after `ip addr add/del` too (addressesChanged).
   */
  syncAnycast(now: Nanos, out: Action[]): void {
    if (this.joinedAnycast.length === 0 && !this.view.isRouter()) return; // hosts: nothing to do, quickly
    const want = this.anycastAddresses();
    for (const a of this.joinedAnycast) {
      if (!want.includes(a)) this.addresses.mld.leave(solicitedNodeAddress(a), `anycast ${a} removed`, now, out);
    }
    for (const a of want) {
      if (!this.joinedAnycast.includes(a)) {
        this.addresses.mld.join(solicitedNodeAddress(a), `solicited-node group of Subnet-Router anycast ${a}, RFC 4291 §2.6.1`, now, out);
      }
    }
    this.joinedAnycast = want;
  }

  /** An operator added or removed an address (`ip addr add/del`). */
  addressesChanged(now: Nanos, out: Action[]): void {
    this.syncAnycast(now, out);
  }

  /**
   * `ip link set address`: Linux ndisc_netdev_event NETDEV_CHANGEADDR. With
   * ndisc_notify the node tells its neighbours its new MAC (RFC 4861
   * §7.2.6): ONE unsolicited NA per address (ndisc_send_unsol_na), where the
   * RFC allows up to MAX_NEIGHBOR_ADVERTISEMENT. (Linux also flushes its own
   * neighbour cache there, neigh_changeaddr; not modelled.)
   */
  setMac(mac: Mac, now: Nanos, out: Action[]): void {
    this.macAddr = mac;
    if (this.config.stack.ndisc_notify && this.up) this.notifyPeers(now, out);
  }

  /**
   * Linux ndisc_send_unsol_na, as on NETDEV_NOTIFY_PEERS (a bonding
   * failover, a migrated VM), which sends whatever ndisc_notify says: one
   * NA to ff02::1 for every address of the interface except those still
   * tentative (optimistic ones included, with O=0) or duplicate.
   */
  notifyPeers(now: Nanos, out: Action[]): void {
    if (!this.up || this.addresses.isIpv6Disabled()) return;
    this.neighbors.announce(this.addresses.entries().map((e) => e.address), now, out);
  }

  /**
   * An address passed DAD (or skipped it with accept_dad = 0) while it was
   * tentative, not optimistic: Linux addrconf_dad_completed with send_na
   * sends one unsolicited NA for it when ndisc_notify is set, so a router
   * learns the new address before traffic for it arrives (RFC 9131 §4).
   * Link-local addresses too; an optimistic address, usable since it was
   * made, is not announced here.
   */
  private onDadCompleted(address: Ip6, now: Nanos, out: Action[]): void {
    // Linux runs DAD from a work item, after NETDEV_UP's NAs; here a DAD
    // skipped at link-up (accept_dad = 0) completes inside linkUp, whose
    // NETDEV_UP announcement then covers the address: one NA, not two.
    if (this.bringingUp) return;
    if (this.config.stack.ndisc_notify && this.up) this.neighbors.announce([address], now, out);
  }

  // ------------------------------------------------------------------ input

  /** True when a packet to `dst` is for this interface (unicast we own, or a
   *  group we listen to). */
  accepts(dst: Ip6): boolean {
    if (isMulticast(dst)) {
      if (dst === ALL_NODES) return true;
      if (dst === ALL_ROUTERS) return this.view.isRouter();
      return this.addresses.mld.isMember(dst);
    }
    // A router also takes packets for its anycast addresses (a unicast NS
    // for one, above all).
    return this.addresses.addressUse(dst) !== undefined || this.isAnycast(dst);
  }

  /** One validated ND message (the node already checked validity and
   *  destination). Returns false when the message is not ND. */
  handleNd(frame: EthernetFrame, ip: Ipv6Packet, now: Nanos, out: Action[]): boolean {
    const handled = this.dispatchNd(frame, ip, now, out);
    // DAD outcomes, RAs (accept_ra = 2) and NAs can change the addresses.
    if (handled) this.syncAnycast(now, out);
    return handled;
  }

  private dispatchNd(frame: EthernetFrame, ip: Ipv6Packet, now: Nanos, out: Action[]): boolean {
    const m = ip.icmpv6;
    if (!m || 'unknown' in m) return false;
    switch (m.type) {
      case 133: {
        // RFC 4861 §6.2.6: only routers process RS; hosts silently ignore it.
        if (!this.view.isRouter()) return true;
        if (!isUnspecified(ip.src)) this.neighbors.learn(ip.src, linkLayerOption(m.options, 1), { origin: 'RS' }, now, out);
        this.radvd?.onRouterSolicitation(ip.src, m, now, out);
        return true;
      }
      case 134: {
        if (!this.rd.acceptsRa()) {
          out.push({
            kind: 'drop',
            drop: {
              ifname: this.ifname,
              reason: `RA: ndisc_router_discovery, did not accept ra for dev: ${this.ifname} (${this.view.isRouter() ? 'forwarding is on and accept_ra < 2' : 'accept_ra = 0'})`,
              rule: 'accept-ra',
              rfc: 'RFC 4861 §6.3.4',
            },
          });
          return true;
        }
        if (this.addresses.isIpv6Disabled()) return true;
        const accepted = this.rd.onRouterAdvertisement(ip.src, m, now, out);
        if (!accepted) return true;
        // §6.3.4: the SLLA updates the neighbour cache and IsRouter is set.
        this.neighbors.learn(ip.src, linkLayerOption(m.options, 1), { origin: 'RA', isRouter: true }, now, out);
        this.addresses.onRouterAdvertisement(m, ip.src, now, out);
        return true;
      }
      case 135:
        // DAD sees NSs for its tentative addresses first (RFC 4862 §5.4.3).
        if (this.addresses.onNeighborSolicitation(frame, now, out)) return true;
        if (this.addresses.isIpv6Disabled()) return true;
        this.neighbors.handleNeighborSolicitation(ip, m, now, out);
        return true;
      case 136:
        // drop_unsolicited_na comes first in Linux ndisc_recv_na, before DAD.
        if (this.neighbors.dropsUnsolicited(ip, m, out)) return true;
        if (this.addresses.onNeighborAdvertisement(frame, now, out)) return true;
        if (this.addresses.isIpv6Disabled()) return true;
        this.neighbors.handleNeighborAdvertisement(ip, m, now, out);
        return true;
      case 137:
        handleRedirect({ ifname: this.ifname, config: this.config.nd, nextHop: this.nextHop, neighbors: this.neighbors }, ip, m, now, out);
        return true;
      case 130: // MLD Query (RFC 3810 §6.2): the listener answers, routers' included
      case 131: // another listener's MLDv1 Report: RFC 2710 §4 report suppression
        this.addresses.onMld(frame, now, out);
        return true;
      default:
        return false;
    }
  }

  // ----------------------------------------------------------------- output

  /** Sends a packet this node originates: next-hop determination (§5.2),
   *  then address resolution (§7.2.2) through the neighbour cache. */
  output(packet: Ipv6Packet, now: Nanos, out: Action[]): void {
    if (!this.up || this.addresses.isIpv6Disabled()) {
      this.hooks.undeliverable(packet, `${this.ifname} is down`, now, out);
      return;
    }
    if (isMulticast(packet.dst)) {
      this.neighbors.output(packet, packet.dst, now, out);
      return;
    }
    const r = this.nextHop.resolve(packet.dst, now, out);
    if (!r.ok) {
      this.hooks.undeliverable(packet, `${r.reason} (${r.rfc})`, now, out);
      return;
    }
    this.neighbors.output(packet, r.nextHop, now, out);
  }

  /** Timers of this interface's machines, by the key's prefix. */
  onTimer(key: string, now: Nanos, out: Action[]): void {
    const colon = key.indexOf(':');
    switch (key.slice(0, colon)) {
      case 'nc':
        this.neighbors.handleTimer(key, now, out);
        return;
      case 'rd':
        this.rd.onTimer(key, now, out);
        return;
      case 'radvd':
        this.radvd?.onTimer(key, now, out);
        return;
      case 'dad':
      case 'addr':
        this.addresses.onTimer(key, now, out);
        // DAD done or failed, an address expired: anycast addresses follow.
        this.syncAnycast(now, out);
        return;
      case 'mld':
        this.addresses.onTimer(key, now, out);
        return;
      default:
        throw new Error(`${this.ifname}: no machine owns timer "${key}"`);
    }
  }
}
