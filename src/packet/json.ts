// The NDJSON shape of a decoded frame: a contract that other tools read
// (`ndsim decode --json`, the `frame` of trace events). Keys are camelCase,
// addresses RFC 5952, MACs lower-case with colons. Add keys; never rename.

import { optionName } from './options.ts';
import { icmpv6Name } from './names.ts';
import type { Decoded, Icmpv6Message, NdOption, Violation } from './types.ts';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

export function optionJson(o: NdOption): JsonObject {
  const base: JsonObject = { type: o.type, name: optionName(o.type) };
  if ('unknown' in o) return { ...base, body: hex(o.body) };
  switch (o.type) {
    case 1:
    case 2:
      return { ...base, lladdr: o.lladdr };
    case 3:
      return {
        ...base,
        prefix: o.prefix,
        prefixLength: o.prefixLength,
        L: o.L,
        A: o.A,
        validLifetime: o.validLifetime,
        preferredLifetime: o.preferredLifetime,
      };
    case 4:
      return { ...base, length: o.packet.length };
    case 5:
      return { ...base, mtu: o.mtu };
    case 14:
      return { ...base, nonce: hex(o.nonce) };
    case 24:
      return { ...base, prefix: o.prefix, prefixLength: o.prefixLength, prf: o.prf, routeLifetime: o.routeLifetime };
    case 25:
      return { ...base, lifetime: o.lifetime, servers: o.servers };
    case 31:
      return { ...base, lifetime: o.lifetime, domains: o.domains };
    case 37:
      return { ...base, uri: o.uri };
    case 38:
      return { ...base, prefix: o.prefix, plc: o.plc, lifetime: o.scaledLifetime * 8 };
  }
}

export function icmpv6Json(m: Icmpv6Message, checksumValid: boolean | null): JsonObject {
  const j: JsonObject = { type: m.type, code: m.code, name: icmpv6Name(m), checksumValid };
  if ('unknown' in m) {
    j.body = hex(m.body);
    return j;
  }
  switch (m.type) {
    case 133:
      break;
    case 134:
      j.curHopLimit = m.curHopLimit;
      j.flags = { M: m.flags.M, O: m.flags.O, H: m.flags.H, prf: m.flags.prf };
      j.routerLifetime = m.routerLifetime;
      j.reachableTime = m.reachableTime;
      j.retransTimer = m.retransTimer;
      break;
    case 135:
      j.target = m.target;
      break;
    case 136:
      j.flags = { R: m.flags.R, S: m.flags.S, O: m.flags.O };
      j.target = m.target;
      break;
    case 137:
      j.target = m.target;
      j.destination = m.destination;
      break;
    case 128:
    case 129:
      j.identifier = m.identifier;
      j.sequence = m.sequence;
      j.dataLength = m.data.length;
      break;
    case 1:
      j.invokingLength = m.invoking.length;
      break;
    case 130:
    case 131:
    case 132:
      j.maxResponseDelay = m.maxResponseDelay;
      j.multicastAddress = m.multicastAddress;
      if (m.v2) j.sources = m.v2.sources;
      // RFC 3810 §5.1.12/§5.2.11 Additional Data, ignored by receivers:
      // only its length, and only when there is some (a sender must not add it).
      if (m.v2?.additionalData) j.additionalDataLength = m.v2.additionalData.length;
      // RFC 2710 §3: the same for bytes past 24 in an MLDv1 Report or Done.
      if (m.extraData) j.additionalDataLength = m.extraData.length;
      break;
    case 143:
      j.records = m.records.map((r) => ({ recordType: r.recordType, multicastAddress: r.multicastAddress, sources: r.sources }));
      if (m.additionalData) j.additionalDataLength = m.additionalData.length;
      break;
  }
  j.options = 'options' in m ? m.options.map(optionJson) : [];
  return j;
}

/** One frame as the `decode --json` object. `time` is seconds (relative). */
export function frameJson(d: Decoded, index: number, time: number, violations: readonly Violation[]): JsonObject {
  const f = d.frame;
  const ip = f?.ipv6;
  return {
    index,
    time,
    eth: f ? (f.vlan ? { src: f.src, dst: f.dst, vlan: f.vlan.vid } : { src: f.src, dst: f.dst }) : null,
    ipv6: ip ? { src: ip.src, dst: ip.dst, hopLimit: ip.hopLimit } : null,
    icmpv6: ip?.icmpv6 ? icmpv6Json(ip.icmpv6, d.checksumValid) : null,
    violations: violations.map((v) => ({ rule: v.rule, rfc: v.rfc, message: v.message })),
    error: d.error ? { layer: d.error.layer, offset: d.error.offset, reason: d.error.reason } : null,
  };
}
