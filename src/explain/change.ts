// Why a state changed: the catalogue sentence for the change's reasonId, or,
// for a reasonId the catalogue does not know (a machine newer than this
// catalogue; the tests make that a failure), a sentence chosen by machine and
// new state. The machine's own RFC section wins over the catalogue's: the
// machine knows which branch it took (nc-failed is §7.2.2 while resolving,
// §7.3.3 while probing).

import type { Nanos, StateChange } from '../nd/machine.ts';
import { isCatalogKey, type CatalogKey } from './keys.ts';
import { lifetime, Sentences, term, type Explanation, type Lang } from './explanation.ts';

export interface ChangeContext {
  /** The node the change happened on. */
  node: string;
  now?: Nanos;
}

const ADDRESS_STATES = ['tentative', 'optimistic', 'preferred', 'deprecated', 'duplicate'];
const NEIGHBOR_STATES = ['INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED'];

/** The catalogue key for a change (exported for tests and UIs). */
export function changeKey(change: StateChange): CatalogKey {
  // RFC 4429: an address formed optimistic is usable at once, unlike the
  // tentative one the creation sentences describe.
  if (change.machine === 'address' && change.from === null && change.to === 'optimistic' && (change.reasonId === 'link-local-created' || change.reasonId === 'slaac-created')) {
    return 'change.optimistic-created';
  }
  if (change.reasonId !== undefined) {
    const k = `change.${change.reasonId}`;
    if (isCatalogKey(k)) return k;
  }
  const { machine, to, from } = change;
  if (machine === 'address') {
    if (to === null) return 'fallback.address.removed';
    const k = `fallback.address.${to}`;
    if (ADDRESS_STATES.includes(to) && isCatalogKey(k)) return k;
  }
  if (machine === 'neighbor') {
    if (to === null) return 'fallback.neighbor.removed';
    const k = `fallback.neighbor.${to}`;
    if (NEIGHBOR_STATES.includes(to) && isCatalogKey(k)) return k;
  }
  if (from === null) return 'fallback.created';
  if (to === null) return 'fallback.removed';
  return 'fallback.changed';
}

/** Lifetimes in seconds, in the detail of address and router changes. */
const LIFETIME_FIELD = /lft$|lifetime$|^received$|^remaining$/i;

export function explainChange(change: StateChange, ctx: ChangeContext, lang: Lang): Explanation {
  const vars: Record<string, string | number | null> = {};
  for (const [name, value] of Object.entries(change.detail ?? {})) {
    if (value === null) vars[name] = term(lang, 'none');
    else if (typeof value === 'boolean') vars[name] = term(lang, value ? 'on' : 'off');
    // ping's `received` is a count of replies, not a lifetime.
    else if (typeof value === 'number' && change.machine !== 'ping' && LIFETIME_FIELD.test(name)) vars[name] = lifetime(lang, value);
    else vars[name] = typeof value === 'string' ? term(lang, value) : value;
  }
  Object.assign(vars, {
    node: ctx.node,
    ifname: change.ifname,
    machine: change.machine,
    key: change.key,
    from: change.from === null ? term(lang, 'none') : term(lang, change.from),
    // A removed address is "invalid" in RFC 4862 §5.5.4 terms; anything else is just gone.
    to: change.to === null ? term(lang, change.machine === 'address' ? 'invalid' : 'removed') : term(lang, change.to),
    reason: change.reason,
  });
  // Neighbour changes carry the link-layer address in detail; a change
  // without it (an older machine) still reads well.
  if (vars.lladdr === undefined) vars.lladdr = term(lang, 'none');
  const key = changeKey(change);
  // The machine's section says where the address comes from; RFC 4429 why it is usable.
  const rfc = key === 'change.optimistic-created' && change.rfc !== undefined ? `${change.rfc}, RFC 4429 §3.1` : change.rfc;
  return new Sentences(lang).add(key, vars).build(rfc);
}
