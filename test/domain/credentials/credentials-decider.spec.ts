/**
 * The public credential list's decider (docs/spec/credentials.md): everything the credential
 * authority asserts is accepted only with its signature, before opening for the list, and as
 * replacements afterwards; each attack below must be refused with nothing decided.
 */
import { credentialsDecider } from '../../../src/domain/credentials/decider';
import type { EnrolCredentialAuthority, PublishCredentialList, RecordCredentialReplacement } from '../../../src/domain/credentials/commands';
import type { CredentialsEvent } from '../../../src/domain/credentials/events';
import { CREDENTIAL_CHUNK_SIZE } from '../../../src/domain/credentials/decide';
import { credentialListFingerprint, credentialListHash, signCredentialList, signCredentialReplacement } from '../../../src/domain/crypto/credential/credential-list';
import { signingKey } from '../../../src/domain/crypto/credential/credential-signature';
import { group } from '../../../src/domain/crypto/active-group';
import { hashToScalar, toHex, u32, utf8 } from '../../../src/domain/crypto/hash';
import { eventCatalog } from '../../../src/domain/event-catalog';
import { specFor } from '../decider-spec';

const spec = specFor(credentialsDecider);
const key = (label: string, i = 0) => signingKey(hashToScalar('urna/test/credentials-decider', utf8(label), u32(i)));
const authority = key('authority');
const impostor = key('impostor');
const NOW = '2024-05-20T00:00:00.000Z';
const ROLL = { rollCommitment: 'ab'.repeat(32), size: 5 };
const credentials = Array.from({ length: 5 }, (_, i) => key('voter', i).publicKey).sort();
const listHash = credentialListHash(credentials);

const enrol: EnrolCredentialAuthority = { type: 'EnrolCredentialAuthority', electionId: 'e1', authorityKey: authority.publicKey, name: 'Autoridad', electionOpened: false, now: NOW };
const signedBy = (k = authority, list = credentials, rollCommitment = ROLL.rollCommitment) =>
  signCredentialList(k, { electionId: 'e1', rollCommitment, count: list.length, listHash: credentialListHash(list) });
const publish: PublishCredentialList = {
  type: 'PublishCredentialList', electionId: 'e1', credentials, rollCommitment: ROLL.rollCommitment, signature: signedBy(), roll: ROLL, electionOpened: false, now: NOW,
};
const enrolled = spec([]).when(enrol).events() as CredentialsEvent[];
const listed = [...enrolled, ...(spec(enrolled).when(publish).events() as CredentialsEvent[])];
const fresh = key('replacement').publicKey;
const replacement = (over: Partial<RecordCredentialReplacement> = {}, k = authority): RecordCredentialReplacement => {
  const base = { number: 1, revoked: credentials[2], replacement: fresh, ...over };
  return {
    type: 'RecordCredentialReplacement', electionId: 'e1', ...base, votingClosed: false, now: NOW,
    signature: signCredentialReplacement(k, { electionId: 'e1', listHash, number: base.number, revoked: base.revoked, replacement: base.replacement }), ...over,
  };
};

describe('the credential authority and its list', () => {
  it('enrols the authority\'s key once, before opening, and only a valid element other than the identity', () => {
    expect(enrolled).toEqual([{ type: 'CredentialAuthorityEnrolled', data: { electionId: 'e1', authorityKey: authority.publicKey, name: 'Autoridad', enrolledAt: NOW } }]);
    spec(enrolled).when(enrol).thenFails('AUTHORITY_ALREADY_ENROLLED');
    spec([]).when({ ...enrol, electionOpened: true }).thenFails('CREDENTIAL_LIST_FROZEN');
    spec([]).when({ ...enrol, authorityKey: toHex(group.encode(group.identity)) }).thenFails('INVALID_AUTHORITY_KEY');
    spec([]).when({ ...enrol, authorityKey: 'ff'.repeat(32) }).thenFails('INVALID_AUTHORITY_KEY');
    spec([]).when({ ...enrol, name: '  ' }).thenFails('MISSING_NAME');
  });

  it('publishes the signed list with its hash and fingerprint, then its credentials in chunks', () => {
    const events = spec(enrolled).when(publish).events();
    expect(events[0]).toEqual({
      type: 'CredentialListPublished',
      data: {
        electionId: 'e1', authorityKey: authority.publicKey, rollCommitment: ROLL.rollCommitment, count: 5, listHash,
        fingerprint: credentialListFingerprint(listHash), signature: publish.signature, chunkCount: 1, publishedAt: NOW,
      },
    });
    expect(events.slice(1)).toEqual([{ type: 'PublicCredentialsPublished', data: { electionId: 'e1', chunk: 0, chunkCount: 1, credentials } }]);
    expect(credentialListFingerprint(listHash)).toMatch(/^([0-9a-f]{4}-){7}[0-9a-f]{4}$/);
    expect(CREDENTIAL_CHUNK_SIZE * 66).toBeLessThan(60 * 1024);
    for (const type of ['CredentialAuthorityEnrolled', 'CredentialListPublished', 'PublicCredentialsPublished', 'CredentialReplaced']) {
      expect(eventCatalog.get(type)?.visibility).toBe('public');
    }
  });

  it('refuses a list not signed by the enrolled authority\'s key (the service\'s own, an impostor\'s, or over another list)', () => {
    spec(enrolled).when({ ...publish, signature: signedBy(impostor) }).thenFails('CREDENTIAL_LIST_NOT_SIGNED');
    spec(enrolled).when({ ...publish, signature: '00'.repeat(64) }).thenFails('CREDENTIAL_LIST_NOT_SIGNED');
    // The authority signed this list; a list with one credential swapped for the service's own is not it.
    const swapped = [...credentials.slice(1), key('service-made').publicKey].sort();
    spec(enrolled).when({ ...publish, credentials: swapped }).thenFails('CREDENTIAL_LIST_NOT_SIGNED');
    spec([]).when(publish).thenFails('NO_CREDENTIAL_AUTHORITY');
  });

  it('refuses a list changed after opening, or a second list, whatever it holds', () => {
    spec(enrolled).when({ ...publish, electionOpened: true }).thenFails('CREDENTIAL_LIST_FROZEN');
    spec(listed).when(publish).thenFails('CREDENTIAL_LIST_ALREADY_PUBLISHED');
    spec(listed).when({ ...publish, electionOpened: true }).thenFails('CREDENTIAL_LIST_FROZEN');
  });

  it('refuses a list for another roll, of another size, unsorted, repeated, or with a non-element', () => {
    spec(enrolled).when({ ...publish, roll: { ...ROLL, rollCommitment: 'cd'.repeat(32) } }).thenFails('CREDENTIAL_LIST_FOR_ANOTHER_ROLL');
    spec(enrolled).when({ ...publish, roll: { ...ROLL, size: 6 } }).thenFails('CREDENTIAL_LIST_WRONG_SIZE');
    spec(enrolled).when({ ...publish, credentials: [...credentials].reverse() }).thenFails('INVALID_CREDENTIAL_LIST');
    spec(enrolled).when({ ...publish, credentials: [credentials[0], ...credentials.slice(0, 4)] }).thenFails('INVALID_CREDENTIAL_LIST');
    spec(enrolled).when({ ...publish, credentials: [] }).thenFails('INVALID_CREDENTIAL_LIST');
    const withIdentity = [toHex(group.encode(group.identity)), ...credentials.slice(1)].sort();
    spec(enrolled).when({ ...publish, credentials: withIdentity, signature: signedBy(authority, withIdentity) }).thenFails('INVALID_CREDENTIAL');
  });
});

describe('replacements', () => {
  it('revoke an active credential and list a new one, signed by the authority, numbered in order', () => {
    const one = replacement();
    const first = spec(listed).when(one).events();
    expect(first).toEqual([{ type: 'CredentialReplaced', data: { electionId: 'e1', number: 1, revoked: credentials[2], replacement: fresh, signature: one.signature, replacedAt: NOW } }]);
    // The new credential can itself be replaced later; the revoked one never again.
    const next = key('replacement', 2).publicKey;
    expect(spec([...listed, ...first]).when(replacement({ number: 2, revoked: fresh, replacement: next })).events()).toHaveLength(1);
    spec([...listed, ...first]).when(replacement({ number: 2, revoked: credentials[2], replacement: next })).thenFails('CREDENTIAL_NOT_ACTIVE');
    spec([...listed, ...first]).when(replacement()).thenFails('REPLACEMENT_OUT_OF_ORDER');
  });

  it('refuses an unsigned or impostor-signed replacement, an unlisted credential, a listed replacement, after closing, before the list', () => {
    spec(listed).when(replacement({}, impostor)).thenFails('REPLACEMENT_NOT_SIGNED');
    spec(listed).when({ ...replacement(), replacement: key('other').publicKey }).thenFails('REPLACEMENT_NOT_SIGNED');
    spec(listed).when(replacement({ revoked: key('stranger').publicKey })).thenFails('CREDENTIAL_NOT_ACTIVE');
    spec(listed).when(replacement({ replacement: credentials[0] })).thenFails('CREDENTIAL_ALREADY_LISTED');
    spec(listed).when(replacement({ number: 2 })).thenFails('REPLACEMENT_OUT_OF_ORDER');
    spec(listed).when({ ...replacement(), votingClosed: true }).thenFails('VOTING_CLOSED');
    spec(enrolled).when(replacement()).thenFails('NO_CREDENTIAL_LIST');
    spec(listed).when(replacement({ replacement: toHex(group.encode(group.identity)) })).thenFails('INVALID_CREDENTIAL');
  });
});
