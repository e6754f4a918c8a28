// Regression (scenarios/router-preference-failover.yaml): the answer to a
// unicast NUD probe has no TLLA, and was explained as "… is at none", with
// O=0 put down to "an anycast or proxy answer".

import { describe, expect, it } from 'vitest';
import { explainFrame } from '../../src/explain/index.ts';
import { A, B, frame, SEED_NA } from './seed-frames.ts';

const NUD_NA = frame(B.mac, A.mac, B.ll, A.ll, { type: 136, code: 0, flags: { R: true, S: true, O: false }, target: B.ll, options: [] });

describe('NA answering a NUD probe (no TLLA, RFC 4861 §7.2.4)', () => {
  it('says the neighbour is still reachable, and why O=0', () => {
    const e = explainFrame(NUD_NA, { senderNode: 'r' }, 'en');
    expect(e.text).not.toContain('is at none');
    expect(e.text).not.toContain('anycast or proxy');
    expect(e.text).toContain('still reachable');
    expect(e.text).toContain('no Target Link-Layer Address option');
    expect(e.text).toContain('R=1');
    expect(explainFrame(NUD_NA, { senderNode: 'r' }, 'ja').text).toContain('O=0');
  });

  it('a solicited NA with the TLLA (the seed slide) keeps its sentence', () => {
    const e = explainFrame(SEED_NA, { senderNode: 'B' }, 'en');
    expect(e.text).toContain(`${B.global} is at ${B.mac} (solicited NA, S=1)`);
    expect(e.text).toContain('O=1 (Override)');
  });
});
