// What an IPv6 address is: byte-level predicates for the hot paths (ND
// validation, multicast filtering), and a full classification (kind, scope,
// the RFC that defines it, a sentence for explanations) for the slow ones.
// Ranges follow RFC 4291 §2.4 and the IANA IPv6 Special-Purpose Address
// Registry; scopes follow RFC 4007 and, for multicast, RFC 7346.

import type { Ip6, Mac } from './types.ts';
import { formatIp6, formatMac, writeIp6 } from './address.ts';

const SCRATCH = new Uint8Array(16);

function bytesOf(addr: Ip6 | Uint8Array): Uint8Array {
  if (typeof addr !== 'string') {
    if (addr.length < 16) throw new RangeError(`an IPv6 address has 16 bytes, got ${addr.length}`);
    return addr;
  }
  writeIp6(addr, SCRATCH, 0); // throws on bad text: an Ip6 is valid by contract
  return SCRATCH;
}

function zeroFrom(b: Uint8Array, off: number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[off + i] !== 0) return false;
  return true;
}

// ------------------------------------------------------------ predicates
// Each takes the 16 bytes at b[off] (…Bytes) or address text.

/** :: (RFC 4291 §2.5.2), the source of DAD probes (RFC 4862 §5.4.2). */
export function isUnspecifiedBytes(b: Uint8Array, off = 0): boolean {
  return zeroFrom(b, off, 0, 16);
}
/** ::1 (RFC 4291 §2.5.3). */
export function isLoopbackBytes(b: Uint8Array, off = 0): boolean {
  return zeroFrom(b, off, 0, 15) && b[off + 15] === 1;
}
/** fe80::/10 (RFC 4291 §2.5.6). */
export function isLinkLocalBytes(b: Uint8Array, off = 0): boolean {
  return b[off] === 0xfe && (b[off + 1] & 0xc0) === 0x80;
}
/** ff00::/8 (RFC 4291 §2.7). */
export function isMulticastBytes(b: Uint8Array, off = 0): boolean {
  return b[off] === 0xff;
}
/** ff02::1:ff00:0/104 (RFC 4291 §2.7.1). */
export function isSolicitedNodeBytes(b: Uint8Array, off = 0): boolean {
  return b[off] === 0xff && b[off + 1] === 0x02 && zeroFrom(b, off, 2, 11) && b[off + 11] === 0x01 && b[off + 12] === 0xff;
}

export const isUnspecified = (a: Ip6): boolean => isUnspecifiedBytes(bytesOf(a));
export const isLoopback = (a: Ip6): boolean => isLoopbackBytes(bytesOf(a));
export const isLinkLocal = (a: Ip6): boolean => isLinkLocalBytes(bytesOf(a));
export const isMulticast = (a: Ip6): boolean => isMulticastBytes(bytesOf(a));
export const isSolicitedNode = (a: Ip6): boolean => isSolicitedNodeBytes(bytesOf(a));

// ------------------------------------------------------------ classify

export type AddressKind =
  | 'unspecified'
  | 'loopback'
  | 'ipv4-mapped'
  | 'ipv4-compatible'
  | 'nat64'
  | 'discard'
  | 'link-local'
  | 'site-local'
  | 'unique-local'
  | 'documentation'
  | 'benchmarking'
  | 'teredo'
  | '6to4'
  | 'global'
  | 'multicast';

/** RFC 4007 scope zones; the multicast ones carry RFC 7346's names. */
export type Scope =
  | 'none'
  | 'interface'
  | 'link'
  | 'realm'
  | 'admin'
  | 'site'
  | 'organization'
  | 'global'
  | 'reserved'
  | 'unassigned';

/** RFC 7346 §2: the multicast "scop" nibble, 0 to f. */
export const MULTICAST_SCOPES: readonly { scope: Scope; name: string }[] = [
  { scope: 'reserved', name: 'Reserved' },
  { scope: 'interface', name: 'Interface-Local' },
  { scope: 'link', name: 'Link-Local' },
  { scope: 'realm', name: 'Realm-Local' },
  { scope: 'admin', name: 'Admin-Local' },
  { scope: 'site', name: 'Site-Local' },
  { scope: 'unassigned', name: 'Unassigned' },
  { scope: 'unassigned', name: 'Unassigned' },
  { scope: 'organization', name: 'Organization-Local' },
  { scope: 'unassigned', name: 'Unassigned' },
  { scope: 'unassigned', name: 'Unassigned' },
  { scope: 'unassigned', name: 'Unassigned' },
  { scope: 'unassigned', name: 'Unassigned' },
  { scope: 'unassigned', name: 'Unassigned' },
  { scope: 'global', name: 'Global' },
  { scope: 'reserved', name: 'Reserved' },
];

export interface AddressClass {
  kind: AddressKind;
  scope: Scope;
  /** The `scope` word `ip -6 addr` prints: Linux's host/link/site/global. */
  linuxScope: 'host' | 'link' | 'site' | 'global';
  /** The multicast scop nibble (RFC 4291 §2.7), 0..15. */
  multicastScope?: number;
  /** The multicast flags nibble 0RPT (RFC 4291 §2.7, RFC 3306, RFC 3956). */
  multicastFlags?: number;
  /** A well-known group's name ("all-nodes", "solicited-node", …). */
  group?: string;
  /** The IPv4 address carried inside (mapped, compatible, NAT64, 6to4). */
  ipv4?: string;
  /** Where the range is defined, e.g. "RFC 4291 §2.5.6". */
  rfc: string;
  description: string;
}

// Well-known groups of the IANA IPv6 Multicast Address Space registry that
// an ND/SLAAC trace meets; keyed by the canonical text.
const GROUPS: Record<string, string> = {
  'ff01::1': 'all-nodes (interface-local)',
  'ff01::2': 'all-routers (interface-local)',
  'ff02::1': 'all-nodes',
  'ff02::2': 'all-routers',
  'ff05::2': 'all-routers (site-local)',
  'ff02::5': 'OSPFv3 all SPF routers',
  'ff02::6': 'OSPFv3 all DR routers',
  'ff02::9': 'RIPng routers',
  'ff02::d': 'all PIM routers',
  'ff02::16': 'all MLDv2-capable routers',
  'ff02::fb': 'mDNS',
  'ff02::1:2': 'all DHCP relay agents and servers',
  'ff02::1:3': 'LLMNR',
  'ff05::1:3': 'all DHCP servers',
};

const hex2 = (x: number): string => x.toString(16).padStart(2, '0');

function v4(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

/** RFC 6724 §3.2: an IPv4 address's scope (loopback and 169.254/16 are link-local). */
function ipv4Scope(b: Uint8Array, at: number): Scope {
  return b[at] === 127 || (b[at] === 169 && b[at + 1] === 254) ? 'link' : 'global';
}

const startsWith = (b: Uint8Array, ...p: number[]): boolean => p.every((x, i) => b[i] === x);

function unicast(kind: AddressKind, scope: Scope, rfc: string, description: string, ipv4?: string): AddressClass {
  const linuxScope = kind === 'loopback' ? 'host' : kind === 'link-local' ? 'link' : kind === 'site-local' ? 'site' : 'global';
  return ipv4 === undefined ? { kind, scope, linuxScope, rfc, description } : { kind, scope, linuxScope, rfc, description, ipv4 };
}

function classifyMulticast(b: Uint8Array, text: Ip6): AddressClass {
  const flags = b[1] >> 4;
  const nibble = b[1] & 15;
  const { scope, name } = MULTICAST_SCOPES[nibble];
  const linuxScope = nibble === 1 ? 'host' : nibble === 2 ? 'link' : nibble === 5 ? 'site' : 'global';
  const group = isSolicitedNodeBytes(b, 0) ? 'solicited-node' : flags === 0 ? GROUPS[text] : undefined;
  const life = flags & 1 ? 'transient (T=1)' : 'well-known (T=0)';
  let description = `${group ? `${group} ` : ''}multicast group, ${name} scope (${nibble.toString(16)}), ${life}`;
  if (group === 'solicited-node') {
    const low = `${hex2(b[13])}:${hex2(b[14])}${hex2(b[15])}`;
    description += `: every address whose low 24 bits are ${low} joins it; NS for such addresses go here (RFC 4861 §7.2.2)`;
  }
  if (nibble === 0) description += '; scope 0 is reserved: such packets must be dropped (RFC 4291 §2.7)';
  const out: AddressClass = { kind: 'multicast', scope, linuxScope, multicastScope: nibble, multicastFlags: flags, rfc: group === 'solicited-node' ? 'RFC 4291 §2.7.1' : 'RFC 4291 §2.7, RFC 7346 §2', description };
  if (group) out.group = group;
  return out;
}

/** Kind, scope and a sentence for any address (text or 16 bytes). */
export function classify(addr: Ip6 | Uint8Array): AddressClass {
  const b = bytesOf(addr);
  if (b[0] === 0xff) return classifyMulticast(b, formatIp6(b));
  if (isUnspecifiedBytes(b)) return unicast('unspecified', 'none', 'RFC 4291 §2.5.2', 'unspecified address: "no address yet", the source of DAD probes (RFC 4862 §5.4.2); never a destination');
  if (isLoopbackBytes(b)) return unicast('loopback', 'link', 'RFC 4291 §2.5.3', 'loopback address: the node itself; treated as link-local scope on an imaginary link (RFC 4291 §2.5.3), shown as "scope host" by Linux');
  if (zeroFrom(b, 0, 0, 10) && b[10] === 0xff && b[11] === 0xff) {
    const ip = v4(b, 12);
    return unicast('ipv4-mapped', ipv4Scope(b, 12), 'RFC 4291 §2.5.5.2', `IPv4-mapped address of ${ip}: how an IPv6 socket sees an IPv4 peer; a filter written for both IPv4 and IPv6 must list this form too`, ip);
  }
  if (zeroFrom(b, 0, 0, 12)) {
    const ip = v4(b, 12);
    return unicast('ipv4-compatible', ipv4Scope(b, 12), 'RFC 4291 §2.5.5.1', `IPv4-compatible address of ${ip}: deprecated, no longer used`, ip);
  }
  if (startsWith(b, 0, 0x64, 0xff, 0x9b) && (zeroFrom(b, 0, 4, 12) || (b[4] === 0 && b[5] === 1))) {
    if (b[5] === 1) return unicast('nat64', 'global', 'RFC 8215', 'local-use NAT64 address (64:ff9b:1::/48): an IPv4 address translated inside one network');
    const ip = v4(b, 12);
    return unicast('nat64', 'global', 'RFC 6052 §2.1', `NAT64 address (64:ff9b::/96) standing for IPv4 ${ip}`, ip);
  }
  if (startsWith(b, 1, 0) && zeroFrom(b, 0, 2, 8)) return unicast('discard', 'global', 'RFC 6666', 'discard-only address (100::/64): traffic to it is dropped on purpose');
  if (isLinkLocalBytes(b)) return unicast('link-local', 'link', 'RFC 4291 §2.5.6', 'link-local unicast (fe80::/10): made without any router, never forwarded by routers; needs a zone to be used (fe80::1%eth0)');
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return unicast('site-local', 'site', 'RFC 3879', 'site-local unicast (fec0::/10): deprecated by RFC 3879, must not be used in new deployments');
  if ((b[0] & 0xfe) === 0xfc) {
    const how = b[0] & 1 ? 'L=1 (fd00::/8): locally assigned with a random 40-bit Global ID' : 'L=0 (fc00::/8): not defined yet';
    return unicast('unique-local', 'global', 'RFC 4193', `unique local address (ULA, fc00::/7), ${how}; global scope, but routed only inside a site, never on the Internet`);
  }
  if (startsWith(b, 0x20, 0x01, 0x0d, 0xb8) || (b[0] === 0x3f && b[1] === 0xff && b[2] < 0x10)) {
    const range = b[0] === 0x20 ? '2001:db8::/32, RFC 3849' : '3fff::/20, RFC 9637';
    return unicast('documentation', 'global', b[0] === 0x20 ? 'RFC 3849' : 'RFC 9637', `global unicast from the documentation range (${range}): for examples and labs, never routed on the Internet`);
  }
  if (startsWith(b, 0x20, 0x01, 0, 0)) return unicast('teredo', 'global', 'RFC 4380', 'Teredo address (2001::/32): IPv6 tunnelled over UDP/IPv4');
  if (startsWith(b, 0x20, 0x01, 0, 0x02, 0, 0)) return unicast('benchmarking', 'global', 'RFC 5180', 'benchmarking address (2001:2::/48): for lab measurements only');
  if (startsWith(b, 0x20, 0x02)) {
    const ip = v4(b, 2);
    return unicast('6to4', 'global', 'RFC 3056', `6to4 address (2002::/16) of the IPv4 site ${ip}`, ip);
  }
  const where = (b[0] & 0xe0) === 0x20 ? 'from 2000::/3, the range IANA allocates' : 'outside 2000::/3, not allocated by IANA yet';
  return unicast('global', 'global', 'RFC 4291 §2.5.4', `global unicast address (${where})`);
}

// ------------------------------------------------------------ iidKind

/** What the interface identifier (low 64 bits) looks like, with the
 *  categories of SI6 Networks' `addr6 -d` (RFC 7707). */
export type IidKind =
  | { kind: 'ieee-derived'; mac: Mac; oui: string; description: string }
  | { kind: 'local-mac-derived'; mac: Mac; description: string }
  | { kind: 'isatap'; ipv4: string; description: string }
  | { kind: 'embedded-ipv4'; ipv4: string; description: string }
  | { kind: 'embedded-port'; port: number; description: string }
  | { kind: 'low-byte'; description: string }
  | { kind: 'embedded-ipv4-64'; ipv4: string; description: string }
  | { kind: 'byte-pattern'; description: string }
  | { kind: 'randomized'; description: string }
  | { kind: 'zero'; description: string }
  | { kind: 'none'; description: string };

// Service ports a person writes into an IID, in decimal and as hex digits
// read as decimal (2001:db8::80 is "port 80", 0x80 on the wire).
const SERVICE_PORTS = [21, 22, 23, 25, 49, 53, 80, 110, 123, 179, 220, 389, 443, 547, 993, 995, 1194, 3306, 5060, 5061, 5432, 6446, 8080];
const PORT_WORDS = new Map<number, number>();
for (const p of SERVICE_PORTS) {
  PORT_WORDS.set(p, p);
  PORT_WORDS.set(parseInt(String(p), 16), p);
}

/** Words of the IID that read like decimal (0x192 for "192") → that number, else -1. */
function decimalLooking(word: number): number {
  const hex = word.toString(16);
  return /^\d{1,3}$/.test(hex) && Number(hex) <= 255 ? Number(hex) : -1;
}

/**
 * Classifies the interface identifier of a unicast address. "ieee-derived"
 * (modified EUI-64 with ff:fe in the middle and the U bit set) gives back the
 * MAC and its OUI: the address then tells which NIC, and from which vendor,
 * sent it (RFC 7721). Multicast, unspecified, loopback and IPv4-mapped or
 * -compatible addresses have no IID: kind "none".
 */
export function iidKind(addr: Ip6 | Uint8Array): IidKind {
  const b = bytesOf(addr);
  if (b[0] === 0xff || zeroFrom(b, 0, 0, 12)) return { kind: 'none', description: 'no interface identifier (multicast, unspecified, loopback or IPv4-compatible)' };
  if (zeroFrom(b, 0, 0, 10) && b[10] === 0xff && b[11] === 0xff) return { kind: 'none', description: 'no interface identifier (IPv4-mapped)' };
  if (b[11] === 0xff && b[12] === 0xfe) {
    const macBytes = Uint8Array.of(b[8] ^ 0x02, b[9], b[10], b[13], b[14], b[15]);
    const mac = formatMac(macBytes);
    // RFC 4291 App. A: the inverted U/L bit is 1 for a universally administered MAC.
    if (b[8] & 0x02) {
      const oui = mac.slice(0, 8);
      return { kind: 'ieee-derived', mac, oui, description: `modified EUI-64 from MAC ${mac} (OUI ${oui}): stable, and tells which NIC sent it` };
    }
    return { kind: 'local-mac-derived', mac, description: `modified EUI-64 from the locally administered MAC ${mac} (no OUI)` };
  }
  if ((b[8] & 0xfd) === 0 && b[9] === 0 && b[10] === 0x5e && b[11] === 0xfe) {
    const ip = v4(b, 12);
    return { kind: 'isatap', ipv4: ip, description: `ISATAP interface identifier of IPv4 ${ip} (RFC 5214)` };
  }
  const w6 = (b[12] << 8) | b[13];
  const w7 = (b[14] << 8) | b[15];
  if (zeroFrom(b, 0, 8, 12)) {
    if (w6 === 0 && w7 === 0) return { kind: 'zero', description: 'all-zero interface identifier: the Subnet-Router anycast address of a /64 (RFC 4291 §2.6.1)' };
    if (b[12] !== 0 && w7 !== 0) {
      const ip = v4(b, 12);
      return { kind: 'embedded-ipv4', ipv4: ip, description: `IPv4 address ${ip} written in the low 32 bits` };
    }
    const port = b[12] === 0 ? PORT_WORDS.get(w7) : undefined;
    const portRev = b[14] === 0 ? PORT_WORDS.get(w6) : undefined;
    if (port !== undefined || portRev !== undefined) {
      const p = (port ?? portRev) as number;
      return { kind: 'embedded-port', port: p, description: `service port ${p} written in the interface identifier (a manual assignment)` };
    }
    if (b[12] === 0 && w7 !== 0) return { kind: 'low-byte', description: 'low-byte interface identifier (e.g. ::1): assigned by hand or by DHCPv6, easy to guess' };
  }
  const octets = [(b[8] << 8) | b[9], (b[10] << 8) | b[11], w6, w7].map(decimalLooking);
  if (octets.every((o) => o >= 0)) {
    const ip = octets.join('.');
    return { kind: 'embedded-ipv4-64', ipv4: ip, description: `IPv4 address ${ip} written one octet per group` };
  }
  let zeros = 0;
  for (let i = 8; i < 16; i++) if (b[i] === 0) zeros++;
  if (zeros > 2) return { kind: 'byte-pattern', description: `interface identifier with ${zeros} zero bytes: a pattern, likely assigned by hand` };
  return { kind: 'randomized', description: 'randomized interface identifier (RFC 7217 stable-privacy or RFC 8981 temporary): reveals no MAC' };
}
