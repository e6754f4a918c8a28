// The frame codec the simulator uses: src/packet's encode and decode, behind
// an interface so that a test or a what-if wrapper (corruption, a different
// encoder) can stand in for it.

import { decode } from '../packet/decode.ts';
import { encode } from '../packet/encode.ts';
import type { Decoded, EthernetFrame } from '../packet/types.ts';

export interface FrameCodec {
  encode(frame: EthernetFrame): Uint8Array;
  decode(bytes: Uint8Array): Decoded;
}

export const packetCodec: FrameCodec = { encode, decode };
