/**
 * A witness's folder (docs/spec/log.md §8.2):
 *   witness.key            PRIVATE+KEY+<name>+<key ID>+base64(0x04 || seed), mode 0600
 *   witness.vkey           its public key (cosignature/v1 vkey), for the electoral authority
 *   state/<h>.json         per origin, h = hex SHA-256(origin): the latest checkpoint cosigned
 *   evidence/<h>-<ms>.json fork evidence (both signed views and the proof)
 * State files are replaced atomically (temporary file, fsync, rename, fsync of the folder), so
 * a crash leaves the old state or the new one, never a torn file and never a rollback.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COSIGNATURE_V1_TYPE, cosignatureKeyId, formatCosignerKey } from '../ledger/checkpoint/cosignature';
import { assertKeyName, keyIdHex } from '../ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../ledger/checkpoint/software-note-signer';
import { fromBase64, toBase64 } from '../ledger/merkle/encoding';
import { messagesOf } from '../messages/catalog';
import { witnessMessages } from '../messages/witness.messages';
import { writeFileAtomically } from '../shared/write-file-atomically';
import type { ForkEvidence, WitnessState } from './witness-decision';

const m = messagesOf(witnessMessages);

export class WitnessSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessSetupError';
  }
}

export const keyPath = (dir: string) => join(dir, 'witness.key');

/** Creates the witness key in `dir`; refuses to overwrite one. Returns its vkey. */
export function initWitness(dir: string, name: string): { vkey: string; keyFile: string } {
  assertKeyName(name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const seed = new Uint8Array(randomBytes(32));
  const signer = new SoftwareNoteSigner(name, seed);
  const material = new Uint8Array(33);
  material[0] = COSIGNATURE_V1_TYPE;
  material.set(seed, 1);
  const line = `PRIVATE+KEY+${name}+${keyIdHex(cosignatureKeyId(name, signer.publicKey))}+${toBase64(material)}\n`;
  try {
    writeFileSync(keyPath(dir), line, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new WitnessSetupError(m.both('error.keyExists', { path: keyPath(dir) }));
    throw err;
  }
  const vkey = formatCosignerKey(name, signer.publicKey);
  writeFileSync(join(dir, 'witness.vkey'), `${vkey}\n`);
  return { vkey, keyFile: keyPath(dir) };
}

/** The witness's signer from its key file (mode must be 0600 or narrower). */
export function loadWitnessSigner(dir: string): SoftwareNoteSigner {
  const path = keyPath(dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    throw new WitnessSetupError(m.both('error.noKey', { dir }));
  }
  if ((statSync(path).mode & 0o077) !== 0) throw new WitnessSetupError(m.both('error.keyReadable', { path }));
  const mt = /^PRIVATE\+KEY\+([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text);
  if (!mt) throw new WitnessSetupError(m.both('error.badKeyFile', { path }));
  const material = fromBase64(mt[3]);
  if (material.length !== 33 || material[0] !== COSIGNATURE_V1_TYPE) throw new WitnessSetupError(m.both('error.badKeyFile', { path }));
  const signer = new SoftwareNoteSigner(mt[1], material.slice(1));
  if (keyIdHex(cosignatureKeyId(signer.name, signer.publicKey)) !== mt[2]) throw new WitnessSetupError(m.both('error.badKeyFile', { path }));
  return signer;
}

const originHash = (origin: string) => createHash('sha256').update(origin, 'utf8').digest('hex');
export const statePath = (dir: string, origin: string) => join(dir, 'state', `${originHash(origin)}.json`);

export function readState(dir: string, origin: string): WitnessState | undefined {
  let text: string;
  try {
    text = readFileSync(statePath(dir, origin), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const state = JSON.parse(text) as WitnessState;
  // A state file for another origin under this name would be a corrupted folder: stop, do not guess.
  if (state.origin !== origin) throw new WitnessSetupError(`state file ${statePath(dir, origin)} is for "${state.origin}"`);
  return state;
}

export function writeState(dir: string, state: WitnessState): void {
  const final = statePath(dir, state.origin);
  writeFileAtomically(final, `${JSON.stringify(state, null, 2)}\n`);
}

/** Saves the evidence of a fork; returns the file's path. Never overwrites an earlier file. */
export function saveEvidence(dir: string, evidence: ForkEvidence): string {
  const folder = join(dir, 'evidence');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, `${originHash(evidence.origin).slice(0, 16)}-${Date.now()}-${randomBytes(3).toString('hex')}.json`);
  writeFileAtomically(path, `${JSON.stringify(evidence, null, 2)}\n`);
  return path;
}

