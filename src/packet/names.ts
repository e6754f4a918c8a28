// Human names of ICMPv6 messages, in tcpdump's words (so that a line of
// ndsim reads like a line of `tcpdump -n`), and of router preferences.

import type { Icmpv6Message } from './types.ts';

const ICMPV6_NAMES: Record<number, string> = {
  1: 'destination unreachable',
  2: 'packet too big',
  3: 'time exceeded',
  4: 'parameter problem',
  128: 'echo request',
  129: 'echo reply',
  130: 'multicast listener query',
  131: 'multicast listener report',
  132: 'multicast listener done',
  133: 'router solicitation',
  134: 'router advertisement',
  135: 'neighbor solicitation',
  136: 'neighbor advertisement',
  137: 'redirect',
  143: 'multicast listener report v2',
};

/** RFC 4443 §3.1 Destination Unreachable codes, tcpdump's words. */
const UNREACH_CODES: Record<number, string> = {
  0: 'unreachable route',
  1: 'unreachable prohibited',
  2: 'beyond scope',
  3: 'unreachable address',
  4: 'unreachable port',
  5: 'source address failed policy',
  6: 'reject route',
};

export function icmpv6TypeName(type: number): string {
  return ICMPV6_NAMES[type] ?? `type ${type}`;
}

export function unreachableCodeName(code: number): string {
  return UNREACH_CODES[code] ?? `code ${code}`;
}

/** The message's name; MLD query version follows its length (RFC 3810 §8.1). */
export function icmpv6Name(msg: Icmpv6Message): string {
  if (msg.type === 130 && 'v2' in msg && msg.v2) return 'multicast listener query v2';
  return icmpv6TypeName(msg.type);
}

/** Short names for tables and ladder arrows. */
const SHORT: Record<number, string> = {
  1: 'Unreach',
  128: 'Echo Req',
  129: 'Echo Reply',
  130: 'MLD Query',
  131: 'MLD Report',
  132: 'MLD Done',
  133: 'RS',
  134: 'RA',
  135: 'NS',
  136: 'NA',
  137: 'Redirect',
  143: 'MLDv2 Report',
};

export function icmpv6ShortName(type: number): string {
  return SHORT[type] ?? `ICMPv6 ${type}`;
}
