// Frames for the tracker tests, built as EthernetFrame reprs, encoded to
// bytes and decoded back — the same path a captured frame takes.

import { icmpv6Frame } from '../../src/packet/build.ts';
import { decode } from '../../src/packet/decode.ts';
import { encode } from '../../src/packet/encode.ts';
import { linkLocalFromMac, solicitedNodeAddress } from '../../src/packet/address.ts';
import type { Decoded, EthernetFrame, Ip6, Mac, NdOption, Preference } from '../../src/packet/types.ts';

export const A = '00:11:22:33:44:55';
export const B = '00:11:22:66:77:88';
export const R = '00:11:22:aa:bb:cc';
export const EVIL = '66:66:66:66:66:66';
export const llA = linkLocalFromMac(A);
export const llB = linkLocalFromMac(B);
export const llR = linkLocalFromMac(R);
export const gA = '2001:db8::211:22ff:fe33:4455';
export const gB = '2001:db8::211:22ff:fe66:7788';

export const MS = 1_000_000;
export const S = 1_000_000_000;

export function roundTrip(frame: EthernetFrame): Decoded {
  return decode(encode(frame));
}

const slla = (mac: Mac): NdOption => ({ type: 1, lladdr: mac });
const tlla = (mac: Mac): NdOption => ({ type: 2, lladdr: mac });

export function dadNs(mac: Mac, target: Ip6, o: { hopLimit?: number } = {}): Decoded {
  return roundTrip(icmpv6Frame(mac, '::', solicitedNodeAddress(target), { type: 135, code: 0, target, options: [] }, o));
}

export function resolutionNs(mac: Mac, src: Ip6, target: Ip6, o: { slla?: Mac; hopLimit?: number } = {}): Decoded {
  return roundTrip(icmpv6Frame(mac, src, solicitedNodeAddress(target), { type: 135, code: 0, target, options: [slla(o.slla ?? mac)] }, o));
}

export function nudNs(mac: Mac, src: Ip6, target: Ip6, dstMac: Mac): Decoded {
  return roundTrip(icmpv6Frame(mac, src, target, { type: 135, code: 0, target, options: [] }, { dstMac }));
}

export function na(
  mac: Mac,
  src: Ip6,
  dst: Ip6,
  target: Ip6,
  o: { S?: boolean; O?: boolean; R?: boolean; tlla?: Mac | null; dstMac?: Mac; hopLimit?: number } = {},
): Decoded {
  const options = o.tlla === null ? [] : [tlla(o.tlla ?? mac)];
  const flags = { R: o.R ?? false, S: o.S ?? false, O: o.O ?? true };
  return roundTrip(icmpv6Frame(mac, src, dst, { type: 136, code: 0, flags, target, options }, { dstMac: o.dstMac, hopLimit: o.hopLimit }));
}

export function rs(mac: Mac, src: Ip6 = linkLocalFromMac(mac)): Decoded {
  const options = src === '::' ? [] : [slla(mac)];
  return roundTrip(icmpv6Frame(mac, src, 'ff02::2', { type: 133, code: 0, options }));
}

export interface RaSpec {
  M?: boolean;
  O?: boolean;
  prf?: Preference;
  lifetime?: number;
  mtu?: number;
  prefixes?: { prefix: Ip6; length?: number; valid?: number; preferred?: number }[];
  rdnss?: Ip6[];
  hopLimit?: number;
  dst?: Ip6;
  dstMac?: Mac;
  src?: Ip6;
  slla?: Mac;
}

export function raFrame(mac: Mac, spec: RaSpec = {}): EthernetFrame {
  const options: NdOption[] = [slla(spec.slla ?? mac)];
  if (spec.mtu !== undefined) options.push({ type: 5, mtu: spec.mtu });
  for (const p of spec.prefixes ?? [{ prefix: '2001:db8::' }]) {
    options.push({
      type: 3,
      prefixLength: p.length ?? 64,
      L: true,
      A: true,
      validLifetime: p.valid ?? 86400,
      preferredLifetime: p.preferred ?? 14400,
      prefix: p.prefix,
    });
  }
  if (spec.rdnss) options.push({ type: 25, lifetime: 600, servers: spec.rdnss });
  return icmpv6Frame(
    mac,
    spec.src ?? linkLocalFromMac(mac),
    spec.dst ?? 'ff02::1',
    {
      type: 134,
      code: 0,
      curHopLimit: 64,
      flags: { M: spec.M ?? false, O: spec.O ?? false, H: false, prf: spec.prf ?? 'medium' },
      routerLifetime: spec.lifetime ?? 1800,
      reachableTime: 0,
      retransTimer: 0,
      options,
    },
    { dstMac: spec.dstMac, hopLimit: spec.hopLimit },
  );
}

export const ra = (mac: Mac, spec: RaSpec = {}): Decoded => roundTrip(raFrame(mac, spec));

export function mldReport(mac: Mac, src: Ip6): Decoded {
  return roundTrip(
    icmpv6Frame(
      mac,
      src,
      'ff02::16',
      { type: 143, code: 0, records: [{ recordType: 4, multicastAddress: solicitedNodeAddress(src === '::' ? llA : src), sources: [] }] },
      { hopLimit: 1, routerAlert: true },
    ),
  );
}
