/**
 * The monitor's checks of each new leaf (docs/spec/log.md §9), with the same rules as
 * `urna verify` where they overlap (record.md V5, V8, V12, V13, V18): the entry is well formed
 * (readLeafEntry), its type and version are in the event catalog, its election's phase allows
 * it (phase-rules.ts), a ballot's proofs, voter binding and signature verify against the
 * election it was opened with (verifyBallotChunk), each pseudonym casts one ballot, no tracking
 * code appears twice, and a spoiled ballot opens from its disclosure. It works on a copy of the
 * stored state; the tree follower keeps the copy only when the leaves it read are the tree's.
 */
import { auditSpoiledBallots, cryptoEnvironment, verifyBallotChunk, type CryptoEnvironment } from '../parallel/crypto-tasks';
import { SPOILED_BALLOT_FORMAT } from '../domain/crypto/ballot/benaloh';
import { SPOILED_BALLOT_ACTOR } from '../domain/voting/decider';
import { eventCatalog } from '../domain/event-catalog';
import { manifestBallotStyles } from '../domain/tally/manifest-styles';
import type { PublicEventEntry } from '../ledger/merkle/leaf-encoding';
import { castEventFacts, castEventProblems } from '../verifier/cast-event-checks';
import { readLeafEntry } from '../verifier/leaf-entry-checks';
import { manifestFromLog } from '../verifier/manifest-from-log';
import { anomaly, type Anomaly } from './anomaly';
import { digest, type ElectionWatch } from './monitor-state';
import { allowedIn, electionOf, phaseAfter } from './phase-rules';

/** Ballots verified together: the batch the ballot verifier's multi-scalar checks are built for. */
const BALLOT_BATCH = 16;

interface Watch {
  stored: ElectionWatch;
  voted: Set<string>;
  codes: Set<string>;
  listed: Set<string>;
  revoked: Set<string>;
  used: Set<string>;
  env?: CryptoEnvironment;
}

interface PendingCast {
  entry: PublicEventEntry;
  watch: Watch;
}

type Failure = { check: string; contest?: string; option?: number; reason: string };
const describe = (failures: readonly Failure[]) =>
  failures.map((f) => `${f.check}${f.contest ? ` (${f.contest}${f.option !== undefined ? `, option ${f.option}` : ''})` : ''}: ${f.reason}`).join('; ');

export class EventChecker {
  private readonly watches = new Map<string, Watch>();
  private pending: PendingCast[] = [];
  /** Counts of this round. */
  ballots = 0;
  spoiled = 0;
  publicEvents = 0;

  constructor(elections: Record<string, ElectionWatch>, private readonly report: (a: Anomaly) => void) {
    for (const [id, stored] of Object.entries(JSON.parse(JSON.stringify(elections)) as Record<string, ElectionWatch>)) {
      this.watches.set(id, {
        stored, voted: new Set(stored.voted), codes: new Set(stored.trackingCodes),
        listed: new Set(stored.credentials), revoked: new Set(stored.revokedCredentials), used: new Set(stored.usedCredentials),
      });
    }
  }

  /** Checks leaf `index` (its raw bytes). Ballots are verified in batches: call flush() at the end. */
  check(bytes: Uint8Array, index: number): void {
    let text: string;
    try {
      // Leaf bytes are UTF-8 (log.md §2.4): a replacement character would hide bytes that are not.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      this.report(anomaly('entry-malformed', 'anomaly.entryMalformed', { index, detail: `entry ${index}: not UTF-8` }, index));
      return;
    }
    const reading = readLeafEntry(text, index);
    for (const detail of reading.problems) this.report(anomaly('entry-malformed', 'anomaly.entryMalformed', { index, detail }, index));
    const e = reading.publicEntry;
    if (!e) return;
    this.publicEvents++;
    if (!eventCatalog.isKnown(e.type, e.version) || eventCatalog.get(e.type)?.visibility !== 'public') {
      this.report(anomaly('event-unknown', 'anomaly.eventUnknown', { index, type: String(e.type), version: Number(e.version) }, index));
      return;
    }
    const electionId = electionOf(e.stream, e.data);
    const watch = this.watch(electionId);
    const phase = watch.stored.phase;
    if (!allowedIn(e.type, phase)) {
      this.report(anomaly('event-out-of-phase', 'anomaly.outOfPhase', { index, type: e.type, phase }, index));
      return;
    }
    watch.stored.phase = phaseAfter(e.type, phase);
    if (e.type === 'ElectionConfigured' || e.type === 'ConfigurationAmended' || e.type === 'ContestOptionsRecorded') watch.stored.configuration.push(e);
    else if (e.type === 'ElectionOpened') this.opened(e, electionId, watch);
    else if (e.type === 'BallotCast') this.cast(e, electionId, watch);
    else if (e.type === 'BallotSpoiled') this.spoil(e, electionId, watch);
    else if (e.type === 'PublicCredentialsPublished') this.listCredentials(e, watch);
    else if (e.type === 'RollEntriesPublished') this.rollChunk(e, watch);
    else if (e.type === 'CredentialReplaced') this.replaceCredential(e, watch);
  }

  /** Verifies the ballots still waiting for a batch. */
  flush(): void {
    const batch = this.pending;
    this.pending = [];
    for (let start = 0; start < batch.length; start += BALLOT_BATCH) {
      const group = batch.slice(start, start + BALLOT_BATCH);
      // One batch per election (they share its environment).
      for (const watch of new Set(group.map((p) => p.watch))) {
        const mine = group.filter((p) => p.watch === watch);
        const data = mine.map((p) => p.entry.data as { ballot?: unknown; pseudonym?: unknown; credential?: unknown; bindingNonce?: unknown; signature?: unknown });
        const { verdicts } = verifyBallotChunk(watch.env!, data.map((d) => d.ballot), data.map((d) => ({
          expectedVoter: {
            pseudonym: String(d.pseudonym), credential: String(d.credential), bindingNonce: String(d.bindingNonce),
            signature: typeof d.signature === 'string' ? d.signature : undefined,
          },
        })));
        verdicts.forEach((v, k) => {
          if (v.ok) return;
          const { position } = mine[k].entry;
          this.report(anomaly('ballot-invalid', 'anomaly.ballotInvalid', { index: position, code: castEventFacts(mine[k].entry).trackingCode, detail: describe(v.failures) }, position));
        });
      }
    }
  }

  /** The elections as the state stores them. */
  snapshot(): Record<string, ElectionWatch> {
    const out: Record<string, ElectionWatch> = {};
    for (const [id, w] of this.watches) {
      out[id] = { ...w.stored, voted: [...w.voted], trackingCodes: [...w.codes], credentials: [...w.listed], revokedCredentials: [...w.revoked], usedCredentials: [...w.used] };
    }
    return out;
  }

  private watch(electionId: string): Watch {
    let w = this.watches.get(electionId);
    if (!w) {
      w = { stored: { phase: 'setup', configuration: [], voted: [], trackingCodes: [] }, voted: new Set(), codes: new Set(), listed: new Set(), revoked: new Set(), used: new Set() };
      this.watches.set(electionId, w);
    }
    return w;
  }

  /** The opening fixes what ballots are checked against: the recorded manifest and the opened key. */
  private opened(e: PublicEventEntry, electionId: string, watch: Watch): void {
    const d = e.data as { manifestHash?: unknown; publicKey?: unknown };
    try {
      const { manifest, manifestHash } = manifestFromLog(watch.stored.configuration, electionId);
      if (manifestHash !== d.manifestHash) throw new Error(`the configuration recorded in the log hashes to ${manifestHash}, the election was opened with ${String(d.manifestHash)}`);
      const styleOfEntity = Object.fromEntries(manifest.ballotStyles.map((st) => [st.entity, st.id]));
      const setup = { manifestHash, publicKey: String(d.publicKey), styles: manifestBallotStyles(manifest), styleOfEntity };
      cryptoEnvironment(setup);
      watch.stored.ballotSetup = setup;
      watch.stored.configuration = [];
    } catch (err) {
      this.report(anomaly('election-setup', 'anomaly.electionSetup', { index: e.position, detail: (err as Error).message }, e.position));
    }
  }

  private env(watch: Watch): CryptoEnvironment | undefined {
    if (!watch.stored.ballotSetup) return undefined;
    watch.env ??= cryptoEnvironment(watch.stored.ballotSetup);
    return watch.env;
  }

  private cast(e: PublicEventEntry, electionId: string, watch: Watch): void {
    this.ballots++;
    const index = e.position;
    if (!this.env(watch)) {
      this.report(anomaly('ballot-without-election', 'anomaly.ballotWithoutElection', { index }, index));
      return;
    }
    const { pseudonym, trackingCode, styleId } = castEventFacts(e);
    const voter = digest(pseudonym);
    // The voter is on the roll and votes their entity's ballot style (record.md V13).
    const entity = watch.stored.roll?.[voter];
    if (entity === undefined) this.report(anomaly('not-on-roll', 'anomaly.notOnRoll', { index, pseudonym }, index));
    else {
      const entitled = watch.stored.ballotSetup?.styleOfEntity?.[entity];
      if (entitled !== styleId) this.report(anomaly('wrong-style', 'anomaly.wrongStyle', { index, pseudonym, style: styleId, entitled: String(entitled) }, index));
    }
    if (watch.voted.has(voter)) this.report(anomaly('second-ballot', 'anomaly.secondBallot', { index, pseudonym }, index));
    watch.voted.add(voter);
    this.trackingCode(watch, trackingCode, index);
    for (const detail of castEventProblems(e, electionId)) this.report(anomaly('ballot-invalid', 'anomaly.ballotInvalid', { index, code: trackingCode, detail }, index));
    this.credential(e, watch, trackingCode);
    this.pending.push({ entry: e, watch });
    if (this.pending.length >= BALLOT_BATCH) this.flush();
  }

  /** A spoiled ballot (record.md V18): version 3, its own stream, no voter named, and it opens from its disclosure. */
  private spoil(e: PublicEventEntry, electionId: string, watch: Watch): void {
    this.spoiled++;
    const index = e.position;
    const env = this.env(watch);
    if (!env) {
      this.report(anomaly('ballot-without-election', 'anomaly.ballotWithoutElection', { index }, index));
      return;
    }
    const d = e.data as { ballot?: { trackingCode?: unknown }; disclosure?: { selections?: unknown; nonces?: unknown } };
    const code = String(d.ballot?.trackingCode);
    const problems: string[] = [];
    if (e.version !== 3) problems.push(`version ${e.version}; only version 3 is accepted`);
    if (e.stream !== `spoiled-${electionId}-${code}` || e.revision !== 0) problems.push(`on ${e.stream}, revision ${e.revision}: it must be revision 0 of spoiled-<election>-<its tracking code>`);
    if (e.actor !== SPOILED_BALLOT_ACTOR) problems.push(`appended by ${String(e.actor)}, not ${SPOILED_BALLOT_ACTOR}`);
    const [verdict] = auditSpoiledBallots(env, [{ format: SPOILED_BALLOT_FORMAT, ballot: d.ballot, selections: d.disclosure?.selections, nonces: d.disclosure?.nonces }]);
    if (verdict && !verdict.ok) problems.push(describe(verdict.failures));
    for (const detail of problems) this.report(anomaly('spoiled-invalid', 'anomaly.spoiledInvalid', { index, code, detail }, index));
    this.trackingCode(watch, code, index);
  }

  /** A chunk of the roll's public entries: removals, then additions (record.md V10). */
  private rollChunk(e: PublicEventEntry, watch: Watch): void {
    const d = e.data as { added?: { pseudonym?: unknown; entity?: unknown }[]; removed?: unknown[] };
    const roll = (watch.stored.roll ??= {});
    for (const p of Array.isArray(d.removed) ? d.removed : []) delete roll[digest(String(p))];
    for (const a of Array.isArray(d.added) ? d.added : []) roll[digest(String(a?.pseudonym))] = String(a?.entity);
  }

  /** The list's credentials (its signature, hash and count are urna verify's V19, over the whole list). */
  private listCredentials(e: PublicEventEntry, watch: Watch): void {
    const { credentials } = e.data as { credentials?: unknown };
    if (Array.isArray(credentials)) for (const c of credentials) watch.listed.add(digest(String(c)));
  }

  /** A replacement revokes an active listed credential and lists one never listed (record.md V19). */
  private replaceCredential(e: PublicEventEntry, watch: Watch): void {
    const d = e.data as { revoked?: unknown; replacement?: unknown };
    const revoked = digest(String(d.revoked));
    const replacement = digest(String(d.replacement));
    if (!watch.listed.has(revoked) || watch.revoked.has(revoked)) {
      this.report(anomaly('credential-replacement', 'anomaly.credentialReplacement', { index: e.position, credential: String(d.revoked) }, e.position));
    }
    if (watch.listed.has(replacement)) this.report(anomaly('credential-replacement', 'anomaly.credentialRelisted', { index: e.position, credential: String(d.replacement) }, e.position));
    watch.revoked.add(revoked);
    watch.listed.add(replacement);
  }

  /** A ballot is signed by a listed credential, never a revoked one, one ballot per credential (record.md V19). */
  private credential(e: PublicEventEntry, watch: Watch, code: string): void {
    const index = e.position;
    if (e.version !== 3) {
      this.report(anomaly('ballot-invalid', 'anomaly.ballotInvalid', { index, code, detail: `BallotCast version ${e.version}: only version 3 carries the voter's credential and signature` }, index));
      return;
    }
    const credential = String((e.data as { credential?: unknown }).credential);
    const key = digest(credential);
    if (!watch.listed.has(key)) this.report(anomaly('credential-not-listed', 'anomaly.credentialNotListed', { index, credential }, index));
    else if (watch.revoked.has(key)) this.report(anomaly('credential-revoked', 'anomaly.credentialRevoked', { index, credential }, index));
    if (watch.used.has(key)) this.report(anomaly('credential-second-ballot', 'anomaly.credentialSecondBallot', { index, credential }, index));
    watch.used.add(key);
  }

  /** A tracking code is one ballot's: cast once, or spoiled once, never both. */
  private trackingCode(watch: Watch, code: string, index: number): void {
    const key = digest(code);
    if (watch.codes.has(key)) this.report(anomaly('tracking-code-repeated', 'anomaly.trackingCodeRepeated', { index, code }, index));
    watch.codes.add(key);
  }
}
