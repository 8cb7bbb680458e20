/**
 * Preservation's command through the real CommandBus on PostgreSQL:
 * RecordPreservationManifestCommand, which hashes the signed manifest over every artefact into
 * the tally stream `tally-<id>` once the tally is complete.
 */
import { createHash } from 'node:crypto';
import type { RecordPreservationManifest } from '../../src/domain/tally/commands';
import { tallyStream, type TallyEvent } from '../../src/domain/tally/events';
import { RecordPreservationManifestCommand } from '../../src/preservation/preservation.commands';
import { freshElectionId, given, openPgCommandPath, refused, when, type PgCommandPath } from './pg-command-path';

const h = (c: string) => c.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const NOW = '2024-06-05T00:00:00.000Z';
const byTally = { actor: 'system:tally', correlationId: 'preservation-1' };
const ARTEFACTS = [
  { name: 'acta/acta.json', sha256: sha256('acta') },
  { name: 'election-record/ballot-box.jsonl', sha256: sha256('ballots') },
  { name: 'ledger/events.jsonl', sha256: sha256('events') },
];
const SIGNER = 'ab'.repeat(32);

/** The tally's past up to its completion (and the acta), as recorded facts. */
const startedEvent = (electionId: string): TallyEvent => ({
  type: 'TallyStarted',
  data: { electionId, ballotBoxHash: h('a'), closingBallotBoxHash: h('a'), matchesClosing: true, ballots: 0, threshold: 2, contests: ['PRES'], startedAt: '2024-06-04T00:00:00.000Z' },
});
const resultsEvent = (electionId: string): TallyEvent => ({
  type: 'ResultsPublished', data: { electionId, contestId: 'PRES', counts: [{ optionId: 'A', count: 0 }, { optionId: 'B', count: 0 }], trustees: [1, 2] },
});
const completedEvent = (electionId: string): TallyEvent => ({
  type: 'TallyCompleted', data: { electionId, contests: 1, ballots: 0, trustees: [1, 2], completedAt: '2024-06-04T01:00:00.000Z' },
});
const actaEvent = (electionId: string): TallyEvent => ({ type: 'ActaIssued', data: { electionId, jsonSha256: h('c'), issuedAt: '2024-06-04T02:00:00.000Z' } });
const manifest = (electionId: string, over: Partial<RecordPreservationManifest> = {}): RecordPreservationManifest => ({
  type: 'RecordPreservationManifest', electionId, manifestSha256: sha256('manifest'), artefacts: ARTEFACTS, signerPublicKey: SIGNER, now: NOW, ...over,
});

describe('preservation commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_preservation');
  });
  afterAll(async () => {
    await path.close();
  });

  describe('RecordPreservationManifestCommand', () => {
    it('records the signed manifest hash and every artefact hash in the tally stream once the tally is complete', async () => {
      const id = freshElectionId('pres');
      const stream = tallyStream(id);
      await given(path, stream, [startedEvent(id), resultsEvent(id), completedEvent(id), actaEvent(id)]);
      const { recorded, types, outcome } = await when(path, stream, new RecordPreservationManifestCommand(id, manifest(id), byTally));
      expect(types).toEqual(['PreservationManifestIssued']);
      expect(recorded[0].revision).toBe(4);
      expect(recorded[0].visibility).toBe('public');
      expect(recorded[0].metadata).toMatchObject({ actor: 'system:tally', correlationId: 'preservation-1' });
      expect(recorded[0].data).toEqual({ electionId: id, manifestSha256: sha256('manifest'), artefacts: ARTEFACTS, signerPublicKey: SIGNER, issuedAt: NOW });
      expect(outcome.state.manifestIssued).toBe(true);
    });

    it('is refused before the tally is complete (TALLY_NOT_COMPLETED), appending nothing', async () => {
      const id = freshElectionId('pres');
      await given(path, tallyStream(id), [startedEvent(id), resultsEvent(id)]);
      await refused(path, new RecordPreservationManifestCommand(id, manifest(id), byTally), 'TALLY_NOT_COMPLETED');
      const none = freshElectionId('pres');
      await refused(path, new RecordPreservationManifestCommand(none, manifest(none), byTally), 'TALLY_NOT_COMPLETED');
      expect(await path.store.readStream(tallyStream(none))).toEqual([]);
    });

    it('is refused with a manifest hash that is not a hex SHA-256 (INVALID_HASH), appending nothing', async () => {
      const id = freshElectionId('pres');
      await given(path, tallyStream(id), [startedEvent(id), resultsEvent(id), completedEvent(id)]);
      await refused(path, new RecordPreservationManifestCommand(id, manifest(id, { manifestSha256: h('Z') }), byTally), 'INVALID_HASH');
    });
  });
});
