// One line per frame in the spirit of `tcpdump -n`, and the `-v` field tree.
// Wording follows tcpdump's print-icmp6.c so that people who read tcpdump
// read ndsim without effort.

import { optionName } from './options.ts';
import { icmpv6Name, unreachableCodeName } from './names.ts';
import { hex } from './json.ts';
import { formatIp6 } from './address.ts';
import type { Decoded, ExtensionHeader, Icmpv6Message, NdOption, Violation } from './types.ts';

/** "0.000000" style seconds. */
export function formatSeconds(s: number): string {
  return s.toFixed(6);
}

function lifetime(s: number): string {
  return s === 0xffffffff ? 'infinity' : `${s}s`;
}

/** What follows "ICMP6, " on the one-line form. */
export function icmpv6Brief(m: Icmpv6Message): string {
  const name = icmpv6Name(m);
  if ('unknown' in m) return `${name}, code ${m.code}`;
  switch (m.type) {
    case 135:
      return `${name}, who has ${m.target}`;
    case 136:
      return `${name}, tgt is ${m.target}`;
    case 137:
      return `${name}, ${m.destination} to ${m.target}`;
    case 128:
    case 129:
      return `${name}, id ${m.identifier}, seq ${m.sequence}`;
    case 143:
      return `${name}, ${m.records.length} group record(s)`;
    case 130:
    case 131:
    case 132:
      return `${name} max resp delay: ${m.maxResponseDelay} addr: ${m.multicastAddress}`;
    case 1: {
      // The invoking packet's destination is what could not be reached.
      const dst = m.invoking.length >= 40 ? formatIp6(m.invoking, 24) : '?';
      return `${name}, ${unreachableCodeName(m.code)} ${dst}`;
    }
    case 133:
    case 134:
      return name;
  }
}

function icmpLength(d: Decoded): number | undefined {
  if (d.icmpv6Length !== undefined) return d.icmpv6Length;
  return d.frame?.ipv6?.payloadLength;
}

function hasHopByHop(headers: readonly ExtensionHeader[]): boolean {
  for (let i = 0; i < headers.length; i++) if (headers[i].kind === 'hop-by-hop') return true;
  return false;
}

/** The tcpdump-style line of one frame, without the time stamp. */
export function frameSummary(d: Decoded, violations: readonly Violation[] = []): string {
  const f = d.frame;
  let s: string;
  if (!f) s = 'truncated Ethernet header';
  else if (!f.ipv6) s = `${f.src} > ${f.dst}, ethertype 0x${f.etherType.toString(16).padStart(4, '0')}`;
  else {
    const ip = f.ipv6;
    const hbh = hasHopByHop(ip.extensionHeaders) ? 'HBH ' : '';
    s = `${ip.src} > ${ip.dst}: ${hbh}`;
    if (ip.icmpv6) {
      const len = icmpLength(d);
      s += `ICMP6, ${icmpv6Brief(ip.icmpv6)}${len !== undefined ? `, length ${len}` : ''}`;
      if (d.checksumValid === false) s += ' [bad icmp6 cksum]';
    } else if (ip.nextHeader === 58) s += 'ICMP6';
    else s += `next-header ${ip.nextHeader}`;
  }
  if (d.error) s += ` [malformed ${d.error.layer} at byte ${d.error.offset}: ${d.error.reason}]`;
  if (violations.length) s += ` [violates ${violations.map((v) => v.rule).join(', ')}]`;
  return s;
}

/** `0.000000 fe80::… > ff02::1:ff66:7788: ICMP6, neighbor solicitation, who has …, length 32` */
export function summaryLine(d: Decoded, seconds: number, violations: readonly Violation[] = []): string {
  return `${formatSeconds(seconds)} ${frameSummary(d, violations)}`;
}

function optionLines(o: NdOption): string {
  const head = `${optionName(o.type)} option (${o.type})`;
  if ('unknown' in o) return `${head}: ${hex(o.body)}`;
  switch (o.type) {
    case 1:
    case 2:
      return `${head}: ${o.lladdr}`;
    case 3:
      return `${head}: ${o.prefix}/${o.prefixLength}, Flags [${[o.L && 'onlink', o.A && 'auto', o.R && 'router'].filter(Boolean).join(', ') || 'none'}], valid time ${lifetime(o.validLifetime)}, pref. time ${lifetime(o.preferredLifetime)}`;
    case 4:
      return `${head}: ${o.packet.length} bytes of the original packet`;
    case 5:
      return `${head}: ${o.mtu}`;
    case 14:
      return `${head}: ${hex(o.nonce)}`;
    case 24:
      return `${head}: ${o.prefix}/${o.prefixLength}, pref=${o.prf}, lifetime=${lifetime(o.routeLifetime)}`;
    case 25:
      return `${head}: lifetime ${lifetime(o.lifetime)}, addr: ${o.servers.join(' ')}`;
    case 31:
      return `${head}: lifetime ${lifetime(o.lifetime)}, domain(s): ${o.domains.join(' ')}`;
    case 37:
      return `${head}: ${o.uri}`;
    case 38:
      return `${head}: ${o.prefix} plc ${o.plc}, lifetime ${o.scaledLifetime * 8}s`;
  }
}

/** The `-v` field tree: every layer, every field, every option, then each
 *  violation on its own line. Lines are indented with two spaces a level. */
export function frameTree(d: Decoded, violations: readonly Violation[] = []): string[] {
  const out: string[] = [];
  const f = d.frame;
  if (f) {
    out.push(`  Ethernet: ${f.src} > ${f.dst}, ethertype 0x${f.etherType.toString(16).padStart(4, '0')}${f.vlan ? `, 802.1Q vlan ${f.vlan.vid} pcp ${f.vlan.pcp}` : ''}`);
    const ip = f.ipv6;
    if (ip) {
      out.push(`  IPv6: ${ip.src} > ${ip.dst}, hlim ${ip.hopLimit}, class 0x${ip.trafficClass.toString(16)}, flowlabel 0x${ip.flowLabel.toString(16).padStart(5, '0')}, payload length ${ip.payloadLength ?? '-'}, next-header ${ip.nextHeader}`);
      for (const h of ip.extensionHeaders) {
        if (h.kind === 'hop-by-hop' || h.kind === 'destination') {
          const opts = h.options
            .map((o) => (o.type === 5 ? `router alert 0x${hex(o.data)}` : o.type === 1 ? `padn` : o.type === 0 ? 'pad1' : `type ${o.type}`))
            .join(', ');
          out.push(`    ${h.kind === 'hop-by-hop' ? 'Hop-by-hop' : 'Destination'} options: ${opts}`);
        } else if (h.kind === 'fragment') {
          out.push(`    Fragment: offset ${h.fragmentOffset}, M=${h.M ? 1 : 0}, id 0x${h.identification.toString(16)}`);
        } else out.push(`    Routing header: ${h.body.length} bytes`);
      }
      const m = ip.icmpv6;
      if (m) {
        out.push(`  ICMPv6: ${icmpv6Name(m)} (${m.type}), code ${m.code}, checksum 0x${(m.checksum ?? 0).toString(16).padStart(4, '0')}${d.checksumValid === false ? ' (bad)' : d.checksumValid ? ' (correct)' : ''}`);
        if (!('unknown' in m)) {
          if (m.type === 134) {
            const fl = [m.flags.M && 'managed', m.flags.O && 'other stateful', m.flags.H && 'home agent'].filter(Boolean).join(', ') || 'none';
            out.push(`    hop limit ${m.curHopLimit}, Flags [${fl}], pref ${m.flags.prf}, router lifetime ${m.routerLifetime}s, reachable time ${m.reachableTime}ms, retrans timer ${m.retransTimer}ms`);
          } else if (m.type === 136) {
            const fl = [m.flags.R && 'router', m.flags.S && 'solicited', m.flags.O && 'override'].filter(Boolean).join(', ') || 'none';
            out.push(`    target ${m.target}, Flags [${fl}]`);
          } else if (m.type === 135) out.push(`    target ${m.target}`);
          else if (m.type === 137) out.push(`    target ${m.target}, destination ${m.destination}`);
          else if (m.type === 143) {
            for (const r of m.records) out.push(`    record type ${r.recordType} group ${r.multicastAddress}${r.sources.length ? ` sources ${r.sources.join(' ')}` : ''}`);
          }
          if ('options' in m) for (const o of m.options) out.push(`    ${optionLines(o)}`);
        }
      }
    }
  }
  if (d.error) out.push(`  error: ${d.error.layer} at byte ${d.error.offset}: ${d.error.reason}`);
  for (const v of violations) out.push(`  violation ${v.rule} (${v.rfc}): ${v.message}`);
  return out;
}
