// The libpcap adapter against a fake `cap`: error mapping, frame copying,
// timestamps and the send guard. The real addon is exercised by netns.test.ts.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { icmp6Filter, openCapture, type CapHandle, type CapModule, type CapturedFrame } from '../../src/live/capture.ts';
import { LIBPCAP_HINT, LiveFailure, PERMISSION_HINT, SEND_HINT } from '../../src/live/errors.ts';

class FakeCap implements CapHandle {
  static devices = ['eth0', 'lo', 'any'];
  static last: FakeCap | null = null;
  static openError: string | null = null;
  static linkType = 'ETHERNET';
  buffer: Buffer | null = null;
  listener: ((n: number, t: boolean) => void) | null = null;
  sent: Uint8Array[] = [];
  closed = 0;
  opened: { device: string; filter: string } | null = null;
  constructor() {
    FakeCap.last = this;
  }
  static deviceList(): { name: string }[] {
    return FakeCap.devices.map((name) => ({ name }));
  }
  open(device: string, filter: string, _bufSize: number, buffer: Buffer): string {
    if (FakeCap.openError !== null) throw new Error(FakeCap.openError);
    this.opened = { device, filter };
    this.buffer = buffer;
    return FakeCap.linkType;
  }
  on(_e: 'packet', l: (n: number, t: boolean) => void): void {
    this.listener = l;
  }
  close(): void {
    this.closed++;
  }
  send(b: Buffer, n?: number): void {
    this.sent.push(new Uint8Array(b.subarray(0, n)));
  }
  /** What cap does: write into the one shared buffer, then emit. */
  emit(bytes: number[]): void {
    this.buffer!.fill(0);
    this.buffer!.set(bytes);
    this.listener!(bytes.length, false);
  }
}

const fake = (): CapModule => ({ Cap: FakeCap });
const deps = { loadCap: async () => fake(), osInterfaces: () => ['eth0', 'lo'] };

function reset(): void {
  FakeCap.openError = null;
  FakeCap.linkType = 'ETHERNET';
  FakeCap.last = null;
}

describe('openCapture errors, one clear line each', () => {
  it('cap missing or not built → the libpcap hint', async () => {
    const r = await openCapture({ iface: 'eth0', onFrame: () => {} }, {
      loadCap: async () => {
        throw new Error("Cannot find module '../build/Release/cap.node'");
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'cap-unavailable', message: LIBPCAP_HINT });
    expect(r.error.detail).toContain('cap.node');
  });

  it('unknown interface → lists the ones that exist', async () => {
    reset();
    const r = await openCapture({ iface: 'eht0', onFrame: () => {} }, deps);
    expect(!r.ok && r.error).toMatchObject({ code: 'unknown-interface', message: 'no interface named eht0; interfaces here: any, eth0, lo' });
    expect(FakeCap.last).toBeNull(); // never tried to open
  });

  it('permission denied by libpcap → root / CAP_NET_RAW hint', async () => {
    reset();
    FakeCap.openError = "eth0: You don't have permission to capture on that device (socket: Operation not permitted)";
    const r = await openCapture({ iface: 'eth0', onFrame: () => {} }, deps);
    expect(!r.ok && r.error.code).toBe('no-permission');
    expect(!r.ok && r.error.message).toBe(`capturing on eth0 ${PERMISSION_HINT}`);
  });

  it('a device libpcap cannot find though the OS listed it → unknown interface', async () => {
    reset();
    FakeCap.openError = 'eth0: No such device exists (SIOCGIFHWADDR: No such device)';
    const r = await openCapture({ iface: 'eth0', onFrame: () => {} }, deps);
    expect(!r.ok && r.error.code).toBe('unknown-interface');
  });

  it('non-Ethernet link type → refused, handle closed', async () => {
    reset();
    FakeCap.linkType = 'LINKTYPE_LINUX_SLL';
    const r = await openCapture({ iface: 'any', onFrame: () => {} }, deps);
    expect(!r.ok && r.error).toMatchObject({ code: 'link-type' });
    expect(!r.ok && r.error.message).toContain('LINKTYPE_LINUX_SLL');
    expect(FakeCap.last?.closed).toBe(1);
  });
});

describe('frames', () => {
  it('copies each frame out of the reused buffer and stamps it in epoch ns', async () => {
    reset();
    const got: CapturedFrame[] = [];
    let t = 1000n;
    const r = await openCapture(
      { iface: 'eth0', onFrame: (f) => got.push(f) },
      { ...deps, hrtime: () => t, epochNs: () => 1_700_000_000_000_000_000n },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(FakeCap.last?.opened).toEqual({ device: 'eth0', filter: icmp6Filter(false) });
    t = 1500n;
    FakeCap.last!.emit([1, 2, 3, 4]);
    t = 2500n;
    FakeCap.last!.emit([9, 9]);
    expect(got.map((f) => Array.from(f.data))).toEqual([[1, 2, 3, 4], [9, 9]]);
    expect(got.map((f) => f.timestampNs)).toEqual([1_700_000_000_000_000_500n, 1_700_000_000_000_001_500n]);
    expect(r.capture.now()).toBe(1_700_000_000_000_001_500n);
    expect(r.capture.stats.frames).toBe(2);
    r.capture.close();
    r.capture.close();
    expect(FakeCap.last!.closed).toBe(1);
  });

  it('the VLAN variant of the filter', async () => {
    reset();
    const r = await openCapture({ iface: 'eth0', vlan: true, onFrame: () => {} }, deps);
    expect(r.ok && r.capture.filter).toBe(icmp6Filter(true));
    expect(icmp6Filter(true)).toContain('vlan and');
  });

  it.skipIf(!hasTcpdump())('both filters compile with libpcap (tcpdump -d)', () => {
    for (const f of [icmp6Filter(false), icmp6Filter(true)]) {
      const out = execFileSync('tcpdump', ['-y', 'EN10MB', '-d', f], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      expect(out).toMatch(/ret\s+#0/);
    }
  });
});

describe('send', () => {
  it('throws "nothing is transmitted without --allow-send" unless allowed', async () => {
    reset();
    const r = await openCapture({ iface: 'eth0', onFrame: () => {} }, deps);
    if (!r.ok) throw new Error(r.error.message);
    expect(() => r.capture.send(new Uint8Array([1]))).toThrow(SEND_HINT);
    expect(() => r.capture.send(new Uint8Array([1]))).toThrow(LiveFailure);
    expect(FakeCap.last!.sent).toEqual([]);
  });

  it('sends the bytes when allowSend is set', async () => {
    reset();
    const r = await openCapture({ iface: 'eth0', allowSend: true, onFrame: () => {} }, deps);
    if (!r.ok) throw new Error(r.error.message);
    const frame = new Uint8Array([0, 1, 2, 3, 4, 5, 6]).subarray(2);
    r.capture.send(frame);
    expect(FakeCap.last!.sent.map((b) => Array.from(b))).toEqual([[2, 3, 4, 5, 6]]);
  });
});

it('loads cap lazily: no static import of it anywhere in src/live', () => {
  for (const f of ['capture.ts', 'tracker.ts', 'alerts.ts', 'errors.ts']) {
    const text = readFileSync(new URL(`../../src/live/${f}`, import.meta.url), 'utf8');
    expect(text, f).not.toMatch(/^\s*import[^;]*from\s*['"]cap['"]/m);
    expect(text, f).not.toMatch(/require\(\s*['"]cap['"]\s*\)/);
  }
});

function hasTcpdump(): boolean {
  try {
    execFileSync('tcpdump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
