// The frame codec the simulator uses: src/packet's encode and decode, behind
// an interface so that a test or a what-if wrapper (corruption, a different
// encoder) can stand in for it.
//
// Encoded frames are carved out of shared 16 KiB slabs rather than each
// given its own ArrayBuffer: a frame of ND is 70–150 bytes, over V8's
// 64-byte limit for on-heap typed arrays, so a fresh Uint8Array means a
// malloc'd backing store that the GC must track and free — measurably the
// costliest line of a 100,000-host run. A slab is fresh zeroed memory and
// never reused: it is freed when no frame cut from it is referenced.

import { decode } from '../packet/decode.ts';
import { encode } from '../packet/encode.ts';
import type { Decoded, EthernetFrame } from '../packet/types.ts';

export interface FrameCodec {
  encode(frame: EthernetFrame): Uint8Array;
  decode(bytes: Uint8Array): Decoded;
}

const SLAB_BYTES = 16 * 1024;
/** Frames bigger than this get their own buffer (jumbo or odd frames). */
const SLAB_MAX_FRAME = 2048;
let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** `length` zeroed bytes from the current slab (8-byte aligned). */
export function slabAlloc(length: number): Uint8Array {
  if (length > SLAB_MAX_FRAME) return new Uint8Array(length);
  if (used + length > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const bytes = new Uint8Array(slab, used, length);
  used += (length + 7) & ~7;
  return bytes;
}

export const packetCodec: FrameCodec = {
  encode: (frame) => encode(frame, slabAlloc),
  decode,
};
