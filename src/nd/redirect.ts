// Host processing of a Redirect (RFC 4861 §8.3). The stack has already run
// the stateless checks of §8.1 (packet/validate.ts: link-local source, hop
// limit 255, code 0, length, target link-local or equal to the destination,
// destination not multicast, options). What is left needs state: whether we
// take Redirects at all, and whether it comes from the router we currently
// use for that destination.

import type { Ip6, Ipv6Packet, Redirect } from '../packet/types.ts';
import type { HostNdConfig } from './config.ts';
import type { Action, Nanos } from './machine.ts';
import { linkLayerOption, type NeighborCache } from './neighbor-cache.ts';
import type { NextHop } from './next-hop.ts';

export interface RedirectContext {
  ifname: string;
  config: Pick<HostNdConfig, 'accept_redirects' | 'forwarding'>;
  nextHop: NextHop;
  neighbors: NeighborCache;
}

export type RedirectOutcome =
  | { accepted: true; destination: Ip6; target: Ip6; onLink: boolean }
  | { accepted: false; reason: string; rule: string; rfc: string };

/** Applies one validated Redirect; a refused one also yields a `drop` action. */
export function handleRedirect(ctx: RedirectContext, ip: Ipv6Packet, rd: Redirect, now: Nanos, out: Action[]): RedirectOutcome {
  const refuse = (reason: string, rule: string, rfc: string): RedirectOutcome => {
    out.push({ kind: 'drop', drop: { ifname: ctx.ifname, reason, rule, rfc } });
    return { accepted: false, reason, rule, rfc };
  };
  // §8.2: "A router MUST NOT update its routing tables upon receipt of a Redirect" (v6LC.2.3.17).
  if (ctx.config.forwarding === 1) return refuse('Redirect ignored: this node is a router (forwarding=1)', 'redirect-on-router', 'RFC 4861 §8.2');
  if (ctx.config.accept_redirects === 0) return refuse('Redirect ignored: accept_redirects=0', 'redirect-disabled', 'RFC 4861 §8.3');

  // §8.1: "The IP source address of the Redirect is the same as the current
  // first-hop router for the specified ICMP Destination Address." Without
  // this anyone on the link could divert any flow.
  const current = ctx.nextHop.firstHop(rd.destination, now);
  if (current !== ip.src) {
    const now_ = current === null ? `${rd.destination} is not sent through a router` : `its first hop is ${current}`;
    return refuse(`Redirect from ${ip.src} for ${rd.destination} ignored: ${now_}`, 'redirect-not-first-hop', 'RFC 4861 §8.1');
  }

  const onLink = rd.target === rd.destination;
  ctx.nextHop.redirect(rd.destination, rd.target, now, out);

  // §8.3: the TLLA creates or updates the target's entry (STALE per §7.3.3,
  // queued packets sent if it was INCOMPLETE); no TLLA creates nothing.
  // "If the Target Address is not the same as the Destination Address, the
  // host MUST set IsRouter to TRUE for the target."
  const tlla = linkLayerOption(rd.options, 2);
  ctx.neighbors.learn(rd.target, tlla, onLink ? { origin: 'Redirect' } : { origin: 'Redirect', isRouter: true }, now, out);
  return { accepted: true, destination: rd.destination, target: rd.target, onLink };
}
