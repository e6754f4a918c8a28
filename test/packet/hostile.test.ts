// Hostile input: decode never throws, always says where and why it stopped,
// and loses nothing — whenever it returns a frame, encode(frame) gives back
// the very bytes it was given (the undecoded rest is kept as payload).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/packet/index.ts';
import type { Decoded, Layer } from '../../src/packet/index.ts';
import * as F from '../fixtures/frames.ts';
import { hex } from '../fixtures/frames.ts';

const FIXTURES = Object.entries(F).filter((e): e is [string, Uint8Array] => e[1] instanceof Uint8Array);
const LAYERS: Layer[] = ['ethernet', 'ipv6', 'extension', 'icmpv6', 'option'];

/** The invariants every decode result must satisfy. */
function checkTotal(bytes: Uint8Array): Decoded {
  let d: Decoded | undefined;
  expect(() => { d = decode(bytes); }).not.toThrow();
  const r = d!;
  if (r.error) {
    expect(LAYERS).toContain(r.error.layer);
    expect(r.error.offset).toBeGreaterThanOrEqual(0);
    expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
    expect(r.error.reason.length).toBeGreaterThan(10);
  }
  if (r.frame === null) {
    expect(r.error?.layer).toBe('ethernet');
  } else {
    expect(encode(r.frame)).toStrictEqual(Uint8Array.from(bytes));
  }
  return r;
}

/** Offset of the IPv6 header: after the Ethernet header and any tag. */
function ipStart(frame: Uint8Array): number {
  return frame[12] === 0x81 && frame[13] === 0x00 ? 18 : 14;
}

function setPayloadLength(frame: Uint8Array, length: number): Uint8Array {
  const b = frame.slice();
  const at = ipStart(frame) + 4;
  b[at] = length >> 8;
  b[at + 1] = length & 0xff;
  return b;
}

describe('random bytes', () => {
  it('anything at all', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 160 }), (b) => { checkTotal(b); }), { numRuns: 500 });
  });

  it('an Ethernet + IPv6 head with a walked next header, then random bytes', () => {
    const frame = fc
      .tuple(
        fc.boolean(),
        fc.constantFrom(0, 43, 44, 58, 60, 59, 6),
        fc.integer({ min: 0, max: 120 }),
        fc.uint8Array({ maxLength: 120 }),
      )
      .map(([tagged, nextHeader, payloadLength, rest]) => {
        const head = hex(`001122334455 001122667788 ${tagged ? '8100 0064' : ''} 86dd 60000000`);
        const b = new Uint8Array(head.length + 36 + rest.length);
        b.set(head);
        b[head.length] = payloadLength >> 8;
        b[head.length + 1] = payloadLength & 0xff;
        b[head.length + 2] = nextHeader;
        b[head.length + 3] = 255;
        b.set(rest, head.length + 36);
        return b;
      });
    fc.assert(fc.property(frame, (b) => { checkTotal(b); }), { numRuns: 500 });
  });

  it('fixtures with random bytes overwritten', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...FIXTURES.map((f) => f[1])), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
      .map(([f, edits]) => {
        const b = f.slice();
        for (const [at, v] of edits) b[at % b.length] = v;
        return b;
      });
    fc.assert(fc.property(mutated, (b) => { checkTotal(b); }), { numRuns: 500 });
  });
});

describe('every truncation of every fixture', () => {
  it.each(FIXTURES)('%s', (_name, full) => {
    const ip = ipStart(full);
    const payloadLength = (full[ip + 4] << 8) | full[ip + 5];
    const ipEnd = ip + 40 + payloadLength;
    for (let n = 0; n < full.length; n++) {
      const d = checkTotal(full.subarray(0, n));
      if (n < ip) {
        expect(d.frame).toBeNull();
        expect(d.error!.layer).toBe('ethernet');
      } else if (n < ip + 40) {
        expect(d.error).toMatchObject({ layer: 'ipv6', offset: ip });
        expect(d.error!.reason).toBe(`IPv6 header needs 40 bytes, ${n - ip} remain`);
      } else if (n < ipEnd) {
        expect(d.error).toMatchObject({ layer: 'ipv6', offset: ip + 4 });
        expect(d.error!.reason).toBe(`IPv6 payload length is ${payloadLength} bytes, but ${n - ip - 40} remain in the frame`);
      } else {
        // Only Ethernet padding was cut.
        expect(d.error).toBeNull();
      }
    }
  });
});

describe('wrong payload lengths', () => {
  it.each(FIXTURES)('%s: every shorter and a longer payload length', (_name, full) => {
    const ip = ipStart(full);
    const actual = (full[ip + 4] << 8) | full[ip + 5];
    for (let length = 0; length < actual; length++) {
      const d = checkTotal(setPayloadLength(full, length));
      expect(d.frame!.ipv6!.payloadLength).toBe(length);
      if (d.error) {
        expect(['extension', 'icmpv6', 'option']).toContain(d.error.layer);
        expect(d.error.offset).toBeGreaterThanOrEqual(ip + 40);
        expect(d.error.offset).toBeLessThanOrEqual(ip + 40 + length);
      }
    }
    const d = checkTotal(setPayloadLength(full, actual + 1 + (full.length - ip - 40 - actual)));
    expect(d.error!.layer).toBe('ipv6');
  });
});

describe('ND option lengths', () => {
  // [fixture, absolute offsets of its options]
  const cases: [string, Uint8Array, number[]][] = [
    ['NS', F.NS_ADDRESS_RESOLUTION, [78]],
    ['NA', F.NA_ADDRESS_RESOLUTION, [78]],
    ['RS', F.RS_SLAAC, [62]],
    ['RA', F.RA_SLAAC, [70, 78, 86]],
    ['Redirect', F.REDIRECT_TO_BETTER_ROUTER, [94]],
  ];
  it.each(cases)('%s: an option of length 0 rejects the message at that option', (_name, full, offsets) => {
    for (const at of offsets) {
      const b = full.slice();
      b[at + 1] = 0;
      const d = checkTotal(b);
      expect(d.error).toMatchObject({ layer: 'option', offset: at });
      expect(d.error!.reason).toContain('length 0');
      expect(d.frame!.ipv6!.icmpv6).toBeUndefined();
    }
  });
  it.each(cases)('%s: an option running past the end rejects the message', (_name, full, offsets) => {
    for (const at of offsets) {
      const b = full.slice();
      b[at + 1] = 0xff;
      const d = checkTotal(b);
      expect(d.error).toMatchObject({ layer: 'option', offset: at });
      expect(d.error!.reason).toContain('runs past the end');
    }
  });
});

/** An IPv6 frame (A → B link-local) whose payload is `payload`. */
function ipv6Frame(nextHeader: number, payload: Uint8Array): Uint8Array {
  const head = hex(`
    001122667788 001122334455 86dd 60000000 0000 00 40
    fe80 0000 0000 0000 0211 22ff fe33 4455
    fe80 0000 0000 0000 0211 22ff fe66 7788`);
  const b = new Uint8Array(head.length + payload.length);
  b.set(head);
  b.set(payload, head.length);
  b[18] = payload.length >> 8;
  b[19] = payload.length & 0xff;
  b[20] = nextHeader;
  return b;
}

function repeat(unit: string, times: number): Uint8Array {
  const u = hex(unit);
  const out = new Uint8Array(u.length * times);
  for (let i = 0; i < times; i++) out.set(u, i * u.length);
  return out;
}

describe('extension header chains', () => {
  it('a chain of destination options that never ends runs out of bytes', () => {
    // Each header says "next: destination options" again: 1000 of them.
    const d = checkTotal(ipv6Frame(60, repeat('3c00 0104 00000000', 1000)));
    expect(d.frame!.ipv6!.extensionHeaders).toHaveLength(1000);
    expect(d.error).toMatchObject({ layer: 'extension', offset: 54 + 8000 });
    expect(d.error!.reason).toBe('destination options header needs at least 8 bytes, 0 remain in the IPv6 payload');
    expect(d.frame!.ipv6!.nextHeader).toBe(60);
  });

  it('a chain of atomic fragments that never ends runs out of bytes', () => {
    const d = checkTotal(ipv6Frame(44, repeat('2c00 0000 00000001', 300)));
    expect(d.frame!.ipv6!.extensionHeaders).toHaveLength(300);
    expect(d.error).toMatchObject({ layer: 'extension', offset: 54 + 2400 });
    expect(d.error!.reason).toContain('fragment header needs 8 bytes, 0 remain');
  });

  it.each([
    ['a header longer than the payload', 0, '3a01 0000 00000000', 54, 'hop-by-hop options header is 16 bytes long, 8 remain'],
    ['a header cut after one byte', 60, '3a', 54, 'destination options header needs at least 8 bytes, 1 remain'],
    ['a routing header cut short', 43, '3a02 0201 00000000 2001', 54, 'routing header is 24 bytes long, 10 remain'],
    ['a fragment header cut short', 44, '3a00 0000', 54, 'fragment header needs 8 bytes, 4 remain'],
    ['an option running past its header', 0, '3a00 0508 00000000', 56, 'option type 5 needs 10 bytes, 6 remain in the header'],
    ['an option with no length byte', 0, '3a00 0100 0000 0005', 61, 'option type 5 has no length byte'],
    ['ICMPv6 after the chain cut short', 0, '3a00 0100 0000 0000 8700', 62, 'ICMPv6 header needs 4 bytes, 2 remain'],
  ])('%s', (_name, nextHeader, payload, offset, reason) => {
    const d = checkTotal(ipv6Frame(nextHeader, hex(payload)));
    expect(d.error).toMatchObject({ offset });
    expect(d.error!.reason).toContain(reason);
  });

  it('a chain ending in No Next Header (59) is not an error', () => {
    const d = checkTotal(ipv6Frame(60, hex('3b00 0104 00000000 deadbeef')));
    expect(d.error).toBeNull();
    expect(d.frame!.ipv6).toMatchObject({ nextHeader: 59, payload: hex('deadbeef') });
  });
});
