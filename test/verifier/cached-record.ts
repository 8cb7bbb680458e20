/**
 * One small tallied election record (6 voters, 3 of them audit a ballot first, an acta; the
 * first voter marks every contest null and the second non-registered, so every kind of total
 * is non-zero),
 * built on PostgreSQL and SoftHSM once and then kept on disk, for the specs that mutate a
 * record in memory and run `urna verify` on it many times (record-mutations.pg.spec.ts, and
 * every mutant of the verifier under StrykerJS).
 *
 * The copy is keyed by a hash of the code that builds a record: everything under src/ except
 * src/verifier/, the test support that drives the election, and this file. A change to the
 * verifier (or a mutant of it) reuses the record; a change to what produces records builds a
 * new one. The log's signing key is kept with it (a throwaway test key), so that a spec can
 * play the log operator who re-signs the history after rewriting it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readRecordFolder, type RecordInput } from '../../src/verifier/record-input';

export interface CachedRecord {
  /** The record as the verifier reads it from its folder. */
  input: RecordInput;
  electionId: string;
  /** The log's verifier key line (what --vkey takes). */
  vkey: string;
  /** The log's private key line (SoftwareNoteSigner.encodePrivateKey): whoever holds it can re-sign the log. */
  logPrivateKey: string;
  logOrigin: string;
  /** Where the cached copy lives. */
  dir: string;
}

const ROOT = join(__dirname, '..', '..');
/** What builds a record, besides src/ (minus the verifier). */
const BUILDER_SOURCES = ['test/support', 'test/hsm/softhsm-fixture.ts', 'test/domain/configuration/small-manual.ts', 'test/domain/crypto/ceremony/simulate-ceremony.ts', 'test/verifier/cached-record.ts', 'package-lock.json'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** SHA-256 over the paths and bytes of every source that goes into building the record. */
export function recordSourcesHash(): string {
  const files = [...filesUnder(join(ROOT, 'src')).filter((f) => !relative(ROOT, f).startsWith('src/verifier/')), ...BUILDER_SOURCES.flatMap((p) => filesUnder(join(ROOT, p)))]
    .map((f) => relative(ROOT, f).split('\\').join('/'))
    .sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(readFileSync(join(ROOT, f))).update('\0');
  return h.digest('hex');
}

function load(dir: string): CachedRecord {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Omit<CachedRecord, 'input' | 'dir'>;
  return { ...meta, input: readRecordFolder(join(dir, 'record')), dir };
}

let cacheDir: string | undefined;
/** The folder of this source tree's cached record (and of memoized-crypto.ts's answers). */
export function recordCacheDir(): string {
  cacheDir ??= join(tmpdir(), `urna-verifier-record-${recordSourcesHash().slice(0, 24)}`);
  return cacheDir;
}

/** The cached record, built first if this source tree has none (needs DATABASE_URL and SoftHSM then). */
export async function cachedRecord(): Promise<CachedRecord> {
  const dir = recordCacheDir();
  if (existsSync(join(dir, 'meta.json'))) return load(dir);
  if (!process.env.DATABASE_URL) throw new Error(`no cached record at ${dir} and no DATABASE_URL to build one (run under scripts/with-postgres.ts)`);
  // Built beside the final folder and renamed into place, so a reader never sees half a record.
  const building = mkdtempSync(join(tmpdir(), 'urna-verifier-record-building-'));
  try {
    const meta = await build(join(building, 'record'));
    writeFileSync(join(building, 'meta.json'), `${JSON.stringify(meta)}\n`);
    try {
      renameSync(building, dir);
    } catch (err) {
      if (!existsSync(join(dir, 'meta.json'))) throw err; // another process built it first: use theirs
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return load(dir);
}

async function build(outDir: string): Promise<Omit<CachedRecord, 'input' | 'dir'>> {
  // Loaded only when building: the record's users need neither PostgreSQL nor SoftHSM.
  const { talliedElection } = await import('../support/tallied-election');
  const { buildActa } = await import('../../src/preservation/acta-and-preservation');
  const { canonicalDocumentJson, sha256Hex } = await import('../../src/documents/canonical-json');
  const { RecordActaCommand } = await import('../../src/tally/tally.commands');
  const { exportRecord } = await import('../../src/record/export-record');
  const { formatVerifierKey } = await import('../../src/ledger/checkpoint/signed-note');
  mkdirSync(outDir, { recursive: true });
  const fixture = await talliedElection('mutrec', { voters: 6, spoiled: 3, markedKinds: ['null', 'non-registered'], quoteClosingCheckpoint: true });
  try {
    const { tlog, election, commands } = fixture;
    const vkey = formatVerifierKey(tlog.signer.name, tlog.signer.publicKey);
    const acta = { ...(await buildActa(fixture.store, election.electionId, tlog.checkpoints, new Date().toISOString())), log: { origin: tlog.signer.name, verifierKey: vkey } };
    const actaJson = canonicalDocumentJson(acta);
    await commands.execute(new RecordActaCommand(election.electionId, { type: 'RecordActa', electionId: election.electionId, jsonSha256: sha256Hex(actaJson), now: new Date().toISOString() }, { actor: 'system:tally' }));
    await tlog.sync();
    await exportRecord({
      store: fixture.store, log: tlog.log, checkpoints: tlog.checkpoints, logPublicKey: tlog.signer.publicKey, electionId: election.electionId,
      outDir, actaJson: `${actaJson}\n`, tar: false,
    });
    // encodePrivateKey is private to the signer (production never exports a key); this throwaway test key is kept on purpose.
    const logPrivateKey = (tlog.signer as unknown as { encodePrivateKey(): string }).encodePrivateKey();
    return { electionId: election.electionId, vkey, logPrivateKey, logOrigin: tlog.signer.name };
  } finally {
    await fixture.dispose();
  }
}
