import { MAX_AUDITS_PER_VOTER } from '../../../src/domain/voting/decide';
import { votingDecider } from '../../../src/domain/voting/decider';
import type { CastBallot, PublishCastBallot, PublishSpoiledBallot, SpoilBallot } from '../../../src/domain/voting/commands';
import type { VotingEvent } from '../../../src/domain/voting/events';
import { eventCatalog } from '../../../src/domain/event-catalog';
import { specFor } from '../decider-spec';

const hex = (b: string) => b.repeat(32);
/** Every voter of these specs has the public credential the authority's sealed mapping gave them. */
const CREDENTIAL = hex('c7');
const assigned: VotingEvent[] = [{ type: 'VoterCredentialAssigned', data: { electionId: 'e1', pseudonym: 'P1', credential: CREDENTIAL, assignedAt: '2024-05-20T00:00:00.000Z' } }];
const spec = (given: VotingEvent[]) => specFor(votingDecider)([...assigned, ...given]);
/** A stream with no credential assigned. */
const bare = specFor(votingDecider);
/** A ballot shape with the given α/β values (the decider reads only its ciphertexts). */
const ballotWith = (...cts: string[]) => ({ contests: [{ options: [{ alpha: cts[0], beta: cts[1] }, { alpha: cts[2], beta: cts[3] }] }] });

const cast: CastBallot = {
  type: 'CastBallot',
  electionId: 'e1',
  pseudonym: 'P1',
  bindingNonce: hex('0b'),
  credential: CREDENTIAL,
  signature: hex('5a') + hex('5a'),
  credentialStatus: 'active',
  entitledStyleId: '09',
  styleId: '09',
  trackingCode: hex('ab'),
  ballot: ballotWith(hex('a1'), hex('b1'), hex('a2'), hex('b2')),
  ballotVerified: true,
  reusesPublishedSpoiledCiphertext: false,
  votingPhase: 'voting',
  votingClosesAt: '2024-06-03T00:00:00.000Z',
  now: '2024-05-25T00:00:00.000Z',
};
const spoil = (trackingCode: string, ballot: unknown = ballotWith(hex('c1'), hex('d1'), hex('c2'), hex('d2'))): SpoilBallot => ({
  type: 'SpoilBallot', electionId: 'e1', pseudonym: 'P1', bindingNonce: hex('5b'), styleId: '09', trackingCode, ballot, disclosureVerified: true, now: cast.now,
});
const publishCast: PublishCastBallot = {
  type: 'PublishCastBallot', electionId: 'e1', pseudonym: 'P1', bindingNonce: cast.bindingNonce, credential: CREDENTIAL, signature: cast.signature, styleId: '09',
  trackingCode: cast.trackingCode,
  ballot: cast.ballot, recordedTrackingCode: cast.trackingCode, castAt: cast.now,
};
const publishSpoiled: PublishSpoiledBallot = {
  type: 'PublishSpoiledBallot', electionId: 'e1', styleId: '09', trackingCode: hex('ef'), ballot: {}, disclosure: { selections: {}, nonces: [] }, recordedByVoter: true, now: cast.now,
};

describe("the voter's sealed ballot stream: cast or spoiled, never both", () => {
  // Decided in beforeAll, not while Jest collects the tests: a broken decider then fails these
  // tests instead of the file's loading (which mutation testing counts as an error, not a kill).
  let castFact: VotingEvent[] = [];
  beforeAll(() => {
    castFact = spec([]).when(cast).events();
  });
  it("records the cast on the voter's stream (sealed), with what closing needs to publish it if a crash interrupts the publication", () => {
    expect(castFact).toEqual([{
      type: 'BallotCastByVoter',
      data: {
        electionId: 'e1', pseudonym: 'P1', trackingCode: cast.trackingCode, castAt: cast.now, bindingNonce: cast.bindingNonce, styleId: cast.styleId, ballot: cast.ballot,
        credential: CREDENTIAL, signature: cast.signature,
      },
    }]);
    expect(eventCatalog.get('BallotCastByVoter')?.visibility).toBe('sealed');
    expect(eventCatalog.get('BallotSpoiledByVoter')?.visibility).toBe('sealed');
  });
  it('accepts one ballot per voter, ever; the same ballot again decides nothing (its publication may be pending)', () => {
    spec(castFact).when({ ...cast, trackingCode: hex('cd') }).thenFails('ALREADY_VOTED');
    spec(castFact).when(cast).then([]);
  });
  it('refuses before voting starts and after it closes', () => {
    spec([]).when({ ...cast, votingPhase: 'opened' }).thenFails('VOTING_NOT_STARTED');
    spec([]).when({ ...cast, votingPhase: 'closed' }).thenFails('VOTING_CLOSED');
    spec([]).when({ ...cast, now: cast.votingClosesAt! }).thenFails('VOTING_CLOSED');
  });
  it('refuses another style and unverified ballots', () => {
    spec([]).when({ ...cast, styleId: '14' }).thenFails('WRONG_BALLOT_STYLE');
    spec([]).when({ ...cast, ballotVerified: false }).thenFails('INVALID_BALLOT');
  });

  it('spoil, then cast the same ballot: refused (BALLOT_SPOILED)', () => {
    const spoiled = spec([]).when(spoil(cast.trackingCode, cast.ballot)).events();
    expect(spoiled.map((e) => e.type)).toEqual(['BallotSpoiledByVoter']);
    spec(spoiled).when(cast).thenFails('BALLOT_SPOILED');
  });
  it('cast, then spoil the same ballot (or any other): refused (ALREADY_VOTED)', () => {
    spec(castFact).when(spoil(cast.trackingCode, cast.ballot)).thenFails('ALREADY_VOTED');
    spec(castFact).when(spoil(hex('ef'))).thenFails('ALREADY_VOTED');
  });
  it('a cast ballot reusing any α or β of a spoiled ballot is refused (SPOILED_CIPHERTEXT_REUSED): its nonce is public', () => {
    const spoiled = spec([]).when(spoil(hex('ef'))).events();
    expect((spoiled[0] as Extract<VotingEvent, { type: 'BallotSpoiledByVoter' }>).data.ciphertexts).toEqual([hex('c1'), hex('d1'), hex('c2'), hex('d2')]);
    spec(spoiled).when({ ...cast, ballot: ballotWith(hex('a1'), hex('b1'), hex('c2'), hex('b2')) }).thenFails('SPOILED_CIPHERTEXT_REUSED');
    spec(spoiled).when({ ...cast, ballot: ballotWith(hex('a1'), hex('d1'), hex('a2'), hex('b2')) }).thenFails('SPOILED_CIPHERTEXT_REUSED');
    // Another voter's published spoiled ballot, as the service found it.
    spec([]).when({ ...cast, reusesPublishedSpoiledCiphertext: true }).thenFails('SPOILED_CIPHERTEXT_REUSED');
    expect(spec(spoiled).when(cast).events().map((e) => e.type)).toEqual(['BallotCastByVoter']);
  });
  it('the same disclosure twice decides nothing new (the second publication is refused: ALREADY_SPOILED)', () => {
    const once = spec([]).when(spoil(hex('ef'))).events();
    spec(once).when(spoil(hex('ef'))).then([]);
  });
  it(`at most ${MAX_AUDITS_PER_VOTER} audits per voter (AUDIT_LIMIT_REACHED), and a vote still after them`, () => {
    expect(MAX_AUDITS_PER_VOTER).toBe(5);
    let given: VotingEvent[] = [];
    for (let i = 0; i < MAX_AUDITS_PER_VOTER; i++) given = [...given, ...spec(given).when(spoil(hex(`e${i}`), ballotWith(hex(`c${i}`)))).events()];
    spec(given).when(spoil(hex('f0'), ballotWith(hex('f1')))).thenFails('AUDIT_LIMIT_REACHED');
    // Repeating an already recorded audit is no new audit.
    spec(given).when(spoil(hex('e0'), ballotWith(hex('c0')))).then([]);
    expect(spec(given).when(cast).events().map((e) => e.type)).toEqual(['BallotCastByVoter']);
  });
  it('an audit that would disclose a cast ciphertext is refused (CAST_CIPHERTEXT_DISCLOSED) and records nothing; without that finding it is recorded', () => {
    spec([]).when({ ...spoil(hex('ee')), disclosesCastCiphertext: true }).thenFails('CAST_CIPHERTEXT_DISCLOSED');
    expect(spec([]).when({ ...spoil(hex('ee')), disclosesCastCiphertext: false }).events().map((e) => e.type)).toEqual(['BallotSpoiledByVoter']);
  });
  it('a retried audit (its publication failed) is refused once a cast ballot holds its α, and then publishes nothing', () => {
    const recorded = spec([]).when(spoil(hex('ee'))).events();
    spec(recorded).when({ ...spoil(hex('ee')), disclosesCastCiphertext: true }).thenFails('CAST_CIPHERTEXT_DISCLOSED');
    spec(recorded).when({ ...spoil(hex('ee')), disclosesCastCiphertext: false }).then([]);
  });
  it('an unverified disclosure is refused', () => {
    spec([]).when({ ...spoil(hex('ef')), disclosureVerified: false }).thenFails('INVALID_DISCLOSURE');
  });
  it('the sealed spoil fact keeps the binding nonce (for an authorised auditor), never published', () => {
    const [e] = spec([]).when(spoil(hex('ef'))).events() as Extract<VotingEvent, { type: 'BallotSpoiledByVoter' }>[];
    expect(e.data).toMatchObject({ pseudonym: 'P1', bindingNonce: hex('5b'), trackingCode: hex('ef') });
  });
});

describe('publication streams', () => {
  it('the cast ballot is published with its pseudonym, credential, signature and binding nonce, once', () => {
    const published = spec([]).when(publishCast).events();
    expect(published).toEqual([{ type: 'BallotCast', data: {
      electionId: 'e1', pseudonym: 'P1', bindingNonce: cast.bindingNonce, credential: CREDENTIAL, signature: cast.signature, styleId: '09',
      trackingCode: cast.trackingCode, ballot: cast.ballot, castAt: cast.now,
    } }]);
    spec(published).when(publishCast).thenFails('ALREADY_VOTED');
    spec([]).when({ ...publishCast, recordedTrackingCode: undefined }).thenFails('NOT_RECORDED');
    spec([]).when({ ...publishCast, recordedTrackingCode: hex('cd') }).thenFails('NOT_RECORDED');
  });
  it('a spoiled ballot is published with nothing of the voter, once', () => {
    const published = spec([]).when(publishSpoiled).events();
    expect(published).toEqual([{ type: 'BallotSpoiled', data: {
      electionId: 'e1', styleId: '09', trackingCode: hex('ef'), ballot: {}, disclosure: publishSpoiled.disclosure, spoiledAt: cast.now,
    } }]);
    expect(Object.keys((published[0] as { data: object }).data)).not.toContain('pseudonym');
    spec(published).when(publishSpoiled).thenFails('ALREADY_SPOILED');
    spec([]).when({ ...publishSpoiled, recordedByVoter: false }).thenFails('NOT_RECORDED');
  });
  it('new versions: BallotCast, BallotSpoiled and BallotCastByVoter are written as version 3, versions 1 and 2 stay known', () => {
    for (const type of ['BallotCast', 'BallotSpoiled', 'BallotCastByVoter']) {
      expect(eventCatalog.get(type)?.versions).toEqual([1, 2, 3]);
      expect(eventCatalog.isKnown(type, 1) && eventCatalog.isKnown(type, 2)).toBe(true);
    }
  });
});

describe("a ballot's credential (issue 13): listed, not revoked, the voter's own", () => {
  const revokedAfter = (replacement: string): VotingEvent[] => spec([]).when({
    type: 'ReplaceVoterCredential', electionId: 'e1', pseudonym: 'P1', revoked: CREDENTIAL, replacement, now: cast.now,
  }).events();

  it('refuses a credential not on the published list, a revoked one, and another voter\'s, before anything else about the ballot', () => {
    spec([]).when({ ...cast, credentialStatus: 'unlisted' }).thenFails('CREDENTIAL_NOT_LISTED');
    spec([]).when({ ...cast, credentialStatus: 'unlisted', ballotVerified: false }).thenFails('CREDENTIAL_NOT_LISTED');
    spec([]).when({ ...cast, credentialStatus: 'revoked' }).thenFails('CREDENTIAL_REVOKED');
    spec([]).when({ ...cast, credential: hex('d8') }).thenFails('CREDENTIAL_NOT_YOURS');
    bare([]).when(cast).thenFails('NO_CREDENTIAL');
  });
  it('a replaced credential can no longer vote, even if the public list has not caught up; its replacement can', () => {
    const replaced = revokedAfter(hex('e9'));
    expect(replaced).toEqual([{ type: 'VoterCredentialReplaced', data: { electionId: 'e1', pseudonym: 'P1', revoked: CREDENTIAL, replacement: hex('e9'), replacedAt: cast.now } }]);
    spec(replaced).when(cast).thenFails('CREDENTIAL_REVOKED');
    expect(spec(replaced).when({ ...cast, credential: hex('e9') }).events().map((e) => e.type)).toEqual(['BallotCastByVoter']);
  });
  it('a credential with a recorded ballot is never replaced (the replaced one must have no counted ballot)', () => {
    const voted = spec([]).when(cast).events();
    spec(voted).when({ type: 'ReplaceVoterCredential', electionId: 'e1', pseudonym: 'P1', revoked: CREDENTIAL, replacement: hex('e9'), now: cast.now }).thenFails('ALREADY_VOTED');
  });
  it('replaces only the current credential, and assigns one only once', () => {
    spec([]).when({ type: 'ReplaceVoterCredential', electionId: 'e1', pseudonym: 'P1', revoked: hex('d8'), replacement: hex('e9'), now: cast.now }).thenFails('NOT_CURRENT_CREDENTIAL');
    bare([]).when({ type: 'ReplaceVoterCredential', electionId: 'e1', pseudonym: 'P1', revoked: CREDENTIAL, replacement: hex('e9'), now: cast.now }).thenFails('NO_CREDENTIAL');
    spec([]).when({ type: 'AssignVoterCredential', electionId: 'e1', pseudonym: 'P1', credential: hex('e9'), now: cast.now }).thenFails('CREDENTIAL_ALREADY_ASSIGNED');
    expect(eventCatalog.get('VoterCredentialAssigned')?.visibility).toBe('sealed');
    expect(eventCatalog.get('VoterCredentialReplaced')?.visibility).toBe('sealed');
  });
});
