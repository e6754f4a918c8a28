// MLDv2 listener (RFC 3810) with MLDv1 compatibility (RFC 3810 §8.2.1,
// RFC 2710). A node joining a group (the solicited-node group of a
// tentative address, RFC 4862 §5.4.2) tells snooping switches and routers
// with an unsolicited State Change Report, so that the DAD probes of another
// node reach it; a querier's Queries are answered, so that switches keep
// forwarding the group after their membership timeout.
//
// Timing follows Linux net/ipv6/mcast.c: a join or leave sends a report at
// once (mld_ifc_event → mld_ifc_start_work(idev, 1), i.e. at the next
// jiffy), then repeats it Robustness Variable − 1 more times, each after a
// random delay in [0, Unsolicited Report Interval) (RFC 3810 §6.1: "retransmitted
// [Robustness Variable] − 1 more times, at intervals chosen at random from
// the range (0, [Unsolicited Report Interval])"). The report goes from the
// link-local address, or from :: while none is usable (RFC 3810 §5.2.13;
// Linux mld_newpack bans tentative ones, optimistic included). When the
// link-local address finishes DAD, Linux sends every membership again from it
// (ipv6_mc_dad_complete): switches may ignore reports from ::.
//
// Queries (RFC 3810 §6.2, Linux __mld_query_work): a General Query arms one
// interface timer (mld_gq_start_work) whose expiry sends a Current State
// Report of every group (mld_gq_work); an address-specific query arms that
// group's own timer (igmp6_group_queried). An MLDv1 Query puts the interface
// in MLDv1 compatibility mode (mld_set_v1_mode) for the Older Version Querier
// Present Timeout; there, every answer is an MLDv1 Report to the group and a
// leave is an MLDv1 Done to ff02::2.
//
// What a query means (validity, MRC/QQIC, the querier's variables, MLDv1
// mode timing) is in mld-query.ts; the messages sent are built in
// mld-report.ts. This file keeps the memberships and the timers.

import { multicastMac } from '../packet/address.ts';
import { isLinkLocal } from '../packet/address-kind.ts';
import { MLDV2_RECORD_TYPES, type EthernetFrame, type Ip6, type Mac, type MldV1, type MulticastAddressRecord } from '../packet/types.ts';
import { NS_PER_MS, type Action, type Nanos, type Random } from '../nd/machine.ts';
import { emptyMap, writable } from '../nd/empty-map.ts';
import { isReportable, mldv1MaxDelay, MldQuerierState, validQuery } from './mld-query.ts';
import { sendMldv1, sendMldv2Reports } from './mld-report.ts';

export { ALL_NODES, isReportable, maxResponseDelayMs, queryIntervalS } from './mld-query.ts';
export { ALL_MLDV2_ROUTERS, ALL_ROUTERS } from './mld-report.ts';

const TIMER_IFC = 'mld:ifc';
const TIMER_DAD = 'mld:dad';
/** The General Query response (Linux idev->mc_gq_work). */
const TIMER_GQ = 'mld:gq';
/** One group's response timer (Linux ma->mca_work), e.g. "mld:grp:ff02::1:ff33:4455". */
const TIMER_GROUP = 'mld:grp:';

/** Linux mldv1_unsolicited_report_interval default (ms). */
const MLDV1_UNSOLICITED_DEFAULT_MS = 10000;

/** What the listener needs from the interface it runs on. */
export interface MldHost {
  readonly ifname: string;
  mac(): Mac;
  readonly random: Random;
  /** A link-local address usable as source (DAD done), or null for ::. */
  reportSource(): Ip6 | null;
  /** False while the link is down or IPv6 is disabled: nothing is sent. */
  canSend(): boolean;
  /** Robustness Variable (RFC 3810 §9.1): the mld_qrv sysctl. */
  qrv(): number;
  /** Unsolicited Report Interval in ms (RFC 3810 §9.11). */
  unsolicitedReportIntervalMs(): number;
  /** InterfaceView.timerKey, when the interface scopes keys itself. */
  timerKey?(local: string): string;
  /** net.ipv6.conf.<if>.force_mld_version (0 auto, 1 MLDv1 only, 2 MLDv2
   *  only) and mldv1_unsolicited_report_interval (ms), as in SlaacConfig;
   *  absent = the Linux defaults 0 and 10000. */
  readonly config?: { readonly force_mld_version?: number; readonly mldv1_unsolicited_report_interval?: number };
  /** LinkMTU: a Current State Report of many groups is split to fit (Linux add_grec). Default 1500. */
  mtu?(): number;
}

export class MldListener {
  /** Group → number of users (several addresses share a solicited-node group). */
  private readonly members = new Map<Ip6, number>();
  /** State Change records still to be (re)sent, with how many more times. */
  private pending: Map<Ip6, { type: number; left: number }> = emptyMap();
  private ifcLeft = 0;
  private dadLeft = 0;
  /** The querier's variables as last heard, and MLDv1 compatibility mode. */
  private readonly querier: MldQuerierState;
  private gqPending = false;
  /** Group → when its response timer fires (Linux MAF_TIMER_RUNNING + expiry). */
  private responseAt: Map<Ip6, Nanos> = emptyMap();
  /** Groups this node reported last (Linux MAF_LAST_REPORTER): an MLDv1 Done is sent only for them. */
  private lastReporter: Set<Ip6> | null = null;

  constructor(private readonly host: MldHost) {
    this.querier = new MldQuerierState(host);
  }

  isMember(group: Ip6): boolean {
    return this.members.has(group);
  }

  groups(): Ip6[] {
    return [...this.members.keys()];
  }

  /** Robustness Variable: the querier's QRV once heard, else the mld_qrv sysctl. */
  qrv(): number {
    return this.querier.qrv();
  }

  /** Linux mld_in_v1_mode: forced by force_mld_version, or an MLDv1 querier heard recently. */
  inV1Mode(now: Nanos): boolean {
    return this.querier.inV1Mode(now);
  }

  /** Joins `group` (counted); the first join programs the NIC filter and reports. */
  join(group: Ip6, why: string, now: Nanos, out: Action[]): void {
    const n = this.members.get(group) ?? 0;
    this.members.set(group, n + 1);
    if (n > 0) return;
    out.push({ kind: 'joinGroup', ifname: this.host.ifname, mac: multicastMac(group), group });
    const reportable = isReportable(group);
    const v1 = reportable && this.inV1Mode(now);
    out.push({
      kind: 'notify',
      change: {
        machine: 'mld',
        ifname: this.host.ifname,
        key: group,
        from: null,
        to: 'member',
        reason: v1
          ? `joined ${group} (${why}); MLDv1 compatibility mode: unsolicited MLDv1 Report sent twice`
          : reportable
            ? `joined ${group} (${why}); unsolicited MLDv2 Report CHANGE_TO_EXCLUDE sent ${this.qrv()} times`
            : `joined ${group} (${why}); never reported (RFC 3810 §6)`,
        rfc: v1 ? 'RFC 3810 §8.2.1, RFC 2710 §4' : reportable ? 'RFC 3810 §6.1' : 'RFC 3810 §6',
        reasonId: v1 ? 'mld-join-v1' : reportable ? 'mld-join' : 'mld-join-silent',
      },
    });
    if (v1) this.v1Join(group, now, out);
    else if (reportable) this.stateChange(group, MLDV2_RECORD_TYPES.CHANGE_TO_EXCLUDE_MODE, now, out);
  }

  /** Leaves `group` (counted); the last leave reports CHANGE_TO_INCLUDE {} (or MLDv1 Done) and unprograms the NIC. */
  leave(group: Ip6, why: string, now: Nanos, out: Action[]): void {
    const n = this.members.get(group);
    if (n === undefined) return;
    if (n > 1) {
      this.members.set(group, n - 1);
      return;
    }
    this.members.delete(group);
    out.push({ kind: 'leaveGroup', ifname: this.host.ifname, mac: multicastMac(group), group });
    out.push({
      kind: 'notify',
      change: { machine: 'mld', ifname: this.host.ifname, key: group, from: 'member', to: null, reason: `left ${group} (${why})`, rfc: 'RFC 3810 §6.1', reasonId: 'mld-leave' },
    });
    // igmp6_group_dropped: the group's response timer goes with it.
    if (this.responseAt.delete(group)) out.push({ kind: 'cancelTimer', key: TIMER_GROUP + group });
    const last = this.lastReporter?.delete(group) ?? false;
    if (!isReportable(group)) this.pending.delete(group);
    else if (!this.inV1Mode(now)) this.stateChange(group, MLDV2_RECORD_TYPES.CHANGE_TO_INCLUDE_MODE, now, out);
    // igmp6_leave_group: RFC 2710 §4 lets a node whose last Report was
    // suppressed by another's stay silent; Linux sends Done only if it was
    // the last reporter.
    else if (last && this.host.canSend()) sendMldv1(this.host, 132, group, `left ${group}; this node sent the last Report (RFC 2710 §4)`, out);
  }

  /** Link up: Linux ipv6_mc_up forgets the querier (ipv6_mc_reset) and reports every membership again. */
  linkUp(now: Nanos, out: Action[]): void {
    this.querier.reset(out);
    const v1 = this.inV1Mode(now);
    let any = false;
    for (const g of this.members.keys()) {
      if (!isReportable(g)) continue;
      if (v1) {
        this.v1Join(g, now, out);
        continue;
      }
      (this.pending = writable(this.pending)).set(g, { type: MLDV2_RECORD_TYPES.CHANGE_TO_EXCLUDE_MODE, left: this.qrv() });
      any = true;
    }
    if (any) this.kickIfc(now, out);
  }

  /** Link down: nothing more is sent; memberships stay (Linux ipv6_mc_down stops every timer). */
  linkDown(out: Action[]): void {
    this.pending.clear();
    this.ifcLeft = 0;
    this.dadLeft = 0;
    out.push({ kind: 'cancelTimer', key: TIMER_IFC }, { kind: 'cancelTimer', key: TIMER_DAD });
    if (this.gqPending) {
      this.gqPending = false;
      out.push({ kind: 'cancelTimer', key: TIMER_GQ });
    }
    for (const g of this.responseAt.keys()) out.push({ kind: 'cancelTimer', key: TIMER_GROUP + g });
    this.responseAt = emptyMap();
    this.lastReporter = null;
  }

  /** The link-local address became usable: report everything from it (Linux ipv6_mc_dad_complete). */
  linkLocalReady(now: Nanos, out: Action[]): void {
    this.dadLeft = this.qrv();
    this.sendInitial(now, out);
  }

  /**
   * A Multicast Listener Query (type 130) received on this interface
   * (Linux igmp6_event_query → __mld_query_work), once validQuery
   * (mld-query.ts) has checked it as RFC 3810 §6.2 and Linux demand.
   */
  onQuery(frame: EthernetFrame, now: Nanos, out: Action[]): void {
    const query = validQuery(frame);
    if (!query) return;
    const { src, q, group, general } = query;
    // RFC 3810 §8.1 (RFC 2710 §3.7): a 24-byte query is MLDv1; the decoder
    // gives it no v2 fields.
    const v2 = q.v2;
    let maxDelay: Nanos;
    if (v2 === undefined || this.inV1Mode(now)) {
      // Linux mld_process_v1.
      if (v2 === undefined && this.querier.ignoresV1Query(src, out)) return;
      maxDelay = mldv1MaxDelay(q);
      if (v2 === undefined) this.querier.setV1Mode(src, now, out);
      this.stopV2Work(out);
    } else {
      // Linux mld_process_v2.
      maxDelay = this.querier.heardV2Query(q.maxResponseDelay, v2);
      if (general) {
        if (v2.sources.length > 0) return; // a General Query has no sources: ignored
        this.startGeneralResponse(maxDelay, now, out);
        return;
      }
    }
    // MLDv1 queries, and MLDv2 Multicast Address (and Source) Specific
    // Queries: per-group timers. Every membership here is an any-source join
    // (EXCLUDE {}), which listens to every queried source, so a
    // source-specific query is answered like an address-specific one (Linux
    // mld_xmarksources finds nothing excluded).
    if (general) {
      for (const g of this.members.keys()) this.groupQueried(g, maxDelay, now, out);
    } else if (this.members.has(group)) {
      this.groupQueried(group, maxDelay, now, out);
    }
  }

  /**
   * An MLDv1 Report (type 131) heard from another listener (Linux
   * __mld_report_work): RFC 2710 §4 report suppression. Our pending report
   * for that group is cancelled and we are no longer its last reporter (so
   * we will not send Done). Linux does this whatever the compatibility mode.
   */
  onReport(frame: EthernetFrame, _now: Nanos, out: Action[]): void {
    const ip = frame.ipv6;
    const r = ip?.icmpv6 as MldV1 | undefined;
    if (!ip || !r || r.type !== 131 || frame.src === this.host.mac()) return; // our own looped back
    if (ip.src !== '::' && !isLinkLocal(ip.src)) return;
    const g = r.multicastAddress;
    if (!this.members.has(g)) return;
    if (this.responseAt.delete(g)) out.push({ kind: 'cancelTimer', key: TIMER_GROUP + g });
    this.lastReporter?.delete(g);
  }

  onTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (key === TIMER_IFC) {
      if (this.ifcLeft > 0) this.ifcRound(now, out);
      return true;
    }
    if (key === TIMER_DAD) {
      if (this.dadLeft > 0) this.sendInitial(now, out);
      return true;
    }
    if (key === TIMER_GQ) {
      if (this.gqPending) this.generalResponse(out);
      return true;
    }
    if (this.querier.onTimer(key, now, out)) return true;
    if (key.startsWith(TIMER_GROUP)) {
      this.groupResponse(key.slice(TIMER_GROUP.length), now, out);
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------ queries

  /** mld_process_v1: no MLDv2 General Query response nor State Change retransmission in MLDv1 mode. */
  private stopV2Work(out: Action[]): void {
    if (this.gqPending) {
      this.gqPending = false;
      out.push({ kind: 'cancelTimer', key: TIMER_GQ });
    }
    if (this.ifcLeft > 0 || this.pending.size > 0) {
      this.pending = emptyMap();
      this.ifcLeft = 0;
      out.push({ kind: 'cancelTimer', key: TIMER_IFC });
    }
  }

  /**
   * mld_gq_start_work: the response to a General Query is due after a
   * random delay in [0, Maximum Response Delay) (RFC 3810 §6.2). One timer
   * per interface: a later General Query re-draws it (Linux
   * mod_delayed_work) where RFC 3810 §6.2 rule 1 would keep an earlier one.
   */
  private startGeneralResponse(maxDelay: Nanos, now: Nanos, out: Action[]): void {
    this.gqPending = true;
    out.push({ kind: 'setTimer', key: this.key(TIMER_GQ), at: now + this.randomBelow(maxDelay) });
  }

  /** igmp6_group_queried: arm the group's timer, keeping an earlier expiry (RFC 3810 §6.2 rule 3). */
  private groupQueried(g: Ip6, maxDelay: Nanos, now: Nanos, out: Action[]): void {
    if (!isReportable(g)) return;
    const running = this.responseAt.get(g);
    if (running !== undefined && running - now < maxDelay) return;
    const at = now + this.randomBelow(maxDelay);
    (this.responseAt = writable(this.responseAt)).set(g, at);
    out.push({ kind: 'setTimer', key: TIMER_GROUP + g, at });
  }

  /** igmp6_join_group: an MLDv1 Report now and once more within mldv1_unsolicited_report_interval. */
  private v1Join(g: Ip6, now: Nanos, out: Action[]): void {
    if (!this.host.canSend()) return;
    sendMldv1(this.host, 131, g, 'unsolicited, on join (RFC 2710 §4; MLDv1 compatibility mode, RFC 3810 §8.2.1)', out);
    (this.lastReporter ??= new Set()).add(g);
    if (this.responseAt.has(g)) return;
    const ms = this.host.config?.mldv1_unsolicited_report_interval ?? MLDV1_UNSOLICITED_DEFAULT_MS;
    const at = now + this.randomBelow(Math.max(ms, 1) * NS_PER_MS);
    (this.responseAt = writable(this.responseAt)).set(g, at);
    out.push({ kind: 'setTimer', key: TIMER_GROUP + g, at });
  }

  /** mld_mca_work: the group's timer fired: an MLDv1 Report in MLDv1 mode, else a one-record Current State Report. */
  private groupResponse(g: Ip6, now: Nanos, out: Action[]): void {
    if (!this.responseAt.delete(g) || !this.members.has(g) || !this.host.canSend()) return;
    if (this.responseAt.size === 0) this.responseAt = emptyMap();
    if (this.inV1Mode(now)) sendMldv1(this.host, 131, g, 'for a Query (RFC 2710 §4; MLDv1 compatibility mode, RFC 3810 §8.2.1)', out);
    else sendMldv2Reports(this.host, [{ recordType: MLDV2_RECORD_TYPES.MODE_IS_EXCLUDE, multicastAddress: g, sources: [] }], 'Current State Report for a Multicast Address Specific Query (RFC 3810 §6.3)', out);
    (this.lastReporter ??= new Set()).add(g);
  }

  /** mld_gq_work → mld_send_report(idev, NULL): MODE_IS_EXCLUDE {} for every reportable group. */
  private generalResponse(out: Action[]): void {
    this.gqPending = false;
    if (!this.host.canSend()) return;
    const records: MulticastAddressRecord[] = [];
    for (const g of this.members.keys()) {
      if (isReportable(g)) records.push({ recordType: MLDV2_RECORD_TYPES.MODE_IS_EXCLUDE, multicastAddress: g, sources: [] });
    }
    if (records.length) sendMldv2Reports(this.host, records, 'Current State Report for a General Query (RFC 3810 §6.3)', out);
  }

  // ------------------------------------------------------ state changes

  private stateChange(group: Ip6, type: number, now: Nanos, out: Action[]): void {
    (this.pending = writable(this.pending)).set(group, { type, left: this.qrv() });
    this.kickIfc(now, out);
  }

  private kickIfc(now: Nanos, out: Action[]): void {
    this.ifcLeft = this.qrv();
    this.ifcRound(now, out);
  }

  // One round of mld_ifc_work: send the pending records, then re-arm.
  private ifcRound(now: Nanos, out: Action[]): void {
    if (!this.host.canSend()) {
      this.pending.clear();
      this.ifcLeft = 0;
      return;
    }
    const records: MulticastAddressRecord[] = [];
    for (const [group, p] of this.pending) {
      records.push({ recordType: p.type, multicastAddress: group, sources: [] });
      if (--p.left <= 0) this.pending.delete(group);
    }
    if (this.pending.size === 0) this.pending = emptyMap(); // give the table back (empty-map.ts)
    if (records.length) sendMldv2Reports(this.host, records, 'unsolicited State Change Report (RFC 3810 §6.1)', out);
    this.ifcLeft--;
    if (this.ifcLeft > 0 && this.pending.size > 0) out.push({ kind: 'setTimer', key: this.key(TIMER_IFC), at: now + this.randomInterval() });
    else this.ifcLeft = 0;
  }

  private sendInitial(now: Nanos, out: Action[]): void {
    // mld_send_initial_cr sends nothing in MLDv1 mode.
    if (!this.host.canSend() || this.inV1Mode(now)) {
      this.dadLeft = 0;
      return;
    }
    const records: MulticastAddressRecord[] = [];
    for (const g of this.members.keys()) {
      if (isReportable(g)) records.push({ recordType: MLDV2_RECORD_TYPES.CHANGE_TO_EXCLUDE_MODE, multicastAddress: g, sources: [] });
    }
    if (records.length) sendMldv2Reports(this.host, records, 'memberships reported again from the link-local address now that DAD is done (Linux ipv6_mc_dad_complete)', out);
    this.dadLeft--;
    if (this.dadLeft > 0 && records.length) out.push({ kind: 'setTimer', key: this.key(TIMER_DAD), at: now + this.randomInterval() });
    else this.dadLeft = 0;
  }

  // -------------------------------------------------------------- output

  /** A constant timer key, scoped when the interface scopes (one shared string). */
  private key(local: string): string {
    return this.host.timerKey ? this.host.timerKey(local) : local;
  }

  private randomInterval(): Nanos {
    return Math.floor(this.host.random() * this.host.unsolicitedReportIntervalMs() * NS_PER_MS);
  }

  /** Uniform in [0, n) (Linux prandom_u32() % n). */
  private randomBelow(n: Nanos): Nanos {
    return Math.floor(this.host.random() * n);
  }
}
