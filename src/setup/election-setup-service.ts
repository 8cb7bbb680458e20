import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import { AmendConfigurationCommand, ConfigureElectionCommand, RatifyContestsCommand } from '../configuration/configuration.commands';
import { LockConfigurationForOpeningCommand, OpenElectionCommand } from '../opening/opening.commands';
import type { SoftwareVersion } from '../application/software-version';
import type { LogCheckpoint, LogKeyRef, Official } from '../documents/document-types';
import { buildOpeningReport, type OpeningReport } from '../documents/opening-report';
import { renderCanonical, sha256Hex } from '../documents/canonical-json';
import { renderOpeningReportPdf } from '../documents/pdf/opening-report-pdf';
import type { Actor } from '../domain/configuration/actors';
import { currentManifest } from '../domain/configuration/current-manifest';
import type { ElectionManifest } from '../domain/configuration/election-manifest';
import { missingRatificationKeys, requiredRatifications } from '../domain/configuration/missing-ratifications';
import { isConfigured } from '../domain/configuration/state';
import { configurationStreamName } from '../domain/configuration/configuration-decider';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import type { OpenElection } from '../domain/lifecycle/commands';
import type { ConfigurationLockedForOpening } from '../domain/opening/events';
import { rollDecider, rollStream } from '../domain/roll/decider';
import { DomainError } from '../domain/shared/decider';
import { signingKeyFingerprint } from '../domain/ceremony/trustee-signature';
import type { EventStore } from '../ledger/event-store';
import { nodeRandomSource } from '../roll/node-random-source';
import { importRoll, type RollImportReport } from '../roll/roll-import-service';
import { seededRandomSource } from '../roll/seeded-random-source';
import { generateSyntheticRoll } from '../roll/synthetic-roll';
import { readRollCsv } from '../roll/read-roll-csv';
import type { RollProblem } from '../domain/roll/roll-row-validation';
import type { VoterRecord } from '../domain/roll/voter-record';
import { InMemoryUsernameDirectory } from '../authentication/username-directory';
import { CeremonyService } from '../ceremony/ceremony-service';
import { loadConfiguration } from '../configuration/load-configuration';
import { both, joinBoth, pair } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { SetupError } from './setup-errors';
import { credentialListPublished } from '../credentials/credential-list-import';
import { openingCredentials } from '../credentials/opening-credentials';
import { keyFingerprint, type WitnessPolicy } from '../ledger/checkpoint/witness-policy';

/**
 * Election set-up as commands, end to end: configure → ratify → roll → trustees and key
 * ceremony → opening. Every step appends events or fails with a clear error and appends
 * nothing; every fact a step needs is read back from the ledger.
 */
export interface ElectionSetupPorts {
  /** Read to gather each step's facts. */
  store: EventStore;
  /** Every step's change goes through it, judged by its phase's decider. */
  commands: CommandBus;
  electionId: string;
  /** Where the outbox (credential e-mails, SMS) and the opening report files are written. */
  dataDir: string;
  /** The log checkpoint printed on the opening report (signed by the log's key). */
  checkpoint: () => Promise<LogCheckpoint>;
  /** The log's origin and verifier key, printed on the opening report so people can pin them. */
  log?: LogKeyRef;
  /** The log's witnesses and quorum, printed on the opening report so people can pin them; read
   * when the report is made (the simulacro's witness processes may still be starting before). */
  witnesses?: () => Promise<WitnessPolicy | undefined>;
  softwareVersion: () => SoftwareVersion;
  progress?: (line: string) => void;
}

/** A trustee as the officials enrol them: their name, and what their own station printed in
 * its enrolment file (`urna trustee init`): the token's serial and the signing key generated in it. */
export interface TrusteeEnrolmentCard {
  name: string;
  tokenSerial: string;
  signingKey: string;
}

/** The trustees taking part in the key ceremony, each at their own station: `runCeremony`
 * resolves once every trustee's steps are done (src/setup/trustee-processes.ts runs one
 * `urna trustee ceremony` process per trustee). */
export interface CeremonyTrustees {
  runCeremony(say: (line: string) => void): Promise<void>;
}

export interface OpeningResult {
  report: OpeningReport;
  reportHash: string;
  pdfHash: string;
  jsonPath: string;
  pdfPath: string;
}

/** Formerly the simulacro's scrypt cost. The service hashes no password since issue 13 (the
 * credential authority's credentials are checked by signature); kept for callers that pass it. */
export const SIMULACRO_SCRYPT = { ln: 10, r: 8, p: 1 };

export class ElectionSetupService {
  readonly ceremony: CeremonyService;
  readonly directory = new InMemoryUsernameDirectory();

  constructor(private readonly p: ElectionSetupPorts) {
    this.ceremony = new CeremonyService(p.store, p.commands, p.electionId);
  }
  private async openingWitnesses(): Promise<{ witnesses?: { quorum: number; keys: { vkey: string; fingerprint: string }[] } }> {
    const policy = await this.p.witnesses?.();
    if (!policy || policy.witnesses.length === 0) return {};
    return { witnesses: { quorum: policy.quorum, keys: policy.witnesses.map((w) => ({ vkey: w.vkey, fingerprint: keyFingerprint(w.vkey) })) } };
  }


  private say(line: string): void {
    this.p.progress?.(line);
  }

  configure(manualText: string, actor: Actor) {
    return this.p.commands.execute(new ConfigureElectionCommand(this.p.electionId, { type: 'ConfigureElection', data: { manualText }, actor }));
  }

  amend(manualText: string, basedOnVersion: number, reason: string, actor: Actor) {
    return this.p.commands.execute(new AmendConfigurationCommand(this.p.electionId, { type: 'AmendConfiguration', data: { manualText, basedOnVersion, reason }, actor }));
  }

  ratify(scope: 'federal' | 'local', entity: string | undefined, actor: Actor) {
    return this.loadConfigured().then(({ state }) =>
      this.p.commands.execute(new RatifyContestsCommand(this.p.electionId, {
        type: 'RatifyContests',
        data: { scope, ...(entity ? { entity } : {}), manifestHash: state.manifestHash! },
        actor,
      })));
  }

  /** Simulacro: every required ratification, each by its own authority (federal, then each OPL). */
  async ratifyAll(): Promise<number> {
    const { state } = await this.loadConfigured();
    const units = requiredRatifications(state);
    const missing = new Set(missingRatificationKeys(state));
    let done = 0;
    for (const u of units) {
      const key = u.scope === 'federal' ? 'federal' : `local:${u.entity}`;
      if (!missing.has(key)) continue;
      const actor: Actor = u.scope === 'federal' ? { role: 'ine-authority', id: 'simulacro' } : { role: 'opl-representative', id: `opl-${u.entity}`, entity: u.entity! };
      await this.ratify(u.scope, u.entity ?? undefined, actor);
      done++;
    }
    return done;
  }

  private async loadConfigured() {
    const loaded = await loadConfiguration(this.p.store, this.p.electionId);
    if (!isConfigured(loaded.state)) {
      throw new SetupError('ELECTION_NOT_CONFIGURED', pair(cliMessages, 'setup.error.notConfigured'));
    }
    return loaded;
  }

  /** A synthetic roll of `size` voters (seeded, reproducible), with credentials e-mailed to the outbox. */
  async importSyntheticRoll(size: number, seed: string, scrypt = SIMULACRO_SCRYPT): Promise<RollImportReport> {
    const { state } = await this.loadConfigured();
    const manifest = currentManifest(state);
    const voters = generateSyntheticRoll({ size, random: seededRandomSource(seed), entityCodes: manifest.entities.map((e) => e.code) });
    return this.importVoters(manifest, voters, scrypt);
  }

  /**
   * The roll from a CSV file in the documented format (docs/spec/roll-and-authentication.md).
   * Every row is checked first (elector key, entity of the configuration, e-mail, mobile phone,
   * duplicates, malformed CSV); the valid rows are imported and the others come back in
   * `problems` with their line and reason, never imported. A file with no valid row imports
   * nothing. Credentials go to the outbox (or the configured mail/SMS providers in the service).
   */
  async importRollCsv(path: string, scrypt: { ln: number; r: number; p: number }): Promise<RollImportReport & { rowsRead: number; problems: RollProblem[] }> {
    const { state } = await this.loadConfigured();
    const manifest = currentManifest(state);
    const checked = await readRollCsv(path, { validEntityCodes: manifest.entities.map((e) => e.code) });
    this.say(both(cliMessages, 'setup.rollRead', { rowsRead: checked.rowsRead, valid: checked.voters.length, problems: checked.problems.length }));
    if (checked.voters.length === 0) {
      const line = pair(cliMessages, 'roll.line');
      const first = checked.problems.slice(0, 5).map((x) => `${line.es}/${line.en} ${x.line}: ${x.reason}`).join('; ');
      throw new SetupError('ROLL_HAS_NO_VALID_ROW', pair(cliMessages, 'setup.error.noValidRow', { problems: checked.problems.length, first }));
    }
    const report = await this.importVoters(manifest, checked.voters.map(({ line: _line, ...voter }) => voter), scrypt);
    return { ...report, rowsRead: checked.rowsRead, problems: checked.problems };
  }

  /** The roll and each voter's username; the credential authority e-mails the passwords (issue 13). */
  private async importVoters(_manifest: ElectionManifest, voters: VoterRecord[], _scrypt?: { ln: number; r: number; p: number }): Promise<RollImportReport> {
    const lifecycle = (await loadState(this.p.store, lifecycleStream(this.p.electionId), lifecycleDecider)).state;
    return importRoll(
      { store: this.p.store, commands: this.p.commands, electionId: this.p.electionId, random: nodeRandomSource, directory: this.directory, actor: 'official:roll-import' },
      voters, lifecycle.phase !== 'not-opened', new Date().toISOString(),
    );
  }

  /** Enrols each trustee (index = position + 1) with their token's serial and signing key. */
  async enrolTrustees(cards: TrusteeEnrolmentCard[]): Promise<void> {
    for (const [k, card] of cards.entries()) {
      await this.ceremony.run({
        type: 'EnrolTrustee', electionId: this.p.electionId, trusteeIndex: k + 1, trusteeId: `trustee-${k + 1}`,
        name: card.name, tokenSerial: card.tokenSerial, signingKey: card.signingKey,
      }, 'official:ceremony');
    }
  }

  async openCeremony(threshold: number, notary: string): Promise<void> {
    const { state } = await loadConfiguration(this.p.store, this.p.electionId);
    await this.ceremony.run({
      type: 'OpenCeremony', electionId: this.p.electionId, ceremonyId: `${this.p.electionId}.dkg.1`, threshold, notary,
      configurationPresent: isConfigured(state),
    }, 'official:ceremony');
  }

  /** Every trustee's steps, each at their own station, then the notary's witness. A ceremony
   * resumed after a restart continues where the ledger says it is. */
  async runCeremony(trustees: CeremonyTrustees, notary: string, now: () => string): Promise<NonNullable<Awaited<ReturnType<CeremonyService['complete']>>>> {
    await trustees.runCeremony((line) => this.say(line));
    const state = await this.ceremony.state();
    if (!state.witnessed && !state.completed) {
      const hash = await this.ceremony.currentTranscriptHash();
      await this.ceremony.witness(notary, hash, now());
      this.say(`  ${both(cliMessages, 'setup.notaryWitnessed', { notary, hash })}`);
    }
    const completed = await this.ceremony.complete();
    if (!completed) throw new SetupError('CEREMONY_INCOMPLETE', pair(cliMessages, 'setup.error.ceremonyIncomplete'));
    return completed;
  }

  /**
   * The opening: gathers the facts, issues the opening report (JSON + PDF, both hashed),
   * locks the configuration at the revision the facts were read at, appends ElectionOpened.
   */
  async open(now: string, officials: Official[]): Promise<OpeningResult> {
    const id = this.p.electionId;
    const lifecycle = await loadState(this.p.store, lifecycleStream(id), lifecycleDecider);
    if (lifecycle.state.phase !== 'not-opened') {
      throw new DomainError('ALREADY_OPENED', both(cliMessages, 'setup.error.alreadyOpened'));
    }
    const { state: config, revision } = await this.loadConfigured();
    const manifest = currentManifest(config);
    const ceremonyState = await this.ceremony.state();
    const ceremony = ceremonyState.completed;
    const roll = (await loadState(this.p.store, rollStream(id), rollDecider)).state;
    const software = this.p.softwareVersion();
    const checkpoint = await this.p.checkpoint();
    const entityName = new Map(manifest.entities.map((e) => [e.code, e.name]));

    const facts: OpenElection = {
      type: 'OpenElection', electionId: id, manifestHash: config.manifestHash!,
      publicKey: ceremony?.publicKey ?? '', ceremonyTranscriptHash: ceremony?.transcriptHash ?? '',
      softwareVersion: software.hash, rollSize: roll.entries.size,
      votingOpensAt: manifest.process.votingOpensUtc, votingClosesAt: manifest.process.votingClosesUtc,
      openingReportHash: '0'.repeat(64), openingReportPdfHash: '0'.repeat(64),
      missingRatifications: missingRatificationKeys(config), ceremonyCompleted: !!ceremony,
      configurationLocked: true, // checked for real below, once the lock is recorded
      credentialListPublished: await credentialListPublished(this.p.store, id),
      now,
    };
    lifecycleDecider.decide(facts, lifecycle.state); // refuses (CANNOT_OPEN) before any document is issued

    const report = buildOpeningReport({
      process: { id, name: manifest.process.name }, electionId: id, generatedAt: now,
      software: { version: `urna ${software.packageVersion}`, codeHash: software.hash },
      configurationHash: config.manifestHash!, electionPublicKey: ceremony!.publicKey, ceremonyTranscriptHash: ceremony!.transcriptHash,
      ballotBoxCount: 0, counters: { ballotsCast: 0, votersWhoVoted: 0 },
      contests: manifest.contests.map((c) => ({
        contestId: c.id, scope: c.scope, office: c.office,
        entity: c.entity === null ? 'national' as const : { code: c.entity, name: entityName.get(c.entity) ?? c.entity },
        optionCount: c.options.length, votes: 0,
      })),
      openingCheckpoint: checkpoint, officials,
      trustees: Object.values(ceremonyState.trustees).filter((t) => t.signingKey !== undefined)
        .map((t) => ({ trusteeIndex: t.trusteeIndex, name: t.name, signingKeyFingerprint: signingKeyFingerprint(t.signingKey!) })),
      ...(this.p.log ? { log: this.p.log } : {}),
      ...(await this.openingWitnesses()),
      credentials: await openingCredentials(this.p.store, id),
      votingWindow: { opens: manifest.process.votingOpensUtc, closes: manifest.process.votingClosesUtc, timezone: manifest.process.timezone },
    });
    const canonical = renderCanonical(report);
    const pdf = await renderOpeningReportPdf(report);
    const pdfHash = sha256Hex(pdf);
    const dir = join(this.p.dataDir, 'documents');
    mkdirSync(dir, { recursive: true });
    const jsonPath = join(dir, `reporte-inicial-${id}.json`);
    const pdfPath = join(dir, `reporte-inicial-${id}.pdf`);
    writeFileSync(jsonPath, canonical.bytes);
    writeFileSync(pdfPath, pdf);

    const byOpening = { actor: 'official:opening' };
    // Locked at the revision the facts came from: a change that slipped in refuses the opening.
    await this.p.commands.execute(new LockConfigurationForOpeningCommand(id,
      { type: 'LockConfigurationForOpening', electionId: id, readAtRevision: revision, now }, byOpening));
    const configurationLocked = (await loadConfiguration(this.p.store, id)).state.opened;
    await this.p.commands.execute(new OpenElectionCommand(id,
      { ...facts, configurationLocked, openingReportHash: canonical.sha256, openingReportPdfHash: pdfHash }, byOpening));
    return { report, reportHash: canonical.sha256, pdfHash, jsonPath, pdfPath };
  }
}
