// Every bundled lesson (scenarios/*.yaml) written as pcapng, as `ndsim run
// --pcap` writes it, must be something Wireshark reads cleanly: no malformed
// packet, no expert info of error severity, and every packet carries its
// explanation as a comment. tshark runs once per file.
//
// Skipped, saying why, when tshark is missing — unless
// NDSIM_REQUIRE_PRIVILEGED_TESTS=1 (CI), where a missing tshark fails.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapngTraceWriter } from '../../src/output/pcapng.ts';
import { formatErrors, loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/scenario/run.ts';
import type { TraceEvent, TraceSink } from '../../src/sim/trace.ts';

const HAVE_TSHARK = spawnSync('tshark', ['-v']).status === 0;
const REQUIRED = process.env.NDSIM_REQUIRE_PRIVILEGED_TESTS === '1';
const SKIP = !HAVE_TSHARK && !REQUIRED;
if (SKIP) console.warn('bundled-pcap.test (SKIPPED: tshark not found on PATH; install the tshark package to run it)');

// Wireshark's expert severities (epan/proto.h PI_SEVERITY_MASK values).
const PI_ERROR = 0x00800000;

const DIR = 'scenarios';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const tmp = mkdtempSync(join(tmpdir(), 'ndsim-bundled-pcap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One packet as tshark sees it. */
interface Seen {
  number: number;
  severities: number[];
  malformed: boolean;
  comment: string;
}

function tsharkFields(path: string): Seen[] {
  const r = spawnSync('tshark', ['-r', path, '-T', 'fields', '-E', 'separator=/t', '-e', 'frame.number', '-e', '_ws.expert.severity', '-e', '_ws.malformed', '-e', 'frame.comment'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  expect(r.status, `tshark failed on ${path}: ${r.stderr}`).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [n, sev, malformed, ...comment] = l.split('\t');
      return {
        number: Number(n),
        severities: sev ? sev.split(',').map(Number) : [],
        malformed: malformed !== '',
        comment: comment.join('\t'),
      };
    });
}

describe.skipIf(SKIP)('bundled scenarios as pcapng, read by tshark', () => {
  it('there are bundled scenarios', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s: no malformed packet or error, a comment on every packet', async (file) => {
    const loaded = await loadScenario(join(DIR, file));
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    const s = loaded.scenario;
    const chunks: Uint8Array[] = [];
    const roles = new Map(s.nodes.map((n) => [n.name, n.role] as const));
    const writer = new PcapngTraceWriter((c) => chunks.push(c.slice()), s.links.map((l) => l.name), { lang: 'en', roles, title: s.name });
    let sent = 0;
    const sink: TraceSink = {
      emit(ev: TraceEvent) {
        if (ev.type === 'tx') sent++;
        writer.emit(ev);
      },
    };
    runScenario(s, { trace: sink, checkExpectations: false });
    const path = join(tmp, file.replace(/\.yaml$/, '.pcapng'));
    writeFileSync(path, Buffer.concat(chunks));

    const seen = tsharkFields(path);
    expect(seen.length, 'every transmitted frame is in the capture').toBe(sent);
    expect(sent).toBeGreaterThan(0);
    const malformed = seen.filter((p) => p.malformed).map((p) => p.number);
    expect(malformed, 'malformed packets').toEqual([]);
    const errors = seen.filter((p) => p.severities.some((v) => v >= PI_ERROR)).map((p) => p.number);
    expect(errors, 'packets with error-severity expert info').toEqual([]);
    const uncommented = seen.filter((p) => p.comment.trim() === '').map((p) => p.number);
    expect(uncommented, 'packets without a comment').toEqual([]);
  });
});
