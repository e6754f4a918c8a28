// Conformance §2 E: the SLAAC address lifecycle (RFC 4862 §5.5) through the
// whole stack on a simulated link: the tester sends RAs with crafted Prefix
// Information options and judges by the NUT's DAD probes and by whether it
// answers for the address.

import { describe, expect, it } from 'vitest';
import { addressFromPrefix, eui64InterfaceId, ip6Bytes } from '../../src/packet/address.ts';
import type { PrefixInformationOption } from '../../src/packet/types.ts';
import {
  expectFrames,
  ns,
  nsOf,
  NUT_GA,
  NUT_LL,
  NUT_MAC,
  pio,
  ra,
  S,
  simPair,
  TAHI_HOST_SYSCTL,
  TN1,
  TR1,
  type Lab,
} from './harness.ts';

const host = (sysctl: Record<string, unknown> = {}): Lab => simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ...sysctl } }).ready();
const iid = eui64InterfaceId(NUT_MAC);
const addrIn = (prefix: string) => addressFromPrefix(prefix, iid);

/** TAHI's check (RFC 4862 §5.4.3, after DAD): a DAD NS for `addr` from TN1 is answered to all-nodes iff the address is assigned. */
function answersDad(lab: Lab, addr: string): boolean {
  const t = lab.now;
  lab.send(ns(TN1, { src: '::', target: addr, slla: null }));
  return lab.frames({ type: 136, since: t, target: addr, dst: 'ff02::1' }).length > 0;
}

/** DAD probes the NUT sent since `since` for addresses in `prefix` (/64). */
function probesIn(lab: Lab, prefix: string, since = 0): string[] {
  const head = addressFromPrefix(prefix, new Uint8Array(8)).replace(/::$/, ':');
  return lab
    .frames({ type: 135, src: '::', since })
    .map((f) => nsOf(f).target)
    .filter((a) => a.startsWith(head) || a === addrIn(prefix));
}

const sendPio = (lab: Lab, p: PrefixInformationOption, extra: Parameters<typeof ra>[1] = {}) => {
  lab.send(ra(TR1, { prefixes: [p], ...extra }));
  lab.run(2.5);
};

describe('v6LC.3.2.1 forming addresses (RFC 4862 §5.5.3)', () => {
  it('v6LC.3.2.1 A: PIO A=1, /64 → prefix + EUI-64 IID, DAD, then answered', () => {
    const lab = host();
    sendPio(lab, pio());
    expect(probesIn(lab, '2001:db8:1::')).toEqual([NUT_GA]);
    expect(answersDad(lab, NUT_GA)).toBe(true);
  });

  it('v6LC.3.2.1 B: a prefix ending in zero-valued fields (8000::/64) works the same', () => {
    const lab = host();
    sendPio(lab, pio({ prefix: '8000::' }));
    expect(answersDad(lab, addrIn('8000::'))).toBe(true);
  });
});

describe('v6LC.3.2.4 B–J prefixes that form no address (RFC 4862 §5.5.3; RFC 4861 §6.1.2)', () => {
  const none: [string, string, PrefixInformationOption, string][] = [
    ['B', 'A=0', pio({ A: false }), '2001:db8:1::'],
    ['C', 'a link-local prefix', pio({ prefix: 'fe80::' }), 'fe80::'],
    ['D', 'preferred lifetime 30 > valid lifetime 20', pio({ valid: 20, preferred: 30 }), '2001:db8:1::'],
    ['E', 'prefix length 128', pio({ prefixLength: 128 }), '2001:db8:1::'],
    ['F', 'prefix length 0', pio({ prefixLength: 0, prefix: '::' }), '::'],
    ['G', 'prefix length 120', pio({ prefixLength: 120 }), '2001:db8:1::'],
    ['H', 'a new prefix with valid lifetime 0', pio({ valid: 0, preferred: 0 }), '2001:db8:1::'],
  ];
  for (const [part, what, p, prefix] of none) {
    it(`v6LC.3.2.4 ${part}: ${what} → no address: no DAD probe, no answer`, () => {
      const lab = host();
      const t = lab.now;
      sendPio(lab, p);
      expect(lab.frames({ type: 135, src: '::', since: t })).toEqual([]);
      const candidate = addrIn(prefix);
      if (candidate !== NUT_LL) expect(answersDad(lab, candidate)).toBe(false);
      expect(lab.iface().addresses.entries().map((e) => e.address)).toEqual([NUT_LL]);
    });
  }

  it('v6LC.3.2.4 I: an RA with hop limit 254 is ignored entirely: no address', () => {
    const lab = host();
    sendPio(lab, pio(), { hopLimit: 254 });
    expect(answersDad(lab, NUT_GA)).toBe(false);
  });

  it('v6LC.3.2.4 J: infinite lifetimes (0xffffffff) are accepted and never run out', () => {
    const lab = host();
    sendPio(lab, pio({ valid: 0xffffffff, preferred: 0xffffffff }));
    expect(answersDad(lab, NUT_GA)).toBe(true);
    lab.run(3 * 86400);
    expect(lab.iface().addresses.addressUse(NUT_GA)).toBe('preferred');
  });
});

describe('v6LC.3.2.2 / deprecation: lifetimes run out (RFC 4862 §5.5.4)', () => {
  it('v6LC.3.2.2: the address answers a DAD NS 5 s before its valid lifetime ends and is silent 5 s after', () => {
    const lab = host();
    const t = lab.now;
    sendPio(lab, pio({ valid: 30, preferred: 20 }));
    lab.runTo((t + 25 * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(true);
    lab.runTo((t + 35 * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(false);
  });

  it('FreeBSD ndp_prefix_lifetime / gVisor TestAutoGenAddrDeprecateFromPI: pltime 5, vltime 10: deprecated (still answered) after 6 s, gone after 12 s', () => {
    const lab = host();
    const t = lab.now;
    lab.send(ra(TR1, { prefixes: [pio({ valid: 10, preferred: 5 })] }));
    lab.runTo((t + 6 * S) / S);
    expect(lab.iface().addresses.addressUse(NUT_GA)).toBe('deprecated');
    // Still valid: an echo to it is answered (received on, RFC 4862 §5.5.4).
    const t2 = lab.now;
    lab.send(ns(TN1, { target: NUT_GA }));
    expectFrames(lab.sink, { type: 136, since: t2, target: NUT_GA }, 1);
    lab.runTo((t + 12 * S) / S);
    expect(lab.iface().addresses.addressUse(NUT_GA)).toBeUndefined();
  });
});

describe('v6LC.3.2.5 A–D the valid lifetime of a known prefix (RFC 4862 §5.5.3 e)', () => {
  it('v6LC.3.2.5 A (RA_incVLT): a longer VLT than the remaining one is adopted, without a new DAD', () => {
    const lab = host();
    const t = lab.now;
    sendPio(lab, pio({ valid: 30, preferred: 20 }));
    const probes = probesIn(lab, '2001:db8:1::', t).length;
    lab.send(ra(TR1, { prefixes: [pio({ valid: 60, preferred: 20 })] }));
    const t2 = lab.now;
    lab.run(50);
    expect(probesIn(lab, '2001:db8:1::', t).length).toBe(probes);
    expect(answersDad(lab, NUT_GA)).toBe(true); // 50 s after the second RA
    lab.runTo((t2 + 65 * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(false);
  });

  it('v6LC.3.2.5 B (RA_gt2gt2): a VLT over 2 hours is adopted even when shorter than the remaining (10800 s, then 7230 s)', () => {
    const lab = host();
    sendPio(lab, pio({ valid: 10800, preferred: 10800 }));
    lab.send(ra(TR1, { prefixes: [pio({ valid: 7230, preferred: 7230 })] }));
    const t2 = lab.now;
    lab.runTo((t2 + 7220 * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(true);
    lab.runTo((t2 + 7240 * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(false);
  });

  it('v6LC.3.2.5 C: remaining ≤ 2 h and a shorter received VLT (20 s, then 10 s) → the received lifetime is ignored', () => {
    const lab = host();
    const t = lab.now;
    lab.send(ra(TR1, { prefixes: [pio({ valid: 20, preferred: 20 })] }));
    lab.run(2.5);
    lab.send(ra(TR1, { prefixes: [pio({ valid: 10, preferred: 10 })] }));
    const t2 = lab.now;
    lab.runTo((t2 + 12 * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(true); // 2 s after the 10 s would have run out
    lab.runTo((t + 21 * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(false);
  });

  it('v6LC.3.2.5 D (RA_gt2lt2, as its code runs): remaining > 2 h and a received VLT of 10 s → valid lifetime reset to 2 hours', () => {
    const lab = host();
    const t = lab.now;
    lab.send(ra(TR1, { prefixes: [pio({ valid: 7230, preferred: 7230 })] }));
    lab.run(2.5);
    lab.send(ra(TR1, { prefixes: [pio({ valid: 10, preferred: 10 })] }));
    const t2 = lab.now;
    lab.runTo((t2 + 12 * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(true);
    lab.runTo((t + (7200 + 15) * S) / S);
    expect(answersDad(lab, NUT_GA)).toBe(false);
  });
});

describe('v6LC.3.2.3 / 3.2.6 several prefixes, stable identifiers', () => {
  it('v6LC.3.2.3: two prefixes keep independent addresses and lifetimes; GA1 is still answered after GA0 expired', () => {
    const lab = host();
    const ga0 = NUT_GA;
    const ga1 = addrIn('2001:db8:3::');
    const t = lab.now;
    lab.send(ra(TR1, { prefixes: [pio({ valid: 20, preferred: 10 }), pio({ prefix: '2001:db8:3::' })] }));
    lab.run(3);
    expect(answersDad(lab, ga0)).toBe(true);
    expect(answersDad(lab, ga1)).toBe(true);
    lab.runTo((t + 25 * S) / S);
    expect(answersDad(lab, ga0)).toBe(false);
    expect(answersDad(lab, ga1)).toBe(true);
  });

  it('v6LC.3.2.6 A/B (RFC 7217, addr_gen_mode=2): the global IID differs from the link-local IID, and both stay the same after a restart', () => {
    const sysctl = { addr_gen_mode: 2, stable_secret: '2001:db8::1:2:3:4' };
    const boot = (seed: number) => {
      const lab = simPair({ sysctl: { ...TAHI_HOST_SYSCTL, ...sysctl } }, { seed }).ready();
      sendPio(lab, pio());
      return lab.frames({ type: 135, src: '::' }).map((f) => nsOf(f).target);
    };
    const first = boot(1);
    expect(first.length).toBe(2);
    const [ll, ga] = first;
    expect(ll.startsWith('fe80::')).toBe(true);
    expect(ga.startsWith('2001:db8:1:0:')).toBe(true);
    const iidOf = (a: string) => [...ip6Bytes(a).slice(8)].join('.');
    expect(iidOf(ll)).not.toBe(iidOf(ga));
    expect(iidOf(ll)).not.toBe([...iid].join('.')); // not the EUI-64 one either
    expect(boot(2)).toEqual(first);
  });
});
