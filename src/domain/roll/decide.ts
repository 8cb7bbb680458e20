import { DomainError } from '../shared/decider';
import type { AmendRoll, ImportRoll, RollCommand } from './commands';
import type { RollEntriesPublished, RollEvent } from './events';
import { isPseudonym } from './pseudonym';
import { rollCommitment, compareEntries, type RollEntry } from './roll-commitment';
import type { RollState } from './state';
import { domainText } from '../shared/domain-text';

/** Entries per RollEntriesPublished event: ~45 bytes of JSON each keeps a chunk near 45 KiB. */
export const ROLL_CHUNK_SIZE = 1000;
const ENTITY_CODE = /^[0-9]{2}$/;

export function decideRoll(command: RollCommand, state: RollState): RollEvent[] {
  if (command.electionOpened) {
    throw new DomainError('ROLL_FROZEN', domainText.pair('roll.rollFrozen'));
  }
  switch (command.type) {
    case 'ImportRoll':
      return importRoll(command, state);
    case 'AmendRoll':
      return amendRoll(command, state);
  }
}

function importRoll(command: ImportRoll, state: RollState): RollEvent[] {
  if (state.status !== 'empty') {
    throw new DomainError('ROLL_ALREADY_IMPORTED', domainText.pair('roll.rollAlreadyImported'));
  }
  if (command.entries.length === 0) throw new DomainError('EMPTY_ROLL', domainText.pair('roll.emptyRoll'));
  checkEntries(command.entries, new Map());
  const sorted = [...command.entries].sort(compareEntries);
  const chunks = chunkEvents(command.electionId, 1, sorted, []);
  return [
    {
      type: 'RollImported',
      data: {
        electionId: command.electionId,
        rollVersion: 1,
        size: sorted.length,
        perEntity: countPerEntity(sorted),
        rollCommitment: rollCommitment(sorted),
        chunkCount: chunks.length,
        importedAt: command.now,
      },
    },
    ...chunks,
  ];
}

function amendRoll(command: AmendRoll, state: RollState): RollEvent[] {
  if (state.status !== 'imported') {
    throw new DomainError('ROLL_NOT_IMPORTED', domainText.pair('roll.rollNotImported'));
  }
  if (command.reason.trim().length === 0) throw new DomainError('MISSING_REASON', domainText.pair('roll.missingReason'));
  if (command.add.length === 0 && command.remove.length === 0) {
    throw new DomainError('EMPTY_AMENDMENT', domainText.pair('roll.emptyAmendment'));
  }
  const remaining = new Map(state.entries);
  const removed = [...new Set(command.remove)].sort();
  if (removed.length !== command.remove.length) {
    throw new DomainError('DUPLICATE_PSEUDONYM', domainText.pair('roll.duplicateInAmendment'));
  }
  for (const p of removed) {
    if (!remaining.delete(p)) {
      throw new DomainError('UNKNOWN_PSEUDONYM', domainText.pair('roll.unknownPseudonym', { pseudonym: p }), { pseudonym: p });
    }
  }
  // Added pseudonyms must be new to the current roll (128 random bits make a clash with an
  // earlier, removed one negligible).
  checkEntries(command.add, state.entries);
  const added = [...command.add].sort(compareEntries);
  const next: RollEntry[] = [...remaining].map(([pseudonym, entity]) => ({ pseudonym, entity }));
  next.push(...added);
  if (next.length === 0) throw new DomainError('EMPTY_ROLL', domainText.pair('roll.amendmentEmptiesRoll'));
  const rollVersion = state.rollVersion + 1;
  const chunks = chunkEvents(command.electionId, rollVersion, added, removed);
  return [
    {
      type: 'RollAmended',
      data: {
        electionId: command.electionId,
        rollVersion,
        reason: command.reason.trim(),
        added: added.length,
        removed: removed.length,
        size: next.length,
        perEntity: countPerEntity(next),
        rollCommitment: rollCommitment(next),
        previousCommitment: state.rollCommitment,
        chunkCount: chunks.length,
        amendedAt: command.now,
      },
    },
    ...chunks,
  ];
}

function checkEntries(entries: RollEntry[], existing: ReadonlyMap<string, string>): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (!isPseudonym(e.pseudonym) || !ENTITY_CODE.test(e.entity)) {
      throw new DomainError('INVALID_ROLL_ENTRY', domainText.pair('roll.invalidRollEntry', { entry: JSON.stringify(e) }), { entry: e });
    }
    if (seen.has(e.pseudonym) || existing.has(e.pseudonym)) {
      throw new DomainError('DUPLICATE_PSEUDONYM', domainText.pair('roll.duplicatePseudonym', { pseudonym: e.pseudonym }), { pseudonym: e.pseudonym });
    }
    seen.add(e.pseudonym);
  }
}

export function countPerEntity(entries: readonly RollEntry[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.entity, (counts.get(e.entity) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function chunkEvents(electionId: string, rollVersion: number, added: RollEntry[], removed: string[]): RollEntriesPublished[] {
  const pieces: Array<{ added: RollEntry[]; removed: string[] }> = [];
  for (let i = 0; i < added.length; i += ROLL_CHUNK_SIZE) pieces.push({ added: added.slice(i, i + ROLL_CHUNK_SIZE), removed: [] });
  for (let i = 0; i < removed.length; i += ROLL_CHUNK_SIZE) pieces.push({ added: [], removed: removed.slice(i, i + ROLL_CHUNK_SIZE) });
  return pieces.map((p, chunk) => ({
    type: 'RollEntriesPublished',
    data: { electionId, rollVersion, chunk, chunkCount: pieces.length, added: p.added, removed: p.removed },
  }));
}
