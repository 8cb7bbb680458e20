import { createHash } from 'node:crypto';
import { group } from '../../../../src/domain/crypto/active-group';
import {
  ceremonyContext,
  envelopeKeys,
  evaluateCeremony,
  sealShare,
  seededScalars,
  shareEnvelopeJson,
  verifyEnvelopeKey,
  TEST_VECTOR_SCALARS_TAG,
  type CeremonyParams,
  type Round2Message,
} from '../../../../src/domain/crypto/ceremony';
import { elementHex, readElement, readScalar, scalarHex } from '../../../../src/domain/crypto/ceremony/wire';
import { electionContext } from '../../../../src/domain/crypto/election-context';
import { encrypt, encryptionTables } from '../../../../src/domain/crypto/elgamal';
import { hash256, toHex, fromHex, u32, u64, utf8 } from '../../../../src/domain/crypto/hash';
import { Tags } from '../../../../src/domain/crypto/tags';
import { decryptionScope, decryptTally, DiscreteLogTable, lagrangeAtZero, partialDecrypt, TallyAccumulator, ciphertextHex } from '../../../../src/domain/crypto/tally';
import { simulateCeremony, type SimulatedCeremony } from './simulate-ceremony';

/**
 * Builds docs/spec/vectors/ceremony.json and tally.json from seeded scalars, so they are the
 * same bytes on every run (scripts/generate-ceremony-tally-vectors.ts writes them; the vectors
 * test recomputes and compares). Secrets are included because they are test secrets: they let
 * an outside implementer check every intermediate value.
 */
const CEREMONY_SEED = 'urna ceremony vectors v1';
const TALLY_SEED = 'urna tally vectors v1';
const BALLOT_BOX_STAND_IN = 'urna tally vectors: stand-in for the exported ballot box';
const params: CeremonyParams = { ceremonyId: 'vector-ceremony-3-of-2', n: 3, t: 2 };

const el = (hex: string) => {
  const r = readElement(hex, 'v', 'v');
  if (!r.ok) throw new Error(r.failure.reason);
  return r.value;
};
const sc = (hex: string) => {
  const r = readScalar(hex, 'v', 'v');
  if (!r.ok) throw new Error(r.failure.reason);
  return r.value;
};

function describeCase(name: string, description: string, sim: SimulatedCeremony) {
  const ctx = ceremonyContext(params);
  const outcome = evaluateCeremony(sim.transcript);
  const envelopes = sim.round2.flatMap((m) =>
    m.envelopes.map((e) => {
      const recipientSecret = sc(sim.secrets.get(e.recipient)!.transportSecret);
      const r = el(e.ephemeralKey);
      const s = group.mul(r, recipientSecret);
      const k = envelopeKeys(ctx, m.dealer, e.recipient, r, s);
      const plain = fromHex(e.ciphertext).map((b, x) => b ^ k.pad[x]);
      // The key proof's recomputed commitment A' = z·G − c·R (§2.1) and whether the challenge matches.
      const proof = { challenge: sc(e.ephemeralKeyProof.challenge), response: sc(e.ephemeralKeyProof.response) };
      const body = { ephemeralKey: r, ciphertext: fromHex(e.ciphertext, 32), mac: fromHex(e.mac, 32) };
      return {
        dealer: m.dealer,
        recipient: e.recipient,
        keyProofCommitment: elementHex(group.sub(group.mulPublic(group.generator, proof.response), group.mulPublic(r, proof.challenge))),
        keyProofValid: verifyEnvelopeKey(ctx, m.dealer, e.recipient, body, proof),
        sharedSecret: elementHex(s),
        encryptionKey: toHex(k.encryptionKey),
        macKey: toHex(k.macKey),
        pad: toHex(k.pad),
        plaintext: toHex(plain),
      };
    }),
  );
  return {
    name,
    description,
    params,
    context: toHex(ctx),
    secrets: [...sim.secrets.values()],
    transcript: sim.transcript,
    intermediate: { envelopes },
    expected: {
      ok: outcome.ok,
      participants: outcome.participants,
      qualified: outcome.qualified,
      disqualified: outcome.disqualified,
      verdicts: outcome.verdicts,
      falseComplainants: outcome.falseComplainants,
      failures: outcome.failures,
      publicKey: outcome.publicKey,
      verificationKeys: outcome.verificationKeys,
      shares: sim.keys ? [...sim.keys].map(([trustee, k]) => ({ trustee, share: scalarHex(k.share) })) : [],
    },
  };
}

export function buildCeremonyVectors() {
  const honest = simulateCeremony(params, { scalars: seededScalars(CEREMONY_SEED) });
  const cheatingScalars = seededScalars(`${CEREMONY_SEED} / cheating dealer`);
  const cheating = simulateCeremony(params, {
    scalars: cheatingScalars,
    // Dealer 3 seals the value 12345 (not f₃(1)) for trustee 1: properly encrypted, wrong share.
    tamperRound2: (m: Round2Message, participants) =>
      m.dealer !== 3
        ? m
        : {
            ...m,
            envelopes: m.envelopes.map((e) => {
              if (e.recipient !== 1) return e;
              const w = sealShare(ceremonyContext(params), 3, 1, participants.get(1)!.transportKey, 12345n, cheatingScalars(), cheatingScalars);
              return shareEnvelopeJson(1, w);
            }),
          },
  });
  // Dealer 3 deals last and puts in its envelope to trustee 1 a copy of dealer 2's envelope to
  // trustee 1 (R, ciphertext, MAC and key proof): in version 1, trustee 1's complaint would have
  // revealed e₁·R, the key to dealer 2's envelope. The key proof is bound to dealer 2, so the
  // envelope is publicly invalid: dealer 3 is disqualified and nobody complains.
  const copied = simulateCeremony(params, {
    scalars: seededScalars(`${CEREMONY_SEED} / copied ephemeral key`),
    tamperRound2: (m: Round2Message, _participants, earlier) => {
      if (m.dealer !== 3) return m;
      const victim = earlier.find((x) => x.dealer === 2)!.envelopes.find((x) => x.recipient === 1)!;
      return { ...m, envelopes: m.envelopes.map((e) => (e.recipient !== 1 ? e : { ...victim })) };
    },
  });
  return {
    // The published files name the runner they were made with; both runners give the same bytes (test/tooling/ts-register.spec.ts).
    description:
      'Key ceremony (DKG) test vectors, docs/spec/crypto-ceremony-tally.md. Every secret scalar comes from the seeded source: ' +
      `k-th scalar = hashToScalar("${TEST_VECTOR_SCALARS_TAG}", utf8(seed), u64(k)), consumed in this order: round 1 of trustees 1…n ` +
      '(t coefficients, transport secret, t coefficient-proof nonces, transport-proof nonce), round 2 of dealers 1…n (per envelope, recipients ascending: ' +
      'the ephemeral secret r, then the nonce of the envelope key proof), then one nonce per complaint. Per envelope, intermediate.envelopes gives the key ' +
      "proof's recomputed commitment A' = z·G − c·R, whether the proof verifies, and the keys derived with the recipient's secret. " +
      'Regenerate: node -r @swc-node/register scripts/generate-ceremony-tally-vectors.ts',
    seeds: { honest: CEREMONY_SEED, cheatingDealer: `${CEREMONY_SEED} / cheating dealer`, copiedEphemeralKey: `${CEREMONY_SEED} / copied ephemeral key` },
    cases: [
      describeCase('honest', 'Three trustees, threshold 2, everybody honest.', honest),
      describeCase('cheating-dealer', 'Dealer 3 sends trustee 1 a wrong share (12345), with a valid key proof; trustee 1 complains; the verdict names dealer 3, who leaves QUAL.', cheating),
      describeCase(
        'copied-ephemeral-key',
        "Dealer 3's envelope to trustee 1 is a copy of dealer 2's envelope to trustee 1 (same R, ciphertext, MAC and key proof). The key proof is bound to " +
          'dealer 2, so a verifier MUST reject the envelope (round2.envelope-proof): dealer 3 is disqualified without any complaint, and trustee 1 reveals nothing.',
        copied,
      ),
    ],
  };
}

export function buildTallyVectors() {
  const sim = simulateCeremony(params, { scalars: seededScalars(CEREMONY_SEED) });
  const keys = sim.keys!;
  const k1 = keys.get(1)!;
  const manifestHash = hash256('urna/test-vector/manifest', utf8('tally vector manifest'));
  const context = electionContext(manifestHash, k1.publicKey);
  // The vectors' ballots are bare ciphertexts, not a real ballot-box.jsonl: its hash is a stated stand-in.
  const ballotBoxHash = createHash('sha256').update(BALLOT_BOX_STAND_IN, 'utf8').digest('hex');
  const scalars = seededScalars(TALLY_SEED);
  const optionIds = ['party-a', 'party-b', 'null-vote'];
  const choices = [0, 1, 1, 2, 1];
  const scope = decryptionScope(context, ballotBoxHash, choices.length);
  const tables = encryptionTables(k1.publicKey);
  const acc = new TallyAccumulator(optionIds);
  const ballots = choices.map((choice) => {
    const cts = optionIds.map((_, k) => encrypt(tables, k === choice ? 1n : 0n, scalars()));
    acc.addBallot(cts);
    return { choice, ciphertexts: cts.map(ciphertextHex) };
  });
  const totals = acc.totals();
  // Trustees 1, 2 and 3 each decrypt every option; the result uses 1 and 3 (any 2 would do).
  const partials = [1, 2, 3].flatMap((j) => totals.map((t) => partialDecrypt(scope, t.optionId, t.ciphertext, j, keys.get(j)!.share, scalars)));
  const used = partials.filter((p) => p.trustee !== 2);
  const { result } = decryptTally({ scope, threshold: params.t, verificationKeys: k1.verificationKeys, totals, partials: used, table: new DiscreteLogTable(10) });
  const lambdas = lagrangeAtZero([1, 3]);
  // The first partial decryption's challenge input, part by part (before framing), with the
  // commitments recomputed as a verifier does: A₁ = z·G − c·X₁, A₂ = z·α − c·D₁.
  const first = partials[0];
  const d1 = el(first.share);
  const [c, z] = [sc(first.proof.challenge), sc(first.proof.response)];
  const alpha = totals[0].ciphertext.alpha;
  const x1 = k1.verificationKeys.get(1)!;
  const a1 = group.sub(group.mul(group.generator, z), group.mul(x1, c));
  const a2 = group.sub(group.mul(alpha, z), group.mul(d1, c));
  return {
    description:
      'Tally test vectors, docs/spec/crypto-ceremony-tally.md: the key of the "honest" case of ceremony.json, five ballots encrypted with seeded ' +
      `nonces (hashToScalar("${TEST_VECTOR_SCALARS_TAG}", utf8(seed), u64(k)): first the ballots' r, ballot by ballot and option by option, then ` +
      'one proof nonce per partial decryption, trustee by trustee and option by option), the encrypted totals, partial decryptions of trustees 1, 2, 3 ' +
      '(proof context §4.3: baseHash, ballotBoxHash, u64(ballotCount), option, trustee, β) and the result combined from trustees 1 and 3. ' +
      `ballotBoxHash stands in for BallotBoxExported.sha256: SHA-256 of the UTF-8 text ballotBoxStandIn. partialDecryptionChallenge lists the ` +
      'hash parts of the first partial decryption (trustee 1, party-a) in order; hashToScalar(tag, parts…) is its challenge.',
    seed: TALLY_SEED,
    ceremony: { params, publicKey: elementHex(k1.publicKey), verificationKeys: [...k1.verificationKeys].map(([trustee, x]) => ({ trustee, key: elementHex(x) })) },
    manifestHash: toHex(manifestHash),
    baseHash: toHex(context.baseHash),
    ballotBoxStandIn: BALLOT_BOX_STAND_IN,
    ballotBoxHash,
    ballotCount: choices.length,
    options: optionIds,
    ballots,
    totals: totals.map((t) => ({ optionId: t.optionId, ciphertext: ciphertextHex(t.ciphertext) })),
    partialDecryptions: partials,
    partialDecryptionChallenge: {
      tag: Tags.partialDecryption,
      parts: [
        toHex(context.baseHash), ballotBoxHash, toHex(u64(choices.length)), toHex(utf8(first.optionId)), toHex(u32(first.trustee)),
        elementHex(totals[0].ciphertext.beta), elementHex(group.generator), elementHex(x1), elementHex(alpha), first.share, elementHex(a1), elementHex(a2),
      ],
      challenge: first.proof.challenge,
    },
    lagrangeAtZero: { trustees: [1, 3], coefficients: [1, 3].map((j) => ({ trustee: j, lambda: scalarHex(lambdas.get(j)!) })) },
    result,
  };
}

export const vectorJson = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';
