// Timer keys the machines scope themselves (InterfaceView.timerKey) must be
// exactly the keys the node stack would have made ("eth0|dad:…"), so that a
// re-arm, a cancel and a firing all name the same timer; and the keys kept
// on an address entry are let go once they are no longer needed.

import { describe, expect, it } from 'vitest';
import { buildSlaacBench, hostName } from '../../src/bench/slaac.ts';
import type { Action } from '../../src/nd/machine.ts';
import { NS_PER_S } from '../../src/nd/machine.ts';
import { NodeStack } from '../../src/stack/node-stack.ts';

describe('scoped timer keys', () => {
  const b = buildSlaacBench({ hosts: 3, seed: 7 });
  const host = b.sim.node(hostName(1));
  const stack = host.machine as NodeStack;
  const actions: Action[] = [];
  const handle = stack.handle.bind(stack);
  stack.handle = (input, now) => {
    const out = handle(input, now);
    actions.push(...out);
    return out;
  };
  b.sim.runUntil(30 * NS_PER_S);
  const iface = stack.iface('eth0');
  const linkLocal = iface.addresses.entries().find((e) => e.origin === 'link-local')!;
  const global = iface.addresses.entries().find((e) => e.origin === 'slaac')!;
  const keys = actions.flatMap((a) => (a.kind === 'setTimer' || a.kind === 'cancelTimer' ? [a.key] : []));

  it('every timer key is scoped once by the interface, in the one format', () => {
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys) expect(k).toMatch(/^eth0\|(dad|addr|rd|mld|nc):[^|]*$/);
    expect(keys).toContain(`eth0|dad:${linkLocal.address}`);
    expect(keys).toContain(`eth0|dad:${global.address}`);
    expect(keys).toContain(`eth0|addr:deprecate:${global.address}`);
    expect(keys).toContain(`eth0|addr:invalid:${global.address}`);
    expect(keys).toContain('eth0|rd:rs');
    expect(keys).toContain('eth0|mld:ifc');
    expect(keys.some((k) => k.startsWith('eth0|rd:router:fe80:'))).toBe(true);
    expect(keys).toContain('eth0|rd:prefix:2001:db8::/64');
  });

  it('DAD ended, so its key is let go; the lifetime timers keep theirs (they are re-armed by RAs)', () => {
    expect(global.tentative).toBe(false);
    expect(linkLocal.dad.dadKey).toBeNull();
    expect(global.dad.dadKey).toBeNull();
    expect(global.dad.deprecateKey).toBe(`eth0|addr:deprecate:${global.address}`);
    expect(global.dad.invalidKey).toBe(`eth0|addr:invalid:${global.address}`);
    // Infinite lifetimes are only ever cancelled: nothing kept for them.
    expect(linkLocal.dad.deprecateKey).toBeNull();
    expect(linkLocal.dad.invalidKey).toBeNull();
  });

  it('the simulator holds the lifetime timers under those keys, armed', () => {
    const armed = [...(host.timers?.keys() ?? [])];
    expect(armed).toContain(`eth0|addr:deprecate:${global.address}`);
    expect(armed).toContain(`eth0|addr:invalid:${global.address}`);
    expect(armed).not.toContain(`eth0|dad:${global.address}`);
  });
});
