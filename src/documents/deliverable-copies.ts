/**
 * The copies of the acta the system hands out (lineamientos numeral 38):
 *  I.   federal elections → the Institute's designated staff: the full acta;
 *  II.  local elections → each OPL (local electoral body) through the Institute: the local
 *       contests of its entity only;
 *  III. accredited party and independent representatives: a copy of the full acta.
 * Each copy is itself a TallyRecord with a `distribution` field, so it has its own canonical
 * hash; an entity copy also names the hash of the full record it was cut from.
 */
import { renderCanonical } from './canonical-json';
import { DocumentError } from './document-types';
import type { TallyRecord } from './tally-record';

function original(record: TallyRecord): TallyRecord {
  if (record.distribution !== undefined) throw new DocumentError('NOT_ORIGINAL', 'copies are cut from the original acta, not from another copy');
  return record;
}

/** The full acta for the authority (numeral 38-I) or the representatives (numeral 38-III). */
export function fullTallyRecordCopy(record: TallyRecord, recipient: 'authority' | 'representatives'): TallyRecord {
  return { ...original(record), distribution: { copy: 'full', recipient } };
}

/** The local contests of one entity, for its OPL (numeral 38-II). */
export function tallyRecordForEntity(record: TallyRecord, entityCode: string): TallyRecord {
  const source = original(record);
  const contests = source.contests.filter((c) => c.scope === 'local' && c.entity !== 'national' && c.entity.code === entityCode);
  if (contests.length === 0) throw new DocumentError('NO_LOCAL_CONTESTS', `entity ${entityCode} has no local contest in this acta`);
  const entity = contests[0].entity as { code: string; name: string };
  return {
    ...source,
    distribution: { copy: 'entity', recipient: 'opl', entityCode, entityName: entity.name, fullRecordHash: renderCanonical(source).sha256 },
    contests,
  };
}

/** Entity codes that have at least one local contest, ascending: one OPL copy each. */
export function entitiesWithLocalContests(record: TallyRecord): string[] {
  const codes = new Set<string>();
  for (const c of record.contests) if (c.scope === 'local' && c.entity !== 'national') codes.add(c.entity.code);
  return [...codes].sort();
}

export interface DeliverableCopy {
  /** Suggested file name without extension, e.g. "acta-opl-09". */
  name: string;
  record: TallyRecord;
}

/** Every copy numeral 38 asks for: the authority's, the representatives', one per OPL. */
export function deliverableCopies(record: TallyRecord): DeliverableCopy[] {
  return [
    { name: 'acta-autoridad', record: fullTallyRecordCopy(record, 'authority') },
    { name: 'acta-representantes', record: fullTallyRecordCopy(record, 'representatives') },
    ...entitiesWithLocalContests(record).map((code) => ({ name: `acta-opl-${code}`, record: tallyRecordForEntity(record, code) })),
  ];
}
