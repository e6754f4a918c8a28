// Small fake machines and frame builders for the simulator tests. The real
// host and router stacks come later; these only exercise the plumbing.

import type { Action, Input, Machine, Nanos } from '../../src/nd/machine.ts';
import { encode } from '../../src/packet/encode.ts';
import type { EthernetFrame } from '../../src/packet/types.ts';

export const MAC_A = '02:00:00:00:00:0a';
export const MAC_B = '02:00:00:00:00:0b';
export const MAC_C = '02:00:00:00:00:0c';
export const ALL_NODES = 'ff02::1';
export const ALL_NODES_MAC = '33:33:00:00:00:01';

/** An ICMPv6 Echo Request (128) or Reply (129) frame. */
export function echoFrame(
  src: { mac: string; ip: string },
  dst: { mac: string; ip: string },
  type: 128 | 129,
  sequence: number,
  dataLength = 8,
): EthernetFrame {
  return {
    dst: dst.mac,
    src: src.mac,
    etherType: 0x86dd,
    ipv6: {
      trafficClass: 0,
      flowLabel: 0,
      hopLimit: 64,
      src: src.ip,
      dst: dst.ip,
      extensionHeaders: [],
      nextHeader: 58,
      icmpv6: { type, code: 0, identifier: 7, sequence, data: new Uint8Array(dataLength) },
    },
  };
}

export function echoBytes(...args: Parameters<typeof echoFrame>): Uint8Array {
  return encode(echoFrame(...args));
}

/** A machine driven by a function, logging every input with its time. */
export class Scripted implements Machine {
  readonly log: { now: Nanos; input: Input }[] = [];
  constructor(private readonly f: (input: Input, now: Nanos) => Action[] = () => []) {}
  handle(input: Input, now: Nanos): Action[] {
    this.log.push({ now, input });
    return this.f(input, now);
  }
  /** The kinds of inputs seen, with times: ["0 link-up", "2000 frame", …]. */
  kinds(): string[] {
    return this.log.map((e) => `${e.now} ${e.input.kind}${e.input.kind === 'timer' ? ':' + e.input.key : ''}`);
  }
}
