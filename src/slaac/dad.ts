// Duplicate Address Detection (RFC 4862 §5.4) with RFC 7527 nonces and
// RFC 4429 optimistic addresses. These functions run DAD for one address;
// what a failure does to the address (keep it as dadfailed, delete it, try
// another identifier, disable IPv6) is the address table's policy.
//
// Timing is Linux's (net/ipv6/addrconf.c):
// - addrconf_dad_kick: the first probe waits a random delay in
//   [0, rtr_solicit_delay) for *every* address, not only the first at
//   interface start-up (RFC 4862 §5.4.2 asks for it when "the first
//   packet sent from an interface is a DAD probe"), and no delay at all for
//   an optimistic address. One nonce per DAD run, as Linux (ifp->dad_nonce).
// - addrconf_dad_work: each timer fire sends one probe and re-arms after
//   RetransTimer (at least 10 ms); the fire after the last probe completes
//   DAD. dad_transmits = 0 completes at the first fire without a probe.

import { icmpv6Frame } from '../packet/build.ts';
import { solicitedNodeAddress } from '../packet/address.ts';
import type { EthernetFrame, Ip6, Mac, NeighborAdvertisement, NeighborSolicitation, NonceOption } from '../packet/types.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos, type Random } from '../nd/machine.ts';
import type { SlaacConfig } from './config.ts';
import { hex, type AddressEntry } from './address.ts';
import { randomBytes } from './iid.ts';

/** What DAD needs from its interface. */
export interface DadEnv {
  readonly ifname: string;
  mac(): Mac;
  readonly random: Random;
  readonly config: SlaacConfig;
  /** RetransTimer in ms, as router discovery last set it. */
  retransTimerMs(): number;
  /** InterfaceView.timerKey, when the interface scopes keys itself. */
  timerKey?(local: string): string;
}

export const dadTimerKey = (addr: Ip6): string => `dad:${addr}`;

/** The key DAD arms `e`'s timer with: made once per DAD run and kept on the
 *  entry (each probe re-arms it), scoped when the interface can. */
export function armedDadKey(e: AddressEntry, env: DadEnv): string {
  if (e.dad.dadKey === null) e.dad.dadKey = env.timerKey ? env.timerKey(dadTimerKey(e.address)) : dadTimerKey(e.address);
  return e.dad.dadKey;
}

/** The key to cancel `e`'s DAD timer with; DAD is over, so the kept key goes. */
export function releasedDadKey(e: AddressEntry): string {
  const key = e.dad.dadKey ?? dadTimerKey(e.address);
  e.dad.dadKey = null;
  return key;
}

/** RFC 7527 §4.1 nonce: 6 random bytes, never all zero (Linux loops until non-zero). */
function drawNonce(random: Random): Uint8Array {
  for (;;) {
    const n = randomBytes(random, 6);
    if (n.some((b) => b !== 0)) return n;
  }
}

/** Linux addrconf_dad_kick: draw the delay and the nonce, arm the first probe. */
export function kickDad(e: AddressEntry, env: DadEnv, now: Nanos, out: Action[]): Nanos {
  const maxDelay = env.config.router_solicitation_delay * NS_PER_S;
  const delay = e.optimistic ? 0 : Math.floor(env.random() * maxDelay);
  e.dad.nonce = env.config.enhanced_dad ? drawNonce(env.random) : null;
  e.dad.probesLeft = env.config.dad_transmits;
  e.dad.probesSent = 0;
  e.dad.phase = 'delay';
  out.push({ kind: 'setTimer', key: armedDadKey(e, env), at: now + delay });
  return delay;
}

/** Linux addrconf_dad_work: send the next probe, or report that DAD is over. */
export function dadStep(e: AddressEntry, env: DadEnv, now: Nanos, out: Action[]): 'sent' | 'complete' {
  if (e.dad.probesLeft <= 0) return 'complete';
  e.dad.probesLeft--;
  e.dad.probesSent++;
  e.dad.phase = 'probing';
  const total = e.dad.probesSent + e.dad.probesLeft;
  const nonce = e.dad.nonce ? `, nonce ${hex(e.dad.nonce)} (RFC 7527)` : '';
  out.push({
    kind: 'send',
    ifname: env.ifname,
    frame: dadProbe(env.mac(), e.address, e.dad.nonce),
    why: `DAD probe ${e.dad.probesSent}/${total} for tentative ${e.address}${nonce}: from ::, to its solicited-node group, no SLLA (RFC 4862 §5.4.2)`,
  });
  const wait = Math.max(env.retransTimerMs(), 10) * NS_PER_MS;
  out.push({ kind: 'setTimer', key: armedDadKey(e, env), at: now + wait });
  return 'sent';
}

/**
 * The DAD probe of RFC 4862 §5.4.2: an NS from :: to the target's
 * solicited-node group, hop limit 255, no Source Link-Layer Address option
 * (§7.1.1 of RFC 4861 forbids it from ::), with the RFC 7527 Nonce option
 * when enhanced DAD is on.
 */
export function dadProbe(mac: Mac, target: Ip6, nonce: Uint8Array | null): EthernetFrame {
  const options: NonceOption[] = nonce ? [{ type: 14, nonce }] : [];
  const ns: NeighborSolicitation = { type: 135, code: 0, target, options };
  return icmpv6Frame(mac, '::', solicitedNodeAddress(target), ns);
}

/** What an NS for one of our addresses means to DAD. */
export type NsVerdict =
  /** Not DAD's business: the neighbour cache answers (preferred, deprecated, optimistic + unicast source). */
  | { kind: 'not-dad' }
  /** RFC 4862 §5.4.3: another node probes the same tentative address. */
  | { kind: 'duplicate'; detail: string }
  /** RFC 7527 §4.2: our own probe came back (its nonce is ours). */
  | { kind: 'looped-back'; reason: string }
  /** RFC 4862 §5.4.3: address resolution for a tentative address: silently discarded. */
  | { kind: 'discard'; reason: string }
  /** Not a valid DAD probe (Linux ndisc_recv_ns "bad DAD packet"). */
  | { kind: 'bad'; reason: string; rule: string };

/** RFC 4862 §5.4.3 (with RFC 7527 §4.2 and RFC 4429 §3.3) for an NS whose target is `e`. */
export function judgeNs(e: AddressEntry, frame: EthernetFrame, ns: NeighborSolicitation): NsVerdict {
  const ip = frame.ipv6!;
  const fromUnspecified = ip.src === '::';
  if (e.dadFailed) return { kind: 'discard', reason: `NS for ${e.address}, which failed DAD: not answered` };
  if (!e.tentative) return { kind: 'not-dad' };
  if (!fromUnspecified) {
    // RFC 4429 §3.3: an optimistic address answers resolution (with O=0).
    if (e.optimistic) return { kind: 'not-dad' };
    return {
      kind: 'discard',
      reason: `NS from ${ip.src} resolving tentative ${e.address}: silently discarded until DAD ends (RFC 4862 §5.4.3)`,
    };
  }
  if (ip.dst !== solicitedNodeAddress(e.address)) {
    return { kind: 'bad', reason: 'ICMPv6 NS: bad DAD packet (wrong destination)', rule: 'dad-ns-destination' };
  }
  if (ns.options.some((o) => o.type === 1)) {
    return { kind: 'bad', reason: 'ICMPv6 NS: bad DAD packet (link-layer address option)', rule: 'dad-ns-slla' };
  }
  const nonce = ns.options.find((o): o is NonceOption => o.type === 14 && !('unknown' in o));
  if (nonce && e.dad.nonce && sameBytes(nonce.nonce, e.dad.nonce)) {
    // Linux ndisc_recv_ns: "IPv6 DAD loopback for address %pI6c nonce %pM ignored".
    return {
      kind: 'looped-back',
      reason: `${e.address}: IPv6 DAD loopback for address ${e.address} nonce ${macText(nonce.nonce)} ignored (our own probe, RFC 7527 §4.2)`,
    };
  }
  const why = nonce
    ? `a DAD probe from :: for ${e.address} from ${frame.src} with nonce ${hex(nonce.nonce)}, not ours`
    : `a DAD probe from :: for ${e.address} from ${frame.src}`;
  return { kind: 'duplicate', detail: why };
}

/** RFC 4862 §5.4.4 for an NA whose target is `e`: 'duplicate' while DAD runs, else the Linux warning. */
export function judgeNa(e: AddressEntry, frame: EthernetFrame, na: NeighborAdvertisement, ifname: string): { kind: 'duplicate'; detail: string } | { kind: 'ours'; reason: string } {
  if (e.tentative && !e.dadFailed) {
    return { kind: 'duplicate', detail: `an NA for ${na.target} from ${frame.ipv6!.src} (${frame.src})` };
  }
  // Linux ndisc_recv_na: "NA: %pM advertised our address %pI6c on %s!" and the NA is dropped.
  return { kind: 'ours', reason: `NA: ${frame.src} advertised our address ${na.target} on ${ifname}! (RFC 4862 §5.4.4: no DAD runs for it; the NA is dropped)` };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// Linux prints the 6-byte nonce with %pM, like a MAC.
function macText(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}
