// Differential test against tshark (Wireshark's dissectors, an independent
// implementation of the same RFCs). A few hundred seeded frames of every
// message and option type (test/fixtures/generate.ts) are encoded, written as
// pcapng, dissected by `tshark -T json`, and every field tshark reports is
// compared with our decode of the same bytes (the `decode --json` shape,
// frameJson). tshark must call each frame well formed with a good checksum.
//
// The hostile direction: deliberately broken frames (bad checksum, RA with
// hop limit 64, option of length 0, …), where our errors and violations are
// set beside tshark's verdict (checksum bad, malformed, or nothing to say:
// RFC 4861 §6.1 validity rules are not dissector business).
//
// Skipped, saying why, when tshark is missing — unless
// NDSIM_REQUIRE_PRIVILEGED_TESTS=1 (CI), where a missing tshark fails.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { icmpv6ChecksumAt } from '../../src/packet/checksum.ts';
import { decode } from '../../src/packet/decode.ts';
import { encode } from '../../src/packet/encode.ts';
import { frameJson, type JsonObject } from '../../src/packet/json.ts';
import { PcapngWriter } from '../../src/packet/pcapng.ts';
import type { Decoded, EthernetFrame, Violation } from '../../src/packet/types.ts';
import { validate } from '../../src/packet/validate.ts';
import { FRAME_KINDS, generateFrames, generateNdMix, type GeneratedFrame } from '../fixtures/generate.ts';

const HAVE_TSHARK = spawnSync('tshark', ['-v']).status === 0;
const REQUIRED = process.env.NDSIM_REQUIRE_PRIVILEGED_TESTS === '1';
const SKIP = !HAVE_TSHARK && !REQUIRED;
const SKIP_NOTE = SKIP ? ' (SKIPPED: tshark not found on PATH; install the tshark package to run it)' : '';
if (SKIP) console.warn(`tshark-diff.test${SKIP_NOTE}`);

const dir = mkdtempSync(join(tmpdir(), 'ndsim-tshark-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCapture(name: string, frames: readonly Uint8Array[]): string {
  const chunks: Uint8Array[] = [];
  const w = new PcapngWriter((c) => chunks.push(c), { application: 'ndsim tshark-diff.test' });
  w.addInterface({ name: 'gen0' });
  frames.forEach((data, i) => w.writePacket({ interfaceId: 0, timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n, data }));
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

type Tree = { [k: string]: unknown };

/** Each packet's `layers` object from `tshark -T json`. Duplicate keys
 *  (several options, several DNSSL names) become arrays. */
function tsharkPackets(path: string): Tree[] {
  const r = spawnSync('tshark', ['-r', path, '-T', 'json', '--no-duplicate-keys'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  const complaints = r.stderr.split('\n').filter((l) => l.trim() && !l.includes('Running as user'));
  expect({ status: r.status, complaints }).toEqual({ status: 0, complaints: [] });
  return (JSON.parse(r.stdout) as Array<{ _source: { layers: Tree } }>).map((p) => p._source.layers);
}

// ----------------------------------------------- tshark JSON → our shape

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const num = (v: unknown): number => Number(v as string); // "0x1a2b" and "42" alike
const bool = (v: unknown): boolean => v === '1';
const bytesHex = (v: unknown): string => String(v ?? '').replace(/:/g, '');
/** RFC 4191 §2.1 Prf bits, as tshark reports them (a number). */
const PRF = ['medium', 'high', 'reserved', 'low'];

function field(t: Tree, key: string): unknown {
  if (!(key in t)) throw new Error(`tshark output lacks ${key}: ${JSON.stringify(t).slice(0, 400)}`);
  return t[key];
}

function optionFromTshark(o: Tree, ourType: number | undefined): JsonObject {
  const type = num(field(o, 'icmpv6.opt.type'));
  const units = num(field(o, 'icmpv6.opt.length'));
  switch (type) {
    case 1:
    case 2:
      return { type, lladdr: String(field(o, 'icmpv6.opt.linkaddr')) };
    case 3: {
      const flags = field(o, 'icmpv6.opt.prefix.flag_tree') as Tree;
      return {
        type,
        prefix: String(field(o, 'icmpv6.opt.prefix')),
        prefixLength: num(field(o, 'icmpv6.opt.prefix.length')),
        L: bool(flags['icmpv6.opt.prefix.flag.l']),
        A: bool(flags['icmpv6.opt.prefix.flag.a']),
        validLifetime: num(field(o, 'icmpv6.opt.prefix.valid_lifetime')),
        preferredLifetime: num(field(o, 'icmpv6.opt.prefix.preferred_lifetime')),
      };
    }
    case 4:
      // The Redirected Header body after its 8-byte head: the quoted packet.
      return { type, length: units * 8 - 8 };
    case 5:
      return { type, mtu: num(field(o, 'icmpv6.opt.mtu')) };
    case 14:
      return { type, nonce: bytesHex(field(o, 'icmpv6.opt.nonce')) };
    case 24: {
      const flags = field(o, 'icmpv6.opt.route_info.flag_tree') as Tree;
      return {
        type,
        // Length 1 carries no prefix field (RFC 4191 §2.3): tshark shows
        // none, our repr pads it to ::.
        prefix: units === 1 ? '::' : String(field(o, 'icmpv6.opt.prefix')),
        prefixLength: num(field(o, 'icmpv6.opt.prefix.length')),
        prf: PRF[num(flags['icmpv6.opt.route_info.flag.route_preference'])],
        routeLifetime: num(field(o, 'icmpv6.opt.route_lifetime')),
      };
    }
    case 25:
      return { type, lifetime: num(field(o, 'icmpv6.opt.rdnss.lifetime')), servers: list(field(o, 'icmpv6.opt.rdnss')) as string[] };
    case 31:
      return { type, lifetime: num(field(o, 'icmpv6.opt.dnssl.lifetime')), domains: list(field(o, 'icmpv6.opt.dnssl')) as string[] };
    case 37:
      return { type, uri: String(field(o, 'icmpv6.opt.captive_portal')) };
    case 38:
      return {
        type,
        prefix: String(field(o, 'icmpv6.opt.pref64.prefix')),
        plc: num(field(o, 'icmpv6.opt.pref64.plc')),
        lifetime: num(field(o, 'icmpv6.opt.pref64.scaled_lifetime')) * 8,
      };
    default:
      // tshark shows an option it does not know as data; so do we (hex body).
      expect(ourType, `tshark decoded option ${type} as unknown`).toBe(type);
      return { type, body: bytesHex(o['icmpv6.data']) };
  }
}

/** What tshark says about one frame, in the shape of our frameJson. */
function fromTshark(layers: Tree, ours: JsonObject): JsonObject {
  const eth = field(layers, 'eth') as Tree;
  const ip = field(layers, 'ipv6') as Tree;
  const icmp = field(layers, 'icmpv6') as Tree;
  const type = num(field(icmp, 'icmpv6.type'));
  const m: JsonObject = {
    type,
    code: num(field(icmp, 'icmpv6.code')),
    checksum: num(field(icmp, 'icmpv6.checksum')),
    // tshark: 0 = Bad, 1 = Good, 2 = Unverified.
    checksumValid: field(icmp, 'icmpv6.checksum.status') === '1',
  };
  switch (type) {
    case 134: {
      const f = field(icmp, 'icmpv6.nd.ra.flag_tree') as Tree;
      m.curHopLimit = num(field(icmp, 'icmpv6.nd.ra.cur_hop_limit'));
      m.flags = {
        M: bool(f['icmpv6.nd.ra.flag.m']),
        O: bool(f['icmpv6.nd.ra.flag.o']),
        H: bool(f['icmpv6.nd.ra.flag.h']),
        prf: PRF[num(f['icmpv6.nd.ra.flag.prf'])],
      };
      m.routerLifetime = num(field(icmp, 'icmpv6.nd.ra.router_lifetime'));
      m.reachableTime = num(field(icmp, 'icmpv6.nd.ra.reachable_time'));
      m.retransTimer = num(field(icmp, 'icmpv6.nd.ra.retrans_timer'));
      break;
    }
    case 135:
      m.target = String(field(icmp, 'icmpv6.nd.ns.target_address'));
      break;
    case 136: {
      const f = field(icmp, 'icmpv6.nd.na.flag_tree') as Tree;
      m.flags = { R: bool(f['icmpv6.nd.na.flag.r']), S: bool(f['icmpv6.nd.na.flag.s']), O: bool(f['icmpv6.nd.na.flag.o']) };
      m.target = String(field(icmp, 'icmpv6.nd.na.target_address'));
      break;
    }
    case 137:
      m.target = String(field(icmp, 'icmpv6.nd.rd.target_address'));
      // (sic: tshark files the Redirect destination under "rd.na".)
      m.destination = String(field(icmp, 'icmpv6.rd.na.destination_address'));
      break;
    case 128:
    case 129: {
      m.identifier = num(field(icmp, 'icmpv6.echo.identifier'));
      m.sequence = num(field(icmp, 'icmpv6.echo.sequence_number'));
      const data = icmp.data as Tree | undefined;
      m.dataLength = data ? num(data['data.len']) : 0;
      break;
    }
    case 1: {
      // Everything after the 8-byte head is the invoking packet; tshark
      // dissects it as IPv6, whose source we also check below.
      m.invokingLength = num(field(ip, 'ipv6.plen')) - 8;
      const inner = field(icmp, 'ipv6') as Tree;
      m.invokingSrc = String(field(inner, 'ipv6.src'));
      break;
    }
    case 130:
    case 131:
    case 132:
      m.maxResponseDelay = num(field(icmp, 'icmpv6.mld.maximum_response_delay'));
      m.multicastAddress = String(field(icmp, 'icmpv6.mld.multicast_address'));
      break;
    case 143:
      expect(num(field(icmp, 'icmpv6.mldr.nb_mcast_records'))).toBe(list(icmp['icmpv6.mldr.mar']).length);
      m.records = list(icmp['icmpv6.mldr.mar']).map((r) => {
        const rec = r as Tree;
        return {
          recordType: num(field(rec, 'icmpv6.mldr.mar.record_type')),
          multicastAddress: String(field(rec, 'icmpv6.mldr.mar.multicast_address')),
          sources: list(rec['icmpv6.mldr.mar.source_address']) as string[],
        };
      });
      break;
  }
  const ourOptions = ((ours.icmpv6 as JsonObject).options ?? []) as JsonObject[];
  m.options = list(icmp['icmpv6.opt']).map((o, k) => optionFromTshark(o as Tree, ourOptions[k]?.type as number | undefined));
  return {
    eth: { src: String(field(eth, 'eth.src')), dst: String(field(eth, 'eth.dst')) },
    ipv6: { src: String(field(ip, 'ipv6.src')), dst: String(field(ip, 'ipv6.dst')), hopLimit: num(field(ip, 'ipv6.hlim')) },
    icmpv6: m,
  };
}

/** Our decode of the same bytes, in the same shape: frameJson, without the
 *  names (tshark has its own words) and with the raw checksum. */
function fromUs(bytes: Uint8Array, d: Decoded, violations: readonly Violation[]): JsonObject {
  // (The invoking packet is re-decoded behind this frame's Ethernet header.)
  const j = frameJson(d, 0, 0, violations);
  const icmp = { ...(j.icmpv6 as JsonObject) };
  delete icmp.name;
  const msg = d.frame!.ipv6!.icmpv6!;
  icmp.checksum = msg.checksum ?? -1;
  icmp.options = ((icmp.options ?? []) as JsonObject[]).map(({ name: _name, ...rest }) => rest);
  if (msg.type === 1 && 'invoking' in msg) {
    const inv = msg.invoking;
    icmp.invokingSrc = decode(Uint8Array.from([...bytes.subarray(0, 14), ...inv])).frame?.ipv6?.src ?? '?';
  }
  return { eth: j.eth, ipv6: j.ipv6, icmpv6: icmp };
}

// Wireshark expert severities (epan/proto.h).
const PI_WARN = 0x00600000;
const PI_ERROR = 0x00800000;

/** tshark's complaints about a packet: `errors` (malformed, or expert info
 *  of error severity) and `warnings` (expert info of warning severity),
 *  found anywhere in the tree. Notes (e.g. "option not implemented") pass. */
function tsharkComplaints(layers: unknown): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (key === '_ws.malformed') errors.push('malformed packet');
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v !== null && typeof v === 'object') {
      const t = v as Tree;
      if ('_ws.expert.severity' in t) {
        const severity = num(t['_ws.expert.severity']);
        const message = String(t['_ws.expert.message']);
        if (severity >= PI_ERROR) errors.push(message);
        else if (severity >= PI_WARN) warnings.push(message);
      }
      for (const [k, x] of Object.entries(t)) walk(x, k);
    }
  };
  walk(layers, '');
  return { errors, warnings };
}

function checksumStatus(layers: Tree): string | undefined {
  return (layers.icmpv6 as Tree | undefined)?.['icmpv6.checksum.status'] as string | undefined;
}

// ------------------------------------------------------------ valid frames

describe.skipIf(SKIP)(`ndsim decode agrees with tshark, field by field${SKIP_NOTE}`, () => {
  const generated: GeneratedFrame[] = generateFrames(13 * 24, 20240611);
  let packets: Tree[] = [];

  it('tshark is installed (required in CI)', () => {
    expect(HAVE_TSHARK, 'NDSIM_REQUIRE_PRIVILEGED_TESTS=1 but tshark is not on PATH').toBe(true);
    packets = tsharkPackets(writeCapture('valid.pcapng', generated.map((g) => g.bytes)));
    expect(packets).toHaveLength(generated.length);
  });

  it('the generated frames cover every message kind and every option type', () => {
    expect(new Set(generated.map((g) => g.kind))).toEqual(new Set(FRAME_KINDS));
    const optionTypes = new Set<number | string>();
    for (const g of generated) {
      const m = g.frame.ipv6?.icmpv6;
      if (m && 'options' in m) for (const o of m.options) optionTypes.add('unknown' in o ? 'unknown' : o.type);
    }
    expect([...optionTypes].sort()).toEqual([1, 14, 2, 24, 25, 3, 31, 37, 38, 4, 5, 'unknown']);
  });

  it('tshark finds every frame well formed with a good checksum, and so do we', () => {
    expect(packets.length).toBeGreaterThan(0);
    const complaints: string[] = [];
    generated.forEach((g, i) => {
      const d = decode(g.bytes);
      const ours = { error: d.error, checksumValid: d.checksumValid, violations: validate(d.frame!, d.checksumValid).map((v) => v.rule) };
      const theirs = { ...tsharkComplaints(packets[i]), checksum: checksumStatus(packets[i]) };
      const tsharkHappy = theirs.errors.length === 0 && theirs.warnings.length === 0 && theirs.checksum === '1';
      if (ours.error || ours.checksumValid !== true || ours.violations.length || !tsharkHappy) {
        complaints.push(`frame ${i + 1} (${g.kind}): ours ${JSON.stringify(ours)}, tshark ${JSON.stringify(theirs)}`);
      }
    });
    expect(complaints).toEqual([]);
  });

  it('every field of every frame matches tshark', () => {
    expect(packets.length).toBeGreaterThan(0);
    generated.forEach((g, i) => {
      const d = decode(g.bytes);
      const ours = fromUs(g.bytes, d, []);
      expect(ours, `frame ${i + 1} (${g.kind})`).toEqual(fromTshark(packets[i], ours));
    });
  });
});

// ---------------------------------------------------------- hostile frames

/** Recomputes the ICMPv6 checksum of a frame we edited on purpose, so the
 *  edit is the only fault (for frames with no extension headers). */
function fixChecksum(b: Uint8Array): Uint8Array {
  const start = 14 + 40;
  const end = 14 + 40 + ((b[18] << 8) | b[19]);
  const c = icmpv6ChecksumAt(b, 22, b, 38, b, start, end);
  b[start + 2] = c >> 8;
  b[start + 3] = c & 0xff;
  return b;
}

function setPayloadLength(b: Uint8Array, length: number): void {
  b[18] = length >> 8;
  b[19] = length & 0xff;
}

function firstOf(kind: string, pred: (f: EthernetFrame) => boolean = () => true): EthernetFrame {
  const g = generateFrames(13 * 20, 99).find((x) => x.kind === kind && pred(x.frame));
  if (!g) throw new Error(`no ${kind} frame in the generated set`);
  return structuredClone(g.frame);
}

const hasOptions = (n: number) => (f: EthernetFrame) => {
  const m = f.ipv6?.icmpv6;
  return !!m && 'options' in m && m.options.length >= n && m.options[0].type === 1;
};

type Verdict = 'clean' | 'checksum-bad' | 'malformed' | 'warning';

interface HostileCase {
  name: string;
  bytes: Uint8Array;
  /** Our decode error layer, or null. */
  error: string | null;
  /** Rules our validate must report (exactly). */
  rules: string[];
  tshark: Verdict;
}

function hostileCases(): HostileCase[] {
  const ns = encode(firstOf('ns', hasOptions(1)));
  const badChecksum = ns.slice();
  badChecksum[14 + 40 + 2] ^= 0x5a;

  const ra = firstOf('ra', hasOptions(1));
  ra.ipv6!.hopLimit = 64;

  // RS whose SLLA option has Length 0 (RFC 4861 §4.6: discard the packet).
  const rsZero = encode(firstOf('rs', hasOptions(1)));
  rsZero[14 + 40 + 8 + 1] = 0;

  // NS whose SLLA option claims 16 bytes where 8 remain.
  const nsOverrun = ns.slice();
  nsOverrun[14 + 40 + 24 + 1] = 2;

  // NS cut to 20 bytes of ICMPv6 (a target needs 24).
  const nsShort = ns.slice(0, 14 + 40 + 20);
  setPayloadLength(nsShort, 20);

  // IPv6 payload length larger than the frame.
  const longPayload = ns.slice();
  setPayloadLength(longPayload, 200);

  const mld = firstOf('mldv2-report', (f) => f.ipv6!.src !== '::');
  mld.ipv6!.hopLimit = 255;

  const dad = firstOf('ns-dad');
  dad.ipv6!.dst = 'ff02::1';
  dad.dst = '33:33:00:00:00:01';

  return [
    { name: 'NS with a bad checksum', bytes: badChecksum, error: null, rules: ['icmpv6-checksum'], tshark: 'checksum-bad' },
    { name: 'RA with hop limit 64', bytes: encode(ra), error: null, rules: ['ra-hop-limit'], tshark: 'clean' },
    { name: 'RS with an option of length 0', bytes: fixChecksum(rsZero), error: 'option', rules: [], tshark: 'malformed' },
    { name: 'NS with an option running past the end', bytes: fixChecksum(nsOverrun), error: 'option', rules: [], tshark: 'malformed' },
    { name: 'NS of 20 bytes', bytes: fixChecksum(nsShort), error: 'icmpv6', rules: [], tshark: 'malformed' },
    // tshark only warns ("IPv6 payload length exceeds framing length") and
    // dissects what is there; we stop at the IPv6 layer and keep the rest.
    { name: 'IPv6 payload length beyond the frame', bytes: longPayload, error: 'ipv6', rules: [], tshark: 'warning' },
    { name: 'MLDv2 report with hop limit 255', bytes: encode(mld), error: null, rules: ['mld-hop-limit'], tshark: 'clean' },
    { name: 'DAD NS sent to ff02::1', bytes: encode(dad), error: null, rules: ['ns-dad-destination'], tshark: 'clean' },
  ];
}

describe.skipIf(SKIP)(`broken frames: our errors and violations beside tshark's expert info${SKIP_NOTE}`, () => {
  const cases = hostileCases();
  let packets: Tree[] = [];

  it('tshark reads the hostile capture', () => {
    packets = tsharkPackets(writeCapture('hostile.pcapng', cases.map((c) => c.bytes)));
    expect(packets).toHaveLength(cases.length);
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = cases[i];
    expect(packets.length).toBe(cases.length);
    const d = decode(c.bytes);
    const violations = d.frame ? validate(d.frame, d.checksumValid) : [];
    expect({ error: d.error?.layer ?? null, rules: violations.map((v) => v.rule) }).toEqual({ error: c.error, rules: c.rules });

    const { errors, warnings } = tsharkComplaints(packets[i]);
    const status = checksumStatus(packets[i]);
    const verdict: Verdict =
      status === '0' ? 'checksum-bad' : errors.length > 0 ? 'malformed' : warnings.length > 0 ? 'warning' : 'clean';
    expect({ verdict, errors, warnings }).toMatchObject({ verdict: c.tshark });
    // Where tshark still sees the ICMPv6 head, its checksum verdict is ours.
    if (status !== undefined && d.checksumValid !== null) expect(status === '1').toBe(d.checksumValid);
  });
});

// ------------------------------------------------- the generator itself

describe('the seeded frame generator', () => {
  it('gives the same bytes for the same seed, other bytes for another', () => {
    const a = generateFrames(40, 7).map((g) => Buffer.from(g.bytes).toString('hex'));
    const b = generateFrames(40, 7).map((g) => Buffer.from(g.bytes).toString('hex'));
    const c = generateFrames(40, 8).map((g) => Buffer.from(g.bytes).toString('hex'));
    expect(b).toEqual(a);
    expect(c.filter((x, i) => x === a[i]).length).toBeLessThan(a.length);
    expect(generateNdMix(50, 3)).toEqual(generateNdMix(50, 3));
  });

  it('makes frames that break no rule (our side of the tshark check, which runs even without tshark)', () => {
    const bad = [...generateFrames(13 * 8, 5).map((g) => ({ kind: g.kind, bytes: g.bytes })), ...generateNdMix(200, 5).map((bytes) => ({ kind: 'mix', bytes }))]
      .map(({ kind, bytes }) => {
        const d = decode(bytes);
        return { kind, error: d.error?.reason ?? null, checksumValid: d.checksumValid, rules: d.frame ? validate(d.frame, d.checksumValid).map((v) => v.rule) : ['no frame'] };
      })
      .filter((r) => r.error !== null || r.checksumValid !== true || r.rules.length > 0);
    expect(bad).toEqual([]);
  });
});
