import { describe, expect, it } from 'vitest';
import { encode } from '../../src/packet/encode.ts';
import { decode } from '../../src/packet/decode.ts';
import type { Action } from '../../src/nd/machine.ts';
import type { MldV2Report } from '../../src/packet/types.ts';
import { isReportable, MldListener } from '../../src/slaac/mld.ts';
import { seeded, S } from './harness.ts';

function listener(source: string | null = null) {
  const out: Action[] = [];
  const m = new MldListener({
    ifname: 'eth0', mac: () => '00:11:22:33:44:55', random: seeded(7), reportSource: () => source, canSend: () => true, qrv: () => 2, unsolicitedReportIntervalMs: () => 1000,
  });
  const reports = () => out.flatMap((a) => (a.kind === 'send' ? [a.frame] : []));
  return { m, out, reports };
}

describe('MLDv2 listener (RFC 3810)', () => {
  it('never reports ff02::1 or interface-local groups, but programs the NIC filter', () => {
    const { m, out, reports } = listener();
    m.join('ff02::1', 'all-nodes', 0, out);
    m.join('ff01::1', 'interface-local', 0, out);
    expect(reports()).toHaveLength(0);
    expect(out.filter((a) => a.kind === 'joinGroup').map((a) => (a as { mac: string }).mac)).toEqual(['33:33:00:00:00:01', '33:33:00:00:00:01']);
    expect([isReportable('ff02::1'), isReportable('ff01::2'), isReportable('ff02::2'), isReportable('ff05::2')]).toEqual([false, false, true, true]);
  });

  it('join → CHANGE_TO_EXCLUDE {} at once and once more within the Unsolicited Report Interval; the frame encodes', () => {
    const { m, out, reports } = listener('fe80::211:22ff:fe33:4455');
    m.join('ff02::1:ff33:4455', 'test', 0, out);
    const timer = out.find((a) => a.kind === 'setTimer') as { key: string; at: number };
    expect(timer.key).toBe('mld:ifc');
    expect(timer.at).toBeLessThan(S);
    m.onTimer('mld:ifc', timer.at, out);
    expect(reports()).toHaveLength(2);
    for (const f of reports()) {
      expect((f.ipv6!.icmpv6 as MldV2Report).records).toEqual([{ recordType: 4, multicastAddress: 'ff02::1:ff33:4455', sources: [] }]);
      expect(f.ipv6!.src).toBe('fe80::211:22ff:fe33:4455');
      const d = decode(encode(f));
      expect(d.error).toBeNull();
      expect(d.checksumValid).toBe(true);
      expect((d.frame!.ipv6!.icmpv6 as MldV2Report).records[0].recordType).toBe(4);
    }
    expect(out.filter((a) => a.kind === 'setTimer')).toHaveLength(1);
  });

  it('groups are counted: only the last leave reports CHANGE_TO_INCLUDE {}', () => {
    const { m, out, reports } = listener();
    m.join('ff02::1:ff33:4455', 'a', 0, out);
    m.join('ff02::1:ff33:4455', 'b', 0, out);
    expect(reports()).toHaveLength(1);
    m.leave('ff02::1:ff33:4455', 'a', 0, out);
    expect(reports()).toHaveLength(1);
    m.leave('ff02::1:ff33:4455', 'b', 0, out);
    const last = reports().at(-1)!.ipv6!.icmpv6 as MldV2Report;
    expect(last.records).toContainEqual({ recordType: 3, multicastAddress: 'ff02::1:ff33:4455', sources: [] });
    expect(out.some((a) => a.kind === 'leaveGroup')).toBe(true);
    expect(m.isMember('ff02::1:ff33:4455')).toBe(false);
  });
});
