// What `ip -6 addr show`, `ip -6 neigh show` and `ip -6 route show` print on
// a node, in iproute2's exact format, at a given (virtual) time. Used by
// `ndsim show`, the TUI's nodes pane and its console.

import type { Nanos } from '../nd/machine.ts';
import { formatNeighbors } from '../nd/format.ts';
import { formatRdRoutes } from '../nd/rd-format.ts';
import { formatIpAddrShow } from '../slaac/format.ts';
import { prefixOf } from '../packet/address.ts';
import type { NodeStack } from './node-stack.ts';

function selected(stack: NodeStack, ifname?: string) {
  return ifname ? [stack.iface(ifname)] : stack.interfaces;
}

/** `ip -6 addr show [dev IF]`: interfaces numbered from 2 (1 is lo). */
export function ipAddrShow(stack: NodeStack, now: Nanos, ifname?: string): string {
  let out = '';
  for (const s of selected(stack, ifname)) {
    const index = stack.interfaces.indexOf(s) + 2;
    out += formatIpAddrShow({ index, name: s.ifname, adminUp: s.up, carrier: s.up, mtu: s.params.mtu, qlen: 1000 }, s.addresses.entries(), now);
  }
  return out;
}

/** `ip -6 neigh show [dev IF]`. */
export function ipNeighShow(stack: NodeStack, now: Nanos, ifname?: string): string {
  let out = '';
  for (const s of selected(stack, ifname)) out += formatNeighbors(s.neighbors.entries(), now, { ifname: s.ifname, filteredByDev: ifname !== undefined });
  return out;
}

/** `ip -6 route show [dev IF]`: prefixes of addresses added by hand and the
 *  link-local prefix (proto kernel), then what router discovery learned. */
export function ipRouteShow(stack: NodeStack, now: Nanos, ifname?: string): string {
  const lines: string[] = [];
  for (const s of selected(stack, ifname)) {
    const dev = ifname ? '' : ` dev ${s.ifname}`;
    const kernel = new Set<string>();
    for (const e of s.addresses.entries()) {
      if (e.tentative || e.dadFailed || e.noprefixroute) continue;
      if (e.origin === 'manual' || e.address.startsWith('fe80:')) {
        const p = e.address.startsWith('fe80:') ? 'fe80::/64' : `${prefixOf(e.address, e.prefixLength)}/${e.prefixLength}`;
        if (!kernel.has(p) && !s.rd.prefixes.entries().some((x) => `${x.prefix}/${x.length}` === p)) kernel.add(p);
      }
    }
    for (const p of kernel) lines.push(`${p}${dev} proto kernel metric 256 pref medium`);
    for (const l of formatRdRoutes(s.rd, s.ifname, now)) lines.push(ifname ? l.replace(` dev ${s.ifname}`, '') : l);
    // Static routes (`ip -6 route add … via …`), as iproute2 lists them.
    for (const r of stack.opts.routes ?? []) {
      if ((r.ifname ?? stack.interfaces[0].ifname) !== s.ifname) continue;
      lines.push(`${r.prefix}/${r.prefixLength}${r.via ? ` via ${r.via}` : ''}${dev} metric 1024 pref medium`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}
