import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Address6 } from 'ip-address';
import {
  addressFromPrefix,
  canonicalIp6,
  eui64InterfaceId,
  formatIp6,
  formatMac,
  inPrefix,
  inPrefixBytes,
  ip6Bytes,
  linkLocalFromMac,
  macBytes,
  multicastMac,
  parseAddressWithLength,
  parseIp6,
  parseMac,
  parsePrefix,
  prefixOf,
  prefixSize,
  solicitedNodeAddress,
  writeIp6,
} from '../../src/packet/address.ts';

const hex = (s: string): Uint8Array => Uint8Array.from(s.replace(/[^0-9a-f]/gi, '').match(/../g)!.map((b) => parseInt(b, 16)));

function errorOf(text: string): string {
  const r = parseIp6(text);
  if (r.ok) throw new Error(`"${text}" was accepted as ${formatIp6(r.value.bytes)}`);
  return r.error;
}

// Words biased towards zero so that runs of zero groups, ties and the
// IPv4-mapped prefix all come up often.
const word = fc.oneof(
  { arbitrary: fc.constant(0), weight: 5 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 0xf }), weight: 1 },
  { arbitrary: fc.constant(0xffff), weight: 1 },
);
const addrBytes = fc.array(word, { minLength: 8, maxLength: 8 }).map((w) => {
  const b = new Uint8Array(16);
  w.forEach((x, i) => {
    b[2 * i] = x >> 8;
    b[2 * i + 1] = x & 255;
  });
  return b;
});
const mac = fc.uint8Array({ minLength: 6, maxLength: 6 });

describe('the nodes of the slides (seed)', () => {
  // MAC → link-local and global (2001:db8::/64) addresses, from the seed's table.
  const nodes = [
    { name: 'A', mac: '00:11:22:33:44:55', iid: '02 11 22 ff fe 33 44 55', ll: 'fe80::211:22ff:fe33:4455', global: '2001:db8::211:22ff:fe33:4455' },
    { name: 'B', mac: '00:11:22:66:77:88', iid: '02 11 22 ff fe 66 77 88', ll: 'fe80::211:22ff:fe66:7788', global: '2001:db8::211:22ff:fe66:7788' },
  ];
  for (const n of nodes) {
    it(`${n.name}: modified EUI-64 of ${n.mac} flips the U/L bit and inserts ff:fe`, () => {
      expect(eui64InterfaceId(n.mac)).toEqual(hex(n.iid));
      expect(eui64InterfaceId(macBytes(n.mac))).toEqual(hex(n.iid));
    });
    it(`${n.name}: link-local ${n.ll} and global ${n.global}`, () => {
      expect(linkLocalFromMac(n.mac)).toBe(n.ll);
      expect(addressFromPrefix('2001:db8::', eui64InterfaceId(n.mac))).toBe(n.global);
      expect(addressFromPrefix(ip6Bytes('2001:db8::'), eui64InterfaceId(n.mac))).toBe(n.global);
    });
  }

  it('address resolution NS: solicited-node group ff02::1:ff66:7788 and MAC 33:33:ff:66:77:88', () => {
    expect(solicitedNodeAddress('2001:db8::211:22ff:fe66:7788')).toBe('ff02::1:ff66:7788');
    expect(multicastMac('ff02::1:ff66:7788')).toBe('33:33:ff:66:77:88');
  });

  it('SLAAC flow: DAD to ff02::1:ff33:4455 / 33:33:ff:33:44:55, RS to 33:33:00:00:00:02, RA to 33:33:00:00:00:01', () => {
    expect(solicitedNodeAddress('fe80::211:22ff:fe33:4455')).toBe('ff02::1:ff33:4455');
    expect(solicitedNodeAddress(ip6Bytes('2001:db8::211:22ff:fe33:4455'))).toBe('ff02::1:ff33:4455');
    expect(multicastMac('ff02::1:ff33:4455')).toBe('33:33:ff:33:44:55');
    expect(multicastMac('ff02::2')).toBe('33:33:00:00:00:02');
    expect(multicastMac(ip6Bytes('ff02::1'))).toBe('33:33:00:00:00:01');
  });

  it('ip -6 neigh example: 00:00:5e:00:53:01 (RFC 7042 documentation MAC) gives 0200:5eff:fe00:5301', () => {
    expect(linkLocalFromMac('00:00:5e:00:53:01')).toBe('fe80::200:5eff:fe00:5301');
  });
});

describe('text form (seed sections 1-3, 1-4)', () => {
  it('writes the full form in RFC 5952 canonical form', () => {
    expect(canonicalIp6('2001:0db8:0000:0000:0206:29ff:fe1e:482e')).toBe('2001:db8::206:29ff:fe1e:482e');
    expect(canonicalIp6('2001:0db8:0000:0000:fff0:0000:0000:000f')).toBe('2001:db8::fff0:0:0:f');
  });

  it('reads both shortenings of 2001:db8:0:0:fff0:0:0:f as the same address, written one way', () => {
    const a = ip6Bytes('2001:db8::fff0:0:0:f');
    const b = ip6Bytes('2001:db8:0:0:fff0::f');
    expect(a).toEqual(b);
    expect(a).toEqual(hex('2001 0db8 0000 0000 fff0 0000 0000 000f'));
    expect(formatIp6(b)).toBe('2001:db8::fff0:0:0:f');
  });

  it('refuses 2001:db8::fff0::f: "::" twice', () => {
    expect(errorOf('2001:db8::fff0::f')).toBe(
      '"2001:db8::fff0::f" has "::" twice: it may stand only once (RFC 4291 §2.2), else the number of zero groups is ambiguous',
    );
    expect(() => canonicalIp6('2001:db8::fff0::f')).toThrow(/"::" twice/);
  });

  it('special addresses: ::, ::1 and ::ffff:192.168.0.1 keep their forms', () => {
    expect(ip6Bytes('::')).toEqual(new Uint8Array(16));
    expect(ip6Bytes('::1')).toEqual(hex('0000 0000 0000 0000 0000 0000 0000 0001'));
    expect(ip6Bytes('::ffff:192.168.0.1')).toEqual(hex('0000 0000 0000 0000 0000 ffff c0a8 0001'));
    for (const t of ['::', '::1', '::ffff:192.168.0.1']) expect(canonicalIp6(t)).toBe(t);
  });

  it('2^128 addresses, 2^96 times the IPv4 space (79,228,162,514,264,337,593,543,950,336)', () => {
    expect(prefixSize(0)).toBe(340282366920938463463374607431768211456n);
    expect(prefixSize(0) / prefixSize(96)).toBe(79228162514264337593543950336n); // IPv6 space / a /96 = 2^32 IPv4
    expect(prefixSize(64)).toBe(18446744073709551616n);
    expect(prefixSize(128)).toBe(1n);
  });

  it('keeps the zone of a scoped address (ssh fe80::dead:beaf%eth0)', () => {
    const r = parseIp6('fe80::dead:beaf%eth0');
    expect(r).toEqual({ ok: true, value: { bytes: hex('fe80 0000 0000 0000 0000 0000 dead beaf'), zone: 'eth0' } });
  });
});

describe('RFC 5952 §4 and §5 rules', () => {
  const rows: [string, string, string][] = [
    ['§4.1 leading zeros dropped', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['§4.1 a zero group is "0"', '2001:db8:0000:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['§4.2.1 "::" shortens as much as possible', '2001:db8:0:0:0:0:2:1', '2001:db8::2:1'],
    ['§4.2.2 a single zero group is not "::"', '2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['§4.2.2 "::" for one group is read but not written', '2001:db8::1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['§4.2.3 the longest run is shortened', '2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['§4.2.3 the first of equal runs is shortened', '2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['§4.3 lower case', '2001:DB8::ABCD:EF', '2001:db8::abcd:ef'],
    ['"::" at the start', '0:0:0:0:0:0:0:1', '::1'],
    ['"::" at the end', '1:0:0:0:0:0:0:0', '1::'],
    ['all zeros', '0:0:0:0:0:0:0:0', '::'],
    ['no zero run', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['trailing run longer than leading one', '0:0:1:0:0:0:0:0', '0:0:1::'],
    ['§5 IPv4-mapped keeps the dotted quad', '::ffff:c0a8:1', '::ffff:192.168.0.1'],
    ['§5 but only for ::ffff:0:0/96', '::fffe:c0a8:1', '::fffe:c0a8:1'],
    ['dotted quad read anywhere it may stand', '64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ];
  it.each(rows)('%s: %s → %s', (_rule, input, canonical) => {
    expect(canonicalIp6(input)).toBe(canonical);
  });
});

describe('malformed address text', () => {
  // Each row: text, and what the message must say.
  const rows: [string, RegExp][] = [
    ['', /empty address/],
    ['   ', /empty address/],
    ['2001:db8::fff0::f', /"::" twice/],
    ['1::2::3', /"::" twice/],
    ['1:2:3:4:5:6:7', /has 7 groups; an address without "::" needs 8/],
    ['1:2:3:4:5:6:7:8:9', /more than 8 groups/],
    ['1:2:3:4:5:6:7:8::', /"::" must stand for at least one zero group/],
    ['1:2:3:4::5:6:7:8', /"::" must stand for at least one zero group/],
    ['12345::', /group "12345" has 5 hex digits; at most 4/],
    ['2001:db8::g', /"g" is not a hex digit/],
    ['2001:db8::-1', /"-" is not a hex digit/],
    [':1::2', /starts with a single ":"/],
    ['1::2:', /ends with a single ":"/],
    ['1:2:3:4:5:6:7:', /ends with a single ":"/],
    ['1:::2', /":::"/],
    [':::', /":::"/],
    ['::ffff:256.0.0.1', /256 in "256.0.0.1" is more than 255/],
    ['::ffff:1.2.3', /not a dotted-quad IPv4 address \(it needs 4 decimal parts\)/],
    ['::ffff:1.2.3.4.5', /needs 4 decimal parts/],
    ['::ffff:1.02.3.4', /"02" .* leading zero/],
    ['::ffff:1.2.x.4', /"x" in "1.2.x.4" is not a decimal number/],
    ['::ffff:1.2.3.4:5', /IPv4 part must be the last 32 bits/],
    ['1.2.3.4::', /IPv4 part must be the last 32 bits/],
    ['1:2:3:4:5:6:7:1.2.3.4', /too many groups before its IPv4 part/],
    ['1:2:3:4:5:6::1.2.3.4', /"::" must stand for at least one zero group/],
    ['fe80::1%', /empty zone after "%"/],
    ['[2001:db8::1]', /remove the brackets/],
    ['2001:db8::/64', /has a prefix length/],
    ['2001:db8::1 2', /" " is not a hex digit/],
    ['２００１::1', /"２" is not a hex digit/],
    ['2001:db8::😀', /"😀" is not a hex digit/],
    ['192.168.0.1', /is an IPv4 address \(its IPv4-mapped IPv6 form is ::ffff:192\.168\.0\.1\)/],
  ];
  it.each(rows)('%j is refused: %s', (text, message) => {
    const e = errorOf(text);
    expect(e).toMatch(message);
    if (text.trim() !== '') expect(e).toContain(JSON.stringify(text.trim()).slice(1, -1));
  });

  it('writeIp6 and ip6Bytes throw with the same message; writeIp6 also refuses a zone', () => {
    expect(() => ip6Bytes('1:::2')).toThrow(/":::"/);
    expect(() => writeIp6('1:::2', new Uint8Array(16), 0)).toThrow(/":::"/);
    expect(() => writeIp6('fe80::1%eth0', new Uint8Array(16), 0)).toThrow(/zone/);
  });

  it('parseIp6 never throws, whatever the text', () => {
    const unit = fc.constantFrom(...'0123456789abcdefABCDEF:::..%/[] g'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 45 }), fc.string({ maxLength: 45 })), (s) => {
        const r = parseIp6(s);
        return r.ok ? r.value.bytes.length === 16 : r.error.length > 0;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatIp6 / parseIp6 properties', () => {
  it('reads a 16-byte window at any offset of a frame', () => {
    const frame = hex('ffff ffff 2001 0db8 0000 0000 0211 22ff fe33 4455 eeee');
    expect(formatIp6(frame, 4)).toBe('2001:db8::211:22ff:fe33:4455');
  });

  it('writeIp6 writes 16 bytes at the offset and nothing else', () => {
    const out = new Uint8Array(20).fill(0xaa);
    writeIp6('ff02::1:ff66:7788', out, 2);
    expect(out).toEqual(hex('aaaa ff02 0000 0000 0000 0000 0001 ff66 7788 aaaa'));
  });

  it('parse(format(bytes)) gives the bytes back, and format is stable', () => {
    fc.assert(
      fc.property(addrBytes, (b) => {
        const text = formatIp6(b);
        const back = ip6Bytes(text);
        expect(back).toEqual(b);
        expect(formatIp6(back)).toBe(text);
        expect(text).toBe(text.toLowerCase());
        expect(text.split('::').length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with ip-address on the canonical form, except IPv4-mapped (RFC 5952 §5)', () => {
    fc.assert(
      fc.property(addrBytes, (b) => {
        const ours = formatIp6(b);
        const theirs = Address6.fromUnsignedByteArray([...b]).correctForm();
        const mapped = b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
        if (!mapped) {
          expect(ours).toBe(theirs);
        } else {
          // ip-address writes ::ffff:c0a8:1; RFC 5952 §5 recommends the dotted
          // quad for IPv4-mapped addresses, as we (and glibc's inet_ntop) write.
          expect(ours).toMatch(/^::ffff:\d+\.\d+\.\d+\.\d+$/);
          expect(new Address6(ours).correctForm()).toBe(theirs);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every way of writing an address (padding, case, any "::") to the same bytes as ip-address', () => {
    const rendering = fc.record({ pad: fc.boolean(), upper: fc.boolean(), gapPick: fc.nat() });
    fc.assert(
      fc.property(addrBytes, rendering, (b, { pad, upper, gapPick }) => {
        const groups = Array.from({ length: 8 }, (_, i) => ((b[2 * i] << 8) | b[2 * i + 1]).toString(16).padStart(pad ? 4 : 1, '0'));
        // "::" may stand for any run of one or more zero groups (RFC 4291 §2.2).
        const runs: [number, number][] = [];
        for (let i = 0; i < 8; i++) for (let j = i; j < 8 && /^0+$/.test(groups[j]); j++) runs.push([i, j + 1]);
        let text = groups.join(':');
        if (runs.length > 0) {
          const [s, e] = runs[gapPick % runs.length];
          text = `${groups.slice(0, s).join(':')}::${groups.slice(e).join(':')}`;
        }
        if (upper) text = text.toUpperCase();
        expect(ip6Bytes(text)).toEqual(b);
        // ip-address's canonicalForm() is the full 32-digit form.
        const full = Array.from({ length: 8 }, (_, i) => ((b[2 * i] << 8) | b[2 * i + 1]).toString(16).padStart(4, '0')).join(':');
        expect(new Address6(text).canonicalForm()).toBe(full);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('derived addresses', () => {
  it('modified EUI-64 from a 64-bit EUI-64 flips the U/L bit only (RFC 4291 App. A)', () => {
    // 00-00-5E-EF-10-00-00-01: RFC 7042 §2.2.2 documentation EUI-64.
    expect(eui64InterfaceId('00:00:5e:ef:10:00:00:01')).toEqual(hex('02 00 5e ef 10 00 00 01'));
  });

  it('a locally administered MAC gets U/L = 0 in the IID', () => {
    expect(eui64InterfaceId('02:42:ac:11:00:02')).toEqual(hex('00 42 ac ff fe 11 00 02'));
  });

  it('refuses link-layer addresses that are neither 48 nor 64 bits, and IIDs that are not 64', () => {
    expect(() => eui64InterfaceId('00:11:22:33:44')).toThrow(/6- or 8-byte/);
    expect(() => addressFromPrefix('2001:db8::', new Uint8Array(7))).toThrow(/8 bytes/);
    expect(() => addressFromPrefix(new Uint8Array(8), new Uint8Array(8))).toThrow(/16 bytes/);
  });

  it('addressFromPrefix keeps only the first 64 bits of the prefix', () => {
    expect(addressFromPrefix('2001:db8:1:2:3:4:5:6', hex('0000 0000 0000 0001'))).toBe('2001:db8:1:2::1');
  });

  it('multicastMac refuses a unicast address (RFC 2464 §7 maps only multicast)', () => {
    expect(() => multicastMac('2001:db8::1')).toThrow(/not a multicast address/);
  });

  it('solicited-node group keeps the low 24 bits; its MAC is 33:33:ff and those bits', () => {
    fc.assert(
      fc.property(addrBytes, (b) => {
        const g = ip6Bytes(solicitedNodeAddress(b));
        expect(g.subarray(0, 13)).toEqual(hex('ff02 0000 0000 0000 0000 0001 ff'));
        expect(g.subarray(13)).toEqual(b.subarray(13));
        expect(multicastMac(g)).toBe(`33:33:ff:${formatMac(b, 13, 3)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('every MAC gives a link-local address in fe80::/64 whose IID maps back to the MAC', () => {
    fc.assert(
      fc.property(mac, (m) => {
        const ll = ip6Bytes(linkLocalFromMac(m));
        expect(ll.subarray(0, 8)).toEqual(hex('fe80 0000 0000 0000'));
        expect([ll[8] ^ 0x02, ll[9], ll[10], ll[13], ll[14], ll[15]]).toEqual([...m]);
        expect([ll[11], ll[12]]).toEqual([0xff, 0xfe]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('prefixes', () => {
  it('prefixOf masks the bits after the length, also inside a byte or a group', () => {
    expect(prefixOf('2001:db8:abcd:ef12::1', 64)).toBe('2001:db8:abcd:ef12::');
    expect(prefixOf('2001:db8:abcd:ef12::1', 36)).toBe('2001:db8:a000::');
    expect(prefixOf('fe80::211:22ff:fe33:4455', 10)).toBe('fe80::');
    expect(prefixOf('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 1)).toBe('8000::');
    expect(prefixOf('2001:db8::1', 0)).toBe('::');
    expect(prefixOf('2001:db8::1', 128)).toBe('2001:db8::1');
    expect(() => prefixOf('2001:db8::1', 129)).toThrow(RangeError);
    expect(() => prefixOf('2001:db8::1', 6.5)).toThrow(RangeError);
  });

  it('inPrefix: on-link test against a prefix', () => {
    expect(inPrefix('2001:db8::211:22ff:fe66:7788', '2001:db8::', 64)).toBe(true);
    expect(inPrefix('2001:db8:0:1::dead:beaf', '2001:db8::', 64)).toBe(false);
    expect(inPrefix('2001:db8:0:1::dead:beaf', '2001:db8::', 48)).toBe(true);
    expect(inPrefix('febf::1', 'fe80::', 10)).toBe(true);
    expect(inPrefix('fec0::1', 'fe80::', 10)).toBe(false);
    expect(inPrefix('::1', '2001:db8::', 0)).toBe(true);
  });

  it('an address is in its own prefix for every length; a flipped bit inside the prefix takes it out', () => {
    fc.assert(
      fc.property(addrBytes, fc.integer({ min: 0, max: 128 }), fc.integer({ min: 0, max: 127 }), (b, len, bit) => {
        const p = prefixOf(b, len);
        expect(inPrefix(b, p, len)).toBe(true);
        expect(prefixOf(p, len)).toBe(p);
        const c = Uint8Array.from(b);
        c[bit >> 3] ^= 0x80 >> (bit & 7);
        expect(inPrefix(c, p, len)).toBe(bit >= len);
        const frame = new Uint8Array(40);
        frame.set(c, 3);
        expect(inPrefixBytes(frame, 3, ip6Bytes(p), 0, len)).toBe(bit >= len);
      }),
      { numRuns: 1000 },
    );
  });

  it('parsePrefix reads prefixes', () => {
    expect(parsePrefix('2001:db8::/64')).toEqual({ ok: true, value: { prefix: '2001:db8::', length: 64 } });
    expect(parsePrefix(' 2001:DB8:0:0::/32 ')).toEqual({ ok: true, value: { prefix: '2001:db8::', length: 32 } });
    expect(parsePrefix('::/0')).toEqual({ ok: true, value: { prefix: '::', length: 0 } });
    expect(parsePrefix('fe80::/10')).toEqual({ ok: true, value: { prefix: 'fe80::', length: 10 } });
    expect(parsePrefix('2001:db8::80/128')).toEqual({ ok: true, value: { prefix: '2001:db8::80', length: 128 } });
  });

  const bad: [string, RegExp][] = [
    ['2001:db8::', /no "\/length"/],
    ['2001:db8::/', /prefix length "" is not a whole number from 0 to 128/],
    ['2001:db8::/129', /"129" is not a whole number from 0 to 128/],
    ['2001:db8::/-1', /"-1" is not/],
    ['2001:db8::/6a', /"6a" is not/],
    ['2001:db8::/64/64', /"64\/64" is not/],
    ['2001:db8::1/64', /bits set after the first 64: did you mean 2001:db8::\/64\?/],
    ['fe80::1%eth0/64', /no zone/],
    ['2001:db8::fff0::f/64', /"::" twice/],
  ];
  it.each(bad)('parsePrefix refuses %j: %s', (text, message) => {
    const r = parsePrefix(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('parseAddressWithLength reads an interface address as `ip addr add` takes it', () => {
    expect(parseAddressWithLength('2001:db8::80/64')).toEqual({ ok: true, value: { address: '2001:db8::80', length: 64 } });
    expect(parseAddressWithLength('2001:db8::80').ok).toBe(false);
  });
});

describe('MAC addresses', () => {
  it('formats lower-case colon hex, any length at any offset', () => {
    expect(formatMac(hex('00 11 22 aa bb cc'))).toBe('00:11:22:aa:bb:cc');
    expect(formatMac(hex('ff 33 33 ff 66 77 88'), 1)).toBe('33:33:ff:66:77:88');
    expect(formatMac(hex('01 02 03 04 05 06 07 08'), 0, 8)).toBe('01:02:03:04:05:06:07:08');
  });

  it('reads colon, dash, upper-case and one-digit forms', () => {
    for (const t of ['00:11:22:aa:bb:cc', '00-11-22-AA-BB-CC', '0:11:22:aa:bb:cc']) {
      expect(parseMac(t)).toEqual({ ok: true, value: hex('00 11 22 aa bb cc') });
    }
  });

  const bad: [string, RegExp][] = [
    ['', /empty link-layer address/],
    ['00:11:22-33:44:55', /mixes ":" and "-"/],
    ['00:11:22:33:44:', /an empty byte/],
    ['00:11:22:33:44:zz', /"zz", which is not 1 or 2 hex digits/],
    ['001:122:33:44:55:66', /"001"/],
  ];
  it.each(bad)('refuses %j: %s', (text, message) => {
    const r = parseMac(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('format and parse are inverse', () => {
    fc.assert(
      fc.property(mac, (m) => {
        expect(macBytes(formatMac(m))).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });
});
