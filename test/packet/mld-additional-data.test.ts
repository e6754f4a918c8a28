// MLDv2 Additional Data (RFC 3810 §5.1.12 for the Query, §5.2.11 for the
// Report): bytes after the last source / record that a receiver counts in the
// checksum and otherwise ignores. The message stands (Linux igmp6_event_query
// reads no further than the sources), so the decoder accepts it, keeps the
// bytes for a byte-exact re-encode, validate finds nothing wrong, and a
// simulated listener answers such a query. The same for MLDv1 Reports and
// Dones longer than 24 bytes (RFC 2710 §3).
//
// The frames are made with scapy (not with ndsim), hex below:
//   Ether/IPv6(hlim=1)/HBH(RouterAlert)/ICMPv6MLQuery2(...)/Raw(extra)

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/packet/decode.ts';
import { encode } from '../../src/packet/encode.ts';
import { frameJson, type JsonObject } from '../../src/packet/json.ts';
import { PcapngWriter } from '../../src/packet/pcapng.ts';
import type { EthernetFrame, MldV1, MldV2Report } from '../../src/packet/types.ts';
import { validate } from '../../src/packet/validate.ts';
import { HAVE_TSHARK, scratchDir } from './capture-support.ts';
import { expectFrames, simPair } from '../stack/harness.ts';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/** Group-and-source-specific query for ff02::1:ff00:1, S=1, QRV=2, QQIC=125,
 *  one source 2001:db8::99, then 6 bytes de ad be ef 01 02. */
const QUERY = hex(`
  333300000001 001122334455 86dd
  60000000 003a 00 01 fe80000000000000021122fffe334455 ff020000000000000000000000000001
  3a00050200000100
  82001bef 27100000 ff0200000000000000000001ff000001 0a 7d 0001
  20010db8000000000000000000000099
  deadbeef0102`);
/** One CHANGE_TO_EXCLUDE record for ff02::1:ff33:4455, then 4 bytes ca fe 00 07. */
const REPORT = hex(`
  333300000016 001122334455 86dd
  60000000 0028 00 01 fe80000000000000021122fffe334455 ff020000000000000000000000000016
  3a00050200000100
  8f00f9dd 00000001
  04 00 0000 ff0200000000000000000001ff334455
  cafe0007`);
/** General query (::, no sources, 1000 ms) from fe80::200:ff:fe00:a0a0 to
 *  ff02::1, then 8 bytes 00..07. */
const GENERAL_QUERY = hex(`
  333300000001 00000000a0a0 86dd
  60000000 002c 00 01 fe80000000000000020000fffe00a0a0 ff020000000000000000000000000001
  3a00050200000100
  8200cc06 03e80000 00000000000000000000000000000000 02 7d 0000
  0001020304050607`);

const ICMP_AT = 14 + 40 + 8;

function query(bytes: Uint8Array): MldV1 {
  const d = decode(bytes);
  expect(d.error).toBeNull();
  return d.frame!.ipv6!.icmpv6 as MldV1;
}

describe('MLDv2 Query with Additional Data (RFC 3810 §5.1.12)', () => {
  it('decodes: the sources are read as usual and the trailing bytes kept as additionalData; the checksum covers them', () => {
    const d = decode(QUERY);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBe(true);
    const q = d.frame!.ipv6!.icmpv6 as MldV1;
    expect(q).toMatchObject({ type: 130, maxResponseDelay: 10000, multicastAddress: 'ff02::1:ff00:1' });
    expect(q.v2).toMatchObject({ sFlag: true, qrv: 2, qqic: 125, sources: ['2001:db8::99'] });
    expect(q.v2!.additionalData).toEqual(hex('deadbeef0102'));
  });

  it('re-encodes byte for byte (the round-trip contract), checksum included', () => {
    // (Decoded as a query, not kept as undecoded payload bytes.)
    expect(query(QUERY).v2?.additionalData).toBeDefined();
    expect(query(GENERAL_QUERY).v2?.additionalData).toBeDefined();
    expect(Buffer.from(encode(decode(QUERY).frame!)).toString('hex')).toBe(Buffer.from(QUERY).toString('hex'));
    expect(Buffer.from(encode(decode(GENERAL_QUERY).frame!)).toString('hex')).toBe(Buffer.from(GENERAL_QUERY).toString('hex'));
  });

  it('a changed byte of Additional Data breaks the checksum: it is counted, as §5.1.12 requires', () => {
    const b = QUERY.slice();
    b[b.length - 1] ^= 0xff;
    const d = decode(b);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBe(false);
  });

  it('validate finds nothing wrong with it', () => {
    const d = decode(QUERY);
    expect(d.frame?.ipv6?.icmpv6?.type).toBe(130);
    expect(validate(d.frame!, d.checksumValid)).toEqual([]);
  });

  it('decode --json shows only the length of the Additional Data, and nothing for a query without any', () => {
    const j = frameJson(decode(QUERY), 0, 0, []);
    expect(j.error).toBeNull();
    expect(j.icmpv6).toMatchObject({ type: 130, sources: ['2001:db8::99'], additionalDataLength: 6 });
    const plain = QUERY.slice(0, QUERY.length - 6);
    plain[19] -= 6; // IPv6 payload length
    const j2 = frameJson(decode(plain), 0, 0, []);
    expect(j2.icmpv6).not.toHaveProperty('additionalDataLength');
    // Without the 6 bytes, the checksum no longer matches: proof they were counted.
    expect((j2.icmpv6 as JsonObject).checksumValid).toBe(false);
  });

  it('the length rules of RFC 3810 §8.1 still hold: 24 bytes is MLDv1 (no v2 fields), 25..27 is no query, and N sources must fit', () => {
    const v1 = QUERY.slice(0, ICMP_AT + 24);
    v1[19] = 8 + 24;
    expect(query(v1).v2).toBeUndefined();
    for (const n of [25, 26, 27]) {
      const b = QUERY.slice(0, ICMP_AT + n);
      b[19] = 8 + n;
      expect(decode(b).error?.reason, `${n} bytes`).toMatch(/neither MLDv1/);
    }
    // N = 2 where one source and 6 bytes remain: the sources run past the end.
    const b = QUERY.slice();
    b[ICMP_AT + 27] = 2;
    expect(decode(b).error?.reason).toMatch(/2 sources needs 60 bytes, 50 remain/);
  });

  it('an encoded query repr with Additional Data decodes back to the same repr', () => {
    const f = structuredClone(decode(GENERAL_QUERY).frame!) as EthernetFrame;
    // A frame we build: encode computes the payload length and checksum.
    delete f.ipv6!.payloadLength;
    const q = f.ipv6!.icmpv6 as MldV1;
    delete q.checksum;
    q.v2!.additionalData = Uint8Array.from([9, 8, 7]);
    const back = decode(encode(f));
    expect(back.error).toBeNull();
    expect(back.checksumValid).toBe(true);
    expect(back.frame!.ipv6!.payloadLength).toBe(8 + 28 + 3);
    expect((back.frame!.ipv6!.icmpv6 as MldV1).v2).toEqual({ sFlag: false, qrv: 2, qqic: 125, sources: [], additionalData: Uint8Array.from([9, 8, 7]) });
  });

  it('a simulated host answers a General Query that carries Additional Data with its MLDv2 Report', () => {
    const lab = simPair().ready();
    lab.run(5); // past the unsolicited reports of start-up
    const t = lab.now;
    lab.send(GENERAL_QUERY);
    lab.run(1.1); // Maximum Response Code 1000 ms
    const [r] = expectFrames(lab.sink, { type: 143, since: t });
    expect((r.msg as MldV2Report).records.length).toBeGreaterThan(0);
  });
});

describe('MLDv2 Report with Additional Data (RFC 3810 §5.2.11)', () => {
  it('decodes the counted records and keeps the trailing bytes; re-encodes byte for byte; validate is silent', () => {
    const d = decode(REPORT);
    expect(d.error).toBeNull();
    expect(d.checksumValid).toBe(true);
    const r = d.frame!.ipv6!.icmpv6 as MldV2Report;
    expect(r.records).toEqual([{ recordType: 4, multicastAddress: 'ff02::1:ff33:4455', sources: [] }]);
    expect(r.additionalData).toEqual(hex('cafe0007'));
    expect(Buffer.from(encode(d.frame!)).toString('hex')).toBe(Buffer.from(REPORT).toString('hex'));
    expect(validate(d.frame!, d.checksumValid)).toEqual([]);
    expect(frameJson(d, 0, 0, []).icmpv6).toMatchObject({ type: 143, additionalDataLength: 4 });
  });

  it('the record count still rules: a report claiming more records than it holds is an error', () => {
    const b = REPORT.slice();
    b[ICMP_AT + 7] = 2;
    expect(decode(b).error?.reason).toMatch(/record 2 of 2 needs 20 bytes, 4 remain/);
  });
});

/** MLDv1 Report and Done (RFC 2710) for ff02::1:ff33:4455 with 4 bytes
 *  01 02 03 04 past the 24 of the message (scapy ICMPv6MLReport /
 *  ICMPv6MLDone / Raw). */
const V1_REPORT = hex('3333ff33445500112233445586dd6000000000240001fe80000000000000021122fffe334455ff0200000000000000000001ff3344553a0005020000010083008d6e00000000ff0200000000000000000001ff33445501020304');
const V1_DONE = hex('33330000000200112233445586dd6000000000240001fe80000000000000021122fffe334455ff0200000000000000000000000000023a000502000001008400cff600000000ff0200000000000000000001ff33445501020304');

describe('MLDv1 Report and Done longer than 24 bytes (RFC 2710 §3: "MUST ignore anything past the first 24 octets")', () => {
  for (const [name, bytes, type] of [['Report', V1_REPORT, 131], ['Done', V1_DONE, 132]] as const) {
    it(`${name}: decodes with the extra bytes kept, checksum over all of them, byte-exact re-encode, validate silent, JSON shows their length`, () => {
      const d = decode(bytes);
      expect(d.error).toBeNull();
      expect(d.checksumValid).toBe(true);
      const m = d.frame!.ipv6!.icmpv6 as MldV1;
      expect(m).toMatchObject({ type, multicastAddress: 'ff02::1:ff33:4455', maxResponseDelay: 0 });
      expect(m.v2).toBeUndefined();
      expect(m.extraData).toEqual(hex('01020304'));
      expect(Buffer.from(encode(d.frame!)).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
      expect(validate(d.frame!, d.checksumValid)).toEqual([]);
      expect(frameJson(d, 0, 0, []).icmpv6).toMatchObject({ type, additionalDataLength: 4 });
    });
  }

  it('a 24-byte Report has no extra data and its JSON no length', () => {
    const b = V1_REPORT.slice(0, V1_REPORT.length - 4);
    b[14 + 5] = 0x20; // payload length 36 -> 32
    const d = decode(b);
    expect(d.error).toBeNull();
    expect((d.frame!.ipv6!.icmpv6 as MldV1).extraData).toBeUndefined();
    expect(frameJson(d, 0, 0, []).icmpv6).not.toHaveProperty('additionalDataLength');
  });
});

// ------------------------------------------------------------------ tshark

type Tree = { [k: string]: unknown };

function tsharkLayers(frames: readonly Uint8Array[]): Tree[] {
  const chunks: Uint8Array[] = [];
  const w = new PcapngWriter((c) => chunks.push(c), { application: 'ndsim mld-additional-data.test' });
  w.addInterface({ name: 'gen0' });
  frames.forEach((data, i) => w.writePacket({ interfaceId: 0, timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n, data }));
  const path = scratch.save(Buffer.concat(chunks));
  const r = spawnSync('tshark', ['-r', path, '-T', 'json', '--no-duplicate-keys'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout) as Array<{ _source: { layers: Tree } }>).map((p) => p._source.layers);
}

const scratch = scratchDir('ndsim-mld-additional-', '.pcapng');

describe.skipIf(!HAVE_TSHARK)('tshark on the same bytes', () => {
  it('dissects queries with Additional Data (scapy\'s and our re-encoding) as well formed, with a good checksum and our fields', () => {
    const ours = [QUERY, GENERAL_QUERY].map((b) => encode(decode(b).frame!));
    const frames = [QUERY, GENERAL_QUERY, ...ours];
    const layers = tsharkLayers(frames);
    layers.forEach((l, i) => {
      expect('_ws.malformed' in l, `frame ${i + 1}`).toBe(false);
      expect(JSON.stringify(l), `frame ${i + 1}`).not.toMatch(/_ws\.expert/);
      const icmp = l.icmpv6 as Tree;
      expect(icmp['icmpv6.checksum.status']).toBe('1');
      const q = decode(frames[i]).frame!.ipv6!.icmpv6 as MldV1;
      expect(String(icmp['icmpv6.mld.multicast_address'])).toBe(q.multicastAddress);
      expect(Number(icmp['icmpv6.mld.nb_sources'])).toBe(q.v2!.sources.length);
      expect(Number(icmp['icmpv6.mld.qqi'])).toBe(q.v2!.qqic);
      if (q.v2!.sources.length) expect(icmp['icmpv6.mld.source_address']).toBe(q.v2!.sources[0]);
    });
  });

  it('agrees on the report\'s checksum, record count and counted record (it reads the trailing bytes as one more record: Wireshark\'s dissect_mldrv2 loops to the end of the payload instead of using the count)', () => {
    const [l] = tsharkLayers([REPORT]);
    const icmp = l.icmpv6 as Tree;
    expect(icmp['icmpv6.checksum.status']).toBe('1');
    expect(Number(icmp['icmpv6.mldr.nb_mcast_records'])).toBe(1);
    const first = ([] as unknown[]).concat(icmp['icmpv6.mldr.mar'])[0] as Tree;
    expect(Number(first['icmpv6.mldr.mar.record_type'])).toBe(4);
    expect(first['icmpv6.mldr.mar.multicast_address']).toBe('ff02::1:ff33:4455');
  });
});
