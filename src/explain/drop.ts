// Why a frame was ignored: a machine's Drop (by its rule) or a validation
// Violation (by its RULES id, src/packet/validate-rules.ts).

import type { Drop } from '../nd/machine.ts';
import { RULES } from '../packet/validate-rules.ts';
import type { Violation } from '../packet/types.ts';
import { isCatalogKey, type CatalogKey } from './keys.ts';
import { Sentences, type Explanation, type Lang } from './explanation.ts';

export function violationKey(rule: string): CatalogKey {
  const k = `violation.${rule}`;
  return isCatalogKey(k) && rule !== 'unknown' ? k : 'violation.unknown';
}

export function explainViolation(v: Violation, lang: Lang): Explanation {
  const rfc = v.rfc || (Object.prototype.hasOwnProperty.call(RULES, v.rule) ? RULES[v.rule as keyof typeof RULES].rfc : undefined);
  return new Sentences(lang).add(violationKey(v.rule), { rule: v.rule, message: v.message }).build(rfc);
}

export function dropKey(rule: string | undefined): CatalogKey | 'violation' {
  if (rule === undefined) return 'drop.generic';
  const k = `drop.${rule}`;
  if (isCatalogKey(k) && rule !== 'generic') return k;
  // The stack drops frames that fail validation with the violated rule's id.
  if (Object.prototype.hasOwnProperty.call(RULES, rule)) return 'violation';
  return 'drop.generic';
}

/** `ctx.node` names the node in the sentence; without it the interface does. */
export function explainDrop(drop: Drop, lang: Lang, ctx: { node?: string } = {}): Explanation {
  const key = dropKey(drop.rule);
  if (key === 'violation') {
    const rule = drop.rule as keyof typeof RULES;
    return explainViolation({ rule, rfc: drop.rfc ?? RULES[rule].rfc, message: drop.reason }, lang);
  }
  const vars = { node: ctx.node ?? drop.ifname, ifname: drop.ifname, reason: drop.reason, rule: drop.rule ?? '' };
  return new Sentences(lang).add(key, vars).build(drop.rfc);
}
