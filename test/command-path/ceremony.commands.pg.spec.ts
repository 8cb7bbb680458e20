/**
 * The key ceremony's commands through the real CommandBus on PostgreSQL, on the stream
 * `ceremony-<id>`: EnrolTrusteeCommand, OpenCeremonyCommand, PublishRound1Command,
 * DealSharesCommand, ReportShareCheckCommand, SealFinalShareCommand, WitnessCeremonyCommand,
 * CompleteCeremonyCommand. The DKG runs in memory (createRound1 / createRound2 / receiveShare,
 * as test/domain/ceremony/ceremony-decider.spec.ts and simulate-ceremony.ts do: 3 trustees,
 * threshold 2); the sealed records are placeholders, as in the decider spec. Every trustee
 * message is signed by the trustee's enrolled key (software keys here: test/support/trustee-keys.ts).
 */
import {
  CompleteCeremonyCommand, DealSharesCommand, EnrolTrusteeCommand, OpenCeremonyCommand, PublishRound1Command,
  ReportShareCheckCommand, SealFinalShareCommand, WitnessCeremonyCommand, ceremonyCommandFor,
} from '../../src/ceremony/ceremony.commands';
import type {
  CeremonyCommand, CompleteCeremony, DealShares, EnrolTrustee, OpenCeremony, PublishRound1, ReportShareCheck, SealFinalShare, WitnessCeremony,
} from '../../src/domain/ceremony/commands';
import { ceremonyDecider } from '../../src/domain/ceremony/decider';
import { ceremonyStream, type CeremonyEvent } from '../../src/domain/ceremony/events';
import { transcriptHash, transcriptOf } from '../../src/domain/ceremony/transcript-hash';
import { ceremonyContext, evaluateCeremony, sealShare, shareEnvelopeJson, type CeremonyParams, type Complaint, type Round1Parsed, type Round2Message } from '../../src/domain/crypto/ceremony';
import { randomScalar } from '../../src/domain/crypto/scalar';
import { fold } from '../../src/domain/shared/decider';
import { simulateCeremony, type SimulatedCeremony } from '../domain/crypto/ceremony/simulate-ceremony';
import { dataOf, freshElectionId, given, openPgCommandPath, refused, unchanged, when, type PgCommandPath } from './pg-command-path';
import { sealedShareMessage, shareCheckMessage, type SignedKind } from '../../src/domain/ceremony/trustee-signature';
import { trusteeKey } from '../support/trustee-keys';

const params: CeremonyParams = { ceremonyId: 'c1', n: 3, t: 2 };
const NOTARY = 'Lic. Notaria Pública 12';
const NOW = '2024-05-01T00:00:00.000Z';
const TRUSTEES = [1, 2, 3];
const byCeremony = { actor: 'official:ceremony', correlationId: 'ceremony-c1' };
/** What a token would seal (src/hsm/sealed-share.ts): a placeholder, as in the decider spec. */
const SEALED = (i: number) => ({ placeholder: true, trustee: i });

/** Dealer 2 seals a wrong (but well encrypted) share for trustee 3, who complains. */
function corruptShareFor(dealer: number, recipient: number) {
  return (m: Round2Message, participants: ReadonlyMap<number, Round1Parsed>): Round2Message => {
    if (m.dealer !== dealer) return m;
    return {
      ...m,
      envelopes: m.envelopes.map((e) => {
        if (e.recipient !== recipient) return e;
        const wrong = sealShare(ceremonyContext(params), dealer, recipient, participants.get(recipient)!.transportKey, 12345n, randomScalar());
        return shareEnvelopeJson(recipient, wrong);
      }),
    };
  };
}

const honest = simulateCeremony(params);
const cheating = simulateCeremony(params, { tamperRound2: corruptShareFor(2, 3) });
const outcome = evaluateCeremony(honest.transcript);
if (!outcome.ok) throw new Error('the honest ceremony must produce a key');
const verificationKey = (j: number) => outcome.verificationKeys!.find((k) => k.trustee === j)!.key;

const keys = [1, 2, 3, 4].map((i) => trusteeKey(i, 'ceremony-commands'));
/** Trustee i's signature (or `by`'s, for forgeries) of a message of election `id`'s ceremony. */
const signed = (id: string, i: number, kind: SignedKind, message: unknown, by = i) => keys[by - 1].sign({ electionId: id, scope: params.ceremonyId, kind, trusteeIndex: i, message });
const enrol = (id: string, i: number, over: Partial<EnrolTrustee> = {}): EnrolTrustee => ({
  type: 'EnrolTrustee', electionId: id, trusteeIndex: i, trusteeId: `t${i}`, name: `Persona custodia ${i}`, tokenSerial: `S${i}`, signingKey: keys[i - 1].signingKey, ...over,
});
const open = (id: string, over: Partial<OpenCeremony> = {}): OpenCeremony => ({
  type: 'OpenCeremony', electionId: id, ceremonyId: params.ceremonyId, threshold: params.t, notary: NOTARY, configurationPresent: true, ...over,
});
const publish = (id: string, i: number, sim: SimulatedCeremony = honest, by = i): PublishRound1 => ({
  type: 'PublishRound1', electionId: id, message: sim.round1[i - 1], signature: signed(id, i, 'CeremonyRound1Published', sim.round1[i - 1], by),
});
const deal = (id: string, i: number, sim: SimulatedCeremony = honest, by = i): DealShares => ({
  type: 'DealShares', electionId: id, message: sim.round2[i - 1], signature: signed(id, i, 'CeremonySharesDealt', sim.round2[i - 1], by),
});
const check = (id: string, j: number, complaints: Complaint[] = [], by = j): ReportShareCheck => ({
  type: 'ReportShareCheck', electionId: id, trusteeIndex: j, complaints, signature: signed(id, j, 'CeremonySharesChecked', shareCheckMessage(j, complaints), by),
});
const seal = (id: string, j: number, key = verificationKey(j), by = j): SealFinalShare => {
  const message = sealedShareMessage({ trusteeIndex: j, tokenSerial: `S${j}`, verificationKey: key, sealed: SEALED(j) });
  return { type: 'SealFinalShare', electionId: id, ...message, signature: signed(id, j, 'TrusteeShareSealed', message, by) };
};
const witness = (id: string, hash: string, notary = NOTARY): WitnessCeremony => ({ type: 'WitnessCeremony', electionId: id, notary, transcriptHash: hash, now: NOW });
const complete = (id: string): CompleteCeremony => ({ type: 'CompleteCeremony', electionId: id });

/** The ceremony's commands, phase by phase: the past of a scenario is every phase up to one. */
const script = (id: string, sim: SimulatedCeremony = honest) => ({
  enrolled: TRUSTEES.map((i) => enrol(id, i)),
  opened: [open(id)],
  published: TRUSTEES.map((i) => publish(id, i, sim)),
  dealt: TRUSTEES.map((i) => deal(id, i, sim)),
  checked: TRUSTEES.map((j) => check(id, j)),
  sealed: TRUSTEES.map((j) => seal(id, j)),
});
type Phase = keyof ReturnType<typeof script>;
const PHASES: Phase[] = ['enrolled', 'opened', 'published', 'dealt', 'checked', 'sealed'];

/** The events the decider itself decides for those commands after `past`: the given past of a scenario. */
function decideAfter(past: CeremonyEvent[], commands: CeremonyCommand[]): CeremonyEvent[] {
  const all = commands.reduce<CeremonyEvent[]>((events, c) => [...events, ...ceremonyDecider.decide(c, fold(ceremonyDecider, events))], past);
  return all.slice(past.length);
}
const pastEvents = (commands: CeremonyCommand[]) => decideAfter([], commands);
/** Decided once per phase (the DKG checks are the slow part) and given to each election under its own id. */
const decided = new Map<string, CeremonyEvent[]>();
function through(id: string, last: Phase, sim: SimulatedCeremony = honest): CeremonyEvent[] {
  const key = `${last}:${sim === honest ? 'honest' : 'cheating'}`;
  if (!decided.has(key)) {
    const s = script('template', sim);
    decided.set(key, pastEvents(PHASES.slice(0, PHASES.indexOf(last) + 1).flatMap((p) => s[p] as CeremonyCommand[])));
  }
  return decided.get(key)!.map((e) => ({ ...e, data: { ...e.data, electionId: id } }) as CeremonyEvent);
}
const hashOf = (events: CeremonyEvent[]) => transcriptHash(transcriptOf(fold(ceremonyDecider, events)));

describe('ceremony commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_ceremony');
  });
  afterAll(async () => {
    await path.close();
  });

  /** A fresh ceremony stream with the past up to `last`. */
  async function ceremonyAt(last?: Phase, sim: SimulatedCeremony = honest): Promise<{ id: string; stream: string; past: CeremonyEvent[] }> {
    const id = freshElectionId('cer');
    const stream = ceremonyStream(id);
    const past = last ? through(id, last, sim) : [];
    await given(path, stream, past);
    return { id, stream, past };
  }

  describe('EnrolTrusteeCommand', () => {
    it('enrols a trustee with the serial of its token', async () => {
      const { id, stream } = await ceremonyAt();
      const { recorded, types } = await when(path, stream, new EnrolTrusteeCommand(id, enrol(id, 1), byCeremony));
      expect(types).toEqual(['TrusteeEnrolled']);
      expect(recorded[0].data).toEqual({ electionId: id, trusteeIndex: 1, trusteeId: 't1', name: 'Persona custodia 1', tokenSerial: 'S1', signingKey: keys[0].signingKey });
    });

    it('refuses a token already assigned (DUPLICATE_TOKEN_SERIAL) and any enrolment after opening, appending nothing', async () => {
      const enrolled = await ceremonyAt('enrolled');
      await refused(path, new EnrolTrusteeCommand(enrolled.id, enrol(enrolled.id, 4, { tokenSerial: 'S1' }), byCeremony), 'DUPLICATE_TOKEN_SERIAL');
      await refused(path, new EnrolTrusteeCommand(enrolled.id, enrol(enrolled.id, 1, { trusteeId: 'tx', tokenSerial: 'SX' }), byCeremony), 'DUPLICATE_TRUSTEE_INDEX');
      const opened = await ceremonyAt('opened');
      await refused(path, new EnrolTrusteeCommand(opened.id, enrol(opened.id, 4), byCeremony), 'CEREMONY_ALREADY_OPENED');
    });
  });

  describe('OpenCeremonyCommand', () => {
    it('opens with n = 3 enrolled trustees and threshold 2', async () => {
      const { id, stream } = await ceremonyAt('enrolled');
      const { recorded, types } = await when(path, stream, new OpenCeremonyCommand(id, open(id), byCeremony));
      expect(types).toEqual(['CeremonyOpened']);
      expect(recorded[0].revision).toBe(3);
      expect(recorded[0].data).toEqual({ electionId: id, ceremonyId: 'c1', threshold: 2, trustees: 3, notary: NOTARY });
    });

    it('is refused before configuration (ELECTION_NOT_CONFIGURED) and with t > n (INVALID_THRESHOLD), appending nothing', async () => {
      const { id } = await ceremonyAt('enrolled');
      await refused(path, new OpenCeremonyCommand(id, open(id, { configurationPresent: false }), byCeremony), 'ELECTION_NOT_CONFIGURED');
      await refused(path, new OpenCeremonyCommand(id, open(id, { threshold: 4 }), byCeremony), 'INVALID_THRESHOLD');
      await refused(path, new OpenCeremonyCommand(id, open(id, { notary: ' ' }), byCeremony), 'NOTARY_MISSING');
    });
  });

  describe('PublishRound1Command', () => {
    it("records the trustee's public round-1 message (version 2) with its signature; its secrets stay with its station", async () => {
      const { id, stream } = await ceremonyAt('opened');
      const { recorded, types } = await when(path, stream, new PublishRound1Command(id, publish(id, 1), byCeremony));
      expect(types).toEqual(['CeremonyRound1Published']);
      expect(recorded.map((e) => [e.visibility, e.version])).toEqual([['public', 2]]);
      expect(recorded[0].data).toEqual({ electionId: id, message: honest.round1[0], signature: publish(id, 1).signature });
    });

    it("refuses another trustee's signature, none, a tampered message, a second round 1 and the wrong phase, appending nothing", async () => {
      const { id, stream } = await ceremonyAt('opened');
      await refused(path, new PublishRound1Command(id, publish(id, 1, honest, 2), byCeremony), 'INVALID_SIGNATURE');
      await refused(path, new PublishRound1Command(id, { ...publish(id, 1), signature: '' }, byCeremony), 'SIGNATURE_MISSING');
      const m = honest.round1[0];
      const bad = { ...m, commitments: [m.commitments[1], m.commitments[0]] };
      const tampered = { ...publish(id, 1), message: bad, signature: signed(id, 1, 'CeremonyRound1Published', bad) };
      await refused(path, new PublishRound1Command(id, tampered, byCeremony), 'INVALID_ROUND1');
      await when(path, stream, new PublishRound1Command(id, publish(id, 1), byCeremony));
      await refused(path, new PublishRound1Command(id, publish(id, 1), byCeremony), 'ROUND1_ALREADY_PUBLISHED');
      const enrolled = await ceremonyAt('enrolled');
      await refused(path, new PublishRound1Command(enrolled.id, publish(enrolled.id, 1), byCeremony), 'WRONG_CEREMONY_PHASE');
    });
  });

  describe('DealSharesCommand', () => {
    it("records a dealer's encrypted shares once every trustee published round 1", async () => {
      const { id, stream } = await ceremonyAt('published');
      const { recorded, types } = await when(path, stream, new DealSharesCommand(id, deal(id, 2), byCeremony));
      expect(types).toEqual(['CeremonySharesDealt']);
      expect(recorded[0].data).toEqual({ electionId: id, message: honest.round2[1], signature: deal(id, 2).signature });
    });

    it('is refused while round 1 is incomplete (WRONG_CEREMONY_PHASE) and twice (SHARES_ALREADY_DEALT)', async () => {
      const early = await ceremonyAt('opened');
      await given(path, early.stream, decideAfter(early.past, [publish(early.id, 1)]));
      await refused(path, new DealSharesCommand(early.id, deal(early.id, 1), byCeremony), 'WRONG_CEREMONY_PHASE');
      const { id, stream } = await ceremonyAt('published');
      await refused(path, new DealSharesCommand(id, deal(id, 1, honest, 3), byCeremony), 'INVALID_SIGNATURE');
      await when(path, stream, new DealSharesCommand(id, deal(id, 1), byCeremony));
      await refused(path, new DealSharesCommand(id, deal(id, 1), byCeremony), 'SHARES_ALREADY_DEALT');
    });
  });

  describe('ReportShareCheckCommand', () => {
    it('records a check without complaints', async () => {
      const { id, stream } = await ceremonyAt('dealt');
      const { recorded, types } = await when(path, stream, new ReportShareCheckCommand(id, check(id, 1), byCeremony));
      expect(types).toEqual(['CeremonySharesChecked']);
      expect(recorded[0].data).toEqual({ electionId: id, trusteeIndex: 1, complaints: 0, signature: check(id, 1).signature });
    });

    it("records a trustee's complaint against a cheating dealer, then its check, in one append", async () => {
      expect(cheating.complaints).toEqual([expect.objectContaining({ complainant: 3, dealer: 2 })]);
      const { id, stream } = await ceremonyAt('dealt', cheating);
      const { recorded, types } = await when(path, stream, new ReportShareCheckCommand(id, check(id, 3, cheating.complaints), byCeremony));
      expect(types).toEqual(['CeremonyComplaintFiled', 'CeremonySharesChecked']);
      expect(recorded[0].data).toEqual({ electionId: id, complaint: cheating.complaints[0] });
      expect(recorded[1].data).toEqual({ electionId: id, trusteeIndex: 3, complaints: 1, signature: check(id, 3, cheating.complaints).signature });
      expect(recorded.map((e) => e.version)).toEqual([1, 2]);
    });

    it("is refused for another trustee's complaint (INVALID_COMPLAINT) and a second report, appending nothing", async () => {
      const { id, stream } = await ceremonyAt('dealt', cheating);
      await refused(path, new ReportShareCheckCommand(id, check(id, 1, cheating.complaints), byCeremony), 'INVALID_COMPLAINT');
      // Trustee 3's complaint, in a report signed by trustee 1: refused before it is judged.
      await refused(path, new ReportShareCheckCommand(id, check(id, 3, cheating.complaints, 1), byCeremony), 'INVALID_SIGNATURE');
      await when(path, stream, new ReportShareCheckCommand(id, check(id, 1), byCeremony));
      await refused(path, new ReportShareCheckCommand(id, check(id, 1), byCeremony), 'SHARES_ALREADY_CHECKED');
    });
  });

  describe('SealFinalShareCommand', () => {
    it("records the trustee's sealed final share with the verification key the transcript gives", async () => {
      const { id, stream } = await ceremonyAt('checked');
      const { recorded, types } = await when(path, stream, new SealFinalShareCommand(id, seal(id, 2), byCeremony));
      expect(types).toEqual(['TrusteeShareSealed']);
      expect(recorded[0].visibility).toBe('sealed');
      expect(recorded[0].data).toEqual({ electionId: id, trusteeIndex: 2, tokenSerial: 'S2', verificationKey: verificationKey(2), sealed: SEALED(2), signature: seal(id, 2).signature });
    });

    it("is refused with another trustee's verification key (VERIFICATION_KEY_MISMATCH), appending nothing", async () => {
      const { id } = await ceremonyAt('checked');
      await refused(path, new SealFinalShareCommand(id, seal(id, 2, verificationKey(1)), byCeremony), 'VERIFICATION_KEY_MISMATCH');
      const elsewhere = sealedShareMessage({ trusteeIndex: 2, tokenSerial: 'S3', verificationKey: verificationKey(2), sealed: SEALED(2) });
      await refused(path, new SealFinalShareCommand(id, { ...seal(id, 2), ...elsewhere, signature: signed(id, 2, 'TrusteeShareSealed', elsewhere) }, byCeremony), 'WRONG_TOKEN');
      // Someone else sealing junk in trustee 2's name (so that its share could never be opened): refused.
      await refused(path, new SealFinalShareCommand(id, seal(id, 2, verificationKey(2), 1), byCeremony), 'INVALID_SIGNATURE');
    });
  });

  describe('WitnessCeremonyCommand', () => {
    it("records the notary's witness of the recorded transcript's hash", async () => {
      const { id, stream, past } = await ceremonyAt('sealed');
      const hash = hashOf(past);
      const { recorded, types } = await when(path, stream, new WitnessCeremonyCommand(id, witness(id, hash), { actor: 'notary:12' }));
      expect(types).toEqual(['CeremonyWitnessed']);
      expect(recorded[0].data).toEqual({ electionId: id, notary: NOTARY, transcriptHash: hash, at: NOW });
    });

    it('is refused for another hash (TRANSCRIPT_HASH_MISMATCH) or another notary (WRONG_NOTARY), appending nothing', async () => {
      const { id, past } = await ceremonyAt('sealed');
      await refused(path, new WitnessCeremonyCommand(id, witness(id, '0'.repeat(64)), { actor: 'notary:12' }), 'TRANSCRIPT_HASH_MISMATCH');
      await refused(path, new WitnessCeremonyCommand(id, witness(id, hashOf(past), 'Otro notario'), { actor: 'notary:99' }), 'WRONG_NOTARY');
    });
  });

  describe('CompleteCeremonyCommand', () => {
    it('publishes the election key and verification keys; completing again appends nothing', async () => {
      const { id, stream, past } = await ceremonyAt('sealed');
      const hash = hashOf(past);
      await given(path, stream, decideAfter(past, [witness(id, hash)]));
      const { recorded, types } = await when(path, stream, new CompleteCeremonyCommand(id, complete(id), { actor: 'system:ceremony' }));
      expect(types).toEqual(['CeremonyCompleted']);
      expect(recorded[0].data).toEqual({
        electionId: id, ceremonyId: 'c1', threshold: 2, trustees: 3, qualified: [1, 2, 3], publicKey: outcome.publicKey,
        verificationKeys: { 1: verificationKey(1), 2: verificationKey(2), 3: verificationKey(3) }, transcriptHash: hash,
      });
      await unchanged(path, new CompleteCeremonyCommand(id, complete(id), { actor: 'system:ceremony' }));
    });

    it('is refused before the notary witnessed (WRONG_CEREMONY_PHASE), appending nothing', async () => {
      const { id } = await ceremonyAt('sealed');
      await refused(path, new CompleteCeremonyCommand(id, complete(id), { actor: 'system:ceremony' }), 'WRONG_CEREMONY_PHASE');
    });
  });

  it('a whole ceremony, every step sent through the bus, ends with the key the transcript gives', async () => {
    const id = freshElectionId('cer');
    const stream = ceremonyStream(id);
    const s = script(id);
    // ceremonyCommandFor: the command class for each decision, as the ceremony service sends them.
    for (const phase of PHASES) {
      for (const c of s[phase] as CeremonyCommand[]) await when(path, stream, ceremonyCommandFor(id, c, byCeremony));
    }
    const hash = hashOf(await path.store.readStream(stream).then((r) => r.map((e) => ({ type: e.type, data: e.data }) as CeremonyEvent)));
    await when(path, stream, new WitnessCeremonyCommand(id, witness(id, hash), byCeremony));
    const { recorded } = await when(path, stream, new CompleteCeremonyCommand(id, complete(id), byCeremony));
    expect(dataOf(recorded[0])).toMatchObject({ publicKey: outcome.publicKey, qualified: [1, 2, 3], transcriptHash: hash });
    const all = await path.store.readStream(stream);
    expect(all).toHaveLength(3 + 1 + 3 + 3 + 3 + 3 + 1 + 1);
    expect(new Set(all.map((e) => e.metadata.correlationId))).toEqual(new Set(['ceremony-c1']));
  });
});
