/**
 * The public log entries of a signed key ceremony and one signed partial decryption, built in
 * memory for V20 (trustees.signatures) specs: every trustee's enrolment with its key, the
 * CeremonyOpened, the round-1 and round-2 messages, each trustee's share-check report with the
 * complaints it files (in the order given; the report signs them ascending by dealer, as a
 * trustee station does), and trustee 1's partial decryption on the tally stream.
 */
import { partialDecryptionMessage, shareCheckMessage, TALLY_SCOPE, type SignedKind } from '../../src/domain/ceremony/trustee-signature';
import type { CeremonyParams } from '../../src/domain/crypto/ceremony';
import type { PublicEventEntry } from '../../src/ledger/merkle/leaf-encoding';
import { simulateCeremony } from '../domain/crypto/ceremony/simulate-ceremony';
import type { TestTrusteeKey } from './trustee-keys';

export type Entry = PublicEventEntry & { data: Record<string, unknown> };

export interface ComplaintFiled {
  complainant: number;
  dealer: number;
}

export interface SignedCeremonyOptions {
  electionId: string;
  params: CeremonyParams;
  /** The key that signs trustee i's messages (and is enrolled for it). */
  signer: (i: number) => TestTrusteeKey;
  complaints?: readonly ComplaintFiled[];
  /** The trustees in the order they enrolled (default 1…n). */
  enrolmentOrder?: readonly number[];
}

/** A ceremony's simulation takes about half a second; specs build dozens of logs from one. Its
 * messages are only read (entries copy them by reference, and tampering replaces them). */
const simulations = new Map<string, ReturnType<typeof simulateCeremony>>();
function simulated(params: CeremonyParams): ReturnType<typeof simulateCeremony> {
  const key = `${params.ceremonyId}/${params.n}/${params.t}`;
  if (!simulations.has(key)) simulations.set(key, simulateCeremony(params));
  return simulations.get(key)!;
}

export function signedCeremonyLog(options: SignedCeremonyOptions): Entry[] {
  const { electionId, params, signer } = options;
  const trustees = Array.from({ length: params.n }, (_, k) => k + 1);
  const sim = simulated(params);
  let position = 0;
  const revisions = new Map<string, number>();
  const entry = (stream: string, type: string, version: number, data: Record<string, unknown>): Entry => {
    const revision = revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    return {
      format: 'urna-leaf/1', position: position++, id: `id-${position}`, stream, revision, type, version, recordedAt: '2027-06-01T00:00:00Z',
      actor: 'system:test', visibility: 'public', data: { electionId, ...data },
    };
  };
  const ceremony = `ceremony-${electionId}`;
  const sign = (i: number, kind: SignedKind, message: unknown, scope = params.ceremonyId) => signer(i).sign({ electionId, scope, kind, trusteeIndex: i, message });
  const complaint = (c: ComplaintFiled) => ({
    type: 'urna.dkg.complaint', version: 1, ceremonyId: params.ceremonyId, complainant: c.complainant, dealer: c.dealer,
    sharedSecret: 'cd'.repeat(32), proof: { challenge: '01'.repeat(32), response: '02'.repeat(32) },
  });
  const filedBy = (j: number) => (options.complaints ?? []).filter((c) => c.complainant === j).map(complaint);
  const partials = [{ trustee: 1, optionId: 'PRES/A', share: '00'.repeat(32), proof: { challenge: '00'.repeat(32), response: '00'.repeat(32) } }];
  const posted = partialDecryptionMessage({ trusteeIndex: 1, contestId: 'PRES', ballotBoxHash: 'ab'.repeat(32), ballots: 4, partials });
  return [
    ...(options.enrolmentOrder ?? trustees).map((i) => entry(ceremony, 'TrusteeEnrolled', 2, { trusteeIndex: i, trusteeId: `trustee-${i}`, name: `Persona ${i}`, tokenSerial: `S${i}`, signingKey: signer(i).signingKey })),
    entry(ceremony, 'CeremonyOpened', 1, { ceremonyId: params.ceremonyId, threshold: params.t, trustees: params.n, notary: 'N' }),
    ...sim.round1.map((m) => entry(ceremony, 'CeremonyRound1Published', 2, { message: m, signature: sign(m.trustee, 'CeremonyRound1Published', m) })),
    ...sim.round2.map((m) => entry(ceremony, 'CeremonySharesDealt', 3, { message: m, signature: sign(m.dealer, 'CeremonySharesDealt', m) })),
    ...trustees.flatMap((j) => {
      const filed = filedBy(j);
      const ascending = [...filed].sort((a, b) => a.dealer - b.dealer);
      return [
        ...filed.map((c) => entry(ceremony, 'CeremonyComplaintFiled', 1, { complaint: c })),
        entry(ceremony, 'CeremonySharesChecked', 2, { trusteeIndex: j, complaints: filed.length, signature: sign(j, 'CeremonySharesChecked', shareCheckMessage(j, ascending)) }),
      ];
    }),
    entry(`tally-${electionId}`, 'PartialDecryptionPosted', 3, { ...posted, signature: sign(1, 'PartialDecryptionPosted', posted, TALLY_SCOPE) }),
  ];
}
