import { describe, expect, it } from 'vitest';
import { macBytes } from '../../src/packet/address.ts';
import { ethernetPayloadLength, Link, type LinkOptions, Nic } from '../../src/sim/link.ts';
import { SimNode } from '../../src/sim/node.ts';
import { streamFor } from '../../src/sim/rng.ts';

/** An Ethernet frame to `dst` with `payload` bytes of (fake) IPv6 payload. */
function frameTo(dst: string, payload = 40): Uint8Array {
  const b = new Uint8Array(14 + payload);
  b.set(macBytes(dst), 0);
  b.set(macBytes('02:00:00:00:00:ff'), 6);
  b[12] = 0x86;
  b[13] = 0xdd;
  return b;
}

/** A link with NICs n0..n(k-1) (MAC 02:00:00:00:00:0i), all up. */
function lan(k: number, opts: Partial<LinkOptions> = {}) {
  const link = new Link({ name: 'lan0', ...opts }, streamFor(1, 'link:lan0'));
  const nics: Nic[] = [];
  for (let i = 0; i < k; i++) {
    const nic = new Nic(new SimNode(`n${i}`, streamFor(1, `n${i}`)), 'eth0', `02:00:00:00:00:0${i}`, link);
    nic.up = true;
    link.attach(nic);
    nics.push(nic);
  }
  return { link, nics };
}

const names = (nics: Nic[]) => nics.map((n) => n.node.name);
const ALL_NODES_MAC = '33:33:00:00:00:01';
const SOLICITED_MAC = '33:33:ff:00:00:02';

describe('Link filtering', () => {
  it('unicast reaches only the NIC with that MAC, never the sender', () => {
    const { link, nics } = lan(4);
    expect(names(link.plan(nics[0], '02:00:00:00:00:02').receivers)).toEqual(['n2']);
    expect(link.plan(nics[0], '02:00:00:00:00:00').receivers).toEqual([]); // to itself
    expect(link.plan(nics[0], '02:00:00:00:00:09').receivers).toEqual([]); // nobody has it
  });

  it('broadcast reaches every other NIC', () => {
    const { link, nics } = lan(4);
    expect(names(link.plan(nics[1], 'ff:ff:ff:ff:ff:ff').receivers)).toEqual(['n0', 'n2', 'n3']);
  });

  it('multicast reaches the NICs that joined the group, and nobody when none did', () => {
    const { link, nics } = lan(4);
    expect(link.plan(nics[0], SOLICITED_MAC).receivers).toEqual([]);
    link.join(nics[2], SOLICITED_MAC);
    for (const n of nics) link.join(n, ALL_NODES_MAC);
    expect(names(link.plan(nics[0], SOLICITED_MAC).receivers)).toEqual(['n2']);
    expect(names(link.plan(nics[0], ALL_NODES_MAC).receivers)).toEqual(['n1', 'n2', 'n3']);
    expect(nics[2].accepts(SOLICITED_MAC)).toBe(true);
    expect(nics[3].accepts(SOLICITED_MAC)).toBe(false);
  });

  it('joins are reference-counted: the filter passes the group until the last leave', () => {
    const { link, nics } = lan(2);
    // Two addresses whose solicited-node groups share a MAC join it twice.
    expect(link.join(nics[1], SOLICITED_MAC)).toBe(1);
    expect(link.join(nics[1], SOLICITED_MAC)).toBe(2);
    expect(link.leave(nics[1], SOLICITED_MAC)).toBe(1);
    expect(names(link.plan(nics[0], SOLICITED_MAC).receivers)).toEqual(['n1']);
    expect(link.leave(nics[1], SOLICITED_MAC)).toBe(0);
    expect(link.plan(nics[0], SOLICITED_MAC).receivers).toEqual([]);
    expect(() => link.leave(nics[1], SOLICITED_MAC)).toThrow(/n1\/eth0: leaves multicast MAC 33:33:ff:00:00:02 it never joined/);
    expect(() => link.join(nics[1], '02:00:00:00:00:05')).toThrow(/not a multicast MAC/);
  });

  it('group membership grows from one NIC to many and back, keeping join order', () => {
    const { link, nics } = lan(4);
    link.join(nics[3], SOLICITED_MAC);
    expect(link.memberCount(SOLICITED_MAC)).toBe(1);
    link.join(nics[1], SOLICITED_MAC);
    link.join(nics[2], SOLICITED_MAC);
    expect(names(link.plan(nics[0], SOLICITED_MAC).receivers)).toEqual(['n3', 'n1', 'n2']);
    link.leave(nics[3], SOLICITED_MAC);
    link.leave(nics[1], SOLICITED_MAC);
    expect(link.memberCount(SOLICITED_MAC)).toBe(1);
    expect(names(link.plan(nics[0], SOLICITED_MAC).receivers)).toEqual(['n2']);
    link.leave(nics[2], SOLICITED_MAC);
    expect(link.memberCount(SOLICITED_MAC)).toBe(0);
    // Detaching a NIC takes its joins off the link; attaching restores them.
    link.join(nics[1], ALL_NODES_MAC);
    link.join(nics[1], ALL_NODES_MAC);
    link.detach(nics[1]);
    expect(link.memberCount(ALL_NODES_MAC)).toBe(0);
    link.attach(nics[1]);
    expect(link.memberCount(ALL_NODES_MAC)).toBe(1);
    expect(nics[1].joins(ALL_NODES_MAC)).toBe(2);
  });

  it('a promiscuous NIC sees every frame once, including ones to nobody', () => {
    const { link, nics } = lan(4);
    link.setPromiscuous(nics[3], true);
    link.join(nics[3], ALL_NODES_MAC);
    link.join(nics[1], ALL_NODES_MAC);
    expect(names(link.plan(nics[0], '02:00:00:00:00:02').receivers)).toEqual(['n2', 'n3']);
    expect(names(link.plan(nics[0], '02:00:00:00:00:03').receivers)).toEqual(['n3']);
    expect(names(link.plan(nics[0], SOLICITED_MAC).receivers)).toEqual(['n3']);
    // Group members are served in join order.
    expect(names(link.plan(nics[0], ALL_NODES_MAC).receivers)).toEqual(['n3', 'n1']);
    expect(names(link.plan(nics[0], 'ff:ff:ff:ff:ff:ff').receivers)).toEqual(['n1', 'n2', 'n3']);
    expect(link.plan(nics[3], '02:00:00:00:00:03').receivers).toEqual([]); // not its own frames
    link.setPromiscuous(nics[3], false);
    expect(names(link.plan(nics[0], '02:00:00:00:00:02').receivers)).toEqual(['n2']);
  });

  it('a NIC that is down neither receives nor sends', () => {
    const { link, nics } = lan(3);
    nics[2].up = false;
    expect(names(link.plan(nics[0], 'ff:ff:ff:ff:ff:ff').receivers)).toEqual(['n1']);
    expect(link.checkTransmit(nics[2], frameTo('ff:ff:ff:ff:ff:ff'))).toBe('nic-down');
    expect(link.checkTransmit(nics[0], frameTo('ff:ff:ff:ff:ff:ff'))).toBeNull();
  });

  it('a link that is down carries nothing and says so', () => {
    const { link, nics } = lan(3);
    link.up = false;
    expect(link.checkTransmit(nics[0], frameTo('ff:ff:ff:ff:ff:ff'))).toBe('link-down');
  });
});

describe('Link partition', () => {
  it('a cut-off NIC loses frames both ways, and hears again after rejoining', () => {
    const { link, nics } = lan(4);
    link.partition([nics[2], nics[3]]);
    const plan = link.plan(nics[0], 'ff:ff:ff:ff:ff:ff');
    expect(names(plan.receivers)).toEqual(['n1']);
    expect(plan.losses.map((l) => [l.nic?.node.name, l.reason])).toEqual([['n2', 'partition'], ['n3', 'partition']]);
    // The cut-off side still hears itself.
    expect(names(link.plan(nics[2], 'ff:ff:ff:ff:ff:ff').receivers)).toEqual(['n3']);
    link.rejoin(nics[2]);
    link.rejoin(nics[3]);
    expect(names(link.plan(nics[0], 'ff:ff:ff:ff:ff:ff').receivers)).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('Link impairments', () => {
  it('loss drops about p of the deliveries and names each one', () => {
    const { link, nics } = lan(2, { loss: 0.3 });
    let lost = 0;
    let got = 0;
    for (let i = 0; i < 5000; i++) {
      const plan = link.plan(nics[0], '02:00:00:00:00:01');
      got += plan.receivers.length;
      for (const l of plan.losses) {
        expect(l).toEqual({ nic: nics[1], reason: 'loss' });
        lost++;
      }
    }
    expect(lost + got).toBe(5000);
    expect(lost / 5000).toBeGreaterThan(0.27); // p = 0.3, sd ≈ 0.0065
    expect(lost / 5000).toBeLessThan(0.33);
  });

  it('duplicate lists the receiver twice, the copy flagged', () => {
    const { link, nics } = lan(2, { duplicate: 1 });
    const plan = link.plan(nics[0], '02:00:00:00:00:01');
    expect(names(plan.receivers)).toEqual(['n1', 'n1']);
    expect(plan.duplicate).toEqual([false, true]);
    expect(plan.delays).toEqual([0, 0]); // no jitter: both on arrival
  });

  it('jitter adds a uniform integer in [0, jitter] to each delivery', () => {
    const { link, nics } = lan(2, { delay: 500, jitter: 100 });
    const delays = new Set<number>();
    for (let i = 0; i < 2000; i++) delays.add(link.plan(nics[0], '02:00:00:00:00:01').delays![0]);
    expect(Math.min(...delays)).toBe(0);
    expect(Math.max(...delays)).toBe(100);
    expect(delays.size).toBeGreaterThan(90);
  });

  it('without impairments one uniform delay serves all receivers and no random draws are made', () => {
    const { link, nics } = lan(3);
    const plan = link.plan(nics[0], 'ff:ff:ff:ff:ff:ff');
    expect(plan.delays).toBeNull();
    expect((link as unknown as { rng: { next32(): number } }).rng.next32()).toBe(streamFor(1, 'link:lan0').next32());
  });

  it('rejects bad probabilities and delays', () => {
    expect(() => lan(0, { loss: 1.5 })).toThrow(/loss must be a probability/);
    expect(() => lan(0, { delay: -1 })).toThrow(/delay must be a non-negative integer/);
  });
});

describe('Link bad input', () => {
  it('two NICs sharing a MAC (cloned VMs) both receive frames to it, and a MAC change moves one', () => {
    const { link, nics } = lan(2);
    const dup = new Nic(new SimNode('x', streamFor(1, 'x')), 'eth1', nics[0].mac, link);
    dup.up = true;
    link.attach(dup);
    expect(names(link.plan(nics[1], nics[0].mac).receivers).sort()).toEqual(['n0', 'x']);
    link.changeMac(dup, '02:00:00:00:00:99');
    expect(names(link.plan(nics[1], nics[0].mac).receivers)).toEqual(['n0']);
    expect(names(link.plan(nics[1], '02:00:00:00:00:99').receivers)).toEqual(['x']);
  });

  it('a multicast MAC cannot be a NIC address', () => {
    const { link } = lan(0);
    const bad = new Nic(new SimNode('x', streamFor(1, 'x')), 'eth0', '33:33:00:00:00:01', link);
    expect(() => link.attach(bad)).toThrow(/group \(multicast\) bit/);
  });

  it('a frame over the MTU is an error naming the sender, sizes and link', () => {
    const { link, nics } = lan(2, { mtu: 1280 });
    expect(link.checkTransmit(nics[0], frameTo('02:00:00:00:00:01', 1280))).toBeNull();
    expect(() => link.checkTransmit(nics[0], frameTo('02:00:00:00:00:01', 1281))).toThrow(
      /n0\/eth0: frame of 1295 bytes carries 1281 bytes of payload, over link "lan0"'s MTU of 1280/,
    );
  });

  it('an 802.1Q tag does not count against the MTU', () => {
    const b = frameTo('02:00:00:00:00:01', 1504);
    b[12] = 0x81;
    b[13] = 0x00;
    expect(ethernetPayloadLength(b)).toBe(1500);
  });
});
