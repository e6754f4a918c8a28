// Regressions found by reading the lessons' text (scenarios/redirect.yaml,
// dad-dos.yaml, optimistic-dad.yaml): a forwarded echo explained as the
// router's own ping, an attacker "defending" an address it does not use,
// an optimistic address said to wait for DAD, a Redirect silent about its
// options.

import { describe, expect, it } from 'vitest';
import { explainChange, explainFrame } from '../../src/explain/index.ts';
import type { StateChange } from '../../src/nd/machine.ts';
import { A, B, DAD_DEFENCE, ECHO_REQUEST, frame } from './seed-frames.ts';

describe('frames from the lessons', () => {
  it('a forwarded packet is the router passing it on, not its own ping (RFC 8200 §3)', () => {
    const fwd = { ...ECHO_REQUEST, ipv6: { ...ECHO_REQUEST.ipv6!, hopLimit: 63 } };
    const e = explainFrame(fwd, { senderNode: 'R1', why: 'forwarded from eth0 to eth0 (route 2001:db8:2::/64 via fe80::2 dev eth0); hop limit 64 → 63 (RFC 8200 §3)' }, 'en');
    expect(e.key).toBe('frame.forwarded');
    expect(e.text).not.toContain('pings');
    expect(e.text).toContain('to 63');
    expect(explainFrame(ECHO_REQUEST, { senderNode: 'A' }, 'en').text).toContain('A pings');
  });

  it('an attacker answering a DAD probe claims the address; it does not defend it (RFC 3756 §4.1.3)', () => {
    const e = explainFrame(DAD_DEFENCE, { senderNode: 'eve', senderRole: 'attacker', why: 'attacker answers a DAD probe (dos-new-ip6)' }, 'en');
    expect(e.key).toBe('frame.na.dad-dos');
    expect(e.text).not.toContain('already uses');
    expect(e.text).toContain('RFC 3756');
    expect(explainFrame(DAD_DEFENCE, { senderNode: 'B', why: 'DAD defence' }, 'en').key).toBe('frame.na.dad-defence');
  });

  it('a Redirect says whether it gives the target’s MAC, and what it quotes', () => {
    const bare = frame(B.mac, A.mac, B.ll, A.global, { type: 137, code: 0, target: 'fe80::2', destination: '2001:db8:2::1', options: [] });
    expect(explainFrame(bare, { senderNode: 'R1' }, 'en').text).toContain('no link-layer address for fe80::2');
    const full = frame(B.mac, A.mac, B.ll, A.global, {
      type: 137, code: 0, target: 'fe80::2', destination: '2001:db8:2::1',
      options: [{ type: 2, lladdr: '00:11:22:00:00:02' }, { type: 4, packet: new Uint8Array(104) }],
    });
    const e = explainFrame(full, { senderNode: 'R1' }, 'en');
    expect(e.text).toContain('00:11:22:00:00:02');
    expect(e.text).toContain('first 104 bytes');
    const onLink = frame(B.mac, A.mac, B.ll, A.global, { type: 137, code: 0, target: '2001:db8::9', destination: '2001:db8::9', options: [] });
    expect(explainFrame(onLink, { senderNode: 'R1' }, 'en').text).not.toContain('no link-layer address');
  });
});

describe('an RS from an optimistic address (RFC 4429 §3.2)', () => {
  it('says why it has no SLLA; an RS from :: or with an SLLA does not', () => {
    const bare = frame(A.mac, '33:33:00:00:00:02', A.ll, 'ff02::2', { type: 133, code: 0, options: [] });
    expect(explainFrame(bare, {}, 'en').parts.map((p) => p.key)).toContain('rs.no-slla');
    const unspecified = frame(A.mac, '33:33:00:00:00:02', '::', 'ff02::2', { type: 133, code: 0, options: [] });
    expect(explainFrame(unspecified, {}, 'en').parts.map((p) => p.key)).not.toContain('rs.no-slla');
    const withSlla = frame(A.mac, '33:33:00:00:00:02', A.ll, 'ff02::2', { type: 133, code: 0, options: [{ type: 1, lladdr: A.mac }] });
    expect(explainFrame(withSlla, {}, 'en').parts.map((p) => p.key)).not.toContain('rs.no-slla');
  });
});

describe('an address formed optimistic (RFC 4429)', () => {
  const change = (to: string, reasonId: string): StateChange => ({ machine: 'address', ifname: 'eth0', key: A.ll, from: null, to, reason: 'r', reasonId });
  it('is usable at once, not "before use"', () => {
    for (const id of ['link-local-created', 'slaac-created']) {
      const e = explainChange(change('optimistic', id), { node: 'A' }, 'en');
      expect(e.key).toBe('change.optimistic-created');
      expect(e.text).toContain('at once');
      expect(e.text).not.toContain('before use');
    }
    expect(explainChange(change('tentative', 'link-local-created'), { node: 'A' }, 'en').key).toBe('change.link-local-created');
  });
});
