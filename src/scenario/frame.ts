// `send` frames: a hand-built ND or echo message described declaratively, for
// attackers and for demonstrating how receivers treat odd messages. Only
// types and ranges are checked here: a frame that breaks RFC 4861 §6.1 or
// §7.1 (hop limit not 255, RA from a global source…) is allowed on purpose,
// so that a scenario can show the receiver dropping it.

import { isMap, isScalar } from 'yaml';
import type { MapView, Reader, YNode } from './reader.ts';
import type { LladdrSpec, PioSpec, RioSpec, SendFrameSpec } from './types.ts';

const TYPES = ['ra', 'na', 'ns', 'rs', 'redirect', 'echo-request', 'raw'] as const;
const COMMON = ['type', 'eth_src', 'eth_dst', 'src', 'dst', 'hop_limit'];
const FIELDS: Record<(typeof TYPES)[number], string[]> = {
  ra: ['cur_hop_limit', 'M', 'O', 'prf', 'router_lifetime', 'reachable_time', 'retrans_timer', 'slla', 'prefixes', 'mtu', 'rdnss', 'routes'],
  na: ['target', 'R', 'S', 'O', 'tlla'],
  ns: ['target', 'slla', 'nonce'],
  rs: ['slla'],
  redirect: ['target', 'destination', 'tlla'],
  'echo-request': ['identifier', 'sequence', 'size'],
  raw: ['hex'],
};
const PREFS = ['low', 'medium', 'high'] as const;
const U32 = 0xffffffff;

/** Hex bytes with optional spaces, ":" or "-" between them. */
export function parseHex(text: string): Uint8Array | string {
  const t = text.replace(/[\s:-]/g, '').replace(/^0x/i, '');
  if (t === '') return 'no bytes';
  if (!/^[0-9a-f]*$/i.test(t)) return `"${text}" is not hex bytes`;
  if (t.length % 2) return `"${text}" has an odd number of hex digits`;
  return Uint8Array.from({ length: t.length / 2 }, (_, i) => parseInt(t.slice(2 * i, 2 * i + 2), 16));
}

function lladdr(r: Reader, m: MapView, key: string): LladdrSpec {
  if (!m.has(key)) return undefined;
  const v = m.get(key);
  if (v === null || (isScalar(v) && (v.value === null || v.value === false || v.value === 'none'))) return null;
  return r.mac(v, `${m.path}.${key}`);
}

function flag(r: Reader, m: MapView, key: string, dflt: boolean): boolean {
  return m.has(key) ? (r.bool(m.get(key), `${m.path}.${key}`) ?? dflt) : dflt;
}

function int(r: Reader, m: MapView, key: string, min: number, max: number, dflt: number, why = ''): number {
  return m.has(key) ? (r.int(m.get(key), `${m.path}.${key}`, min, max, why) ?? dflt) : dflt;
}

function lifetime(r: Reader, m: MapView, key: string, dflt: number): number {
  if (!m.has(key)) return dflt;
  const v = r.lifetime(m.get(key), `${m.path}.${key}`);
  return v === 'infinity' ? U32 : (v ?? dflt);
}

function readPio(r: Reader, item: YNode, path: string): PioSpec | undefined {
  const m = r.map(item, path, ['prefix', 'L', 'A', 'valid_lifetime', 'preferred_lifetime']);
  if (!m) return undefined;
  // RFC 4861 §4.6.2 allows any prefix bits; a hand-built PIO may carry host bits.
  const p = r.addressWithLength(r.required(m, 'prefix', 'e.g. 2001:db8::/64'), `${path}.prefix`);
  const spec = {
    L: flag(r, m, 'L', true),
    A: flag(r, m, 'A', true),
    // radvd's defaults (30 and 7 days).
    valid_lifetime: lifetime(r, m, 'valid_lifetime', 2592000),
    preferred_lifetime: lifetime(r, m, 'preferred_lifetime', 604800),
  };
  return p && { prefix: p.address, prefixLength: p.length, ...spec };
}

function readRio(r: Reader, item: YNode, path: string): RioSpec | undefined {
  const m = r.map(item, path, ['prefix', 'prf', 'lifetime']);
  if (!m) return undefined;
  const p = r.prefix(r.required(m, 'prefix', 'e.g. 2001:db8:1::/48'), `${path}.prefix`);
  const prf = m.has('prf') ? (r.oneOf(m.get('prf'), `${path}.prf`, PREFS) ?? 'medium') : 'medium';
  return p && { prefix: p.prefix, prefixLength: p.length, prf, lifetime: lifetime(r, m, 'lifetime', 1800) };
}

/**
 * Reads `frame:`. With `replyToDad` the runner answers each DAD probe with
 * this frame, so the target (and the addresses, which it takes from the
 * probe) may be left out.
 */
export function readSendFrame(r: Reader, node: YNode | null | undefined, path: string, replyToDad: boolean): SendFrameSpec | undefined {
  const allKeys = [...COMMON, ...new Set(Object.values(FIELDS).flat())];
  const m = r.map(node, path, allKeys, 'a frame such as { type: na, src: …, dst: …, target: … }');
  if (!m) return undefined;
  if (!m.has('type')) return r.error(m.node, `${path}: missing \`type\` (one of ${TYPES.join(', ')})`);
  const type = r.oneOf(m.get('type'), `${path}.type`, TYPES);
  if (type === undefined) return undefined;
  // map() reported unknown keys; here, keys that belong to another type.
  const own = new Set([...COMMON, ...FIELDS[type]]);
  for (const k of m.keys()) {
    if (own.has(k)) continue;
    const owners = TYPES.filter((t) => FIELDS[t].includes(k));
    r.error(keyNode(m, k), `${path}.${k}: a ${type} frame has no \`${k}\` (a field of ${owners.join(', ')}); its fields are ${FIELDS[type].join(', ') || 'none'}`);
  }
  if (type === 'raw') {
    const hexNode = r.required(m, 'hex', 'the whole Ethernet frame as hex bytes');
    const s = r.str(hexNode, `${path}.hex`, 'hex bytes');
    if (s === undefined) return undefined;
    const bytes = parseHex(s);
    if (typeof bytes === 'string') return r.error(hexNode, `${path}.hex: ${bytes}`);
    if (bytes.length < 14) return r.error(hexNode, `${path}.hex: ${bytes.length} bytes is shorter than an Ethernet header (14)`);
    for (const k of ['eth_src', 'eth_dst', 'src', 'dst', 'hop_limit']) {
      if (m.has(k)) r.error(keyNode(m, k), `${path}.${k}: a raw frame is sent byte for byte; write ${k} into the hex`);
    }
    return { type, bytes, hop_limit: 255 };
  }

  const common = {
    ...(m.has('eth_src') ? { eth_src: r.mac(m.get('eth_src'), `${path}.eth_src`) } : {}),
    ...(m.has('eth_dst') ? { eth_dst: r.mac(m.get('eth_dst'), `${path}.eth_dst`) } : {}),
    hop_limit: int(r, m, 'hop_limit', 0, 255, 255),
  };
  const addr = (key: string, needed: boolean, what: string): string | undefined => {
    if (m.has(key)) return r.ip6(m.get(key), `${path}.${key}`);
    if (needed) r.error(m.node, `${path}: missing \`${key}\` (${what})`);
    return undefined;
  };
  const src = addr('src', !replyToDad, 'the IPv6 source address; :: for a DAD probe');
  const dst = addr('dst', !replyToDad, 'the IPv6 destination, e.g. ff02::1');
  const withAddrs = { ...common, ...(src ? { src } : {}), ...(dst ? { dst } : {}) };

  switch (type) {
    case 'ra': {
      const prefixes = m.has('prefixes') ? (r.seq(m.get('prefixes'), `${path}.prefixes`) ?? []).map((p, i) => readPio(r, p, `${path}.prefixes[${i}]`)) : [];
      const routes = m.has('routes') ? (r.seq(m.get('routes'), `${path}.routes`) ?? []).map((p, i) => readRio(r, p, `${path}.routes[${i}]`)) : [];
      let rdnss: { servers: string[]; lifetime: number } | undefined;
      if (m.has('rdnss')) {
        const rm = r.map(m.get('rdnss'), `${path}.rdnss`, ['servers', 'lifetime'], '{ servers: [addresses], lifetime? }');
        if (rm) {
          const servers = r.seqOrOne(r.required(rm, 'servers', 'the DNS server addresses')).map((s, i) => r.ip6(s, `${path}.rdnss.servers[${i}]`));
          if (servers.every((s) => s !== undefined)) rdnss = { servers: servers as string[], lifetime: lifetime(r, rm, 'lifetime', 1800) };
        }
      }
      const slla = lladdr(r, m, 'slla');
      return {
        type,
        ...withAddrs,
        cur_hop_limit: int(r, m, 'cur_hop_limit', 0, 255, 64),
        M: flag(r, m, 'M', false),
        O: flag(r, m, 'O', false),
        prf: m.has('prf') ? (r.oneOf(m.get('prf'), `${path}.prf`, PREFS) ?? 'medium') : 'medium',
        router_lifetime: int(r, m, 'router_lifetime', 0, 65535, 1800, ' (seconds)'),
        reachable_time: int(r, m, 'reachable_time', 0, U32, 0, ' (ms)'),
        retrans_timer: int(r, m, 'retrans_timer', 0, U32, 0, ' (ms)'),
        ...(slla !== undefined ? { slla } : {}),
        prefixes: prefixes.filter((p): p is PioSpec => p !== undefined),
        ...(m.has('mtu') ? { mtu: int(r, m, 'mtu', 0, U32, 1500) } : {}),
        ...(rdnss ? { rdnss } : {}),
        routes: routes.filter((p): p is RioSpec => p !== undefined),
      };
    }
    case 'na':
    case 'ns': {
      const target = addr('target', !replyToDad, 'the address the message is about');
      if (type === 'na') {
        const tlla = lladdr(r, m, 'tlla');
        return { type, ...withAddrs, ...(target ? { target } : {}), R: flag(r, m, 'R', false), S: flag(r, m, 'S', false), O: flag(r, m, 'O', true), ...(tlla !== undefined ? { tlla } : {}) };
      }
      const slla = lladdr(r, m, 'slla');
      let nonce: Uint8Array | undefined;
      if (m.has('nonce')) {
        const s = r.str(m.get('nonce'), `${path}.nonce`, 'hex bytes');
        const b = s === undefined ? undefined : parseHex(s);
        // RFC 3971 §5.3.2: the option is a multiple of 8 bytes, 2 of them header.
        if (typeof b === 'string') r.error(m.get('nonce'), `${path}.nonce: ${b}`);
        else if (b && (b.length + 2) % 8 !== 0) r.error(m.get('nonce'), `${path}.nonce: ${b.length} bytes; a nonce option holds 6, 14, 22… bytes (RFC 3971 §5.3.2; RFC 7527 uses 6)`);
        else nonce = b;
      }
      return { type, ...withAddrs, ...(target ? { target } : {}), ...(slla !== undefined ? { slla } : {}), ...(nonce ? { nonce } : {}) };
    }
    case 'rs': {
      const slla = lladdr(r, m, 'slla');
      return { type, ...withAddrs, ...(slla !== undefined ? { slla } : {}) };
    }
    case 'redirect': {
      const target = addr('target', true, 'the better first hop');
      const destination = addr('destination', true, 'the destination being redirected');
      const tlla = lladdr(r, m, 'tlla');
      if (!target || !destination) return undefined;
      return { type, ...withAddrs, target, destination, ...(tlla !== undefined ? { tlla } : {}) };
    }
    case 'echo-request':
      return {
        type,
        ...withAddrs,
        identifier: int(r, m, 'identifier', 0, 65535, 0),
        sequence: int(r, m, 'sequence', 0, 65535, 1),
        size: int(r, m, 'size', 0, 65527, 56, ' (data bytes)'),
      };
    default: {
      const never: never = type;
      return never;
    }
  }
}

function keyNode(m: MapView, key: string): YNode | undefined {
  if (!isMap(m.node)) return undefined;
  for (const p of m.node.items) if (isScalar(p.key) && p.key.value === key) return p.key as YNode;
  return undefined;
}
