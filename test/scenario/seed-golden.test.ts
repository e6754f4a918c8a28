// Golden test: the bundled seed scenarios put on the wire exactly the frames
// of the seminar slides. The expected values are the tables of
// /work/shared/seed-vectors.md, copied here by hand (not computed by ndsim).

import { describe, expect, it } from 'vitest';
import { decode } from '../../src/packet/decode.ts';
import type { EthernetFrame, NdOption, PrefixInformationOption } from '../../src/packet/types.ts';
import { formatErrors, loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/scenario/run.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { ArraySink, type TxEvent } from '../../src/sim/trace.ts';

/** One row of a seed-vectors.md table. */
interface Row {
  srcMac: string;
  dstMac: string;
  src: string;
  dst: string;
  type: number;
  target?: string;
  tlla?: string;
  prefix?: string;
}

// "Address resolution (slide リンクレイヤアドレスの解決の流れ)"
const AR_NS: Row = { srcMac: '00:11:22:33:44:55', dstMac: '33:33:ff:66:77:88', src: 'fe80::211:22ff:fe33:4455', dst: 'ff02::1:ff66:7788', type: 135, target: '2001:db8::211:22ff:fe66:7788' };
const AR_NA: Row = {
  srcMac: '00:11:22:66:77:88', dstMac: '00:11:22:33:44:55', src: 'fe80::211:22ff:fe66:7788', dst: 'fe80::211:22ff:fe33:4455',
  type: 136, target: '2001:db8::211:22ff:fe66:7788', tlla: '00:11:22:66:77:88',
};

// "SLAAC flow (slide ステートレス自動アドレス設定の流れ)"
const SLAAC: Row[] = [
  { srcMac: '00:11:22:33:44:55', dstMac: '33:33:ff:33:44:55', src: '::', dst: 'ff02::1:ff33:4455', type: 135, target: 'fe80::211:22ff:fe33:4455' },
  { srcMac: '00:11:22:33:44:55', dstMac: '33:33:00:00:00:02', src: 'fe80::211:22ff:fe33:4455', dst: 'ff02::2', type: 133 },
  { srcMac: '00:11:22:66:77:88', dstMac: '33:33:00:00:00:01', src: 'fe80::211:22ff:fe66:7788', dst: 'ff02::1', type: 134, prefix: '2001:db8::/64' },
  { srcMac: '00:11:22:33:44:55', dstMac: '33:33:ff:33:44:55', src: '::', dst: 'ff02::1:ff33:4455', type: 135, target: '2001:db8::211:22ff:fe33:4455' },
];

const MLD_V2_REPORT = 143;

async function load(path: string): Promise<Scenario> {
  const r = await loadScenario(path);
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.scenario;
}

/** Every frame put on the wire, decoded again from its bytes. */
function wire(scenario: Scenario): { time: number; frame: EthernetFrame }[] {
  const sink = new ArraySink();
  const run = runScenario(scenario, { trace: sink });
  for (const r of run.results) expect(r.pass, `${r.expectation.pos.line}: ${r.observed}`).toBe(true);
  return sink.events
    .filter((e): e is TxEvent => e.type === 'tx')
    .map((e) => {
      const d = decode(e.bytes);
      expect(d.error, `frame ${e.frameId}`).toBeNull();
      expect(d.checksumValid, `frame ${e.frameId} checksum`).toBe(true);
      return { time: e.time, frame: d.frame! };
    });
}

function icmpType(f: EthernetFrame): number | undefined {
  return f.ipv6?.icmpv6 && 'type' in f.ipv6.icmpv6 ? f.ipv6.icmpv6.type : undefined;
}

function options(f: EthernetFrame): readonly NdOption[] {
  const m = f.ipv6?.icmpv6;
  return m && 'options' in m ? (m.options as readonly NdOption[]) : [];
}

/** Compares a frame with a table row, field by field, naming the field that differs. */
function expectRow(f: EthernetFrame, row: Row, name: string): void {
  const ip = f.ipv6!;
  const m = ip.icmpv6!;
  expect(f.src, `${name}: Src MAC`).toBe(row.srcMac);
  expect(f.dst, `${name}: Dst MAC`).toBe(row.dstMac);
  expect(ip.src, `${name}: Src IPv6`).toBe(row.src);
  expect(ip.dst, `${name}: Dst IPv6`).toBe(row.dst);
  expect(icmpType(f), `${name}: ICMPv6 type`).toBe(row.type);
  // RFC 4861 §6.1/§7.1: every ND message travels with hop limit 255.
  expect(ip.hopLimit, `${name}: hop limit`).toBe(255);
  if (row.target !== undefined) expect('target' in m ? m.target : undefined, `${name}: Target`).toBe(row.target);
  if (row.tlla !== undefined) {
    const tlla = options(f).filter((o) => o.type === 2);
    expect(tlla.map((o) => ('lladdr' in o ? o.lladdr : null)), `${name}: TLLA option`).toEqual([row.tlla]);
  }
  if (row.prefix !== undefined) {
    const pios = options(f).filter((o): o is PrefixInformationOption => o.type === 3);
    expect(pios.map((o) => `${o.prefix}/${o.prefixLength}`), `${name}: PIO`).toEqual([row.prefix]);
    const pio = pios[0];
    expect([pio.L, pio.A], `${name}: PIO L and A flags`).toEqual([true, true]);
  }
}

describe('seed golden frames (seed-vectors.md)', () => {
  it('seed-address-resolution.yaml: the slide’s NS and NA, every field', async () => {
    const frames = wire(await load('scenarios/seed-address-resolution.yaml')).map((w) => w.frame);
    const ns = frames.filter((f) => icmpType(f) === 135 && f.src === AR_NS.srcMac && f.ipv6!.src !== '::');
    const na = frames.filter((f) => icmpType(f) === 136 && f.src === AR_NA.srcMac);
    expect(ns).toHaveLength(1);
    expect(na).toHaveLength(1);
    expectRow(ns[0], AR_NS, 'NS');
    expectRow(na[0], AR_NA, 'NA');
    // The answer follows the question.
    expect(frames.indexOf(na[0])).toBeGreaterThan(frames.indexOf(ns[0]));
  });

  it('seed-slaac.yaml: DAD LL, RS, RA, DAD global in that order after A comes up (MLD interleaved)', async () => {
    const scenario = await load('scenarios/seed-slaac.yaml');
    const up = scenario.timeline.find((a) => a.do === 'link-up' && a.node === 'A');
    expect(up).toBeDefined();
    const after = wire(scenario).filter((w) => w.time >= up!.at);
    // The slide leaves out MLD; everything else on the wire is the slide's four frames.
    const nd = after.filter((w) => icmpType(w.frame) !== MLD_V2_REPORT).map((w) => w.frame);
    expect(nd.map(icmpType)).toEqual(SLAAC.map((r) => r.type));
    SLAAC.forEach((row, i) => expectRow(nd[i], row, `SLAAC step ${i + 1}`));
    // What is interleaved is MLDv2 only (RFC 3810 §5.2), to ff02::16.
    for (const w of after.filter((x) => icmpType(x.frame) === MLD_V2_REPORT)) expect(w.frame.ipv6!.dst).toBe('ff02::16');
  });
});
