// One node's configuration as a scenario writes it: Linux sysctl names in one
// map (as under /proc/sys/net/ipv6/conf/eth0/ and neigh/eth0/), split here
// into the ND and SLAAC machines' own resolved configurations.

import { LINUX_HOST_DEFAULTS, resolveHostConfig, type HostNdConfig } from '../nd/config.ts';
import { LINUX_SLAAC_DEFAULTS, resolveSlaacConfig, type SlaacConfig } from '../slaac/config.ts';

/** Sysctls the stack itself reads. */
export interface StackSysctls {
  /** Linux ndisc_notify: send unsolicited NAs (RFC 4861 §7.2.6), one per
   *  address as Linux does, when the link-layer address changes or the
   *  link comes up (ndisc_netdev_event) and for each address that passes
   *  DAD (addrconf_dad_completed; RFC 9131 §4). Linux's default is 0. */
  ndisc_notify: 0 | 1;
  /** Linux net.ipv6.anycast_src_echo_reply: 1 = an Echo Reply to an anycast
   *  address (a router's Subnet-Router anycast) comes from that address; 0
   *  (Linux's default) = from a unicast one chosen by source address
   *  selection (icmpv6_echo_reply; RFC 4443 §4.2). */
  anycast_src_echo_reply: 0 | 1;
}

export const LINUX_STACK_DEFAULTS: Readonly<StackSysctls> = Object.freeze({ ndisc_notify: 0, anycast_src_echo_reply: 0 });

export interface NodeConfig {
  nd: HostNdConfig;
  slaac: SlaacConfig;
  stack: StackSysctls;
}

const ND_KEYS = new Set(Object.keys(LINUX_HOST_DEFAULTS));
const SLAAC_KEYS = new Set(Object.keys(LINUX_SLAAC_DEFAULTS));
const STACK_KEYS = new Set(Object.keys(LINUX_STACK_DEFAULTS));

export type NodeConfigResult = { ok: true; config: NodeConfig } | { ok: false; errors: string[] };

/** Splits one sysctl map by owner and resolves each part with its defaults.
 *  A key both machines read (router_solicitation_delay) goes to both. */
export function resolveNodeConfig(sysctl: Readonly<Record<string, unknown>> = {}, opts: { router?: boolean } = {}): NodeConfigResult {
  const nd: Record<string, unknown> = {};
  const slaac: Record<string, unknown> = {};
  const stack: Record<string, unknown> = {};
  const errors: string[] = [];
  // Routers forward (Linux forwarding=1), which also changes RA acceptance
  // (accept_ra=1 is then ignored) and sets R in NAs.
  if (opts.router && sysctl.forwarding === undefined) nd.forwarding = 1;
  for (const [k, v] of Object.entries(sysctl)) {
    let known = false;
    if (ND_KEYS.has(k)) (nd[k] = v), (known = true);
    if (SLAAC_KEYS.has(k)) (slaac[k] = v), (known = true);
    if (STACK_KEYS.has(k)) (stack[k] = v), (known = true);
    if (!known) {
      // Let the ND resolver phrase the error (it suggests the nearest name).
      nd[k] = v;
    }
  }
  const a = resolveHostConfig(nd);
  if (!a.ok) errors.push(...a.errors);
  const b = resolveSlaacConfig(slaac);
  if (!b.ok) errors.push(...b.errors);
  const flag = (name: keyof StackSysctls): 0 | 1 => {
    const v = stack[name] ?? LINUX_STACK_DEFAULTS[name];
    if (v !== 0 && v !== 1) errors.push(`${name} must be 0 or 1, not ${String(v)}`);
    return v as 0 | 1;
  };
  const ndiscNotify = flag('ndisc_notify');
  const anycastSrcEchoReply = flag('anycast_src_echo_reply');
  if (errors.length || !a.ok || !b.ok) return { ok: false, errors };
  return { ok: true, config: { nd: a.config, slaac: b.config, stack: { ndisc_notify: ndiscNotify, anycast_src_echo_reply: anycastSrcEchoReply } } };
}
