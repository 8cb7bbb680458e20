/**
 * Artefact files on disk: hashing them into manifest entries, and re-hashing a preservation
 * folder against a manifest to report every file that is missing, changed or not listed.
 * Files are streamed, so a multi-gigabyte ballot box export does not have to fit in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DocumentError } from './document-types';
import { isSafeArtefactName, type Artefact, type ArtefactInput, type ArtefactKind } from './preservation-manifest';

export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Every regular file under `folder`, as "/"-separated relative paths in sorted order. */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Hashes every file under `folder` into manifest entries; `kindOf` classifies each path. */
export async function collectArtefacts(folder: string, kindOf: (name: string) => ArtefactKind): Promise<ArtefactInput[]> {
  const artefacts: ArtefactInput[] = [];
  for (const name of await listFiles(folder)) {
    const { sha256, bytes } = await hashFile(join(folder, ...name.split('/')));
    artefacts.push({ name, kind: kindOf(name), sha256, bytes });
  }
  return artefacts;
}

export type ArtefactProblem =
  | { name: string; problem: 'missing' }
  | { name: string; problem: 'size'; expectedBytes: number; actualBytes: number }
  | { name: string; problem: 'hash'; expectedSha256: string; actualSha256: string };

export interface ArtefactCheck {
  ok: boolean;
  /** Listed artefacts that are absent or differ from the manifest. */
  mismatches: ArtefactProblem[];
  /** Files in the folder that the manifest does not list (reported, not a failure by themselves:
   * the signed manifest file itself usually sits in the folder). */
  unlisted: string[];
}

/** Re-hashes the manifest's artefacts under `folder` and reports every difference. */
export async function checkArtefactFiles(folder: string, manifest: { artefacts: Pick<Artefact, 'name' | 'sha256' | 'bytes'>[] }): Promise<ArtefactCheck> {
  const mismatches: ArtefactProblem[] = [];
  const present = new Set(await listFiles(folder));
  for (const a of manifest.artefacts) {
    // A manifest is untrusted input: never let a name reach outside the folder.
    if (!isSafeArtefactName(a.name)) throw new DocumentError('INVALID_ARTEFACT_NAME', `artefact name "${a.name}" is not a safe relative path`);
    if (!present.has(a.name)) {
      mismatches.push({ name: a.name, problem: 'missing' });
      continue;
    }
    const path = join(folder, ...a.name.split('/'));
    const size = (await stat(path)).size;
    if (size !== a.bytes) {
      mismatches.push({ name: a.name, problem: 'size', expectedBytes: a.bytes, actualBytes: size });
      continue;
    }
    const { sha256 } = await hashFile(path);
    if (sha256 !== a.sha256) mismatches.push({ name: a.name, problem: 'hash', expectedSha256: a.sha256, actualSha256: sha256 });
  }
  const listed = new Set(manifest.artefacts.map((a) => a.name));
  const unlisted = [...present].filter((n) => !listed.has(n));
  return { ok: mismatches.length === 0, mismatches, unlisted };
}
