// The RFC rules validate.ts checks, as data: a stable id per rule, its
// section, what a receiver does about it, and one line of English. Nodes
// count drops by id; the UI and docs list this table.

import type { Violation } from './types.ts';

/**
 * What breaking the rule means for a receiver:
 * - 'discard': the RFC says to silently discard the whole message;
 * - 'ignore-option': the message stands, the one option is ignored;
 * - 'warning': legal, but what a monitor should point out.
 */
export type RuleEffect = 'discard' | 'ignore-option' | 'warning';

export interface RuleInfo {
  rfc: string;
  effect: RuleEffect;
  summary: string;
}

const nd = (section: string, summary: string): RuleInfo => ({ rfc: `RFC 4861 §${section}`, effect: 'discard', summary });

export const RULES = {
  'icmpv6-checksum': { rfc: 'RFC 4443 §2.3', effect: 'discard', summary: 'ICMPv6 checksum does not match' },
  'nd-fragmented': { rfc: 'RFC 6980 §5', effect: 'discard', summary: 'ND message carried in a fragment' },

  'rs-hop-limit': nd('6.1.1', 'RS hop limit is not 255'),
  'rs-code': nd('6.1.1', 'RS ICMP code is not 0'),
  'rs-length': nd('6.1.1', 'RS shorter than 8 bytes'),
  'rs-unspecified-source-slla': nd('6.1.1', 'RS from :: carries a source link-layer address option'),

  'ra-hop-limit': nd('6.1.2', 'RA hop limit is not 255'),
  'ra-code': nd('6.1.2', 'RA ICMP code is not 0'),
  'ra-length': nd('6.1.2', 'RA shorter than 16 bytes'),
  'ra-source-not-link-local': nd('6.1.2', 'RA source is not a link-local address'),

  'ns-hop-limit': nd('7.1.1', 'NS hop limit is not 255'),
  'ns-code': nd('7.1.1', 'NS ICMP code is not 0'),
  'ns-length': nd('7.1.1', 'NS shorter than 24 bytes'),
  'ns-target-multicast': nd('7.1.1', 'NS target is a multicast address'),
  'ns-dad-destination': nd('7.1.1', 'NS from :: not sent to a solicited-node multicast address'),
  'ns-dad-slla': nd('7.1.1', 'NS from :: carries a source link-layer address option'),

  'na-hop-limit': nd('7.1.2', 'NA hop limit is not 255'),
  'na-code': nd('7.1.2', 'NA ICMP code is not 0'),
  'na-length': nd('7.1.2', 'NA shorter than 24 bytes'),
  'na-target-multicast': nd('7.1.2', 'NA target is a multicast address'),
  'na-solicited-multicast': nd('7.1.2', 'NA to a multicast address has the Solicited flag set'),

  'redirect-hop-limit': nd('8.1', 'Redirect hop limit is not 255'),
  'redirect-code': nd('8.1', 'Redirect ICMP code is not 0'),
  'redirect-length': nd('8.1', 'Redirect shorter than 40 bytes'),
  'redirect-source-not-link-local': nd('8.1', 'Redirect source is not a link-local address'),
  'redirect-target': nd('8.1', 'Redirect target is neither link-local nor the destination'),
  'redirect-destination-multicast': nd('8.1', 'Redirect destination is a multicast address'),

  'lladdr-length': { rfc: 'RFC 2464 §6', effect: 'discard', summary: 'link-layer address option is not 6 bytes on Ethernet' },
  'slla-mismatch': { rfc: 'RFC 4861 §4.6.1', effect: 'warning', summary: 'Ethernet source differs from the source link-layer address option' },
  'pio-prefix-length': { rfc: 'RFC 4861 §4.6.2', effect: 'ignore-option', summary: 'prefix information with prefix length above 128' },
  'pio-lifetimes': { rfc: 'RFC 4862 §5.5.3 (c)', effect: 'ignore-option', summary: 'prefix information with preferred lifetime above valid lifetime' },
  'rio-prefix-length': { rfc: 'RFC 4191 §2.3', effect: 'ignore-option', summary: 'route information with prefix length above 128' },
  'rio-length': { rfc: 'RFC 4191 §2.3', effect: 'ignore-option', summary: 'route information Length does not fit its prefix length' },

  'mld-hop-limit': { rfc: 'RFC 2710 §3, RFC 3810 §5', effect: 'discard', summary: 'MLD hop limit is not 1' },
  'mld-source-not-link-local': { rfc: 'RFC 2710 §3, RFC 3810 §5', effect: 'discard', summary: 'MLD source is not link-local (:: allowed for reports only)' },
  'mld-router-alert': { rfc: 'RFC 2710 §3, RFC 3810 §5', effect: 'discard', summary: 'MLD message without a Router Alert hop-by-hop option' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** What validate returns when there is nothing to report: shared and frozen,
 *  so the common case allocates nothing. Copy before adding to it. */
export const NO_VIOLATIONS: Violation[] = Object.freeze([] as Violation[]) as Violation[];

/** Appends a violation of `rule`, creating the list on first use. */
export function report(out: Violation[] | null, rule: RuleId, message: string): Violation[] {
  const v: Violation = { rule, rfc: RULES[rule].rfc, message };
  if (out === null) return [v];
  out.push(v);
  return out;
}
