import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../src/packet/capture.ts';
import { PcapngWriter } from '../../src/packet/pcapng.ts';
import { collectChunks, ECHO, epoch, HAVE_TSHARK, NS_DAD, runTool as run, scratchDir, tsharkFields, u16, u32 } from './capture-support.ts';

// ---- an independent pcapng block builder, for hand-made and damaged files
const pad = (n: number) => (n + 3) & ~3;
function bytesOf(x: Uint8Array | string | number[]): number[] {
  return typeof x === 'string' ? [...Buffer.from(x, 'utf8')] : [...x];
}
function opt(code: number, value: Uint8Array | string | number[], be = false): number[] {
  const v = bytesOf(value);
  return [...u16(code, be), ...u16(v.length, be), ...v, ...new Array(pad(v.length) - v.length).fill(0)];
}
const END = [0, 0, 0, 0];
function blk(type: number, body: number[], be = false): number[] {
  const padded = [...body, ...new Array(pad(body.length) - body.length).fill(0)];
  const len = 12 + padded.length;
  return [...u32(type, be), ...u32(len, be), ...padded, ...u32(len, be)];
}
const shb = (be = false, options: number[] = []) =>
  blk(0x0a0d0d0a, [...u32(0x1a2b3c4d, be), ...u16(1, be), ...u16(0, be), ...new Array(8).fill(0xff), ...options], be);
const idb = (linkType: number, options: number[] = [], be = false, snaplen = 0) =>
  blk(1, [...u16(linkType, be), 0, 0, ...u32(snaplen, be), ...options], be);
function epb(ifId: number, ticks: bigint, data: Uint8Array, be = false, options: number[] = [], origlen = data.length) {
  const d = [...data, ...new Array(pad(data.length) - data.length).fill(0)];
  const hi = Number(ticks >> 32n);
  const lo = Number(ticks & 0xffffffffn);
  return blk(6, [...u32(ifId, be), ...u32(hi, be), ...u32(lo, be), ...u32(data.length, be), ...u32(origlen, be), ...d, ...options], be);
}
const file = (...blocks: number[][]) => Uint8Array.from(blocks.flat());

const written = (build: (w: PcapngWriter) => void, options?: { application?: string; comment?: string }) =>
  collectChunks((sink) => build(new PcapngWriter(sink, options)));

// ---- tshark as the oracle
if (!HAVE_TSHARK) console.warn('pcapng.test: tshark not found on PATH: skipping the tshark interoperability tests');
const { dir, save } = scratchDir('ndsim-pcapng-', '.pcapng');

describe.skipIf(!HAVE_TSHARK)(`PcapngWriter output read by tshark${HAVE_TSHARK ? '' : ' (skipped: tshark missing)'}`, () => {
  it('keeps nanosecond timestamps, UTF-8 comments, lengths and interface names', () => {
    const t0 = 1_700_000_000_123_456_789n;
    const { bytes } = written(
      (w) => {
        const lan = w.addInterface({ name: 'lan0', description: 'simulated link' });
        const wan = w.addInterface({ name: 'wan0', tsresolNs: false });
        w.writePacket({ interfaceId: lan, timestampNs: t0, data: NS_DAD, comment: 'DAD for 2001:db8::1 — 重複' });
        w.writePacket({ interfaceId: wan, timestampNs: t0 + 1_000_000_999n, data: ECHO.subarray(0, 40), originalLength: ECHO.length });
        w.writePacket({ interfaceId: lan, timestampNs: 5, data: ECHO });
      },
      { application: 'ndsim', comment: 'section comment' },
    );
    const path = save(bytes);
    const rows = tsharkFields(path, ['frame.time_epoch', 'frame.comment', 'frame.len', 'frame.cap_len', 'frame.interface_name', 'icmpv6.type']);
    expect(rows).toEqual([
      [epoch(t0), 'DAD for 2001:db8::1 — 重複', String(NS_DAD.length), String(NS_DAD.length), 'lan0', '135'],
      // The microsecond interface drops the last three digits.
      [epoch(1_700_000_001_123_457_000n), '', String(ECHO.length), '40', 'wan0', ''],
      [epoch(5n), '', String(ECHO.length), String(ECHO.length), 'lan0', '128'],
    ]);
    const info = run('capinfos', [path]);
    expect(info).toMatch(/File type:\s+Wireshark\/\.\.\. - pcapng/);
    expect(info).toMatch(/Number of packets:\s+3/);
    expect(info).toMatch(/Capture application:\s+ndsim/);
    expect(info).toMatch(/Capture comment:\s+section comment/);
    expect(info).toMatch(/Description = simulated link/);
  });

  it('reads back what tshark rewrites (tshark -w pcapng) identically', () => {
    const { bytes } = written((w) => {
      const i = w.addInterface({ name: 'eth0' });
      w.writePacket({ interfaceId: i, timestampNs: 1_234_567_890_987_654_321n, data: ECHO, comment: 'first' });
      w.writePacket({ interfaceId: i, timestampNs: 1_234_567_891_000_000_001n, data: NS_DAD });
    });
    const out = join(dir, 'rewritten.pcapng');
    run('tshark', ['-r', save(bytes), '-w', out, '-F', 'pcapng']);
    const ours = readCapture(bytes);
    const theirs = readCapture(Uint8Array.from(readFileSync(out)));
    expect(theirs.error).toBeNull();
    const strip = (r: typeof ours) => r.packets.map(({ data, ...p }) => ({ ...p, data: [...data] }));
    expect(strip(theirs)).toEqual(strip(ours));
    expect(theirs.interfaces[0].name).toBe('eth0');
  });

  it('agrees with tshark on hand-made big-endian, power-of-2, SPB, OPB and skipped blocks', () => {
    // Section 1, big-endian: if_tsresol 2^-10, if_tsoffset +100 s, an NRB,
    // an ISB and a custom block to skip, an EPB, an OPB and an SPB.
    const be = true;
    const sec1 = [
      shb(be),
      idb(1, [...opt(2, 'be0', be), ...opt(9, [0x80 | 10], be), ...opt(14, [0, 0, 0, 0, 0, 0, 0, 100], be), ...END], be, 65535),
      blk(4, [...u16(0, be), ...u16(0, be)], be), // NRB: only nrb_record_end
      blk(5, [...u32(0, be), ...u32(0, be), ...u32(0, be), ...END], be), // ISB
      blk(0x00000bad, [...u32(32473, be), 1, 2, 3, 4], be), // custom block
      epb(0, 1024n * 1_000_000n + 512n, NS_DAD, be, [...opt(1, 'big endian', be), ...END]),
      blk(2, [...u16(0, be), ...u16(0, be), ...u32(0, be), ...u32(1024 * 3, be), ...u32(ECHO.length, be), ...u32(ECHO.length, be), ...ECHO], be),
      blk(3, [...u32(ECHO.length, be), ...ECHO], be),
    ];
    // Section 2, little-endian: two interfaces (ids restart at 0), µs default.
    const sec2 = [
      shb(false),
      idb(1, [...opt(2, 'le0'), ...END]),
      idb(1, [...opt(2, 'le1'), ...END]),
      epb(1, 1_600_000_000_000_001n, ECHO, false, [...opt(1, 'second section'), ...END]),
    ];
    const bytes = file(...sec1, ...sec2);
    // tshark 4.0 also lists the custom block as a record without an
    // interface; keep only packets. It numbers interfaces within each
    // section (frame.section_number); ours are file-wide, so section 2's
    // ids are shifted by the one interface of section 1.
    const rows = tsharkFields(save(bytes), [
      'frame.interface_id', 'frame.section_number', 'frame.time_epoch', 'frame.comment', 'frame.len', 'frame.cap_len',
    ]).filter((row) => row[0] !== '');
    const r = readCapture(bytes);
    expect(r.error).toBeNull();
    expect(r.format).toBe('pcapng');
    expect(r.interfaces.map((i) => i.name)).toEqual(['be0', 'le0', 'le1']);
    expect(r.packets.map((p) => String(p.interfaceId))).toEqual(
      rows.map(([id, section]) => String(Number(id) + (section === '2' ? 1 : 0))),
    );
    expect(r.interfaces[r.packets[3].interfaceId].name).toBe('le1');
    // A Simple Packet Block has no timestamp: tshark shows none, we say 0n.
    expect(rows[2][2]).toBe('');
    expect(r.packets[2].timestampNs).toBe(0n);
    expect(r.packets.map((p, i) => (i === 2 ? '' : epoch(p.timestampNs)))).toEqual(rows.map((row) => row[2]));
    expect(r.packets.map((p) => p.comment ?? '')).toEqual(rows.map((row) => row[3]));
    expect(r.packets.map((p) => String(p.originalLength))).toEqual(rows.map((row) => row[4]));
    expect(r.packets.map((p) => String(p.data.length))).toEqual(rows.map((row) => row[5]));
    // And the values themselves, from first principles:
    expect(r.packets[0].timestampNs).toBe(1_000_100_500_000_000n); // 10^6 + 0.5 s + 100 s offset
    expect(r.packets[1].timestampNs).toBe(103_000_000_000n);
    expect(r.interfaces[0].ticksPerSecond).toBe(1024n);
    expect(r.interfaces[0].tsresolNs).toBe(976_563n);
    expect(r.interfaces[1].tsresolNs).toBe(1000n);
    expect([...r.packets[0].data]).toEqual([...NS_DAD]);
    expect([...r.packets[2].data]).toEqual([...ECHO]);
  });
});

describe('PcapngWriter', () => {
  it('writes one whole block per chunk, lengths a multiple of 4 and repeated in the trailer', () => {
    const { chunks } = written((w) => {
      const i = w.addInterface({ name: 'x' });
      w.writePacket({ interfaceId: i, timestampNs: 1n, data: ECHO, comment: 'abc' });
    });
    expect(chunks).toHaveLength(3);
    for (const c of chunks) {
      const v = new DataView(c.buffer, c.byteOffset, c.byteLength);
      expect(v.getUint32(4, true)).toBe(c.length);
      expect(v.getUint32(c.length - 4, true)).toBe(c.length);
      expect(c.length % 4).toBe(0);
    }
    expect([...chunks[0].subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
  });

  it('round-trips through the reader, with interface ids in order', () => {
    const { bytes } = written((w) => {
      expect(w.addInterface({ linkType: 1 })).toBe(0);
      expect(w.addInterface({ linkType: 228, snaplen: 128, tsresolNs: false })).toBe(1);
      w.writePacket({ interfaceId: 1, timestampNs: 3_000_123_999, data: NS_DAD.subarray(14), comment: 'é' });
      w.writePacket({ interfaceId: 0, timestampNs: 2n ** 64n - 1n, data: new Uint8Array(0), originalLength: 9 });
    });
    const r = readCapture(bytes);
    expect(r.error).toBeNull();
    expect(r.interfaces).toEqual([
      { linkType: 1, snaplen: 0, tsresolNs: 1n, ticksPerSecond: 1_000_000_000n },
      { linkType: 228, snaplen: 128, tsresolNs: 1000n, ticksPerSecond: 1_000_000n },
    ]);
    expect(r.packets.map((p) => ({ ...p, data: [...p.data] }))).toEqual([
      { index: 0, interfaceId: 1, linkType: 228, timestampNs: 3_000_123_000n, data: [...NS_DAD.subarray(14)], originalLength: NS_DAD.length - 14, comment: 'é' },
      { index: 1, interfaceId: 0, linkType: 1, timestampNs: 2n ** 64n - 1n, data: [], originalLength: 9 },
    ]);
  });

  it('throws on caller bugs: unknown interface, negative time, original shorter than captured', () => {
    written((w) => {
      w.addInterface({});
      expect(() => w.writePacket({ interfaceId: 1, timestampNs: 0, data: ECHO })).toThrow(RangeError);
      expect(() => w.writePacket({ interfaceId: 0, timestampNs: -1n, data: ECHO })).toThrow(RangeError);
      expect(() => w.writePacket({ interfaceId: 0, timestampNs: 2n ** 64n, data: ECHO })).toThrow(RangeError);
      expect(() => w.writePacket({ interfaceId: 0, timestampNs: 0, data: ECHO, originalLength: 3 })).toThrow(RangeError);
    });
  });
});

describe('pcapng reader details', () => {
  it('cuts a Simple Packet Block to the interface SnapLen, and keeps its original length', () => {
    const r = readCapture(file(shb(), idb(1, [], false, 20), blk(3, [...u32(ECHO.length, false), ...ECHO])));
    expect(r.error).toBeNull();
    expect(r.packets.map((p) => ({ ...p, data: [...p.data] }))).toEqual([
      { index: 0, interfaceId: 0, linkType: 1, timestampNs: 0n, data: [...ECHO.subarray(0, 20)], originalLength: ECHO.length },
    ]);
  });

  it('takes the first of several comments, drops NUL terminators, reads names and descriptions', () => {
    const r = readCapture(
      file(
        shb(false, [...opt(1, 'section'), ...END]),
        idb(147, [...opt(2, 'eth0\0'), ...opt(3, 'Ünïcode desc'), ...opt(0xabcd, [1, 2, 3]), ...END], false, 96),
        epb(0, 1_000_001n, ECHO, false, [...opt(1, 'first\0\0'), ...opt(1, 'second'), ...END]),
      ),
    );
    expect(r.error).toBeNull();
    expect(r.interfaces).toEqual([
      { linkType: 147, snaplen: 96, name: 'eth0', description: 'Ünïcode desc', tsresolNs: 1000n, ticksPerSecond: 1_000_000n },
    ]);
    expect(r.packets[0]).toMatchObject({ linkType: 147, comment: 'first', timestampNs: 1_000_001_000n });
  });

  it('reads an if_tsresol finer than a nanosecond (10^-12) by division', () => {
    const r = readCapture(file(shb(), idb(1, [...opt(9, [12]), ...END]), epb(0, 1_500_000_000_000_999n, ECHO)));
    expect(r.interfaces[0]).toMatchObject({ tsresolNs: 1n, ticksPerSecond: 10n ** 12n });
    expect(r.packets[0].timestampNs).toBe(1_500_000_000_000n);
  });
});

describe('pcapng reader on damaged files', () => {
  const good = [shb(), idb(1, [...opt(9, [9]), ...END]), epb(0, 7n, ECHO)];
  const goodLen = good[0].length + good[1].length;
  const at = goodLen + good[2].length; // where the damaged block starts
  const patched = (b: number[], index: number, bytes: number[]) => (b.splice(index, bytes.length, ...bytes), b);
  // [what, blocks, packets read before the damage, error offset, reason]
  const damaged: Array<[string, number[][], number, number, RegExp]> = [
    ['block length not a multiple of 4', [...good, [...u32(6, false), ...u32(14, false), 0, 0, 0, 0, 0, 0, ...u32(14, false)]], 1, at, /not a multiple of 4/],
    ['block length under 12', [...good, [...u32(6, false), ...u32(8, false)]], 1, at, /less than the minimum/],
    ['trailer differs from header', [...good, [...epb(0, 8n, ECHO).slice(0, -4), ...u32(4, false)]], 1, at, /in the trailer/],
    ['captured length larger than the block', [...good, patched(epb(0, 8n, ECHO), 20, u32(ECHO.length + 9, false))], 1, at, /exceeds the 68 bytes left in the block/],
    ['block length past the end', [...good, patched(epb(0, 8n, ECHO), 4, u32(12 + 20 + 68 + 4, false))], 1, at, /past the end of the file/],
    ['unknown interface', [...good, epb(3, 8n, ECHO)], 1, at, /refers to interface 3, but its section defines 1/],
    ['packet block too short', [...good, blk(6, [0, 0, 0, 0])], 1, at, /less than the 20/],
    ['SPB before any IDB', [shb(), blk(3, [...u32(4, false), 1, 2, 3, 4])], 0, good[0].length, /before any interface/],
    ['option runs past its block', [...good, epb(0, 8n, ECHO, false, [...u16(1, false), ...u16(200, false)])], 1, at + 28 + pad(ECHO.length), /option 1 of length 200/],
    ['if_tsresol of the wrong length', [shb(), idb(1, [...opt(9, [9, 9]), ...END])], 0, good[0].length + 16, /if_tsresol has length 2/],
    ['bad byte-order magic', [...good, [...u32(0x0a0d0d0a, false), ...u32(28, false), 1, 2, 3, 4]], 1, at + 8, /byte-order magic/],
    ['unsupported version', [...good, patched(shb(), 12, [2, 0])], 1, at + 12, /version 2\.0/],
    ['block header cut short', [...good, [6, 0, 0, 0, 12]], 1, at, /block header truncated/],
  ];
  it.each(damaged)('%s: packets before the damage, then one error at its offset', (_name, blocks, count, offset, reason) => {
    const r = readCapture(file(...blocks));
    expect(r.packets.map((p) => [...p.data])).toEqual(new Array(count).fill([...ECHO]));
    expect(r.error).toMatchObject({ layer: 'pcap', offset });
    expect(r.error!.reason).toMatch(reason);
  });

  it('never throws when cut at any byte, and keeps every complete packet before the cut', () => {
    const { chunks, bytes } = written((w) => {
      const i = w.addInterface({ name: 'lan0' });
      w.writePacket({ interfaceId: i, timestampNs: 1n, data: NS_DAD, comment: 'one' });
      w.writePacket({ interfaceId: i, timestampNs: 2n, data: ECHO });
      w.writePacket({ interfaceId: i, timestampNs: 3n, data: ECHO.subarray(0, 17), comment: 'three' });
    });
    const ends: number[] = [];
    chunks.reduce((at, c) => (ends.push(at + c.length), at + c.length), 0);
    for (let cut = 1; cut <= bytes.length; cut++) {
      const r = readCapture(bytes.subarray(0, cut));
      const packetEnds = ends.slice(2).filter((e) => e <= cut);
      expect(r.packets.map((p) => p.timestampNs)).toEqual(packetEnds.map((_, i) => BigInt(i + 1)));
      if (ends.includes(cut)) expect(r.error).toBeNull();
      else {
        // The error names the start of the block the cut fell into.
        expect(r.error?.offset).toBe(Math.max(0, ...ends.filter((e) => e < cut)));
      }
    }
  });

  it('never throws on arbitrary corruption of a valid file (property)', () => {
    const { bytes } = written((w) => {
      const i = w.addInterface({ name: 'lan0', description: 'd' });
      w.writePacket({ interfaceId: i, timestampNs: 1n, data: NS_DAD, comment: 'c' });
      w.writePacket({ interfaceId: i, timestampNs: 2n, data: ECHO });
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), (edits) => {
        const b = bytes.slice();
        for (const [at, v] of edits) b[at] = v;
        const r = readCapture(b);
        expect(r.packets.length).toBeLessThanOrEqual(2);
        if (r.error) expect(r.error.offset).toBeLessThan(b.length);
        for (const p of r.packets) expect(p.data.byteOffset + p.data.length).toBeLessThanOrEqual(b.byteOffset + b.length);
      }),
      { numRuns: 500 },
    );
  });
});
