// What the end of DAD does to an address: RFC 4862 §5.4.5 leaves the
// policy open, and Linux's addrconf_dad_completed / addrconf_dad_failure /
// addrconf_dad_stop fill it in:
// - success: tentative → preferred (or deprecated); for the link-local
//   address, memberships are reported again from it; an address that was
//   tentative and not optimistic may be announced (ndisc_notify, RFC 9131
//   §4); then, for the link-local address, router discovery may start;
// - failure: "IPv6 duplicate address … used by … detected!"; a permanent
//   address (link-local, manual) stays as dadfailed, a dynamic (SLAAC) one is
//   deleted, a temporary one is deleted and replaced; an RFC 7217 address is
//   retried with the next DAD_Counter; a duplicate MAC-based link-local
//   disables IPv6 only with accept_dad = 2 (Linux's default 1 does not).

import { linkLocalFromMac } from '../packet/address.ts';
import { NS_PER_S, type Action, type Nanos } from '../nd/machine.ts';
import { addressState, type AddressEntry } from './address.ts';
import type { AddressTable } from './address-table.ts';
import { releasedDadKey } from './dad.ts';
import { onTemporaryDadFailure, onTemporaryDadSuccess } from './temporary.ts';

/** Linux addrconf_dad_completed. */
export function dadSucceeded(t: AddressTable, e: AddressEntry, why: string, now: Nanos, out: Action[]): void {
  const from = addressState(e);
  // Linux addrconf_dad_work / addrconf_dad_begin: send_na only for an
  // address that was IFA_F_TENTATIVE and not IFA_F_OPTIMISTIC: DAD ran, or
  // was skipped with accept_dad = 0 or dad_transmits = 0; not for nodad
  // (never tentative) nor an optimistic address (already in use).
  const sendNa = from === 'tentative';
  e.tentative = false;
  e.optimistic = false;
  e.dadFailed = false;
  e.dad.phase = 'done';
  // The RFC 7527 nonce only tells our own looped-back probes apart while DAD
  // runs (§4.2); a new run draws a new one. Let it go (100,000 hosts).
  e.dad.nonce = null;
  out.push({ kind: 'cancelTimer', key: releasedDadKey(e) });
  const linkLocal = e.address.startsWith('fe80:');
  t.changed(e, from, why, 'dad-succeeded', 'RFC 4862 §5.4', now, out, { linkLocal });
  if (e.origin === 'temporary') onTemporaryDadSuccess(t, e, now, out);
  const ready = linkLocal && t.usableLinkLocal() === e.address;
  // addrconf_dad_completed's order: RTM_NEWADDR, MLD reports from the new
  // link-local address, the unsolicited NA, then the first RS.
  if (ready) t.mld.linkLocalReady(now, out);
  if (sendNa) t.dadCompletedHook?.(e.address, now, out);
  if (ready) t.linkLocalReadyHook?.(e.address, now, out);
}

/** Linux addrconf_dad_failure + addrconf_dad_stop. */
export function dadFailed(t: AddressTable, e: AddressEntry, detail: string, srcMac: string, now: Nanos, out: Action[]): void {
  const from = addressState(e);
  out.push({ kind: 'cancelTimer', key: releasedDadKey(e) });
  let why = `${t.ifname}: IPv6 duplicate address ${e.address} used by ${srcMac} detected! (${detail})`;
  const macBased = e.address === linkLocalFromMac(t.view.mac());
  if (macBased && t.config.accept_dad >= 2) {
    why += '; accept_dad=2: IPv6 is disabled on the interface (RFC 4862 §5.4.5)';
  } else if (macBased) {
    why += '; RFC 4862 §5.4.5 says IP operation SHOULD be disabled, Linux does so only with accept_dad=2 (here 1: IPv6 stays on)';
  }
  e.dadFailed = true;
  e.optimistic = false;
  e.dad.phase = 'failed';
  t.changed(e, from, why, 'dad-failed', 'RFC 4862 §5.4.5', now, out, { macBased });
  if (macBased && t.config.accept_dad >= 2) return disableIpv6(t, e, now, out);
  if (e.stablePrivacy) retryStable(t, e, now, out);
  if (e.origin === 'temporary') {
    t.remove(e, 'a temporary address that failed DAD is deleted (Linux addrconf_dad_stop)', 'dad-failed-removed', 'RFC 8981 §3.4', now, out);
    onTemporaryDadFailure(t, e, now, out);
  } else if (!e.permanent) {
    t.remove(e, 'a dynamic address that failed DAD is deleted (Linux addrconf_dad_stop); a permanent one would stay as dadfailed', 'dad-failed-removed', 'RFC 4862 §5.4.5', now, out);
  }
}

/** RFC 7217 §6: a new identifier with DAD_Counter + 1 after IDGEN_DELAY, up to IDGEN_RETRIES. */
function retryStable(t: AddressTable, e: AddressEntry, now: Nanos, out: Action[]): void {
  const next = e.dad.stableCounter + 1;
  if (next > t.config.idgen_retries) {
    out.push({ kind: 'drop', drop: { ifname: t.ifname, reason: `${t.ifname}: privacy stable address generation failed because of DAD conflicts! (IDGEN_RETRIES ${t.config.idgen_retries} used up)`, rule: 'idgen-retries', rfc: 'RFC 7217 §6' } });
    return;
  }
  const { address, counter } = t.stableAddress(e.prefix, next);
  if (t.get(address)) return;
  t.create({
    address, prefixLength: e.prefixLength, prefix: e.prefix, origin: e.origin, permanent: e.permanent,
    validLft: e.validLft, preferredLft: e.preferredLft, stablePrivacy: true, mngtmpaddr: e.mngtmpaddr,
    noprefixroute: e.noprefixroute, stableCounter: counter, dadAfter: t.config.idgen_delay * NS_PER_S,
    reason: `${t.ifname}: generating new stable privacy address because of DAD conflict (DAD_Counter ${counter}, DAD after IDGEN_DELAY ${t.config.idgen_delay} s)`,
    reasonId: 'stable-privacy-retry', rfc: 'RFC 7217 §6',
  }, now, out);
}

function disableIpv6(t: AddressTable, e: AddressEntry, now: Nanos, out: Action[]): void {
  t.markIpv6Disabled();
  out.push({
    kind: 'notify',
    change: {
      machine: 'interface', ifname: t.ifname, key: t.ifname, from: 'ipv6', to: 'ipv6-disabled',
      reason: `${t.ifname}: IPv6 being disabled! The link-local address ${e.address} formed from the MAC is used by another node (accept_dad=2)`,
      rfc: 'RFC 4862 §5.4.5', reasonId: 'ipv6-disabled',
    },
  });
  // Linux addrconf_dad_work then calls addrconf_ifdown(dev, false): every
  // address leaves the interface (`ip -6 addr` shows nothing for it), the
  // duplicate link-local one included.
  for (const x of [...t.entries()]) {
    t.remove(x, `IPv6 disabled on ${t.ifname}: Linux addrconf_ifdown removes every address`, 'ipv6-disabled-removed', 'RFC 4862 §5.4.5', now, out);
  }
  t.mld.linkDown(out);
}
