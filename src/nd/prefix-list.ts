// The Prefix List of RFC 4861 §5.1: prefixes that are on-link, learned from
// Prefix Information options with the L flag (§6.3.4), each with an
// invalidation timer set from the Valid Lifetime (§5.3, §6.3.5). It answers
// the §5.2 on-link question for next-hop determination. Address
// autoconfiguration from the same PIOs (A flag) is SLAAC's business
// (src/slaac, RFC 4862): the stack hands the same RA to both.

import { inPrefix, prefixOf } from '../packet/address.ts';
import { isLinkLocal } from '../packet/validate-addr.ts';
import type { Ip6, PrefixInformationOption } from '../packet/types.ts';
import { INFINITE_LIFETIME } from './constants.ts';
import { deadline, pushChange, type TimerScope } from './default-router-list.ts';
import type { Action, Nanos } from './machine.ts';

export interface OnLinkPrefix {
  prefix: Ip6;
  length: number;
  /** Valid Lifetime of the last PIO, seconds (INFINITE_LIFETIME = never expires). */
  validLifetimeS: number;
  /** null when the lifetime is infinite. */
  expiresAt: Nanos | null;
  learnedAt: Nanos;
}

export function prefixTimerKey(prefix: Ip6, length: number): string {
  return `rd:prefix:${prefix}/${length}`;
}

export class PrefixList {
  private readonly prefixes = new Map<string, OnLinkPrefix>();
  /** The scoped timer key of the prefix refreshed last (every RA re-arms
   *  it: one string, not a new one per RA; interface-view.ts). */
  private lastPrefix: Ip6 | null = null;
  private lastLength = -1;
  private lastKey = '';

  constructor(
    private readonly ifname: string,
    private readonly scope: TimerScope = {},
  ) {}

  /** The timer key of prefix/length, scoped when the scope can. */
  private keyOf(prefix: Ip6, length: number): string {
    if (prefix !== this.lastPrefix || length !== this.lastLength) {
      this.lastPrefix = prefix;
      this.lastLength = length;
      this.lastKey = this.scope.timerKey ? this.scope.timerKey(prefixTimerKey(prefix, length)) : prefixTimerKey(prefix, length);
    }
    return this.lastKey;
  }

  entries(): OnLinkPrefix[] {
    return [...this.prefixes.values()];
  }

  get(prefix: Ip6, length: number): OnLinkPrefix | undefined {
    return this.prefixes.get(`${prefixOf(prefix, length)}/${length}`);
  }

  /**
   * RFC 4861 §5.2: a destination is on-link when it is link-local ("the
   * link-local prefix is considered to be on the prefix list with an
   * infinite invalidation timer") or covered by a prefix on the list.
   */
  isOnLink(addr: Ip6): boolean {
    if (isLinkLocal(addr)) return true;
    for (const p of this.prefixes.values()) if (inPrefix(addr, p.prefix, p.length)) return true;
    return false;
  }

  /** The longest on-link prefix covering `addr`, or undefined. */
  match(addr: Ip6): OnLinkPrefix | undefined {
    let best: OnLinkPrefix | undefined;
    for (const p of this.prefixes.values()) {
      if (inPrefix(addr, p.prefix, p.length) && (!best || p.length > best.length)) best = p;
    }
    return best;
  }

  /** RFC 4861 §6.3.4, Prefix Information option, on-link part. */
  onPrefixInformation(pio: PrefixInformationOption, now: Nanos, out: Action[]): void {
    // "If the On-Link flag is set to zero ... the option makes no statement" — in
    // particular an L=0 PIO does not make a listed prefix off-link (§6.3.4; TAHI v6LC.2.2.19).
    if (!pio.L) return;
    if (pio.prefixLength > 128) return;
    // "If the prefix is the link-local prefix, silently ignore the Prefix Information option."
    if (isLinkLocal(pio.prefix)) return;
    // §4.6.2: bits past the prefix length are reserved; compare only the prefix.
    const prefix = prefixOf(pio.prefix, pio.prefixLength);
    const key = `${prefix}/${pio.prefixLength}`;
    const known = this.prefixes.get(key);
    const valid = pio.validLifetime;
    if (valid === 0) {
      // "If the new Lifetime value is zero, time-out the prefix immediately."
      // A prefix not yet listed with lifetime 0 is ignored.
      if (known) this.remove(key, `PIO for ${key} with Valid Lifetime 0: the prefix is no longer on-link`, 'rd.prefix.valid-zero', out);
      return;
    }
    const entry: OnLinkPrefix = {
      prefix,
      length: pio.prefixLength,
      validLifetimeS: valid,
      expiresAt: valid === INFINITE_LIFETIME ? null : deadline(now, valid),
      learnedAt: known?.learnedAt ?? now,
    };
    this.prefixes.set(key, entry);
    // RFC 4861 applies no "two hours" rule to on-link lifetimes (that rule,
    // RFC 4862 §5.5.3 e, protects addresses): the timer is simply reset.
    if (entry.expiresAt === null) out.push({ kind: 'cancelTimer', key: prefixTimerKey(prefix, pio.prefixLength) });
    else out.push({ kind: 'setTimer', key: this.keyOf(prefix, pio.prefixLength), at: entry.expiresAt });
    if (!known) {
      const life = valid === INFINITE_LIFETIME ? 'infinite' : `${valid} s`;
      pushChange(out, {
        machine: 'prefix', ifname: this.ifname, key, from: null, to: 'on-link',
        reason: `prefix ${key} is on-link (PIO with L=1), valid lifetime ${life}`,
        rfc: 'RFC 4861 §6.3.4', reasonId: 'rd.prefix.new', detail: { validLifetime: valid },
      });
    }
  }

  onTimer(key: string, now: Nanos, out: Action[]): boolean {
    if (!key.startsWith('rd:prefix:')) return false;
    const k = key.slice('rd:prefix:'.length);
    const entry = this.prefixes.get(k);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now) {
      this.remove(k, `prefix ${k} expired: its ${entry.validLifetimeS} s valid lifetime ran out without a refreshing PIO`, 'rd.prefix.expired', out, 'RFC 4861 §6.3.5');
    }
    return true;
  }

  clear(reason: string, out: Action[]): void {
    for (const key of [...this.prefixes.keys()]) this.remove(key, reason, 'rd.prefix.flushed', out);
  }

  private remove(key: string, reason: string, reasonId: string, out: Action[], rfc = 'RFC 4861 §6.3.4'): void {
    const entry = this.prefixes.get(key);
    if (!entry) return;
    this.prefixes.delete(key);
    out.push({ kind: 'cancelTimer', key: prefixTimerKey(entry.prefix, entry.length) });
    pushChange(out, { machine: 'prefix', ifname: this.ifname, key, from: 'on-link', to: null, reason, rfc, reasonId });
  }
}
