// `ip -6 addr show dev eth0` exactly as iproute2 6.1 prints it (checked
// against the iproute2-6.1.0 binary on the build machine), so a student's
// habits carry over:
//
//   2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP qlen 1000
//       inet6 2001:db8::211:22ff:fe33:4455/64 scope global dynamic mngtmpaddr·
//          valid_lft 86391sec preferred_lft 14391sec
//
// Details that matter: with a family filter (-6) the header has no qdisc
// or group and there is no link/ether line; every word after "scope" is
// printed as "%s " so the address line ends with a space (shown as · above);
// flags come in the order of iproute2's ifa_flag_data table (temporary,
// nodad, optimistic, dadfailed, home, deprecated, tentative, "dynamic" for a
// non-permanent address, mngtmpaddr, noprefixroute, autojoin,
// stable-privacy); lifetimes are the kernel's whole seconds left
// (inet6_fill_ifaddr), "forever" for infinity; addresses are listed as the
// kernel keeps them (ipv6_link_dev_addr): wider scope first, newest first
// within a scope. An interface without IPv6 addresses prints nothing.

import { classify } from '../packet/address-kind.ts';
import type { Nanos } from '../nd/machine.ts';
import { isInfinite, remaining, type AddressEntry } from './address.ts';

export interface LinkInfo {
  index: number;
  name: string;
  /** `ip link set … up` (IFF_UP). */
  adminUp: boolean;
  /** Carrier present (IFF_LOWER_UP / IFF_RUNNING). */
  carrier: boolean;
  mtu: number;
  /** txqueuelen; 1000 on Ethernet. */
  qlen?: number;
}

/** The `<…>` flags and operstate of the header line (iproute2 print_link_flags). */
export function linkHeader(link: LinkInfo): string {
  const flags: string[] = [];
  if (link.adminUp && !link.carrier) flags.push('NO-CARRIER');
  flags.push('BROADCAST', 'MULTICAST');
  if (link.adminUp) flags.push('UP');
  if (link.adminUp && link.carrier) flags.push('LOWER_UP');
  const state = link.adminUp && link.carrier ? 'UP' : 'DOWN';
  return `${link.index}: ${link.name}: <${flags.join(',')}> mtu ${link.mtu} state ${state} qlen ${link.qlen ?? 1000}`;
}

/** The IFA_F_* words iproute2 prints for an address, in its order. */
export function addressFlagWords(e: AddressEntry): string[] {
  const w: string[] = [];
  if (e.origin === 'temporary') w.push('temporary');
  if (e.nodad) w.push('nodad');
  if (e.optimistic && e.tentative && !e.dadFailed) w.push('optimistic');
  if (e.dadFailed) w.push('dadfailed');
  if (e.deprecated) w.push('deprecated');
  if (e.tentative) w.push('tentative');
  if (!e.permanent) w.push('dynamic');
  if (e.mngtmpaddr) w.push('mngtmpaddr');
  if (e.noprefixroute) w.push('noprefixroute');
  if (e.stablePrivacy) w.push('stable-privacy');
  return w;
}

// ipv6_addr_src_scope values: global 0xe, site 0x5, link 0x2, host (loopback) 0x1.
const SCOPE_RANK: Record<string, number> = { global: 14, site: 5, link: 2, host: 1 };

/** Display order: wider scope first, newest first within a scope. */
export function kernelOrder(entries: readonly AddressEntry[]): AddressEntry[] {
  const rank = (e: AddressEntry): number => SCOPE_RANK[classify(e.address).linuxScope] ?? 14;
  return [...entries].sort((a, b) => rank(b) - rank(a) || b.seq - a.seq);
}

function lft(value: number): string {
  return isInfinite(value) ? 'forever' : `${value}sec`;
}

/** One address: its "inet6" line and its lifetimes line. */
export function formatAddress(e: AddressEntry, now: Nanos): string {
  const scope = classify(e.address).linuxScope;
  const words = addressFlagWords(e).map((w) => `${w} `).join('');
  let valid: string;
  let preferred: string;
  if (e.permanent && isInfinite(e.preferredLft)) {
    valid = 'forever';
    preferred = 'forever';
  } else {
    preferred = lft(remaining(e.preferredLft, e, now));
    // The kernel counts the valid lifetime down only when the preferred one is finite.
    valid = isInfinite(e.preferredLft) ? lft(e.validLft) : lft(remaining(e.validLft, e, now));
  }
  return `    inet6 ${e.address}/${e.prefixLength} scope ${scope} ${words}\n       valid_lft ${valid} preferred_lft ${preferred}\n`;
}

/** `ip -6 addr show dev <name>` at `now`. */
export function formatIpAddrShow(link: LinkInfo, entries: readonly AddressEntry[], now: Nanos): string {
  if (entries.length === 0) return '';
  return `${linkHeader(link)}\n${kernelOrder(entries).map((e) => formatAddress(e, now)).join('')}`;
}
