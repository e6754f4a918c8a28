// Byte spans of the `-v` field tree (summary.ts frameTree): for each line of
// the tree, the bytes of the frame it describes, so that a UI can highlight
// the selected field in a hex dump (termshark's tree ↔ hex link, done with
// one selection instead of two widgets calling each other).
//
// The spans are found by walking the bytes with the lengths the headers
// themselves carry (RFC 8200 §4.3 Hdr Ext Len, RFC 4861 §4.6 option Length
// in units of 8 octets), in the same order as frameTree writes its lines.
// A line that describes no bytes (a violation, a decode error) gets null.

import { frameTree } from './summary.ts';
import type { Decoded, FieldSpan, Violation } from './types.ts';

/** Fixed part of each ICMPv6 message before its options or records
 *  (RFC 4861 §4.1–§4.5, RFC 3810 §5.2, RFC 4443 §4.1). */
const FIXED_LENGTH: Readonly<Record<number, number>> = { 133: 8, 134: 16, 135: 24, 136: 24, 137: 40, 143: 8, 130: 24, 131: 24, 132: 24, 128: 8, 129: 8, 1: 8 };

/** One line of the field tree and the bytes it stands for. */
export interface TreeLine {
  text: string;
  /** Indentation level (two spaces a level in frameTree). */
  depth: number;
  span: FieldSpan | null;
}

/**
 * The field tree of a frame with a byte span per line. `bytes` are the
 * frame's bytes on the wire (the ones `d` was decoded from).
 */
export function frameTreeSpans(d: Decoded, bytes: Uint8Array, violations: readonly Violation[] = []): TreeLine[] {
  const lines = frameTree(d, violations);
  const spans: (FieldSpan | null)[] = [];
  const f = d.frame;
  const clamp = (path: string, start: number, end: number): FieldSpan | null =>
    start < bytes.length ? { path, start, end: Math.min(end, bytes.length) } : null;
  if (f) {
    const ethLen = f.vlan ? 18 : 14;
    spans.push(clamp('eth', 0, ethLen));
    const ip = f.ipv6;
    if (ip) {
      spans.push(clamp('ipv6', ethLen, ethLen + 40));
      let off = ethLen + 40;
      for (const h of ip.extensionHeaders) {
        const len = h.kind === 'fragment' ? 8 : ((bytes[off + 1] ?? 0) + 1) * 8;
        spans.push(clamp(`ipv6.${h.kind}`, off, off + len));
        off += len;
      }
      const m = ip.icmpv6;
      if (m) {
        const end = ip.payloadLength !== undefined ? ethLen + 40 + ip.payloadLength : bytes.length;
        spans.push(clamp('icmpv6', off, off + 4));
        if (!('unknown' in m)) {
          const fixed = FIXED_LENGTH[m.type] ?? 4;
          if (m.type === 134 || m.type === 136 || m.type === 135 || m.type === 137) spans.push(clamp('icmpv6.body', off + 4, off + fixed));
          else if (m.type === 143) {
            // RFC 3810 §5.2.1: a record is 4 + 16 bytes, 16 per source, Aux Data Len words.
            let r = off + fixed;
            m.records.forEach((rec, i) => {
              const len = 20 + 16 * rec.sources.length + 4 * (bytes[r + 1] ?? 0);
              spans.push(clamp(`icmpv6.record[${i}]`, r, r + len));
              r += len;
            });
          }
          if ('options' in m) {
            let o = off + fixed;
            m.options.forEach((_, i) => {
              const len = (bytes[o + 1] ?? 0) * 8;
              spans.push(clamp(`icmpv6.option[${i}]`, o, Math.min(o + len, end)));
              o += len;
            });
          }
        }
      }
    }
  }
  // Error and violation lines describe no bytes.
  while (spans.length < lines.length) spans.push(null);
  return lines.map((text, i) => {
    const indent = /^ */.exec(text)![0].length;
    return { text: text.trimStart(), depth: Math.max(0, indent / 2 - 1), span: spans[i] ?? null };
  });
}
