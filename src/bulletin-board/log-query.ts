/** Strict parsing of /log query parameters: decimal integers only, no signs, no spaces. */
import { HASH_SIZE } from '../ledger/merkle/hash';
import { fromBase64, fromHex } from '../ledger/merkle/encoding';
import { badRequest } from './log-http-errors';

export function requiredInteger(name: string, raw: unknown): number {
  if (raw === undefined || raw === '') throw badRequest(`query parameter "${name}" is required`, `falta el parámetro "${name}"`);
  return parseInteger(name, raw);
}

export function optionalInteger(name: string, raw: unknown): number | undefined {
  return raw === undefined ? undefined : parseInteger(name, raw);
}

function parseInteger(name: string, raw: unknown): number {
  if (typeof raw !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw badRequest(`"${name}" must be a non-negative integer, got ${JSON.stringify(raw)}`, `"${name}" debe ser un entero no negativo`);
  }
  return Number(raw);
}

/** A 32-byte hash as 64 hex digits or base64 (standard or URL-safe; '+' may arrive as a space). */
export function parseHashParam(name: string, raw: unknown): Uint8Array {
  if (typeof raw !== 'string') throw badRequest(`"${name}" must be a hash`, `"${name}" debe ser un hash`);
  let bytes: Uint8Array | undefined;
  try {
    if (/^[0-9a-fA-F]{64}$/.test(raw)) bytes = fromHex(raw);
    else {
      let b64 = raw.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
      while (b64.length % 4 !== 0) b64 += '=';
      bytes = fromBase64(b64);
    }
  } catch {
    bytes = undefined;
  }
  if (!bytes || bytes.length !== HASH_SIZE) {
    throw badRequest(`"${name}" must be a SHA-256 hash (64 hex digits or base64 of 32 bytes)`, `"${name}" debe ser un hash SHA-256 (64 dígitos hex o base64 de 32 bytes)`);
  }
  return bytes;
}
