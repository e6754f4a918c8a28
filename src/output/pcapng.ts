// A trace as pcapng: one interface block per link, every transmitted frame
// at its virtual time, with its explanation as the packet comment (read it
// with `tshark -r OUT -T fields -e frame.comment`).

import { PcapngWriter } from '../packet/pcapng.ts';
import type { TraceEvent, TraceSink } from '../sim/trace.ts';
import { explainTx, type ExplainOptions } from './explained.ts';

export class PcapngTraceWriter implements TraceSink {
  private readonly writer: PcapngWriter;
  private readonly interfaces = new Map<string, number>();

  constructor(
    write: (chunk: Uint8Array) => void,
    links: readonly string[],
    private readonly opts: ExplainOptions & { title?: string },
  ) {
    this.writer = new PcapngWriter(write, { application: 'ndsim', comment: opts.title });
    for (const l of links) this.interfaces.set(l, this.writer.addInterface({ name: l, description: `simulated link ${l}` }));
  }

  emit(ev: TraceEvent): void {
    if (ev.type !== 'tx') return;
    const id = this.interfaces.get(ev.link);
    if (id === undefined) return;
    this.writer.writePacket({ interfaceId: id, timestampNs: ev.time, data: ev.bytes, comment: `${ev.node}/${ev.ifname}: ${explainTx(ev, this.opts)}` });
  }
}
