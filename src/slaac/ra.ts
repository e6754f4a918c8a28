// RFC 4862 §5.5.3: what a Prefix Information option with A=1 does to the
// addresses of an interface. The RA reaches here already validated (RFC 4861
// §6.1.2) by the stack. Every option ignored for SLAAC is reported as a
// `drop` with its rule; Linux addrconf_prefix_rcv and
// addrconf_prefix_rcv_add_addr are followed, including its form of the
// two-hour rule: valid = max(received, min(remaining, 2 h)).

import { addressFromPrefix, inPrefix, prefixOf } from '../packet/address.ts';
import type { Ip6, PrefixInformationOption } from '../packet/types.ts';
import type { Action, Nanos } from '../nd/machine.ts';
import { addressState, lifetimeText, remaining } from './address.ts';
import type { AddressTable } from './address-table.ts';
import { eui64InterfaceId } from './iid.ts';
import { manageTemporaries } from './temporary.ts';

/** RFC 4862 §5.5.3 e: "2 hours", Linux MIN_VALID_LIFETIME. */
export const TWO_HOURS = 2 * 60 * 60;

/** RFC 4862 §5.5.3 e as Linux computes it, with which branch applied. */
export function twoHourRule(received: number, remainingLft: number): { valid: number; rule: 'adopted' | 'kept-remaining' | 'reset-to-2h' } {
  if (remainingLft <= 0) return { valid: received, rule: 'adopted' };
  const floor = Math.min(remainingLft, TWO_HOURS);
  if (received >= floor) return { valid: received, rule: 'adopted' };
  return { valid: floor, rule: remainingLft <= TWO_HOURS ? 'kept-remaining' : 'reset-to-2h' };
}

/** A PIO SLAAC does not act on, and why (a function, not a closure per RA). */
function ignorePio(t: AddressTable, label: string, router: Ip6, out: Action[], why: string, rule: string): void {
  out.push({ kind: 'drop', drop: { ifname: t.ifname, reason: `Prefix Information ${label} from ${router} ignored for SLAAC: ${why}`, rule, rfc: 'RFC 4862 §5.5.3' } });
}

export function processPrefixInformation(t: AddressTable, pio: PrefixInformationOption, router: Ip6, sllao: boolean, now: Nanos, out: Action[]): void {
  if (!pio.A) return; // §5.5.3 a: not for autoconfiguration; nothing to say.
  const label = `${pio.prefix}/${pio.prefixLength}`;
  if (t.config.autoconf === 0) return ignorePio(t, label, router, out, 'autoconf=0 on this interface', 'pio-autoconf-off');
  if (inPrefix(pio.prefix, 'fe80::', 10)) return ignorePio(t, label, router, out, 'the link-local prefix (§5.5.3 b)', 'pio-link-local');
  if (inPrefix(pio.prefix, 'ff00::', 8)) return ignorePio(t, label, router, out, 'a multicast prefix', 'pio-multicast');
  const valid = pio.validLifetime;
  const preferred = pio.preferredLifetime;
  if (preferred > valid) return ignorePio(t, label, router, out, `preferred lifetime ${preferred} s > valid lifetime ${valid} s (§5.5.3 c)`, 'pio-preferred-gt-valid');
  if (pio.prefixLength !== 64) {
    return ignorePio(t, label, router, out, `prefix length ${pio.prefixLength} + the 64-bit interface identifier ≠ 128 bits (§5.5.3 d; Linux: "IPv6 addrconf: prefix with wrong length ${pio.prefixLength}")`, 'pio-prefix-length');
  }
  const prefix = prefixOf(pio.prefix, 64);
  const e = t.entries().find((x) => x.origin === 'slaac' && x.prefix === prefix);
  if (!e) {
    if (valid === 0) return ignorePio(t, label, router, out, 'a new prefix with valid lifetime 0 (§5.5.3 d)', 'pio-new-valid-zero');
    const stable = t.config.addr_gen_mode === 2 || t.config.addr_gen_mode === 3;
    // addr_gen_mode 1 only suppresses the link-local address: SLAAC still uses EUI-64 (Linux).
    const made = stable ? t.stableAddress(prefix, 0) : { address: addressFromPrefix(prefix, eui64InterfaceId(t.view.mac())), counter: 0 };
    if (t.get(made.address)) return ignorePio(t, label, router, out, `${made.address} is already configured on ${t.ifname}`, 'pio-address-exists');
    // RFC 4429 §3.1 via Linux: optimistic only on a host, and only when the RA carried an SLLA.
    const optimistic = t.config.optimistic_dad === 1 && !t.view.isRouter() && sllao;
    const created = t.create({
      address: made.address, prefixLength: 64, prefix, origin: 'slaac', permanent: false,
      validLft: valid, preferredLft: preferred, mngtmpaddr: true, stablePrivacy: stable, optimistic, stableCounter: made.counter,
      reason: `Prefix Information ${label} (A=1) from ${router}: ${made.address} formed with ${stable ? 'an RFC 7217 stable-privacy' : 'the modified EUI-64'} interface identifier; valid ${lifetimeText(valid)}, preferred ${lifetimeText(preferred)}${preferred === 0 ? ' (deprecated from the start)' : ''}`,
      reasonId: 'slaac-created', rfc: 'RFC 4862 §5.5.3 d',
    }, now, out);
    manageTemporaries(t, created, valid, preferred, true, now, out);
    return;
  }
  // §5.5.3 e: an address for this prefix exists. The preferred lifetime is
  // always reset; the valid lifetime obeys the two-hour rule. No new DAD.
  const left = remaining(e.validLft, e, now);
  const r = twoHourRule(valid, left);
  const from = addressState(e);
  e.validLft = r.valid;
  e.preferredLft = preferred;
  e.tstamp = now;
  e.deprecated = preferred === 0;
  if (r.rule !== 'adopted') {
    const why = r.rule === 'kept-remaining'
      ? `received valid lifetime ${valid} s ignored: remaining ${left} s ≤ 2 hours and the RA is not authenticated`
      : `valid lifetime reset to 2 hours, not the received ${valid} s: remaining ${left} s > 2 hours`;
    t.notify(e.address, from, addressState(e), `${from} → ${addressState(e)}: two-hour rule: ${why}`, 'two-hour-rule', 'RFC 4862 §5.5.3 e', out, { received: valid, remaining: left, validLft: r.valid });
  } else if (from !== addressState(e)) {
    const why = preferred === 0
      ? `Prefix Information ${label} from ${router} with preferred lifetime 0: deprecated at once (renumbering)`
      : `Prefix Information ${label} from ${router} renewed the preferred lifetime to ${lifetimeText(preferred)}`;
    t.notify(e.address, from, addressState(e), `${from} → ${addressState(e)}: ${why}`, preferred === 0 ? 'prefix-preferred-zero' : 'lifetime-refreshed', 'RFC 4862 §5.5.3 e', out, { validLft: r.valid, preferredLft: preferred });
  }
  t.armLifetimes(e, now, out);
  manageTemporaries(t, e, r.valid, preferred, false, now, out);
}
