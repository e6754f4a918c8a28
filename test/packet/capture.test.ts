import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iterateCapture, readCapture, type CaptureReadResult } from '../../src/packet/capture.ts';
import { PcapWriter } from '../../src/packet/pcap.ts';
import { PcapngWriter } from '../../src/packet/pcapng.ts';
import { collectChunks, ECHO, HAVE_TSHARK, NS_DAD, runTool, scratchDir } from './capture-support.ts';

const collect = (write: (sink: (c: Uint8Array) => void) => void): Uint8Array => collectChunks(write).bytes;
const plain = (r: CaptureReadResult) => r.packets.map((p) => ({ ...p, data: [...p.data] }));

const T0 = 1_700_000_000_000_000_001n;
const pcapng = collect((sink) => {
  const w = new PcapngWriter(sink, { application: 'ndsim' });
  const i = w.addInterface({ name: 'lan0' });
  w.writePacket({ interfaceId: i, timestampNs: T0, data: NS_DAD, comment: 'DAD probe' });
  w.writePacket({ interfaceId: i, timestampNs: T0 + 999n, data: ECHO });
  w.writePacket({ interfaceId: i, timestampNs: T0 + 1_000_000n, data: ECHO.subarray(0, 14), originalLength: ECHO.length });
});

describe('readCapture sniffs the format from the magic number', () => {
  it('reads pcapng and classic pcap alike', () => {
    const pcap = collect((sink) => new PcapWriter(sink).writePacket({ timestampNs: 1_000, data: ECHO }));
    expect(readCapture(pcapng)).toMatchObject({ format: 'pcapng', error: null });
    expect(readCapture(pcapng).packets).toHaveLength(3);
    expect(readCapture(pcap)).toMatchObject({ format: 'pcap', error: null, interfaces: [{ linkType: 1 }] });
    expect(readCapture(pcap).packets.map((p) => p.timestampNs)).toEqual([1_000n]);
  });

  it.each([
    ['an empty file', [], /empty file/],
    ['three bytes', [0xd4, 0xc3, 0xb2], /too short .* \(3 bytes\)/],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0], /gzip.*decompress/],
    ['text', [...Buffer.from('hello world')], /unknown magic number 68 65 6c 6c/],
  ] as const)('rejects %s at offset 0 with a reason naming what it found', (_what, bytes, reason) => {
    const r = readCapture(Uint8Array.from(bytes));
    expect(r.packets).toEqual([]);
    expect(r.interfaces).toEqual([]);
    expect(r.error).toMatchObject({ layer: 'pcap', offset: 0 });
    expect(r.error!.reason).toMatch(reason);
  });

  it('reads a file that is a view into a larger buffer (byteOffset ≠ 0)', () => {
    const big = new Uint8Array(pcapng.length + 13);
    big.set(pcapng, 5);
    const r = readCapture(big.subarray(5, 5 + pcapng.length));
    expect(r.error).toBeNull();
    expect(plain(r)).toEqual(plain(readCapture(pcapng)));
  });
});

describe('iterateCapture', () => {
  it('yields what readCapture returns and returns its error', () => {
    for (const bytes of [pcapng, pcapng.subarray(0, pcapng.length - 5), new Uint8Array([1, 2, 3, 4])]) {
      const it = iterateCapture(bytes);
      const packets = [];
      let step = it.next();
      for (; !step.done; step = it.next()) packets.push(step.value);
      const whole = readCapture(bytes);
      expect(packets).toEqual(whole.packets);
      expect(step.value).toEqual(whole.error);
    }
  });

  it('is lazy: the first packet comes before the damage further on is read', () => {
    const damaged = pcapng.slice();
    damaged[damaged.length - 1] ^= 0xff; // trailer of the last block
    const it = iterateCapture(damaged);
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ index: 0, comment: 'DAD probe', timestampNs: T0 });
    it.next();
    const end = it.next();
    expect(end.done).toBe(true);
    expect(end.value).toMatchObject({ layer: 'pcap', reason: expect.stringMatching(/trailer/) });
  });
});

if (!HAVE_TSHARK) console.warn('capture.test: tshark/editcap not found on PATH: skipping the conversion tests');

describe.skipIf(!HAVE_TSHARK)(`files converted by editcap and tshark -w${HAVE_TSHARK ? '' : ' (skipped: tshark missing)'}`, () => {
  const { dir } = scratchDir('ndsim-capture-', '.pcapng');
  const tool = (name: string, args: string[]): void => void runTool(name, args);
  const original = join(dir, 'original.pcapng');
  writeFileSync(original, pcapng);
  const expected = plain(readCapture(pcapng));

  it.each([
    ['editcap -F nsecpcap', 'nsec.pcap', (out: string) => tool('editcap', ['-F', 'nsecpcap', original, out]), 'pcap', 1n],
    ['editcap -F pcap', 'usec.pcap', (out: string) => tool('editcap', ['-F', 'pcap', original, out]), 'pcap', 1000n],
    ['tshark -w -F pcapng', 'copy.pcapng', (out: string) => tool('tshark', ['-r', original, '-w', out, '-F', 'pcapng']), 'pcapng', 1n],
    ['editcap -F nsecpcap, then editcap -F pcapng', 'back.pcapng', (out: string) => {
      tool('editcap', ['-F', 'nsecpcap', original, join(dir, 'step.pcap')]);
      tool('editcap', ['-F', 'pcapng', join(dir, 'step.pcap'), out]);
    }, 'pcapng', 1n],
  ] as const)('%s reads like the original', (_how, name, convert, format, resolution) => {
    const out = join(dir, name);
    convert(out);
    const r = readCapture(Uint8Array.from(readFileSync(out)));
    expect(r.error).toBeNull();
    expect(r.format).toBe(format);
    // Classic pcap keeps no comments; microseconds drop the last digits.
    const keepsComments = name.endsWith('copy.pcapng');
    expect(plain(r)).toEqual(
      expected.map(({ comment, ...p }) => ({
        ...p,
        timestampNs: p.timestampNs - (p.timestampNs % resolution),
        ...(keepsComments && comment !== undefined ? { comment } : {}),
      })),
    );
  });
});
