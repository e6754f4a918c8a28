// The addresses of one interface and their life (RFC 4862 §5): creation at
// link-up (link-local), from Router Advertisements (ra.ts), by hand
// (`ip addr add`) and as RFC 8981 temporary addresses (temporary.ts); DAD
// (dad.ts); deprecation and expiry in virtual time; link down. Every state
// change is a `notify` action with a reason. Linux net/ipv6/addrconf.c is
// the reference wherever the RFC leaves a choice; each such place says so.

import { addressFromPrefix, solicitedNodeAddress } from '../packet/address.ts';
import type { EthernetFrame, Ip6, Mac, NeighborAdvertisement, NeighborSolicitation, PrefixInformationOption, RouterAdvertisement } from '../packet/types.ts';
import type { AddressUse, InterfaceView } from '../nd/interface-view.ts';
import type { Action, Nanos, StateChange } from '../nd/machine.ts';
import { INFINITE_LIFETIME } from '../nd/constants.ts';
import type { SlaacConfig } from './config.ts';
import { addressState, deprecateAt, invalidAt, lifetimeText, type AddressEntry, type Origin } from './address.ts';
import { armedDadKey, dadStep, dadTimerKey, judgeNa, judgeNs, kickDad, releasedDadKey, type DadEnv } from './dad.ts';
import { eui64InterfaceId, randomBytes, secretFromText, stablePrivacyIid } from './iid.ts';
import { MldListener } from './mld.ts';
import { TableEnv } from './table-env.ts';
import { emptyMap } from '../nd/empty-map.ts';
import { selectSource, type SourceCandidate } from './source-selection.ts';
import { processPrefixInformation } from './ra.ts';
import { onRegenTimer, regenTimerKey, type TemporaryState } from './temporary.ts';
import { dadFailed, dadSucceeded } from './dad-outcome.ts';

export interface AddressTableOptions {
  view: Pick<InterfaceView, 'ifname' | 'mac' | 'params' | 'isRouter' | 'random' | 'timerKey'>;
  config: SlaacConfig;
  /** RFC 7217 Network_ID (e.g. an SSID); none by default, as Linux. */
  networkId?: string;
  /** RFC 7217 Net_Iface. Linux hashes the NIC's permanent (burned-in)
   *  address, dev->perm_addr, so `ip link set address` leaves stable-privacy
   *  addresses alone while a new NIC changes them. Default: the current MAC. */
  netIface?: () => Mac;
  /** Called when a link-local address becomes usable (DAD done): router discovery may start RS. */
  onLinkLocalReady?: (address: Ip6, now: Nanos, out: Action[]) => void;
  /**
   * An address that was tentative (not optimistic) has passed DAD, or
   * skipped it (accept_dad = 0): Linux addrconf_dad_completed with
   * send_na, where the interface sends an unsolicited NA if ndisc_notify.
   */
  onDadCompleted?: (address: Ip6, now: Nanos, out: Action[]) => void;
}

/** What creating an address needs (ipv6_add_addr's struct ifa6_config). */
export interface NewAddress {
  address: Ip6;
  prefixLength: number;
  prefix: Ip6;
  origin: Origin;
  permanent: boolean;
  validLft: number;
  preferredLft: number;
  nodad?: boolean;
  noprefixroute?: boolean;
  mngtmpaddr?: boolean;
  stablePrivacy?: boolean;
  optimistic?: boolean;
  stableCounter?: number;
  temp?: { parent: Ip6; regenerated: boolean };
  /** Lifetimes count from here (temporary addresses use their public address's). */
  tstamp?: Nanos;
  /** Start DAD after this delay (RFC 7217 IDGEN_DELAY), else at once. */
  dadAfter?: Nanos;
  reason: string;
  reasonId: string;
  rfc: string;
}

export interface ManualAddress {
  address: Ip6;
  prefixLength: number;
  nodad?: boolean;
  noprefixroute?: boolean;
  mngtmpaddr?: boolean;
  /** Seconds; absent = forever (the address is then "permanent"). */
  validLft?: number;
  preferredLft?: number;
}

const DEPRECATE = 'addr:deprecate:';
const INVALIDATE = 'addr:invalid:';

export class AddressTable {
  readonly ifname: string;
  readonly config: SlaacConfig;
  readonly view: AddressTableOptions['view'];
  readonly mld: MldListener;
  readonly dadEnv: DadEnv;
  readonly temporary: TemporaryState = { desyncFactor: Infinity, failures: emptyMap(), disabled: false };
  private readonly list: AddressEntry[] = [];
  private seq = 0;
  private up = false;
  private disabled = false;
  private secret: Uint8Array | null = null;
  private allNodesJoined = false;

  constructor(private readonly opts: AddressTableOptions) {
    this.ifname = opts.view.ifname;
    this.config = opts.config;
    this.view = opts.view;
    // DAD's and MLD's view of this table: one object, no closures (table-env.ts).
    const env = new TableEnv(this);
    this.dadEnv = env;
    this.mld = new MldListener(env);
  }

  // ------------------------------------------------------------ queries

  entries(): readonly AddressEntry[] {
    return this.list;
  }

  get(addr: Ip6): AddressEntry | undefined {
    // A loop, not find(): this runs for every DAD timer and ND message.
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i].address === addr) return list[i];
    return undefined;
  }

  addressUse(addr: Ip6): AddressUse | undefined {
    const e = this.get(addr);
    return e && addressState(e);
  }

  selectSource(dst: Ip6): Ip6 | null {
    if (this.disabled) return null;
    const candidates: SourceCandidate[] = [];
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      const state = addressState(e);
      // Only these can be chosen (source-selection.ts): the others need no candidate.
      if (state === 'preferred' || state === 'deprecated' || state === 'optimistic') {
        candidates.push({ address: e.address, prefixLength: e.prefixLength, state, temporary: e.origin === 'temporary' });
      }
    }
    if (candidates.length === 0) return null;
    return selectSource(candidates, dst, { useOptimistic: this.config.use_optimistic === 1, preferTemporary: this.config.use_tempaddr === 2 });
  }

  /** A link-local address past DAD (the source for MLD and RS), or null. */
  usableLinkLocal(): Ip6 | null {
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      if (x.address.startsWith('fe80:') && !x.tentative && !x.dadFailed) return x.address;
    }
    return null;
  }

  /** A timer key as the node's timer table knows it (InterfaceView.timerKey). */
  private timerKey(local: string): string {
    const v = this.view;
    return v.timerKey ? v.timerKey(local) : local;
  }

  /** @internal the hook router discovery gave (dad-outcome.ts calls it). */
  get linkLocalReadyHook(): AddressTableOptions['onLinkLocalReady'] {
    return this.opts.onLinkLocalReady;
  }

  /** @internal the ndisc_notify hook (dad-outcome.ts calls it). */
  get dadCompletedHook(): AddressTableOptions['onDadCompleted'] {
    return this.opts.onDadCompleted;
  }

  /** @internal accept_dad = 2 and a duplicate MAC-based link-local (dad-outcome.ts). */
  markIpv6Disabled(): void {
    this.disabled = true;
  }

  isLinkUp(): boolean {
    return this.up;
  }

  /** True after a duplicate MAC-based link-local with accept_dad = 2 (RFC 4862 §5.4.5). */
  isIpv6Disabled(): boolean {
    return this.disabled;
  }

  /**
   * RFC 4429 restrictions on an optimistic source, for the other machines:
   * no SLLA option in an NS (§2.2) or RS (§2.4) sent from it, and no
   * Override flag in an NA for it (§2.2, Linux ndisc_send_na clears O).
   */
  optimisticRules(addr: Ip6): { sllaInNs: boolean; sllaInRs: boolean; overrideInNa: boolean } {
    const optimistic = this.addressUse(addr) === 'optimistic';
    return { sllaInNs: !optimistic, sllaInRs: !optimistic, overrideInNa: !optimistic };
  }

  /** The RFC 7217 secret: stable_secret, or for addr_gen_mode 3 one drawn once from the node's stream. */
  stableSecret(): Uint8Array {
    if (this.secret === null) {
      this.secret = this.config.stable_secret !== null ? secretFromText(this.config.stable_secret) : randomBytes(this.view.random, 16);
    }
    return this.secret;
  }

  /** The RFC 7217 address in `prefix` with DAD_Counter `counter` (or the next unreserved one). */
  stableAddress(prefix: Ip6, counter: number): { address: Ip6; counter: number } {
    const r = stablePrivacyIid({ prefix, netIface: this.opts.netIface?.() ?? this.view.mac(), networkId: this.opts.networkId, dadCounter: counter, secretKey: this.stableSecret() });
    return { address: addressFromPrefix(prefix, r.iid), counter: r.dadCounter };
  }

  // ------------------------------------------------------------- inputs

  /** Link up (Linux NETDEV_UP): all-nodes, the link-local address, postponed DAD. */
  linkUp(now: Nanos, out: Action[]): void {
    if (this.up) return;
    this.up = true;
    if (this.disabled) return; // Linux: disable_ipv6 stays until cleared.
    this.mld.linkUp(now, out);
    if (!this.allNodesJoined) {
      this.allNodesJoined = true;
      this.mld.join('ff02::1', 'all-nodes, RFC 4861 §7.2.1', now, out);
      if (this.view.isRouter()) this.mld.join('ff02::2', 'all-routers, RFC 4861 §6.2.2', now, out);
    }
    this.addLinkLocal(now, out);
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i].dad.phase === 'postponed') this.runDad(list[i], now, out);
  }

  /**
   * Link down (Linux addrconf_ifdown): every address goes, link-local,
   * SLAAC and manual alike, unless keep_addr_on_down = 1 keeps the
   * permanent non-link-local ones, which then redo DAD at link-up.
   */
  linkDown(now: Nanos, out: Action[]): void {
    if (!this.up) return;
    this.up = false;
    for (const e of [...this.list]) {
      const keep = this.config.keep_addr_on_down === 1 && e.permanent && e.origin !== 'link-local' && !e.address.startsWith('fe80:');
      if (keep) {
        const from = addressState(e);
        out.push({ kind: 'cancelTimer', key: releasedDadKey(e) });
        e.tentative = !e.nodad;
        e.optimistic = false;
        e.dad.phase = 'postponed';
        this.changed(e, from, 'link down: kept (keep_addr_on_down=1); DAD again at link-up', 'link-down-kept', 'RFC 4862 §5.4', now, out);
      } else {
        this.remove(e, 'link down: Linux addrconf_ifdown removes it (keep_addr_on_down=0)', 'link-down', 'RFC 4862 §5.3', now, out);
      }
    }
    this.mld.linkDown(out);
  }

  /** `ip addr add` (Linux inet6_addr_add): DAD unless nodad; never optimistic (RFC 4429 §3.1). */
  addManual(m: ManualAddress, now: Nanos, out: Action[]): { ok: true } | { ok: false; error: string } {
    if (this.get(m.address)) return { ok: false, error: 'RTNETLINK answers: File exists' };
    const valid = m.validLft ?? INFINITE_LIFETIME;
    const preferred = m.preferredLft ?? valid;
    if (valid === 0 || preferred > valid) return { ok: false, error: 'RTNETLINK answers: Invalid argument (valid_lft must be > 0 and ≥ preferred_lft)' };
    if (m.mngtmpaddr && m.prefixLength !== 64) return { ok: false, error: 'RTNETLINK answers: Invalid argument (mngtmpaddr needs a /64)' };
    this.create({
      address: m.address, prefixLength: m.prefixLength, prefix: m.address, origin: 'manual',
      permanent: valid >= INFINITE_LIFETIME, validLft: valid, preferredLft: preferred,
      nodad: m.nodad, noprefixroute: m.noprefixroute, mngtmpaddr: m.mngtmpaddr,
      reason: m.nodad ? 'added by hand (ip addr add … nodad): no DAD' : 'added by hand (ip addr add): DAD first',
      reasonId: 'manual-add', rfc: 'RFC 4862 §5.4',
    }, now, out);
    return { ok: true };
  }

  /** `ip addr del`. */
  deleteAddress(addr: Ip6, now: Nanos, out: Action[]): { ok: true } | { ok: false; error: string } {
    const e = this.get(addr);
    if (!e) return { ok: false, error: 'RTNETLINK answers: Cannot assign requested address' };
    this.remove(e, 'deleted by hand (ip addr del)', 'manual-delete', 'RFC 4862 §5.5.4', now, out);
    return { ok: true };
  }

  /** A validated RA (RFC 4861 §6.1.2) for this interface: its Prefix Information options (RFC 4862 §5.5.3). */
  onRouterAdvertisement(ra: RouterAdvertisement, src: Ip6, now: Nanos, out: Action[]): void {
    if (this.disabled || !this.up || this.view.isRouter()) return;
    const options = ra.options;
    let sllao = false;
    for (let i = 0; i < options.length; i++) if (options[i].type === 1) sllao = true;
    for (let i = 0; i < options.length; i++) {
      const o = options[i];
      if (o.type === 3 && !('unknown' in o)) processPrefixInformation(this, o as PrefixInformationOption, src, sllao, now, out);
    }
  }

  /** A validated NS: true when DAD consumed it (the neighbour cache must not answer). */
  onNeighborSolicitation(frame: EthernetFrame, now: Nanos, out: Action[]): boolean {
    const ns = frame.ipv6?.icmpv6 as NeighborSolicitation | undefined;
    if (!ns || ns.type !== 135 || this.disabled) return false;
    const e = this.get(ns.target);
    if (!e) return false;
    const v = judgeNs(e, frame, ns);
    switch (v.kind) {
      case 'not-dad':
        return false;
      case 'duplicate':
        dadFailed(this, e, v.detail, frame.src, now, out);
        return true;
      case 'looped-back':
        out.push({ kind: 'drop', drop: { ifname: this.ifname, reason: v.reason, rule: 'dad-looped-back', rfc: 'RFC 7527 §4.2' } });
        return true;
      case 'discard':
        out.push({ kind: 'drop', drop: { ifname: this.ifname, reason: v.reason, rule: 'ns-tentative-target', rfc: 'RFC 4862 §5.4.3' } });
        return true;
      case 'bad':
        out.push({ kind: 'drop', drop: { ifname: this.ifname, reason: v.reason, rule: v.rule, rfc: 'RFC 4861 §7.1.1' } });
        return true;
      default: {
        const never: never = v;
        return never;
      }
    }
  }

  /** A validated NA: true when its target is ours (DAD failure, or Linux's "advertised our address"). */
  onNeighborAdvertisement(frame: EthernetFrame, now: Nanos, out: Action[]): boolean {
    const na = frame.ipv6?.icmpv6 as NeighborAdvertisement | undefined;
    if (!na || na.type !== 136 || this.disabled) return false;
    const e = this.get(na.target);
    if (!e) return false;
    const v = judgeNa(e, frame, na, this.ifname);
    if (v.kind === 'duplicate') dadFailed(this, e, v.detail, frame.src, now, out);
    else out.push({ kind: 'drop', drop: { ifname: this.ifname, reason: v.reason, rule: 'na-for-our-address', rfc: 'RFC 4862 §5.4.4' } });
    return true;
  }

  /**
   * A validated MLD Query (type 130, RFC 3810 §6.2) or MLDv1 Report (131,
   * RFC 2710 §4 suppression) on this interface, for the listener. Other MLD
   * types (132 Done, 143 MLDv2 Report) are for routers: a host ignores them.
   */
  onMld(frame: EthernetFrame, now: Nanos, out: Action[]): void {
    if (this.disabled || !this.up) return;
    const t = frame.ipv6?.icmpv6?.type;
    if (t === 130) this.mld.onQuery(frame, now, out);
    else if (t === 131) this.mld.onReport(frame, now, out);
  }

  onTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (key.startsWith('mld:')) return this.mld.onTimer(key, now, out);
    if (key.startsWith('dad:')) {
      const e = this.get(key.slice(4));
      if (e && !this.disabled) this.dadTimer(e, now, out);
      return true;
    }
    if (key.startsWith(DEPRECATE)) {
      const e = this.get(key.slice(DEPRECATE.length));
      const at = e && deprecateAt(e);
      if (e && at != null && !e.deprecated && now >= at) this.deprecate(e, `preferred lifetime ${lifetimeText(e.preferredLft)} elapsed`, 'preferred-lifetime-expired', now, out);
      return true;
    }
    if (key.startsWith(INVALIDATE)) {
      const e = this.get(key.slice(INVALIDATE.length));
      const at = e && invalidAt(e);
      if (e && at != null && now >= at) this.remove(e, `valid lifetime ${lifetimeText(e.validLft)} elapsed: the address is invalid and removed`, 'valid-lifetime-expired', 'RFC 4862 §5.5.4', now, out);
      return true;
    }
    if (key.startsWith('addr:regen:')) {
      const e = this.get(key.slice('addr:regen:'.length));
      if (e) onRegenTimer(this, e, now, out);
      return true;
    }
    return false;
  }

  // ------------------------------------------------- lifecycle (internal)

  /** ipv6_add_addr + addrconf_dad_start. */
  create(n: NewAddress, now: Nanos, out: Action[]): AddressEntry {
    const e: AddressEntry = {
      address: n.address, prefixLength: n.prefixLength, origin: n.origin, seq: this.seq++, prefix: n.prefix,
      permanent: n.permanent, nodad: !!n.nodad, noprefixroute: !!n.noprefixroute, mngtmpaddr: !!n.mngtmpaddr,
      stablePrivacy: !!n.stablePrivacy, optimistic: !!n.optimistic && !n.nodad,
      tentative: !n.nodad, dadFailed: false, deprecated: n.preferredLft === 0,
      validLft: n.validLft, preferredLft: n.preferredLft, tstamp: n.tstamp ?? now, cstamp: now,
      dad: { phase: 'postponed', probesLeft: 0, probesSent: 0, nonce: null, stableCounter: n.stableCounter ?? 0, dadKey: null, deprecateKey: null, invalidKey: null },
      temp: n.temp,
    };
    this.list.push(e);
    this.notify(e.address, null, addressState(e), `${n.reason}`, n.reasonId, n.rfc, out, { origin: n.origin, validLft: n.validLft, preferredLft: n.preferredLft });
    this.armLifetimes(e, now, out);
    this.mld.join(solicitedNodeAddress(e.address), `solicited-node group of ${e.address}, before DAD (RFC 4862 §5.4.2)`, now, out);
    if (n.dadAfter !== undefined && n.dadAfter > 0 && !e.nodad) {
      e.dad.phase = 'predad';
      out.push({ kind: 'setTimer', key: armedDadKey(e, this.dadEnv), at: now + n.dadAfter });
    } else {
      this.runDad(e, now, out);
    }
    return e;
  }

  /** addrconf_dad_begin after the group join: skip, postpone or kick. */
  private runDad(e: AddressEntry, now: Nanos, out: Action[]): void {
    e.dadFailed = false;
    if (!e.tentative || this.config.accept_dad === 0) {
      const why = e.nodad ? 'nodad: no DAD' : `DAD disabled (accept_dad=0)`;
      dadSucceeded(this, e, why, now, out);
      return;
    }
    if (!this.up) {
      e.dad.phase = 'postponed';
      return;
    }
    kickDad(e, this.dadEnv, now, out);
  }

  private dadTimer(e: AddressEntry, now: Nanos, out: Action[]): void {
    if (e.dad.phase === 'predad') {
      this.runDad(e, now, out);
      return;
    }
    if (e.dad.phase !== 'delay' && e.dad.phase !== 'probing') return;
    if (dadStep(e, this.dadEnv, now, out) === 'complete') {
      const n = e.dad.probesSent;
      const why = n === 0 ? 'dad_transmits=0: no probe sent' : `no answer to ${n} DAD probe${n > 1 ? 's' : ''} within RetransTimer ${this.view.params.retransTimerMs} ms each`;
      dadSucceeded(this, e, why, now, out);
    }
  }

  /** (Re)arms the deprecate and invalidate timers after the lifetimes changed. */
  armLifetimes(e: AddressEntry, now: Nanos, out: Action[]): void {
    const dep = deprecateAt(e);
    // Every RA re-arms both timers: their keys are made once and kept on the
    // entry (AddressEntry.dad.deprecateKey), a cancel needs none kept.
    const d = e.dad;
    if (e.deprecated || dep === null) out.push({ kind: 'cancelTimer', key: d.deprecateKey ?? DEPRECATE + e.address });
    else if (dep <= now) this.deprecate(e, e.preferredLft === 0 ? 'preferred lifetime 0' : `preferred lifetime ${lifetimeText(e.preferredLft)} elapsed`, 'preferred-lifetime-expired', now, out);
    else out.push({ kind: 'setTimer', key: (d.deprecateKey ??= this.timerKey(DEPRECATE + e.address)), at: dep });
    const inv = invalidAt(e);
    if (inv === null) out.push({ kind: 'cancelTimer', key: d.invalidKey ?? INVALIDATE + e.address });
    else out.push({ kind: 'setTimer', key: (d.invalidKey ??= this.timerKey(INVALIDATE + e.address)), at: inv });
  }

  deprecate(e: AddressEntry, why: string, reasonId: string, now: Nanos, out: Action[]): void {
    const from = addressState(e);
    e.deprecated = true;
    out.push({ kind: 'cancelTimer', key: e.dad.deprecateKey ?? DEPRECATE + e.address });
    this.changed(e, from, why, reasonId, 'RFC 4862 §5.5.4', now, out);
  }

  /** Removes an address, its timers and its group membership. */
  remove(e: AddressEntry, why: string, reasonId: string, rfc: string, now: Nanos, out: Action[]): void {
    const i = this.list.indexOf(e);
    if (i < 0) return;
    this.list.splice(i, 1);
    const d = e.dad;
    for (const k of [d.dadKey ?? dadTimerKey(e.address), d.deprecateKey ?? DEPRECATE + e.address, d.invalidKey ?? INVALIDATE + e.address, regenTimerKey(e.address)]) out.push({ kind: 'cancelTimer', key: k });
    this.notify(e.address, addressState(e), null, `${addressState(e)} → invalid: ${why}`, reasonId, rfc, out);
    this.mld.leave(solicitedNodeAddress(e.address), `${e.address} removed`, now, out);
  }

  /** Notifies a state change of `e` when its state differs from `from` (or always with `force`). */
  changed(e: AddressEntry, from: AddressUse, why: string, reasonId: string, rfc: string, _now: Nanos, out: Action[], detail: StateChange['detail'] = {}, force = false): void {
    const to = addressState(e);
    if (to === from && !force) return;
    this.notify(e.address, from, to, `${from} → ${to}: ${why}`, reasonId, rfc, out, detail);
  }

  notify(key: Ip6, from: string | null, to: string | null, reason: string, reasonId: string, rfc: string, out: Action[], detail?: StateChange['detail']): void {
    const change: StateChange = { machine: 'address', ifname: this.ifname, key, from, to, reason, rfc, reasonId };
    if (detail) change.detail = detail;
    out.push({ kind: 'notify', change });
  }

  private addLinkLocal(now: Nanos, out: Action[]): void {
    const mode = this.config.addr_gen_mode;
    if (mode === 1) return; // IN6_ADDR_GEN_MODE_NONE: no link-local address at all.
    if (this.list.some((e) => e.origin === 'link-local')) return;
    const optimistic = this.config.optimistic_dad === 1 && !this.view.isRouter();
    let address: Ip6;
    let counter = 0;
    if (mode === 0) address = addressFromPrefix('fe80::', eui64InterfaceId(this.view.mac()));
    else ({ address, counter } = this.stableAddress('fe80::', 0));
    this.create({
      address, prefixLength: 64, prefix: 'fe80::', origin: 'link-local', permanent: true,
      validLft: INFINITE_LIFETIME, preferredLft: INFINITE_LIFETIME, optimistic, stablePrivacy: mode !== 0, stableCounter: counter,
      reason: `link up: link-local address from the ${mode === 0 ? 'modified EUI-64 interface identifier (RFC 4291 App. A)' : 'RFC 7217 stable-privacy identifier'}${optimistic ? ', usable at once (optimistic DAD, RFC 4429)' : ', tentative until DAD ends'}`,
      reasonId: 'link-local-created', rfc: 'RFC 4862 §5.3',
    }, now, out);
  }
}
