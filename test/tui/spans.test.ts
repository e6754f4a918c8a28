// The field tree's byte spans: every line that describes bytes points at
// the bytes a hex view must highlight for it.
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/packet/decode.ts';
import { frameTree } from '../../src/packet/summary.ts';
import { frameTreeSpans } from '../../src/packet/spans.ts';
import * as F from '../fixtures/frames.ts';

const FIXTURES: Record<string, Uint8Array> = {
  NS_ADDRESS_RESOLUTION: F.NS_ADDRESS_RESOLUTION,
  NA_ADDRESS_RESOLUTION: F.NA_ADDRESS_RESOLUTION,
  NS_DAD_LINK_LOCAL: F.NS_DAD_LINK_LOCAL,
  RS_SLAAC: F.RS_SLAAC,
  RA_SLAAC: F.RA_SLAAC,
  MLDV2_REPORT_JOIN: F.MLDV2_REPORT_JOIN,
  MLDV2_QUERY_GENERAL: F.MLDV2_QUERY_GENERAL,
  ECHO_REQUEST_VLAN: F.ECHO_REQUEST_VLAN,
  REDIRECT_TO_BETTER_ROUTER: F.REDIRECT_TO_BETTER_ROUTER,
};

describe('frameTreeSpans', () => {
  for (const [name, bytes] of Object.entries(FIXTURES)) {
    it(`${name}: one span per tree line, inside the frame, in order`, () => {
      const d = decode(bytes);
      const lines = frameTreeSpans(d, bytes);
      expect(lines.map((l) => l.text)).toEqual(frameTree(d).map((l) => l.trimStart()));
      let last = 0;
      for (const l of lines) {
        if (!l.span) continue;
        expect(l.span.start).toBeGreaterThanOrEqual(0);
        expect(l.span.end).toBeLessThanOrEqual(bytes.length);
        expect(l.span.end).toBeGreaterThan(l.span.start);
        expect(l.span.start).toBeGreaterThanOrEqual(last); // layers follow each other
        last = l.span.start;
      }
    });
  }

  it('Ethernet is bytes 0–14 and IPv6 the next 40 (RFC 8200 §3)', () => {
    const lines = frameTreeSpans(decode(F.NS_DAD_LINK_LOCAL), F.NS_DAD_LINK_LOCAL);
    expect(lines[0].span).toMatchObject({ path: 'eth', start: 0, end: 14 });
    expect(lines[1].span).toMatchObject({ path: 'ipv6', start: 14, end: 54 });
    // The ICMPv6 header starts with the type byte: 135 for an NS.
    const icmp = lines.find((l) => l.span?.path === 'icmpv6')!;
    expect(F.NS_DAD_LINK_LOCAL[icmp.span!.start]).toBe(135);
  });

  it('each RA option span starts at its Type byte and is Length × 8 long (RFC 4861 §4.6)', () => {
    const bytes = F.RA_SLAAC;
    const d = decode(bytes);
    const m = d.frame!.ipv6!.icmpv6!;
    const opts = frameTreeSpans(d, bytes).filter((l) => l.span?.path.startsWith('icmpv6.option'));
    expect(opts.length).toBe('options' in m ? m.options.length : -1);
    for (const [i, l] of opts.entries()) {
      const o = 'options' in m ? m.options[i] : undefined;
      expect(bytes[l.span!.start]).toBe(o!.type);
      expect(l.span!.end - l.span!.start).toBe(bytes[l.span!.start + 1] * 8);
    }
    // The last option ends where the frame ends.
    expect(opts[opts.length - 1].span!.end).toBe(bytes.length);
  });

  it('an 802.1Q tag makes the Ethernet header 18 bytes', () => {
    const lines = frameTreeSpans(decode(F.ECHO_REQUEST_VLAN), F.ECHO_REQUEST_VLAN);
    expect(lines[0].span).toMatchObject({ start: 0, end: 18 });
    expect(lines[1].span).toMatchObject({ start: 18, end: 58 });
  });

  it('a hop-by-hop header spans (Hdr Ext Len + 1) × 8 bytes before the MLD message', () => {
    const bytes = F.MLDV2_REPORT_JOIN;
    const lines = frameTreeSpans(decode(bytes), bytes);
    const hbh = lines.find((l) => l.span?.path === 'ipv6.hop-by-hop')!;
    expect(hbh.span).toMatchObject({ start: 54, end: 54 + (bytes[55] + 1) * 8 });
    const icmp = lines.find((l) => l.span?.path === 'icmpv6')!;
    expect(icmp.span!.start).toBe(hbh.span!.end);
    expect(bytes[icmp.span!.start]).toBe(143);
  });
});
