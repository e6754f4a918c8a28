// Big-endian ("network byte order", RFC 791 Appendix B; RFC 8200 keeps it)
// field access on a Uint8Array, shared by the ICMPv6 message codecs
// (icmpv6/header.ts), the ND option codecs (options/wire.ts) and the
// extension-header reader (ipv6.ts). Plain index arithmetic rather than a
// DataView: no view to allocate per frame, and V8 inlines these on the
// decode hot path. Callers check bounds first.

export function read16(b: Uint8Array, i: number): number {
  return (b[i] << 8) | b[i + 1];
}

export function read32(b: Uint8Array, i: number): number {
  return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
}

export function write16(out: Uint8Array, i: number, v: number): void {
  out[i] = (v >>> 8) & 0xff;
  out[i + 1] = v & 0xff;
}

export function write32(out: Uint8Array, i: number, v: number): void {
  out[i] = (v >>> 24) & 0xff;
  out[i + 1] = (v >>> 16) & 0xff;
  out[i + 2] = (v >>> 8) & 0xff;
  out[i + 3] = v & 0xff;
}
