import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../src/packet/capture.ts';
import { PcapWriter } from '../../src/packet/pcap.ts';
import { collectChunks, ECHO, epoch, HAVE_TSHARK, NS_DAD, runTool as run, scratchDir, tsharkFields, u16, u32 } from './capture-support.ts';

// ---- an independent classic-pcap builder (pcap-savefile(5) layout)
const fileHeader = (magic: number, be: boolean, snaplen = 65535, linkType = 1) => [
  ...u32(magic, be), ...u16(2, be), ...u16(4, be), ...u32(0, be), ...u32(0, be), ...u32(snaplen, be), ...u32(linkType, be),
];
const record = (sec: number, frac: number, data: Uint8Array, be: boolean, origlen = data.length) => [
  ...u32(sec, be), ...u32(frac, be), ...u32(data.length, be), ...u32(origlen, be), ...data,
];

const written = (options: ConstructorParameters<typeof PcapWriter>[1], build: (w: PcapWriter) => void) =>
  collectChunks((sink) => build(new PcapWriter(sink, options)));

if (!HAVE_TSHARK) console.warn('pcap.test: tshark not found on PATH: skipping the tshark interoperability tests');
const { dir, save } = scratchDir('ndsim-pcap-', '.pcap');

// [name, magic, big-endian, fraction unit in ns]
const variants: Array<[string, number, boolean, bigint]> = [
  ['microsecond, little-endian', 0xa1b2c3d4, false, 1000n],
  ['microsecond, big-endian', 0xa1b2c3d4, true, 1000n],
  ['nanosecond, little-endian', 0xa1b23c4d, false, 1n],
  ['nanosecond, big-endian', 0xa1b23c4d, true, 1n],
];

describe('classic pcap reader', () => {
  it.each(variants)('reads %s files', (_name, magic, be, unit) => {
    const bytes = Uint8Array.from([
      ...fileHeader(magic, be, 1500),
      ...record(1_700_000_000, 999_999, NS_DAD, be),
      ...record(4_000_000_000, 7, ECHO.subarray(0, 20), be, ECHO.length),
    ]);
    const r = readCapture(bytes);
    expect(r.error).toBeNull();
    expect(r.format).toBe('pcap');
    expect(r.interfaces).toEqual([{ linkType: 1, snaplen: 1500, tsresolNs: unit, ticksPerSecond: 1_000_000_000n / unit }]);
    expect(r.packets.map((p) => ({ ...p, data: [...p.data] }))).toEqual([
      { index: 0, interfaceId: 0, linkType: 1, timestampNs: 1_700_000_000_000_000_000n + 999_999n * unit, data: [...NS_DAD], originalLength: NS_DAD.length },
      { index: 1, interfaceId: 0, linkType: 1, timestampNs: 4_000_000_000_000_000_000n + 7n * unit, data: [...ECHO.subarray(0, 20)], originalLength: ECHO.length },
    ]);
  });

  it.skipIf(!HAVE_TSHARK).each(variants)('agrees with tshark on %s files', (_name, magic, be) => {
    const bytes = [...fileHeader(magic, be), ...record(1_234_567_890, 123_456, ECHO, be), ...record(5, 999_999, NS_DAD, be)];
    const rows = tsharkFields(save(bytes), ['frame.time_epoch', 'frame.len', 'frame.cap_len']);
    const r = readCapture(Uint8Array.from(bytes));
    expect(r.packets.map((p) => [epoch(p.timestampNs), String(p.originalLength), String(p.data.length)])).toEqual(rows);
  });

  it('takes the link type from the low 16 bits, ignoring the FCS bits above', () => {
    // draft-ietf-opsawg-pcap §4: FCS length in bits 28-31, F flag bit 26.
    const r = readCapture(Uint8Array.from(fileHeader(0xa1b2c3d4, false, 65535, 0x44000001)));
    expect(r.interfaces[0].linkType).toBe(1);
    expect(r.packets).toEqual([]);
    expect(r.error).toBeNull();
  });

  const ok = [...fileHeader(0xa1b2c3d4, false), ...record(1, 2, ECHO, false)];
  // [what, bytes, packets before the damage, offset, reason]
  const damaged: Array<[string, number[], number, number, RegExp]> = [
    ['file header cut short', fileHeader(0xa1b2c3d4, false).slice(0, 20), 0, 0, /file header truncated: 24 bytes needed, 20 present/],
    ['version 1.0', [...u32(0xa1b2c3d4, false), ...u16(1, false), ...u16(0, false), ...new Array(16).fill(0)], 0, 4, /unsupported pcap version 1\.0/],
    ['record header cut short', [...ok, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, ok.length, /record header truncated: 16 bytes needed, 10 left/],
    ['packet data cut short', [...ok, ...record(3, 4, ECHO, false).slice(0, 30)], 1, ok.length, /packet data truncated: captured length 67, 14 bytes left/],
    ['captured length beyond any snaplen', [...ok, ...u32(0, false), ...u32(0, false), ...u32(0x7fffffff, false), ...u32(60, false), ...ECHO], 1, ok.length, /exceeds the snapshot length/],
  ];
  it.each(damaged)('%s: packets before the damage, then one error at its offset', (_what, bytes, count, offset, reason) => {
    const r = readCapture(Uint8Array.from(bytes));
    expect(r.packets.map((p) => [...p.data])).toEqual(new Array(count).fill([...ECHO]));
    expect(r.error).toMatchObject({ layer: 'pcap', offset });
    expect(r.error!.reason).toMatch(reason);
  });

  it('never throws when cut at any byte, and keeps every complete packet before the cut', () => {
    const { chunks, bytes } = written({ nanosecond: true }, (w) => {
      w.writePacket({ timestampNs: 1n, data: NS_DAD });
      w.writePacket({ timestampNs: 2n, data: new Uint8Array(0), originalLength: 60 });
      w.writePacket({ timestampNs: 3n, data: ECHO });
    });
    const ends: number[] = [];
    chunks.reduce((at, c) => (ends.push(at + c.length), at + c.length), 0);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const r = readCapture(bytes.subarray(0, cut));
      const complete = ends.slice(1).filter((e) => e <= cut).length;
      expect(r.packets.map((p) => p.timestampNs)).toEqual([1n, 2n, 3n].slice(0, complete));
      if (ends.includes(cut)) expect(r.error).toBeNull();
      else expect(r.error?.offset).toBe(cut < 24 ? 0 : Math.max(...ends.filter((e) => e < cut)));
    }
  });
});

describe('PcapWriter', () => {
  it('writes the header at once and one chunk per record, in little-endian', () => {
    const { chunks } = written({ linkType: 1, snaplen: 1514 }, (w) => w.writePacket({ timestampNs: 0, data: ECHO }));
    expect(chunks.map((c) => c.length)).toEqual([24, 16 + ECHO.length]);
    expect([...chunks[0]]).toEqual(fileHeader(0xa1b2c3d4, false, 1514, 1));
    const { chunks: nano } = written({ nanosecond: true }, () => {});
    expect([...nano[0].subarray(0, 4)]).toEqual([0x4d, 0x3c, 0xb2, 0xa1]);
    expect([...nano[0].subarray(16, 24)]).toEqual([...u32(262144, false), ...u32(1, false)]);
  });

  it('truncates to microseconds in the classic format and keeps nanoseconds in the other', () => {
    const t = 1_700_000_000_123_456_789n;
    for (const [nanosecond, expected] of [[false, 1_700_000_000_123_456_000n], [true, t]] as const) {
      const { bytes } = written({ nanosecond }, (w) => w.writePacket({ timestampNs: t, data: ECHO }));
      expect(readCapture(bytes).packets[0].timestampNs).toBe(expected);
    }
  });

  it('throws on caller bugs: times outside 1970..2106, original shorter than captured', () => {
    written({}, (w) => {
      expect(() => w.writePacket({ timestampNs: -1, data: ECHO })).toThrow(RangeError);
      expect(() => w.writePacket({ timestampNs: 2n ** 32n * 1_000_000_000n, data: ECHO })).toThrow(RangeError);
      expect(() => w.writePacket({ timestampNs: 0, data: ECHO, originalLength: 1 })).toThrow(RangeError);
    });
  });
});

describe.skipIf(!HAVE_TSHARK)(`PcapWriter output read by tshark${HAVE_TSHARK ? '' : ' (skipped: tshark missing)'}`, () => {
  const t0 = 1_700_000_000_123_456_789n;
  const packets = [
    { timestampNs: t0, data: NS_DAD },
    { timestampNs: t0 + 1_500_000_001n, data: ECHO.subarray(0, 34), originalLength: ECHO.length },
    { timestampNs: 42_000, data: ECHO },
  ];
  it.each([
    [false, 'Wireshark/tcpdump/... - pcap', [1_700_000_000_123_456_000n, 1_700_000_001_623_456_000n, 42_000n]],
    [true, 'Wireshark/tcpdump/... - nanosecond pcap', [t0, t0 + 1_500_000_001n, 42_000n]],
  ] as const)('nanosecond=%s: timestamps, lengths and file type', (nanosecond, fileType, times) => {
    const { bytes } = written({ nanosecond }, (w) => packets.forEach((p) => w.writePacket(p)));
    const path = save(bytes);
    expect(tsharkFields(path, ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'icmpv6.type'])).toEqual([
      [epoch(times[0]), String(NS_DAD.length), String(NS_DAD.length), '135'],
      [epoch(times[1]), String(ECHO.length), '34', ''],
      [epoch(times[2]), String(ECHO.length), String(ECHO.length), '128'],
    ]);
    const info = run('capinfos', ['-t', '-E', '-c', path]);
    expect(info).toContain(fileType);
    expect(info).toMatch(/File encapsulation:\s+Ethernet/);
    expect(info).toMatch(/Number of packets:\s+3/);
  });

  it.each(['pcap', 'nsecpcap', 'modpcap', 'pcapng'])('reads editcap -F %s output like the original', (format) => {
    const { bytes } = written({ nanosecond: true }, (w) => packets.forEach((p) => w.writePacket(p)));
    const out = join(dir, `converted.${format}`);
    run('editcap', ['-F', format, save(bytes), out]);
    const theirs = readCapture(Uint8Array.from(readFileSync(out)));
    expect(theirs.error).toBeNull();
    expect(theirs.format).toBe(format === 'pcapng' ? 'pcapng' : 'pcap');
    const micro = format === 'pcap' || format === 'modpcap';
    expect(theirs.packets.map((p) => ({ ...p, data: [...p.data] }))).toEqual(
      packets.map((p, index) => {
        const ns = BigInt(p.timestampNs);
        return {
          index,
          interfaceId: 0,
          linkType: 1,
          timestampNs: micro ? ns - (ns % 1000n) : ns,
          data: [...p.data],
          originalLength: p.originalLength ?? p.data.length,
        };
      }),
    );
  });
});
