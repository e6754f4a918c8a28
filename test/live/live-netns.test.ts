// Privileged: `ndsim annotate`, `ndsim sniff` and `ndsim attach` against
// real peers — the Linux IPv6 stack, radvd, tcpdump, scapy and thc-ipv6 —
// in network namespaces this file creates (Lab, netns-helpers.ts).
//
//   watch   nsH (kernel host) ── veth ── nsR (radvd; a macvlan on the same
//           wire for the attacker). tcpdump -w and `ndsim sniff --json` in
//           nsH record the kernel's SLAAC with radvd, then a spoofed RA
//           (scapy) and a DAD DoS (thc-ipv6 dos-new-ip6, or scapy).
//   attach  nsK (kernel host) ── veth ── nsS (`ndsim attach`, IPv6 off):
//           a simulated radvd router and two simulated hosts.
//
// Skipped, with the reason in the title, when not root or `cap` cannot
// load — unless NDSIM_REQUIRE_PRIVILEGED_TESTS=1 (CI), where that fails.
// Every process is killed and every namespace removed in afterAll.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAD_DOS_PY, Lab, NDSIM, privilegedMissing, ROOT, SPOOF_RA_PY, sleep, waitFor, which, type Proc } from './netns-helpers.ts';

const required = process.env.NDSIM_REQUIRE_PRIVILEGED_TESTS === '1';
const reason = await privilegedMissing(['radvd', 'tcpdump', 'ping']);
const PY = '/usr/bin/python3';
const THC = which('atk6-dos-new-ip6') !== null;

const H_MAC = '02:00:5e:00:53:41';
const R_MAC = '02:00:5e:00:53:42';
const EVIL_MAC = '02:00:5e:00:53:66';
const PREFIX = '2001:db8:41::';
const BAD_PREFIX = '2001:db8:bad::';
const DOS_ADDR = '2001:db8:41::99';

type Json = Record<string, any>;
const ndjson = (s: string): Json[] => s.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

/** Kernel address flags → the state a passive observer should infer. */
function expectedState(flags: string[]): string {
  if (flags.includes('dadfailed')) return 'duplicate';
  if (flags.includes('tentative')) return 'tentative';
  return 'preferred';
}

/** Checks one NDJSON annotation stream (annotate or sniff) against what the
 *  kernel itself reported. */
function checkStream(lines: Json[], kernel: Map<string, string[]>, hLinkLocal: string, hGlobal: string): void {
  const frames = lines.filter((l) => l.frame != null);
  const anns = frames.flatMap((l) => l.annotations.map((a: Json) => ({ ...a, index: l.index, key: l.explanation?.key })));
  // The kernel's DAD probes, named as such by the tracker and the catalogue.
  for (const target of [hLinkLocal, hGlobal]) {
    expect(anns.find((a) => a.kind === 'dad-probe' && a.target === target && a.mac === H_MAC), `DAD probe for ${target}`).toMatchObject({ key: 'frame.ns.dad' });
  }
  expect(anns.find((a) => a.kind === 'rs' && a.mac === H_MAC)).toMatchObject({ key: 'frame.rs' });
  const ra = anns.find((a) => a.kind === 'ra' && a.router === R_MAC);
  expect(ra?.key).toBe('frame.ra.default');
  expect(ra.params.prefixes.map((p: Json) => p.prefix)).toContain(PREFIX);
  // The global address becomes preferred at the end of its DAD.
  const changes = lines.flatMap((l) => l.stateChanges ?? []);
  expect(changes.some((c) => c.host === H_MAC && c.key === hGlobal && c.to === 'preferred' && c.reasonId === 'dad-succeeded')).toBe(true);
  // The inferred state of the host matches `ip -6 addr` in its namespace.
  const summary = lines.at(-1)!.summary;
  const host = summary.hosts.find((h: Json) => h.mac === H_MAC);
  const inferred = Object.fromEntries(host.addresses.map((a: Json) => [a.address, a.state]));
  const fromKernel = Object.fromEntries([...kernel].map(([a, flags]) => [a, expectedState(flags)]));
  expect(inferred).toEqual(fromKernel);
  // The spoofed RA is a rogue router (--routers names radvd's MAC only)…
  const alerts = lines.flatMap((l) => l.alerts ?? []);
  const rogue = alerts.find((a) => a.id === 'rogue-router');
  expect(rogue).toMatchObject({ severity: 'critical', host: EVIL_MAC });
  expect(frames.find((l) => l.index === rogue.frames[0])?.explanation.text).toMatch(/not a legitimate router/);
  expect(alerts.some((a) => a.id === 'rogue-router' && a.host === R_MAC)).toBe(false);
  // …and the answered DAD probe for an address nobody used is a DAD DoS.
  expect(alerts.find((a) => a.id === 'dad-dos')).toMatchObject({ severity: 'critical', address: DOS_ADDR });
  expect(inferred[DOS_ADDR]).toBe('duplicate');
}

if (reason !== null && required) {
  describe('live commands on real links (NDSIM_REQUIRE_PRIVILEGED_TESTS=1)', () => {
    it('has its prerequisites', () => {
      throw new Error(`privileged tests required but cannot run: ${reason}`);
    });
  });
} else {
  if (reason !== null) console.warn(`test/live/live-netns.test.ts skipped: ${reason}`);
  const skipped = reason !== null ? ` (skipped: ${reason})` : '';

  describe.skipIf(reason !== null)(`annotate and sniff: kernel SLAAC with radvd, a spoofed RA, ${THC ? 'thc-ipv6 dos-new-ip6' : 'a scapy DAD DoS (thc-ipv6 not installed)'}${skipped}`, () => {
    const lab = new Lab('nw');
    let tmp = '';
    let pcap = '';
    let sniff: Proc;
    let sniffCode: number | null = null;
    let kernel = new Map<string, string[]>();
    const vH = `nw${process.pid % 100_000}h`;
    const vR = `nw${process.pid % 100_000}r`;
    const vA = `nw${process.pid % 100_000}a`;
    const hLinkLocal = 'fe80::5eff:fe00:5341';
    const hGlobal = `${PREFIX}5eff:fe00:5341`;

    beforeAll(async () => {
      tmp = mkdtempSync(join(tmpdir(), 'ndsim-live-'));
      pcap = join(tmp, 'slaac.pcap');
      const nsH = lab.ns('h');
      const nsR = lab.ns('r');
      lab.veth({ ns: nsH, name: vH, mac: H_MAC }, { ns: nsR, name: vR, mac: R_MAC });
      // The attacker: another MAC on the router's side of the wire.
      lab.exec(nsR, ['ip', 'link', 'add', vA, 'link', vR, 'type', 'macvlan', 'mode', 'bridge']);
      lab.exec(nsR, ['ip', 'link', 'set', vA, 'address', EVIL_MAC]);
      lab.sysctl(nsR, { 'net.ipv6.conf.all.forwarding': 1, [`net.ipv6.conf.${vA}.disable_ipv6`]: 1 });
      lab.sysctl(nsH, { [`net.ipv6.conf.${vH}.accept_dad`]: 1, [`net.ipv6.conf.${vH}.dad_transmits`]: 1, [`net.ipv6.conf.${vH}.accept_ra`]: 1 });
      // Up without carrier (the peer is down): capture can start before
      // the kernel begins DAD, which waits for carrier.
      lab.exec(nsH, ['ip', 'link', 'set', vH, 'up']);

      const tcpdump = lab.spawn(nsH, ['tcpdump', '-Z', 'root', '-U', '-i', vH, '-w', pcap]);
      sniff = lab.spawn(nsH, [process.execPath, NDSIM, 'sniff', vH, '--json', '--routers', R_MAC]);
      await waitFor('tcpdump to listen', () => tcpdump.stderr.includes('listening on'), 15_000);
      await waitFor('ndsim sniff to listen', () => sniff.stderr.includes('listening on') || sniff.child.exitCode !== null, 30_000);
      if (sniff.child.exitCode !== null) throw new Error(`ndsim sniff exited: ${sniff.stderr}`);

      const conf = join(tmp, 'radvd.conf');
      writeFileSync(conf, `interface ${vR} {\n  AdvSendAdvert on;\n  MinRtrAdvInterval 3;\n  MaxRtrAdvInterval 4;\n  prefix ${PREFIX}/64 { AdvValidLifetime 3600; AdvPreferredLifetime 1800; };\n};\n`);
      const radvd = lab.spawn(nsR, ['radvd', '-n', '-C', conf, '-p', join(tmp, 'radvd.pid'), '-m', 'stderr']);
      lab.exec(nsR, ['ip', 'link', 'set', vR, 'up']);
      lab.exec(nsR, ['ip', 'link', 'set', vA, 'up']);
      try {
        await waitFor('the kernel to form and keep its SLAAC address', () => {
          const f = lab.addresses(nsH, vH).get(hGlobal);
          return f !== undefined && !f.includes('tentative');
        }, 20_000, 200);
      } catch (e) {
        throw new Error(`${(e as Error).message}; radvd said: ${radvd.stderr.trim() || '(nothing)'}`);
      }
      await sleep(1500);

      // A rogue router: an RA from a MAC that is not radvd's, with its own prefix.
      lab.exec(nsR, [PY, '-c', SPOOF_RA_PY, vA, EVIL_MAC, BAD_PREFIX]);
      await waitFor('the kernel to take the rogue prefix', () => [...lab.addresses(nsH, vH)].some(([a, f]) => a.startsWith('2001:db8:bad:') && !f.includes('tentative')), 10_000, 200);

      // A DAD DoS: every probe answered, so a new address never comes up.
      const dos = THC ? lab.spawn(nsR, ['atk6-dos-new-ip6', vA]) : lab.spawn(nsR, [PY, '-c', DAD_DOS_PY, vA]);
      if (THC) await sleep(2000); // it prints nothing until it exits (buffered stdout)
      else await waitFor('the scapy DAD responder', () => dos.stdout.includes('ready'), 15_000);
      lab.exec(nsH, ['ip', 'addr', 'add', `${DOS_ADDR}/64`, 'dev', vH]);
      await waitFor('the kernel to give up the attacked address', () => lab.addresses(nsH, vH).get(DOS_ADDR)?.includes('dadfailed') === true, 10_000, 200);
      await dos.stop('SIGINT', 3000);
      kernel = lab.addresses(nsH, vH);

      await sleep(1000);
      sniffCode = await sniff.stop('SIGINT', 15_000);
      await tcpdump.stop('SIGINT', 5000);
      await radvd.stop('SIGTERM', 5000);
    }, 120_000);

    afterAll(async () => {
      await lab.cleanup();
      if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
    });

    it("ndsim annotate names the kernel's DAD probes, RS, radvd's RA, the address becoming preferred, and both attacks", () => {
      const out = execFileSync(process.execPath, [NDSIM, 'annotate', pcap, '--json', '--routers', R_MAC], { cwd: ROOT, timeout: 60_000, maxBuffer: 64 << 20 }).toString();
      checkStream(ndjson(out), kernel, hLinkLocal, hGlobal);
    });

    it('ndsim sniff saw the same live, and stopped cleanly on SIGINT with the summary', () => {
      expect(sniffCode).toBe(0);
      expect(sniff.stderr).toMatch(/ndsim sniff: \d+ frame\(s\) captured/);
      checkStream(ndjson(sniff.stdout), kernel, hLinkLocal, hGlobal);
    });

    it('the text form of annotate shows the alerts as lines', () => {
      const out = execFileSync(process.execPath, [NDSIM, 'annotate', pcap, '--routers', R_MAC], { cwd: ROOT, timeout: 60_000, maxBuffer: 64 << 20 }).toString();
      expect(out).toMatch(new RegExp(`!! critical rogue-router: ${EVIL_MAC} .* sends RAs but is not an allowed router`));
      expect(out).toMatch(/!! critical dad-dos: /);
      expect(out).toMatch(new RegExp(`prefix {2}${PREFIX}/64 from ${R_MAC} L A: valid \\d+ s left`));
    });
  });

  describe.skipIf(reason !== null)(`attach: simulated router and hosts on a real link${skipped}`, () => {
    const lab = new Lab('na');
    let tmp = '';
    let nsK = '';
    let nsS = '';
    let attach: Proc;
    const vK = `na${process.pid % 100_000}k`;
    const vS = `na${process.pid % 100_000}s`;
    const K_MAC = '02:00:5e:00:53:51';
    const H1 = '2001:db8:77::5eff:fe00:5322'; // h1's SLAAC address (EUI-64 of 02:00:5e:00:53:22)
    const KERNEL_OWNED = '2001:db8:78::5';
    let scenario = '';

    beforeAll(async () => {
      tmp = mkdtempSync(join(tmpdir(), 'ndsim-attach-'));
      nsK = lab.ns('k');
      nsS = lab.ns('s');
      lab.veth({ ns: nsK, name: vK, mac: K_MAC }, { ns: nsS, name: vS, mac: '02:00:5e:00:53:52' });
      // The simulator's side is silent: only the simulated nodes speak there.
      lab.sysctl(nsS, { [`net.ipv6.conf.${vS}.disable_ipv6`]: 1 });
      lab.sysctl(nsK, { [`net.ipv6.conf.${vK}.accept_ra`]: 1, [`net.ipv6.conf.${vK}.accept_dad`]: 1 });
      lab.exec(nsK, ['ip', 'addr', 'add', `${KERNEL_OWNED}/64`, 'dev', vK, 'nodad']);
      lab.exec(nsS, ['ip', 'link', 'set', vS, 'up']);
      scenario = join(tmp, 'attach.yaml');
      writeFileSync(
        scenario,
        `name: a simulated router and hosts on a real link
links: [{ name: lan0 }]
nodes:
  - name: r1
    role: router
    mac: "02:00:5e:00:53:21"
    link: lan0
    radvd: { MinRtrAdvInterval: 3, MaxRtrAdvInterval: 4, AdvDefaultPreference: high, prefixes: [{ prefix: "2001:db8:77::/64" }] }
  - { name: h1, role: host, mac: "02:00:5e:00:53:22", link: lan0 }
  - { name: h2, role: host, mac: "02:00:5e:00:53:23", link: lan0 }
timeline:
  - { at: 0s, do: link-up, node: r1 }
  - { at: 0s, do: link-up, node: h1 }
  - { at: 0s, do: link-up, node: h2 }
  - { at: 6s, do: "ip addr add ${KERNEL_OWNED}/64 dev eth0", node: h2 }
`,
      );
      lab.exec(nsK, ['ip', 'link', 'set', vK, 'up']);
    }, 60_000);

    afterAll(async () => {
      await lab.cleanup();
      if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
    });

    it('without --allow-send nothing reaches the kernel, says so, and the trace still shows what r1 would send', async () => {
      const passive = lab.spawn(nsS, [process.execPath, NDSIM, 'attach', vS, scenario, '--json', '--until', '6s']);
      const code = await Promise.race([passive.exited, sleep(40_000).then(() => 'timeout')]);
      expect(code).toBe(0);
      expect(passive.stderr).toMatch(new RegExp(`passive: nothing is transmitted on ${vS} \\(add --allow-send\\)`));
      expect(passive.stderr).toMatch(/, 0 transmitted\n/);
      const ras = ndjson(passive.stdout).filter((e) => e.type === 'tx' && e.node === 'r1' && e.frame.icmpv6?.type === 134);
      expect(ras.length).toBeGreaterThan(0);
      expect([...lab.addresses(nsK, vK).keys()].some((a) => a.startsWith('2001:db8:77:'))).toBe(false);
      expect(lab.exec(nsK, ['ip', '-6', 'route', 'show', 'default'])).toBe('');
    }, 60_000);

    it('with --allow-send: the kernel forms 2001:db8:77:… from the simulated RA and installs the default route with pref high', async () => {
      attach = lab.spawn(nsS, [process.execPath, NDSIM, 'attach', vS, scenario, '--allow-send', '--json']);
      await waitFor('the send warning', () => attach.stderr.includes('ndsim attach: warning:') || attach.child.exitCode !== null, 30_000);
      expect(attach.stderr).toContain(`r1 will send Router Advertisements for 2001:db8:77::/64 on ${vS}: real hosts on this link will configure addresses and routes from them`);
      await waitFor('the kernel to configure 2001:db8:77::/64', () => {
        const f = lab.addresses(nsK, vK).get('2001:db8:77::5eff:fe00:5351');
        return f !== undefined && !f.includes('tentative');
      }, 30_000, 200);
      const route = lab.exec(nsK, ['ip', '-6', 'route', 'show', 'default']);
      expect(route).toMatch(new RegExp(`^default via fe80::5eff:fe00:5321 dev ${vK} proto ra .*pref high`, 'm'));
    }, 60_000);

    it("the kernel's ping to a simulated host's global address gets replies", async () => {
      await waitFor("h1's global address", () => ndjson(attach.stdout).some((e) => e.type === 'state' && e.node === 'h1' && e.key === H1 && e.to === 'preferred'), 20_000, 200);
      const out = lab.exec(nsK, ['ping', '-6', '-c', '2', '-W', '2', '-i', '0.5', H1], 20_000);
      expect(out).toMatch(/2 packets transmitted, 2 received/);
      // (execFileSync blocked this process: let the trace written meanwhile arrive.)
      const replies = () => ndjson(attach.stdout).filter((e) => e.type === 'tx' && e.node === 'h1' && e.frame.icmpv6?.type === 129).length;
      await waitFor("h1's echo replies in the trace", () => replies() >= 2, 5000);
      const events = ndjson(attach.stdout);
      // The kernel's echo requests appear in the trace as frames from the wire.
      expect(events.some((e) => e.type === 'tx' && e.node === vS && e.frame.icmpv6?.type === 128)).toBe(true);
    }, 60_000);

    it("a simulated host probing an address the kernel owns detects the duplicate from the kernel's NA", async () => {
      await waitFor("h2's verdict", () => ndjson(attach.stdout).some((e) => e.type === 'state' && e.node === 'h2' && e.key === KERNEL_OWNED && e.to !== 'tentative' && e.from === 'tentative'), 20_000, 200);
      const verdict = ndjson(attach.stdout).find((e) => e.type === 'state' && e.node === 'h2' && e.key === KERNEL_OWNED && e.from === 'tentative');
      expect(verdict).toMatchObject({ to: 'duplicate', reasonId: 'dad-failed' });
      expect(verdict!.reason).toContain(K_MAC);
      // The kernel kept its address.
      expect(lab.addresses(nsK, vK).get(KERNEL_OWNED)).not.toContain('dadfailed');
      expect(await attach.stop('SIGINT', 15_000)).toBe(0);
      expect(attach.stderr).toMatch(/ndsim attach: [\d.]+ s on .*: \d+ frame\(s\) captured \(0 our own\)/);
    }, 60_000);

    it('live errors are one line and exit code 4: an unknown interface lists the real ones', () => {
      let status = 0;
      let stderr = '';
      try {
        execFileSync('ip', ['netns', 'exec', nsS, process.execPath, NDSIM, 'sniff', 'ndsim-nope0'], { timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        status = (e as { status: number }).status;
        stderr = String((e as { stderr: Buffer }).stderr);
      }
      expect(status).toBe(4);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ndsim sniff: no interface named ndsim-nope0; interfaces here: /);
      expect(lines[0].split(': ').at(-1)!.split(', ')).toEqual(expect.arrayContaining(['lo', vS]));
    }, 40_000);
  });
}
