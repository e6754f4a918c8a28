// Live benchmark (not a test): peak memory of `ndsim sniff` while a flood of
// Router Advertisements with random source MACs and prefixes hits the link
// for 10 s — the case the tracker's bounded tables and the alert limiter
// exist for. Needs root (network namespaces) and the `cap` addon.
//
//   nsF (flooder) ── veth ── nsW (ndsim sniff, text output to /dev/null)
//
// The flood is thc-ipv6 `atk6-flood_router6` when installed (its prefixes
// are its own random 2a01::/16 ones: they never leave the veth pair, whose
// receiving kernel has accept_ra off), else a scapy loop with 2001:db8::/32
// prefixes. Reported: frames the flooder sent (its interface counter), frames
// sniff captured, the rate, sniff's peak RSS (VmHWM) and its RSS before the
// flood, and the alert lines sniff printed.
//
// Run: node bin/run-ts.mjs bench/live-flood.ts [--seconds N] [--append]
// (--append adds the result as a section at the end of BENCHMARKS.md).

import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lab, NDSIM, privilegedMissing, RA_FLOOD_PY, ROOT, sleep, waitFor, which } from '../test/live/netns-helpers.ts';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 10) || 10;
const append = args.includes('--append');

function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : 0;
}

const mb = (kb: number): string => (kb / 1024).toFixed(1);

async function main(): Promise<void> {
  const missing = await privilegedMissing();
  if (missing !== null) {
    console.error(`bench/live-flood.ts cannot run: ${missing}`);
    process.exitCode = 4;
    return;
  }
  const thc = which('atk6-flood_router6') !== null;
  const lab = new Lab('bf');
  const tmp = mkdtempSync(join(tmpdir(), 'ndsim-flood-'));
  const vW = `bf${process.pid % 100_000}w`;
  const vF = `bf${process.pid % 100_000}f`;
  try {
    const nsW = lab.ns('w');
    const nsF = lab.ns('f');
    lab.veth({ ns: nsW, name: vW, mac: '02:00:5e:00:53:71' }, { ns: nsF, name: vF, mac: '02:00:5e:00:53:72' });
    // The watching side's kernel ignores the RAs: only sniff works hard.
    lab.sysctl(nsW, { [`net.ipv6.conf.${vW}.accept_ra`]: 0 });
    lab.exec(nsW, ['ip', 'link', 'set', vW, 'up']);
    lab.exec(nsF, ['ip', 'link', 'set', vF, 'up']);

    const errPath = join(tmp, 'sniff.err');
    const out = openSync('/dev/null', 'w');
    const err = openSync(errPath, 'w');
    const sniff = spawn('ip', ['netns', 'exec', nsW, process.execPath, NDSIM, 'sniff', vW], { stdio: ['ignore', out, err], cwd: ROOT });
    const exited = new Promise<number | null>((r) => sniff.once('exit', r));
    const stderr = (): string => (existsSync(errPath) ? readFileSync(errPath, 'utf8') : '');
    await waitFor('sniff to listen', () => stderr().includes('listening on'), 60_000);
    await sleep(1000);
    const pid = sniff.pid!; // `ip netns exec` execs node: same pid
    const idleKb = procStatus(pid, 'VmRSS');
    const txBefore = Number(lab.exec(nsF, ['cat', `/sys/class/net/${vF}/statistics/tx_packets`]).trim());

    const flood = thc
      ? lab.spawn(nsF, ['timeout', '-s', 'INT', String(seconds), 'atk6-flood_router6', vF])
      : lab.spawn(nsF, ['/usr/bin/python3', '-c', RA_FLOOD_PY, vF, String(seconds)]);
    const started = Date.now();
    let peakRss = idleKb;
    while (flood.child.exitCode === null && flood.child.signalCode === null && Date.now() - started < (seconds + 5) * 1000) {
      peakRss = Math.max(peakRss, procStatus(pid, 'VmRSS'));
      await sleep(200);
    }
    await flood.stop('SIGINT', 3000);
    const floodS = (Date.now() - started) / 1000;
    const txAfter = Number(lab.exec(nsF, ['cat', `/sys/class/net/${vF}/statistics/tx_packets`]).trim());
    await sleep(1500); // let sniff drain its buffer
    const hwmKb = procStatus(pid, 'VmHWM');
    sniff.kill('SIGINT');
    const code = await Promise.race([exited, sleep(30_000).then(() => 'timeout')]);
    closeSync(out);
    closeSync(err);
    const captured = Number(stderr().match(/(\d+) frame\(s\) captured/)?.[1] ?? NaN);
    const sent = txAfter - txBefore;

    const row = {
      flooder: thc ? 'thc-ipv6 atk6-flood_router6' : 'scapy loop (thc-ipv6 not installed)',
      seconds: floodS.toFixed(1),
      sent,
      captured,
      rate: Math.round(captured / floodS),
      idleMb: mb(idleKb),
      peakMb: mb(Math.max(hwmKb, peakRss)),
      exit: code,
    };
    const text = `
## Live: \`ndsim sniff\` under an RA flood (bench/live-flood.ts)

\`node bin/run-ts.mjs bench/live-flood.ts\` — ${row.flooder} for ${seconds} s on a veth
between two network namespaces; \`ndsim sniff\` (text output to /dev/null, default
table caps and alert limits) on the other end. Peak RSS is the sniff process's VmHWM.

| flooder | flood | frames sent | frames annotated | rate | RSS idle | peak RSS | exit |
|---|---|---|---|---|---|---|---|
| ${row.flooder} | ${row.seconds} s | ${row.sent} | ${row.captured} | ${row.rate}/s | ${row.idleMb} MiB | ${row.peakMb} MiB | ${row.exit} |

Every RA comes from a new MAC with a new prefix, so the host, router and prefix
tables fill to their caps (4096 hosts, 64 routers, 256 prefixes) and evict the
least recently seen; memory stays bounded by the caps, not by the flood's length.
Frames sent but not annotated were dropped by the kernel's capture buffer while
sniff was busy (libpcap counts them; \`cap\` does not report them).
`;
    process.stdout.write(text);
    if (append) appendFileSync(join(ROOT, 'BENCHMARKS.md'), text);
  } finally {
    await lab.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
