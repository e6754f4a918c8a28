// RFC 7217 Net_Iface on Linux is the NIC's permanent address (perm_addr):
// `ip link set address` changes EUI-64 addresses but not stable-privacy ones.

import { describe, expect, it } from 'vitest';
import { addressFromPrefix, eui64InterfaceId, linkLocalFromMac } from '../../src/packet/address.ts';
import { IF, PREFIX, ra, simPair, TR1, type Lab } from './harness.ts';

const SECRET = '2001:db8:1234:5678:9abc:def0:1122:3344';
const NEW_MAC = '00:11:22:aa:bb:cc';

/** Addresses the NUT has formed in PREFIX and fe80::/64 (no tentative ones). */
function usable(lab: Lab): string[] {
  return lab.iface().addresses.entries().filter((e) => !e.tentative && !e.dadFailed).map((e) => e.address).sort();
}

/** Link down, new MAC, link up, one RA, DAD done. */
function changeMac(lab: Lab): Lab {
  lab.sim.setInterfaceUp('nut', IF, false);
  lab.sim.setMac('nut', IF, NEW_MAC);
  lab.command('set-mac', { mac: NEW_MAC });
  lab.sim.setInterfaceUp('nut', IF, true);
  lab.ready().send(ra(TR1)).run(3);
  return lab;
}

describe('RFC 7217 Net_Iface is the permanent MAC', () => {
  it('a stable-privacy address survives `ip link set address`', () => {
    const lab = simPair({ sysctl: { addr_gen_mode: 2, stable_secret: SECRET } }).ready().send(ra(TR1)).run(3);
    const before = usable(lab);
    expect(before.filter((a) => a.startsWith('2001:db8:1:'))).toHaveLength(1);
    expect(before.filter((a) => a.startsWith('fe80:'))).toHaveLength(1);
    changeMac(lab);
    expect(usable(lab)).toEqual(before);
  });

  it('an EUI-64 address follows the new MAC', () => {
    const lab = simPair({ sysctl: { addr_gen_mode: 0 } }).ready().send(ra(TR1)).run(3);
    const old = addressFromPrefix(PREFIX, eui64InterfaceId(lab.iface().mac));
    expect(usable(lab)).toContain(old);
    changeMac(lab);
    const now = usable(lab);
    expect(now).not.toContain(old);
    expect(now).toEqual([addressFromPrefix(PREFIX, eui64InterfaceId(NEW_MAC)), linkLocalFromMac(NEW_MAC)].sort());
  });
});
