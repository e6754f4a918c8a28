// Neighbor Solicitation / Advertisement, read from the outside: which NS is a
// DAD probe, an address resolution or a NUD probe (RFC 4861 §7.2.2, §7.3.3,
// RFC 4862 §5.4.2), which NA answers what, and what the silence after a probe
// means — the tracker cannot see a host's state, only infer it from the
// timers the RFCs give the host.

import type { NeighborAdvertisement, NeighborSolicitation } from '../packet/types.ts';
import { isSolicitedNodeMulticast } from '../packet/validate-addr.ts';
import { lladdr, type FrameContext, type TrackerState } from './tracker-state.ts';
import type { BoundedMap } from './tracker-table.ts';
import type { Observation } from './tracker-types.ts';
import { liveMessage } from './live-text.ts';

/** RFC 4861 §10: multicast NSs sent while INCOMPLETE before giving up. */
const MAX_MULTICAST_SOLICIT = 3;

export function onNs(s: TrackerState, ctx: FrameContext, ns: NeighborSolicitation): void {
  const { ip, ethSrc } = ctx;
  const slla = lladdr(ns.options, 1);
  if (slla !== undefined && slla !== ethSrc) mismatch(s, ctx, 'NS', 'live.alert.ethernet-mismatch.source', slla);

  if (ip.src === '::') {
    // RFC 4862 §5.4.2: the unspecified source marks a DAD probe.
    const nonce = ns.options.some((o) => o.type === 14);
    ctx.obs.annotations.push({ kind: 'dad-probe', target: ns.target, mac: ethSrc, nonce });
    if (!ctx.discard) dadProbe(s, ctx, ns.target);
    return;
  }
  const requester = ip.src;
  const mac = slla ?? ethSrc;
  if (isSolicitedNodeMulticast(ip.dst)) {
    ctx.obs.annotations.push({ kind: 'address-resolution', target: ns.target, requester, mac });
    if (ctx.discard) return;
    s.bind(ctx, requester, mac, 'source');
    const key = `${requester}|${ns.target}`;
    const r = s.resolutions.get(key);
    if (r !== undefined) {
      r.solicitations++;
      if (r.frames.length < 8) r.frames.push(ctx.frame);
      return;
    }
    // §7.2.2: the entry is INCOMPLETE until an NA; after MAX_MULTICAST_SOLICIT
    // NSs RetransTimer apart and no answer, resolution fails (§7.3.3).
    const deadlineNs = ctx.t + MAX_MULTICAST_SOLICIT * s.retransNs;
    const entry = { requester, requesterMac: mac, target: ns.target, startNs: ctx.t, solicitations: 1, deadlineNs, frames: [ctx.frame] };
    s.resolutions.set(key, entry);
    s.resolutionsDue.push(deadlineNs, key, entry);
    s.deadline(deadlineNs);
    s.change(ctx.obs, mac, 'resolution', `${requester}→${ns.target}`, null, 'INCOMPLETE', 'nc-resolve', { key: 'live.reason.nc-resolve', vars: { requester, target: ns.target } }, 'RFC 4861 §7.2.2');
    return;
  }
  // §7.3.3: a unicast NS confirms reachability of a neighbour already known.
  ctx.obs.annotations.push({ kind: 'nud-probe', target: ns.target, requester, mac });
  if (!ctx.discard) s.bind(ctx, requester, mac, 'source');
}

function dadProbe(s: TrackerState, ctx: FrameContext, target: string): void {
  const mac = ctx.ethSrc;
  const d = s.dad.get(target);
  if (d !== undefined && d.mac === mac) {
    d.probes++; // DupAddrDetectTransmits > 1: the next probe, RetransTimer later
    if (d.frames.length < 8) d.frames.push(ctx.frame);
    return;
  }
  if (d !== undefined) {
    // RFC 4862 §5.4.3: a tentative address's owner that sees another DAD NS
    // for it treats it as duplicate — both probers give up.
    s.dad.delete(target);
    s.setAddress(ctx, d.mac, target, 'duplicate', 'dad', 'dad-failed', { key: 'live.reason.dad-failed.probed-too', vars: { mac, target } }, 'RFC 4862 §5.4.3');
    s.setAddress(ctx, mac, target, 'duplicate', 'dad', 'dad-failed', { key: 'live.reason.dad-failed.already-probing', vars: { mac: d.mac, target } }, 'RFC 4862 §5.4.3');
    answerAlert(s, ctx, target, mac, d.mac, d.frames, 'live.alert.dad-dos.probe');
    return;
  }
  const deadlineNs = ctx.t + s.config.dadTransmits * s.retransNs;
  const entry = { target, mac, startNs: ctx.t, probes: 1, deadlineNs, frames: [ctx.frame] };
  s.dad.set(target, entry);
  s.dadDue.push(deadlineNs, target, entry);
  s.deadline(deadlineNs);
  s.setAddress(ctx, mac, target, 'tentative', 'dad', 'dad-started', { key: 'live.reason.dad-started', vars: { mac, target } }, 'RFC 4862 §5.4.2');
}

/** DAD answered: a genuine duplicate if the answering MAC had the address
 *  before, else the dos-new-ip6 pattern (RFC 3756 §4.1.3). */
function answerAlert(s: TrackerState, ctx: FrameContext, target: string, by: string, prober: string, frames: number[], how: 'live.alert.dad-dos.probe' | 'live.alert.dad-dos.na'): void {
  const all = [...frames, ctx.frame];
  if (s.everUsed(target, by)) {
    s.alert(ctx, 'duplicate-address', target, () => ({ ...liveMessage('live.alert.duplicate-address', { prober, target, by }), host: by, address: target }), all);
    return;
  }
  s.alert(
    ctx,
    'dad-dos',
    by,
    () => ({
      ...liveMessage(how, { by, target, prober }),
      host: by,
      address: target,
    }),
    all,
  );
}

export function onNa(s: TrackerState, ctx: FrameContext, na: NeighborAdvertisement): void {
  const { ip, ethSrc } = ctx;
  const tlla = lladdr(na.options, 2);
  if (tlla !== undefined && tlla !== ethSrc) mismatch(s, ctx, 'NA', 'live.alert.ethernet-mismatch.target', tlla);
  const mac = tlla ?? ethSrc;
  const target = na.target;
  const router = na.flags.R;
  const override = na.flags.O;

  const d = s.dad.peek(target);
  if (d !== undefined && d.mac !== mac && d.mac !== ethSrc) {
    // RFC 4862 §5.4.4: an NA for a tentative address means someone has it.
    ctx.obs.annotations.push({ kind: 'dad-defence', target, mac, prober: d.mac });
    if (ctx.discard) return;
    s.dad.delete(target);
    s.setAddress(ctx, d.mac, target, 'duplicate', 'dad', 'dad-failed', { key: 'live.reason.dad-failed.answered', vars: { mac, target } }, 'RFC 4862 §5.4.4');
    answerAlert(s, ctx, target, mac, d.mac, d.frames, 'live.alert.dad-dos.na');
    return;
  }

  if (na.flags.S) {
    // §7.2.4: a solicited NA goes back to the NS's source.
    const key = `${ip.dst}|${target}`;
    const r = s.resolutions.peek(key);
    const latencyNs = r !== undefined ? ctx.t - r.startNs : null;
    ctx.obs.annotations.push({ kind: 'solicited-na', target, mac, router, override, latencyNs });
    if (ctx.discard) return;
    if (r !== undefined) {
      s.resolutions.delete(key);
      s.change(ctx.obs, r.requesterMac, 'resolution', `${r.requester}→${target}`, 'INCOMPLETE', 'REACHABLE', 'na-incomplete-solicited', { key: 'live.reason.na-incomplete-solicited', vars: { target, mac } }, 'RFC 4861 §7.2.5');
    }
  } else {
    ctx.obs.annotations.push({ kind: 'unsolicited-na', target, mac, router, override });
    if (ctx.discard) return;
  }
  s.bind(ctx, target, mac, 'target');
  if (ip.src !== target) s.bind(ctx, ip.src, ethSrc, 'source');
  if (router) s.host(mac, ctx).router = true;
}

function mismatch(s: TrackerState, ctx: FrameContext, msg: string, which: 'live.alert.ethernet-mismatch.source' | 'live.alert.ethernet-mismatch.target', option: string): void {
  const ethSrc = ctx.ethSrc;
  s.alert(ctx, 'ethernet-mismatch', `${ethSrc}|${option}`, () => ({
    ...liveMessage(which, { msg, ethSrc, option }),
    host: ethSrc,
  }));
}

/** DAD probes and resolutions whose time ran out by `t`, each kind in the
 *  order its table lists them (least recently used first), as a scan of the
 *  tables would find them; only the entries that fell due are touched. */
export function expireNd(s: TrackerState, obs: Observation, t: number): void {
  const ctx = { obs, t, frame: -1 };
  for (const { value: d } of byRecency(s.dad, s.dadDue.popDue(t))) {
    // RFC 4862 §5.4: no answer within DupAddrDetectTransmits × RetransTimer
    // of the first probe — the host now treats the address as preferred.
    s.dad.delete(d.target);
    s.setAddress(ctx, d.mac, d.target, 'preferred', 'dad', 'dad-succeeded', { key: 'live.reason.dad-succeeded', vars: { probes: d.probes, transmits: s.config.dadTransmits } }, 'RFC 4862 §5.4');
    const b = s.bindings.peek(d.target);
    if (b === undefined || b.mac !== d.mac) {
      // bind() judges moves and flip-flops; the frame behind it is the first probe.
      s.bind({ obs, t, frame: d.frames[0] }, d.target, d.mac, 'dad');
    }
  }
  for (const { key, value: r } of byRecency(s.resolutions, s.resolutionsDue.popDue(t))) {
    s.resolutions.delete(key);
    s.change(obs, r.requesterMac, 'resolution', `${r.requester}→${r.target}`, 'INCOMPLETE', 'FAILED', 'nc-failed', { key: 'live.reason.nc-failed', vars: { solicitations: r.solicitations, target: r.target } }, 'RFC 4861 §7.3.3');
  }
  s.deadline(s.dadDue.next());
  s.deadline(s.resolutionsDue.next());
}

function byRecency<K, V>(table: BoundedMap<K, V>, due: { key: K; value: V }[]): { key: K; value: V }[] {
  if (due.length < 2) return due;
  const at = new Map(due.map((e) => [e.key, table.recency(e.key)]));
  return due.sort((a, b) => at.get(a.key)! - at.get(b.key)!);
}
