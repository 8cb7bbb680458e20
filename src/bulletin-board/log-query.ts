/** Strict parsing of /log query parameters: decimal integers only, no signs, no spaces. */
import { HASH_SIZE } from '../ledger/merkle/hash';
import { fromBase64, fromHex } from '../ledger/merkle/encoding';
import { messagesOf } from '../messages/catalog';
import { logApiMessages } from '../messages/log-api.messages';
import { badRequest } from './log-http-errors';

const m = messagesOf(logApiMessages);

export function requiredInteger(name: string, raw: unknown): number {
  if (raw === undefined || raw === '') throw badRequest(m.pair('param.required', { name }));
  return parseInteger(name, raw);
}

export function optionalInteger(name: string, raw: unknown): number | undefined {
  return raw === undefined ? undefined : parseInteger(name, raw);
}

function parseInteger(name: string, raw: unknown): number {
  if (typeof raw !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw badRequest(m.pair('param.integer', { name, raw: (JSON.stringify(raw) ?? String(raw)).slice(0, 40) }));
  }
  return Number(raw);
}

/** A 32-byte hash as 64 hex digits or base64 (standard or URL-safe; '+' may arrive as a space). */
export function parseHashParam(name: string, raw: unknown): Uint8Array {
  if (typeof raw !== 'string') throw badRequest(m.pair('param.hash', { name }));
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
  if (!bytes || bytes.length !== HASH_SIZE) throw badRequest(m.pair('param.hash', { name }));
  return bytes;
}
