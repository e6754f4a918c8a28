// The names a scenario may use in `sysctl:` and `radvd:` blocks, with the
// kind of value each takes, so that a misspelt or out-of-range setting is
// caught at load with its line and column. Names are Linux's
// (Documentation/networking/ip-sysctl.rst) and radvd.conf(5)'s; ranges match
// the resolvers in src/nd/config.ts, src/slaac/config.ts and
// src/nd/radvd-config.ts, which receive the values unchanged (they are not
// imported: this table is the scenario language, they are the machines').

const BIG = Number.MAX_SAFE_INTEGER;

export type ValueKind =
  | { kind: 'int'; min: number; max: number; why?: string }
  /** Linux boolean: 0 or 1 (YAML true/false also accepted, stored as 1/0). */
  | { kind: 'bool01' }
  | { kind: 'enum'; values: readonly (string | number)[] }
  /** IPv6 address text (stable_secret). */
  | { kind: 'ip6' };

/** Which resolver takes a sysctl: host ND (src/nd/config.ts), SLAAC
 *  (src/slaac/config.ts), both (router_solicitation_delay) or the node
 *  stack (src/stack/config.ts). resolveNodeConfig routes them itself; the
 *  group documents where a name's meaning lives. */
export type SysctlGroup = 'nd' | 'slaac' | 'both' | 'stack';

interface SysctlKey {
  group: SysctlGroup;
  value: ValueKind;
}

const int = (min: number, max = BIG, why?: string): ValueKind => ({ kind: 'int', min, max, why });
const bool01: ValueKind = { kind: 'bool01' };
const oneOf = (...values: (string | number)[]): ValueKind => ({ kind: 'enum', values });
const nd = (value: ValueKind): SysctlKey => ({ group: 'nd', value });
const slaac = (value: ValueKind): SysctlKey => ({ group: 'slaac', value });

export const SYSCTL_KEYS: Readonly<Record<string, SysctlKey>> = {
  // ---- host ND, net.ipv6.neigh.<if>.* and net.ipv6.conf.<if>.*
  retrans_time_ms: nd(int(1, BIG, ' (ms; 0 would retransmit in a busy loop)')),
  base_reachable_time_ms: nd(int(1)),
  delay_first_probe_time: nd(int(0)),
  mcast_solicit: nd(int(0)),
  ucast_solicit: nd(int(0)),
  app_solicit: nd(int(0)),
  unres_qlen: nd(int(0)),
  proxy_delay: nd(int(0, BIG, ' (USER_HZ ticks, 1/100 s)')),
  proxy_qlen: nd(int(0)),
  router_solicitations: nd(int(-1, BIG, ' (-1 = unlimited, RFC 7559)')),
  router_solicitation_interval: nd(int(1)),
  router_solicitation_max_interval: nd(int(1)),
  router_solicitation_delay: { group: 'both', value: int(0) },
  accept_ra: nd(oneOf(0, 1, 2)),
  accept_ra_defrtr: nd(bool01),
  accept_ra_pinfo: nd(bool01),
  accept_ra_rtr_pref: nd(bool01),
  accept_redirects: nd(bool01),
  hop_limit: nd(int(1, 255)),
  mtu: nd(int(1280, 65535, ' (IPv6 needs at least 1280, RFC 8200 §5)')),
  forwarding: nd(bool01),
  drop_unsolicited_na: nd(bool01),
  accept_untracked_na: nd(oneOf(0, 1, 2)),
  // ndsim teaching switches: reproduce stacks (and the seed slides) that
  // source NS/NA from the link-local address.
  ns_source: nd(oneOf('prompting', 'link-local')),
  na_source: nd(oneOf('target', 'link-local')),
  na_tlla: nd(oneOf('multicast-ns', 'always')),
  // ---- the node stack: RFC 4861 §7.2.6 unsolicited NAs
  ndisc_notify: { group: 'stack', value: bool01 },
  anycast_src_echo_reply: { group: 'stack', value: bool01 },
  failed_entries: nd(oneOf('keep', 'delete')),
  // ---- SLAAC, DAD, temporary addresses, MLD
  autoconf: slaac(bool01),
  dad_transmits: slaac(int(0, 255)),
  accept_dad: slaac(oneOf(0, 1, 2)),
  optimistic_dad: slaac(bool01),
  use_optimistic: slaac(bool01),
  enhanced_dad: slaac(bool01),
  addr_gen_mode: slaac(oneOf(0, 1, 2, 3)),
  stable_secret: slaac({ kind: 'ip6' }),
  use_tempaddr: slaac(oneOf(0, 1, 2)),
  temp_valid_lft: slaac(int(0)),
  temp_prefered_lft: slaac(int(0)),
  max_desync_factor: slaac(int(0)),
  regen_max_retry: slaac(int(0)),
  regen_min_advance: slaac(int(0)),
  keep_addr_on_down: slaac(bool01),
  mldv2_unsolicited_report_interval: slaac(int(1, BIG, ' (ms)')),
  idgen_retries: slaac(int(0)),
  idgen_delay: slaac(int(0)),
  mld_qrv: slaac(int(1, 7, ' (RFC 3810 §9.1: a 3-bit field)')),
  mldv1_unsolicited_report_interval: slaac(int(1, BIG, ' (ms)')),
  force_mld_version: slaac(oneOf(0, 1, 2)),
};

/** The keys a misspelling is compared with. Linux spells one of them
 *  "prefered"; `temp_preferred_lft` is caught by the suggestion. */
export const SYSCTL_NAMES: readonly string[] = Object.keys(SYSCTL_KEYS);

// ------------------------------------------------------------------ radvd

export type RadvdKind =
  | { kind: 'flag' }
  /** Seconds or milliseconds as radvd.conf(5) says; fractions where radvd
   *  allows them (the RA intervals). */
  | { kind: 'number'; min: number; max: number; integer: boolean; unit: string }
  | { kind: 'preference' }
  | { kind: 'lifetime' };

const flag: RadvdKind = { kind: 'flag' };
const num = (min: number, max: number, unit: string, integer = true): RadvdKind => ({ kind: 'number', min, max, integer, unit });

/** radvd.conf INTERFACE SPECIFIC OPTIONS. Ranges are the wire fields' (and
 *  radvd's hard limits); the cross-checks between options (MinRtrAdvInterval
 *  ≤ 0.75 × MaxRtrAdvInterval …) belong to src/nd/radvd-config.ts. */
export const RADVD_INTERFACE_KEYS: Readonly<Record<string, RadvdKind>> = {
  AdvSendAdvert: flag,
  UnicastOnly: flag,
  AdvRASolicitedUnicast: flag,
  // RFC 4861 §6.2.1: MaxRtrAdvInterval 4..1800, MinRtrAdvInterval ≥ 3, fractions allowed.
  MaxRtrAdvInterval: num(4, 1800, 's', false),
  MinRtrAdvInterval: num(3, 1350, 's', false),
  MinDelayBetweenRAs: num(0, 1800, 's', false),
  AdvManagedFlag: flag,
  AdvOtherConfigFlag: flag,
  // 0 = no MTU option.
  AdvLinkMTU: num(0, 0xffffffff, 'bytes'),
  AdvReachableTime: num(0, 3_600_000, 'ms'),
  AdvRetransTimer: num(0, 0xffffffff, 'ms'),
  AdvCurHopLimit: num(0, 255, 'hops'),
  // RFC 8319 raised the ceiling from 9000 to 65535 s.
  AdvDefaultLifetime: num(0, 65535, 's'),
  AdvDefaultPreference: { kind: 'preference' },
  AdvSourceLLAddress: flag,
};
/** The list-valued sections of an interface block. */
export const RADVD_SECTIONS = ['prefixes', 'routes', 'RDNSS', 'DNSSL'] as const;

export const RADVD_PREFIX_KEYS: Readonly<Record<string, RadvdKind>> = {
  AdvOnLink: flag,
  AdvAutonomous: flag,
  AdvRouterAddr: flag,
  AdvValidLifetime: { kind: 'lifetime' },
  AdvPreferredLifetime: { kind: 'lifetime' },
  DeprecatePrefix: flag,
};

export const RADVD_ROUTE_KEYS: Readonly<Record<string, RadvdKind>> = {
  AdvRoutePreference: { kind: 'preference' },
  AdvRouteLifetime: { kind: 'lifetime' },
  RemoveRoute: flag,
};

export const RADVD_RDNSS_KEYS: Readonly<Record<string, RadvdKind>> = {
  AdvRDNSSLifetime: { kind: 'lifetime' },
  FlushRDNSS: flag,
};

export const RADVD_DNSSL_KEYS: Readonly<Record<string, RadvdKind>> = {
  AdvDNSSLLifetime: { kind: 'lifetime' },
  FlushDNSSL: flag,
};
