// A tiny driver for the SLAAC table in tests: applies timer actions, fires
// timers in time order, and keeps every action with the time it happened.

import type { Action, Nanos, Random, StateChange } from '../../src/nd/machine.ts';
import { NS_PER_MS, NS_PER_S } from '../../src/nd/machine.ts';
import type { LinkParameters } from '../../src/nd/interface-view.ts';
import type { EthernetFrame, RouterAdvertisement, PrefixInformationOption, Ip6 } from '../../src/packet/types.ts';
import { AddressTable } from '../../src/slaac/address-table.ts';
import { resolveSlaacConfig, type SlaacConfig } from '../../src/slaac/config.ts';
import { mulberry32 } from '../support/random.ts';

/** mulberry32: a small deterministic stream for tests. */
export const seeded: (seed: number) => Random = mulberry32;

export const S = NS_PER_S;
export const MS = NS_PER_MS;
export const MAC_A = '00:11:22:33:44:55';
export const LL_A = 'fe80::211:22ff:fe33:4455';
export const GA_A = '2001:db8::211:22ff:fe33:4455';
export const ROUTER_LL = 'fe80::211:22ff:fe66:7788';
export const MAC_B = '00:11:22:66:77:88';

export interface Logged {
  at: Nanos;
  action: Action;
}

export function makeHost(opts: { mac?: string; sysctl?: Record<string, unknown>; seed?: number; random?: Random; router?: boolean; retransMs?: number } = {}) {
  const r = resolveSlaacConfig(opts.sysctl ?? {});
  if (!r.ok) throw new Error(r.errors.join('; '));
  const config: SlaacConfig = r.config;
  let mac = opts.mac ?? MAC_A;
  const params: LinkParameters = { retransTimerMs: opts.retransMs ?? 1000, baseReachableTimeMs: 30000, reachableTimeMs: 30000, curHopLimit: 64, mtu: 1500 };
  const ready: { address: Ip6; at: Nanos }[] = [];
  const random = opts.random ?? seeded(opts.seed ?? 1);
  const table = new AddressTable({
    view: { ifname: 'eth0', mac: () => mac, params, isRouter: () => !!opts.router, random },
    config,
    onLinkLocalReady: (address, at) => ready.push({ address, at }),
  });
  const timers = new Map<string, Nanos>();
  const log: Logged[] = [];
  let now: Nanos = 0;

  const apply = (out: Action[]): void => {
    for (const a of out) {
      log.push({ at: now, action: a });
      if (a.kind === 'setTimer') {
        timers.delete(a.key);
        timers.set(a.key, a.at);
      } else if (a.kind === 'cancelTimer') timers.delete(a.key);
    }
  };
  const h = {
    table,
    config,
    params,
    ready,
    log,
    timers,
    get now() {
      return now;
    },
    setMac(m: string) {
      mac = m;
    },
    /** Runs `fn` at the current time and applies its actions. */
    act<T>(fn: (out: Action[], now: Nanos) => T): T {
      const out: Action[] = [];
      const v = fn(out, now);
      apply(out);
      return v;
    },
    /** Fires every timer due up to `to`, in time order, then sets the clock to `to`. */
    advanceTo(to: Nanos): void {
      for (;;) {
        let key: string | null = null;
        let at = Infinity;
        for (const [k, t] of timers) if (t < at) [key, at] = [k, t];
        if (key === null || at > to) break;
        timers.delete(key);
        now = Math.max(now, at);
        const out: Action[] = [];
        table.onTimer(key, now, out);
        apply(out);
      }
      now = to;
    },
    advanceBy(d: Nanos): void {
      h.advanceTo(now + d);
    },
    linkUp(): void {
      h.act((out, t) => table.linkUp(t, out));
    },
    linkDown(): void {
      h.act((out, t) => table.linkDown(t, out));
    },
    ra(pios: Partial<PrefixInformationOption>[], withSlla = true): void {
      const ra: RouterAdvertisement = {
        type: 134, code: 0, curHopLimit: 64, flags: { M: false, O: false, H: false, prf: 'medium' }, routerLifetime: 1800, reachableTime: 0, retransTimer: 0,
        options: [
          ...(withSlla ? [{ type: 1 as const, lladdr: MAC_B }] : []),
          ...pios.map((p) => ({ type: 3 as const, prefixLength: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400, prefix: '2001:db8::', ...p })),
        ],
      };
      h.act((out, t) => table.onRouterAdvertisement(ra, ROUTER_LL, t, out));
    },
    receive(frame: EthernetFrame): boolean {
      return h.act((out, t) => (frame.ipv6?.icmpv6?.type === 135 ? table.onNeighborSolicitation(frame, t, out) : table.onNeighborAdvertisement(frame, t, out)));
    },
    sent(): { at: Nanos; frame: EthernetFrame; why?: string }[] {
      return log.flatMap((l) => (l.action.kind === 'send' ? [{ at: l.at, frame: l.action.frame, why: l.action.why }] : []));
    },
    dadProbes(): { at: Nanos; frame: EthernetFrame }[] {
      return h.sent().filter((s) => s.frame.ipv6?.icmpv6?.type === 135);
    },
    reports(): { at: Nanos; frame: EthernetFrame }[] {
      return h.sent().filter((s) => s.frame.ipv6?.icmpv6?.type === 143);
    },
    changes(machine = 'address'): (StateChange & { at: Nanos })[] {
      return log.flatMap((l) => (l.action.kind === 'notify' && l.action.change.machine === machine ? [{ ...l.action.change, at: l.at }] : []));
    },
    drops(): string[] {
      return log.flatMap((l) => (l.action.kind === 'drop' ? [l.action.drop.reason] : []));
    },
    state(addr: Ip6) {
      return table.addressUse(addr);
    },
  };
  return h;
}
