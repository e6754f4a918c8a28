// `ip -6 neigh show` output for a neighbour cache, byte for byte.
//
// iproute2 ≥ 5.16 (Daniel Borkmann's 2021 spacing fix in ip/ipneigh.c) ends
// every field with one space, so each line has a trailing space, and the
// statistics keep two quirks, copied as observed with iproute2 6.1.0:
//   fd00::1 dev eth0 FAILED␠
//   fd00::1 dev eth0  used 454/514/451probes 6 FAILED␠        (ip -s)
//   192.0.2.1 dev eth0 lladdr 02:fc:00:00:00:05  used 381/356/320probes 4 STALE␠
// Older iproute2 put the space before each field instead, which gives the
// familiar double space before a state without lladdr:
//   fe80::1 dev eth0  FAILED
// The link-layer address is shown only in "valid" states (the kernel omits
// NDA_LLADDR otherwise), and `dev` only when the listing is not filtered by
// device (`ip -6 neigh show dev eth0`).

import { NS_PER_S, type Nanos } from './machine.ts';
import type { NeighborSnapshot } from './neighbor-cache.ts';

export interface FormatNeighborsOptions {
  /** The interface the entries belong to. */
  ifname: string;
  /** `ip -6 neigh show dev <ifname>`: the dev field is left out. */
  filteredByDev?: boolean;
  /** `ip -s -6 neigh`: used/confirmed/updated ages in seconds, and probes. */
  stats?: boolean;
  /** 'current' = iproute2 ≥ 5.16 (default); 'legacy' = older releases. */
  style?: 'current' | 'legacy';
}

/** One line per entry, each ending in "\n". */
export function formatNeighbors(entries: readonly NeighborSnapshot[], now: Nanos, opts: FormatNeighborsOptions): string {
  let text = '';
  for (const e of entries) text += formatNeighbor(e, now, opts) + '\n';
  return text;
}

export function formatNeighbor(e: NeighborSnapshot, now: Nanos, opts: FormatNeighborsOptions): string {
  const legacy = opts.style === 'legacy';
  // NUD_VALID = REACHABLE | STALE | DELAY | PROBE (and static states ndsim has not).
  const valid = e.state !== 'INCOMPLETE' && e.state !== 'FAILED';
  const age = (t: Nanos) => Math.max(0, Math.floor((now - t) / NS_PER_S));
  let s = `${e.address} `;
  if (!opts.filteredByDev) s += `dev ${opts.ifname} `;
  if (valid && e.lladdr !== null) s += legacy ? `lladdr ${e.lladdr}` : `lladdr ${e.lladdr} `;
  if (e.isRouter) s += legacy ? ' router' : 'router ';
  if (opts.stats) {
    s += ` used ${age(e.usedAt)}/${age(e.confirmedAt)}/${age(e.updatedAt)}`;
    s += legacy ? ` probes ${e.probes}` : `probes ${e.probes} `;
  }
  s += legacy ? ` ${e.state}` : `${e.state} `;
  return s;
}
