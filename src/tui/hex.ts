// The hex dump of a frame (as `tcpdump -XX`/termshark show it) with one
// byte range highlighted: the bytes of the field selected in the tree.

import { span, type Line } from './theme.ts';

/** Bytes per line that fit `width` columns: 16 when there is room, else 8. */
export function bytesPerLine(width: number): number {
  return width >= 6 + 16 * 3 + 2 + 16 ? 16 : 8;
}

/** One line per `perLine` bytes: offset, hex bytes, printable ASCII. */
export function hexLines(bytes: Uint8Array, range: readonly [number, number] | null, perLine = 16): Line[] {
  const lines: Line[] = [];
  const inRange = (i: number) => range !== null && i >= range[0] && i < range[1];
  for (let off = 0; off < bytes.length; off += perLine) {
    const line: Line = [span(off.toString(16).padStart(4, '0') + '  ', 'hex-offset')];
    const push = (text: string, selected: boolean) => {
      const style = selected ? 'hex-byte-selected' : 'hex-layer';
      const last = line[line.length - 1];
      if (last.style === style) last.text += text;
      else line.push(span(text, style));
    };
    for (let i = 0; i < perLine; i++) {
      const b = off + i;
      if (b < bytes.length) {
        push(bytes[b].toString(16).padStart(2, '0'), inRange(b));
        // The gap is highlighted only inside a range, so a field reads as one block.
        push(i === perLine / 2 - 1 ? '  ' : ' ', inRange(b) && inRange(b + 1) && i !== perLine - 1);
      } else push(i === perLine / 2 - 1 ? '    ' : '   ', false);
    }
    push(' ', false);
    for (let i = 0; i < perLine && off + i < bytes.length; i++) {
      const c = bytes[off + i];
      push(c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.', inRange(off + i));
    }
    lines.push(line);
  }
  return lines;
}
