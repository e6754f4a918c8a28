// Interface identifiers: modified EUI-64 (RFC 4291 App. A), RFC 7217 stable
// privacy, and RFC 8981 random identifiers for temporary addresses. Pure:
// randomness comes from the node's stream, hashing from node:crypto (a pure
// function of its input).

import { createHash } from 'node:crypto';
import { eui64InterfaceId, ip6Bytes, macBytes } from '../packet/address.ts';
import type { Random } from '../nd/machine.ts';
import type { Mac } from '../packet/types.ts';

export { eui64InterfaceId };

/**
 * RFC 5453 §3 (and the IANA registry it creates): identifiers SLAAC must
 * not use. The subnet-router anycast IID (all zeros), the reserved Ethernet
 * block 0200:5eff:fe00:0000–0200:5eff:feff:ffff (proxy mobile IPv6 among
 * them) and the reserved subnet anycast range fdff:ffff:ffff:ff80–ffff.
 */
export function isReservedIid(iid: Uint8Array): boolean {
  if (iid.every((b) => b === 0)) return true;
  if (iid[0] === 0x02 && iid[1] === 0x00 && iid[2] === 0x5e && iid[3] === 0xff && iid[4] === 0xfe) return true;
  return iid[0] === 0xfd && iid[1] === 0xff && iid[2] === 0xff && iid[3] === 0xff && iid[4] === 0xff && iid[5] === 0xff && iid[6] === 0xff && iid[7] >= 0x80;
}

/** Inputs of RFC 7217 §5's F(Prefix, Net_Iface, Network_ID, DAD_Counter, secret_key). */
export interface StablePrivacyInput {
  /** The prefix (its first 64 bits are used; SLAAC needs /64). */
  prefix: string;
  /** Net_Iface: Linux uses the NIC's permanent MAC (dev->perm_addr), which we follow (stable per NIC). */
  netIface: Mac;
  /** Network_ID: optional (e.g. an SSID); empty by default, as Linux has none. */
  networkId?: string;
  /** DAD_Counter, 0 for the first try (RFC 7217 §6). */
  dadCounter: number;
  /** secret_key, 16 bytes. */
  secretKey: Uint8Array;
}

/**
 * RFC 7217 §5 with F = SHA-256 (§5 allows any PRF; Linux uses SHA-1 over a
 * packed struct, so ndsim's identifiers differ from a real Linux's but have
 * the same properties): the leftmost 64 bits of
 * SHA-256(Prefix[0..8] ‖ Net_Iface ‖ Network_ID ‖ DAD_Counter (1 byte) ‖ secret_key).
 * Stable for the same inputs, different for another prefix or counter.
 * A reserved result (RFC 5453) moves on to the next counter, as §5 asks;
 * `dadCounter` in the result says which counter was used.
 */
export function stablePrivacyIid(input: StablePrivacyInput): { iid: Uint8Array; dadCounter: number } {
  const prefix = ip6Bytes(input.prefix).subarray(0, 8);
  const iface = macBytes(input.netIface);
  const network = new TextEncoder().encode(input.networkId ?? '');
  for (let counter = input.dadCounter; ; counter++) {
    const h = createHash('sha256');
    h.update(prefix);
    h.update(iface);
    h.update(network);
    h.update(Uint8Array.of(counter & 0xff));
    h.update(input.secretKey);
    const iid = new Uint8Array(h.digest().subarray(0, 8));
    // Termination: SHA-256 output is reserved with probability ~2^-56.
    if (!isReservedIid(iid)) return { iid, dadCounter: counter };
  }
}

/** `n` bytes from the node's random stream. */
export function randomBytes(random: Random, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256) & 0xff;
  return out;
}

/**
 * RFC 8981 §3.3.1: a random 64-bit identifier, drawn again when it falls in
 * a reserved range (RFC 5453), as Linux ipv6_gen_rnd_iid does. RFC 8981
 * dropped RFC 4941's clearing of the universal/local bit; so does Linux.
 */
export function randomIid(random: Random): Uint8Array {
  for (;;) {
    const iid = randomBytes(random, 8);
    if (!isReservedIid(iid)) return iid;
  }
}

/** The 16 bytes of an RFC 7217 secret written as an IPv6 address (Linux's stable_secret form). */
export function secretFromText(text: string): Uint8Array {
  return ip6Bytes(text);
}
