// RFC 8981 temporary addresses (use_tempaddr ≥ 1), as Linux builds them
// (ipv6_create_tempaddr, manage_tempaddrs, addrconf_verify):
// - lifetimes count from the public address's timestamp: valid =
//   min(public valid, TEMP_VALID_LIFETIME + age), preferred =
//   min(public preferred, TEMP_PREFERRED_LIFETIME + age − DESYNC_FACTOR, valid);
//   no address when preferred ≤ REGEN_ADVANCE + age (RFC 8981 §3.4 step 5);
// - REGEN_ADVANCE = 2 + TEMP_IDGEN_RETRIES × DupAddrDetectTransmits ×
//   RetransTimer / 1000 seconds (RFC 8981 §3.8; Linux regen_min_advance + …);
// - DESYNC_FACTOR is drawn once per interface from [0, MAX_DESYNC_FACTOR)
//   and drawn again only if the maximum shrinks below it (Linux keeps it in
//   idev->desync_factor; RFC 8981 §3.8 would draw it per address);
// - a successor is created REGEN_ADVANCE before the preferred lifetime ends;
// - a temporary address failing DAD is deleted and another one made, at
//   most TEMP_IDGEN_RETRIES times in a row (then Linux gives up:
//   "regeneration time exceeded - disabled temporary address support").

import { addressFromPrefix } from '../packet/address.ts';
import type { Ip6 } from '../packet/types.ts';
import { NS_PER_S, type Action, type Nanos } from '../nd/machine.ts';
import { writable } from '../nd/empty-map.ts';
import type { SlaacConfig } from './config.ts';
import { addressState, isInfinite, type AddressEntry } from './address.ts';
import type { AddressTable } from './address-table.ts';
import { randomIid } from './iid.ts';

export interface TemporaryState {
  /** DESYNC_FACTOR in seconds; Infinity until first drawn (Linux starts at U32_MAX). */
  desyncFactor: number;
  /** Temporary addresses of a public address that failed DAD in a row. */
  failures: Map<Ip6, number>;
  /** Set when TEMP_IDGEN_RETRIES ran out. */
  disabled: boolean;
}

export const regenTimerKey = (addr: Ip6): string => `addr:regen:${addr}`;

/** REGEN_ADVANCE in whole seconds (RFC 8981 §3.8). */
export function regenAdvance(config: SlaacConfig, retransTimerMs: number): number {
  return config.regen_min_advance + Math.floor((config.regen_max_retry * config.dad_transmits * retransTimerMs) / 1000);
}

/** Linux manage_tempaddrs: follow the public address's new lifetimes, and make a temporary address when needed. */
export function manageTemporaries(t: AddressTable, pub: AddressEntry, valid: number, preferred: number, created: boolean, now: Nanos, out: Action[]): void {
  const cfg = t.config;
  const entries = t.entries();
  for (let i = 0; i < entries.length; i++) {
    const tmp = entries[i]; // an index loop: this runs for every RA (address-table.ts says why)
    if (tmp.origin !== 'temporary' || tmp.temp?.parent !== pub.address) continue;
    // RFC 8981 §3.4: never valid or preferred longer than TEMP_VALID_LIFETIME
    // or TEMP_PREFERRED_LIFETIME − DESYNC_FACTOR since it was created.
    const age = Math.floor((now - tmp.cstamp) / NS_PER_S);
    const desync = Number.isFinite(t.temporary.desyncFactor) ? t.temporary.desyncFactor : 0;
    const maxValid = Math.max(0, cfg.temp_valid_lft - age);
    const maxPreferred = Math.max(0, cfg.temp_prefered_lft - desync - age);
    const from = addressState(tmp);
    tmp.validLft = Math.min(valid, maxValid);
    tmp.preferredLft = Math.min(preferred, maxPreferred);
    tmp.tstamp = now;
    if (tmp.preferredLft > 0) tmp.deprecated = false;
    t.changed(tmp, from, `lifetimes follow ${pub.address}: valid ${tmp.validLft} s, preferred ${tmp.preferredLft} s`, 'temporary-lifetimes', 'RFC 8981 §3.4', now, out);
    t.armLifetimes(tmp, now, out);
    armRegen(t, tmp, now, out);
  }
  // use_tempaddr first: with temporary addresses off (the default) the scan is not needed.
  if (cfg.use_tempaddr > 0 && (created || !t.entries().some((x) => x.origin === 'temporary'))) createTemporary(t, pub, `a temporary address for the new ${pub.prefix}/64 address ${pub.address}`, now, out);
}

/** Linux ipv6_create_tempaddr. Returns the new address, or null when none could be made. */
export function createTemporary(t: AddressTable, pub: AddressEntry, why: string, now: Nanos, out: Action[]): AddressEntry | null {
  const cfg = t.config;
  if (cfg.use_tempaddr <= 0 || t.temporary.disabled) return null;
  const advance = regenAdvance(cfg, t.view.params.retransTimerMs);
  const maxDesync = Math.min(cfg.max_desync_factor, cfg.temp_prefered_lft - advance);
  if (t.temporary.desyncFactor > maxDesync) {
    t.temporary.desyncFactor = maxDesync > 0 ? Math.floor(t.view.random() * maxDesync) : 0;
  }
  const desync = t.temporary.desyncFactor;
  const age = Math.floor((now - pub.tstamp) / NS_PER_S);
  const pubValid = isInfinite(pub.validLft) ? Infinity : pub.validLft;
  const pubPreferred = isInfinite(pub.preferredLft) ? Infinity : pub.preferredLft;
  const valid = Math.min(pubValid, cfg.temp_valid_lft + age);
  const preferred = Math.min(pubPreferred, cfg.temp_prefered_lft + age - desync, valid);
  if (preferred <= advance + age) {
    out.push({ kind: 'drop', drop: { ifname: t.ifname, reason: `ipv6_create_tempaddr: preferred lifetime is too short: ${preferred - age} s left ≤ REGEN_ADVANCE ${advance} s, no temporary address for ${pub.prefix}/64`, rule: 'temporary-preferred-too-short', rfc: 'RFC 8981 §3.4' } });
    return null;
  }
  let address: Ip6;
  do address = addressFromPrefix(pub.prefix, randomIid(t.view.random));
  while (t.get(address));
  const e = t.create({
    address, prefixLength: pub.prefixLength, prefix: pub.prefix, origin: 'temporary', permanent: false,
    validLft: valid, preferredLft: preferred, tstamp: pub.tstamp,
    optimistic: cfg.optimistic_dad === 1 && !t.view.isRouter(),
    temp: { parent: pub.address, regenerated: false },
    reason: `${why}: random interface identifier; valid ${valid - age} s, preferred ${preferred - age} s (TEMP_PREFERRED_LIFETIME ${cfg.temp_prefered_lft} s − DESYNC_FACTOR ${desync} s, capped by the public address)`,
    reasonId: 'temporary-created', rfc: 'RFC 8981 §3.4',
  }, now, out);
  armRegen(t, e, now, out);
  return e;
}

/** When the successor is due: REGEN_ADVANCE before the preferred lifetime ends. */
export function regenAt(t: AddressTable, e: AddressEntry): Nanos {
  return e.tstamp + (e.preferredLft - regenAdvance(t.config, t.view.params.retransTimerMs)) * NS_PER_S;
}

function armRegen(t: AddressTable, e: AddressEntry, _now: Nanos, out: Action[]): void {
  if (!e.temp || e.temp.regenerated || isInfinite(e.preferredLft) || e.preferredLft === 0) {
    out.push({ kind: 'cancelTimer', key: regenTimerKey(e.address) });
    return;
  }
  out.push({ kind: 'setTimer', key: regenTimerKey(e.address), at: regenAt(t, e) });
}

/** The regeneration timer of `e` fired (Linux addrconf_verify, "age + regen_advance ≥ prefered_lft"). */
export function onRegenTimer(t: AddressTable, e: AddressEntry, now: Nanos, out: Action[]): void {
  if (!e.temp || e.temp.regenerated || now < regenAt(t, e)) return;
  // Linux skips a temporary address still in DAD; DAD success re-arms this.
  if (e.tentative) return;
  const pub = t.get(e.temp.parent);
  if (!pub) return;
  e.temp.regenerated = true;
  const advance = regenAdvance(t.config, t.view.params.retransTimerMs);
  createTemporary(t, pub, `successor of ${e.address}, made REGEN_ADVANCE ${advance} s before it is deprecated`, now, out);
}

export function onTemporaryDadSuccess(t: AddressTable, e: AddressEntry, now: Nanos, out: Action[]): void {
  if (e.temp) t.temporary.failures.delete(e.temp.parent);
  if (e.temp && !e.temp.regenerated && now >= regenAt(t, e)) onRegenTimer(t, e, now, out);
}

/** A temporary address failed DAD (and was deleted): try another identifier, within TEMP_IDGEN_RETRIES. */
export function onTemporaryDadFailure(t: AddressTable, e: AddressEntry, now: Nanos, out: Action[]): void {
  if (!e.temp) return;
  const pub = t.get(e.temp.parent);
  if (!pub) return;
  const failures = (t.temporary.failures.get(pub.address) ?? 0) + 1;
  (t.temporary.failures = writable(t.temporary.failures)).set(pub.address, failures);
  if (failures > t.config.regen_max_retry) {
    t.temporary.disabled = true;
    out.push({ kind: 'drop', drop: { ifname: t.ifname, reason: `ipv6_create_tempaddr: regeneration time exceeded - disabled temporary address support (${failures - 1} retries, TEMP_IDGEN_RETRIES ${t.config.regen_max_retry})`, rule: 'temporary-idgen-retries', rfc: 'RFC 8981 §3.4' } });
    return;
  }
  createTemporary(t, pub, `retry ${failures}/${t.config.regen_max_retry} after ${e.address} failed DAD`, now, out);
}
