// Every reason id a machine in src/nd or src/slaac can emit has a catalogue
// entry: StateChange.reasonId → change.<id>, Drop.rule → drop.<id>. The ids
// are found by following values through the source (reason-scan.ts), so an
// id passed through a parameter, a table row or a template literal counts.

import { describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEYS } from '../../src/explain/keys.ts';
import { NA_RULES } from '../../src/nd/na-table.ts';
import { scanReasonIds, type ReasonScan } from './reason-scan.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/**
 * The catalogue keys a scan needs. The RFC 4861 §7.2.5 table's ids flow to
 * both sinks (one field, NaOutcome.reasonId, feeds the drop of an ignored NA
 * and the change of an applied one); the table itself says which: a row
 * whose outcome is 'ignore' is a drop, any other row a change.
 */
function neededKeys(scan: ReasonScan): { key: string; at: string }[] {
  const naNext = new Map(NA_RULES.map((r) => [r.outcome.reasonId, r.outcome.next]));
  const out: { key: string; at: string }[] = [];
  for (const [id, { sinks, at }] of scan.ids) {
    let kinds = [...sinks];
    if (sinks.size === 2 && naNext.has(id)) kinds = [naNext.get(id) === 'ignore' ? 'drop' : 'change'];
    for (const kind of kinds) out.push({ key: `${kind}.${id}`, at });
  }
  return out;
}

function missingFromCatalogue(scan: ReasonScan): string[] {
  return neededKeys(scan).filter((n) => !(n.key in KEYS)).map((n) => `${n.key} (emitted at ${n.at})`);
}

describe('reason ids of the machines', () => {
  const scan = scanReasonIds(root, [join(root, 'src/nd'), join(root, 'src/slaac')]);

  it('the scan sees the machines and can resolve every reason-id expression', () => {
    expect(scan.unresolved).toEqual([]);
    expect(scan.sinkSites).toBeGreaterThan(20);
    // Ids that travel in different ways, as a check on the scan itself:
    for (const id of ['nc-failed', 'rd.router.expired', 'dst-router', 'rd.rdnss.new', 'na-incomplete-solicited', 'nc-learn-ns', 'dad-succeeded', 'pio-link-local']) {
      expect(scan.ids.has(id), id).toBe(true);
    }
  });

  it('every reason id and drop rule has a catalogue entry', () => {
    expect(missingFromCatalogue(scan)).toEqual([]);
  });
});

describe('the scan itself (on a fixture machine)', () => {
  const fixtures = join(here, 'fixtures');
  const scan = scanReasonIds(root, [fixtures], [fixtures]);

  it('follows parameters, untyped objects, template literals and toLowerCase', () => {
    expect(scan.unresolved).toEqual([]);
    expect([...scan.ids.keys()].sort()).toEqual([
      'dst-one', 'dst-two', 'fixture-brand-new', 'nc-confirm', 'nc-failed', 'nc-learn-ns', 'nc-learn-ra', 'nc-resolve', 'ns-not-for-us',
    ]);
    expect([...scan.ids.get('ns-not-for-us')!.sinks]).toEqual(['drop']);
  });

  it('reports an id with no catalogue entry (so the check above fails for a new one)', () => {
    expect(missingFromCatalogue(scan).map((m) => m.split(' ')[0]).sort()).toEqual(['change.dst-one', 'change.dst-two', 'change.fixture-brand-new']);
  });
});
