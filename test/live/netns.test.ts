// Privileged: a real Linux IPv6 stack and a real radvd, watched through the
// real `cap` addon. The test makes its own network namespace and veth pair
// (addresses only from 2001:db8::/32 and link-local), captures on the veth
// end left in the root namespace (its own IPv6 disabled, so every frame seen
// is the namespace's), and feeds the passive tracker.
//
// Skipped, with the reason in its title, when not root or when `cap` cannot
// load — unless NDSIM_REQUIRE_PRIVILEGED_TESTS=1 (CI), where a missing
// prerequisite fails. Namespace, links, radvd and temp files are removed in
// afterAll whatever happened.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCap, openCapture, type LiveCapture } from '../../src/live/capture.ts';
import { PassiveTracker, type Alert, type Annotation, type TrackerChange } from '../../src/live/tracker.ts';
import { decode } from '../../src/packet/decode.ts';

const NS = `ndsim-t-${process.pid}-a`;
const VROOT = `ndt${process.pid % 1_000_000}r`; // ≤ 15 characters (IFNAMSIZ)
const VPEER = `ndt${process.pid % 1_000_000}p`;
const PEER_MAC = '02:00:5e:00:53:0a';
const PEER_LL = 'fe80::5eff:fe00:530a'; // EUI-64 of PEER_MAC (RFC 4291 App. A)
const PEER_GLOBAL = '2001:db8::a';
const RADVD_PREFIX = '2001:db8:1::';

const required = process.env.NDSIM_REQUIRE_PRIVILEGED_TESTS === '1';

function which(cmd: string): boolean {
  return ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((d) => existsSync(join(d, cmd)));
}

async function missing(): Promise<string | null> {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'not root';
  if (!which('ip')) return 'iproute2 (ip) not installed';
  const cap = await loadCap();
  if (!cap.ok) return `cap cannot load (${cap.error.message})`;
  return null;
}

const reason = await missing();
const radvdMissing = which('radvd') ? null : 'radvd not installed';

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const inNs = (args: string[]): string => run('ip', ['netns', 'exec', NS, ...args]);
const quiet = (f: () => unknown): void => {
  try {
    f();
  } catch {
    // cleanup of something already gone
  }
};

async function waitFor(what: string, pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

if (reason !== null && required) {
  describe('netns live capture (NDSIM_REQUIRE_PRIVILEGED_TESTS=1)', () => {
    it('has its prerequisites', () => {
      throw new Error(`privileged tests required but cannot run: ${reason}`);
    });
  });
} else {
  // The reason is also in the suite title; the default reporter shows only counts for skipped files.
  if (reason !== null) console.warn(`test/live/netns.test.ts skipped: ${reason}`);
  describe.skipIf(reason !== null)(`netns live capture${reason !== null ? ` (skipped: ${reason})` : ''}`, () => {
    const tracker = new PassiveTracker();
    const annotations: Annotation[] = [];
    const changes: TrackerChange[] = [];
    const alerts: Alert[] = [];
    let capture: LiveCapture | null = null;
    let radvd: ChildProcess | null = null;
    let frames = 0;
    let tmp = '';

    const settle = (): void => {
      if (capture === null) return;
      const o = tracker.tick(capture.now());
      changes.push(...o.stateChanges);
      alerts.push(...o.alerts);
    };

    beforeAll(async () => {
      tmp = mkdtempSync(join(tmpdir(), 'ndsim-netns-'));
      run('ip', ['netns', 'add', NS]);
      run('ip', ['link', 'add', VROOT, 'type', 'veth', 'peer', 'name', VPEER]);
      // The root end stays silent: only the namespace's kernel speaks.
      writeFileSync(`/proc/sys/net/ipv6/conf/${VROOT}/disable_ipv6`, '1');
      run('ip', ['link', 'set', VPEER, 'netns', NS]);
      run('ip', ['-n', NS, 'link', 'set', VPEER, 'address', PEER_MAC]);
      run('ip', ['-n', NS, 'link', 'set', VPEER, 'addrgenmode', 'eui64']);
      inNs(['sysctl', '-qw', `net.ipv6.conf.${VPEER}.disable_ipv6=0`, `net.ipv6.conf.${VPEER}.dad_transmits=1`, `net.ipv6.conf.${VPEER}.accept_dad=1`]);
      run('ip', ['link', 'set', VROOT, 'up']);

      const opened = await openCapture({
        iface: VROOT,
        onFrame: (f) => {
          const o = tracker.observe(decode(f.data), f.timestampNs, { frameIndex: frames++ });
          annotations.push(...o.annotations);
          changes.push(...o.stateChanges);
          alerts.push(...o.alerts);
        },
      });
      if (!opened.ok) throw new Error(opened.error.message);
      capture = opened.capture;
    });

    afterAll(() => {
      capture?.close();
      if (radvd !== null && radvd.exitCode === null) radvd.kill('SIGKILL');
      quiet(() => run('ip', ['netns', 'del', NS])); // takes VPEER, and with it VROOT
      quiet(() => run('ip', ['link', 'del', VROOT]));
      if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
    });

    it("sees the kernel's DAD probe and infers the address preferred when the kernel does", async () => {
      run('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
      run('ip', ['-n', NS, 'link', 'set', VPEER, 'up']);
      run('ip', ['-n', NS, 'addr', 'add', `${PEER_GLOBAL}/64`, 'dev', VPEER]);

      await waitFor('the DAD probes', () => {
        const probed = annotations.filter((a) => a.kind === 'dad-probe').map((a) => (a.kind === 'dad-probe' ? a.target : ''));
        return probed.includes(PEER_LL) && probed.includes(PEER_GLOBAL);
      }, 10_000);
      const probe = annotations.find((a) => a.kind === 'dad-probe' && a.target === PEER_LL);
      expect(probe).toMatchObject({ kind: 'dad-probe', mac: PEER_MAC });

      // The kernel's own verdict: no address left tentative.
      await waitFor('the kernel to finish DAD', () => !inNs(['ip', '-6', 'addr', 'show', 'dev', VPEER]).includes('tentative'), 10_000);
      await waitFor('the tracker to agree', () => {
        settle();
        return changes.filter((c) => c.to === 'preferred' && c.reasonId === 'dad-succeeded').length >= 2;
      }, 3_000);
      const host = tracker.snapshot().hosts.find((h) => h.mac === PEER_MAC);
      const states = Object.fromEntries((host?.addresses ?? []).map((a) => [a.address, a.state]));
      expect(states[PEER_LL]).toBe('preferred');
      expect(states[PEER_GLOBAL]).toBe('preferred');
      // The kernel also joined groups (MLD) and, as a host, solicited routers.
      expect(annotations.some((a) => a.kind === 'mld' && a.mac === PEER_MAC)).toBe(true);
      await waitFor('a Router Solicitation', () => annotations.some((a) => a.kind === 'rs' && a.mac === PEER_MAC), 10_000);
      expect(alerts.filter((a) => a.severity !== 'info')).toEqual([]);
    });

    it.skipIf(radvdMissing !== null)(`learns radvd's router and prefix${radvdMissing ? ` (skipped: ${radvdMissing})` : ''}`, async () => {
      const conf = join(tmp, 'radvd.conf');
      writeFileSync(
        conf,
        `interface ${VPEER} {
  AdvSendAdvert on;
  MinRtrAdvInterval 3;
  MaxRtrAdvInterval 4;
  AdvDefaultLifetime 60;
  AdvLinkMTU 1400;
  prefix ${RADVD_PREFIX}/64 {
    AdvOnLink on;
    AdvAutonomous on;
    AdvValidLifetime 3600;
    AdvPreferredLifetime 1800;
  };
};
`,
      );
      inNs(['sysctl', '-qw', 'net.ipv6.conf.all.forwarding=1']); // radvd wants a router
      const child = spawn('ip', ['netns', 'exec', NS, 'radvd', '-n', '-C', conf, '-p', join(tmp, 'radvd.pid'), '-m', 'stderr'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      radvd = child;
      let log = '';
      child.stderr?.on('data', (d: Buffer) => (log += d.toString()));

      try {
        await waitFor('an RA from radvd', () => tracker.snapshot().routers.some((r) => r.mac === PEER_MAC), 15_000);
      } catch (e) {
        throw new Error(`${(e as Error).message}; radvd said: ${log.trim() || '(nothing)'}`);
      }
      const router = tracker.snapshot().routers.find((r) => r.mac === PEER_MAC)!;
      expect(router.params).toMatchObject({ router: PEER_LL, routerLifetime: 60, mtu: 1400 });
      const prefix = tracker.snapshot(capture!.now()).prefixes.find((p) => p.prefix === RADVD_PREFIX);
      expect(prefix).toMatchObject({ length: 64, router: PEER_MAC, L: true, A: true });
      expect(prefix!.remainingValidS).toBeLessThanOrEqual(3600);
      expect(prefix!.remainingValidS).toBeGreaterThan(3500);
      expect(changes.some((c) => c.kind === 'prefix' && c.key === `${RADVD_PREFIX}/64` && c.to === 'valid')).toBe(true);
      expect(alerts.some((a) => a.id === 'new-router' && a.host === PEER_MAC)).toBe(true);

      // RFC 4861 §6.2.5: a router that stops sends a final RA with lifetime 0.
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await waitFor('the final RA', () => alerts.some((a) => a.id === 'router-lifetime-zero' && a.host === PEER_MAC), 3_000);
    });
  });
}
