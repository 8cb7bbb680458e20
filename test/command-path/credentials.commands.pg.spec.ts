/**
 * The credential authority's facts through the real CommandBus on PostgreSQL (issue 13): its
 * key, its signed list and its replacements on `credentials-<id>`; each voter's public credential
 * on the voter's sealed ballot stream; and the service's import of the authority's files, which
 * checks everything before it appends anything. Each attack is refused with nothing appended.
 */
import { enrolCredentialAuthority, importCredentialList, importCredentialReplacement, credentialListPublished } from '../../src/credentials/credential-list-import';
import {
  AssignVoterCredentialCommand, EnrolCredentialAuthorityCommand, PublishCredentialListCommand, RecordCredentialReplacementCommand, ReplaceVoterCredentialCommand,
} from '../../src/credentials/credentials.commands';
import { generateCredentials, replaceCredential } from '../../src/domain/credentials/credential-authority';
import { CREDENTIAL_REQUEST_FORMAT, type CredentialRequestFile } from '../../src/domain/credentials/credential-files';
import { credentialsStream } from '../../src/domain/credentials/events';
import { credentialListHash, signCredentialList } from '../../src/domain/crypto/credential/credential-list';
import { lifecycleStream } from '../../src/domain/lifecycle/decider';
import type { LifecycleEvent } from '../../src/domain/lifecycle/events';
import { rollDecider, rollStream } from '../../src/domain/roll/decider';
import type { RollEvent } from '../../src/domain/roll/events';
import { voterBallotsStream } from '../../src/domain/voting/decider';
import type { VotingEvent } from '../../src/domain/voting/events';
import { seededRandomSource } from '../../src/roll/seeded-random-source';
import { randomSigningKey } from '../support/credential-authority';
import { dataOf, freshElectionId, given, openPgCommandPath, refused, when, type PgCommandPath } from './pg-command-path';

jest.setTimeout(60_000);

const NOW = '2024-05-20T00:00:00.000Z';
const P = (c: string) => c.repeat(26);
const ROLL = [{ pseudonym: P('a'), entity: '09' }, { pseudonym: P('b'), entity: '14' }, { pseudonym: P('c'), entity: '14' }];
const byOfficial = { actor: 'official:credentials' };
const h = (c: string) => c.repeat(64);

const rollEvents = (electionId: string): RollEvent[] => rollDecider.decide({ type: 'ImportRoll', electionId, entries: ROLL, electionOpened: false, now: NOW }, rollDecider.initialState());
const commitmentOf = (electionId: string) => (rollEvents(electionId)[0].data as { rollCommitment: string }).rollCommitment;
const opened = (electionId: string): LifecycleEvent => ({
  type: 'ElectionOpened',
  data: {
    electionId, manifestHash: h('a'), publicKey: h('b'), ceremonyTranscriptHash: h('c'), softwareVersion: h('d'), rollSize: 3,
    votingOpensAt: NOW, votingClosesAt: '2024-06-03T00:00:00.000Z', openingReportHash: h('e'), openingReportPdfHash: h('f'), openedAt: NOW,
  },
});
const request = (electionId: string): CredentialRequestFile => ({
  format: CREDENTIAL_REQUEST_FORMAT, electionId, rollCommitment: commitmentOf(electionId),
  voters: ROLL.map((r, i) => ({ pseudonym: r.pseudonym, username: `v-aaaa-bbbb-ccc${i}`, name: `Votante ${i}`, email: `v${i}@simulacro.example.invalid` })),
});

describe('credential commands and the import of the authority\'s files, on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_credentials');
  });
  afterAll(async () => {
    await path.close();
  });
  const ports = (electionId: string) => ({ store: path.store, commands: path.commands, electionId, actor: 'official:credentials' });

  /** An election with its roll, an enrolled authority and that authority's generated credentials. */
  async function setUp(seed: string) {
    const id = freshElectionId(seed);
    await given(path, rollStream(id), rollEvents(id));
    const authority = randomSigningKey();
    await enrolCredentialAuthority(ports(id), authority.publicKey, 'Autoridad de credenciales', NOW);
    const generated = generateCredentials(request(id), authority, seededRandomSource(`${seed}-${id}`));
    return { id, authority, generated };
  }

  it('EnrolCredentialAuthorityCommand: the key once; PublishCredentialListCommand: the signed list, after which the election may open', async () => {
    const id = freshElectionId('enrol');
    await given(path, rollStream(id), rollEvents(id));
    const authority = randomSigningKey();
    const enrol = { type: 'EnrolCredentialAuthority' as const, electionId: id, authorityKey: authority.publicKey, name: 'Autoridad', electionOpened: false, now: NOW };
    const enrolled = await when(path, credentialsStream(id), new EnrolCredentialAuthorityCommand(id, enrol, byOfficial));
    expect(enrolled.types).toEqual(['CredentialAuthorityEnrolled']);
    await refused(path, new EnrolCredentialAuthorityCommand(id, enrol, byOfficial), 'AUTHORITY_ALREADY_ENROLLED');
    const credentials = [randomSigningKey(), randomSigningKey(), randomSigningKey()].map((k) => k.publicKey).sort();
    const statement = { electionId: id, rollCommitment: commitmentOf(id), count: 3, listHash: credentialListHash(credentials) };
    const publish = {
      type: 'PublishCredentialList' as const, electionId: id, credentials, rollCommitment: commitmentOf(id), signature: signCredentialList(authority, statement),
      roll: { rollCommitment: commitmentOf(id), size: 3 }, electionOpened: false, now: NOW,
    };
    // Signed by another key (the service's own): refused, nothing appended.
    await refused(path, new PublishCredentialListCommand(id, { ...publish, signature: signCredentialList(randomSigningKey(), statement) }, byOfficial), 'CREDENTIAL_LIST_NOT_SIGNED');
    expect(await credentialListPublished(path.store, id)).toBe(false);
    const published = await when(path, credentialsStream(id), new PublishCredentialListCommand(id, publish, byOfficial));
    expect(published.types).toEqual(['CredentialListPublished', 'PublicCredentialsPublished']);
    expect(published.recorded.every((e) => e.visibility === 'public')).toBe(true);
    expect(dataOf(published.recorded[1])).toMatchObject({ credentials });
    expect(await credentialListPublished(path.store, id)).toBe(true);
    // The list never changes: neither again, nor after opening.
    await refused(path, new PublishCredentialListCommand(id, publish, byOfficial), 'CREDENTIAL_LIST_ALREADY_PUBLISHED');
    await refused(path, new PublishCredentialListCommand(id, { ...publish, electionOpened: true }, byOfficial), 'CREDENTIAL_LIST_FROZEN');
  });

  it('imports the authority\'s file: the sealed mapping on each voter\'s ballot stream first, then the public list; importing it again appends nothing', async () => {
    const { id, generated } = await setUp('import');
    const outcome = await importCredentialList(ports(id), generated.list, NOW);
    expect(outcome).toMatchObject({ count: 3, listHash: generated.list.listHash, fingerprint: generated.fingerprint, assigned: 3 });
    for (const a of generated.list.assignments) {
      const stream = await path.store.readStream(voterBallotsStream(id, a.pseudonym));
      expect(stream.map((e) => [e.type, e.visibility, (e.data as { credential: string }).credential])).toEqual([['VoterCredentialAssigned', 'sealed', a.credential]]);
    }
    // The public stream names no pseudonym: the mapping stays sealed.
    for (const e of await path.store.readStream(credentialsStream(id))) for (const r of ROLL) expect(JSON.stringify(e.data)).not.toContain(r.pseudonym);
    const head = await path.store.head();
    expect(await importCredentialList(ports(id), generated.list, NOW)).toMatchObject({ assigned: 0 });
    expect(await path.store.head()).toBe(head);
  });

  it('refuses, appending nothing: a list not signed by the authority\'s key, a hash that is not the list\'s, a mapping that is not a bijection onto the roll, another election\'s file, after opening', async () => {
    const { id, generated } = await setUp('bad');
    const head = await path.store.head();
    const forged = generateCredentials(request(id), randomSigningKey(), seededRandomSource('forger'));
    await expect(importCredentialList(ports(id), forged.list, NOW)).rejects.toMatchObject({ code: 'CREDENTIAL_LIST_NOT_SIGNED' });
    await expect(importCredentialList(ports(id), { ...generated.list, listHash: h('0') }, NOW)).rejects.toMatchObject({ code: 'MALFORMED_CREDENTIAL_FILE' });
    const [first, second, third] = generated.list.assignments;
    for (const assignments of [
      [first, second], // a voter left without a credential
      [first, { ...second, credential: first.credential }, third], // one credential for two voters
      [first, second, { ...third, pseudonym: P('z') }], // a pseudonym not on the roll
    ]) {
      await expect(importCredentialList(ports(id), { ...generated.list, assignments }, NOW)).rejects.toMatchObject({ code: 'CREDENTIAL_ASSIGNMENT_INVALID' });
    }
    await expect(importCredentialList(ports(id), { ...generated.list, electionId: 'otra' }, NOW)).rejects.toMatchObject({ code: 'OTHER_ELECTION' });
    await expect(importCredentialList(ports(id), { ...generated.list, signature: 'zz' }, NOW)).rejects.toMatchObject({ code: 'MALFORMED_CREDENTIAL_FILE' });
    expect(await path.store.head()).toBe(head);
    await given(path, lifecycleStream(id), [opened(id)]);
    await expect(importCredentialList(ports(id), generated.list, NOW)).rejects.toMatchObject({ code: 'CREDENTIAL_LIST_FROZEN' });
    expect(await path.store.head()).toBe(head + 1);
  });

  it('a replacement: RecordCredentialReplacementCommand and ReplaceVoterCredentialCommand, sealed first; refused once the voter has a ballot; a forged one appends nothing', async () => {
    const { id, authority, generated } = await setUp('replace');
    await importCredentialList(ports(id), generated.list, NOW);
    const voter = generated.issued[1];
    const listed = new Set(generated.list.credentials);
    const { file } = replaceCredential({ electionId: id, listHash: generated.list.listHash, number: 1, voter, revoked: voter.credential, listed }, authority, seededRandomSource('r1'));
    // Signed by another key: refused before the voter's sealed stream is touched.
    const head = await path.store.head();
    const forged = replaceCredential({ electionId: id, listHash: generated.list.listHash, number: 1, voter, revoked: voter.credential, listed }, randomSigningKey(), seededRandomSource('r2')).file;
    await expect(importCredentialReplacement(ports(id), forged, NOW)).rejects.toMatchObject({ code: 'REPLACEMENT_NOT_SIGNED' });
    expect(await path.store.head()).toBe(head);
    await importCredentialReplacement(ports(id), file, NOW);
    const sealed = await path.store.readStream(voterBallotsStream(id, voter.pseudonym));
    expect(sealed.map((e) => e.type)).toEqual(['VoterCredentialAssigned', 'VoterCredentialReplaced']);
    const [replaced] = (await path.store.readStream(credentialsStream(id))).filter((e) => e.type === 'CredentialReplaced');
    expect(replaced.data).toMatchObject({ number: 1, revoked: voter.credential, replacement: file.replacement });
    expect(JSON.stringify(replaced.data)).not.toContain(voter.pseudonym);

    // The commands themselves, on their streams: the same replacement again is refused.
    await refused(path, new RecordCredentialReplacementCommand(id, {
      type: 'RecordCredentialReplacement', electionId: id, number: 1, revoked: file.revoked, replacement: file.replacement, signature: file.signature, votingClosed: false, now: NOW,
    }, byOfficial), 'REPLACEMENT_OUT_OF_ORDER');
    await refused(path, new ReplaceVoterCredentialCommand(id, {
      type: 'ReplaceVoterCredential', electionId: id, pseudonym: voter.pseudonym, revoked: voter.credential, replacement: randomSigningKey().publicKey, now: NOW,
    }, byOfficial), 'NOT_CURRENT_CREDENTIAL');

    // A voter with a recorded ballot: their credential is never replaced.
    const other = generated.issued[2];
    const cast: VotingEvent = { type: 'BallotCastByVoter', data: { electionId: id, pseudonym: other.pseudonym, trackingCode: h('9'), castAt: NOW } };
    await given(path, voterBallotsStream(id, other.pseudonym), [cast]);
    const late = replaceCredential({ electionId: id, listHash: generated.list.listHash, number: 2, voter: other, revoked: other.credential, listed }, authority, seededRandomSource('r3')).file;
    const before = await path.store.head();
    await expect(importCredentialReplacement(ports(id), late, NOW)).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    expect(await path.store.head()).toBe(before);
  });

  it('AssignVoterCredentialCommand: once per voter', async () => {
    const id = freshElectionId('assign');
    const assign = { type: 'AssignVoterCredential' as const, electionId: id, pseudonym: P('a'), credential: randomSigningKey().publicKey, now: NOW };
    const first = await when(path, voterBallotsStream(id, P('a')), new AssignVoterCredentialCommand(id, assign, byOfficial));
    expect(first.types).toEqual(['VoterCredentialAssigned']);
    expect(first.recorded[0].visibility).toBe('sealed');
    await refused(path, new AssignVoterCredentialCommand(id, { ...assign, credential: randomSigningKey().publicKey }, byOfficial), 'CREDENTIAL_ALREADY_ASSIGNED');
  });
});
