// SLAAC, DAD and MLD configuration, keyed by Linux sysctl names
// (net.ipv6.conf.<if>.* and net.ipv6.*, Documentation/networking/ip-sysctl.rst)
// with Linux defaults, so `sysctl: { use_tempaddr: 2 }` in a scenario means
// what it means to a Linux administrator. Checked once here; the machines
// then trust the values.

import { parseIp6 } from '../packet/address.ts';
import { MAX_RTR_SOLICITATION_DELAY } from '../nd/constants.ts';
import { NS_PER_S } from '../nd/machine.ts';
import { BIG, int, oneOf, overlaySysctls, type Check } from '../nd/sysctl-schema.ts';

export interface SlaacConfig {
  // ---- net.ipv6.conf.<if>.*
  /** Form addresses from PIOs with A=1 (RFC 4862 §5.5.3). Default 1. */
  autoconf: 0 | 1;
  /** DupAddrDetectTransmits (RFC 4862 §5.1). 0 = no probes. Default 1. */
  dad_transmits: number;
  /** 0 no DAD, 1 DAD, 2 DAD and disable IPv6 when the MAC-based link-local
   *  address is a duplicate (RFC 4862 §5.4.5). Default 1: Linux does not
   *  follow §5.4.5 unless asked (commit 1b34be74, "We do not follow RFC4862
   *  by default"). */
  accept_dad: 0 | 1 | 2;
  /** RFC 4429 Optimistic DAD for link-local, SLAAC and temporary addresses. Default 0. */
  optimistic_dad: 0 | 1;
  /** Do not avoid optimistic addresses in source selection (RFC 6724 rule 3). Default 0. */
  use_optimistic: 0 | 1;
  /** RFC 7527 nonce in DAD probes. Default 1. */
  enhanced_dad: 0 | 1;
  /** 0 EUI-64, 1 none (no link-local; SLAAC still uses EUI-64, as Linux),
   *  2 RFC 7217 with stable_secret, 3 RFC 7217 with a random secret. Default 0. */
  addr_gen_mode: 0 | 1 | 2 | 3;
  /** RFC 7217 secret_key, written as an IPv6 address as Linux takes it. Default unset. */
  stable_secret: string | null;
  /** RFC 8981: 0 off, 1 generate temporary addresses, 2 also prefer them. Default 0. */
  use_tempaddr: 0 | 1 | 2;
  /** TEMP_VALID_LIFETIME, seconds (RFC 8981 §3.8). Default 604800 (7 days). */
  temp_valid_lft: number;
  /** TEMP_PREFERRED_LIFETIME, seconds. Default 86400 (1 day). */
  temp_prefered_lft: number;
  /** MAX_DESYNC_FACTOR, seconds. Default 600. */
  max_desync_factor: number;
  /** TEMP_IDGEN_RETRIES (RFC 8981 §3.8). Default 3. */
  regen_max_retry: number;
  /** The constant 2 s of RFC 8981's REGEN_ADVANCE (Linux ≥ 6.9 regen_min_advance). Default 2. */
  regen_min_advance: number;
  /** Seconds of random delay before the first DAD probe: DAD draws it from
   *  [0, router_solicitation_delay) as Linux addrconf_dad_kick does. Default 1
   *  (MAX_RTR_SOLICITATION_DELAY, RFC 4862 §5.4.2). */
  router_solicitation_delay: number;
  /** Keep manual (permanent, non-link-local) addresses over link down. Default 0. */
  keep_addr_on_down: 0 | 1;
  /** Milliseconds; MLDv2 Unsolicited Report Interval (RFC 3810 §9.11). Default 1000. */
  mldv2_unsolicited_report_interval: number;
  /** Milliseconds; the MLDv1 Unsolicited Report Interval (RFC 2710 §7.10),
   *  used in MLDv1 compatibility mode (RFC 3810 §8.2.1). Default 10000. */
  mldv1_unsolicited_report_interval: number;
  /** 0: MLDv2, falling back to MLDv1 while an MLDv1 querier is heard
   *  (RFC 3810 §8.2.1); 1: MLDv1 only; 2: MLDv2 only, MLDv1 Queries ignored
   *  (RFC 3810 §10.1). Linux mld_force_mld_version. Default 0. */
  force_mld_version: 0 | 1 | 2;

  // ---- net.ipv6.*
  /** IDGEN_RETRIES of RFC 7217 §6. Default 3. */
  idgen_retries: number;
  /** IDGEN_DELAY, seconds (RFC 7217 §6). Default 1. */
  idgen_delay: number;
  /** MLD Robustness Variable (RFC 3810 §9.1). Default 2. */
  mld_qrv: number;
}

export const LINUX_SLAAC_DEFAULTS: Readonly<SlaacConfig> = Object.freeze({
  autoconf: 1,
  dad_transmits: 1,
  accept_dad: 1,
  optimistic_dad: 0,
  use_optimistic: 0,
  enhanced_dad: 1,
  addr_gen_mode: 0,
  stable_secret: null,
  use_tempaddr: 0,
  temp_valid_lft: 604800,
  temp_prefered_lft: 86400,
  max_desync_factor: 600,
  regen_max_retry: 3,
  regen_min_advance: 2,
  router_solicitation_delay: MAX_RTR_SOLICITATION_DELAY / NS_PER_S,
  keep_addr_on_down: 0,
  mldv2_unsolicited_report_interval: 1000,
  mldv1_unsolicited_report_interval: 10000,
  force_mld_version: 0,
  idgen_retries: 3,
  idgen_delay: 1,
  mld_qrv: 2,
} satisfies SlaacConfig);

const secret: Check = (v) => {
  if (v === null) return null;
  if (typeof v !== 'string') return 'must be an IPv6 address text (Linux writes the 128-bit secret that way)';
  const r = parseIp6(v);
  return r.ok ? null : `must be an IPv6 address text (Linux writes the 128-bit secret that way): ${r.error}`;
};

const CHECKS: { [K in keyof SlaacConfig]: Check } = {
  autoconf: oneOf(0, 1),
  dad_transmits: int(0, 255),
  accept_dad: oneOf(0, 1, 2),
  optimistic_dad: oneOf(0, 1),
  use_optimistic: oneOf(0, 1),
  enhanced_dad: oneOf(0, 1),
  addr_gen_mode: oneOf(0, 1, 2, 3),
  stable_secret: secret,
  use_tempaddr: oneOf(0, 1, 2),
  temp_valid_lft: int(0, BIG),
  temp_prefered_lft: int(0, BIG),
  max_desync_factor: int(0, BIG),
  regen_max_retry: int(0, BIG),
  regen_min_advance: int(0, BIG),
  router_solicitation_delay: int(0, BIG),
  keep_addr_on_down: oneOf(0, 1),
  mldv2_unsolicited_report_interval: int(1, BIG, ' (ms)'),
  mldv1_unsolicited_report_interval: int(1, BIG, ' (ms)'),
  force_mld_version: oneOf(0, 1, 2),
  idgen_retries: int(0, BIG),
  idgen_delay: int(0, BIG),
  mld_qrv: int(1, 7, ' (RFC 3810 §9.1: a 3-bit field; 1 gives no repetition)'),
};

export type SlaacConfigResult = { ok: true; config: SlaacConfig } | { ok: false; errors: string[] };

/** Linux defaults overlaid with `partial`; every problem is reported, not only the first. */
export function resolveSlaacConfig(partial: Readonly<Record<string, unknown>> = {}): SlaacConfigResult {
  const { config: c, errors } = overlaySysctls(LINUX_SLAAC_DEFAULTS, CHECKS, partial, 'SLAAC');
  if (c.addr_gen_mode === 2 && c.stable_secret === null) {
    // Linux would silently form no link-local address (ipv6_generate_stable_address fails).
    errors.push('addr_gen_mode = 2 (stable-privacy, RFC 7217) needs stable_secret; Linux would form no link-local address without it (use 3 for a random secret)');
  }
  if (c.temp_prefered_lft > c.temp_valid_lft) {
    errors.push(`temp_prefered_lft (${c.temp_prefered_lft}) is above temp_valid_lft (${c.temp_valid_lft}): a temporary address would stay preferred after it is invalid`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, config: c };
}
