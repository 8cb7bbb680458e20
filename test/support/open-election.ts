/**
 * A real, open election on a real ledger in a few seconds, for tests of voting, closing,
 * tally and the record. Everything goes through the production code paths:
 *   configuration decider (the simulacro fixture) → every ratification → roll import (synthetic
 *   voters and their usernames) → a test credential authority (passwords e-mailed to the outbox,
 *   its signed list imported, support/credential-authority.ts) → an in-process key ceremony
 *   appended as the public ceremony events → ElectionOpened + VotingStarted (lifecycle decider).
 * The sealed token events of the ceremony are left out (no SoftHSM needed to vote); the
 * trustees' shares stay in memory for tests that decrypt.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toNewEvent } from '../../src/command-path/stream-state';
import { OpenElectionCommand, StartVotingCommand } from '../../src/opening/opening.commands';
import { commandsFor } from './command-path';
import { configureAndRatify, lockConfiguration } from './configured-election';
import { ceremonyStream, type CeremonyEvent } from '../../src/domain/ceremony/events';
import type { ElectionManifest } from '../../src/domain/configuration/election-manifest';
import { group } from '../../src/domain/crypto/active-group';
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { toHex } from '../../src/domain/crypto/hash';
import {
  createRound1,
  createRound2,
  finalizeTrustee,
  receiveRound1,
  receiveShare,
  type CeremonyParams,
  type Round1Message,
  type TrusteeKeyMaterial,
  type TrusteeSecrets,
} from '../../src/domain/crypto/ceremony';
import type { EventStore } from '../../src/ledger/event-store';
import { OutboxMailSender } from '../../src/messaging/outbox';
import { nodeRandomSource } from '../../src/roll/node-random-source';
import { importRoll } from '../../src/roll/roll-import-service';
import { seededRandomSource } from '../../src/roll/seeded-random-source';
import { generateSyntheticRoll } from '../../src/roll/synthetic-roll';
import { InMemoryUsernameDirectory } from '../../src/authentication/username-directory';
import type { VoterRecord } from '../../src/domain/roll/voter-record';
import { trusteeKey } from './trustee-keys';
import { canonicalPassword } from '../../src/domain/authentication/secrets';
import { deriveCredentialKey } from '../../src/domain/crypto/credential/credential-key';
import type { SigningKey } from '../../src/domain/crypto/credential/credential-signature';
import { issueCredentialsForRoll, randomSigningKey } from './credential-authority';

export const SIMULACRO_FIXTURE = resolve(__dirname, '../../fixtures/simulacro-2024.yaml');

export interface OpenElectionOptions {
  /** Number of synthetic voters. Default 10. */
  voters?: number;
  /** Entity codes to draw voters from (default: every entity of the manifest). */
  entities?: string[];
  /** Voting window; default from now − 1 min to now + 1 h. */
  opensAt?: Date;
  closesAt?: Date;
  /** Trustees and threshold. Default 3 of which 2 decrypt. */
  trustees?: number;
  threshold?: number;
  /** Skip the credential authority's list (the election then cannot open). */
  credentials?: boolean;
  /** Seed of the synthetic roll (default random per call). */
  seed?: string;
  /** Outbox folder (default a fresh temp folder). */
  outboxDir?: string;
  /** Stop after the ceremony: the election is configured but not opened. */
  open?: boolean;
}

export interface TestVoter {
  username: string;
  password: string;
  pseudonym: string;
  styleId: string;
  record: VoterRecord;
  /** The voter's credential key, derived from username and password as the booth derives it. */
  credential: SigningKey;
}

export interface OpenElection {
  store: EventStore;
  electionId: string;
  manifest: ElectionManifest;
  manifestHash: string;
  publicKeyHex: string;
  voters: TestVoter[];
  outboxDir: string;
  /** trustee index → secret share xⱼ (in memory only). */
  shares: Map<number, bigint>;
  keys: Map<number, TrusteeKeyMaterial>;
  threshold: number;
  votingOpensAt: string;
  votingClosesAt: string;
  /** The test credential authority's key (undefined when `credentials: false`). */
  authority?: SigningKey;
  /** With `open: false`: opens the election (and starts voting) when the test says. */
  openNow?: () => Promise<void>;
}

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** Every test voter's credential key, by pseudonym: what a test client holds as the booth would. */
const keysByPseudonym = new Map<string, SigningKey>();
export function credentialOf(pseudonym: string): SigningKey {
  const key = keysByPseudonym.get(pseudonym);
  if (!key) throw new Error(`no test credential for pseudonym ${pseudonym}`);
  return key;
}

export async function openElection(store: EventStore, options: OpenElectionOptions = {}): Promise<OpenElection> {
  const now = new Date();
  const opensAt = (options.opensAt ?? new Date(now.getTime() - 60_000)).toISOString();
  const closesAt = (options.closesAt ?? new Date(now.getTime() + 3_600_000)).toISOString();
  const manualText = await readFile(SIMULACRO_FIXTURE, 'utf8');

  // 1. Configuration and every ratification.
  const { electionId, manifest, manifestHash, missingRatifications } = await configureAndRatify(store, manualText);

  // 2. The roll: synthetic voters and their usernames; then the credential authority's
  // passwords, e-mailed to the outbox, and its signed list imported by the service.
  const outboxDir = options.outboxDir ?? (await mkdtemp(join(tmpdir(), 'urna-open-election-')));
  const directory = new InMemoryUsernameDirectory();
  const commands = await commandsFor(store);
  const entityCodes = options.entities ?? manifest.entities.map((e) => e.code);
  const records = generateSyntheticRoll({ size: options.voters ?? 10, random: seededRandomSource(options.seed ?? `open-election-${now.getTime()}-${Math.random()}`), entityCodes });
  await importRoll({ store, commands, electionId, random: nodeRandomSource, directory, actor: 'official:test', concurrency: 8 }, records, false, now.toISOString());
  const registered = new Map<string, string>(); // electorKey → pseudonym
  for (const e of await store.readAll()) {
    if (e.type === 'VoterRegistered' && e.stream.startsWith(`voter-${electionId}-`)) {
      const d = e.data as { pseudonym: string; voter: VoterRecord };
      registered.set(d.voter.electorKey, d.pseudonym);
    }
  }
  const ca = options.credentials === false ? undefined
    : await issueCredentialsForRoll(store, commands, electionId, { mail: new OutboxMailSender(outboxDir), now: now.toISOString() });
  const issuedTo = new Map((ca?.issued ?? []).map((i) => [i.pseudonym, i]));
  const authority = ca?.authority;
  const voters: TestVoter[] = records.map((record) => {
    const pseudonym = registered.get(record.electorKey)!;
    const issued = issuedTo.get(pseudonym);
    const style = manifest.ballotStyles.find((s) => s.entity === record.entityOfOrigin);
    if (!style) throw new Error(`no ballot style for entity ${record.entityOfOrigin}`);
    // As the booth derives it from what the voter typed (the authority's e-mail).
    const username = issued?.username ?? '';
    const password = issued?.password ?? '';
    const key = issued ? deriveCredentialKey(electionId, username, canonicalPassword(password)) : randomSigningKey();
    keysByPseudonym.set(pseudonym, key);
    return { username, password, pseudonym, styleId: style.id, record, credential: key };
  });

  // 3. The key ceremony, in process, as its public events.
  const n = options.trustees ?? 3;
  const t = options.threshold ?? 2;
  const params: CeremonyParams = { ceremonyId: `${electionId}-test-ceremony`, n, t };
  const secrets = new Map<number, TrusteeSecrets>();
  const round1: Round1Message[] = [];
  for (let i = 1; i <= n; i++) {
    const r = createRound1(params, i);
    round1.push(r.message);
    secrets.set(i, r.secrets);
  }
  const { participants } = receiveRound1(params, round1);
  const round2 = [...secrets.values()].map((s) => createRound2(params, s, participants));
  const accepted = new Map<number, Map<number, bigint>>();
  for (const [j, s] of secrets) {
    const mine = new Map<number, bigint>();
    for (const m of round2) {
      if (m.dealer === j) continue;
      const receipt = receiveShare(params, s, participants, m);
      if (receipt.kind !== 'accepted') throw new Error(`trustee ${j} refused the share of ${m.dealer}`);
      mine.set(receipt.dealer, receipt.share);
    }
    accepted.set(j, mine);
  }
  const transcript = { params, round1, round2, complaints: [] };
  const keys = new Map([...secrets].map(([j, s]) => [j, finalizeTrustee(transcript, s, accepted.get(j)!)]));
  const first = keys.get(1)!;
  const publicKeyHex = toHex(group.encode(first.publicKey));
  const transcriptHash = sha256Hex(canonicalJson(transcript));
  const ceremony: CeremonyEvent[] = [
    ...[...secrets.keys()].map((i): CeremonyEvent => ({ type: 'TrusteeEnrolled', data: { electionId, trusteeIndex: i, trusteeId: `trustee-${i}`, name: `Persona custodia ${i}`, tokenSerial: `TEST${i}`, signingKey: trusteeKey(i, electionId).signingKey } })),
    { type: 'CeremonyOpened', data: { electionId, ceremonyId: params.ceremonyId, threshold: t, trustees: n, notary: 'Notaría de prueba' } },
    // Each message signed by its trustee's key (software keys: these trustees have no token).
    ...round1.map((message): CeremonyEvent => ({ type: 'CeremonyRound1Published', data: { electionId, message, signature: trusteeKey(message.trustee, electionId).sign({ electionId, scope: params.ceremonyId, kind: 'CeremonyRound1Published', message }) } })),
    ...round2.map((message): CeremonyEvent => ({ type: 'CeremonySharesDealt', data: { electionId, message, signature: trusteeKey(message.dealer, electionId).sign({ electionId, scope: params.ceremonyId, kind: 'CeremonySharesDealt', message }) } })),
    { type: 'CeremonyWitnessed', data: { electionId, notary: 'Notaría de prueba', transcriptHash, at: now.toISOString() } },
    {
      type: 'CeremonyCompleted',
      data: {
        electionId, ceremonyId: params.ceremonyId, threshold: t, trustees: n, qualified: [...first.qualified], publicKey: publicKeyHex,
        verificationKeys: Object.fromEntries([...first.verificationKeys].map(([j, k]) => [String(j), toHex(group.encode(k))])), transcriptHash,
      },
    },
  ];
  await store.append(ceremonyStream(electionId), ceremony.map((e) => toNewEvent(e, { actor: 'system:ceremony-test' })), 'no_stream');

  // 4. Opening and the start of voting (now, or when the test calls `openNow`).
  const openNow = async () => {
    const hashOf = (label: string) => sha256Hex(`${label}:${electionId}:${now.toISOString()}`);
    await lockConfiguration(store, electionId, now.toISOString());
    await commands.execute(new OpenElectionCommand(electionId, {
      type: 'OpenElection', electionId, manifestHash, publicKey: publicKeyHex, ceremonyTranscriptHash: transcriptHash,
      softwareVersion: hashOf('software'), rollSize: voters.length, votingOpensAt: opensAt, votingClosesAt: closesAt,
      openingReportHash: hashOf('opening-report'), openingReportPdfHash: hashOf('opening-report-pdf'),
      missingRatifications, ceremonyCompleted: true, configurationLocked: true, credentialListPublished: authority !== undefined, now: now.toISOString(),
    }, { actor: 'system:test' }));
    if (Date.parse(opensAt) <= now.getTime()) {
      await commands.execute(new StartVotingCommand(electionId, { type: 'StartVoting', electionId, now: now.toISOString() }, { actor: 'system:scheduler' }));
    }
  };
  if (options.open !== false) await openNow();

  return {
    ...(options.open === false ? { openNow } : {}),
    store, electionId, manifest, manifestHash, publicKeyHex, voters, outboxDir,
    shares: new Map([...keys].map(([j, k]) => [j, k.share])), keys, threshold: t,
    votingOpensAt: opensAt, votingClosesAt: closesAt, authority,
  };
}
