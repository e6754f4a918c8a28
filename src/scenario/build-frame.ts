// Turns a scenario's hand-built frame (`do: send`) into an EthernetFrame.
// Nothing here is checked against the RFC rules on purpose: a lesson may send
// a frame that receivers must drop (an RA with hop limit 64, say) to show it.

import { ETHERTYPE_IPV6, NEXT_HEADER_ICMPV6, destinationMac } from '../packet/build.ts';
import { solicitedNodeAddress } from '../packet/address.ts';
import type { EthernetFrame, Icmpv6Message, Ip6, Mac, NdOption } from '../packet/types.ts';
import type { SendFrameSpec } from './types.ts';

/** Values a frame takes from its context when the scenario left them out. */
export interface FrameContext {
  /** The sending interface's MAC. */
  mac: Mac;
  /** For `reply_to: dad`: the probe being answered. */
  probe?: { target: Ip6; nonce?: Uint8Array };
  /** The sender's neighbour cache, for a unicast destination without eth_dst. */
  lookupMac?: (addr: Ip6) => Mac | undefined;
}

function lladdrOption(type: 1 | 2, spec: Mac | null | undefined, ctx: FrameContext): NdOption[] {
  if (spec === null) return [];
  return [{ type, lladdr: spec ?? ctx.mac }];
}

function message(spec: Exclude<SendFrameSpec, { type: 'raw' }>, ctx: FrameContext): Icmpv6Message {
  switch (spec.type) {
    case 'ra': {
      const options: NdOption[] = [...lladdrOption(1, spec.slla, ctx)];
      if (spec.mtu !== undefined) options.push({ type: 5, mtu: spec.mtu });
      for (const p of spec.prefixes) {
        options.push({
          type: 3,
          prefixLength: p.prefixLength,
          L: p.L,
          A: p.A,
          validLifetime: p.valid_lifetime,
          preferredLifetime: p.preferred_lifetime,
          prefix: p.prefix,
        });
      }
      for (const r of spec.routes) options.push({ type: 24, prefixLength: r.prefixLength, prf: r.prf, routeLifetime: r.lifetime, prefix: r.prefix });
      if (spec.rdnss) options.push({ type: 25, lifetime: spec.rdnss.lifetime, servers: spec.rdnss.servers });
      return {
        type: 134,
        code: 0,
        curHopLimit: spec.cur_hop_limit,
        flags: { M: spec.M, O: spec.O, H: false, prf: spec.prf },
        routerLifetime: spec.router_lifetime,
        reachableTime: spec.reachable_time,
        retransTimer: spec.retrans_timer,
        options,
      };
    }
    case 'na':
      return {
        type: 136,
        code: 0,
        flags: { R: spec.R, S: spec.S, O: spec.O },
        target: spec.target ?? ctx.probe!.target,
        options: lladdrOption(2, spec.tlla, ctx),
      };
    case 'ns': {
      const options = lladdrOption(1, spec.slla, ctx);
      const nonce = spec.nonce ?? ctx.probe?.nonce;
      if (nonce) options.push({ type: 14, nonce });
      return { type: 135, code: 0, target: spec.target ?? ctx.probe!.target, options };
    }
    case 'rs':
      return { type: 133, code: 0, options: lladdrOption(1, spec.slla, ctx) };
    case 'redirect':
      return { type: 137, code: 0, target: spec.target, destination: spec.destination, options: lladdrOption(2, spec.tlla, ctx) };
    case 'echo-request': {
      const data = new Uint8Array(spec.size);
      for (let i = 0; i < data.length; i++) data[i] = i & 0xff;
      return { type: 128, code: 0, identifier: spec.identifier, sequence: spec.sequence, data };
    }
  }
}

/** The frame a `send` action puts on the link, or its raw bytes. */
export function buildFrame(spec: SendFrameSpec, ctx: FrameContext): EthernetFrame | Uint8Array {
  if (spec.type === 'raw') return spec.bytes;
  const msg = message(spec, ctx);
  // Answering a DAD probe (thc-ipv6 dos-new-ip6): an NA from the probed
  // address to all-nodes, as the real owner would defend it (RFC 4861
  // §7.2.4), or a conflicting DAD NS from :: to the probe's solicited-node
  // group (dos-new-ip6 -S; RFC 4862 §5.4.3).
  const probe = ctx.probe;
  const src = spec.src ?? (probe ? (spec.type === 'na' ? probe.target : '::') : undefined);
  const dst = spec.dst ?? (probe ? (spec.type === 'na' ? 'ff02::1' : solicitedNodeAddress(probe.target)) : undefined);
  if (src === undefined || dst === undefined) throw new Error(`send ${spec.type}: src and dst are needed`);
  return {
    dst: spec.eth_dst ?? (dst.startsWith('ff') ? destinationMac(dst) : ctx.lookupMac?.(dst) ?? missingMac(dst)),
    src: spec.eth_src ?? ctx.mac,
    etherType: ETHERTYPE_IPV6,
    ipv6: {
      trafficClass: 0,
      flowLabel: 0,
      hopLimit: spec.hop_limit,
      src,
      dst,
      extensionHeaders: [],
      nextHeader: NEXT_HEADER_ICMPV6,
      icmpv6: msg,
    },
  };
}

function missingMac(dst: Ip6): never {
  throw new Error(`send: no eth_dst given and ${dst} is not in the sender's neighbour cache`);
}
