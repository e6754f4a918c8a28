// MLDv2 listener (RFC 3810), only as much as DAD needs: a node joining a
// group (the solicited-node group of a tentative address, RFC 4862 §5.4.2)
// tells snooping switches and routers with an unsolicited State Change
// Report, so that the DAD probes of another node reach it.
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
// Queries are not answered: ndsim routers do not query.

import { icmpv6Frame } from '../packet/build.ts';
import { multicastMac } from '../packet/address.ts';
import { MLDV2_RECORD_TYPES, type Ip6, type Mac, type MulticastAddressRecord } from '../packet/types.ts';
import { NS_PER_MS, type Action, type Nanos, type Random } from '../nd/machine.ts';
import { emptyMap, writable } from '../nd/empty-map.ts';

/** All MLDv2-capable routers (RFC 3810 §5.2.14): where reports go. */
export const ALL_MLDV2_ROUTERS = 'ff02::16';
export const ALL_NODES = 'ff02::1';

const TIMER_IFC = 'mld:ifc';
const TIMER_DAD = 'mld:dad';

/** What the listener needs from the interface it runs on. */
export interface MldHost {
  readonly ifname: string;
  mac(): Mac;
  readonly random: Random;
  /** A link-local address usable as source (DAD done), or null for ::. */
  reportSource(): Ip6 | null;
  /** False while the link is down or IPv6 is disabled: nothing is sent. */
  canSend(): boolean;
  /** Robustness Variable (RFC 3810 §9.1). */
  qrv(): number;
  /** Unsolicited Report Interval in ms (RFC 3810 §9.11). */
  unsolicitedReportIntervalMs(): number;
  /** InterfaceView.timerKey, when the interface scopes keys itself. */
  timerKey?(local: string): string;
}

/**
 * RFC 3810 §6: "MLD messages are never sent for multicast addresses whose
 * scope is 0 (reserved) or 1 (node-local)", and "the link-scope all-nodes
 * address (FF02::1) is handled as a special case": no report either.
 */
export function isReportable(group: Ip6): boolean {
  if (group === ALL_NODES) return false;
  // Canonical text: "ffXY:…" where Y is the scope nibble (read without
  // split/parseInt: this runs for every membership of every report).
  if (group.indexOf(':') !== 4) return false; // scope 0
  const c = group.charCodeAt(3) | 0x20;
  const scope = c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : 0;
  return scope >= 2;
}

export class MldListener {
  /** Group → number of users (several addresses share a solicited-node group). */
  private readonly members = new Map<Ip6, number>();
  /** State Change records still to be (re)sent, with how many more times. */
  private pending: Map<Ip6, { type: number; left: number }> = emptyMap();
  private ifcLeft = 0;
  private dadLeft = 0;

  constructor(private readonly host: MldHost) {}

  isMember(group: Ip6): boolean {
    return this.members.has(group);
  }

  groups(): Ip6[] {
    return [...this.members.keys()];
  }

  /** Joins `group` (counted); the first join programs the NIC filter and reports. */
  join(group: Ip6, why: string, now: Nanos, out: Action[]): void {
    const n = this.members.get(group) ?? 0;
    this.members.set(group, n + 1);
    if (n > 0) return;
    out.push({ kind: 'joinGroup', ifname: this.host.ifname, mac: multicastMac(group), group });
    const reportable = isReportable(group);
    out.push({
      kind: 'notify',
      change: {
        machine: 'mld',
        ifname: this.host.ifname,
        key: group,
        from: null,
        to: 'member',
        reason: reportable
          ? `joined ${group} (${why}); unsolicited MLDv2 Report CHANGE_TO_EXCLUDE sent ${this.host.qrv()} times`
          : `joined ${group} (${why}); never reported (RFC 3810 §6)`,
        rfc: reportable ? 'RFC 3810 §6.1' : 'RFC 3810 §6',
        reasonId: reportable ? 'mld-join' : 'mld-join-silent',
      },
    });
    if (reportable) this.stateChange(group, MLDV2_RECORD_TYPES.CHANGE_TO_EXCLUDE_MODE, now, out);
  }

  /** Leaves `group` (counted); the last leave reports CHANGE_TO_INCLUDE {} and unprograms the NIC. */
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
    if (isReportable(group)) this.stateChange(group, MLDV2_RECORD_TYPES.CHANGE_TO_INCLUDE_MODE, now, out);
    else this.pending.delete(group);
  }

  /** Link up: Linux ipv6_mc_up reports every membership again. */
  linkUp(now: Nanos, out: Action[]): void {
    let any = false;
    for (const g of this.members.keys()) {
      if (!isReportable(g)) continue;
      (this.pending = writable(this.pending)).set(g, { type: MLDV2_RECORD_TYPES.CHANGE_TO_EXCLUDE_MODE, left: this.host.qrv() });
      any = true;
    }
    if (any) this.kickIfc(now, out);
  }

  /** Link down: nothing more is sent; memberships stay (Linux ipv6_mc_down). */
  linkDown(out: Action[]): void {
    this.pending.clear();
    this.ifcLeft = 0;
    this.dadLeft = 0;
    out.push({ kind: 'cancelTimer', key: TIMER_IFC }, { kind: 'cancelTimer', key: TIMER_DAD });
  }

  /** The link-local address became usable: report everything from it (Linux ipv6_mc_dad_complete). */
  linkLocalReady(now: Nanos, out: Action[]): void {
    this.dadLeft = this.host.qrv();
    this.sendInitial(now, out);
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
    return false;
  }

  private stateChange(group: Ip6, type: number, now: Nanos, out: Action[]): void {
    (this.pending = writable(this.pending)).set(group, { type, left: this.host.qrv() });
    this.kickIfc(now, out);
  }

  private kickIfc(now: Nanos, out: Action[]): void {
    this.ifcLeft = this.host.qrv();
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
    if (records.length) this.send(records, 'unsolicited State Change Report (RFC 3810 §6.1)', out);
    this.ifcLeft--;
    if (this.ifcLeft > 0 && this.pending.size > 0) out.push({ kind: 'setTimer', key: this.key(TIMER_IFC), at: now + this.randomInterval() });
    else this.ifcLeft = 0;
  }

  private sendInitial(now: Nanos, out: Action[]): void {
    if (!this.host.canSend()) {
      this.dadLeft = 0;
      return;
    }
    const records: MulticastAddressRecord[] = [];
    for (const g of this.members.keys()) {
      if (isReportable(g)) records.push({ recordType: MLDV2_RECORD_TYPES.CHANGE_TO_EXCLUDE_MODE, multicastAddress: g, sources: [] });
    }
    if (records.length) this.send(records, 'memberships reported again from the link-local address now that DAD is done (Linux ipv6_mc_dad_complete)', out);
    this.dadLeft--;
    if (this.dadLeft > 0 && records.length) out.push({ kind: 'setTimer', key: this.key(TIMER_DAD), at: now + this.randomInterval() });
    else this.dadLeft = 0;
  }

  /** A constant timer key, scoped when the interface scopes (one shared string). */
  private key(local: string): string {
    return this.host.timerKey ? this.host.timerKey(local) : local;
  }

  private randomInterval(): Nanos {
    return Math.floor(this.host.random() * this.host.unsolicitedReportIntervalMs() * NS_PER_MS);
  }

  private send(records: MulticastAddressRecord[], why: string, out: Action[]): void {
    const src = this.host.reportSource() ?? '::';
    const frame = icmpv6Frame(this.host.mac(), src, ALL_MLDV2_ROUTERS, { type: 143, code: 0, records }, { hopLimit: 1, routerAlert: true });
    out.push({ kind: 'send', ifname: this.host.ifname, frame, why: `MLDv2 Report: ${why}` });
  }
}
