/**
 * The roll's commands through the real CommandBus on PostgreSQL: ImportRollCommand and
 * AmendRollCommand on the public stream `roll-<id>`; RegisterVoterCommand (registration and
 * first credential in one append) and RemoveVoterFromRollCommand on the voter's sealed stream
 * `voter-<id>-<pseudonym>`. Payloads as in test/domain/roll/roll-decider.spec.ts and
 * test/domain/authentication/voter-access-decider.spec.ts.
 */
import type { IssueCredential, RegisterVoter } from '../../src/domain/authentication/commands';
import type { AmendRoll, ImportRoll } from '../../src/domain/roll/commands';
import { rollDecider, rollStream, voterStream } from '../../src/domain/roll/decider';
import { rollCommitment } from '../../src/domain/roll/roll-commitment';
import type { VoterRollEvent } from '../../src/domain/roll/voter-events';
import type { CredentialIssued } from '../../src/domain/authentication/events';
import { AmendRollCommand, ImportRollCommand, RegisterVoterCommand, RemoveVoterFromRollCommand } from '../../src/roll/roll.commands';
import { dataOf, freshElectionId, given, openPgCommandPath, refused, when, type PgCommandPath } from './pg-command-path';

const NOW = '2024-04-01T12:00:00.000Z';
const P = (c: string) => c.repeat(26);
const entries = [
  { pseudonym: P('b'), entity: '14' },
  { pseudonym: P('a'), entity: '09' },
  { pseudonym: P('c'), entity: '14' },
];
const byOfficial = { actor: 'official:roll', correlationId: 'import-1' };
const importRoll = (electionId: string, over: Partial<ImportRoll> = {}): ImportRoll => ({ type: 'ImportRoll', electionId, entries, electionOpened: false, now: NOW, ...over });
const amendRoll = (electionId: string, over: Partial<AmendRoll> = {}): AmendRoll => ({
  type: 'AmendRoll', electionId, add: [{ pseudonym: P('d'), entity: '32' }], remove: [P('a')], reason: 'corrección DERFE', electionOpened: false, now: NOW, ...over,
});
const imported = (electionId: string) => rollDecider.decide(importRoll(electionId), rollDecider.initialState());

const voter = { electorKey: 'SIMAAA800101140M001', name: 'Votante', entityOfOrigin: '14', countryOfResidence: 'USA', email: 'v@simulacro.example.invalid', mobilePhone: '+15550000001', sex: 'M' as const, birthYear: 1980 };
const register = (electionId: string, pseudonym = P('a')): RegisterVoter => ({ type: 'RegisterVoter', electionId, pseudonym, voter, rollVersion: 1, now: NOW });
const credential: IssueCredential = { type: 'IssueCredential', username: 'v-aaaa-bbbb-cccc', now: NOW };
const registeredEvents = (electionId: string, pseudonym = P('a')): VoterRollEvent[] => [
  { type: 'VoterRegistered', data: { electionId, pseudonym, voter, rollVersion: 1, registeredAt: NOW } },
];
const credentialIssued: CredentialIssued = { type: 'CredentialIssued', data: { username: 'v-aaaa-bbbb-cccc', credentialNumber: 1, at: NOW } };

describe('roll commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_roll');
  });
  afterAll(async () => {
    await path.close();
  });

  describe('ImportRollCommand', () => {
    it('records the public summary and the sorted entries, with the official as actor and the correlation id', async () => {
      const id = freshElectionId('roll');
      const { recorded, types } = await when(path, rollStream(id), new ImportRollCommand(id, importRoll(id), byOfficial));
      expect(types).toEqual(['RollImported', 'RollEntriesPublished']);
      expect(recorded.map((e) => e.metadata)).toEqual([
        expect.objectContaining({ actor: 'official:roll', correlationId: 'import-1' }),
        expect.objectContaining({ actor: 'official:roll', correlationId: 'import-1' }),
      ]);
      expect(recorded[0].data).toEqual({ electionId: id, rollVersion: 1, size: 3, perEntity: { '09': 1, '14': 2 }, rollCommitment: rollCommitment(entries), chunkCount: 1, importedAt: NOW });
      expect(recorded[1].data).toEqual({ electionId: id, rollVersion: 1, chunk: 0, chunkCount: 1, added: [entries[1], entries[0], entries[2]], removed: [] });
      expect(recorded.every((e) => e.visibility === 'public')).toBe(true);
    });

    it('is refused a second time (ROLL_ALREADY_IMPORTED), after opening (ROLL_FROZEN) and when empty, appending nothing', async () => {
      const id = freshElectionId('roll');
      await given(path, rollStream(id), imported(id));
      await refused(path, new ImportRollCommand(id, importRoll(id), byOfficial), 'ROLL_ALREADY_IMPORTED');
      const other = freshElectionId('roll');
      await refused(path, new ImportRollCommand(other, importRoll(other, { electionOpened: true }), byOfficial), 'ROLL_FROZEN');
      await refused(path, new ImportRollCommand(other, importRoll(other, { entries: [] }), byOfficial), 'EMPTY_ROLL');
      await refused(path, new ImportRollCommand(other, importRoll(other, { entries: [entries[0], entries[0]] }), byOfficial), 'DUPLICATE_PSEUDONYM');
      expect(await path.store.readStream(rollStream(other))).toEqual([]);
    });
  });

  describe('AmendRollCommand', () => {
    it('records the amendment with the new and previous commitments, then the added and removed chunks', async () => {
      const id = freshElectionId('roll');
      const stream = rollStream(id);
      await given(path, stream, imported(id));
      const { recorded, types, outcome } = await when(path, stream, new AmendRollCommand(id, amendRoll(id), { actor: 'official:derfe' }));
      expect(types).toEqual(['RollAmended', 'RollEntriesPublished', 'RollEntriesPublished']);
      expect(recorded[0].revision).toBe(2);
      const after = [entries[0], entries[2], { pseudonym: P('d'), entity: '32' }];
      expect(recorded[0].data).toEqual({
        electionId: id, rollVersion: 2, reason: 'corrección DERFE', added: 1, removed: 1, size: 3, perEntity: { '14': 2, '32': 1 },
        rollCommitment: rollCommitment(after), previousCommitment: rollCommitment(entries), chunkCount: 2, amendedAt: NOW,
      });
      expect(recorded.slice(1).map((e) => dataOf<{ added: unknown[]; removed: string[] }>(e))).toEqual([
        expect.objectContaining({ chunk: 0, added: [{ pseudonym: P('d'), entity: '32' }], removed: [] }),
        expect.objectContaining({ chunk: 1, added: [], removed: [P('a')] }),
      ]);
      expect([...outcome.state.entries.keys()].sort()).toEqual(after.map((e) => e.pseudonym).sort());
    });

    it('is refused for an unknown pseudonym, without a reason, before import or after opening, appending nothing', async () => {
      const id = freshElectionId('roll');
      await given(path, rollStream(id), imported(id));
      await refused(path, new AmendRollCommand(id, amendRoll(id, { remove: [P('z')] }), { actor: 'official:derfe' }), 'UNKNOWN_PSEUDONYM');
      await refused(path, new AmendRollCommand(id, amendRoll(id, { reason: ' ' }), { actor: 'official:derfe' }), 'MISSING_REASON');
      await refused(path, new AmendRollCommand(id, amendRoll(id, { electionOpened: true }), { actor: 'official:derfe' }), 'ROLL_FROZEN');
      const empty = freshElectionId('roll');
      await refused(path, new AmendRollCommand(empty, amendRoll(empty), { actor: 'official:derfe' }), 'ROLL_NOT_IMPORTED');
    });
  });

  describe('RegisterVoterCommand', () => {
    it('begins the sealed voter stream with the registration and the first credential, in one append', async () => {
      const id = freshElectionId('roll');
      const stream = voterStream(id, P('a'));
      const { recorded, types, outcome } = await when(path, stream, new RegisterVoterCommand(id, P('a'), register(id), credential, byOfficial));
      expect(types).toEqual(['VoterRegistered', 'CredentialIssued']);
      expect(recorded.map((e) => e.revision)).toEqual([0, 1]);
      expect(recorded[1].position).toBe(recorded[0].position + 1);
      expect(recorded.every((e) => e.visibility === 'sealed' && typeof e.salt === 'string')).toBe(true);
      expect(recorded[0].data).toEqual({ electionId: id, pseudonym: P('a'), voter, rollVersion: 1, registeredAt: NOW });
      // Version 2: the username alone; the service keeps no password hash (issue 13).
      expect(recorded[1].data).toEqual({ username: 'v-aaaa-bbbb-cccc', credentialNumber: 1, at: NOW });
      expect(recorded[1].version).toBe(2);
      expect(outcome.state).toMatchObject({ pseudonym: P('a'), onRoll: true, credential: { number: 1, username: 'v-aaaa-bbbb-cccc' } });
      expect(outcome.state.credential?.passwordHash).toBeUndefined();
    });

    it('is refused for a pseudonym already registered (VOTER_ALREADY_REGISTERED): neither event is appended', async () => {
      const id = freshElectionId('roll');
      const stream = voterStream(id, P('a'));
      await given(path, stream, [...registeredEvents(id), credentialIssued]);
      await refused(path, new RegisterVoterCommand(id, P('a'), register(id), credential, byOfficial), 'VOTER_ALREADY_REGISTERED');
      expect(await path.store.readStream(stream)).toHaveLength(2);
    });
  });

  describe('RemoveVoterFromRollCommand', () => {
    it('records the removal on the voter stream; a second removal is refused (VOTER_NOT_ON_ROLL)', async () => {
      const id = freshElectionId('roll');
      const stream = voterStream(id, P('a'));
      await given(path, stream, [...registeredEvents(id), credentialIssued]);
      const remove = new RemoveVoterFromRollCommand(id, P('a'), { type: 'RemoveVoterFromRoll', reason: 'baja DERFE', rollVersion: 2, now: NOW }, { actor: 'official:derfe' });
      const { recorded, types, outcome } = await when(path, stream, remove);
      expect(types).toEqual(['VoterRemovedFromRoll']);
      expect(recorded[0].revision).toBe(2);
      expect(recorded[0].visibility).toBe('sealed');
      expect(recorded[0].data).toEqual({ electionId: id, pseudonym: P('a'), reason: 'baja DERFE', rollVersion: 2, removedAt: NOW });
      expect(outcome.state.onRoll).toBe(false);
      await refused(path, remove, 'VOTER_NOT_ON_ROLL');
    });

    it('is refused for a pseudonym never registered (VOTER_NOT_REGISTERED), creating no stream', async () => {
      const id = freshElectionId('roll');
      await refused(path, new RemoveVoterFromRollCommand(id, P('q'), { type: 'RemoveVoterFromRoll', reason: 'x', rollVersion: 2, now: NOW }, { actor: 'official:derfe' }), 'VOTER_NOT_REGISTERED');
      expect(await path.store.readStream(voterStream(id, P('q')))).toEqual([]);
    });
  });
});
