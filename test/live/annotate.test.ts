// `ndsim annotate` and `ndsim sniff` without privileges: captures written
// here from frames built with the codec, a fake `cap` for sniff. The real
// kernel, radvd and libpcap are in live-netns.test.ts.

import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotateCommand, sniffCommand, trackerOptions } from '../../src/cli/live.ts';
import { EXIT, UserError } from '../../src/cli/errors.ts';
import { LineWriter } from '../../src/cli/output.ts';
import { Annotator } from '../../src/live/annotate.ts';
import type { CapHandle, CapModule } from '../../src/live/capture.ts';
import { LIBPCAP_HINT } from '../../src/live/errors.ts';
import { readCapture } from '../../src/packet/capture.ts';
import { encode } from '../../src/packet/encode.ts';
import { PcapngWriter } from '../../src/packet/pcapng.ts';
import { PcapWriter } from '../../src/packet/pcap.ts';
import { icmpv6Frame } from '../../src/packet/build.ts';
import { solicitedNodeAddress } from '../../src/packet/address.ts';
import type { EthernetFrame } from '../../src/packet/types.ts';
import { A, EVIL, R, gA, llA, llR, raFrame } from './frames.ts';

const dir = mkdtempSync(join(tmpdir(), 'ndsim-annotate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = 1_700_000_000_000_000_000n; // an epoch time, ns
const MS = 1_000_000n;

const dadProbe = (mac: string, target: string): EthernetFrame =>
  icmpv6Frame(mac, '::', solicitedNodeAddress(target), { type: 135, code: 0, target, options: [] });
const rsFrame = (mac: string, src: string): EthernetFrame =>
  icmpv6Frame(mac, src, 'ff02::2', { type: 133, code: 0, options: [{ type: 1, lladdr: mac }] });
const defenceNa = (mac: string, target: string): EthernetFrame =>
  icmpv6Frame(mac, target, 'ff02::1', { type: 136, code: 0, flags: { R: false, S: false, O: true }, target, options: [{ type: 2, lladdr: mac }] });

/** A SLAAC exchange as a host and router would make it. */
const SLAAC: [EthernetFrame, bigint][] = [
  [dadProbe(A, llA), 0n],
  [rsFrame(A, llA), 1500n * MS],
  [raFrame(R, { prefixes: [{ prefix: '2001:db8:1::', valid: 3600, preferred: 1800 }] }), 1600n * MS],
  [dadProbe(A, '2001:db8:1:0:211:22ff:fe33:4455'), 1700n * MS],
  [rsFrame(A, llA), 3000n * MS],
];

function writePcapng(name: string, frames: [EthernetFrame, bigint][]): string {
  const chunks: Uint8Array[] = [];
  const w = new PcapngWriter((c) => chunks.push(c));
  w.addInterface({ name: 'eth0' });
  for (const [f, t] of frames) w.writePacket({ interfaceId: 0, timestampNs: T0 + t, data: encode(f) });
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

/** Runs annotate with stdout going to a file; returns what it printed. */
function annotate(path: string, args: Partial<Parameters<typeof annotateCommand>[1]> = {}): { code: number; out: string } {
  const outPath = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(outPath, 'w');
  try {
    const code = annotateCommand(path, { format: 'text', lang: 'en', ...args }, new LineWriter(fd));
    return { code, out: readFileSync(outPath, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

const ndjson = (s: string): Record<string, any>[] => s.trim().split('\n').map((l) => JSON.parse(l));

describe('ndsim annotate', () => {
  const slaac = writePcapng('slaac.pcapng', SLAAC);

  it('NDJSON: each frame with its catalogue explanation and the tracker facts; DAD settles at probe + RetransTimer', () => {
    const { code, out } = annotate(slaac, { format: 'json' });
    expect(code).toBe(EXIT.OK);
    const lines = ndjson(out);
    const frames = lines.filter((l) => l.frame != null);
    expect(frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(frames[0].explanation.key).toBe('frame.ns.dad');
    expect(frames[0].annotations).toEqual([{ kind: 'dad-probe', target: llA, mac: A, nonce: false }]);
    expect(frames[0].frame.icmpv6.type).toBe(135);
    expect(frames[1].explanation.key).toBe('frame.rs');
    expect(frames[2].explanation.key).toBe('frame.ra.default');
    const ra = frames[2].annotations.find((a: any) => a.kind === 'ra');
    expect(ra.answers).toEqual([{ host: A, rsFrame: 1, latencyNs: 100_000_000 }]);
    expect(ra.note).toMatch(/answers the RS of 00:11:22:33:44:55 \(frame 1\) after 100\.0 ms/);
    // The link-local address is assumed preferred 1 s after its probe: a
    // settled event at 1.0 s, before frame 1 (1.5 s), not inside it.
    const settled = lines.filter((l) => l.index === null && l.frame === null);
    const dad = settled.find((l) => l.stateChanges.some((c: any) => c.key === llA && c.to === 'preferred'))!;
    expect(dad.time).toBe(1);
    expect(lines.indexOf(dad)).toBeLessThan(lines.indexOf(frames[1]));
    expect(dad.stateChanges[0].explanation).toMatch(/^No NA and no NS answered 00:11:22:33:44:55’s DAD probes/);
    // The global address is preferred at 2.7 s, before the last frame.
    expect(settled.some((l) => l.time === 2.7 && l.stateChanges.some((c: any) => c.key === '2001:db8:1:0:211:22ff:fe33:4455' && c.to === 'preferred'))).toBe(true);
    const summary = lines.at(-1)!.summary;
    expect(summary.frames).toBe(5);
    expect(summary.prefixes).toEqual([{ prefix: '2001:db8:1::/64', router: R, L: true, A: true, remainingValidS: 3600 - 1.4, remainingPreferredS: 1800 - 1.4 }]);
    expect(summary.hosts.find((h: any) => h.mac === A).addresses.map((a: any) => `${a.address} ${a.state}`).sort()).toEqual([
      '2001:db8:1:0:211:22ff:fe33:4455 preferred',
      `${llA} preferred`,
    ]);
  });

  it('text: the tcpdump line, the explanation, the inferred change, and a summary with lifetimes left', () => {
    const { out } = annotate(slaac);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`   0.000000  #0  ${A}  :: > ff02::1:ff33:4455: ICMP6, neighbor solicitation, who has ${llA}, length 24`);
    expect(lines[1]).toMatch(/^ {13}↳ 00:11:22:33:44:55 checks that nobody already uses fe80::211:22ff:fe33:4455: a Duplicate Address Detection probe.*\(RFC 4862 §5\.4\.2\)$/);
    expect(out).toContain(`   1.000000  [address] ${A} ${llA}: tentative → preferred`);
    expect(out).toContain(`prefix  2001:db8:1::/64 from ${R} L A: valid 3599 s left, preferred 1799 s left`);
    expect(out).toContain(`router  ${R} ${llR}: lifetime 1799 s left`);
    expect(out).toMatch(/alerts {2}new-station 2, new-router 1\n/);
  });

  it('--routers: an RA from a MAC not listed raises rogue-router, and its explanation notes the attacker', () => {
    const path = writePcapng('rogue.pcapng', [...SLAAC, [raFrame(EVIL, { prefixes: [{ prefix: '2001:db8:bad::' }] }), 3500n * MS]]);
    const lines = ndjson(annotate(path, { format: 'json', routers: R.toUpperCase(), prefixes: '2001:db8:1::/64' }).out);
    const evil = lines.find((l) => l.index === 5)!;
    const critical = evil.alerts.filter((a: any) => a.severity === 'critical').map((a: any) => [a.id, a.frames]);
    expect(critical).toEqual([
      ['rogue-router', [5]],
      ['wrong-prefix', [5]],
    ]);
    expect(evil.explanation.text).toMatch(/not a legitimate router/);
    // The legitimate router raised nothing critical.
    expect(lines.filter((l) => l.index !== undefined && l.index !== 5).flatMap((l) => l.alerts ?? []).filter((a: any) => a.severity === 'critical')).toEqual([]);
  });

  // EVIL never used gA before answering A's probe: passively that is the
  // dos-new-ip6 pattern, so the explanation names the DAD DoS, not a defence.
  it('an answer to a DAD probe from a MAC that never used the address is explained as a DAD DoS (frame.na.dad-dos)', () => {
    const path = writePcapng('defence.pcapng', [[dadProbe(A, gA), 0n], [defenceNa(EVIL, gA), 10n * MS]]);
    const lines = ndjson(annotate(path, { format: 'json' }).out);
    const na = lines.find((l) => l.index === 1)!;
    expect(na.explanation.key).toBe('frame.na.dad-dos');
    expect(na.annotations[0]).toMatchObject({ kind: 'dad-defence', target: gA, mac: EVIL, prober: A });
    expect(na.stateChanges.map((c: any) => `${c.host} ${c.to} ${c.reasonId}`)).toContain(`${A} duplicate dad-failed`);
  });

  it('--pcap: the same bytes and times, each frame commented with its annotations', () => {
    const outPath = join(dir, 'annotated.pcapng');
    const { code, out } = annotate(slaac, { format: 'pcap', pcapOut: outPath });
    expect(code).toBe(EXIT.OK);
    expect(out).toMatch(/^# summary after 3\.000 s: 5 frame\(s\)/);
    const back = readCapture(readFileSync(outPath));
    const orig = readCapture(readFileSync(slaac));
    expect(back.error).toBeNull();
    expect(back.packets.map((p) => [p.timestampNs, Buffer.from(p.data).toString('hex')])).toEqual(orig.packets.map((p) => [p.timestampNs, Buffer.from(p.data).toString('hex')]));
    expect(back.packets[0].comment).toMatch(/Duplicate Address Detection probe/);
    expect(back.packets[0].comment).toContain(`[address] ${A} ${llA}: (none) → tentative`);
    expect(back.packets[2].comment).toContain('!! info new-router');
  });

  it('--lang ja explains in Japanese', () => {
    const lines = ndjson(annotate(slaac, { format: 'json', lang: 'ja' }).out);
    expect(lines[0].explanation.text).toMatch(/[\u3040-\u30ff]/);
  });

  it('--lang ja: the tracker’s alerts and change reasons in Japanese too (text and NDJSON)', () => {
    const path = writePcapng('dos-ja.pcapng', [[dadProbe(A, gA), 0n], [defenceNa(EVIL, gA), 10n * MS], ...SLAAC.slice(1, 3).map(([f, t]): [EthernetFrame, bigint] => [f, t + 100n * MS])]);
    const text = annotate(path, { lang: 'ja' }).out;
    expect(text).toContain(`!! info new-station: リンク上に新しいステーション ${A} が現れました。 [frame 0]`);
    expect(text).toContain(`!! critical dad-dos: ${EVIL} が ${gA} の重複アドレス検出 (DAD) に近隣広告 (NA) で応答しましたが、そのアドレスを使ったことはありません。そのため ${A} はこのアドレスを設定できません。`);
    expect(text).toContain(`↳ ${R} が自分をルータとして広告しています。 (RFC 4861 §6.3.4)`);
    const lines = ndjson(annotate(path, { format: 'json', lang: 'ja' }).out);
    const dos = lines.flatMap((l) => l.alerts ?? []).find((a: any) => a.id === 'dad-dos');
    expect(dos).toMatchObject({ id: 'dad-dos', severity: 'critical', host: EVIL, address: gA });
    expect(dos.message).toMatch(/重複アドレス検出/);
    // The tracker's data stays as it is: English reason, no catalogue key in the output.
    const router = lines.flatMap((l) => l.stateChanges ?? []).find((c: any) => c.kind === 'router');
    expect(router).toMatchObject({ reason: `${R} advertises itself`, reasonId: 'rd.router.new' });
    expect(router.reasonText).toBeUndefined();
    // English: the same capture says it in English.
    expect(annotate(path).out).toContain(`!! critical dad-dos: ${EVIL} answered DAD for ${gA} with a Neighbor Advertisement though it never used that address, so ${A} cannot configure it`);
  });

  it('errors: damaged input, a non-Ethernet capture, bad --routers / --prefixes', () => {
    const bad = join(dir, 'bad.pcap');
    writeFileSync(bad, 'not a capture');
    expect(() => annotate(bad)).toThrow(UserError);
    try {
      annotate(bad);
    } catch (e) {
      expect((e as UserError).exitCode).toBe(EXIT.INPUT);
    }
    const chunks: Uint8Array[] = [];
    const w = new PcapWriter((c) => chunks.push(c), { linkType: 113 });
    w.writePacket({ timestampNs: T0, data: new Uint8Array(20) });
    const sll = join(dir, 'sll.pcap');
    writeFileSync(sll, Buffer.concat(chunks));
    expect(() => annotate(sll)).toThrow(/link type 113; only Ethernet/);
    expect(() => trackerOptions('annotate', { routers: 'nope' })).toThrow(/--routers: "nope" is not a MAC address/);
    expect(() => trackerOptions('annotate', { prefixes: '2001:db8::1/64' })).toThrow(/did you mean 2001:db8::\/64/);
  });
});

describe('Annotator.settle', () => {
  it('reports nothing before a deadline, and each change at its own instant', () => {
    const a = new Annotator({ lang: 'en' });
    a.frame(encode(dadProbe(A, llA)), T0, 0);
    expect(a.settle(T0 + 999n * MS)).toEqual([]);
    const ev = a.settle(T0 + 5000n * MS);
    expect(ev.map((e) => [e.timestampNs, e.stateChanges.map((c) => c.to)])).toEqual([[T0 + 1000n * MS, ['preferred']]]);
  });
});

// ------------------------------------------------------------------ sniff

class FakeCap implements CapHandle {
  static last: FakeCap | null = null;
  buffer: Buffer | null = null;
  listener: ((n: number, t: boolean) => void) | null = null;
  closed = 0;
  constructor() {
    FakeCap.last = this;
  }
  static deviceList(): { name: string }[] {
    return [{ name: 'veth9' }];
  }
  open(_d: string, _f: string, _b: number, buffer: Buffer): string {
    this.buffer = buffer;
    return 'ETHERNET';
  }
  on(_e: 'packet', l: (n: number, t: boolean) => void): void {
    this.listener = l;
  }
  close(): void {
    this.closed++;
  }
  send(): void {}
  emit(bytes: Uint8Array): void {
    this.buffer!.set(bytes);
    this.listener!(bytes.length, false);
  }
}

describe('ndsim sniff (fake cap)', () => {
  it('annotates frames as they arrive, stamped by the capture clock, and prints the summary when stopped', async () => {
    let clock = T0;
    const deps = { loadCap: async (): Promise<CapModule> => ({ Cap: FakeCap }), osInterfaces: () => ['lo'], hrtime: () => clock, epochNs: () => T0 };
    const outPath = join(dir, 'sniff.ndjson');
    const fd = openSync(outPath, 'w');
    const done = sniffCommand('veth9', { format: 'json', lang: 'en', routers: R }, deps, new LineWriter(fd));
    await new Promise((r) => setTimeout(r, 20));
    FakeCap.last!.emit(encode(dadProbe(A, llA)));
    clock += 100n * MS;
    FakeCap.last!.emit(encode(raFrame(EVIL)));
    clock += 2000n * MS;
    await new Promise((r) => setTimeout(r, 300)); // the settle interval runs
    process.emit('SIGINT');
    expect(await done).toBe(EXIT.OK);
    closeSync(fd);
    expect(FakeCap.last!.closed).toBe(1);
    const lines = ndjson(readFileSync(outPath, 'utf8'));
    expect(lines[0]).toMatchObject({ index: 0, time: 0 });
    expect(lines[0].annotations[0].kind).toBe('dad-probe');
    expect(lines[1].time).toBeCloseTo(0.1, 9);
    expect(lines[1].alerts.some((a: any) => a.id === 'rogue-router')).toBe(true);
    const settled = lines.find((l) => l.index === null && l.stateChanges.some((c: any) => c.to === 'preferred'));
    expect(settled?.time).toBe(1);
    expect(lines.at(-1)!.summary.frames).toBe(2);
  });

  it('environment errors are one line with exit code 4', async () => {
    const noCap = { loadCap: async (): Promise<CapModule> => { throw new Error('Cannot find module cap'); } };
    await expect(sniffCommand('eth0', { format: 'text', lang: 'en' }, noCap)).rejects.toMatchObject({ exitCode: EXIT.ENVIRONMENT, message: `ndsim sniff: ${LIBPCAP_HINT}` });
    const deps = { loadCap: async (): Promise<CapModule> => ({ Cap: FakeCap }), osInterfaces: () => ['lo'] };
    await expect(sniffCommand('eht0', { format: 'text', lang: 'en' }, deps)).rejects.toMatchObject({
      exitCode: EXIT.ENVIRONMENT,
      message: 'ndsim sniff: no interface named eht0; interfaces here: lo, veth9',
    });
  });
});
