import { describe, expect, it } from 'vitest';
import { explainFrame, type Explanation, type Lang } from '../../src/explain/index.ts';
import type { EthernetFrame } from '../../src/packet/types.ts';
import * as F from './seed-frames.ts';

const both = (f: EthernetFrame, ctx: Parameters<typeof explainFrame>[1] = {}): Record<Lang, Explanation> => ({
  en: explainFrame(f, ctx, 'en'),
  ja: explainFrame(f, ctx, 'ja'),
});
const rfcs = (e: Explanation): string => e.parts.map((p) => p.rfc ?? '').join(' | ');

describe('the seed’s six frames', () => {
  it('① address-resolution NS: RFC 4861 §7.2.2, and the slide’s link-local source is named', () => {
    const { en, ja } = both(F.SEED_NS, { senderNode: 'A' });
    expect(en.key).toBe('frame.ns.resolution');
    expect(en.rfc).toBe('RFC 4861 §7.2.2');
    expect(en.text).toContain('A asks who has 2001:db8::211:22ff:fe66:7788');
    expect(en.text).toContain('ff02::1:ff66:7788');
    expect(en.parts.map((p) => p.key)).toContain('ns.src-link-local');
    expect(ja.text).toContain('近隣要請 (NS)');
    expect(ja.text).toContain('要請ノードマルチキャストアドレス');
  });

  it('② solicited NA: RFC 4861 §7.2.4, O flag, link-local source choice, and the NA-spoofing warning', () => {
    const { en, ja } = both(F.SEED_NA, { senderNode: 'B' });
    expect(en.key).toBe('frame.na.solicited');
    expect(en.rfc).toBe('RFC 4861 §7.2.4');
    expect(en.text).toContain('00:11:22:66:77:88');
    const keys = en.parts.map((p) => p.key);
    expect(keys).toEqual(['frame.na.solicited', 'na.override', 'na.src-link-local', 'note.na-spoofing']);
    expect(ja.text).toContain('近隣広告 (NA)');
    expect(ja.text).toContain('誰でも');
  });

  it('SLAAC ① DAD probe for the link-local address: RFC 4862 §5.4.2 and the 1 s wait', () => {
    const { en, ja } = both(F.SEED_DAD_LL, { senderNode: 'a' });
    expect(en.key).toBe('frame.ns.dad');
    expect(en.rfc).toBe('RFC 4862 §5.4.2');
    expect(en.text).toContain('a checks that nobody already uses fe80::211:22ff:fe33:4455');
    expect(en.text).toContain('1 s');
    expect(en.text).toContain('preferred');
    expect(ja.text).toContain('重複アドレス検出');
    expect(ja.text).toContain('仮アドレス');
  });

  it('SLAAC ② RS: RFC 4861 §6.3.7, to all-routers', () => {
    const { en, ja } = both(F.SEED_RS, { senderNode: 'a' });
    expect(en.key).toBe('frame.rs');
    expect(en.rfc).toBe('RFC 4861 §6.3.7');
    expect(en.text).toContain('ff02::2');
    expect(ja.text).toContain('ルータ要請 (RS)');
  });

  it('SLAAC ③ RA: default router, M=0/O=0 means SLAAC, the prefix on-link and autonomous with its lifetimes', () => {
    const { en, ja } = both(F.SEED_RA, { senderNode: 'r1' });
    expect(en.key).toBe('frame.ra.default');
    expect(en.rfc).toBe('RFC 4861 §6.3.4');
    expect(en.text).toContain('default router for 1800 s');
    expect(en.text).toContain('preference medium');
    expect(en.text).toContain('M=0, O=0');
    expect(en.text).toContain('Prefix 2001:db8::/64 is on-link (L=1) and for autonomous configuration (A=1)');
    expect(en.text).toContain('valid lifetime 86400 s, preferred lifetime 14400 s');
    expect(en.text).toContain('hop limit 64');
    expect(rfcs(en)).toContain('RFC 4862 §5.5.3');
    expect(ja.text).toContain('ルータ広告 (RA)');
    expect(ja.text).toContain('ステートレスアドレス自動設定');
    expect(ja.text).toContain('86400 秒');
  });

  it('SLAAC ④ DAD probe for the global address: RFC 4862 §5.4.2', () => {
    const { en, ja } = both(F.SEED_DAD_GLOBAL, { senderNode: 'a' });
    expect(en.key).toBe('frame.ns.dad');
    expect(en.rfc).toBe('RFC 4862 §5.4.2');
    expect(en.text).toContain('2001:db8::211:22ff:fe33:4455');
    expect(ja.text).toContain('重複アドレス検出 (DAD)');
  });
});

describe('source-address choices the seed’s slide simplifies', () => {
  it('a global NS source is the prompting packet’s (RFC 4861 §7.2.2, Linux)', () => {
    const e = explainFrame(F.LINUX_NS, { senderNode: 'A' }, 'en');
    expect(e.parts.map((p) => p.key)).toContain('ns.src-prompting');
    expect(e.text).toContain('2001:db8::211:22ff:fe33:4455 is the address of the packet that prompted');
  });
  it('a solicited NA from the target address is Linux’s choice', () => {
    const e = explainFrame(F.LINUX_NA, { senderNode: 'B' }, 'en');
    expect(e.parts.map((p) => p.key)).toContain('na.src-target');
  });
  it('a link-local target needs no note (link-local is every stack’s choice)', () => {
    const keys = explainFrame(F.NUD_NS, {}, 'en').parts.map((p) => p.key);
    expect(keys).not.toContain('ns.src-link-local');
  });
});

describe('other frames', () => {
  it('a unicast NS to the target is a NUD probe (RFC 4861 §7.3.3)', () => {
    const e = explainFrame(F.NUD_NS, { senderNode: 'A' }, 'en');
    expect(e.key).toBe('frame.ns.nud');
    expect(e.rfc).toBe('RFC 4861 §7.3.3');
    expect(e.text).toContain(F.B.mac);
  });
  it('an NA to ff02::1 answering DAD is a defence when the machine says so, else either reading is given', () => {
    expect(explainFrame(F.DAD_DEFENCE, { why: 'answer to a DAD probe' }, 'en').key).toBe('frame.na.dad-defence');
    const plain = explainFrame(F.DAD_DEFENCE, {}, 'en');
    expect(plain.key).toBe('frame.na.all-nodes');
    expect(plain.rfc).toBe('RFC 4861 §7.2.6');
  });
  it('a final RA (Router Lifetime 0 on shutdown) says hosts drop the router at once (RFC 4861 §6.2.5)', () => {
    const e = explainFrame(F.FINAL_RA, { senderNode: 'r1', why: 'final RA: advertising stops, Router Lifetime 0 (RFC 4861 §6.2.5)' }, 'en');
    expect(e.key).toBe('frame.ra.final');
    expect(e.rfc).toBe('RFC 4861 §6.2.5');
    const keys = e.parts.map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining([
      'ra.flags.managed', 'ra.flags.other', 'ra.pio.withdrawn', 'ra.pio.onlink', 'ra.pio.auto', 'ra.pio.deprecating',
      'ra.pio.nothing', 'ra.mtu', 'ra.rio', 'ra.rdnss', 'ra.dnssl', 'ra.reachable-time', 'ra.retrans-timer',
    ]));
    expect(keys).not.toContain('ra.flags.slaac');
    expect(e.text).toContain('valid lifetime infinite');
    expect(explainFrame(F.FINAL_RA, {}, 'en').key).toBe('frame.ra.not-default');
  });
  it('a reserved preference is explained as medium (RFC 4191 §2.2)', () => {
    const ra = structuredClone(F.SEED_RA);
    (ra.ipv6!.icmpv6 as { flags: { prf: string } }).flags.prf = 'reserved';
    const e = explainFrame(ra, {}, 'en');
    expect(e.parts.find((p) => p.key === 'ra.prf-reserved')?.rfc).toBe('RFC 4191 §2.2');
  });
  it('Redirects: better router vs on-link destination, naming the receivers', () => {
    const r = explainFrame(F.REDIRECT_ROUTER, { senderNode: 'r1', receivers: ['a'] }, 'en');
    expect(r.key).toBe('frame.redirect.router');
    expect(r.text).toContain('tells a that packets for 2001:db8:9::1');
    expect(explainFrame(F.REDIRECT_ON_LINK, {}, 'en').key).toBe('frame.redirect.on-link');
  });
  it('Echo request and reply', () => {
    expect(explainFrame(F.ECHO_REQUEST, {}, 'en').text).toContain('sequence 2');
    expect(explainFrame(F.ECHO_REPLY, {}, 'en').key).toBe('frame.echo-reply');
  });
  it('an MLDv2 join of a solicited-node group comes before DAD, and the seed omits it', () => {
    const { en, ja } = both(F.MLD_JOIN, { senderNode: 'a' });
    expect(en.parts.map((p) => p.key)).toEqual(['frame.mldv2-report.join', 'mld.before-dad', 'note.seed-mld-omitted']);
    expect(en.parts[1].rfc).toBe('RFC 4862 §5.4.2');
    expect(ja.text).toContain('省略');
    expect(explainFrame(F.MLD_LEAVE, {}, 'en').key).toBe('frame.mldv2-report.leave');
    expect(explainFrame(F.MLD_STATE, {}, 'en').key).toBe('frame.mldv2-report.state');
    expect(explainFrame(F.MLD_QUERY, {}, 'en').text).toContain('all groups');
  });
  it('Destination Unreachable code 3 says address resolution failed, naming the unreachable address', () => {
    const e = explainFrame(F.ADDRESS_UNREACHABLE, { senderNode: 'a' }, 'en');
    expect(e.key).toBe('frame.unreachable.address');
    expect(e.text).toContain('2001:db8::dead is unreachable');
    expect(e.rfc).toContain('RFC 4443 §3.1');
    expect(explainFrame(F.NO_ROUTE, {}, 'en').key).toBe('frame.unreachable.other');
  });
  it('an attacker’s NA and RA get a warning (RFC 6105 for RAs)', () => {
    const na = explainFrame(F.SEED_NA, { senderNode: 'mallory', senderRole: 'attacker' }, 'en');
    expect(na.parts.map((p) => p.key)).toContain('note.attacker-na');
    const ra = explainFrame(F.SEED_RA, { senderNode: 'mallory', senderRole: 'attacker' }, 'en');
    expect(ra.parts.find((p) => p.key === 'note.attacker-ra')?.rfc).toContain('RFC 6105');
  });
  it('violations are appended with their rule’s RFC section', () => {
    const e = explainFrame(F.SEED_RA, { violations: [{ rule: 'ra-hop-limit', rfc: 'RFC 4861 §6.1.2', message: 'hop limit 64' }] }, 'en');
    const last = e.parts[e.parts.length - 1];
    expect(last.key).toBe('note.violation');
    expect(last.rfc).toBe('RFC 4861 §6.1.2');
    expect(last.text).toContain('hop limit other than 255');
  });
  it('a sender without a name is named by its source address', () => {
    expect(explainFrame(F.SEED_RS, {}, 'en').text.startsWith(`${F.A.ll} asks`)).toBe(true);
    expect(explainFrame(F.ARP_FRAME, {}, 'en').text).toContain('0x0806');
  });
});
