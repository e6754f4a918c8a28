// Every catalogue key is reachable from some input, and with the inputs the
// machines give, every placeholder gets a value in both languages.

import { describe, expect, it } from 'vitest';
import {
  changeKey, explainChange, explainDrop, explainFrame, explainViolation, KEYS,
  type CatalogKey, type Explanation, type FrameContext, type Lang,
} from '../../src/explain/index.ts';
import type { StateChange } from '../../src/nd/machine.ts';
import type { EthernetFrame } from '../../src/packet/types.ts';
import { RULES } from '../../src/packet/validate-rules.ts';
import * as F from './seed-frames.ts';

const LANGS: Lang[] = ['en', 'ja'];

// --------------------------------------------------------- sample inputs

const FRAMES: [EthernetFrame, FrameContext][] = [
  [F.SEED_NS, { senderNode: 'a' }], [F.SEED_NS, { senderNode: 'a', why: 'ns_source link-local: source fe80::1, not the prompting packet’s 2001:db8::1' }], [F.SEED_NA, { senderNode: 'b' }], [F.SEED_DAD_LL, {}], [F.SEED_RS, {}],
  [F.SEED_RA, { senderNode: 'r1' }], [F.SEED_DAD_GLOBAL, {}], [F.LINUX_NS, {}], [F.LINUX_NA, {}], [F.NUD_NS, {}],
  [F.DAD_DEFENCE, { why: 'DAD defence' }], [F.DAD_DEFENCE, {}],
  [F.FINAL_RA, { why: 'final RA: advertising stops' }], [F.FINAL_RA, {}], [F.REDIRECT_ROUTER, {}], [F.REDIRECT_ON_LINK, { receivers: ['a'] }],
  [F.ECHO_REQUEST, {}], [F.ECHO_REPLY, {}], [F.MLD_JOIN, {}], [F.MLD_LEAVE, {}], [F.MLD_STATE, {}], [F.MLD_QUERY, {}],
  [F.MLDV1_REPORT, {}], [F.MLDV1_DONE, {}], [F.ADDRESS_UNREACHABLE, {}], [F.NO_ROUTE, {}], [F.UNKNOWN_ICMP, {}],
  [F.UNSOLICITED_UNICAST_NA, {}], [F.UNICAST_NS_OTHER, {}], [F.DAD_WITH_NONCE, {}], [F.UDP_PACKET, {}], [F.ARP_FRAME, {}],
  [F.SEED_NA, { senderRole: 'attacker' }], [F.SEED_RA, { senderRole: 'attacker' }],
  [F.SEED_NS, { violations: [{ rule: 'ns-hop-limit', rfc: 'RFC 4861 §7.1.1', message: 'hop limit 64' }] }],
];
// The answer to a unicast NUD probe: S=1, O=0, no TLLA (Linux ndisc_send_na).
FRAMES.push([F.frame(F.B.mac, F.A.mac, F.B.ll, F.A.ll, { type: 136, code: 0, flags: { R: false, S: true, O: false }, target: F.B.ll, options: [] }), { senderNode: 'b' }]);
// A router's answer for its Subnet-Router anycast address (RFC 4291 §2.6.1):
// S=1, O=0, with a TLLA (RFC 4861 §7.2.4).
FRAMES.push([F.frame(F.B.mac, F.A.mac, '2001:db8::1', F.A.ll, { type: 136, code: 0, flags: { R: true, S: true, O: false }, target: '2001:db8::', options: [{ type: 2, lladdr: F.B.mac }] }), { senderNode: 'b' }]);
// A router's Redirect with the target's MAC and the quoted packet, a
// forwarded packet, and an attacker's answer to a DAD probe (dos-new-ip6).
{
  const full = structuredClone(F.REDIRECT_ROUTER);
  (full.ipv6!.icmpv6 as { options: unknown[] }).options = [{ type: 2, lladdr: F.B.mac }, { type: 4, packet: new Uint8Array(48) }];
  FRAMES.push([full, {}], [F.ECHO_REQUEST, { why: 'forwarded from eth0 to eth0 (route 2001:db8::/64 via fe80::2 dev eth0)' }]);
  FRAMES.push([F.DAD_DEFENCE, { senderRole: 'attacker', why: 'attacker answers a DAD probe (dos-new-ip6)' }]);
  const optimisticRs = structuredClone(F.SEED_RS);
  (optimisticRs.ipv6!.icmpv6 as { options: unknown[] }).options = [];
  FRAMES.push([optimisticRs, {}]);
}
{
  const reserved = structuredClone(F.SEED_RA);
  (reserved.ipv6!.icmpv6 as { flags: { prf: string } }).flags.prf = 'reserved';
  FRAMES.push([reserved, {}]);
}

/** A StateChange shaped the way the machine behind `id` emits it (src/nd, src/slaac). */
function sampleChange(id: string): StateChange {
  const base = { ifname: 'eth0', reason: `sample reason for ${id}`, rfc: undefined, reasonId: id };
  if (/^(nc|na)-/.test(id)) {
    const removed = id === 'nc-removed' || id === 'nc-flushed';
    return { ...base, machine: 'neighbor', key: F.B.ll, from: 'INCOMPLETE', to: removed ? null : 'STALE', detail: removed ? undefined : { lladdr: F.B.mac, isRouter: false } };
  }
  if (id.startsWith('rd.router.') || id === 'rd-router-flag-cleared') {
    const gone = !id.endsWith('.new') && !id.endsWith('.preference');
    return { ...base, machine: 'router', key: F.B.ll, from: 'medium', to: gone ? null : 'high', detail: gone ? undefined : { lifetime: 1800, preference: 'high' } };
  }
  if (id === 'rd.rs.gave-up') return { ...base, machine: 'router', key: 'discovery', from: 'soliciting', to: 'no-routers' };
  if (id.startsWith('rd.flag.')) return { ...base, machine: 'router', key: 'M flag', from: 'off', to: 'on' };
  if (id.startsWith('rd.param.')) return { ...base, machine: 'router', key: 'CurHopLimit', from: '64', to: '255' };
  if (/^rd\.(rdnss|dnssl)\./.test(id)) {
    const gone = id.endsWith('.removed');
    return { ...base, machine: 'router', key: 'rdnss 2001:db8::53', from: gone ? '2001:db8::53' : null, to: gone ? null : '2001:db8::53' };
  }
  if (id.startsWith('rd.prefix.')) {
    const gone = !id.endsWith('.new');
    return { ...base, machine: 'prefix', key: '2001:db8::/64', from: gone ? 'on-link' : null, to: gone ? null : 'on-link', detail: gone ? undefined : { validLifetime: 86400 } };
  }
  if (id.startsWith('rd.route.')) {
    const gone = !id.endsWith('.new') && !id.endsWith('.preference');
    return { ...base, machine: 'route', key: `2001:db8:100::/48 via ${F.B.ll}`, from: 'low', to: gone ? null : 'high', detail: gone ? undefined : { lifetime: 1800, preference: 'high' } };
  }
  if (id.startsWith('dst-')) {
    const gone = id === 'dst-removed';
    return { ...base, machine: 'destination', key: '2001:db8:9::1', from: gone ? 'fe80::1' : null, to: gone ? null : 'fe80::1', detail: gone ? undefined : { via: id.slice(4) } };
  }
  if (id.startsWith('mld-')) return { ...base, machine: 'mld', key: 'ff02::1:ff33:4455', from: id === 'mld-leave' ? 'member' : null, to: id === 'mld-leave' ? null : 'member' };
  if (id.startsWith('ping-')) return { ...base, machine: 'interface', key: `ping 1 ${F.B.global}`, from: null, to: id.slice(5), detail: { transmitted: 3, received: 2, errors: 0 } };
  if (id === 'command-failed') return { ...base, machine: 'interface', key: 'ping', from: null, to: null };
  if (id === 'ipv6-disabled') return { ...base, machine: 'interface', key: 'eth0', from: 'ipv6', to: 'ipv6-disabled' };
  // The address table (src/slaac): creation, DAD, lifetimes, removal.
  const removed = ['manual-delete', 'dad-failed-removed', 'valid-lifetime-expired', 'link-down'].includes(id);
  return {
    ...base, machine: 'address', key: F.A.global, from: removed ? 'preferred' : 'tentative', to: removed ? null : 'preferred',
    detail: removed ? undefined : { origin: 'slaac', validLft: 7200, preferredLft: 3600, received: 600, remaining: 9000, linkLocal: false, macBased: true },
  };
}

const CHANGE_KEYS = (Object.keys(KEYS) as CatalogKey[]).filter((k) => k.startsWith('change.'));
const DROP_KEYS = (Object.keys(KEYS) as CatalogKey[]).filter((k) => k.startsWith('drop.') && k !== 'drop.generic');

const FALLBACKS: StateChange[] = [
  ...['tentative', 'optimistic', 'preferred', 'deprecated', 'duplicate', null].map((to): StateChange =>
    ({ machine: 'address', ifname: 'eth0', key: F.A.global, from: 'tentative', to, reason: 'r' })),
  ...['INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', null].map((to): StateChange =>
    ({ machine: 'neighbor', ifname: 'eth0', key: F.B.ll, from: 'STALE', to, reason: 'r', reasonId: 'not-a-catalogued-id' })),
  { machine: 'radvd', ifname: 'eth0', key: 'eth0', from: null, to: 'advertising', reason: 'r' },
  { machine: 'radvd', ifname: 'eth0', key: 'eth0', from: 'advertising', to: null, reason: 'r' },
  { machine: 'interface', ifname: 'eth0', key: 'eth0', from: 'down', to: 'up', reason: 'r' },
];

function allExplanations(lang: Lang): Explanation[] {
  const out: Explanation[] = [];
  for (const [f, ctx] of FRAMES) out.push(explainFrame(f, ctx, lang));
  for (const k of CHANGE_KEYS) out.push(explainChange(sampleChange(k.slice('change.'.length)), { node: 'a' }, lang));
  for (const c of FALLBACKS) out.push(explainChange(c, { node: 'a' }, lang));
  for (const k of DROP_KEYS) out.push(explainDrop({ ifname: 'eth0', reason: 'sample reason', rule: k.slice('drop.'.length) }, lang, { node: 'a' }));
  out.push(explainDrop({ ifname: 'eth0', reason: 'something odd' }, lang));
  for (const [rule, info] of Object.entries(RULES)) out.push(explainViolation({ rule, rfc: info.rfc, message: info.summary }, lang));
  out.push(explainViolation({ rule: 'not-a-rule', rfc: '', message: 'm' }, lang));
  return out;
}

// ------------------------------------------------------------------ tests

describe.each(LANGS)('catalogue coverage (%s)', (lang) => {
  const all = allExplanations(lang);

  it('every placeholder is filled for the sample inputs', () => {
    for (const e of all) {
      expect(e.missing, `${e.key}: ${e.text}`).toBeUndefined();
      expect(e.text, e.key).not.toMatch(/\{[A-Za-z][A-Za-z0-9_]*\}/);
      expect(e.text.trim().length).toBeGreaterThan(0);
    }
  });

  it('every catalogue key except the words is reached by some input', () => {
    const used = new Set(all.flatMap((e) => e.parts.map((p) => p.key)));
    const unused = (Object.keys(KEYS) as CatalogKey[]).filter((k) => !k.startsWith('term.') && !used.has(k));
    expect(unused).toEqual([]);
  });
});

describe('state changes', () => {
  it('a catalogued reasonId picks its entry; the machine’s RFC section wins over the catalogue’s', () => {
    const c: StateChange = { ...sampleChange('nc-failed'), rfc: 'RFC 4861 §7.2.2', from: 'INCOMPLETE', to: 'FAILED' };
    const e = explainChange(c, { node: 'a' }, 'en');
    expect(e.key).toBe('change.nc-failed');
    expect(e.rfc).toBe('RFC 4861 §7.2.2');
    expect(e.text).toBe(`a got no NA from ${F.B.ll} after its solicitations: the neighbour is unreachable (INCOMPLETE → FAILED); queued packets are dropped with an ICMPv6 address-unreachable error.`);
    expect(explainChange({ ...c, rfc: undefined }, { node: 'a' }, 'en').rfc).toBe('RFC 4861 §7.3.3');
  });

  it('address states are translated in Japanese (仮, 推奨, 非推奨, 無効)', () => {
    const ok = explainChange(sampleChange('dad-succeeded'), { node: 'a' }, 'ja');
    expect(ok.text).toContain('推奨 (preferred)');
    const dep = explainChange({ ...sampleChange('preferred-lifetime-expired'), from: 'preferred', to: 'deprecated' }, { node: 'a' }, 'ja');
    expect(dep.text).toContain('非推奨 (deprecated)');
    const created = explainChange({ ...sampleChange('slaac-created'), from: null, to: 'tentative' }, { node: 'a' }, 'ja');
    expect(created.text).toContain('仮 (tentative)');
    expect(explainChange(sampleChange('valid-lifetime-expired'), { node: 'a' }, 'ja').text).toContain('無効 (invalid)');
  });

  it('lifetimes in detail are written with units, infinite for 0xffffffff', () => {
    const c = { ...sampleChange('lifetime-refreshed'), detail: { validLft: 0xffffffff, preferredLft: 3600 } };
    expect(explainChange(c, { node: 'a' }, 'en').text).toContain('valid infinite, preferred 3600 s');
    expect(explainChange(c, { node: 'a' }, 'ja').text).toContain('有効期間 無期限、推奨期間 3600 秒');
  });

  it('falls back by machine and new state when the reasonId is unknown or absent', () => {
    expect(changeKey(FALLBACKS[2])).toBe('fallback.address.preferred');
    expect(changeKey(FALLBACKS[5])).toBe('fallback.address.removed');
    expect(changeKey({ ...FALLBACKS[6], to: 'REACHABLE' })).toBe('fallback.neighbor.REACHABLE');
    expect(changeKey(FALLBACKS[FALLBACKS.length - 3])).toBe('fallback.created');
    expect(changeKey(FALLBACKS[FALLBACKS.length - 2])).toBe('fallback.removed');
    expect(changeKey(FALLBACKS[FALLBACKS.length - 1])).toBe('fallback.changed');
    expect(explainChange(FALLBACKS[FALLBACKS.length - 1], { node: 'r1' }, 'en').text).toBe('r1: interface entry eth0: down → up. (r)');
  });
});

describe('drops', () => {
  it('a machine rule picks its sentence, with the drop’s RFC', () => {
    const e = explainDrop({ ifname: 'eth0', reason: 'x', rule: 'redirect-not-first-hop', rfc: 'RFC 4861 §8.1' }, 'en', { node: 'a' });
    expect(e.key).toBe('drop.redirect-not-first-hop');
    expect(e.rfc).toBe('RFC 4861 §8.1');
    expect(e.text).toContain('a ignores the Redirect');
  });
  it('a validation rule id is explained as that violation', () => {
    const e = explainDrop({ ifname: 'eth0', reason: 'hop limit 64', rule: 'ra-hop-limit' }, 'ja');
    expect(e.key).toBe('violation.ra-hop-limit');
    expect(e.rfc).toBe('RFC 4861 §6.1.2');
    expect(e.text).toContain('255');
  });
  it('an unknown rule quotes the machine’s reason; the node defaults to the interface', () => {
    const e = explainDrop({ ifname: 'eth0', reason: 'queue full', rule: 'no-such-rule' }, 'en');
    expect(e.key).toBe('drop.generic');
    expect(e.text).toBe('eth0 ignores the frame: queue full.');
  });
});
