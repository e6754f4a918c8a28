// What DAD (dad.ts) and the MLD listener (mld.ts) need from the address
// table of their interface, as one object with prototype methods: object
// literals of arrow functions would cost a closure each per interface (and,
// under tsx's keepNames, a dictionary-mode property table each), which adds
// up at 100,000 hosts.

import type { Random } from '../nd/machine.ts';
import type { Ip6, Mac } from '../packet/types.ts';
import type { AddressTable } from './address-table.ts';
import type { SlaacConfig } from './config.ts';
import type { DadEnv } from './dad.ts';
import type { MldHost } from './mld.ts';

export class TableEnv implements DadEnv, MldHost {
  readonly ifname: string;
  readonly random: Random;
  readonly config: SlaacConfig;

  constructor(private readonly t: AddressTable) {
    this.ifname = t.ifname;
    this.random = t.view.random;
    this.config = t.config;
  }

  mac(): Mac {
    return this.t.view.mac();
  }

  /** RetransTimer in ms, as router discovery last set it. */
  retransTimerMs(): number {
    return this.t.view.params.retransTimerMs;
  }

  /** LinkMTU: how many records one MLD report may carry. */
  mtu(): number {
    return this.t.view.params.mtu;
  }

  /** MLD reports go from a link-local address past DAD, else from ::. */
  reportSource(): Ip6 | null {
    return this.t.usableLinkLocal();
  }

  canSend(): boolean {
    return this.t.isLinkUp() && !this.t.isIpv6Disabled();
  }

  qrv(): number {
    return this.config.mld_qrv;
  }

  unsolicitedReportIntervalMs(): number {
    return this.config.mldv2_unsolicited_report_interval;
  }

  /** InterfaceView.timerKey, or the key itself when the view does not scope. */
  timerKey(local: string): string {
    const v = this.t.view;
    return v.timerKey ? v.timerKey(local) : local;
  }
}
