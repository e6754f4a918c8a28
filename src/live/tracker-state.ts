// The tracker's tables and the few operations every handler shares: learn a
// MAC ↔ address binding, move an address between states, raise an alert.
// Handlers for ND messages (tracker-nd.ts) and router discovery
// (tracker-router.ts) are plain functions over this state; tracker.ts is the
// public class. Every table is a BoundedMap (tracker-table.ts).

import type { Ip6, Ipv6Packet, LinkLayerAddressOption, Mac, NdOption } from '../packet/types.ts';
import { AlertLimiter, type AlertDraft, type AlertId } from './alerts.ts';
import { liveMessage, renderLive, type LiveText } from './live-text.ts';
import { BoundedMap, DeadlineQueue } from './tracker-table.ts';
import type {
  AddressState,
  AddressView,
  ExchangeView,
  Observation,
  RaParams,
  TableCaps,
  TrackedKind,
  TrackerConfig,
} from './tracker-types.ts';

export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

export interface Host {
  mac: Mac;
  firstSeenNs: number;
  lastSeenNs: number;
  router: boolean;
  addresses: BoundedMap<Ip6, AddressView>;
}

/** Who an address belongs to now, and who had it before (newest first):
 *  a move back to an earlier owner is NDPMon's "flip flop". */
export interface Binding {
  mac: Mac;
  owners: Mac[];
}

export type RouterState = 'default' | 'not-default' | 'expired';

export interface RouterEntry {
  mac: Mac;
  params: RaParams;
  state: RouterState;
  lastRaNs: number;
  raCount: number;
}

export interface PrefixEntry {
  prefix: Ip6;
  length: number;
  router: Mac;
  L: boolean;
  A: boolean;
  validLifetime: number;
  preferredLifetime: number;
  receivedNs: number;
}

export interface DadEntry {
  target: Ip6;
  mac: Mac;
  startNs: number;
  probes: number;
  deadlineNs: number;
  frames: number[];
}

export interface ResolutionEntry {
  requester: Ip6;
  requesterMac: Mac;
  target: Ip6;
  startNs: number;
  solicitations: number;
  deadlineNs: number;
  frames: number[];
}

export interface Solicitation {
  host: Mac;
  frame: number;
  sentNs: number;
}

/** Where results go: the observation being built, its time and frame
 *  (-1 for inferences made by tick). */
export interface Ctx {
  obs: Observation;
  t: number;
  frame: number;
}

/** What a handler needs to know about the frame in hand. */
export interface FrameContext extends Ctx {
  ethSrc: Mac;
  ethDst: Mac;
  ip: Ipv6Packet;
  /** A receiver would discard it (RFC 4861 validity): annotate and alert,
   *  but change no beliefs, as no host on the link would. */
  discard: boolean;
}

export class TrackerState {
  readonly hosts: BoundedMap<Mac, Host>;
  readonly bindings: BoundedMap<Ip6, Binding>;
  readonly routers: BoundedMap<Mac, RouterEntry>;
  readonly prefixes: BoundedMap<string, PrefixEntry>;
  readonly dad: BoundedMap<Ip6, DadEntry>;
  readonly resolutions: BoundedMap<string, ResolutionEntry>;
  readonly solicitations: BoundedMap<Mac, Solicitation>;
  readonly exchanges: BoundedMap<number, ExchangeView>;
  /** DAD probes and resolutions by deadline (expireNd pops what fell due). */
  readonly dadDue: DeadlineQueue<Ip6, DadEntry>;
  readonly resolutionsDue: DeadlineQueue<string, ResolutionEntry>;
  readonly alerts: AlertLimiter;
  addressesEvicted = 0;
  /** Earliest time at which some timer-like inference may fire. */
  nextDeadline = Infinity;

  constructor(readonly config: TrackerConfig) {
    const c = config.caps;
    this.hosts = new BoundedMap(c.hosts);
    this.bindings = new BoundedMap(c.bindings);
    this.routers = new BoundedMap(c.routers);
    this.prefixes = new BoundedMap(c.prefixes);
    this.dad = new BoundedMap(c.dad);
    this.resolutions = new BoundedMap(c.resolutions);
    this.solicitations = new BoundedMap(c.solicitations);
    this.exchanges = new BoundedMap(c.exchanges);
    this.dadDue = new DeadlineQueue(this.dad);
    this.resolutionsDue = new DeadlineQueue(this.resolutions);
    this.alerts = new AlertLimiter({
      intervalNs: config.alertIntervalMs * NS_PER_MS,
      burst: config.alertBurst,
      keyCap: c.alertKeys,
      historyCap: c.alertHistory,
    });
  }

  get retransNs(): number {
    return this.config.retransTimerMs * NS_PER_MS;
  }

  deadline(at: number): void {
    if (at < this.nextDeadline) this.nextDeadline = at;
  }

  /** The host entry for `mac`, created (with a new-station alert) if new. */
  host(mac: Mac, ctx: Ctx): Host {
    let h = this.hosts.get(mac);
    if (h === undefined) {
      h = {
        mac,
        firstSeenNs: ctx.t,
        lastSeenNs: ctx.t,
        router: false,
        addresses: new BoundedMap<Ip6, AddressView>(this.config.caps.addressesPerHost, () => this.addressesEvicted++),
      };
      this.hosts.set(mac, h);
      this.alert(ctx, 'new-station', mac, () => ({ ...liveMessage('live.alert.new-station', { mac }), host: mac }));
    }
    if (ctx.t > h.lastSeenNs) h.lastSeenNs = ctx.t;
    return h;
  }

  alert(ctx: Ctx, id: AlertId, key: string, draft: () => AlertDraft, frames: readonly number[] = [ctx.frame]): void {
    const a = this.alerts.raise(id, key, frames.filter((f) => f >= 0), ctx.t, draft);
    if (a !== null) ctx.obs.alerts.push(a);
  }

  change(
    obs: Observation,
    host: Mac,
    kind: TrackedKind,
    key: string,
    from: string | null,
    to: string | null,
    reasonId: string,
    reasonText: LiveText,
    rfc?: string,
  ): void {
    // The English reason is the tracker's data as before; reasonText lets
    // the annotator word it in another language.
    const reason = renderLive(reasonText, 'en');
    obs.stateChanges.push(rfc === undefined ? { host, kind, key, from, to, reason, reasonId, reasonText } : { host, kind, key, from, to, reason, reasonId, rfc, reasonText });
  }

  /** Sets the state of `address` on host `mac`, reporting the change. */
  setAddress(
    ctx: Ctx,
    mac: Mac,
    address: Ip6,
    state: AddressState,
    learnt: AddressView['learnt'],
    reasonId: string,
    reason: LiveText,
    rfc?: string,
  ): void {
    const h = this.host(mac, ctx);
    const cur = h.addresses.get(address);
    if (cur !== undefined && cur.state === state) return;
    h.addresses.set(address, { address, state, learnt: cur?.learnt ?? learnt, sinceNs: ctx.t });
    this.change(ctx.obs, mac, 'address', address, cur?.state ?? null, state, reasonId, reason, rfc);
  }

  /**
   * Learns that `address` is used by `mac` (an ND source address, an SLLA,
   * an NA target with its TLLA). A change of owner is an alert: back to an
   * earlier owner is a flip-flop, to a new one an address move (the shape of
   * NA spoofing, RFC 4861 §11.1, RFC 3756 §4.1.1).
   */
  bind(ctx: Ctx, address: Ip6, mac: Mac, learnt: AddressView['learnt']): void {
    if (address === '::' || address.startsWith('ff')) return;
    const b = this.bindings.get(address);
    if (b === undefined) {
      this.bindings.set(address, { mac, owners: [mac] });
    } else if (b.mac !== mac) {
      const prev = b.mac;
      const back = b.owners.includes(mac);
      b.mac = mac;
      b.owners = [mac, ...b.owners.filter((m) => m !== mac)].slice(0, 4);
      this.hosts.peek(prev)?.addresses.delete(address);
      this.change(ctx.obs, mac, 'binding', address, prev, mac, back ? 'binding-flip-flop' : 'binding-moved', { key: 'live.reason.binding-moved', vars: { address, from: prev, mac } }, 'RFC 4861 §11.1');
      if (back) {
        this.alert(ctx, 'flip-flop', address, () => ({ ...liveMessage('live.alert.flip-flop', { address, from: prev, mac }), host: mac, address }));
      } else {
        this.alert(ctx, 'address-moved', address, () => ({ ...liveMessage('live.alert.address-moved', { address, from: prev, mac }), host: mac, address }));
      }
    }
    const h = this.host(mac, ctx);
    if (!h.addresses.has(address)) {
      h.addresses.set(address, { address, state: 'in-use', learnt, sinceNs: ctx.t });
      this.change(ctx.obs, mac, 'address', address, null, 'in-use', 'binding-learnt', { key: 'live.reason.binding-learnt', vars: { mac, address } });
    } else {
      h.addresses.get(address); // mark recently used, for LRU eviction
    }
  }

  /** Whether `mac` has ever been seen owning `address`. */
  everUsed(address: Ip6, mac: Mac): boolean {
    const b = this.bindings.peek(address);
    return b !== undefined && b.owners.includes(mac);
  }

  sizes(): Record<keyof TableCaps, number> {
    let perHost = 0;
    for (const h of this.hosts.values()) if (h.addresses.size > perHost) perHost = h.addresses.size;
    return {
      hosts: this.hosts.size,
      addressesPerHost: perHost,
      bindings: this.bindings.size,
      routers: this.routers.size,
      prefixes: this.prefixes.size,
      dad: this.dad.size,
      resolutions: this.resolutions.size,
      solicitations: this.solicitations.size,
      exchanges: this.exchanges.size,
      alertHistory: this.alerts.historySize,
      alertKeys: this.alerts.keyCount,
    };
  }

  evictions(): Record<keyof TableCaps, number> {
    return {
      hosts: this.hosts.evicted,
      addressesPerHost: this.addressesEvicted,
      bindings: this.bindings.evicted,
      routers: this.routers.evicted,
      prefixes: this.prefixes.evicted,
      dad: this.dad.evicted,
      resolutions: this.resolutions.evicted,
      solicitations: this.solicitations.evicted,
      exchanges: this.exchanges.evicted,
      alertHistory: this.alerts.historyEvicted,
      alertKeys: this.alerts.keysEvicted,
    };
  }
}

/** The link-layer address option of `type` (1 SLLA, 2 TLLA) if it is a
 *  6-byte Ethernet address (RFC 2464 §6); other lengths are ignored. */
export function lladdr(options: readonly NdOption[], type: 1 | 2): Mac | undefined {
  for (const o of options) {
    if (o.type === type && !('unknown' in o)) {
      const text = (o as LinkLayerAddressOption).lladdr;
      if (text.length === 17) return text;
    }
  }
  return undefined;
}
