// What a Multicast Listener Query means to the MLD listener (RFC 3810 §5.1,
// §6.2, §8.2.1, §9): whether a query is valid, how its Maximum Response Code
// and QQIC decode, which groups are ever reported, and the querier's
// variables the listener keeps (Linux idev->mc_qrv, mc_qi, mc_qri,
// mc_v1_seen), including MLDv1 compatibility mode. The listener
// (MldListener, mld.ts) holds one MldQuerierState and answers the queries.

import { isLinkLocal } from '../packet/address-kind.ts';
import type { EthernetFrame, Ip6, Ipv6Packet, MldV1 } from '../packet/types.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos } from '../nd/machine.ts';
import type { MldHost } from './mld.ts';

import { ALL_NODES } from '../packet/address.ts';
export { ALL_NODES };

/** End of MLDv1 compatibility mode, only to tell the trace (Linux checks mc_v1_seen lazily). */
const TIMER_V1 = 'mld:v1';

/** RFC 3810 §9.2/§9.3 defaults (Linux MLD_QI_DEFAULT, MLD_QRI_DEFAULT). */
const QUERY_INTERVAL_DEFAULT: Nanos = 125 * NS_PER_S;
const QUERY_RESPONSE_INTERVAL_DEFAULT: Nanos = 10 * NS_PER_S;
/** An MLDv2 query read in MLDv1 mode: its code taken as ms, capped (Linux MLDV1_MRD_MAX_COMPAT). */
const MLDV1_MRD_MAX_COMPAT = 0x7fff;

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

/** RFC 3810 §5.1.3: Maximum Response Code → Maximum Response Delay, ms (Linux mldv2_mrc). */
export function maxResponseDelayMs(code: number): number {
  if (code < 0x8000) return code;
  return ((code & 0x0fff) | 0x1000) << (((code >> 12) & 7) + 3);
}

/** RFC 3810 §5.1.9: QQIC → Querier's Query Interval, s (Linux mld_update_qi). */
export function queryIntervalS(qqic: number): number {
  if (qqic < 128) return qqic;
  return ((qqic & 0x0f) | 0x10) << (((qqic >> 4) & 7) + 3);
}

/** RFC 2711 Router Alert with value 0 ("MLD message"), as Linux __mld_query_work demands. */
function hasMldRouterAlert(ip: Ipv6Packet): boolean {
  for (const h of ip.extensionHeaders) {
    if (h.kind !== 'hop-by-hop') continue;
    for (const o of h.options) if (o.type === 5 && o.data.length === 2 && o.data[0] === 0 && o.data[1] === 0) return true;
  }
  return false;
}

/** A query that passed the checks of validQuery. */
export interface ValidQuery {
  readonly src: Ip6;
  readonly q: MldV1;
  /** The queried group, or :: for a General Query. */
  readonly group: Ip6;
  readonly general: boolean;
}

/**
 * A Multicast Listener Query (type 130), or null if it is to be ignored.
 * The node has checked the ICMPv6 layer; the RFC 3810 §6.2 validity checks
 * are repeated here as Linux __mld_query_work does: a query is dropped
 * unless it comes from a link-local address (§5.1.14), with hop limit 1 and
 * a Router Alert option.
 */
export function validQuery(frame: EthernetFrame): ValidQuery | null {
  const ip = frame.ipv6;
  const q = ip?.icmpv6 as MldV1 | undefined;
  if (!ip || !q || q.type !== 130) return null;
  if (!isLinkLocal(ip.src) || ip.hopLimit !== 1 || !hasMldRouterAlert(ip)) return null;
  const group = q.multicastAddress;
  const general = group === '::';
  if (!general && !group.startsWith('ff')) return null; // neither :: nor a group: ignored
  return { src: ip.src, q, group, general };
}

/** Linux mld_process_v1: the Maximum Response Delay of a query answered in MLDv1 mode, ns. */
export function mldv1MaxDelay(q: MldV1): Nanos {
  const ms = q.v2 === undefined ? q.maxResponseDelay : Math.min(q.maxResponseDelay, MLDV1_MRD_MAX_COMPAT);
  return Math.max(ms, 1) * NS_PER_MS;
}

/** What the querier state needs from the interface (a part of MldHost). */
export type QuerierHost = Pick<MldHost, 'ifname' | 'qrv' | 'config' | 'timerKey'>;

/**
 * The querier's variables as last heard (Linux idev->mc_qrv, mc_qi, mc_qri,
 * mc_v1_seen), reset at link up (ipv6_mc_reset), and MLDv1 compatibility
 * mode (RFC 3810 §8.2.1) with the trace's notices of its start and end.
 */
export class MldQuerierState {
  private querierQrv: number | null = null;
  private qi: Nanos = QUERY_INTERVAL_DEFAULT;
  private qri: Nanos = QUERY_RESPONSE_INTERVAL_DEFAULT;
  private v1Seen: Nanos = 0;
  /** The trace was told of MLDv1 compatibility mode and not yet of its end. */
  private v1Told = false;

  constructor(private readonly host: QuerierHost) {}

  /** Robustness Variable: the querier's QRV once heard, else the mld_qrv sysctl. */
  qrv(): number {
    return this.querierQrv ?? this.host.qrv();
  }

  /** Linux mld_in_v1_mode: forced by force_mld_version, or an MLDv1 querier heard recently. */
  inV1Mode(now: Nanos): boolean {
    const force = this.host.config?.force_mld_version ?? 0;
    if (force === 2) return false;
    if (force === 1) return true;
    return this.v1Seen !== 0 && now < this.v1Seen;
  }

  /** Link up: Linux ipv6_mc_up forgets the querier (ipv6_mc_reset). */
  reset(out: Action[]): void {
    this.querierQrv = null;
    this.qi = QUERY_INTERVAL_DEFAULT;
    this.qri = QUERY_RESPONSE_INTERVAL_DEFAULT;
    this.v1Seen = 0;
    if (this.v1Told) this.v2Resumed('link up: Linux ipv6_mc_reset forgets the MLDv1 querier', out);
  }

  /** An MLDv1 Query under force_mld_version = 2 is dropped (told to the trace): true if so. */
  ignoresV1Query(querier: Ip6, out: Action[]): boolean {
    if (this.host.config?.force_mld_version !== 2) return false;
    out.push({
      kind: 'drop',
      drop: {
        ifname: this.host.ifname,
        reason: `MLDv1 Query from ${querier} ignored: force_mld_version = 2 (MLDv2 only; RFC 3810 §10.1: a forged MLDv1 Query would put listeners in MLDv1 mode)`,
        rule: 'mldv1-query-ignored',
        rfc: 'RFC 3810 §10.1',
      },
    });
    return true;
  }

  /**
   * Linux mld_process_v2: the querier's variables (RFC 3810 §5.1.8,
   * §5.1.9, §9.3); QRV is never taken below min(2, mld_qrv)
   * (mld_update_qrv). Returns the query's Maximum Response Delay, ns.
   */
  heardV2Query(maxResponseCode: number, v2: NonNullable<MldV1['v2']>): Nanos {
    const mrd = maxResponseDelayMs(maxResponseCode);
    const maxDelay = Math.max(mrd, 1) * NS_PER_MS;
    const qrv = v2.qrv > 0 ? v2.qrv : this.qrv();
    this.querierQrv = Math.max(qrv, Math.min(2, this.host.qrv()));
    this.qi = queryIntervalS(v2.qqic) * NS_PER_S;
    this.qri = mrd * NS_PER_MS;
    return maxDelay;
  }

  /** mld_set_v1_mode: MLDv1 mode until now + [RV] × [QI] + [QRI] (RFC 3810 §9.12). */
  setV1Mode(querier: Ip6, now: Nanos, out: Action[]): void {
    const timeout = this.qrv() * this.qi + this.qri;
    this.v1Seen = now + timeout;
    if ((this.host.config?.force_mld_version ?? 0) === 1) return; // forced: no mode change to tell
    out.push({ kind: 'setTimer', key: this.host.timerKey ? this.host.timerKey(TIMER_V1) : TIMER_V1, at: this.v1Seen });
    if (this.v1Told) return;
    this.v1Told = true;
    const s = (ns: Nanos) => `${ns / NS_PER_S} s`;
    out.push({
      kind: 'notify',
      change: {
        machine: 'mld', ifname: this.host.ifname, key: 'compatibility-mode', from: 'MLDv2', to: 'MLDv1',
        reason: `MLDv1 Query from ${querier}: MLDv1 compatibility mode for ${s(timeout)} (Older Version Querier Present Timeout = ${this.qrv()} × ${s(this.qi)} + ${s(this.qri)}, RFC 3810 §9.12); reports become MLDv1 Reports, leaves MLDv1 Done`,
        rfc: 'RFC 3810 §8.2.1', reasonId: 'mld-v1-compat',
      },
    });
  }

  /** The end-of-MLDv1-mode timer: true if `key` was it. */
  onTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (key !== TIMER_V1) return false;
    if (this.v1Told && !this.inV1Mode(now)) this.v2Resumed('no MLDv1 Query within the Older Version Querier Present Timeout (RFC 3810 §9.12)', out);
    return true;
  }

  private v2Resumed(why: string, out: Action[]): void {
    this.v1Told = false;
    out.push({
      kind: 'notify',
      change: { machine: 'mld', ifname: this.host.ifname, key: 'compatibility-mode', from: 'MLDv1', to: 'MLDv2', reason: `back to MLDv2: ${why}`, rfc: 'RFC 3810 §8.2.1', reasonId: 'mld-v2-resumed' },
    });
  }
}
