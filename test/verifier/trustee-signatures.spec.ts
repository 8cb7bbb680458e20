/**
 * `urna verify` V20 (trustees.signatures, record.md §5.9) on log entries built in memory: a whole
 * signed ceremony with a complaint and a partial decryption, then each way an operator could
 * try to pass off a message as a trustee's — no signature, a forged one, another trustee's,
 * a message re-attributed, a complaint outside any signed report, an unkeyed (version-1)
 * enrolment, a key swapped for the operator's own with every message re-signed (caught by the
 * opening report's fingerprints).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { CeremonyParams } from '../../src/domain/crypto/ceremony';
import { toHex } from '../../src/domain/crypto/hash';
import { partialDecryptionMessage, shareCheckMessage, signingKeyFingerprint, statementBytes, TALLY_SCOPE, type SignedKind } from '../../src/domain/ceremony/trustee-signature';
import type { PublicEventEntry } from '../../src/ledger/merkle/leaf-encoding';
import { checkTrusteeSignatures } from '../../src/verifier/trustee-signatures';
import { simulateCeremony } from '../domain/crypto/ceremony/simulate-ceremony';
import { trusteeKey, type TestTrusteeKey } from '../support/trustee-keys';

const ID = 'firmas-2027';
const params: CeremonyParams = { ceremonyId: `${ID}.dkg.1`, n: 3, t: 2 };
const keys = [1, 2, 3].map((i) => trusteeKey(i, 'v20'));

const sim = simulateCeremony(params);
/** Trustee 3's complaint against dealer 2. Whether it is upheld is V9's business (the transcript);
 * V20 only asks whether trustee 3 signed the report that carries it. */
const complaint = { type: 'urna.dkg.complaint', version: 1, ceremonyId: params.ceremonyId, complainant: 3, dealer: 2, sharedSecret: 'cd'.repeat(32), proof: { challenge: '01'.repeat(32), response: '02'.repeat(32) } };
const complaintsOf = (j: number) => (j === 3 ? [complaint] : []);

type Entry = PublicEventEntry;
function entriesOf(signer: (i: number) => TestTrusteeKey = (i) => keys[i - 1]): Entry[] {
  let position = 0;
  const entry = (stream: string, type: string, version: number, data: Record<string, unknown>): Entry => ({
    format: 'urna-leaf/1', position: position++, id: `id-${position}`, stream, revision: 0, type, version, recordedAt: '2027-06-01T00:00:00Z',
    actor: 'system:test', visibility: 'public', data: { electionId: ID, ...data },
  });
  const c = `ceremony-${ID}`;
  const sign = (i: number, kind: SignedKind, message: unknown, scope = params.ceremonyId) => signer(i).sign({ electionId: ID, scope, kind, trusteeIndex: i, message });
  const complaints = complaintsOf;
  const partials = [{ trustee: 1, optionId: 'PRES/A', share: '00'.repeat(32), proof: { challenge: '00'.repeat(32), response: '00'.repeat(32) } }];
  const posted = partialDecryptionMessage({ trusteeIndex: 1, contestId: 'PRES', ballotBoxHash: 'ab'.repeat(32), ballots: 4, partials });
  return [
    ...[1, 2, 3].map((i) => entry(c, 'TrusteeEnrolled', 2, { trusteeIndex: i, trusteeId: `trustee-${i}`, name: `Persona ${i}`, tokenSerial: `S${i}`, signingKey: signer(i).signingKey })),
    entry(c, 'CeremonyOpened', 1, { ceremonyId: params.ceremonyId, threshold: 2, trustees: 3, notary: 'N' }),
    ...sim.round1.map((m) => entry(c, 'CeremonyRound1Published', 2, { message: m, signature: sign(m.trustee, 'CeremonyRound1Published', m) })),
    ...sim.round2.map((m) => entry(c, 'CeremonySharesDealt', 2, { message: m, signature: sign(m.dealer, 'CeremonySharesDealt', m) })),
    ...[1, 2, 3].flatMap((j) => [
      ...complaints(j).map((complaint) => entry(c, 'CeremonyComplaintFiled', 1, { complaint })),
      entry(c, 'CeremonySharesChecked', 2, { trusteeIndex: j, complaints: complaints(j).length, signature: sign(j, 'CeremonySharesChecked', shareCheckMessage(j, complaints(j))) }),
    ]),
    entry(`tally-${ID}`, 'PartialDecryptionPosted', 3, { ...posted, signature: sign(1, 'PartialDecryptionPosted', posted, TALLY_SCOPE) }),
  ];
}

const report = (signer: (i: number) => TestTrusteeKey = (i) => keys[i - 1]) => ({
  trustees: [1, 2, 3].map((i) => ({ trusteeIndex: i, name: `Persona ${i}`, signingKeyFingerprint: signingKeyFingerprint(signer(i).signingKey) })),
});
const check = (entries: Entry[], openingReport?: { trustees?: unknown }) => checkTrusteeSignatures({ electionId: ID, entries, openingReport });
const problemsOf = (entries: Entry[], openingReport?: { trustees?: unknown }) => check(entries, openingReport).problems;
const find = (entries: Entry[], type: string, pick: (d: Record<string, unknown>) => boolean = () => true) => entries.find((e) => e.type === type && pick(e.data as Record<string, unknown>))!;
const dataOf = (e: Entry) => e.data as Record<string, unknown> & { message: Record<string, unknown> };

describe('V20 trustees.signatures', () => {
  it('passes a signed ceremony and tally: 3 round-1, 3 round-2, 3 reports (one complaint) and 1 partial decryption', () => {
    const outcome = check(entriesOf(), report());
    expect(outcome).toEqual({ problems: [], summary: '10 signatures by 3 enrolled trustee keys' });
  });

  it('refuses a message without its signature', () => {
    const entries = entriesOf();
    delete dataOf(find(entries, 'CeremonyRound1Published')).signature;
    expect(problemsOf(entries)).toEqual([expect.stringMatching(/^CeremonyRound1Published of trustee 1 \(log entry 4\) carries no signature/)]);
  });

  it('refuses a forged signature (one digit changed), and a signature of something else', () => {
    const entries = entriesOf();
    const dealt = dataOf(find(entries, 'CeremonySharesDealt', (d) => (d.message as { dealer: number }).dealer === 3));
    dealt.signature = (String(dealt.signature)[0] === '0' ? '1' : '0') + String(dealt.signature).slice(1);
    const posted = dataOf(find(entries, 'PartialDecryptionPosted'));
    posted.ballots = 5; // the proofs' count changed under the signature
    expect(problemsOf(entries)).toEqual([
      expect.stringMatching(/^CeremonySharesDealt of trustee 3 .*: the signature does not verify with trustee 3's enrolled key$/),
      expect.stringMatching(/^PartialDecryptionPosted of trustee 1 .*: the signature does not verify/),
    ]);
  });

  it("refuses a message signed by another trustee's key, and one re-attributed to another trustee", () => {
    const byOther = entriesOf();
    const r1 = dataOf(find(byOther, 'CeremonyRound1Published', (d) => (d.message as { trustee: number }).trustee === 1));
    r1.signature = keys[1].sign({ electionId: ID, scope: params.ceremonyId, kind: 'CeremonyRound1Published', trusteeIndex: 1, message: r1.message });
    expect(problemsOf(byOther)).toEqual([expect.stringMatching(/^CeremonyRound1Published of trustee 1 .* does not verify with trustee 1's enrolled key$/)]);
    // Trustee 2's genuine round 2 (with its genuine signature), renamed as trustee 1's.
    const moved = entriesOf();
    const r2 = dataOf(find(moved, 'CeremonySharesDealt', (d) => (d.message as { dealer: number }).dealer === 2));
    r2.message = { ...r2.message, dealer: 1 };
    expect(problemsOf(moved)).toEqual([expect.stringMatching(/^CeremonySharesDealt of trustee 1 .* does not verify with trustee 1's enrolled key$/)]);
    // A share-check report in trustee 2's name, signed by trustee 3.
    const report2 = entriesOf();
    const checked = dataOf(find(report2, 'CeremonySharesChecked', (d) => d.trusteeIndex === 2));
    checked.signature = keys[2].sign({ electionId: ID, scope: params.ceremonyId, kind: 'CeremonySharesChecked', trusteeIndex: 2, message: shareCheckMessage(2, []) });
    expect(problemsOf(report2)).toEqual([expect.stringMatching(/^CeremonySharesChecked of trustee 2 .* does not verify/)]);
  });

  it('refuses a complaint that is in no signed report, and a report whose complaints were dropped', () => {
    const extra = entriesOf();
    const complaint = find(extra, 'CeremonyComplaintFiled');
    // The same complaint, now claimed by trustee 1, who reported none.
    extra.push({ ...complaint, position: 99, data: { electionId: ID, complaint: { ...(complaint.data as { complaint: object }).complaint, complainant: 1 } } });
    expect(problemsOf(extra)).toEqual([
      'CeremonySharesChecked of trustee 1 (log entry 10) says 0 complaints, the log holds 1',
      expect.stringMatching(/^CeremonySharesChecked of trustee 1 .* does not verify/),
    ]);
    const dropped = entriesOf().filter((e) => e.type !== 'CeremonyComplaintFiled');
    expect(problemsOf(dropped)).toEqual([
      expect.stringMatching(/^CeremonySharesChecked of trustee 3 .* says 1 complaints, the log holds 0$/),
      expect.stringMatching(/^CeremonySharesChecked of trustee 3 .* does not verify/),
    ]);
    const orphan = entriesOf().filter((e) => !(e.type === 'CeremonySharesChecked' && (e.data as { trusteeIndex: number }).trusteeIndex === 3));
    expect(problemsOf(orphan)).toEqual([expect.stringMatching(/^the complaint at log entry \d+ is in no share-check report signed by its complainant 3$/)]);
  });

  it('refuses a version-1 enrolment (no key), a key enrolled twice and a key that is no point', () => {
    const v1 = entriesOf();
    const enrolled = find(v1, 'TrusteeEnrolled', (d) => d.trusteeIndex === 2);
    enrolled.version = 1;
    delete (enrolled.data as Record<string, unknown>).signingKey;
    expect(problemsOf(v1)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^trustee 2 \(log entry 1\) was enrolled without a signing key/),
      expect.stringMatching(/^CeremonyRound1Published of trustee 2 .* names a trustee with no enrolled signing key$/),
    ]));
    const twice = entriesOf();
    (find(twice, 'TrusteeEnrolled', (d) => d.trusteeIndex === 3).data as Record<string, unknown>).signingKey = keys[0].signingKey;
    expect(problemsOf(twice)[0]).toMatch(/^trustee 3's signing key \(log entry 2\) is enrolled for another trustee too$/);
    const noPoint = entriesOf();
    (find(noPoint, 'TrusteeEnrolled', (d) => d.trusteeIndex === 3).data as Record<string, unknown>).signingKey = '00'.repeat(32);
    expect(problemsOf(noPoint)[0]).toMatch(/^trustee 3's signing key \(log entry 2\) is a point of small order$/);
  });

  it("an operator who enrols a key of its own for a trustee and re-signs that trustee's messages is seen on the opening report", () => {
    const operator = (() => {
      const secret = ed25519.utils.randomSecretKey();
      return { trusteeIndex: 2, signingKey: toHex(ed25519.getPublicKey(secret)), sign: (s: Parameters<TestTrusteeKey['sign']>[0]) => toHex(ed25519.sign(statementBytes({ ...s, trusteeIndex: s.trusteeIndex ?? 2 }), secret)) };
    })();
    const swapped = entriesOf((i) => (i === 2 ? operator : keys[i - 1]));
    // The log alone is consistent: every signature verifies with the keys it enrolled...
    expect(problemsOf(swapped)).toEqual([]);
    // ...but the opening report printed trustee 2's own fingerprint, which is not the key enrolled.
    expect(problemsOf(swapped, report())).toEqual(["the opening report prints for trustee 2 a fingerprint that is not its enrolled key's"]);
    // An opening report made to match would show the trustee a fingerprint their station never printed;
    // a report that omits the trustees, or renames one, is refused.
    expect(problemsOf(entriesOf(), {})).toEqual(['the opening report prints no trustees and signing key fingerprints']);
    const renamed = report();
    renamed.trustees[0].name = 'Otra persona';
    expect(problemsOf(entriesOf(), renamed)).toEqual(['the opening report names trustee 1 "Otra persona", the log "Persona 1"']);
  });
});
