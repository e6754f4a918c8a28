// Why a frame was sent, from its message type and fields (and the sender's
// own hint when the machine gave one). The main sentence says what the frame
// is for; further sentences explain the fields a student should look at
// (RA flags and each prefix, NA flags, DAD's wait), where the seed's slides
// simplify, and the RFC rules the frame breaks.

import { ALL_NODES, formatIp6 } from '../packet/address.ts';
import { iidKind, isLinkLocal, isMulticast, isSolicitedNode, isUnspecified } from '../packet/address-kind.ts';
import {
  MLDV2_RECORD_TYPES,
  type EthernetFrame,
  type Ip6,
  type Ipv6Packet,
  type MldV2Report,
  type NdOption,
  type NeighborAdvertisement,
  type NeighborSolicitation,
  type RouterAdvertisement,
  type Violation,
} from '../packet/types.ts';
import { explainViolation } from './drop.ts';
import { lifetime, Sentences, term, type Explanation, type Lang } from './explanation.ts';
import type { Vars } from './template.ts';

export interface FrameContext {
  senderNode?: string;
  senderRole?: 'host' | 'router' | 'attacker' | 'sniffer';
  receivers?: string[];
  /** The sending machine's own hint (Action.send.why). */
  why?: string;
  violations?: Violation[];
}

const ETHERTYPE_IPV6 = 0x86dd;

/** Address predicates throw on text that is not an address; a frame from a
 *  capture is canonical, but an explanation must never be the thing that fails. */
/** The Subnet-Router anycast address of a /64 (RFC 4291 §2.6.1): all-zero IID. */
const isSubnetRouterAnycast = (a: Ip6): boolean => !isMulticast(a) && iidKind(a).kind === 'zero';

const safe = (f: (a: Ip6) => boolean, a: Ip6): boolean => {
  try {
    return f(a);
  } catch {
    return false;
  }
};

function lladdrOption(options: readonly NdOption[], type: 1 | 2): string | null {
  for (const o of options) if (o.type === type && 'lladdr' in o) return o.lladdr;
  return null;
}

export function explainFrame(frame: EthernetFrame, ctx: FrameContext, lang: Lang): Explanation {
  const s = new Sentences(lang);
  const ip = frame.ipv6;
  const node = ctx.senderNode ?? ip?.src ?? frame.src;
  const base: Record<string, string | number> = { node, srcMac: frame.src, dstMac: frame.dst };
  if (frame.etherType !== ETHERTYPE_IPV6 || ip === undefined) {
    s.add('frame.not-ipv6', { ...base, etherType: `0x${frame.etherType.toString(16).padStart(4, '0')}` });
    return withViolations(s, ctx);
  }
  const v: Record<string, string | number> = { ...base, src: ip.src, dst: ip.dst };
  // A router passing someone else's packet on (the stack says so in `why`):
  // the packet is not the router's own, whatever its type.
  if (ctx.why !== undefined && ctx.why.startsWith('forwarded ')) {
    s.add('frame.forwarded', { ...v, hopLimit: ip.hopLimit });
    return withViolations(s, ctx);
  }
  const m = ip.icmpv6;
  if (m === undefined) {
    s.add('frame.ipv6-other', { ...v, nextHeader: ip.nextHeader });
    return withViolations(s, ctx);
  }
  switch (m.type) {
    case 135:
      neighborSolicitation(s, ip, m as NeighborSolicitation, v, ctx);
      break;
    case 136:
      neighborAdvertisement(s, ip, m as NeighborAdvertisement, v, ctx);
      break;
    case 133:
      s.add('frame.rs', v);
      // §4.1: the SLLA "SHOULD be included" unless the source is ::; RFC 4429
      // §3.2 leaves it out while the source address is optimistic.
      if (!safe(isUnspecified, ip.src) && lladdrOption((m as Extract<typeof m, { type: 133 }>).options, 1) === null) s.add('rs.no-slla', v);
      break;
    case 134:
      routerAdvertisement(s, m as RouterAdvertisement, v, ctx);
      break;
    case 137: {
      const rd = m as Extract<typeof m, { type: 137 }>;
      const to = ctx.receivers && ctx.receivers.length > 0 ? ctx.receivers.join(', ') : ip.dst;
      const vars = { ...v, to, target: rd.target, destination: rd.destination };
      s.add(rd.target === rd.destination ? 'frame.redirect.on-link' : 'frame.redirect.router', vars);
      // §8.2: the target's link-layer address "if known"; §8.3: without it the host resolves the target.
      const tlla = lladdrOption(rd.options, 2);
      if (tlla !== null) s.add('redirect.tlla', { ...vars, tlla });
      else if (rd.target !== rd.destination) s.add('redirect.no-tlla', vars);
      const quoted = rd.options.find((o) => o.type === 4 && 'packet' in o);
      if (quoted && 'packet' in quoted) s.add('redirect.quoted', { ...vars, bytes: quoted.packet.length });
      break;
    }
    case 128:
    case 129: {
      const echo = m as Extract<typeof m, { type: 128 | 129 }>;
      s.add(m.type === 128 ? 'frame.echo-request' : 'frame.echo-reply', { ...v, id: echo.identifier, seq: echo.sequence });
      break;
    }
    case 143:
      mldv2Report(s, ip, m as MldV2Report, v);
      break;
    case 130:
    case 131:
    case 132: {
      const mld = m as Extract<typeof m, { type: 130 | 131 | 132 }>;
      const groups = mld.multicastAddress === '::' ? term(lang, 'all-groups') : mld.multicastAddress;
      s.add(m.type === 130 ? 'frame.mld-query' : m.type === 131 ? 'frame.mldv1-report' : 'frame.mldv1-done', { ...v, groups });
      break;
    }
    case 1: {
      const du = m as Extract<typeof m, { type: 1 }>;
      // RFC 4443 §3.1: the body starts with the invoking packet's IPv6 header; its destination is at bytes 24..40.
      const invokingDst = du.invoking.length >= 40 ? formatIp6(du.invoking, 24) : term(lang, 'none');
      s.add(m.code === 3 ? 'frame.unreachable.address' : 'frame.unreachable.other', { ...v, invokingDst, code: m.code });
      break;
    }
    default:
      s.add('frame.icmpv6-other', { ...v, type: m.type, code: m.code });
  }
  return withViolations(s, ctx);
}

function withViolations(s: Sentences, ctx: FrameContext): Explanation {
  for (const violation of ctx.violations ?? []) {
    const e = explainViolation(violation, s.lang);
    s.add('note.violation', { violation: e.text }, e.rfc);
  }
  return s.build();
}

// ----------------------------------------------------------------- NS

function neighborSolicitation(s: Sentences, ip: Ipv6Packet, ns: NeighborSolicitation, v: Vars, ctx: FrameContext): void {
  const vars = { ...v, target: ns.target };
  if (safe(isUnspecified, ip.src)) {
    // RFC 4862 §5.4.2: DAD probes come from :: to the target's solicited-node group.
    s.add('frame.ns.dad', vars).add('ns.dad-wait', vars);
    if (ns.options.some((o) => o.type === 14)) s.add('ns.dad-nonce', vars);
    return;
  }
  const slla = lladdrOption(ns.options, 1);
  if (safe(isMulticast, ip.dst)) {
    s.add('frame.ns.resolution', vars);
    if (slla !== null) s.add('ns.slla', { ...vars, slla });
    s.add('ns.resolution-failure', vars);
    // The seed's slide uses link-local sources; RFC 4861 §7.2.2 and Linux use
    // the prompting packet's source. Only worth saying when the target is not
    // itself link-local (then link-local is everyone's choice).
    // The sender says when its ns_source switch overrode the prompting packet's source.
    const configured = ctx.why !== undefined && /\bns_source link-local\b/.test(ctx.why);
    if (!safe(isLinkLocal, ns.target)) s.add(configured ? 'ns.src-link-local-configured' : safe(isLinkLocal, ip.src) ? 'ns.src-link-local' : 'ns.src-prompting', vars);
    return;
  }
  if (ip.dst === ns.target) {
    s.add('frame.ns.nud', vars);
    return;
  }
  s.add('frame.ns.unicast', vars);
}

// ----------------------------------------------------------------- NA

function neighborAdvertisement(s: Sentences, ip: Ipv6Packet, na: NeighborAdvertisement, v: Vars, ctx: FrameContext): void {
  const tllaOpt = lladdrOption(na.options, 2);
  const tlla = tllaOpt ?? term(s.lang, 'none');
  const vars = { ...v, target: na.target, tlla };
  const toAllNodes = ip.dst === ALL_NODES;
  // §7.2.4: the answer to a unicast NUD probe may leave out the TLLA (Linux
  // does), and "the Override flag SHOULD be set to zero" without it.
  const nudAnswer = na.flags.S && tllaOpt === null && !safe(isMulticast, ip.dst);
  const dadAnswer = toAllNodes && !na.flags.S && ctx.why !== undefined && /\bDAD\b|duplicate/i.test(ctx.why);
  // §7.2.4: an answer for an anycast target has O=0 (and §7.2.7 a random
  // delay); the all-zero IID marks the Subnet-Router anycast address.
  const anycastAnswer = na.flags.S && !na.flags.O && tllaOpt !== null && safe(isSubnetRouterAnycast, na.target);
  if (dadAnswer && ctx.senderRole === 'attacker') {
    // No defence: the attacker claims an address it does not use.
    s.add('frame.na.dad-dos', vars);
    return;
  } else if (dadAnswer) {
    s.add('frame.na.dad-defence', vars);
  } else if (nudAnswer) {
    s.add('frame.na.solicited-no-tlla', vars);
  } else if (anycastAnswer) {
    s.add('frame.na.anycast', vars); // says what O=0 does here
  } else if (na.flags.S) {
    s.add('frame.na.solicited', vars);
  } else if (safe(isMulticast, ip.dst)) {
    s.add('frame.na.all-nodes', vars);
  } else {
    s.add('frame.na.unsolicited', vars);
  }
  if (na.flags.O || !(nudAnswer || anycastAnswer)) s.add(na.flags.O ? 'na.override' : 'na.no-override', vars);
  if (na.flags.R) s.add('na.router', vars);
  if (na.flags.S && !safe(isLinkLocal, na.target)) {
    // Which source-address choice produced this answer (seed-vectors.md note).
    if (ip.src === na.target) s.add('na.src-target', vars);
    else if (safe(isLinkLocal, ip.src)) s.add('na.src-link-local', vars);
  }
  if (ctx.senderRole === 'attacker') s.add('note.attacker-na', vars);
  else if (na.flags.S) s.add('note.na-spoofing', vars);
}

// ----------------------------------------------------------------- RA

function routerAdvertisement(s: Sentences, ra: RouterAdvertisement, v: Vars, ctx: FrameContext): void {
  const lang = s.lang;
  const prf = term(lang, ra.flags.prf);
  if (ra.routerLifetime === 0) {
    // RFC 4861 §6.2.5: a router that stops advertising sends final RAs with lifetime 0.
    const final = ctx.why !== undefined && /final|cease|stop|shut/i.test(ctx.why);
    s.add(final ? 'frame.ra.final' : 'frame.ra.not-default', v);
  } else {
    s.add('frame.ra.default', { ...v, lifetime: lifetime(lang, ra.routerLifetime), prf });
  }
  if (ra.flags.M) s.add('ra.flags.managed', v);
  if (ra.flags.O) s.add('ra.flags.other', v);
  if (!ra.flags.M && !ra.flags.O) s.add('ra.flags.slaac', v);
  if (ra.flags.prf === 'reserved' && ra.routerLifetime !== 0) s.add('ra.prf-reserved', v);
  // §6.3.4: 0 means "unspecified by this router"; hosts keep their values.
  if (ra.curHopLimit !== 0) s.add('ra.hop-limit', { ...v, hopLimit: ra.curHopLimit });
  if (ra.reachableTime !== 0) s.add('ra.reachable-time', { ...v, reachable: ra.reachableTime });
  if (ra.retransTimer !== 0) s.add('ra.retrans-timer', { ...v, retrans: ra.retransTimer });
  for (const o of ra.options) {
    if ('unknown' in o) continue;
    switch (o.type) {
      case 3: {
        const p = { ...v, prefix: `${o.prefix}/${o.prefixLength}`, valid: lifetime(lang, o.validLifetime), preferred: lifetime(lang, o.preferredLifetime) };
        if (o.validLifetime === 0 && (o.L || o.A)) s.add('ra.pio.withdrawn', p);
        else if (o.L && o.A) s.add('ra.pio.onlink-auto', p);
        else if (o.L) s.add('ra.pio.onlink', p);
        else if (o.A) s.add('ra.pio.auto', p);
        else s.add('ra.pio.nothing', p);
        if (o.A && o.validLifetime !== 0 && o.preferredLifetime === 0) s.add('ra.pio.deprecating', p);
        break;
      }
      case 5:
        s.add('ra.mtu', { ...v, mtu: o.mtu });
        break;
      case 24:
        s.add('ra.rio', { ...v, prefix: `${o.prefix}/${o.prefixLength}`, prf: term(lang, o.prf), lifetime: lifetime(lang, o.routeLifetime) });
        break;
      case 25:
        s.add('ra.rdnss', { ...v, servers: o.servers.join(', '), lifetime: lifetime(lang, o.lifetime) });
        break;
      case 31:
        s.add('ra.dnssl', { ...v, domains: o.domains.join(', '), lifetime: lifetime(lang, o.lifetime) });
        break;
      default:
        break;
    }
  }
  if (ctx.senderRole === 'attacker') s.add('note.attacker-ra', v);
}

// ---------------------------------------------------------------- MLD

const { MODE_IS_INCLUDE, MODE_IS_EXCLUDE, CHANGE_TO_INCLUDE_MODE, BLOCK_OLD_SOURCES } = MLDV2_RECORD_TYPES;

function mldv2Report(s: Sentences, ip: Ipv6Packet, report: MldV2Report, v: Vars): void {
  const groups = report.records.map((r) => r.multicastAddress);
  const list = groups.length > 0 ? groups.join(', ') : term(s.lang, 'none');
  const current = report.records.every((r) => r.recordType === MODE_IS_INCLUDE || r.recordType === MODE_IS_EXCLUDE);
  // RFC 3810 §6.1: CHANGE_TO_INCLUDE with no sources (or blocking) = stop listening.
  const leaving = report.records.length > 0 && report.records.every(
    (r) => (r.recordType === CHANGE_TO_INCLUDE_MODE && r.sources.length === 0) || r.recordType === BLOCK_OLD_SOURCES,
  );
  if (current && report.records.length > 0) s.add('frame.mldv2-report.state', { ...v, groups: list });
  else if (leaving) s.add('frame.mldv2-report.leave', { ...v, groups: list });
  else {
    s.add('frame.mldv2-report.join', { ...v, groups: list });
    const sn = groups.find((g) => safe(isSolicitedNode, g));
    if (sn !== undefined) {
      s.add('mld.before-dad', { ...v, group: sn });
      // The seed's SLAAC slide starts at the DAD NS; a report from :: belongs to that start.
      if (safe(isUnspecified, ip.src) || safe(isLinkLocal, ip.src)) s.add('note.seed-mld-omitted', v);
    }
  }
}
