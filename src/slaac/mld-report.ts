// The messages the MLD listener (mld.ts) sends: MLDv2 Reports (RFC 3810
// §5.2), split to fit the link MTU, and MLDv1 Reports and Dones (RFC 2710
// §3, used in MLDv1 compatibility mode, RFC 3810 §8.2.1). Every one goes
// with hop limit 1 and a Router Alert option (RFC 3810 §5.2.13, RFC 2710
// §3), from the link-local address or :: while none is usable.

import { icmpv6Frame } from '../packet/build.ts';
import type { Ip6, MulticastAddressRecord } from '../packet/types.ts';
import type { Action } from '../nd/machine.ts';
import { ALL_ROUTERS } from '../packet/address.ts';
import type { MldHost } from './mld.ts';

/** All MLDv2-capable routers (RFC 3810 §5.2.14): where reports go. */
export const ALL_MLDV2_ROUTERS = 'ff02::16';
/** Where an MLDv1 Done goes (RFC 2710 §3.7; Linux igmp6_send): all-routers. */
export { ALL_ROUTERS };

/** IPv6 header + Router Alert hop-by-hop + report header; a record without sources is 20 bytes. */
const REPORT_OVERHEAD = 40 + 8 + 8;
const RECORD_BYTES = 20;

/** What sending needs from the interface (a part of MldHost). */
export type ReportHost = Pick<MldHost, 'ifname' | 'mac' | 'reportSource' | 'mtu'>;

/** MLDv2 Reports of `records`, as many per packet as the MTU allows (Linux add_grec starts a new packet). */
export function sendMldv2Reports(host: ReportHost, records: MulticastAddressRecord[], why: string, out: Action[]): void {
  const per = Math.max(1, Math.floor(((host.mtu?.() ?? 1500) - REPORT_OVERHEAD) / RECORD_BYTES));
  if (records.length <= per) {
    sendMldv2Report(host, records, why, out);
    return;
  }
  for (let i = 0; i < records.length; i += per) sendMldv2Report(host, records.slice(i, i + per), why, out);
}

function sendMldv2Report(host: ReportHost, records: MulticastAddressRecord[], why: string, out: Action[]): void {
  const src = host.reportSource() ?? '::';
  const frame = icmpv6Frame(host.mac(), src, ALL_MLDV2_ROUTERS, { type: 143, code: 0, records }, { hopLimit: 1, routerAlert: true });
  out.push({ kind: 'send', ifname: host.ifname, frame, why: `MLDv2 Report: ${why}` });
}

/** Linux igmp6_send: an MLDv1 Report goes to the group itself, a Done to all-routers (RFC 2710 §3.7, §4). */
export function sendMldv1(host: ReportHost, type: 131 | 132, group: Ip6, why: string, out: Action[]): void {
  const src = host.reportSource() ?? '::';
  const dst = type === 131 ? group : ALL_ROUTERS;
  const frame = icmpv6Frame(host.mac(), src, dst, { type, code: 0, maxResponseDelay: 0, multicastAddress: group }, { hopLimit: 1, routerAlert: true });
  out.push({ kind: 'send', ifname: host.ifname, frame, why: `${type === 131 ? 'MLDv1 Report' : 'MLDv1 Done'}: ${why}` });
}
