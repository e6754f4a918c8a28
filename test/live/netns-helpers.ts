// Network namespaces, veth pairs and child processes for the privileged
// tests and the live benchmark: everything made here is recorded and torn
// down by cleanup(), whatever happened. Names are unique per process so
// parallel runs (and leftovers of a killed run) never collide; addresses are
// only from 2001:db8::/32 and link-local.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCap } from '../../src/live/capture.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NDSIM = join(ROOT, 'bin/ndsim.mjs');

export function which(cmd: string): string | null {
  for (const d of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) if (existsSync(join(d, cmd))) return join(d, cmd);
  return null;
}

/** Why privileged tests cannot run here, or null. */
export async function privilegedMissing(tools: string[] = []): Promise<string | null> {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'not root';
  for (const t of ['ip', ...tools]) if (which(t) === null) return `${t} not installed`;
  const cap = await loadCap();
  if (!cap.ok) return `cap cannot load (${cap.error.message})`;
  return null;
}

export const run = (cmd: string, args: string[], timeoutMs = 20_000): string =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs }).toString();

export async function waitFor(what: string, pred: () => boolean, ms: number, stepMs = 100): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return;
    await sleep(stepMs);
  }
  if (pred()) return;
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Proc {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
  /** Sends `signal`, waits up to `ms`, then SIGKILL. Resolves the exit code. */
  stop(signal?: NodeJS.Signals, ms?: number): Promise<number | null>;
}

/** A small IPv6 lab: namespaces, links and processes, all removed by cleanup(). */
export class Lab {
  readonly tag: string;
  private readonly namespaces: string[] = [];
  private readonly procs: Proc[] = [];

  constructor(name: string) {
    // veth names must fit IFNAMSIZ (15): "<2 letters><pid mod 1e5><role>".
    this.tag = `${name}${process.pid % 100_000}`;
  }

  /** A namespace with loopback up. */
  ns(role: string): string {
    const ns = `ndsim-${this.tag}-${role}`;
    run('ip', ['netns', 'add', ns]);
    this.namespaces.push(ns);
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** A veth pair with one end in each namespace, MACs set, EUI-64 link-locals. */
  veth(a: { ns: string; name: string; mac: string }, b: { ns: string; name: string; mac: string }): void {
    run('ip', ['link', 'add', a.name, 'netns', a.ns, 'type', 'veth', 'peer', 'name', b.name, 'netns', b.ns]);
    for (const e of [a, b]) {
      run('ip', ['-n', e.ns, 'link', 'set', e.name, 'address', e.mac]);
      run('ip', ['-n', e.ns, 'link', 'set', e.name, 'addrgenmode', 'eui64']);
      this.sysctl(e.ns, { [`net.ipv6.conf.${e.name}.use_tempaddr`]: 0 });
    }
  }

  sysctl(ns: string, kv: Record<string, string | number>): void {
    run('ip', ['netns', 'exec', ns, 'sysctl', '-qw', ...Object.entries(kv).map(([k, v]) => `${k}=${v}`)]);
  }

  exec(ns: string, args: string[], timeoutMs?: number): string {
    return run('ip', ['netns', 'exec', ns, ...args], timeoutMs);
  }

  /** `ip -6 addr show dev IF` in a namespace: address → flags. */
  addresses(ns: string, dev: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const m of this.exec(ns, ['ip', '-6', '-o', 'addr', 'show', 'dev', dev]).matchAll(/inet6 ([0-9a-f:]+)\/\d+ (.*)$/gm)) {
      out.set(m[1], m[2].split(/\s+/));
    }
    return out;
  }

  /** Starts a process inside a namespace; its output is collected. */
  spawn(ns: string, args: string[]): Proc {
    const child = spawn('ip', ['netns', 'exec', ns, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const p: Proc = {
      child,
      stdout: '',
      stderr: '',
      exited: new Promise((r) => child.once('exit', (code) => r(code))),
      async stop(signal: NodeJS.Signals = 'SIGINT', ms = 10_000) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill(signal);
          const t = setTimeout(() => child.kill('SIGKILL'), ms);
          const code = await p.exited;
          clearTimeout(t);
          return code;
        }
        return child.exitCode;
      },
    };
    child.stdout?.on('data', (d: Buffer) => (p.stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (p.stderr += d.toString()));
    this.procs.push(p);
    return p;
  }

  /** Kills every process still running, then removes the namespaces (and
   *  with them their interfaces). Never throws. */
  async cleanup(): Promise<void> {
    for (const p of this.procs) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await Promise.race([p.exited, sleep(2000)]);
      }
    }
    for (const ns of this.namespaces.reverse()) {
      try {
        run('ip', ['netns', 'del', ns]);
      } catch {
        // already gone
      }
    }
  }
}

/** A spoofed Router Advertisement, sent once with scapy (argv: iface, MAC, prefix). */
export const SPOOF_RA_PY = `
import sys
from scapy.all import Ether, IPv6, ICMPv6ND_RA, ICMPv6NDOptPrefixInfo, ICMPv6NDOptSrcLLAddr, sendp
from scapy.utils6 import in6_mactoifaceid
iface, mac, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
ll = "fe80::" + in6_mactoifaceid(mac)
p = (Ether(src=mac, dst="33:33:00:00:00:01") / IPv6(src=ll, dst="ff02::1", hlim=255)
     / ICMPv6ND_RA(routerlifetime=1800, prf=1) / ICMPv6NDOptSrcLLAddr(lladdr=mac)
     / ICMPv6NDOptPrefixInfo(prefix=prefix, prefixlen=64, L=1, A=1, validlifetime=600, preferredlifetime=300))
sendp(p, iface=iface, count=int(sys.argv[4]) if len(sys.argv) > 4 else 1, verbose=False)
`;

/** The scapy equivalent of thc-ipv6 dos-new-ip6: answers every DAD probe
 *  with an NA from a random MAC (argv: iface). */
export const DAD_DOS_PY = `
import sys, random
from scapy.all import sniff, sendp, Ether, IPv6, ICMPv6ND_NS, ICMPv6ND_NA, ICMPv6NDOptDstLLAddr
iface = sys.argv[1]
def answer(p):
    if ICMPv6ND_NS in p and p[IPv6].src == "::":
        t = p[ICMPv6ND_NS].tgt
        mac = "02:%02x:%02x:%02x:%02x:%02x" % tuple(random.randrange(256) for _ in range(5))
        sendp(Ether(src=mac, dst="33:33:00:00:00:01") / IPv6(src=t, dst="ff02::1", hlim=255)
              / ICMPv6ND_NA(tgt=t, R=0, S=0, O=1) / ICMPv6NDOptDstLLAddr(lladdr=mac), iface=iface, verbose=False)
print("ready", flush=True)
sniff(iface=iface, filter="icmp6", prn=answer, store=False)
`;

/** A flood of RAs with random sources and prefixes, as fast as scapy goes
 *  (argv: iface, seconds): the fallback for thc-ipv6 flood_router6. */
export const RA_FLOOD_PY = `
import sys, time, random
from scapy.all import Ether, IPv6, ICMPv6ND_RA, ICMPv6NDOptPrefixInfo, ICMPv6NDOptSrcLLAddr, conf
iface, seconds = sys.argv[1], float(sys.argv[2])
s = conf.L2socket(iface=iface)
end = time.time() + seconds
while time.time() < end:
    r = [random.randrange(256) for _ in range(5)]
    mac = "02:%02x:%02x:%02x:%02x:%02x" % tuple(r)
    s.send(Ether(src=mac, dst="33:33:00:00:00:01") / IPv6(src="fe80::%x:%x" % (r[0], r[1]), dst="ff02::1", hlim=255)
           / ICMPv6ND_RA(routerlifetime=1800) / ICMPv6NDOptSrcLLAddr(lladdr=mac)
           / ICMPv6NDOptPrefixInfo(prefix="2001:db8:%x:%x::" % (r[2], r[3]), prefixlen=64, L=1, A=1))
`;
