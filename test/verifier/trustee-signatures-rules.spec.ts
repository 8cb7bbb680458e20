/**
 * `urna verify` V20 (trustees.signatures, record.md §5.9, crypto-ceremony-tally.md §7) rule by
 * rule, beside trustee-signatures.spec.ts: a signature made for another scope or kind, a message
 * or a complaint with a member missing, keys enrolled without a version 2 or without a key, two
 * complaints by one trustee signed ascending, another election's entries, and the opening report's
 * trustees in any order, with one too many or one without a key. Each case is one tampering, and
 * the exact problems it must give.
 */
import type { CeremonyParams } from '../../src/domain/crypto/ceremony';
import { signingKeyFingerprint, TALLY_SCOPE } from '../../src/domain/ceremony/trustee-signature';
import { checkTrusteeSignatures } from '../../src/verifier/trustee-signatures';
import { signedCeremonyLog, type ComplaintFiled, type Entry } from '../support/signed-ceremony-log';
import { trusteeKey } from '../support/trustee-keys';

const ID = 'firmas-reglas-2027';
const params: CeremonyParams = { ceremonyId: `${ID}.dkg.1`, n: 3, t: 2 };
const keys = [1, 2, 3].map((i) => trusteeKey(i, 'v20-rules'));
const logOf = (options: { complaints?: ComplaintFiled[]; enrolmentOrder?: number[] } = {}) =>
  signedCeremonyLog({ electionId: ID, params, signer: (i) => keys[i - 1], ...options });
const report = (order = [1, 2, 3]) => ({
  trustees: order.map((i) => ({ trusteeIndex: i, name: `Persona ${i}`, signingKeyFingerprint: signingKeyFingerprint(keys[i - 1].signingKey) })),
});
const check = (entries: Entry[], openingReport?: { trustees?: unknown }) => checkTrusteeSignatures({ electionId: ID, entries, openingReport });
const problemsOf = (entries: Entry[], openingReport?: { trustees?: unknown }) => check(entries, openingReport).problems;
const find = (entries: Entry[], type: string, pick: (d: Record<string, unknown>) => boolean = () => true) => entries.find((e) => e.type === type && pick(e.data))!;
const round1Of = (entries: Entry[], trustee: number) => find(entries, 'CeremonyRound1Published', (d) => (d.message as { trustee: number }).trustee === trustee);
const GOOD = { problems: [], summary: '10 signatures by 3 enrolled trustee keys' };

describe('V20 trustees.signatures, rule by rule', () => {
  it('refuses to judge a log without a CeremonyOpened of this election, or one without a ceremony id', () => {
    const entries = logOf();
    const opened = find(entries, 'CeremonyOpened');
    expect(() => check(entries.filter((e) => e !== opened))).toThrow('the log has no CeremonyOpened');
    expect(() => check(entries.map((e) => (e === opened ? { ...e, stream: 'ceremony-otra' } : e)))).toThrow('the log has no CeremonyOpened');
    expect(() => check(entries.map((e) => (e === opened ? { ...e, data: { ...e.data, ceremonyId: 1 } } : e)))).toThrow('the log has no CeremonyOpened');
  });

  it("ignores another election's ceremony and tally, even unsigned", () => {
    const entries = logOf();
    const foreign = (e: Entry, stream: string): Entry => ({ ...e, stream, position: 100 + e.position, data: { ...e.data, signature: undefined } });
    const extra = [
      foreign(find(entries, 'TrusteeEnrolled'), 'ceremony-otra'),
      foreign(round1Of(entries, 1), 'ceremony-otra'),
      foreign(find(entries, 'CeremonySharesDealt'), 'ceremony-otra'),
      foreign(find(entries, 'CeremonySharesChecked'), 'ceremony-otra'),
      { ...foreign(find(entries, 'CeremonySharesChecked'), `tally-${ID}`), type: 'CeremonyComplaintFiled', data: { complaint: { complainant: 1, dealer: 2 } } },
      foreign(find(entries, 'PartialDecryptionPosted'), 'tally-otra'),
      foreign(find(entries, 'PartialDecryptionPosted'), `ceremony-${ID}`),
    ];
    expect(check([...entries, ...extra], report())).toEqual(GOOD);
  });

  it('checks the ceremony messages in the scope of the last CeremonyOpened', () => {
    const entries = logOf();
    const opened = find(entries, 'CeremonyOpened');
    const earlier: Entry = { ...opened, position: -1, data: { ...opened.data, ceremonyId: `${ID}.dkg.0` } };
    expect(check([earlier, ...entries])).toEqual(GOOD);
    expect(problemsOf([...entries, { ...earlier, position: 99 }])).toHaveLength(9);
  });

  it("refuses a signature made for another ceremony, another kind of message or the ceremony's scope in the tally", () => {
    const scope = logOf();
    const r1 = round1Of(scope, 2);
    r1.data.signature = keys[1].sign({ electionId: ID, scope: `${ID}.dkg.0`, kind: 'CeremonyRound1Published', trusteeIndex: 2, message: r1.data.message });
    expect(problemsOf(scope)).toEqual([`CeremonyRound1Published of trustee 2 (log entry ${r1.position}): the signature does not verify with trustee 2's enrolled key`]);
    const kind = logOf();
    const r1k = round1Of(kind, 2);
    r1k.data.signature = keys[1].sign({ electionId: ID, scope: params.ceremonyId, kind: 'CeremonySharesDealt', trusteeIndex: 2, message: r1k.data.message });
    expect(problemsOf(kind)).toEqual([`CeremonyRound1Published of trustee 2 (log entry ${r1k.position}): the signature does not verify with trustee 2's enrolled key`]);
    const election = logOf();
    const r1e = round1Of(election, 2);
    r1e.data.signature = keys[1].sign({ electionId: 'otra', scope: params.ceremonyId, kind: 'CeremonyRound1Published', trusteeIndex: 2, message: r1e.data.message });
    expect(problemsOf(election)).toHaveLength(1);
    const tally = logOf();
    const posted = find(tally, 'PartialDecryptionPosted');
    const { signature: _, electionId: __, ...message } = posted.data;
    posted.data.signature = keys[0].sign({ electionId: ID, scope: params.ceremonyId, kind: 'PartialDecryptionPosted', trusteeIndex: 1, message });
    expect(problemsOf(tally)).toEqual([`PartialDecryptionPosted of trustee 1 (log entry ${posted.position}): the signature does not verify with trustee 1's enrolled key`]);
    posted.data.signature = keys[0].sign({ electionId: ID, scope: TALLY_SCOPE, kind: 'PartialDecryptionPosted', trusteeIndex: 1, message });
    expect(problemsOf(tally)).toEqual([]);
  });

  it('refuses a signature that is not a string, and a message with no member naming its sender', () => {
    const numeric = logOf();
    const dealt = find(numeric, 'CeremonySharesDealt');
    dealt.data.signature = 7;
    expect(problemsOf(numeric)).toEqual([`CeremonySharesDealt of trustee 1 (log entry ${dealt.position}) carries no signature (version 3)`]);
    for (const type of ['CeremonyRound1Published', 'CeremonySharesDealt']) {
      const entries = logOf();
      const e = find(entries, type);
      delete e.data.message;
      expect(problemsOf(entries)).toEqual([`${type} of trustee undefined (log entry ${e.position}) names a trustee with no enrolled signing key`]);
    }
  });

  it('refuses a version-2 enrolment without a key and a version-1 enrolment with one, and counts only the keys it accepts', () => {
    const keyless = logOf();
    const e2 = find(keyless, 'TrusteeEnrolled', (d) => d.trusteeIndex === 3);
    delete e2.data.signingKey;
    const unattributed = (entries: Entry[], trustee: number) => entries
      .filter((e) => ['CeremonyRound1Published', 'CeremonySharesDealt', 'CeremonySharesChecked'].includes(e.type))
      .filter((e) => { const d = e.data as { message?: { trustee?: number; dealer?: number }; trusteeIndex?: number }; return (d.message?.trustee ?? d.message?.dealer ?? d.trusteeIndex) === trustee; })
      .map((e) => `${e.type} of trustee ${trustee} (log entry ${e.position}) names a trustee with no enrolled signing key`);
    expect(check(keyless)).toEqual({
      problems: [`trustee 3 (log entry 2) was enrolled without a signing key (TrusteeEnrolled version 2): nothing it sent can be attributed to it`, ...unattributed(keyless, 3)],
      summary: '7 signatures by 2 enrolled trustee keys',
    });
    const v1 = logOf();
    find(v1, 'TrusteeEnrolled', (d) => d.trusteeIndex === 1).version = 1;
    expect(check(v1).problems).toEqual([
      'trustee 1 (log entry 0) was enrolled without a signing key (TrusteeEnrolled version 1): nothing it sent can be attributed to it',
      ...unattributed(v1, 1),
      `PartialDecryptionPosted of trustee 1 (log entry ${find(v1, 'PartialDecryptionPosted').position}) names a trustee with no enrolled signing key`,
    ]);
  });

  it('accepts two complaints filed out of dealer order, their report signed ascending; refuses a complaint with no complaint in it', () => {
    const two = logOf({ complaints: [{ complainant: 3, dealer: 2 }, { complainant: 3, dealer: 1 }] });
    expect(check(two)).toEqual(GOOD);
    const empty = logOf({ complaints: [{ complainant: 3, dealer: 2 }] });
    const filed = find(empty, 'CeremonyComplaintFiled');
    delete filed.data.complaint;
    expect(problemsOf(empty)).toEqual([
      expect.stringMatching(/^CeremonySharesChecked of trustee 3 \(log entry \d+\) says 1 complaints, the log holds 0$/),
      expect.stringMatching(/^CeremonySharesChecked of trustee 3 .*: the signature does not verify/),
      `the complaint at log entry ${filed.position} is in no share-check report signed by its complainant undefined`,
    ]);
  });

  describe("the opening report's trustees", () => {
    it('accepts them in any order, enrolled in any order', () => {
      expect(check(logOf({ enrolmentOrder: [3, 1, 2] }), report([2, 3, 1]))).toEqual(GOOD);
    });

    it('refuses a report that is not a list, one without a trustee, and one with a trustee never enrolled', () => {
      expect(problemsOf(logOf(), { trustees: 'Persona 1, Persona 2, Persona 3' })).toEqual(['the opening report prints no trustees and signing key fingerprints']);
      expect(problemsOf(logOf(), report([1, 2]))).toEqual(['the opening report lists trustees 1,2, the log enrolled 1,2,3']);
      const extra = report();
      extra.trustees.push({ trusteeIndex: 4, name: 'Persona 4', signingKeyFingerprint: 'ab'.repeat(32) });
      expect(problemsOf(logOf(), extra)).toEqual(['the opening report lists trustees 1,2,3,4, the log enrolled 1,2,3']);
    });

    it("asks no fingerprint of a trustee enrolled without a key, but still its name", () => {
      const entries = logOf();
      const enrolled = find(entries, 'TrusteeEnrolled', (d) => d.trusteeIndex === 2);
      delete enrolled.data.signingKey;
      const keyless = problemsOf(entries);
      const printed = report();
      printed.trustees[1].signingKeyFingerprint = 'ab'.repeat(32);
      expect(problemsOf(entries, printed)).toEqual(keyless);
      printed.trustees[1].name = 'Otra persona';
      expect(problemsOf(entries, printed)).toEqual([...keyless, 'the opening report names trustee 2 "Otra persona", the log "Persona 2"']);
    });
  });
});
