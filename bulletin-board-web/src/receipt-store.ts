/**
 * The voter's receipt as the booth hands it over and the board reads it back: one format, shared
 * by both pages (the booth may import this module to save what it shows).
 *
 * The file the booth offers for download is this JSON (UTF-8, any key order):
 *   { "trackingCode": 64 hex digits, "readableTrackingCode": "XXXX-XXXX-XXXX-XXXX",
 *     "logIndex": the ballot's position in the log, "leafHash": base64 (optional),
 *     "checkpoint": the signed checkpoint note covering that position, exactly as signed,
 *     "checkpointSize": its tree size, "electionId": the election (optional),
 *     "savedAt": ISO instant (optional) }
 *
 * In the browser, receipts are kept under the localStorage key `urna.receipts.v1` as a JSON
 * array of these objects (newest first, at most MAX_KEPT, one per tracking code). The board
 * checks every kept receipt when the voter comes back: inclusion in the newest signed tree and
 * consistency from the receipt's checkpoint. Nothing secret is in a receipt: the tracking code
 * names an encrypted ballot that is public anyway; the voter may delete it (forgetReceipt).
 */
export const RECEIPTS_KEY = 'urna.receipts.v1';
export const MAX_KEPT = 10;

export interface StoredReceipt {
  trackingCode: string;
  readableTrackingCode?: string;
  logIndex?: number;
  leafHash?: string;
  checkpoint?: string;
  checkpointSize?: number;
  electionId?: string;
  savedAt?: string;
}

export class ReceiptFormatError extends Error {
  constructor(readonly code: 'not_json' | 'no_tracking_code' | 'bad_field', message: string) {
    super(message);
    this.name = 'ReceiptFormatError';
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const READABLE = /^[0-9A-Za-z]{4}(-?[0-9A-Za-z]{4}){3}$/;

/** Reads a receipt object, keeping only well-formed fields (a file may come from anywhere). */
export function receiptFromObject(value: unknown): StoredReceipt {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ReceiptFormatError('not_json', 'a receipt is a JSON object');
  const v = value as Record<string, unknown>;
  const code = typeof v.trackingCode === 'string' ? v.trackingCode.trim().toLowerCase() : '';
  if (!HEX64.test(code)) throw new ReceiptFormatError('no_tracking_code', 'the receipt has no 64-hex-digit trackingCode');
  const r: StoredReceipt = { trackingCode: code };
  if (typeof v.readableTrackingCode === 'string' && READABLE.test(v.readableTrackingCode.trim())) r.readableTrackingCode = v.readableTrackingCode.trim().toUpperCase();
  if (Number.isSafeInteger(v.logIndex) && (v.logIndex as number) >= 0) r.logIndex = v.logIndex as number;
  if (typeof v.leafHash === 'string' && v.leafHash.length <= 100) r.leafHash = v.leafHash;
  if (typeof v.checkpoint === 'string') {
    if (v.checkpoint.length > 10_000) throw new ReceiptFormatError('bad_field', 'the receipt checkpoint is too long');
    r.checkpoint = v.checkpoint.replace(/\r\n/g, '\n');
  }
  if (Number.isSafeInteger(v.checkpointSize) && (v.checkpointSize as number) >= 0) r.checkpointSize = v.checkpointSize as number;
  if (typeof v.electionId === 'string' && v.electionId.length <= 200) r.electionId = v.electionId;
  if (typeof v.savedAt === 'string' && !Number.isNaN(Date.parse(v.savedAt))) r.savedAt = v.savedAt;
  return r;
}

/** What a voter pasted or loaded: the receipt file (JSON), or a bare checkpoint note. */
export function parseReceiptText(text: string): { receipt?: StoredReceipt; note?: string } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return {};
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new ReceiptFormatError('not_json', 'the receipt file is not valid JSON');
    }
    const receipt = receiptFromObject(parsed);
    return { receipt, note: receipt.checkpoint };
  }
  return { note: text.replace(/\r\n/g, '\n') };
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled (private mode, a policy)
  }
}

/** The receipts kept in this browser, newest first; anything malformed is skipped. */
export function loadReceipts(): StoredReceipt[] {
  const raw = storage()?.getItem(RECEIPTS_KEY);
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    const out: StoredReceipt[] = [];
    for (const item of list) {
      try {
        out.push(receiptFromObject(item));
      } catch {
        // skip
      }
    }
    return out;
  } catch {
    return [];
  }
}

/** Keeps `receipt` (replacing an older one with the same tracking code). False when storage is off. */
export function saveReceipt(receipt: StoredReceipt): boolean {
  const s = storage();
  if (!s) return false;
  const clean = receiptFromObject(receipt);
  const rest = loadReceipts().filter((r) => r.trackingCode !== clean.trackingCode);
  try {
    s.setItem(RECEIPTS_KEY, JSON.stringify([{ ...clean, savedAt: clean.savedAt ?? new Date().toISOString() }, ...rest].slice(0, MAX_KEPT)));
    return true;
  } catch {
    return false;
  }
}

export function forgetReceipt(trackingCode: string): void {
  const s = storage();
  if (!s) return;
  const rest = loadReceipts().filter((r) => r.trackingCode !== trackingCode);
  if (rest.length) s.setItem(RECEIPTS_KEY, JSON.stringify(rest));
  else s.removeItem(RECEIPTS_KEY);
}
