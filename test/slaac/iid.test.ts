import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { addressFromPrefix, ip6Bytes } from '../../src/packet/address.ts';
import { eui64InterfaceId, isReservedIid, randomIid, stablePrivacyIid } from '../../src/slaac/iid.ts';
import { makeHost, S, LL_A, MAC_B } from './harness.ts';
import { icmpv6Frame } from '../../src/packet/build.ts';
import type { NeighborSolicitation } from '../../src/packet/types.ts';

const SECRET = ip6Bytes('2001:db8:dead:beef:1:2:3:4');
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('interface identifiers', () => {
  it('EUI-64: MAC 00:11:22:33:44:55 in 2001:db8::/64 is 2001:db8::211:22ff:fe33:4455', () => {
    expect(addressFromPrefix('2001:db8::', eui64InterfaceId('00:11:22:33:44:55'))).toBe('2001:db8::211:22ff:fe33:4455');
  });

  it('RFC 7217: the leftmost 64 bits of SHA-256(prefix ‖ Net_Iface ‖ Network_ID ‖ DAD_Counter ‖ secret)', () => {
    const input = Buffer.concat([ip6Bytes('2001:db8::').subarray(0, 8), Buffer.from('001122334455', 'hex'), Buffer.from('lab'), Buffer.from([0]), SECRET]);
    const expected = createHash('sha256').update(input).digest().subarray(0, 8).toString('hex');
    const r = stablePrivacyIid({ prefix: '2001:db8::', netIface: '00:11:22:33:44:55', networkId: 'lab', dadCounter: 0, secretKey: SECRET });
    expect([hexOf(r.iid), r.dadCounter]).toEqual([expected, 0]);
  });

  it('RFC 7217: deterministic, and different for another prefix, counter, secret or interface', () => {
    const base = { prefix: '2001:db8::', netIface: '00:11:22:33:44:55', dadCounter: 0, secretKey: SECRET };
    const id = (over: Partial<typeof base>) => hexOf(stablePrivacyIid({ ...base, ...over }).iid);
    expect(id({})).toBe(id({}));
    const variants = [id({}), id({ prefix: '2001:db8:1::' }), id({ dadCounter: 1 }), id({ secretKey: ip6Bytes('::1') }), id({ netIface: '00:11:22:33:44:56' })];
    expect(new Set(variants).size).toBe(5);
  });

  it('RFC 5453 reserved identifiers are recognised', () => {
    const iid = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
    expect(['0000000000000000', '02005efffe000000', '02005efffeffffff', 'fdffffffffffff80', 'fdffffffffffffff'].map((h) => isReservedIid(iid(h)))).toEqual([true, true, true, true, true]);
    expect(['0000000000000001', '02005efffd000000', 'fdffffffffffff7f', '0211:22fffe334455'.replace(':', '')].map((h) => isReservedIid(iid(h)))).toEqual([false, false, false, false]);
  });

  it('a random identifier is drawn again when it is reserved (RFC 8981 §3.3.1)', () => {
    const draws = [...Array(8).fill(0), ...Array(8).fill(0.5)];
    let i = 0;
    const iid = randomIid(() => draws[i++]);
    expect(hexOf(iid)).toBe('8080808080808080');
    expect(i).toBe(16);
  });
});

describe('stable-privacy addresses in the table (v6LC.3.2.6, 3.2.7)', () => {
  const secret = '2001:db8:dead:beef:1:2:3:4';

  it('addr_gen_mode 2: the same link-local and global across two "boots", differing from EUI-64, flagged stable-privacy', () => {
    const boot = (seed: number) => {
      const h = makeHost({ seed, sysctl: { addr_gen_mode: 2, stable_secret: secret } });
      h.linkUp();
      h.advanceBy(3 * S);
      h.ra([{}]);
      return h.table.entries().map((e) => [e.address, e.stablePrivacy]);
    };
    const a = boot(1);
    expect(a).toEqual(boot(2));
    expect(a.map(([addr]) => addr)).not.toContain(LL_A);
    expect(a.every(([, sp]) => sp)).toBe(true);
    // The global IID differs from the link-local IID (3.2.6 A).
    const [ll, ga] = a.map(([addr]) => String(addr).split(':').slice(-4).join(':'));
    expect(ll).not.toBe(ga);
  });

  it('addr_gen_mode 3: a random secret from the node stream (differs between seeds)', () => {
    const ll = (seed: number) => {
      const h = makeHost({ seed, sysctl: { addr_gen_mode: 3 } });
      h.linkUp();
      return h.table.entries()[0].address;
    };
    expect(ll(1)).not.toBe(ll(2));
    expect(ll(1)).toBe(ll(1));
  });

  it('addr_gen_mode 1: no link-local address, SLAAC still uses EUI-64 (Linux)', () => {
    const h = makeHost({ sysctl: { addr_gen_mode: 1 } });
    h.linkUp();
    expect(h.table.entries()).toHaveLength(0);
    h.ra([{}]);
    expect(h.state('2001:db8::211:22ff:fe33:4455')).toBe('tentative');
  });

  it('a DAD conflict makes a new identifier with DAD_Counter 1, probed after IDGEN_DELAY; after IDGEN_RETRIES it gives up (3.2.7)', () => {
    const h = makeHost({ sysctl: { addr_gen_mode: 2, stable_secret: secret } });
    h.linkUp();
    h.advanceBy(3 * S);
    h.ra([{}]);
    const first = h.table.entries().find((e) => e.origin === 'slaac')!;
    const collide = (target: string) =>
      h.receive(icmpv6Frame(MAC_B, 'fe80::211:22ff:fe66:7788', 'ff02::1', { type: 136, code: 0, flags: { R: false, S: false, O: true }, target, options: [] }));
    const t0 = h.now;
    collide(first.address);
    expect(h.state(first.address)).toBeUndefined();
    const second = h.table.entries().find((e) => e.origin === 'slaac')!;
    expect(second.address).not.toBe(first.address);
    expect(second.dad.stableCounter).toBe(1);
    expect(h.changes().find((c) => c.key === second.address)!.reason).toMatch(/generating new stable privacy address because of DAD conflict/);
    h.advanceBy(3 * S);
    const probe = h.dadProbes().find((p) => (p.frame.ipv6!.icmpv6 as NeighborSolicitation).target === second.address)!;
    expect(probe.at - t0).toBeGreaterThanOrEqual(1 * S); // IDGEN_DELAY 1 s, then the random DAD delay
    expect(probe.at - t0).toBeLessThan(2 * S);
    expect(h.state(second.address)).toBe('preferred');
  });

  it('IDGEN_RETRIES (3) conflicts in a row exhaust the counter: no stable address is left', () => {
    const h = makeHost({ sysctl: { addr_gen_mode: 2, stable_secret: secret } });
    h.linkUp();
    h.advanceBy(3 * S);
    h.ra([{}]);
    const counters: number[] = [];
    for (let i = 0; i < 4; i++) {
      const e = h.table.entries().find((x) => x.origin === 'slaac')!;
      counters.push(e.dad.stableCounter);
      h.receive(icmpv6Frame(MAC_B, 'fe80::211:22ff:fe66:7788', 'ff02::1', { type: 136, code: 0, flags: { R: false, S: false, O: true }, target: e.address, options: [] }));
    }
    expect(counters).toEqual([0, 1, 2, 3]);
    expect(h.table.entries().filter((e) => e.origin === 'slaac')).toHaveLength(0);
    expect(h.drops().at(-1)).toMatch(/privacy stable address generation failed because of DAD conflicts!/);
  });
});
