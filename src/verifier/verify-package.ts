/**
 * `urna verify --package <preservation-folder> [--vkey <log verifier key>] [--public-only] [--json]`
 * Checks a preservation package (docs/spec/documents.md §5.5, checks P1–P7): the signed
 * manifest, that its signer is the transparency log's published key, every listed artefact's
 * size and SHA-256 (acta copies and the sealed confidential file included), every file present
 * listed and every listed file present, the confidential part sealed to the recipient the
 * manifest names, and the acta copies cut from the acta. It needs no private key: the sealed
 * file is checked as ciphertext.
 * --public-only: the folder is the public part only (parties, the public): a confidential
 * artefact may be absent; when present it is checked like any other.
 * Exit status: 0 every check passed, 1 some check failed, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile } from '../documents/artefact-files';
import { canonicalDocumentJson, sha256Hex } from '../documents/canonical-json';
import { deliverableCopies } from '../documents/deliverable-copies';
import { isSafeArtefactName, verifySignedManifest, type PreservationManifest } from '../documents/preservation-manifest';
import type { TallyRecord } from '../documents/tally-record';
import { canonicalJson } from '../domain/shared/canonical-json';
import { openCheckpoint } from '../ledger/checkpoint/checkpoint-format';
import { formatVerifierKey, parseVerifierKey, type NoteVerifierKey } from '../ledger/checkpoint/signed-note';
import { withNodeSignatureCheck } from '../ledger/checkpoint/node-note-verifier';
import { toBase64 } from '../ledger/merkle/encoding';
import { PackageFiles } from '../preservation/acta-and-preservation';
import { SEALED_CHUNK_BYTES, SEALED_HEADER_BYTES, SEALED_TAG_BYTES, readSealedHeader } from '../preservation/sealed-file';
import { RecordFiles } from '../record/record-format';
import { joinBoth, messagesOf } from '../messages/catalog';
import { verifierMessages } from '../messages/verifier.messages';
import { either } from './verify-arguments';

const m = messagesOf(verifierMessages);

/** The package checks, numbered like the record's (V1–V18): P1–P7, in the order they run; each
 * one's title is "check.<id>" in the verifier's catalog (src/messages/verifier.messages.ts). */
const CHECKS = [
  { number: 'P1', id: 'package.manifest' },
  { number: 'P2', id: 'package.signer' },
  { number: 'P3', id: 'package.signature' },
  { number: 'P4', id: 'package.artefacts' },
  { number: 'P5', id: 'package.unlisted' },
  { number: 'P6', id: 'package.confidential' },
  { number: 'P7', id: 'package.acta-copies' },
] as const;

/** The package checks with their titles in both languages. */
export const PACKAGE_CHECKS = CHECKS.map((c) => ({ ...c, ...m.pair(`check.${c.id}`) }));

export type PackageCheckId = (typeof PACKAGE_CHECKS)[number]['id'];

export interface PackageCheckResult {
  number: string;
  id: PackageCheckId;
  es: string;
  en: string;
  status: 'pass' | 'fail' | 'skipped';
  summary: string;
  problems: string[];
}

export interface PackageVerification {
  ok: boolean;
  results: PackageCheckResult[];
}

export interface VerifyPackageOptions {
  /** The log's verifier key, pinned out of band (`--vkey`). */
  vkey?: string;
  /** The folder holds the public part only: confidential artefacts may be absent. */
  publicOnly?: boolean;
  onResult?: (r: PackageCheckResult) => void;
}

const byId = new Map<string, (typeof PACKAGE_CHECKS)[number]>(PACKAGE_CHECKS.map((c) => [c.id, c]));

/** Every entry under `dir` that is not a folder (files, links, anything else), relative with "/", sorted. */
function presentEntries(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...presentEntries(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

const attempt = <T>(f: () => T): { ok: true; value: T } | { ok: false; error: string } => {
  try {
    return { ok: true, value: f() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
};

export async function verifyPackage(dir: string, options: VerifyPackageOptions = {}): Promise<PackageVerification> {
  const results: PackageCheckResult[] = [];
  const record = (r: PackageCheckResult) => {
    results.push(r);
    options.onResult?.(r);
  };
  const run = async (id: PackageCheckId, body: (problems: string[]) => Promise<string> | string) => {
    const problems: string[] = [];
    let summary = '';
    try {
      summary = await body(problems);
    } catch (err) {
      problems.push(`error: ${(err as Error).message}`);
    }
    record({ ...byId.get(id)!, status: problems.length ? 'fail' : 'pass', summary, problems });
  };
  const skip = (id: PackageCheckId, why: string) => record({ ...byId.get(id)!, status: 'skipped', summary: why, problems: [] });
  const path = (name: string) => join(dir, ...name.split('/'));
  const present = presentEntries(dir);
  const presentSet = new Set(present);
  const readText = async (name: string) => (presentSet.has(name) ? readFile(path(name), 'utf8') : undefined);

  // P1. The manifest file: canonical JSON + 0x0A, format 2, every rule of documents.md §5.
  let manifest: PreservationManifest | undefined;
  let signedValue: unknown;
  await run('package.manifest', async (problems) => {
    const text = await readText(PackageFiles.manifest);
    if (text === undefined) throw new Error(`${PackageFiles.manifest} is missing`);
    signedValue = JSON.parse(text);
    const verified = verifySignedManifest(signedValue);
    if (!verified.ok && verified.code === 'MALFORMED') throw new Error(verified.reason);
    manifest = (signedValue as { manifest: PreservationManifest }).manifest;
    if (text !== `${canonicalDocumentJson(signedValue)}\n`) problems.push(`${PackageFiles.manifest} is not the canonical JSON of {manifest, signature} followed by one 0x0A`);
    const names = new Set(manifest.artefacts.map((a) => a.name));
    if (names.has(PackageFiles.manifest)) problems.push('the manifest lists itself');
    const confidential = manifest.artefacts.filter((a) => a.access === 'confidential').length;
    return `${manifest.electionId}: ${manifest.artefacts.length} artefacts (${manifest.artefacts.length - confidential} public, ${confidential} confidential), signed ${manifest.signedAt}`;
  });
  if (!manifest) {
    for (const c of PACKAGE_CHECKS.slice(1)) skip(c.id, 'the manifest could not be read (P1)');
    return { ok: false, results };
  }
  const m = manifest;

  // P2. The signer is the log key: --vkey when given, and the record's own copy; the checkpoints
  // the package carries (manifest, acta, opening report) are signed by that key.
  await run('package.signer', async (problems) => {
    const given = options.vkey?.trim();
    const recordKeyName = `${PackageFiles.record}/${RecordFiles.logKey}`;
    const recordKeyText = (await readText(recordKeyName))?.trim();
    const recordIndex = attempt(() => JSON.parse(presentSet.has(`${PackageFiles.record}/${RecordFiles.index}`) ? readFileSync(path(`${PackageFiles.record}/${RecordFiles.index}`), 'utf8') : 'null') as { logVerifierKey?: string } | null);
    let key: NoteVerifierKey;
    let source: string;
    if (given) {
      key = withNodeSignatureCheck(parseVerifierKey(given));
      source = 'given with --vkey';
      if (recordKeyText !== undefined && recordKeyText !== given) problems.push(`${recordKeyName} holds another key than the one given with --vkey`);
    } else {
      if (recordKeyText === undefined) throw new Error(`no --vkey given and ${recordKeyName} is missing: nothing names the log key`);
      key = withNodeSignatureCheck(parseVerifierKey(recordKeyText));
      source = `trusted from ${recordKeyName} inside the package: compare it with the key printed in the opening report and the acta, or pin it with --vkey`;
    }
    if (recordIndex.ok && recordIndex.value && recordKeyText !== undefined && recordIndex.value.logVerifierKey !== recordKeyText) {
      problems.push(`${PackageFiles.record}/${RecordFiles.index} logVerifierKey differs from ${recordKeyName}`);
    }
    const keyHex = Buffer.from(key.publicKey).toString('hex');
    if (m.signer.publicKey !== keyHex) problems.push(`the manifest is signed by ${m.signer.publicKey}, not by the log key ${keyHex}`);
    const checkpointBy = (where: string, cp: { size?: unknown; rootHash?: unknown; note?: unknown } | undefined) => {
      if (!cp || typeof cp.note !== 'string') return problems.push(`${where}: no checkpoint note`);
      const opened = attempt(() => openCheckpoint(cp.note as string, key));
      if (!opened.ok) return problems.push(`${where}: ${opened.error}`);
      if (opened.value.size !== cp.size || toBase64(opened.value.rootHash) !== cp.rootHash) problems.push(`${where}: size or root differ from the signed note`);
    };
    checkpointBy('the manifest\'s finalCheckpoint', m.finalCheckpoint);
    // The acta and the opening report quote checkpoints of the log, and print its key (`log`).
    for (const [name, member] of [[PackageFiles.acta, 'closingCheckpoint'], [PackageFiles.openingReport, 'openingCheckpoint']] as const) {
      const text = await readText(name);
      if (text === undefined) continue;
      const parsed = attempt(() => JSON.parse(text) as Record<string, unknown> & { log?: { verifierKey?: unknown } });
      if (!parsed.ok) {
        problems.push(`${name}: ${parsed.error}`);
        continue;
      }
      checkpointBy(`${name} ${member}`, parsed.value[member] as { note?: string } | undefined);
      const printed = parsed.value.log?.verifierKey;
      if (printed !== undefined && printed !== formatVerifierKey(key.name, key.publicKey)) problems.push(`${name} prints another log key: ${String(printed)}`);
    }
    return `${formatVerifierKey(key.name, key.publicKey)} (${source})`;
  });

  // P3. The Ed25519 signature over the canonical bytes of `manifest`.
  await run('package.signature', (problems) => {
    const verified = verifySignedManifest(signedValue);
    if (!verified.ok) {
      problems.push(verified.reason);
      return '';
    }
    return `manifest hash ${verified.manifestHash}`;
  });

  // P4. Every listed artefact is there with its size and SHA-256.
  let notReceived = 0;
  await run('package.artefacts', async (problems) => {
    for (const a of m.artefacts) {
      if (!isSafeArtefactName(a.name)) {
        problems.push(`${a.name}: not a safe relative path`);
        continue;
      }
      if (!presentSet.has(a.name)) {
        if (options.publicOnly && a.access === 'confidential') notReceived++;
        else problems.push(`${a.name}: listed but missing`);
        continue;
      }
      const info = await stat(path(a.name)).catch(() => undefined);
      if (!info?.isFile()) {
        problems.push(`${a.name}: not a regular file`);
        continue;
      }
      if (info.size !== a.bytes) {
        problems.push(`${a.name}: ${info.size} bytes, the manifest says ${a.bytes}`);
        continue;
      }
      const { sha256 } = await hashFile(path(a.name));
      if (sha256 !== a.sha256) problems.push(`${a.name}: SHA-256 ${sha256}, the manifest says ${a.sha256}`);
    }
    const copies = m.artefacts.filter((a) => a.name.startsWith(`${PackageFiles.actaCopies}/`)).length;
    return `${m.artefacts.length - notReceived} files hashed (${copies} acta copies)${notReceived ? `; ${notReceived} confidential not received (--public-only)` : ''}`;
  });

  // P5. Every file present is listed (the manifest file itself excepted).
  await run('package.unlisted', (problems) => {
    const listed = new Set(m.artefacts.map((a) => a.name));
    for (const name of present) if (name !== PackageFiles.manifest && !listed.has(name)) problems.push(`${name}: present but not listed in the manifest`);
    return `${present.length} files present`;
  });

  // P6. Confidential artefacts: under confidencial/, sealed (urna.sealed/1) to the recipient named.
  await run('package.confidential', async (problems) => {
    const confidential = m.artefacts.filter((a) => a.access === 'confidential');
    for (const a of m.artefacts) {
      const inFolder = a.name.startsWith('confidencial/');
      if (inFolder && a.access !== 'confidential') problems.push(`${a.name}: in confidencial/ but listed as public`);
      if (!inFolder && a.access === 'confidential') problems.push(`${a.name}: confidential but outside confidencial/`);
    }
    const fingerprints = new Set<string>();
    for (const a of confidential) {
      fingerprints.add(a.encryption!.recipient.fingerprint);
      if (!presentSet.has(a.name)) continue; // P4 says whether that is allowed
      const bytes = await readFile(path(a.name));
      const header = attempt(() => readSealedHeader(bytes));
      if (!header.ok) {
        problems.push(`${a.name}: ${header.error}`);
        continue;
      }
      if (Buffer.from(header.value.recipient).toString('hex') !== a.encryption!.recipient.publicKey) problems.push(`${a.name}: sealed to another key than the recipient the manifest names`);
      if (sha256Hex(header.value.recipient) !== a.encryption!.recipient.fingerprint) problems.push(`${a.name}: the header's recipient key does not have the fingerprint the manifest names`);
      const structure = sealedLengthProblem(bytes.length);
      if (structure) problems.push(`${a.name}: ${structure}`);
    }
    return confidential.length === 0 ? 'no confidential artefact' : `${confidential.length} sealed to ${[...fingerprints].join(', ')}`;
  });

  // P7. The acta in the package is the record's, and each copy is cut from it (numeral 38).
  await run('package.acta-copies', async (problems) => {
    const acta = await readText(PackageFiles.acta);
    if (acta === undefined) throw new Error(`${PackageFiles.acta} is missing`);
    const inRecord = await readText(`${PackageFiles.record}/${RecordFiles.acta}`);
    if (inRecord === undefined) problems.push(`${PackageFiles.record}/${RecordFiles.acta} is missing`);
    else if (inRecord !== acta) problems.push(`${PackageFiles.acta} differs from ${PackageFiles.record}/${RecordFiles.acta}`);
    const index = await readText(`${PackageFiles.record}/${RecordFiles.index}`);
    if (index !== undefined) {
      const parsed = attempt(() => JSON.parse(index) as { electionId?: string });
      if (parsed.ok && parsed.value.electionId !== m.electionId) problems.push(`the record is of election ${String(parsed.value.electionId)}, the manifest of ${m.electionId}`);
    }
    const original = JSON.parse(acta) as TallyRecord;
    if (original.electionId !== m.electionId) problems.push(`the acta is of election ${original.electionId}, the manifest of ${m.electionId}`);
    const expected = new Map(deliverableCopies(original).map((c) => [`${PackageFiles.actaCopies}/${c.name}.json`, `${canonicalJson(c.record)}\n`]));
    const found = present.filter((n) => n.startsWith(`${PackageFiles.actaCopies}/`) && n.endsWith('.json'));
    for (const [name, text] of expected) {
      const actual = await readText(name);
      if (actual === undefined) problems.push(`${name}: missing`);
      else if (actual !== text) problems.push(`${name}: not the copy cut from ${PackageFiles.acta}`);
    }
    for (const name of found) if (!expected.has(name)) problems.push(`${name}: not a copy the acta calls for`);
    return `acta ${sha256Hex(acta.endsWith('\n') ? acta.slice(0, -1) : acta)}, ${expected.size} copies`;
  });

  return { ok: results.every((r) => r.status !== 'fail'), results };
}

/** Whether a sealed file's length fits urna.sealed/1's chunking (header, full chunks, one last
 * chunk of 1–65 536 plaintext bytes, or a lone empty one); undefined when it does. */
export function sealedLengthProblem(length: number): string | undefined {
  const sealedChunk = SEALED_CHUNK_BYTES + SEALED_TAG_BYTES;
  const rest = length - SEALED_HEADER_BYTES;
  if (rest < SEALED_TAG_BYTES) return 'shorter than a header and one chunk';
  const full = Math.ceil(rest / sealedChunk) - 1;
  const last = rest - full * sealedChunk;
  if (last === SEALED_TAG_BYTES && full > 0) return 'ends in an empty chunk after other chunks';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The command line: `urna verify --package …` (src/verifier/urna-verify.ts hands over to
// packageMain when --package is present).

export const PACKAGE_USAGE = `${m.both('usage')}: urna verify --package <${either(m.pair('usage.packageFolder'))}> [--vkey <${either(m.pair('usage.logKey'))}>] [--public-only] [--json]`;


const mark = (r: PackageCheckResult) => (r.status === 'pass' ? 'OK   ' : r.status === 'fail' ? 'FALLA' : 'omit ');

/** `urna verify --package …`: 2 at once for a usage error, else the verification's exit status. */
export function packageMain(argv: string[]): number | Promise<number> {
  const cmd = new Command('urna verify')
    .option('--package <folder>')
    .option('--vkey <key>')
    .option('--public-only', '', false)
    .option('--json', '', false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  try {
    cmd.parse(argv[0] === 'verify' ? argv.slice(1) : argv, { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    process.stderr.write(`${err.code === 'commander.excessArguments' ? m.both('args.packageExcess') : err.message}\n${PACKAGE_USAGE}\n`);
    return 2;
  }
  const o = cmd.opts<{ package?: string; vkey?: string; publicOnly: boolean; json: boolean }>();
  if (!o.package || !existsSync(o.package) || !statSync(o.package).isDirectory()) {
    process.stderr.write(`${PACKAGE_USAGE}\n`);
    return 2;
  }
  return runPackage(o.package, o);
}

async function runPackage(dir: string, o: { vkey?: string; publicOnly: boolean; json: boolean }): Promise<number> {
  const verification = await verifyPackage(dir, {
    vkey: o.vkey,
    publicOnly: o.publicOnly,
    onResult: (r) => process.stderr.write(`[${mark(r)}] ${r.number} ${r.id} — ${r.summary}\n`),
  });
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ ok: verification.ok, package: dir, checks: verification.results }, null, 2)}\n`);
  } else {
    const lines = ['', m.both('package.title'), ''];
    for (const r of verification.results) {
      lines.push(`${mark(r)}  ${r.number.padEnd(4)} ${r.id.padEnd(22)} ${joinBoth(r)}: ${r.summary}`);
      for (const p of r.problems.slice(0, 20)) lines.push(`         - ${p}`);
      if (r.problems.length > 20) lines.push(`         … ${r.problems.length - 20} ${m.both('problems.more')}`);
    }
    const failed = verification.results.filter((r) => r.status === 'fail');
    lines.push('', verification.ok
      ? m.both('package.verified', { checks: verification.results.length })
      : m.both('package.notVerified', { failed: failed.map((r) => r.number) }), '');
    process.stdout.write(lines.join('\n'));
  }
  return verification.ok ? 0 : 1;
}
