/**
 * Building blocks shared by the official documents (opening report, acta de cómputo,
 * preservation manifest). Plain data, self-contained: the application maps its domain
 * results onto these shapes; nothing here depends on the ledger, the log or the crypto code.
 * Field names are the JSON names (docs/spec/documents.md).
 */
import { text } from '../messages/catalog';
import { documentMessages } from '../messages/documents.messages';

/** The electoral process a document belongs to. */
export interface ProcessRef {
  /** e.g. "simulacro-2024". */
  id: string;
  /** As written in the configuration manual. */
  name: string;
}

/** A federal entity by INEGI code ("01".."32"). */
export interface EntityRef {
  code: string;
  name: string;
}

/** Where a contest is voted: the whole country (e.g. Presidencia) or one entity. */
export type ContestEntity = EntityRef | 'national';

export type Scope = 'federal' | 'local';

/** A checkpoint of the transparency log, exactly as the log published it. */
export interface LogCheckpoint {
  /** Number of leaves (tree size). */
  size: number;
  /** Root hash as the checkpoint prints it (base64 in a C2SP checkpoint). */
  rootHash: string;
  /** The whole signed note text (C2SP signed-note), signature lines included. */
  note: string;
}

/** The transparency log's identity, printed on the opening report and the acta so that anyone
 * can pin it out of band (`urna verify --vkey`): its origin line and its C2SP verifier key. */
export interface LogKeyRef {
  /** Checkpoint origin = key name, e.g. "urna.example/log". */
  origin: string;
  /** `<origin>+<key ID hex>+<base64(0x01 ‖ Ed25519 public key)>` (docs/spec/log.md §4). */
  verifierKey: string;
}

export function requireLogKey(k: LogKeyRef, field: string): void {
  requireText(k.origin, `${field}.origin`);
  requireText(k.verifierKey, `${field}.verifierKey`);
  if (!/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/.test(k.verifierKey) || !k.verifierKey.startsWith(`${k.origin}+`)) {
    throw new DocumentError('INVALID_LOG_KEY', `${field}.verifierKey must be the verifier key of origin "${k.origin}", got "${k.verifierKey}"`);
  }
}

export function copyLogKey(k: LogKeyRef): LogKeyRef {
  return { origin: k.origin, verifierKey: k.verifierKey };
}

/** A person who took part in an act and signs its document. */
export interface Official {
  name: string;
  /** Role in Spanish, as printed, e.g. "Notario público núm. 12", "Representante de MC". */
  role: string;
  /** The same role in English, printed as a subtitle when given. */
  roleEn?: string;
}

/** A document that cannot be issued because its input breaks a rule; `code` is stable. */
export class DocumentError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'DocumentError';
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const HEX = /^(?:[0-9a-f]{2})+$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

export function requireSha256Hex(value: string, field: string): void {
  if (!SHA256_HEX.test(value)) throw new DocumentError('INVALID_HASH', `${field} must be 64 lowercase hex digits (SHA-256), got "${value}"`);
}

export function requireHex(value: string, field: string): void {
  if (!HEX.test(value)) throw new DocumentError('INVALID_HEX', `${field} must be lowercase hex with an even number of digits`);
}

export function requireInstant(value: string, field: string): void {
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw new DocumentError('INVALID_INSTANT', `${field} must be an RFC 3339 instant with a UTC offset, got "${value}"`);
  }
}

export function requireCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new DocumentError('INVALID_COUNT', `${field} must be a non-negative integer, got ${String(value)}`);
}

export function requireText(value: string, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new DocumentError('MISSING_TEXT', `${field} must not be empty`);
}

export function requireCheckpoint(cp: LogCheckpoint, field: string): void {
  requireCount(cp.size, `${field}.size`);
  requireText(cp.rootHash, `${field}.rootHash`);
  requireText(cp.note, `${field}.note`);
}

export function entityLabel(entity: ContestEntity): string {
  return entity === 'national' ? text(documentMessages, 'entity.national', 'es') : `${entity.code} ${entity.name}`;
}

export function copyEntity(entity: ContestEntity): ContestEntity {
  return entity === 'national' ? 'national' : { code: entity.code, name: entity.name };
}

export function copyCheckpoint(cp: LogCheckpoint): LogCheckpoint {
  return { size: cp.size, rootHash: cp.rootHash, note: cp.note };
}

export function copyOfficial(o: Official): Official {
  return o.roleEn === undefined ? { name: o.name, role: o.role } : { name: o.name, role: o.role, roleEn: o.roleEn };
}

export function requireEntity(entity: ContestEntity, field: string): void {
  if (entity === 'national') return;
  if (!/^\d{2}$/.test(entity.code)) throw new DocumentError('INVALID_ENTITY', `${field}.code must be a two-digit INEGI code, got "${entity.code}"`);
  requireText(entity.name, `${field}.name`);
}
