import { describe, expect, it } from 'vitest';
import { DefaultRouterList, effectivePreference, type RouterPreference } from '../../src/nd/default-router-list.ts';
import { NS_PER_S, type Action } from '../../src/nd/machine.ts';

const S = NS_PER_S;
const [A, B, C] = ['fe80::a', 'fe80::b', 'fe80::c'];

function list(routers: Array<[string, RouterPreference]>, lifetime = 1800): { l: DefaultRouterList; out: Action[] } {
  const l = new DefaultRouterList('eth0');
  const out: Action[] = [];
  for (const [r, p] of routers) l.update(r, lifetime, p, 64, 0, out);
  return { l, out };
}

describe('DefaultRouterList.choose (RFC 4861 §6.3.6, RFC 4191 §3.2)', () => {
  it('reserved preference counts as medium (RFC 4191 §2.2)', () => {
    expect(effectivePreference('reserved')).toBe('medium');
    expect(effectivePreference('low')).toBe('low');
  });

  it('among reachable routers the highest preference wins, whatever the order learned', () => {
    const { l } = list([[A, 'low'], [B, 'medium'], [C, 'high']]);
    expect(l.choose(0, () => true)).toBe(C);
  });

  it('a reachable low-preference router beats an unreachable high-preference one', () => {
    const { l } = list([[A, 'high'], [B, 'low']]);
    expect(l.choose(0, (r) => r === B)).toBe(B);
  });

  it('a router with no neighbour entry counts as reachable (RFC 4191 §3.2, Linux ROUTER_PREF)', () => {
    const { l } = list([[A, 'medium'], [B, 'high']]);
    expect(l.choose(0, (r) => (r === A ? true : undefined))).toBe(B);
  });

  it('equal preference keeps the router learned first (no flapping)', () => {
    const { l } = list([[A, 'medium'], [B, 'medium']]);
    expect([l.choose(0, () => true), l.choose(0, () => true)]).toEqual([A, A]);
  });

  it('when no router is reachable, successive choices round-robin over all of them', () => {
    const { l } = list([[A, 'high'], [B, 'medium'], [C, 'low']]);
    const picks = Array.from({ length: 6 }, () => l.choose(0, () => false));
    expect(picks).toEqual([A, B, C, A, B, C]);
  });

  it('an empty list chooses nothing', () => {
    expect(new DefaultRouterList('eth0').choose(0, () => true)).toBeNull();
  });

  it('an expired router is not chosen even before its timer fires', () => {
    const { l } = list([[A, 'high'], [B, 'low']], 10);
    l.update(B, 100, 'low', 64, 0, []);
    expect(l.choose(10 * S, () => true)).toBe(B);
  });
});

describe('DefaultRouterList lifetimes', () => {
  it('arms one timer per router at learnedAt + lifetime', () => {
    const { out } = list([[A, 'medium']], 1800);
    expect(out).toContainEqual({ kind: 'setTimer', key: `rd:router:${A}`, at: 1800 * S });
  });

  it('a stale timer (fired after a refresh) is a no-op', () => {
    const { l } = list([[A, 'medium']], 100);
    l.update(A, 100, 'medium', 64, 50 * S, []);
    const out: Action[] = [];
    expect(l.onTimer(`rd:router:${A}`, 100 * S, out)).toBe(true);
    expect(l.size).toBe(1);
    expect(out).toEqual([]);
    l.onTimer(`rd:router:${A}`, 150 * S, out);
    expect(l.size).toBe(0);
  });

  it('lifetime 0 for an unknown router changes nothing', () => {
    const l = new DefaultRouterList('eth0');
    const out: Action[] = [];
    l.update(A, 0, 'high', 64, 0, out);
    expect([l.size, out.length]).toEqual([0, 0]);
  });

  it('a preference change is notified; a plain refresh is not', () => {
    const { l } = list([[A, 'medium']]);
    const out: Action[] = [];
    l.update(A, 1800, 'medium', 64, S, out);
    expect(out.filter((a) => a.kind === 'notify')).toHaveLength(0);
    l.update(A, 1800, 'high', 64, 2 * S, out);
    const n = out.filter((a) => a.kind === 'notify');
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ change: { from: 'medium', to: 'high', reasonId: 'rd.router.preference' } });
  });

  it('keeps the last non-zero CurHopLimit for display (RTAX_HOPLIMIT)', () => {
    const { l } = list([[A, 'medium']]);
    l.update(A, 1800, 'medium', 0, S, []);
    expect(l.get(A)?.hopLimit).toBe(64);
  });

  it('remove() (e.g. NA with R=0, v6LC.2.1.21) drops the router and its timer', () => {
    const { l } = list([[A, 'medium']]);
    const out: Action[] = [];
    expect(l.remove(A, 'NA with R=0', 'nc.router-flag-cleared', 0, out, 'RFC 4861 §7.2.5')).toBe(true);
    expect(out).toContainEqual({ kind: 'cancelTimer', key: `rd:router:${A}` });
    expect(l.size).toBe(0);
  });
});
