import { describe, expect, it } from 'vitest';
import { formatIpAddrShow, linkHeader } from '../../src/slaac/format.ts';
import { makeHost, GA_A, LL_A, MAC_B, S } from './harness.ts';
import { icmpv6Frame } from '../../src/packet/build.ts';

const eth0 = { index: 2, name: 'eth0', adminUp: true, carrier: true, mtu: 1500 };
const show = (h: ReturnType<typeof makeHost>) => formatIpAddrShow(eth0, h.table.entries(), h.now);

// Expected texts are typed from iproute2 6.1 output: note the space that
// ends every "inet6" line (each word is printed as "%s ").
describe('ip -6 addr show dev eth0', () => {
  it('prints the SLAAC example of the brief: global first, lifetimes counting down', () => {
    const h = makeHost();
    h.linkUp();
    h.advanceTo(5 * S);
    h.ra([{}]);
    h.advanceTo(14 * S);
    expect(show(h)).toBe(
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP qlen 1000\n' +
        '    inet6 2001:db8::211:22ff:fe33:4455/64 scope global dynamic mngtmpaddr \n' +
        '       valid_lft 86391sec preferred_lft 14391sec\n' +
        '    inet6 fe80::211:22ff:fe33:4455/64 scope link \n' +
        '       valid_lft forever preferred_lft forever\n',
    );
  });

  it('shows tentative, optimistic, dadfailed, deprecated, nodad in iproute2 order', () => {
    const h = makeHost({ sysctl: { optimistic_dad: 1 } });
    h.linkUp();
    h.act((out, now) => h.table.addManual({ address: '2001:db8::80', prefixLength: 64, nodad: true }, now, out));
    h.act((out, now) => h.table.addManual({ address: '2001:db8::81', prefixLength: 64 }, now, out));
    h.act((out, now) => h.table.addManual({ address: '2001:db8::82', prefixLength: 64, validLft: 100, preferredLft: 0 }, now, out));
    expect(show(h)).toBe(
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP qlen 1000\n' +
        '    inet6 2001:db8::82/64 scope global deprecated tentative dynamic \n' +
        '       valid_lft 100sec preferred_lft 0sec\n' +
        '    inet6 2001:db8::81/64 scope global tentative \n' +
        '       valid_lft forever preferred_lft forever\n' +
        '    inet6 2001:db8::80/64 scope global nodad \n' +
        '       valid_lft forever preferred_lft forever\n' +
        '    inet6 fe80::211:22ff:fe33:4455/64 scope link optimistic tentative \n' +
        '       valid_lft forever preferred_lft forever\n',
    );
    h.receive(icmpv6Frame(MAC_B, '::', 'ff02::1:ff00:81', { type: 135, code: 0, target: '2001:db8::81', options: [] }));
    expect(show(h)).toContain('    inet6 2001:db8::81/64 scope global dadfailed tentative \n');
  });

  it('lists a temporary address before its public one, flagged "temporary dynamic"', () => {
    const h = makeHost({ sysctl: { use_tempaddr: 2 } });
    h.linkUp();
    h.advanceTo(5 * S);
    h.ra([{}]);
    h.advanceTo(10 * S);
    const tmp = h.table.entries().find((e) => e.origin === 'temporary')!;
    const lines = show(h).split('\n');
    expect(lines[1]).toBe(`    inet6 ${tmp.address}/64 scope global temporary dynamic `);
    expect(lines[3]).toBe(`    inet6 ${GA_A}/64 scope global dynamic mngtmpaddr `);
    expect(lines[5]).toBe(`    inet6 ${LL_A}/64 scope link `);
  });

  it('marks RFC 7217 addresses stable-privacy', () => {
    const h = makeHost({ sysctl: { addr_gen_mode: 3 } });
    h.linkUp();
    h.advanceTo(5 * S);
    expect(show(h).split('\n')[1]).toMatch(/^ {4}inet6 fe80::[0-9a-f:]+\/64 scope link stable-privacy $/);
  });

  it('prints nothing for an interface without IPv6 addresses; header flags follow the link', () => {
    expect(formatIpAddrShow(eth0, [], 0)).toBe('');
    expect(linkHeader({ ...eth0, adminUp: false })).toBe('2: eth0: <BROADCAST,MULTICAST> mtu 1500 state DOWN qlen 1000');
    expect(linkHeader({ ...eth0, carrier: false })).toBe('2: eth0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 state DOWN qlen 1000');
  });
});
