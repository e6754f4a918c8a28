// RFC 4861 validity checks (§6.1.1, §6.1.2, §7.1.1, §7.1.2, §8.1), plus the
// ICMPv6 checksum, RFC 6980's ban on fragmented ND and the MLD sending rules,
// as a list of violations with stable rule ids (validate-rules.ts).
//
// This is the layer after decoding: the frame parsed, now does it obey the
// RFCs? Nodes drop a message when any of its violations has effect
// 'discard'; monitors show all of them.
//
// Runs on every frame (> 2 M/s): no allocation unless something is reported,
// address classes read from the text without parsing.
//
// What decoding already guarantees and is therefore not re-checked here:
// - "All included options have a length that is greater than zero": an
//   option of length 0 makes decodeOptions fail (options.ts), so a repr never
//   holds one.
// - ICMP length ≥ 8/16/24/40 for a decoded RS/RA/NS/NA/Redirect: the repr
//   could not exist otherwise. The length rules fire for ND types the decoder
//   kept as UnknownIcmpv6 (too short to decode), judged on their bytes.

import {
  addressClassesOfText,
  DESTINATION_MULTICAST,
  DST_MULTICAST,
  DST_SOLICITED_NODE,
  SRC_LINK_LOCAL,
  SRC_UNSPECIFIED,
  TARGET_IS_DESTINATION,
  TARGET_LINK_LOCAL,
  TARGET_MULTICAST,
} from './validate-addr.ts';
import { checkOptions } from './validate-options.ts';
import { NO_VIOLATIONS, report, type RuleId } from './validate-rules.ts';
import type {
  EthernetFrame,
  Icmpv6Message,
  Ipv6Packet,
  MldV1,
  NdMessage,
  NdOption,
  UnknownIcmpv6,
  UnknownOption,
  Violation,
} from './types.ts';

export { isLinkLocal, isMulticast, isSolicitedNodeMulticast, isUnspecified } from './validate-addr.ts';
export { NO_VIOLATIONS, RULES, type RuleEffect, type RuleId, type RuleInfo } from './validate-rules.ts';

/** RFC 4861 §6.1 / §7.1 / §8.1: ND messages must arrive with hop limit 255,
 *  proof that no router forwarded them. */
const ND_HOP_LIMIT = 255;
/** RFC 2710 §3 / RFC 3810 §5: MLD never leaves the link. */
const MLD_HOP_LIMIT = 1;
/** RFC 2711 Router Alert hop-by-hop option type. */
const ROUTER_ALERT = 5;

interface NdRules {
  name: string;
  minLength: number;
  hopLimit: RuleId;
  code: RuleId;
  length: RuleId;
}

// Indexed by ICMPv6 type − 133.
const ND_RULES: readonly NdRules[] = [
  { name: 'RS', minLength: 8, hopLimit: 'rs-hop-limit', code: 'rs-code', length: 'rs-length' },
  { name: 'RA', minLength: 16, hopLimit: 'ra-hop-limit', code: 'ra-code', length: 'ra-length' },
  { name: 'NS', minLength: 24, hopLimit: 'ns-hop-limit', code: 'ns-code', length: 'ns-length' },
  { name: 'NA', minLength: 24, hopLimit: 'na-hop-limit', code: 'na-code', length: 'na-length' },
  { name: 'Redirect', minLength: 40, hopLimit: 'redirect-hop-limit', code: 'redirect-code', length: 'redirect-length' },
];

function isUnknownMessage(msg: Icmpv6Message): msg is UnknownIcmpv6 {
  return (msg as UnknownIcmpv6).unknown === true;
}

/**
 * The RFC rules `frame` breaks, in a fixed order (checksum, framing, then
 * message, then options). `checksumValid` is what decode reported (null:
 * not checked); `addressClasses` too (Decoded.addressClasses), when the
 * caller has it: the address checks then need not read the text. Returns the
 * shared frozen NO_VIOLATIONS when all is well.
 */
export function validate(frame: EthernetFrame, checksumValid: boolean | null, addressClasses?: number): Violation[] {
  let out: Violation[] | null = null;
  if (checksumValid === false) {
    out = report(out, 'icmpv6-checksum', 'ICMPv6 checksum does not match the pseudo-header and message: receivers discard it');
  }
  const ip = frame.ipv6;
  const msg = ip?.icmpv6;
  if (ip !== undefined && msg !== undefined) {
    const t = msg.type;
    if (t >= 133 && t <= 137) out = checkNd(frame, ip, msg, out, addressClasses ?? addressClassesOfText(ip, msg));
    else if (t === 130 || t === 131 || t === 132 || t === 143) out = checkMld(ip, msg, out, addressClasses ?? addressClassesOfText(ip, msg));
  }
  return out ?? NO_VIOLATIONS;
}

function checkNd(frame: EthernetFrame, ip: Ipv6Packet, msg: Icmpv6Message, out: Violation[] | null, c: number): Violation[] | null {
  const rules = ND_RULES[msg.type - 133];
  // RFC 6980 §5: ND messages with a fragment header are silently ignored.
  for (let k = 0; k < ip.extensionHeaders.length; k++) {
    if (ip.extensionHeaders[k].kind === 'fragment') {
      out = report(out, 'nd-fragmented', `${rules.name} arrived in an IPv6 fragment; RFC 6980 forbids fragmented ND`);
      break;
    }
  }
  if (ip.hopLimit !== ND_HOP_LIMIT) {
    out = report(out, rules.hopLimit, `${rules.name} with hop limit ${ip.hopLimit}, not 255: it may have been forwarded from off-link`);
  }
  if (msg.code !== 0) out = report(out, rules.code, `${rules.name} with ICMP code ${msg.code}, not 0`);
  if (isUnknownMessage(msg)) {
    // Left undecoded (too short): only the length is left to judge.
    const length = 4 + msg.body.length;
    if (length < rules.minLength) {
      out = report(out, rules.length, `${rules.name} of ${length} bytes; it needs at least ${rules.minLength}`);
    }
    return out;
  }
  const nd = msg as NdMessage;
  switch (nd.type) {
    case 133:
      if ((c & SRC_UNSPECIFIED) !== 0 && hasOption(nd.options, 1)) {
        out = report(out, 'rs-unspecified-source-slla', 'RS from :: carries a source link-layer address option: a sender without an address has no binding to announce');
      }
      break;
    case 134:
      if ((c & SRC_LINK_LOCAL) === 0) {
        out = report(out, 'ra-source-not-link-local', `RA from ${ip.src}: routers send RAs from their link-local address, which hosts use to identify them`);
      }
      break;
    case 135:
      if ((c & TARGET_MULTICAST) !== 0) out = report(out, 'ns-target-multicast', `NS for multicast target ${nd.target}`);
      if ((c & SRC_UNSPECIFIED) !== 0) {
        if ((c & DST_SOLICITED_NODE) === 0) {
          out = report(out, 'ns-dad-destination', `DAD NS (from ::) sent to ${ip.dst}; it must go to a solicited-node multicast address`);
        }
        if (hasOption(nd.options, 1)) {
          out = report(out, 'ns-dad-slla', 'DAD NS (from ::) carries a source link-layer address option');
        }
      }
      break;
    case 136:
      if ((c & TARGET_MULTICAST) !== 0) out = report(out, 'na-target-multicast', `NA for multicast target ${nd.target}`);
      if (nd.flags.S && (c & DST_MULTICAST) !== 0) {
        out = report(out, 'na-solicited-multicast', `NA to multicast ${ip.dst} with the Solicited flag set: solicited NAs are unicast`);
      }
      break;
    case 137:
      if ((c & SRC_LINK_LOCAL) === 0) {
        out = report(out, 'redirect-source-not-link-local', `Redirect from ${ip.src}: routers send Redirects from their link-local address`);
      }
      if ((c & TARGET_LINK_LOCAL) === 0 && (c & TARGET_IS_DESTINATION) === 0) {
        out = report(out, 'redirect-target', `Redirect target ${nd.target} is neither link-local (a better router) nor the destination ${nd.destination} (on-link)`);
      }
      if ((c & DESTINATION_MULTICAST) !== 0) {
        out = report(out, 'redirect-destination-multicast', `Redirect for multicast destination ${nd.destination}`);
      }
      break;
    default: {
      const never: never = nd;
      return never;
    }
  }
  return nd.options.length === 0 ? out : checkOptions(frame, nd.options, out);
}

function hasOption(options: readonly NdOption[], type: number): boolean {
  for (let k = 0; k < options.length; k++) {
    if (options[k].type === type && (options[k] as UnknownOption).unknown !== true) return true;
  }
  return false;
}

function checkMld(ip: Ipv6Packet, msg: Icmpv6Message, out: Violation[] | null, c: number): Violation[] | null {
  const name = mldName(msg);
  if (ip.hopLimit !== MLD_HOP_LIMIT) {
    out = report(out, 'mld-hop-limit', `${name} with hop limit ${ip.hopLimit}, not 1: MLD never leaves the link`);
  }
  // Reports and Dones may come from :: before the interface has a link-local
  // address, e.g. when joining the solicited-node group ahead of DAD
  // (RFC 3810 §5.2.13 for MLDv2 reports, RFC 3590 §4 for MLDv1).
  const mayBeUnspecified = msg.type !== 130;
  if ((c & SRC_LINK_LOCAL) === 0 && !(mayBeUnspecified && (c & SRC_UNSPECIFIED) !== 0)) {
    out = report(out, 'mld-source-not-link-local', `${name} from ${ip.src}: MLD is sent from a link-local address${mayBeUnspecified ? ' (or :: before one exists)' : ''}`);
  }
  if (!hasRouterAlert(ip)) {
    out = report(out, 'mld-router-alert', `${name} without a Router Alert option in a hop-by-hop header`);
  }
  return out;
}

function mldName(msg: Icmpv6Message): string {
  switch (msg.type) {
    case 130:
      return (msg as MldV1).v2 ? 'MLDv2 Query' : 'MLD Query';
    case 131:
      return 'MLDv1 Report';
    case 132:
      return 'MLD Done';
    default:
      return 'MLDv2 Report';
  }
}

function hasRouterAlert(ip: Ipv6Packet): boolean {
  for (let k = 0; k < ip.extensionHeaders.length; k++) {
    const h = ip.extensionHeaders[k];
    if (h.kind !== 'hop-by-hop') continue;
    for (let j = 0; j < h.options.length; j++) if (h.options[j].type === ROUTER_ALERT) return true;
  }
  return false;
}
