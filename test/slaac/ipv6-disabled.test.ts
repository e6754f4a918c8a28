// accept_dad=2 and a duplicate MAC-based link-local address: Linux disables
// IPv6 and then calls addrconf_ifdown, which takes every address off the
// interface (found by scenarios/link-local-collision.yaml: the address used
// to stay, shown as "dadfailed tentative" by `ip -6 addr`).

import { describe, expect, it } from 'vitest';
import { icmpv6Frame } from '../../src/packet/build.ts';
import type { EthernetFrame } from '../../src/packet/types.ts';
import { formatIpAddrShow } from '../../src/slaac/format.ts';
import { makeHost, MAC_B, LL_A, S } from './harness.ts';

const naFor = (target: string): EthernetFrame =>
  icmpv6Frame(MAC_B, 'fe80::211:22ff:fe66:7788', 'ff02::1', { type: 136, code: 0, flags: { R: false, S: false, O: true }, target, options: [{ type: 2, lladdr: MAC_B }] });

describe('IPv6 disabled by DAD (accept_dad=2, RFC 4862 §5.4.5)', () => {
  it('removes every address of the interface, manual ones included, after marking the link-local duplicate', () => {
    const h = makeHost({ sysctl: { accept_dad: 2 } });
    h.act((out, now) => h.table.addManual({ address: '2001:db8::80', prefixLength: 64, nodad: true }, now, out));
    h.linkUp();
    h.receive(naFor(LL_A));
    expect(h.table.isIpv6Disabled()).toBe(true);
    expect(h.table.entries()).toEqual([]);
    const ll = h.changes().filter((c) => c.key === LL_A).map((c) => [c.from, c.to, c.reasonId]);
    expect(ll).toEqual([[null, 'tentative', 'link-local-created'], ['tentative', 'duplicate', 'dad-failed'], ['duplicate', null, 'ipv6-disabled-removed']]);
    const manual = h.changes().filter((c) => c.key === '2001:db8::80').at(-1)!;
    expect([manual.to, manual.reasonId]).toEqual([null, 'ipv6-disabled-removed']);
    // `ip -6 addr show dev eth0` prints nothing for an interface without IPv6 addresses.
    expect(formatIpAddrShow({ index: 2, name: 'eth0', adminUp: true, carrier: true, mtu: 1500 }, h.table.entries(), h.now)).toBe('');
  });

  it('accept_dad=1 keeps the duplicate link-local address as dadfailed', () => {
    const h = makeHost();
    h.linkUp();
    h.receive(naFor(LL_A));
    h.advanceBy(5 * S);
    expect(h.state(LL_A)).toBe('duplicate');
  });
});
