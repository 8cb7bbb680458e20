/**
 * `urna verify` V19 (ballots.credentials, record.md §5.10, credentials.md "Verification") on log
 * entries built in memory, no database: a credential authority's signed list in two chunks, the
 * opening, ballots and a spoiled one, a signed replacement and a ballot by the new
 * credential; then each way an operator could tamper with that record — a ballot by a credential
 * of its own, a credential used twice, a revoked credential, a list re-signed or re-hashed, a
 * list changed after opening, a replacement out of order or not the authority's — each refused
 * with its own words, and nothing else refused with it.
 */
import { credentialListFingerprint, credentialListHash, signCredentialList, signCredentialReplacement } from '../../src/domain/crypto/credential/credential-list';
import { signingKey, type SigningKey } from '../../src/domain/crypto/credential/credential-signature';
import type { PublicEventEntry } from '../../src/ledger/merkle/leaf-encoding';
import { checkCredentialEligibility, type CredentialEligibilityInput } from '../../src/verifier/credential-eligibility';

const ID = 'credenciales-2027';
const ROLL_COMMITMENT = 'ab'.repeat(32);
const authority = signingKey(0x5eedn);
const otherAuthority = signingKey(0xbadn);
/** Four voters' credentials, ascending as the list holds them; a fifth key the authority issues as a replacement. */
const voters: SigningKey[] = [11n, 22n, 33n, 44n].map((x) => signingKey(x)).sort((a, b) => (a.publicKey < b.publicKey ? -1 : 1));
const credentials = voters.map((k) => k.publicKey);
const replacementKey = signingKey(55n);
const serverKey = signingKey(66n);
const listHash = credentialListHash(credentials);
const roll = new Map(['p1', 'p2', 'p3', 'p4'].map((p, i) => [p, `entity-${i}`]));
/** An element of the group that is no point: 32 bytes of 0xff are not a canonical encoding. */
const NOT_A_POINT = 'ff'.repeat(32);
const IDENTITY = '00'.repeat(32);

type Entry = PublicEventEntry & { data: Record<string, unknown> };

interface Log {
  entries: Entry[];
  /** Appends an entry at the next position; its revision is its rank in its stream. */
  add(stream: string, type: string, data: Record<string, unknown>, version?: number): Entry;
}

function newLog(): Log {
  const entries: Entry[] = [];
  return {
    entries,
    add(stream, type, data, version = 1) {
      const e: Entry = {
        format: 'urna-leaf/1', position: entries.length, id: `id-${entries.length}`, stream, revision: entries.filter((x) => x.stream === stream).length,
        type, version, recordedAt: '2027-06-01T00:00:00Z', actor: 'system:test', visibility: 'public', data: { electionId: ID, ...data },
      };
      entries.push(e);
      return e;
    },
  };
}

const credentialsStream = `credentials-${ID}`;
const replacementSignature = (number: number, revoked: string, replacement: string, key = authority) =>
  signCredentialReplacement(key, { electionId: ID, listHash, number, revoked, replacement });

/** The list's events, before the opening: enrolment, signed summary, chunks [0, 1] and [2, 3]. */
function addList(log: Log): void {
  log.add(credentialsStream, 'CredentialAuthorityEnrolled', { authorityKey: authority.publicKey, name: 'Autoridad', enrolledAt: '2027-05-01T00:00:00Z' });
  log.add(credentialsStream, 'CredentialListPublished', {
    authorityKey: authority.publicKey, rollCommitment: ROLL_COMMITMENT, count: 4, listHash, fingerprint: credentialListFingerprint(listHash),
    signature: signCredentialList(authority, { electionId: ID, rollCommitment: ROLL_COMMITMENT, count: 4, listHash }), chunkCount: 2, publishedAt: '2027-05-02T00:00:00Z',
  });
  log.add(credentialsStream, 'PublicCredentialsPublished', { chunk: 0, chunkCount: 2, credentials: credentials.slice(0, 2) });
  log.add(credentialsStream, 'PublicCredentialsPublished', { chunk: 1, chunkCount: 2, credentials: credentials.slice(2) });
}

const cast = (log: Log, n: number, credential: string, version = 3) => log.add(`ballot-${ID}-${n}`, 'BallotCast', { credential, signature: 'unchecked here (V12)' }, version);

/**
 * A good record: the list, the opening, a ballot audited (BallotSpoiled, on its own stream), voter 0
 * casts, voter 1 casts, voter 2 abstains, then the authority replaces voter 3's credential and the
 * new one casts.
 */
function goodLog(): Log {
  const log = newLog();
  log.add(`lifecycle-${ID}`, 'ElectionConfigured', {});
  addList(log);
  log.add(`lifecycle-${ID}`, 'ElectionOpened', {});
  log.add(`spoiled-${ID}-AB12`, 'BallotSpoiled', { trackingCode: 'AB12' }, 3);
  cast(log, 1, credentials[0]);
  cast(log, 2, credentials[1]);
  log.add(credentialsStream, 'CredentialReplaced', { number: 1, revoked: credentials[3], replacement: replacementKey.publicKey, signature: replacementSignature(1, credentials[3], replacementKey.publicKey), replacedAt: '2027-06-01T12:00:00Z' });
  cast(log, 4, replacementKey.publicKey);
  return log;
}

const goodReport = () => ({ authorityKey: authority.publicKey, listHash, fingerprint: credentialListFingerprint(listHash), count: 4 });

const check = (entries: Entry[], options: Partial<CredentialEligibilityInput> = {}) =>
  checkCredentialEligibility({ electionId: ID, entries, roll, rollCommitment: ROLL_COMMITMENT, ...options });
const problemsOf = (entries: Entry[], options: Partial<CredentialEligibilityInput> = {}) => check(entries, options).problems;
const find = (entries: Entry[], type: string, k = 0) => entries.filter((e) => e.type === type)[k];
/** The same entries logged afresh: positions and revisions follow, as in a log that never held the ones left out. */
function rebuilt(entries: Entry[]): Entry[] {
  const log = newLog();
  for (const e of entries) log.add(e.stream, e.type, e.data, e.version);
  return log.entries;
}
const GOOD_SUMMARY = `4 credentials (${credentialListFingerprint(listHash)}), 1 replaced, 3 ballots by as many listed credentials`;

describe('V19 ballots.credentials', () => {
  it('passes a signed list, its replacement and one ballot per credential, with the enrolled key or the one given (spaces trimmed)', () => {
    const { entries } = goodLog();
    expect(check(entries)).toEqual({ summary: GOOD_SUMMARY, problems: [], keySource: 'record', authorityKey: authority.publicKey });
    expect(check(entries, { openingReport: goodReport() })).toEqual({ summary: GOOD_SUMMARY, problems: [], keySource: 'record', authorityKey: authority.publicKey });
    expect(check(entries, { authorityKey: ` ${authority.publicKey}\n` })).toEqual({ summary: GOOD_SUMMARY, problems: [], keySource: 'given', authorityKey: authority.publicKey });
  });

  it("reads only this election's streams: another election's list, opening and ballots change nothing", () => {
    const log = newLog();
    log.add('lifecycle-otra', 'ElectionOpened', {});
    log.add('credentials-otra', 'CredentialAuthorityEnrolled', { authorityKey: otherAuthority.publicKey });
    for (const e of goodLog().entries) log.add(e.stream, e.type, e.data, e.version);
    log.add('ballot-otra-1', 'BallotCast', { credential: serverKey.publicKey }, 3);
    const entries = log.entries;
    expect(check(entries)).toEqual({ summary: GOOD_SUMMARY, problems: [], keySource: 'record', authorityKey: authority.publicKey });
  });

  describe('ballots', () => {
    it('counts only the BallotCast entries of ballot streams: another event on a ballot stream is no ballot', () => {
      const log = goodLog();
      log.add(`ballot-${ID}-1`, 'BallotCastNoted', { credential: credentials[0] }, 1);
      expect(check(log.entries)).toMatchObject({ problems: [], summary: GOOD_SUMMARY });
    });

    it("refuses a ballot by a credential that is not on the list (a key of the server's own)", () => {
      const log = goodLog();
      const forged = cast(log, 5, serverKey.publicKey);
      expect(problemsOf(log.entries)).toEqual([`BallotCast at log entry ${forged.position} is signed by ${serverKey.publicKey}, which is not on the credential authority's list`]);
    });

    it('refuses a second ballot by one credential, naming both', () => {
      const log = goodLog();
      const first = find(log.entries, 'BallotCast', 1);
      const second = cast(log, 5, credentials[1]);
      expect(problemsOf(log.entries)).toEqual([`credential ${credentials[1]} has two ballots (log entries ${first.position} and ${second.position})`]);
      expect(check(log.entries).summary).toBe(GOOD_SUMMARY);
    });

    it('refuses a ballot by a revoked credential, cast before or after its replacement', () => {
      const after = goodLog();
      const late = cast(after, 5, credentials[3]);
      expect(problemsOf(after.entries)).toEqual([`BallotCast at log entry ${late.position} is signed by ${credentials[3]}, a revoked credential`]);
      const before = goodLog();
      const early = cast(before, 5, credentials[3]);
      before.entries.splice(before.entries.indexOf(early), 1);
      before.entries.splice(5, 0, early);
      expect(problemsOf(before.entries)).toEqual([`BallotCast at log entry ${early.position} is signed by ${credentials[3]}, a revoked credential`]);
    });

    it('refuses a BallotCast of version 1 or 2 (no credential, no signature), and only says so', () => {
      const log = goodLog();
      const old = cast(log, 5, credentials[0], 2);
      delete old.data.credential;
      expect(problemsOf(log.entries)).toEqual([`BallotCast at log entry ${old.position} is version 2: only version 3 carries the voter's credential and signature`]);
    });
  });

  describe('the stream', () => {
    it('refuses events that are not revisions 0, 1, 2, … (one out of place after a good start)', () => {
      const { entries } = goodLog();
      find(entries, 'CredentialReplaced').revision = 7;
      expect(problemsOf(entries)).toEqual([`${credentialsStream}: its events are not revisions 0, 1, 2, … in log order`]);
    });

    it('refuses an event of another type, and a known event of another version', () => {
      const foreign = goodLog();
      const stray = foreign.add(credentialsStream, 'CredentialListAmended', {});
      expect(problemsOf(foreign.entries)).toEqual([`${credentialsStream} at log entry ${stray.position}: CredentialListAmended version 1 is not an event of the credential list`]);
      for (const type of ['CredentialAuthorityEnrolled', 'CredentialListPublished', 'PublicCredentialsPublished', 'CredentialReplaced']) {
        const { entries } = goodLog();
        const e = find(entries, type);
        e.version = 2;
        expect(problemsOf(entries)).toEqual([`${credentialsStream} at log entry ${e.position}: ${type} version 2 is not an event of the credential list`]);
      }
    });

    it('refuses a record with no enrolled authority or no signed list, and says what key it would have used', () => {
      const noEnrolment = rebuilt(goodLog().entries.filter((e) => e.type !== 'CredentialAuthorityEnrolled'));
      expect(check(noEnrolment)).toEqual({
        summary: 'no signed credential list', keySource: 'record', authorityKey: undefined,
        problems: [`${credentialsStream} holds 0 CredentialAuthorityEnrolled events, not one`],
      });
      const noList = rebuilt(goodLog().entries.filter((e) => e.stream !== credentialsStream || e.type === 'CredentialAuthorityEnrolled'));
      expect(check(noList)).toEqual({
        summary: 'no signed credential list', keySource: 'record', authorityKey: authority.publicKey,
        problems: [`${credentialsStream} holds 0 CredentialListPublished events, not one: no signed list, or a list changed`],
      });
      expect(check(noList, { authorityKey: otherAuthority.publicKey })).toMatchObject({ keySource: 'given', authorityKey: otherAuthority.publicKey });
    });

    it('refuses two enrolments and two signed lists', () => {
      const twice = newLog();
      twice.add(`lifecycle-${ID}`, 'ElectionConfigured', {});
      addList(twice);
      addList(twice);
      twice.add(`lifecycle-${ID}`, 'ElectionOpened', {});
      const problems = problemsOf(twice.entries);
      expect(problems).toContain(`${credentialsStream} holds 2 CredentialAuthorityEnrolled events, not one`);
      expect(problems).toContain(`${credentialsStream} holds 2 CredentialListPublished events, not one: no signed list, or a list changed`);
    });

    it('refuses a log with no ElectionOpened: nothing shows the list came first', () => {
      const { entries } = goodLog();
      expect(problemsOf(entries.filter((e) => e.type !== 'ElectionOpened'))).toEqual(['the log has no ElectionOpened: the list cannot be shown to precede the opening']);
    });

    it('refuses each list event that comes after the opening', () => {
      for (const type of ['CredentialAuthorityEnrolled', 'CredentialListPublished', 'PublicCredentialsPublished']) {
        const { entries } = goodLog();
        const opened = find(entries, 'ElectionOpened').position;
        const e = find(entries, type);
        e.position = opened + 0.5;
        expect(problemsOf(entries)).toContain(`${type} at log entry ${opened + 0.5} comes after the opening (log entry ${opened}): the list changed after opening`);
      }
    });

    it('refuses a list published before its authority was enrolled', () => {
      const { entries } = goodLog();
      find(entries, 'CredentialAuthorityEnrolled').position = 2.5;
      expect(problemsOf(entries)).toEqual(['the list was published before its authority was enrolled']);
    });
  });

  describe("the authority's key", () => {
    it('refuses an enrolled key that is not the one given out of band', () => {
      const { entries } = goodLog();
      expect(problemsOf(entries, { authorityKey: otherAuthority.publicKey })).toEqual([
        `the enrolled credential authority key ${authority.publicKey} is not the one given with --credential-authority (${otherAuthority.publicKey})`,
        "the list is not signed by the credential authority's key (its signature over election, roll commitment, count and list hash does not verify)",
        `CredentialReplaced at log entry ${find(entries, 'CredentialReplaced').position} is not signed by the credential authority's key`,
      ]);
    });

    it('refuses a list that names another key than the enrolled one', () => {
      const { entries } = goodLog();
      find(entries, 'CredentialListPublished').data.authorityKey = otherAuthority.publicKey;
      expect(problemsOf(entries)).toEqual(['CredentialListPublished names another authority key than the one enrolled']);
    });

    it('refuses an enrolled key that is not a group element (not hex, not canonical, the identity, not a string)', () => {
      for (const bad of ['xyz', NOT_A_POINT, IDENTITY]) {
        const { entries } = goodLog();
        find(entries, 'CredentialAuthorityEnrolled').data.authorityKey = bad;
        find(entries, 'CredentialListPublished').data.authorityKey = bad;
        const problems = problemsOf(entries);
        expect(problems[0]).toBe('the credential authority key is not a valid group element');
        expect(problems).toContain("the list is not signed by the credential authority's key (its signature over election, roll commitment, count and list hash does not verify)");
      }
      const { entries } = goodLog();
      find(entries, 'CredentialAuthorityEnrolled').data.authorityKey = 7;
      find(entries, 'CredentialListPublished').data.authorityKey = 7;
      expect(check(entries)).toMatchObject({ authorityKey: undefined, problems: expect.arrayContaining(['the credential authority key is not a valid group element']) });
    });
  });

  describe('the list and its signature', () => {
    const notSigned = "the list is not signed by the credential authority's key (its signature over election, roll commitment, count and list hash does not verify)";

    it('refuses a list re-signed by another key', () => {
      const { entries } = goodLog();
      find(entries, 'CredentialListPublished').data.signature = signCredentialList(otherAuthority, { electionId: ID, rollCommitment: ROLL_COMMITMENT, count: 4, listHash });
      expect(problemsOf(entries)).toEqual([notSigned]);
    });

    it("refuses a credential swapped for the server's, with the hash and fingerprint recomputed (the signature no longer verifies)", () => {
      const { entries } = goodLog();
      const swapped = [serverKey.publicKey, credentials[1]].sort();
      const chunk = find(entries, 'PublicCredentialsPublished');
      chunk.data.credentials = swapped;
      const all = [...swapped, ...credentials.slice(2)];
      const hash = credentialListHash(all);
      Object.assign(find(entries, 'CredentialListPublished').data, { listHash: hash, fingerprint: credentialListFingerprint(hash) });
      expect(problemsOf(entries)).toContain(notSigned);
    });

    it('refuses a wrong list hash, a wrong fingerprint and a wrong count, each alone', () => {
      const hash = goodLog();
      find(hash.entries, 'CredentialListPublished').data.listHash = 'cd'.repeat(32);
      expect(problemsOf(hash.entries)).toEqual([`the listed credentials hash to ${listHash}, CredentialListPublished says ${'cd'.repeat(32)}`]);
      const fingerprint = goodLog();
      find(fingerprint.entries, 'CredentialListPublished').data.fingerprint = 'abcd';
      expect(problemsOf(fingerprint.entries)).toEqual([`the fingerprint abcd is not the list hash's ${credentialListFingerprint(listHash)}`]);
      const count = goodLog();
      find(count.entries, 'CredentialListPublished').data.count = 5;
      expect(problemsOf(count.entries)).toEqual(['CredentialListPublished counts 5 credentials, the chunks hold 4', notSigned]);
    });

    it('refuses a count or a roll commitment of the wrong type even when the signature was made over their values', () => {
      const count = goodLog();
      find(count.entries, 'CredentialListPublished').data.count = '4';
      expect(problemsOf(count.entries)).toEqual(['CredentialListPublished counts 4 credentials, the chunks hold 4', notSigned]);
      const commitment = goodLog();
      find(commitment.entries, 'CredentialListPublished').data.rollCommitment = [ROLL_COMMITMENT];
      expect(problemsOf(commitment.entries)).toEqual(["the list was signed for another roll commitment than the roll's", notSigned]);
    });

    it("refuses a list signed for another roll, and a list of another size than the roll's", () => {
      const { entries } = goodLog();
      expect(problemsOf(entries, { rollCommitment: 'ef'.repeat(32) })).toEqual(["the list was signed for another roll commitment than the roll's"]);
      expect(problemsOf(entries, { roll: new Map([...roll, ['p5', 'entity-5']]) })).toEqual(['4 credentials for 5 pseudonyms on the roll: one per voter']);
    });

    it('refuses chunks out of number, of another announced count, missing, before the summary or without credentials', () => {
      const renumbered = goodLog();
      const [c0, c1] = renumbered.entries.filter((e) => e.type === 'PublicCredentialsPublished');
      c0.data.chunk = 1;
      c1.data.chunk = 0;
      expect(problemsOf(renumbered.entries)).toEqual([
        `PublicCredentialsPublished at log entry ${c0.position} is chunk 1 of 2, where chunk 0 of 2 belongs`,
        `PublicCredentialsPublished at log entry ${c1.position} is chunk 0 of 2, where chunk 1 of 2 belongs`,
      ]);
      const recounted = goodLog();
      const second = find(recounted.entries, 'PublicCredentialsPublished', 1);
      second.data.chunkCount = 3;
      expect(problemsOf(recounted.entries)).toEqual([`PublicCredentialsPublished at log entry ${second.position} is chunk 1 of 3, where chunk 1 of 2 belongs`]);
      const announced = goodLog();
      find(announced.entries, 'CredentialListPublished').data.chunkCount = 3;
      expect(problemsOf(announced.entries)).toEqual([
        'PublicCredentialsPublished at log entry 3 is chunk 0 of 2, where chunk 0 of 3 belongs',
        'PublicCredentialsPublished at log entry 4 is chunk 1 of 2, where chunk 1 of 3 belongs',
        '2 chunks of credentials, CredentialListPublished announces 3',
      ]);
      const early = goodLog();
      find(early.entries, 'PublicCredentialsPublished').position = 1.5;
      expect(problemsOf(early.entries)).toEqual(['PublicCredentialsPublished at log entry 1.5 precedes its CredentialListPublished']);
      const empty = goodLog();
      const chunk = find(empty.entries, 'PublicCredentialsPublished', 1);
      delete chunk.data.credentials;
      expect(problemsOf(empty.entries)).toContain(`PublicCredentialsPublished at log entry ${chunk.position} has no credentials array`);
    });

    it('reads the chunks in log order, whatever order the entries are handed in', () => {
      const { entries } = goodLog();
      const [c0, c1] = entries.filter((e) => e.type === 'PublicCredentialsPublished');
      const i0 = entries.indexOf(c0);
      [entries[i0], entries[i0 + 1]] = [c1, c0];
      [c0.revision, c1.revision] = [c1.revision, c0.revision];
      expect(problemsOf(entries)).toEqual([]);
    });

    it('refuses a list out of order, and names the listed credentials that are no group elements', () => {
      const unsorted = goodLog();
      find(unsorted.entries, 'PublicCredentialsPublished').data.credentials = [credentials[1], credentials[0]];
      expect(problemsOf(unsorted.entries)[0]).toBe('the list of public credentials is not valid: credentials 0 and 1 are not in ascending order without repeats');
      const identity = goodLog();
      find(identity.entries, 'PublicCredentialsPublished').data.credentials = [IDENTITY, credentials[1]];
      const problems = problemsOf(identity.entries);
      expect(problems).toContain(`1 listed credentials are not valid group elements (first: ${IDENTITY})`);
      expect(problems.some((p) => p.startsWith('the list of public credentials is not valid'))).toBe(false);
      const two = goodLog();
      find(two.entries, 'PublicCredentialsPublished', 1).data.credentials = [credentials[2], NOT_A_POINT];
      expect(problemsOf(two.entries)).toContain(`1 listed credentials are not valid group elements (first: ${NOT_A_POINT})`);
    });

    it('still gives a verdict on a list with malformed credentials: it hashes the well-formed ones', () => {
      const hex = credentials[1];
      const malformed = [`x${hex}`, `${hex}x`, hex.slice(2), `${hex}00`, hex.toUpperCase(), 'g'.repeat(64)];
      for (const bad of malformed) {
        const { entries } = goodLog();
        find(entries, 'PublicCredentialsPublished').data.credentials = [credentials[0], bad];
        const rest = [credentials[0], ...credentials.slice(2)];
        expect(problemsOf(entries)).toContain(`the listed credentials hash to ${credentialListHash(rest)}, CredentialListPublished says ${listHash}`);
      }
    });
  });

  describe('the opening report', () => {
    it('refuses a report without the list, or with another key, hash, fingerprint or count', () => {
      const { entries } = goodLog();
      expect(problemsOf(entries, { openingReport: null })).toEqual(['the opening report prints no credential list (its member credentials)']);
      expect(problemsOf(entries, { openingReport: 'list' as never })).toEqual(['the opening report prints no credential list (its member credentials)']);
      expect(problemsOf(entries, { openingReport: { ...goodReport(), authorityKey: otherAuthority.publicKey } })).toEqual([
        `the opening report prints the credential authority key ${otherAuthority.publicKey}, not ${authority.publicKey}`,
      ]);
      for (const change of [{ listHash: 'cd'.repeat(32) }, { fingerprint: credentialListFingerprint('cd'.repeat(32)) }, { count: 5 }]) {
        expect(problemsOf(entries, { openingReport: { ...goodReport(), ...change } })).toEqual(['the opening report fingerprints another credential list than the one in the log']);
      }
    });
  });

  describe('replacements', () => {
    const replace = (log: Log, number: number, revoked: string, replacement: string, key = authority) =>
      log.add(credentialsStream, 'CredentialReplaced', { number, revoked, replacement, signature: replacementSignature(number, revoked, replacement, key) });

    it('accepts a second replacement, numbered 2, of a credential never used', () => {
      const log = goodLog();
      replace(log, 2, credentials[2], serverKey.publicKey);
      expect(check(log.entries)).toMatchObject({ problems: [], summary: `4 credentials (${credentialListFingerprint(listHash)}), 2 replaced, 3 ballots by as many listed credentials` });
    });

    it('refuses a replacement out of number (a signature made over that number)', () => {
      const log = goodLog();
      const e = replace(log, 3, credentials[2], serverKey.publicKey);
      expect(problemsOf(log.entries)).toEqual([`CredentialReplaced at log entry ${e.position} is number 3, where number 2 belongs`]);
    });

    it('refuses a replacement whose number is a string, though its signature is over that number', () => {
      const log = goodLog();
      const e = replace(log, 2, credentials[2], serverKey.publicKey);
      e.data.number = '2';
      expect(problemsOf(log.entries)).toEqual([
        `CredentialReplaced at log entry ${e.position} is number 2, where number 2 belongs`,
        `CredentialReplaced at log entry ${e.position} is not signed by the credential authority's key`,
      ]);
    });

    it('refuses a replacement that precedes the list', () => {
      const { entries } = goodLog();
      const e = find(entries, 'CredentialReplaced');
      e.position = 1.5;
      expect(problemsOf(entries)).toEqual([`CredentialReplaced at log entry 1.5 precedes the list`]);
    });

    it('refuses revoking a credential never listed, and one already revoked', () => {
      const unlisted = goodLog();
      const u = replace(unlisted, 2, serverKey.publicKey, signingKey(77n).publicKey);
      expect(problemsOf(unlisted.entries)).toEqual([`CredentialReplaced at log entry ${u.position} revokes ${serverKey.publicKey}, which is not an active listed credential`]);
      const twice = goodLog();
      const t = replace(twice, 2, credentials[3], serverKey.publicKey);
      expect(problemsOf(twice.entries)).toEqual([`CredentialReplaced at log entry ${t.position} revokes ${credentials[3]}, which is not an active listed credential`]);
    });

    it('refuses a replacement by a credential already listed, or by one that is no group element', () => {
      const listed = goodLog();
      const l = replace(listed, 2, credentials[1], credentials[0]);
      expect(problemsOf(listed.entries)).toEqual([
        `CredentialReplaced at log entry ${l.position} lists ${credentials[0]}, which was already listed`,
        `BallotCast at log entry ${find(listed.entries, 'BallotCast', 1).position} is signed by ${credentials[1]}, a revoked credential`,
      ]);
      const again = goodLog();
      const a = replace(again, 2, credentials[0], replacementKey.publicKey);
      expect(problemsOf(again.entries)).toContain(`CredentialReplaced at log entry ${a.position} lists ${replacementKey.publicKey}, which was already listed`);
      for (const bad of [IDENTITY, NOT_A_POINT]) {
        const log = goodLog();
        const e = replace(log, 2, credentials[2], bad);
        expect(problemsOf(log.entries)).toEqual([`CredentialReplaced at log entry ${e.position}: the new credential is not a valid group element`]);
      }
    });

    it("refuses a replacement signed by another key, and a replaced credential's old key still casting", () => {
      const log = goodLog();
      const e = replace(log, 2, credentials[2], serverKey.publicKey, otherAuthority);
      expect(problemsOf(log.entries)).toEqual([`CredentialReplaced at log entry ${e.position} is not signed by the credential authority's key`]);
      const old = goodLog();
      const b = cast(old, 9, credentials[3]);
      expect(problemsOf(old.entries)).toEqual([`BallotCast at log entry ${b.position} is signed by ${credentials[3]}, a revoked credential`]);
    });
  });
});
