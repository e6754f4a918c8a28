// Host Neighbor Discovery configuration, keyed by Linux sysctl names
// (net.ipv6.neigh.<if>.* and net.ipv6.conf.<if>.*) with Linux defaults, so a
// scenario can say `sysctl: { mcast_solicit: 5 }` and mean what a Linux
// administrator means. Values are checked once here; machines then trust them.
//
// Where Linux and the RFC part ways the default is Linux's and the comment
// says so; the ndsim-only switches at the end reproduce other behaviour (the
// seminar slide's link-local sources, the RFC's deletion of failed entries).

import { MAX_RANDOM_FACTOR, MIN_RANDOM_FACTOR, randomReachableTimeMs } from './constants.ts';
import type { LinkParameters } from './interface-view.ts';
import { BIG, int, oneOf, overlaySysctls, type Check } from './sysctl-schema.ts';

export interface HostNdConfig {
  // ---- net.ipv6.neigh.<if>.* (Documentation/networking/ip-sysctl.rst)
  /** RetransTimer in ms (RFC 4861 RETRANS_TIMER). Default 1000. */
  retrans_time_ms: number;
  /** BaseReachableTime in ms (RFC 4861 REACHABLE_TIME). Default 30000. */
  base_reachable_time_ms: number;
  /** Seconds in DELAY before probing (RFC 4861 DELAY_FIRST_PROBE_TIME). Default 5. */
  delay_first_probe_time: number;
  /** Multicast NSs while INCOMPLETE (MAX_MULTICAST_SOLICIT). Default 3. */
  mcast_solicit: number;
  /** Unicast NSs while PROBE (MAX_UNICAST_SOLICIT). Default 3. */
  ucast_solicit: number;
  /** Probes handed to a user-space ARP daemon. Default 0. Accepted, not modelled. */
  app_solicit: number;
  /** Packets queued per INCOMPLETE neighbour; overflow drops the oldest.
   *  Linux ≥ 3.3 really limits bytes (unres_qlen_bytes) and shows the derived
   *  packet count, 101 by default; ndsim counts packets. */
  unres_qlen: number;
  /** Upper bound of the random delay before answering an NS for an anycast
   *  address, in Linux's USER_HZ ticks (1/100 s) as /proc shows it. Default
   *  80 (0.8 s, nd_tbl's PROXY_DELAY 8*HZ/10), not RFC 4861 §7.2.7's
   *  MAX_ANYCAST_DELAY_TIME (1 s): Linux queues the NS (pneigh_enqueue) for
   *  a random time below proxy_delay, and only when it arrived multicast; 0
   *  answers at once. */
  proxy_delay: number;
  /** NSs waiting in that delay queue; more are dropped (Linux neigh
   *  proxy_qlen, default 64; pneigh_enqueue drops once more than 64 wait). */
  proxy_qlen: number;

  // ---- net.ipv6.conf.<if>.*
  /** RSs before giving up; -1 = keep soliciting with RFC 7559 backoff. Linux
   *  default -1 since 4.9 (include/net/addrconf.h MAX_RTR_SOLICITATIONS -1;
   *  ip-sysctl.rst still says 3). */
  router_solicitations: number;
  /** Seconds between RSs (RTR_SOLICITATION_INTERVAL). Default 4. */
  router_solicitation_interval: number;
  /** Ceiling of the RFC 7559 backoff, seconds. Default 3600. */
  router_solicitation_max_interval: number;
  /** Seconds before the first RS (MAX_RTR_SOLICITATION_DELAY). Default 1. */
  router_solicitation_delay: number;
  /** 0 ignore RAs, 1 accept when not forwarding, 2 accept even when forwarding. Default 1. */
  accept_ra: 0 | 1 | 2;
  /** Learn default routers from RAs. Default 1. */
  accept_ra_defrtr: 0 | 1;
  /** Learn prefixes (on-link, SLAAC) from RAs. Default 1. */
  accept_ra_pinfo: 0 | 1;
  /** Honour RFC 4191 router preference. Default 1. */
  accept_ra_rtr_pref: 0 | 1;
  /** Accept Redirects (RFC 4861 §8.3). Linux's functional default: on for hosts. */
  accept_redirects: 0 | 1;
  /** CurHopLimit until an RA says otherwise. Default 64. */
  hop_limit: number;
  /** LinkMTU. Linux shows the device MTU, 1500 on Ethernet. */
  mtu: number;
  /** 1 = router (R flag in NAs, Redirects ignored, and the Subnet-Router
   *  anycast address of each address's prefix, RFC 4291 §2.6.1). Default 0. */
  forwarding: 0 | 1;
  /** 1 = ignore every NA with S=0 (Linux drop_unsolicited_na, default 0),
   *  before any other processing, DAD's included (ndisc_recv_na). It takes
   *  precedence over accept_untracked_na. */
  drop_unsolicited_na: 0 | 1;
  /** RFC 9131 ("Gratuitous Neighbor Discovery") on a router: an NA with a
   *  TLLA for a target that has no entry creates one, STALE (Linux ≥ 5.18
   *  accept_untracked_na, first named accept_unsolicited_na). 0 (default):
   *  ignored, as RFC 4861 §7.2.5 says; 1: created; 2: created only when the
   *  NA's source is in the prefix of an address on the interface. Linux
   *  does this only with forwarding = 1, for solicited NAs too. */
  accept_untracked_na: 0 | 1 | 2;

  // ---- ndsim switches (not sysctls)
  /** Source of an address-resolution NS. 'prompting' (Linux, RFC 4861 §7.2.2):
   *  the source of the queued packet that prompted it when that address is
   *  ours and usable, else the link-local address. 'link-local': always the
   *  link-local address, as the seminar slide draws it. */
  ns_source: 'prompting' | 'link-local';
  /** Source of a solicited NA. 'target' (Linux ndisc_send_na): the target
   *  address itself. 'link-local': the link-local address (the slide). */
  na_source: 'target' | 'link-local';
  /** When a solicited NA carries the TLLA option (and so O=1, §7.2.4).
   *  'multicast-ns' (Linux): only in answer to a multicast NS; a unicast NUD
   *  probe gets a bare NA with O=0. 'always': every solicited NA. */
  na_tlla: 'multicast-ns' | 'always';
  /** What becomes of an entry whose resolution or probing failed. 'keep'
   *  (Linux): it stays as FAILED, shown by `ip -6 neigh`, and the next packet
   *  restarts resolution. 'delete' (RFC 4861 §7.3.3): it is removed. */
  failed_entries: 'keep' | 'delete';
}

export const LINUX_HOST_DEFAULTS: Readonly<HostNdConfig> = Object.freeze({
  retrans_time_ms: 1000,
  base_reachable_time_ms: 30000,
  delay_first_probe_time: 5,
  mcast_solicit: 3,
  ucast_solicit: 3,
  app_solicit: 0,
  unres_qlen: 101,
  proxy_delay: 80,
  proxy_qlen: 64,
  router_solicitations: -1,
  router_solicitation_interval: 4,
  router_solicitation_max_interval: 3600,
  router_solicitation_delay: 1,
  accept_ra: 1,
  accept_ra_defrtr: 1,
  accept_ra_pinfo: 1,
  accept_ra_rtr_pref: 1,
  accept_redirects: 1,
  hop_limit: 64,
  mtu: 1500,
  forwarding: 0,
  drop_unsolicited_na: 0,
  accept_untracked_na: 0,
  ns_source: 'prompting',
  na_source: 'target',
  na_tlla: 'multicast-ns',
  failed_entries: 'keep',
});

const CHECKS: { [K in keyof HostNdConfig]: Check } = {
  retrans_time_ms: int(1, BIG, ' (0 would retransmit in a busy loop; RAs use 0 for "unspecified")'),
  base_reachable_time_ms: int(1, BIG),
  delay_first_probe_time: int(0, BIG),
  mcast_solicit: int(0, BIG),
  ucast_solicit: int(0, BIG),
  app_solicit: int(0, BIG),
  unres_qlen: int(0, BIG),
  proxy_delay: int(0, BIG, ' (USER_HZ ticks, 1/100 s)'),
  proxy_qlen: int(0, BIG),
  router_solicitations: int(-1, BIG, ' (-1 = unlimited, RFC 7559)'),
  router_solicitation_interval: int(1, BIG),
  router_solicitation_max_interval: int(1, BIG),
  router_solicitation_delay: int(0, BIG),
  accept_ra: oneOf(0, 1, 2),
  accept_ra_defrtr: oneOf(0, 1),
  accept_ra_pinfo: oneOf(0, 1),
  accept_ra_rtr_pref: oneOf(0, 1),
  accept_redirects: oneOf(0, 1),
  hop_limit: int(1, 255),
  mtu: int(1280, 65535, ' (IPv6 needs at least 1280, RFC 8200 §5)'),
  forwarding: oneOf(0, 1),
  drop_unsolicited_na: oneOf(0, 1),
  // Linux ≥ 6.0 rejects values above 2 (proc_dointvec_minmax, 0…2).
  accept_untracked_na: oneOf(0, 1, 2),
  ns_source: oneOf('prompting', 'link-local'),
  na_source: oneOf('target', 'link-local'),
  na_tlla: oneOf('multicast-ns', 'always'),
  failed_entries: oneOf('keep', 'delete'),
};

export type ConfigResult = { ok: true; config: HostNdConfig } | { ok: false; errors: string[] };

/** Linux defaults overlaid with `partial`; every problem is reported, not just the first. */
export function resolveHostConfig(partial: Readonly<Record<string, unknown>> = {}): ConfigResult {
  const { config, errors } = overlaySysctls(LINUX_HOST_DEFAULTS, CHECKS, partial, 'ND');
  if (config.router_solicitation_max_interval < config.router_solicitation_interval) {
    errors.push(
      `router_solicitation_max_interval (${String(config.router_solicitation_max_interval)}) is below router_solicitation_interval (${String(config.router_solicitation_interval)}): the RFC 7559 backoff would shrink`,
    );
  }
  return errors.length ? { ok: false, errors } : { ok: true, config };
}

/** The per-interface variables of RFC 4861 §6.3.2 at start-up, before any RA. */
export function initialLinkParameters(config: HostNdConfig, random: () => number): LinkParameters {
  return {
    retransTimerMs: config.retrans_time_ms,
    baseReachableTimeMs: config.base_reachable_time_ms,
    reachableTimeMs: randomReachableTimeMs(config.base_reachable_time_ms, random),
    curHopLimit: config.hop_limit,
    mtu: config.mtu,
  };
}

/** Bounds a ReachableTime drawn from `baseMs` must lie in (for checks and tests). */
export function reachableTimeBounds(baseMs: number): { min: number; max: number } {
  return { min: Math.round(baseMs * MIN_RANDOM_FACTOR), max: Math.round(baseMs * MAX_RANDOM_FACTOR) };
}
