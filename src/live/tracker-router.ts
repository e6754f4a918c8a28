// Router discovery read from the outside (RFC 4861 §6): which routers speak,
// what they advertise and how that changes, which prefixes are on the link
// and how long they have left, and which RA answered which RS.

import { inPrefix, parsePrefix } from '../packet/address.ts';
import type { Mac, RouterAdvertisement, RouterSolicitation } from '../packet/types.ts';
import { INFINITE_LIFETIME, prefixKey, raDiffTexts, raParams } from './tracker-ra.ts';
import { lladdr, NS_PER_MS, NS_PER_S, type FrameContext, type RouterEntry, type TrackerState } from './tracker-state.ts';
import type { Observation, PrefixParams, RsAnswer } from './tracker-types.ts';
import { liveMessage } from './live-text.ts';

export function onRs(s: TrackerState, ctx: FrameContext, rs: RouterSolicitation): void {
  const slla = lladdr(rs.options, 1);
  if (slla !== undefined && slla !== ctx.ethSrc) {
    s.alert(ctx, 'ethernet-mismatch', `${ctx.ethSrc}|${slla}`, () => ({
      ...liveMessage('live.alert.ethernet-mismatch.source', { msg: 'RS', ethSrc: ctx.ethSrc, option: slla }),
      host: ctx.ethSrc,
    }));
  }
  ctx.obs.annotations.push({ kind: 'rs', source: ctx.ip.src, mac: ctx.ethSrc });
  if (ctx.discard) return;
  if (ctx.ip.src !== '::') s.bind(ctx, ctx.ip.src, slla ?? ctx.ethSrc, 'source');
  // §6.3.7: a host solicits, then waits RTR_SOLICITATION_INTERVAL for an RA.
  const host = ctx.ethSrc;
  s.solicitations.set(host, { host, frame: ctx.frame, sentNs: ctx.t });
  s.exchanges.set(ctx.frame, { host, rsFrame: ctx.frame, rsNs: ctx.t, router: null, raFrame: null, latencyNs: null });
  s.deadline(ctx.t + s.config.rsAnswerWindowMs * NS_PER_MS);
}

/** Prefix allow-list check: a PIO inside an allowed prefix is allowed. */
function prefixAllowed(allowed: readonly string[], p: PrefixParams): boolean {
  for (const text of allowed) {
    const a = parsePrefix(text);
    if (a.ok && p.length >= a.value.length && inPrefix(p.prefix, a.value.prefix, a.value.length)) return true;
  }
  return false;
}

const lifetimeNs = (seconds: number): number => (seconds === INFINITE_LIFETIME ? Infinity : seconds * NS_PER_S);

export function onRa(s: TrackerState, ctx: FrameContext, ra: RouterAdvertisement): void {
  const mac = ctx.ethSrc;
  const params = raParams(ctx.ip.src, ra);
  const slla = lladdr(ra.options, 1);
  if (slla !== undefined && slla !== mac) {
    s.alert(ctx, 'ethernet-mismatch', `${mac}|${slla}`, () => ({
      ...liveMessage('live.alert.ethernet-mismatch.source', { msg: 'RA', ethSrc: mac, option: slla }),
      host: mac,
    }));
  }
  const allowRouters = s.config.routers;
  if (allowRouters !== undefined && !allowRouters.includes(mac)) {
    s.alert(ctx, 'rogue-router', mac, () => ({ ...liveMessage('live.alert.rogue-router', { mac, router: params.router }), host: mac }));
  }
  const allowPrefixes = s.config.prefixes;
  if (allowPrefixes !== undefined) {
    for (const p of params.prefixes) {
      if (prefixAllowed(allowPrefixes, p)) continue;
      const k = prefixKey(p);
      s.alert(ctx, 'wrong-prefix', `${mac}|${k}`, () => ({ ...liveMessage('live.alert.wrong-prefix', { mac, prefix: k }), host: mac }));
    }
  }

  const answers: RsAnswer[] = [];
  ctx.obs.annotations.push({ kind: 'ra', router: mac, params, answers });
  if (ctx.discard) return;

  const old = s.routers.get(mac);
  const state = params.routerLifetime === 0 ? 'not-default' : 'default';
  if (old === undefined) {
    s.alert(ctx, 'new-router', mac, () => ({ ...liveMessage('live.alert.new-router', { mac, router: params.router }), host: mac }));
    s.change(ctx.obs, mac, 'router', mac, null, state, 'rd.router.new', { key: 'live.reason.router-new', vars: { mac } }, 'RFC 4861 §6.3.4');
    s.routers.set(mac, { mac, params, state, lastRaNs: ctx.t, raCount: 1 });
  } else {
    // The changes ride as phrases, so the list is worded (and joined) in
    // the output's language; the English message is as it always was.
    const diffs = raDiffTexts(old.params, params);
    if (diffs.length > 0) {
      s.alert(ctx, 'ra-changed', mac, () => ({ ...liveMessage('live.alert.ra-changed', { mac, changes: diffs }), host: mac }));
    }
    if (params.routerLifetime === 0 && old.params.routerLifetime !== 0) {
      // §6.2.5: a router that stops being one sends RAs with lifetime 0 —
      // and so does an attacker killing it (THC kill_router6).
      s.alert(ctx, 'router-lifetime-zero', mac, () => ({ ...liveMessage('live.alert.router-lifetime-zero', { mac, router: params.router }), host: mac }));
    }
    if (old.state !== state) {
      const reasonId = state === 'not-default' ? 'rd.router.lifetime-zero' : 'rd.router.new';
      s.change(ctx.obs, mac, 'router', mac, old.state, state, reasonId, { key: 'live.reason.router-lifetime', vars: { lifetime: params.routerLifetime } }, 'RFC 4861 §6.3.4');
    }
    old.params = params;
    old.state = state;
    old.lastRaNs = ctx.t;
    old.raCount++;
  }
  s.deadline(ctx.t + lifetimeNs(params.routerLifetime));
  s.bind(ctx, ctx.ip.src, slla ?? mac, 'source');
  s.host(mac, ctx).router = true;
  for (const p of params.prefixes) learnPrefix(s, ctx, mac, p);
  answerSolicitations(s, ctx, mac, answers);
}

function learnPrefix(s: TrackerState, ctx: FrameContext, router: Mac, p: PrefixParams): void {
  const k = prefixKey(p);
  const old = s.prefixes.get(k);
  if (p.validLifetime === 0) {
    // RFC 4861 §6.3.4: valid lifetime 0 times the prefix out at once.
    if (old !== undefined) {
      s.prefixes.delete(k);
      s.change(ctx.obs, router, 'prefix', k, 'valid', null, 'rd.prefix.valid-zero', { key: 'live.reason.prefix-withdrawn', vars: { router, prefix: k } }, 'RFC 4861 §6.3.4');
    }
    return;
  }
  s.prefixes.set(k, { prefix: p.prefix, length: p.length, router, L: p.L, A: p.A, validLifetime: p.validLifetime, preferredLifetime: p.preferredLifetime, receivedNs: ctx.t });
  s.deadline(ctx.t + lifetimeNs(p.validLifetime));
  if (old === undefined) s.change(ctx.obs, router, 'prefix', k, null, 'valid', 'rd.prefix.new', { key: 'live.reason.prefix-new', vars: { router, prefix: k } }, 'RFC 4861 §6.3.4');
}

/** §6.2.6: a router answers an RS with a unicast RA to the soliciting host or
 *  a multicast RA to all nodes; either way the RS is answered by the first RA
 *  that reaches the host within rsAnswerWindowMs. */
function answerSolicitations(s: TrackerState, ctx: FrameContext, router: Mac, answers: RsAnswer[]): void {
  const unicast = (parseInt(ctx.ethDst.slice(0, 2), 16) & 1) === 0;
  const window = s.config.rsAnswerWindowMs * NS_PER_MS;
  const pending = unicast ? [s.solicitations.peek(ctx.ethDst)].filter((x) => x !== undefined) : [...s.solicitations.values()];
  for (const sol of pending) {
    if (ctx.t - sol.sentNs > window || ctx.t < sol.sentNs) continue;
    s.solicitations.delete(sol.host);
    const latencyNs = ctx.t - sol.sentNs;
    answers.push({ host: sol.host, rsFrame: sol.frame, latencyNs });
    const ex = s.exchanges.peek(sol.frame);
    if (ex !== undefined) {
      ex.router = router;
      ex.raFrame = ctx.frame;
      ex.latencyNs = latencyNs;
    }
  }
}

/** Routers, prefixes and solicitations whose time ran out by `t`. */
export function expireRouters(s: TrackerState, obs: Observation, t: number): void {
  for (const r of s.routers.values()) {
    if (r.state !== 'default') continue;
    const end = r.lastRaNs + lifetimeNs(r.params.routerLifetime);
    if (end > t) {
      s.deadline(end);
      continue;
    }
    expireRouter(s, obs, r);
  }
  for (const [k, p] of [...s.prefixes.entries()]) {
    const end = p.receivedNs + lifetimeNs(p.validLifetime);
    if (end > t) {
      s.deadline(end);
      continue;
    }
    s.prefixes.delete(k);
    s.change(obs, p.router, 'prefix', k, 'valid', null, 'rd.prefix.expired', { key: 'live.reason.prefix-expired', vars: { prefix: k } }, 'RFC 4861 §6.3.5');
  }
  const window = s.config.rsAnswerWindowMs * NS_PER_MS;
  for (const sol of [...s.solicitations.values()]) {
    if (sol.sentNs + window > t) s.deadline(sol.sentNs + window);
    else s.solicitations.delete(sol.host); // left unanswered in `exchanges`
  }
}

function expireRouter(s: TrackerState, obs: Observation, r: RouterEntry): void {
  // §6.3.5: the router lifetime ran out without a fresh RA.
  r.state = 'expired';
  s.change(obs, r.mac, 'router', r.mac, 'default', 'expired', 'rd.router.expired', { key: 'live.reason.router-expired', vars: { mac: r.mac, lifetime: r.params.routerLifetime } }, 'RFC 4861 §6.3.5');
}
