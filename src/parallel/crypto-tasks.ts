/**
 * The CPU-bound election checks, as plain functions over plain data, so they run the same in
 * the calling thread (URNA_WORKERS=0/1) and in a worker thread (crypto-worker.ts).
 *
 * Ballot chunks return, besides each ballot's verdict, the homomorphic sums of the chunk's
 * valid ballots per contest and option. Verification decodes every ciphertext once; adding
 * them there means the caller adds one ciphertext per option per chunk, never per ballot, and
 * decodes nothing per ballot (decoding, not adding, is the expensive part).
 */
import { group } from '../domain/crypto/active-group';
import type { BallotStyle, BallotStyles } from '../domain/crypto/ballot/ballot-style';
import { auditSpoiledBallot, type SpoiledBallotFailure } from '../domain/crypto/ballot/benaloh';
import { ballotStyles } from '../domain/crypto/ballot/ballot-style';
import type { BallotFailure } from '../domain/crypto/ballot/verification-result';
import { verifyBallots, type VerifyOptions } from '../domain/crypto/ballot/verify-ballot';
import { addCiphertexts, type Ciphertext } from '../domain/crypto/elgamal';
import { electionContext, type ElectionContext } from '../domain/crypto/election-context';
import { fromHex, toHex } from '../domain/crypto/hash';
import { verifyTallyResult } from '../domain/crypto/tally/decrypt-tally';
import { decryptionScope, type DecryptionScope } from '../domain/crypto/tally/decryption-scope';
import { verifyPartialDecryption } from '../domain/crypto/tally/partial-decryption';
import type { HexCiphertext } from '../domain/crypto/tally/tally-wire';
import { parseBallotLine, type ParsedBallotLine } from '../domain/tally/ballot-box-totals';
import { decodeVerificationKeys } from '../domain/tally/decide';
import { verifyBallotsNative } from '../native-verification/batch-verifier';
import { groupBackendFromEnv, type GroupBackendName } from './group-backend';
import { loadDecafAddon, type DecafAddon } from './native-decaf';

const decodeCiphertext = (c: HexCiphertext): Ciphertext => ({ alpha: group.decode(fromHex(c.alpha, 32)), beta: group.decode(fromHex(c.beta, 32)) });

/** What every worker is set up with (structured-clonable). */
export interface CryptoSetup {
  manifestHash: string;
  publicKey: string;
  styles: BallotStyle[];
  /** Trustee index → verification key (hex), for partial decryption checks. */
  verificationKeys?: Record<string, string>;
  threshold?: number;
  /** The group implementation worker threads compute with (group-backend.ts); default noble.
   * The calling thread keeps the one its process started with. */
  groupBackend?: GroupBackendName;
}

/** The decoded form of a set-up, built once per thread. */
export interface CryptoEnvironment {
  context: ElectionContext;
  styles: BallotStyles;
  verificationKeys: Map<number, ReturnType<typeof group.decode>>;
  threshold: number;
  /** libdecaf's batch verification of ballots, when the set-up's backend is decaf-native: in
   * worker threads and in the calling thread alike (URNA_WORKERS=0/1), whatever group the
   * calling thread computes with otherwise. */
  native?: { addon: DecafAddon; publicKey: Uint8Array };
}

export function cryptoEnvironment(setup: CryptoSetup): CryptoEnvironment {
  return {
    context: electionContext(fromHex(setup.manifestHash, 32), group.decode(fromHex(setup.publicKey, 32))),
    styles: ballotStyles(setup.styles),
    verificationKeys: setup.verificationKeys ? decodeVerificationKeys(setup.verificationKeys) : new Map(),
    threshold: setup.threshold ?? 0,
    ...((setup.groupBackend ?? groupBackendFromEnv()) === 'decaf-native' ? { native: { addon: loadDecafAddon(), publicKey: fromHex(setup.publicKey, 32) } } : {}),
  };
}

/** A ballot's verdict without its ciphertexts (those are in the chunk's sums). */
export type BallotVerdict =
  | { readonly ok: true; readonly trackingCode: string; readonly styleId: string; readonly voterBinding: string; readonly contestIds: readonly string[] }
  | { readonly ok: false; readonly failures: readonly BallotFailure[] };

/** contestId → per-option sums of the chunk's valid ballots. */
export type ContestSums<C> = Map<string, C[]>;

export interface BallotChunkOutcome<C> {
  verdicts: BallotVerdict[];
  sums: ContestSums<C>;
}

/** Ballots of one chunk are verified in MSM batches of this size (as before: one MSM per 16). */
export const MSM_BATCH = 16;

/** Ballots verified at once by the native batch verifier (larger batches amortize the MSM's
 * buckets; bisection finds a bad ballot among 64 in 13 checks). */
export const NATIVE_BATCH = 64;

export function verifyBallotChunk(env: CryptoEnvironment, ballots: readonly unknown[], options: readonly VerifyOptions[] = []): BallotChunkOutcome<Ciphertext> {
  if (env.native) {
    const out = verifyBallotChunkNative(env, ballots, options);
    return { verdicts: out.verdicts, sums: decodeSums(out.sums) };
  }
  const verdicts: BallotVerdict[] = [];
  const sums: ContestSums<Ciphertext> = new Map();
  for (let i = 0; i < ballots.length; i += MSM_BATCH) {
    const results = verifyBallots(ballots.slice(i, i + MSM_BATCH), env.context, env.styles, options.slice(i, i + MSM_BATCH));
    for (const r of results) {
      if (!r.ok) {
        verdicts.push({ ok: false, failures: r.failures });
        continue;
      }
      const b = r.ballot;
      for (const c of b.contests) {
        const acc = sums.get(c.contestId);
        if (!acc) sums.set(c.contestId, [...c.ciphertexts]);
        else c.ciphertexts.forEach((ct, k) => (acc[k] = addCiphertexts(acc[k], ct)));
      }
      verdicts.push({ ok: true, trackingCode: b.trackingCode, styleId: b.styleId, voterBinding: b.voterBinding, contestIds: b.contests.map((c) => c.contestId) });
    }
  }
  return { verdicts, sums };
}

/** verifyBallotChunk on libdecaf: the sums come out encoded, added in C. */
export function verifyBallotChunkNative(env: CryptoEnvironment, ballots: readonly unknown[], options: readonly VerifyOptions[] = []): BallotChunkOutcome<HexCiphertext> {
  const { addon, publicKey } = env.native ?? { addon: loadDecafAddon(), publicKey: group.encode(env.context.publicKey) };
  const verdicts: BallotVerdict[] = [];
  const encoded: ContestSums<{ alpha: Uint8Array; beta: Uint8Array }> = new Map();
  for (let i = 0; i < ballots.length; i += NATIVE_BATCH) {
    const out = verifyBallotsNative(ballots.slice(i, i + NATIVE_BATCH), env.context, publicKey, env.styles, options.slice(i, i + NATIVE_BATCH), addon);
    verdicts.push(...out.results);
    // A chunk of more than one batch (most are: up to 256 ballots, batches of 64): each batch's
    // sums are added to the chunk's in C, on the encodings, and written as hex once at the end.
    for (const [id, cts] of out.sums) {
      const acc = encoded.get(id);
      if (!acc) encoded.set(id, cts);
      else cts.forEach((ct, k) => (acc[k] = { alpha: addon.add(acc[k].alpha, ct.alpha), beta: addon.add(acc[k].beta, ct.beta) }));
    }
  }
  const sums: ContestSums<HexCiphertext> = new Map();
  for (const [id, cts] of encoded) sums.set(id, cts.map((c) => ({ alpha: toHex(c.alpha), beta: toHex(c.beta) })));
  return { verdicts, sums };
}

/** One ballot-box line as a worker read it: a format problem, or its tracking code and verdict. */
export type LineVerdict =
  | { readonly ok: false; readonly problem: 'not-json' | 'not-canonical' }
  | { readonly ok: true; readonly trackingCode: string; readonly verdict: BallotVerdict };

export interface LineChunkOutcome<C> {
  lines: LineVerdict[];
  sums: ContestSums<C>;
}

/**
 * verifyBallotChunk over ballot-box lines (canonical JSON text) instead of ballot objects: the
 * worker parses them (and, with `canonical`, checks each is the canonical JSON of what it
 * parses to), so the calling thread neither parses 30 kB ballots nor structured-clones them;
 * a string crosses to a worker as one copy. Lines with a format problem are not verified.
 */
export function verifyBallotLineChunk<C>(
  lines: readonly string[], options: readonly VerifyOptions[], canonical: boolean,
  verify: (ballots: unknown[], options: VerifyOptions[]) => BallotChunkOutcome<C>,
): LineChunkOutcome<C> {
  const parsed: ParsedBallotLine[] = lines.map((line) => parseBallotLine(line, canonical));
  const ballots: unknown[] = [];
  const kept: VerifyOptions[] = [];
  parsed.forEach((p, i) => {
    if (!p.ok) return;
    ballots.push(p.ballot);
    kept.push(options[i] ?? {});
  });
  const out = verify(ballots, kept);
  let k = 0;
  return { lines: parsed.map((p): LineVerdict => (p.ok ? { ok: true, trackingCode: p.trackingCode, verdict: out.verdicts[k++] } : p)), sums: out.sums };
}

const encodeCiphertext = (c: Ciphertext): HexCiphertext => ({ alpha: toHex(group.encode(c.alpha)), beta: toHex(group.encode(c.beta)) });

export const encodeSums = (sums: ContestSums<Ciphertext>): ContestSums<HexCiphertext> =>
  new Map([...sums].map(([id, cts]) => [id, cts.map(encodeCiphertext)]));

export const decodeSums = (sums: ContestSums<HexCiphertext>): ContestSums<Ciphertext> =>
  new Map([...sums].map(([id, cts]) => [id, cts.map((c) => decodeCiphertext(c))]));

/** What the checker expects a proof to be bound to: the box hash recorded at closing (hex) and
 * the contest's ballot count (crypto-ceremony-tally.md §4.3). */
export interface ScopeItem {
  ballotBoxHash: string;
  ballots: number;
}

/** The scope, or undefined when the checker's own inputs are malformed (a forged log's count). */
function scopeOf(env: CryptoEnvironment, it: ScopeItem): DecryptionScope | undefined {
  try {
    return decryptionScope(env.context, it.ballotBoxHash, it.ballots);
  } catch {
    return undefined;
  }
}
const badScope = (it: ScopeItem) => ({ check: 'partial-decryption.scope', reason: `no ballot box hash and ballot count to check against (${JSON.stringify(it.ballotBoxHash)}, ${JSON.stringify(it.ballots)})` });

/** One partial decryption to check: an option's recorded total and a trustee's posted value. */
export interface PartialCheckItem extends ScopeItem {
  optionId: string;
  total: HexCiphertext;
  partial: unknown;
}

export type PartialCheckVerdict = { ok: true } | { ok: false; check: string; reason: string };

export function verifyPartials(env: CryptoEnvironment, items: readonly PartialCheckItem[]): PartialCheckVerdict[] {
  return items.map((it) => {
    const scope = scopeOf(env, it);
    if (!scope) return { ok: false, ...badScope(it) };
    const r = verifyPartialDecryption(scope, it.optionId, decodeCiphertext(it.total), env.verificationKeys, it.partial);
    return r.ok ? { ok: true } : { ok: false, check: r.failure.check, reason: r.failure.reason };
  });
}

/** One contest's published result to check against the recomputed totals (undefined: none). */
export interface TallyResultItem extends ScopeItem {
  totals?: { optionId: string; ciphertext: HexCiphertext }[];
  result: unknown;
}

export type TallyResultFailure = { check: string; reason: string; trustee?: number };

export function verifyTallyResults(env: CryptoEnvironment, items: readonly TallyResultItem[]): TallyResultFailure[][] {
  return items.map((it) => {
    const scope = scopeOf(env, it);
    if (!scope) return [badScope(it)];
    const totals = it.totals?.map((t) => ({ optionId: t.optionId, ciphertext: decodeCiphertext(t.ciphertext) }));
    const check = verifyTallyResult({ scope, threshold: env.threshold, verificationKeys: env.verificationKeys, totals, result: it.result });
    return check.failures.map((f) => ({ check: f.check, reason: f.reason, ...(f.trustee === undefined ? {} : { trustee: f.trustee }) }));
  });
}

/** A spoiled ballot's audit (docs/spec/crypto.md, "Benaloh challenge"), without its selections:
 * the tracking code of a ballot whose proofs verified. */
export type SpoiledVerdict = { ok: true; trackingCode: string } | { ok: false; failures: SpoiledBallotFailure[] };

/** Opens each spoiled ballot (`urna/spoiled-ballot/v2`: ballot, selections, nonces) from its disclosure. */
export function auditSpoiledBallots(env: CryptoEnvironment, items: readonly unknown[]): SpoiledVerdict[] {
  return items.map((item) => {
    const audit = auditSpoiledBallot(item, env.context, env.styles);
    return audit.ok ? { ok: true, trackingCode: audit.trackingCode } : { ok: false, failures: [...audit.failures] };
  });
}

/** The messages a crypto worker understands. */
export type CryptoTask =
  | { kind: 'ballots'; ballots: unknown[]; options: VerifyOptions[] }
  | { kind: 'ballot-lines'; lines: string[]; options: VerifyOptions[]; canonical: boolean }
  | { kind: 'partials'; items: PartialCheckItem[] }
  | { kind: 'tally-results'; items: TallyResultItem[] }
  | { kind: 'spoiled'; items: unknown[] };

export type CryptoTaskResult =
  | { kind: 'ballots'; verdicts: BallotVerdict[]; sums: ContestSums<HexCiphertext> }
  | { kind: 'ballot-lines'; lines: LineVerdict[]; sums: ContestSums<HexCiphertext> }
  | { kind: 'partials'; verdicts: PartialCheckVerdict[] }
  | { kind: 'tally-results'; failures: TallyResultFailure[][] }
  | { kind: 'spoiled'; verdicts: SpoiledVerdict[] };

export function runCryptoTask(env: CryptoEnvironment, task: CryptoTask): CryptoTaskResult {
  switch (task.kind) {
    case 'ballots': {
      if (env.native) return { kind: 'ballots', ...verifyBallotChunkNative(env, task.ballots, task.options) };
      const out = verifyBallotChunk(env, task.ballots, task.options);
      return { kind: 'ballots', verdicts: out.verdicts, sums: encodeSums(out.sums) };
    }
    case 'ballot-lines': {
      if (env.native) return { kind: 'ballot-lines', ...verifyBallotLineChunk(task.lines, task.options, task.canonical, (b, o) => verifyBallotChunkNative(env, b, o)) };
      const out = verifyBallotLineChunk(task.lines, task.options, task.canonical, (b, o) => verifyBallotChunk(env, b, o));
      return { kind: 'ballot-lines', lines: out.lines, sums: encodeSums(out.sums) };
    }
    case 'partials':
      return { kind: 'partials', verdicts: verifyPartials(env, task.items) };
    case 'tally-results':
      return { kind: 'tally-results', failures: verifyTallyResults(env, task.items) };
    case 'spoiled':
      return { kind: 'spoiled', verdicts: auditSpoiledBallots(env, task.items) };
  }
}
