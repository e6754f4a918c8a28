import { describe, expect, it } from 'vitest';
import { explainChange } from '../../src/explain/index.ts';
import type { StateChange } from '../../src/nd/machine.ts';

// Regression: `received` in a ping notification is a count of replies; it
// was formatted as a lifetime ("1 s of 1 requests answered").
const reply: StateChange = {
  machine: 'ping', ifname: 'eth0', key: 'ping 1 2001:db8::2', from: null, to: 'reply',
  reason: '64 bytes from 2001:db8::2', reasonId: 'ping-reply', rfc: 'RFC 4443 §4',
  detail: { transmitted: 3, received: 2, errors: 0 },
};

describe('ping changes', () => {
  it('count replies as numbers, not lifetimes', () => {
    expect(explainChange(reply, { node: 'A' }, 'en').text).toContain(': 2 of 3 requests answered so far.');
    const done = { ...reply, to: 'done', reasonId: 'ping-done' };
    expect(explainChange(done, { node: 'A' }, 'en').text).toContain('3 requests sent, 2 replies, 0 errors');
    expect(explainChange(done, { node: 'A' }, 'ja').text).toContain('応答 2 回');
  });

  it('still write an address change’s `received` lifetime with its unit', () => {
    const c: StateChange = {
      machine: 'address', ifname: 'eth0', key: '2001:db8::1', from: 'preferred', to: 'preferred',
      reason: 'two-hour rule', reasonId: 'two-hour-rule', detail: { received: 60, validLft: 7200 },
    };
    const e = explainChange(c, { node: 'A' }, 'en');
    expect(e.key).toBe('change.two-hour-rule');
    expect(e.text).toContain('to 60 s;');
  });

  it('a local send failure (no source address) is not described as a received ICMPv6 error', () => {
    // ping.ts reports `error` only when the request cannot leave (iputils "connect: Network is unreachable").
    const c = { ...reply, to: 'error', reasonId: 'ping-error', reason: 'ping: connect: Network is unreachable' };
    const text = explainChange(c, { node: 'A' }, 'en').text;
    expect(text).not.toMatch(/receives an ICMPv6 error/);
    expect(text).toContain('cannot send');
  });
});
