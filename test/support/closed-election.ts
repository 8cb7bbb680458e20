/**
 * A closed election on a real ledger, ready to tally, built through the production deciders:
 *   configuration (simulacro fixture + every ratification) → a roll of N pseudonyms (roll
 *   decider; no sealed voter streams: tally does not need them) → an in-process key ceremony
 *   whose final shares are sealed into SoftHSM trustee tokens (TrusteeShareSealed) →
 *   ElectionOpened, VotingStarted → N real encrypted ballots (voting decider) → VotingClosed →
 *   BallotBoxExported with the hash rule of src/tally/ballot-box.ts.
 * Optionally the transparency log follows the ledger and signs checkpoints (for the record).
 * The plain choices are returned so tests can compare the decrypted results.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { toNewEvent } from '../../src/command-path/stream-state';
import { CloseVotingCommand, RecordBallotBoxExportCommand } from '../../src/closing/closing.commands';
import { OpenElectionCommand, StartVotingCommand } from '../../src/opening/opening.commands';
import { ImportRollCommand } from '../../src/roll/roll.commands';
import { CastBallotCommand, PublishCastBallotCommand, PublishSpoiledBallotCommand, SpoilBallotCommand } from '../../src/voting/voting.commands';
import { auditSpoiledBallot, spoilBallot } from '../../src/domain/crypto/ballot/benaloh';
import { ballotStyles as checkedBallotStyles } from '../../src/domain/crypto/ballot/ballot-style';
import type { EncryptedBallotJson } from '../../src/domain/crypto/ballot/ballot-format';
import { SPOILED_BALLOT_ACTOR } from '../../src/domain/voting/decider';
import { commandsFor } from './command-path';
import { configureAndRatify, lockConfiguration } from './configured-election';
import { ceremonyStream, type CeremonyEvent } from '../../src/domain/ceremony/events';
import { transcriptHash as ceremonyTranscriptHash } from '../../src/domain/ceremony/transcript-hash';
import type { ElectionManifest } from '../../src/domain/configuration/election-manifest';
import { group } from '../../src/domain/crypto/active-group';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import { electionContext, type ElectionContext } from '../../src/domain/crypto/election-context';
import { encryptionTables } from '../../src/domain/crypto/elgamal';
import { fromHex, toHex } from '../../src/domain/crypto/hash';
import { encodeScalar } from '../../src/domain/crypto/scalar';
import type { CeremonyParams } from '../../src/domain/crypto/ceremony';
import { newPseudonym } from '../../src/domain/roll/pseudonym';
import { manifestBallotStyles } from '../../src/domain/tally/manifest-styles';
import { sealShare, sealedShareToJson } from '../../src/hsm';
import type { EventStore } from '../../src/ledger/event-store';
import { nodeRandomSource } from '../../src/roll/node-random-source';
import { ballotBoxStream } from '../../src/closing/ballot-box';
import { selectedGroupBackend } from '../../src/parallel/group-backend';
import { ThreadPool } from '../../src/parallel/thread-pool';
import { encryptForVoter, fromText, type EncryptedText, type EncryptionResult, type EncryptionTask } from './ballot-encryption';
import { simulateCeremony } from '../domain/crypto/ceremony/simulate-ceremony';
import { sealedShareMessage } from '../../src/domain/ceremony/trustee-signature';
import { tokenTrusteeKey, trusteeKey } from './trustee-keys';
import type { SigningKey } from '../../src/domain/crypto/credential/credential-signature';
import { publishTestCredentials, randomSigningKey } from './credential-authority';

export const SIMULACRO_FIXTURE = `${__dirname}/../../fixtures/simulacro-2024.yaml`;

export interface TrusteeToken {
  trusteeIndex: number;
  tokenLabel: string;
  pin: string;
}

export interface ClosedElectionOptions {
  voters: number;
  /** Trustee tokens, in trustee order (index = position + 1); their count is n. */
  tokens: TrusteeToken[];
  threshold: number;
  /** Entities voters come from (default: a spread over every ballot style). */
  entities?: string[];
  /** Called after each ballot is cast. */
  onBallot?: (done: number, total: number) => void;
  /** Skip sealing: use when a test reads shares from `shares` (benchmarks). */
  sealShares?: boolean;
  /** Configuration manual (default: the simulacro fixture, 44 contests; tests use a small one). */
  manualText?: string;
  /** Records this hash at closing instead of the real one (tests of a tampered box). */
  closingHash?: (real: string) => string;
  /** The signed checkpoint BallotBoxExported quotes, as the closing export waits for one covering
   * every ballot (give the transparency log's: TestTransparencyLog.closingCheckpoint). Default:
   * an empty placeholder, which `urna verify` (V7) refuses. */
  closingCheckpoint?: () => Promise<{ size: number; rootHash: string; note: string }>;
  /** How many voters (the first ones) audit one ballot each before casting a fresh one: spoiled
   * through the voting commands (SpoilBallotCommand, then PublishSpoiledBallotCommand), as the
   * voting service does. Default 0. */
  spoiled?: number;
  /** How many voters (the last ones of the roll) never cast: their credentials are listed and unused. Default 0. */
  abstaining?: number;
  /** Kinds of option the first voters mark in every contest, one kind per voter (e.g. ['null',
   * 'non-registered']: voter 1 marks every contest null, voter 2 non-registered); the others
   * choose at random. Without it a small election seldom holds a null or non-registered vote,
   * and a check that sums totals by kind cannot tell the kinds apart. */
  markedKinds?: readonly string[];
  /** Worker threads that encrypt the cast ballots ahead of the casting loop (default 0: this
   * thread encrypts each ballot just before casting it). They use this thread's group backend.
   * Benches of large elections give 2: encryption was about half of the ~25 ms a voter took. */
  encryptionWorkers?: number;
}

const ENCRYPTION_WORKER = join(__dirname, `ballot-encryption.worker${extname(__filename)}`);
/** Ballots encrypted ahead of the one being cast, per worker: enough to keep every worker busy
 * while the loop casts, few enough that the queue holds a few MB (a ballot is up to ~34 kB). */
const AHEAD_PER_WORKER = 4;

/** A ballot a voter spoiled (audited): published as BallotSpoiled with its disclosure. */
export interface SpoiledBallot {
  pseudonym: string;
  ballot: EncryptedBallotJson;
  selections: Record<string, string>;
  nonces: readonly (readonly string[])[];
}

export interface ClosedElection {
  electionId: string;
  manifest: ElectionManifest;
  context: ElectionContext;
  /** pseudonym → (contestId → chosen option id). */
  choices: Map<string, Record<string, string>>;
  /** contestId → optionId → expected count. */
  expected: Map<string, Map<string, number>>;
  shares: Map<number, bigint>;
  ballotBoxHash: string;
  threshold: number;
  /** The spoiled ballots, in the order they were published. */
  spoiled: SpoiledBallot[];
  /** pseudonym → the voter's credential key (the test authority made the list of their public keys). */
  credentials: Map<string, SigningKey>;
  /** The test credential authority's key. */
  authority: SigningKey;
  /** The pseudonyms on the roll that never cast (options.abstaining). */
  abstainers: string[];
  /** The roll: pseudonym → entity of origin. */
  roll: Map<string, string>;
  /** Where the casting loop's time went (ms, this thread's wall time): encrypting the cast
   * ballots or waiting for the workers that encrypt them, and CastBallot + PublishCastBallot. */
  castingTimes: { encryptMs: number; commandsMs: number };
}

const meta = (actor: string) => ({ actor });
const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

export async function buildClosedElection(store: EventStore, options: ClosedElectionOptions): Promise<ClosedElection> {
  const start = Date.now();
  const at = (offsetMs: number) => new Date(start + offsetMs).toISOString();
  const manualText = options.manualText ?? (await readFile(SIMULACRO_FIXTURE, 'utf8'));

  // 1. Configuration and every ratification.
  const { electionId, manifest, manifestHash, missingRatifications } = await configureAndRatify(store, manualText);

  // 2. The public roll: pseudonyms and entities of origin.
  const entityCodes = options.entities ?? manifest.ballotStyles.map((s) => s.entity);
  const entries = Array.from({ length: options.voters }, (_, i) => ({ pseudonym: newPseudonym(nodeRandomSource), entity: entityCodes[i % entityCodes.length] }));
  const styleOfEntity = new Map(manifest.ballotStyles.map((s) => [s.entity, s.id]));
  const commands = await commandsFor(store);
  const { events: rollEvents } = await commands.execute(new ImportRollCommand(electionId, { type: 'ImportRoll', electionId, entries, electionOpened: false, now: at(0) }, meta('official:test')));
  const rollCommitment = rollEvents[0].type === 'RollImported' ? rollEvents[0].data.rollCommitment : '';

  // 2b. The credential authority's signed list: one credential per voter, the sealed mapping.
  const credentials = new Map(entries.map((e) => [e.pseudonym, randomSigningKey()]));
  const { authority } = await publishTestCredentials(store, commands, electionId, rollCommitment, credentials, { now: at(0) });

  // 3. The key ceremony; final shares sealed into the trustees' tokens.
  const n = options.tokens.length;
  const params: CeremonyParams = { ceremonyId: `${electionId}-ceremony`, n, t: options.threshold };
  const sim = simulateCeremony(params);
  if (!sim.keys) throw new Error('the simulated ceremony failed');
  const first = sim.keys.get(1)!;
  const publicKeyHex = toHex(group.encode(first.publicKey));
  const transcriptHash = ceremonyTranscriptHash(sim.transcript);
  const verificationKeys = Object.fromEntries([...first.verificationKeys].map(([j, k]) => [String(j), toHex(group.encode(k))]));
  // Each trustee's signing key: generated in its token (as its station would), or in software
  // when the fixture seals nothing (benchmarks); every trustee message is signed with it.
  const signers = new Map(options.tokens.map((t) => [t.trusteeIndex, options.sealShares === false ? trusteeKey(t.trusteeIndex, electionId) : tokenTrusteeKey(t, electionId)]));
  const sign = (i: number, kind: Parameters<ReturnType<typeof trusteeKey>['sign']>[0]['kind'], message: unknown) =>
    signers.get(i)!.sign({ electionId, scope: params.ceremonyId, kind, trusteeIndex: i, message });
  const sealed: CeremonyEvent[] = [];
  if (options.sealShares !== false) {
    for (const token of options.tokens) {
      const share = encodeScalar(sim.keys.get(token.trusteeIndex)!.share);
      const record = await sealShare(token.tokenLabel, token.pin, share, { electionId, trusteeId: `trustee-${token.trusteeIndex}` });
      share.fill(0);
      const message = sealedShareMessage({ trusteeIndex: token.trusteeIndex, tokenSerial: record.tokenSerial, verificationKey: verificationKeys[String(token.trusteeIndex)], sealed: sealedShareToJson(record) as unknown as Record<string, unknown> });
      sealed.push({ type: 'TrusteeShareSealed', data: { electionId, ...message, signature: sign(token.trusteeIndex, 'TrusteeShareSealed', message) } });
    }
  }
  const ceremony: CeremonyEvent[] = [
    ...options.tokens.map((t): CeremonyEvent => ({
      type: 'TrusteeEnrolled',
      data: { electionId, trusteeIndex: t.trusteeIndex, trusteeId: `trustee-${t.trusteeIndex}`, name: `Persona custodia ${t.trusteeIndex}`, tokenSerial: t.tokenLabel, signingKey: signers.get(t.trusteeIndex)!.signingKey },
    })),
    { type: 'CeremonyOpened', data: { electionId, ceremonyId: params.ceremonyId, threshold: params.t, trustees: n, notary: 'Notaría de prueba' } },
    ...sim.round1.map((message): CeremonyEvent => ({ type: 'CeremonyRound1Published', data: { electionId, message, signature: sign(message.trustee, 'CeremonyRound1Published', message) } })),
    ...sim.round2.map((message): CeremonyEvent => ({ type: 'CeremonySharesDealt', data: { electionId, message, signature: sign(message.dealer, 'CeremonySharesDealt', message) } })),
    ...sealed,
    { type: 'CeremonyWitnessed', data: { electionId, notary: 'Notaría de prueba', transcriptHash, at: at(0) } },
    { type: 'CeremonyCompleted', data: { electionId, ceremonyId: params.ceremonyId, threshold: params.t, trustees: n, qualified: [...first.qualified], publicKey: publicKeyHex, verificationKeys, transcriptHash } },
  ];
  // Round 1 and round 2 are appended by their trustee (the ledger's attribution, record.md V9).
  const actorOf = (e: CeremonyEvent) => e.type === 'CeremonyRound1Published' ? `trustee:trustee-${e.data.message.trustee}`
    : e.type === 'CeremonySharesDealt' ? `trustee:trustee-${e.data.message.dealer}` : 'system:ceremony-test';
  await store.append(ceremonyStream(electionId), ceremony.map((e) => toNewEvent(e, { actor: actorOf(e) })), 'no_stream');

  // 4. Opening and voting.
  const opensAt = at(-60_000);
  const closesAt = at(3_600_000);
  await lockConfiguration(store, electionId, at(-120_000));
  await commands.execute(new OpenElectionCommand(electionId, {
    type: 'OpenElection', electionId, manifestHash, publicKey: publicKeyHex, ceremonyTranscriptHash: transcriptHash,
    softwareVersion: sha256Hex('software'), rollSize: entries.length, votingOpensAt: opensAt, votingClosesAt: closesAt,
    openingReportHash: sha256Hex('opening-report'), openingReportPdfHash: sha256Hex('opening-report-pdf'),
    missingRatifications, ceremonyCompleted: true, configurationLocked: true, credentialListPublished: true, now: at(-120_000),
  }, meta('system:test')));
  await commands.execute(new StartVotingCommand(electionId, { type: 'StartVoting', electionId, now: at(0) }, meta('system:scheduler')));

  const context = electionContext(fromHex(manifestHash, 32), first.publicKey);
  const tables = encryptionTables(context.publicKey);
  const styles = new Map(manifestBallotStyles(manifest).map((s) => [s.id, s]));
  const choices = new Map<string, Record<string, string>>();
  const expected = new Map<string, Map<string, number>>();
  let cast = 0;
  const spoiled: SpoiledBallot[] = [];
  const checkedStyles = checkedBallotStyles([...styles.values()]);
  const voting = entries.slice(0, entries.length - (options.abstaining ?? 0));
  const optionOfKind = (contestId: string, kind: string): string => {
    const option = manifest.contests.find((c) => c.id === contestId)?.options.find((o) => o.kind === kind);
    if (!option) throw new Error(`contest ${contestId} has no option of kind ${kind}`);
    return option.id;
  };
  // Each voter's choices, drawn in roll order (the expected counts are totals: order is free).
  const selectionsOf = (voter: number): Record<string, string> => {
    const style = styles.get(styleOfEntity.get(voting[voter].entity)!)!;
    const selections: Record<string, string> = {};
    const markedKind = options.markedKinds?.[voter];
    for (const contest of style.contests) {
      // Skewed choices so results differ between options (the first options win more often).
      const k = Math.min(contest.optionIds.length - 1, Math.floor(randomBytes(1)[0] / 64) * (randomBytes(1)[0] % 2));
      const chosen = markedKind === undefined ? contest.optionIds[k] : optionOfKind(contest.id, markedKind);
      selections[contest.id] = chosen;
      const counts = expected.get(contest.id) ?? new Map<string, number>();
      counts.set(chosen, (counts.get(chosen) ?? 0) + 1);
      expected.set(contest.id, counts);
    }
    return selections;
  };
  const taskOf = (voter: number, selections: Record<string, string>): EncryptionTask => {
    const entry = voting[voter];
    return { manifestHash, publicKey: publicKeyHex, style: styles.get(styleOfEntity.get(entry.entity)!)!, pseudonym: entry.pseudonym, credential: credentials.get(entry.pseudonym)!, selections };
  };
  // The cast ballots encrypted ahead in worker threads (a bounded window), or here one at a time.
  // Casting stays in this thread, in roll order, through the production commands.
  const workers = options.encryptionWorkers ?? 0;
  const pool = workers > 0 ? new ThreadPool<EncryptionTask, EncryptedText>(ENCRYPTION_WORKER, { size: workers, workerData: { groupBackend: selectedGroupBackend() } }) : undefined;
  const ahead = new Map<number, { selections: Record<string, string>; encrypted: Promise<EncryptionResult> }>();
  let queued = 0;
  const castingTimes = { encryptMs: 0, commandsMs: 0 };
  const fillWindow = (voter: number) => {
    for (; pool && queued < voting.length && queued < voter + workers * AHEAD_PER_WORKER; queued++) {
      const selections = selectionsOf(queued);
      const encrypted = pool.run(taskOf(queued, selections)).then(fromText);
      encrypted.catch(() => undefined); // awaited in its turn below; not an unhandled rejection meanwhile
      ahead.set(queued, { selections, encrypted });
    }
  };
  try {
    for (const [voter, entry] of voting.entries()) {
      const style = styles.get(styleOfEntity.get(entry.entity)!)!;
      fillWindow(voter);
      const planned = ahead.get(voter);
      ahead.delete(voter);
      const selections = planned?.selections ?? selectionsOf(voter);
      if (spoiled.length < (options.spoiled ?? 0)) {
        // A Benaloh audit first: the booth encrypts, the voter spoils, the disclosure is published
        // with nothing of the voter; then the booth encrypts afresh (new nonces, new binding).
        const audited = encryptBallot({ context, tables, style, pseudonym: entry.pseudonym, credential: credentials.get(entry.pseudonym)!, selections });
        const disclosure = spoilBallot(audited.ballot, audited.secrets);
        const audit = auditSpoiledBallot(disclosure, context, checkedStyles, audited.ballot.trackingCode);
        await commands.execute(new SpoilBallotCommand(electionId, {
          type: 'SpoilBallot', electionId, pseudonym: entry.pseudonym, bindingNonce: audited.secrets.bindingNonce, styleId: style.id,
          trackingCode: audited.ballot.trackingCode, ballot: audited.ballot, disclosureVerified: audit.ok, now: at(500),
        }, meta(`voter:${entry.pseudonym}`)));
        await commands.execute(new PublishSpoiledBallotCommand(electionId, {
          type: 'PublishSpoiledBallot', electionId, styleId: style.id, trackingCode: audited.ballot.trackingCode, ballot: audited.ballot,
          disclosure: { selections: disclosure.selections, nonces: disclosure.nonces }, recordedByVoter: true, now: at(500),
        }, meta(SPOILED_BALLOT_ACTOR)));
        spoiled.push({ pseudonym: entry.pseudonym, ballot: audited.ballot, selections: { ...disclosure.selections }, nonces: disclosure.nonces });
      }
      const credential = credentials.get(entry.pseudonym)!;
      let t = performance.now();
      const { ballot, bindingNonce, signature } = planned ? await planned.encrypted : encryptForVoter(taskOf(voter, selections), { context, tables });
      castingTimes.encryptMs += performance.now() - t;
      t = performance.now();
      // As the voting service does: decided on the voter's sealed ballot stream, then published.
      await commands.execute(new CastBallotCommand(electionId, {
        type: 'CastBallot', electionId, pseudonym: entry.pseudonym, bindingNonce, credential: credential.publicKey, signature, credentialStatus: 'active',
        entitledStyleId: style.id, styleId: style.id,
        trackingCode: ballot.trackingCode, ballot, ballotVerified: true, reusesPublishedSpoiledCiphertext: false, votingPhase: 'voting', votingClosesAt: closesAt, now: at(1000),
      }, meta(`voter:${entry.pseudonym}`)));
      await commands.execute(new PublishCastBallotCommand(electionId, {
        type: 'PublishCastBallot', electionId, pseudonym: entry.pseudonym, bindingNonce, credential: credential.publicKey, signature, styleId: style.id,
        trackingCode: ballot.trackingCode,
        ballot, recordedTrackingCode: ballot.trackingCode, castAt: at(1000),
      }, meta(`voter:${entry.pseudonym}`)));
      castingTimes.commandsMs += performance.now() - t;
      choices.set(entry.pseudonym, selections);
      options.onBallot?.(++cast, voting.length);
    }
  } finally {
    await pool?.close();
  }

  // 5. Closing and the ballot box export.
  await commands.execute(new CloseVotingCommand(electionId, { type: 'CloseVoting', electionId, now: closesAt }, meta('system:scheduler')));
  // The closing's hash over the box as ballotBoxStream reads it (a spill file, never the whole
  // box in memory: 10^5 ballot lines of ~34 kB are past V8's string cap).
  const boxHash = createHash('sha256');
  for await (const { line } of ballotBoxStream(store, electionId)) boxHash.update(line, 'utf8');
  const box = boxHash.digest('hex');
  await commands.execute(new RecordBallotBoxExportCommand(electionId, {
    type: 'RecordBallotBoxExport', electionId, ballots: voting.length, sha256: options.closingHash ? options.closingHash(box) : box,
    checkpoint: options.closingCheckpoint ? await options.closingCheckpoint() : { size: await store.head(), rootHash: '', note: '' }, now: closesAt,
  }, meta('system:closing')));

  return {
    electionId, manifest, context, choices, expected, ballotBoxHash: box, threshold: options.threshold, spoiled, credentials, authority,
    abstainers: entries.slice(voting.length).map((e) => e.pseudonym), roll: new Map(entries.map((e) => [e.pseudonym, e.entity])), castingTimes,
    shares: new Map([...sim.keys].map(([j, k]) => [j, k.share])),
  };
}
