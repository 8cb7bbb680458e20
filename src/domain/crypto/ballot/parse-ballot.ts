import { group } from '../active-group';
import type { ElectionContext } from '../election-context';
import { InvalidEncodingError, GroupElement } from '../group';
import { toHex } from '../hash';
import { decodeScalar } from '../scalar';
import type { BallotStyle, BallotStyles } from './ballot-style';
import { BALLOT_FORMAT, EncryptedBallotJson, RETIRED_BALLOT_FORMATS } from './ballot-format';
import type { BallotFailure } from './verification-result';

/**
 * Turns untrusted input (parsed JSON from anywhere) into decoded group elements and scalars,
 * or into a list of failures. Never throws on bad input: every problem becomes a
 * BallotFailure naming the check and the JSON path.
 */
export interface ParsedOption {
  readonly alpha: GroupElement;
  readonly beta: GroupElement;
  readonly a0: GroupElement;
  readonly b0: GroupElement;
  readonly a1: GroupElement;
  readonly b1: GroupElement;
  readonly bytes: { readonly alpha: Uint8Array; readonly beta: Uint8Array; readonly a0: Uint8Array; readonly b0: Uint8Array; readonly a1: Uint8Array; readonly b1: Uint8Array };
  readonly c0: bigint;
  readonly c1: bigint;
  readonly v0: bigint;
  readonly v1: bigint;
}

export interface ParsedContest {
  readonly contestId: string;
  readonly options: readonly ParsedOption[];
  readonly sum: { readonly a: GroupElement; readonly b: GroupElement; readonly aBytes: Uint8Array; readonly bBytes: Uint8Array; readonly v: bigint };
}

export interface ParsedBallot {
  readonly json: EncryptedBallotJson;
  readonly style: BallotStyle;
  readonly baseHash: Uint8Array;
  readonly voterBinding: Uint8Array;
  readonly contests: readonly ParsedContest[];
}

export type ParseResult =
  | { readonly ok: true; readonly parsed: ParsedBallot }
  | { readonly ok: false; readonly failures: BallotFailure[] };

/** Bounds on strings so hostile input cannot make us hash megabytes. */
export const MAX_ID_LENGTH = 256;

const BALLOT_MEMBERS = ['baseHash', 'contests', 'format', 'styleId', 'trackingCode', 'voterBinding'];
const CONTEST_MEMBERS = ['contestId', 'options', 'sumProof'];
const OPTION_MEMBERS = ['alpha', 'beta', 'optionId', 'proof'];
const OPTION_PROOF_MEMBERS = ['a0', 'a1', 'b0', 'b1', 'c0', 'c1', 'v0', 'v1'];
const SUM_PROOF_MEMBERS = ['a', 'b', 'v'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether v's own enumerable members are exactly `members` (no sort: keys are distinct, so
 * as many keys as members, each one of them, is the same set). */
function hasExactly(v: Record<string, unknown>, members: readonly string[]): boolean {
  const keys = Object.keys(v);
  if (keys.length !== members.length) return false;
  for (let i = 0; i < keys.length; i++) if (!members.includes(keys[i])) return false;
  return true;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;

/**
 * Turns a 32-byte encoding into an element, throwing InvalidEncodingError when it is not one.
 * By default the active group's decode. The native batch verifier (src/native-verification)
 * passes one that keeps the bytes and decodes every point of a batch at once in C, where a
 * point that does not decode fails its ballot (which is then verified again here, with the
 * group's decode, to name the failure).
 */
export type ElementDecoder = (bytes: Uint8Array) => GroupElement;

/** The value of a lowercase hexadecimal digit's character code, −1 for any other character. */
const nibble = (code: number): number => (code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1);

/** The byte of two lowercase hexadecimal digits' character codes (first << 7 | second), −1 for any other pair. */
const HEX_PAIR = (() => {
  const table = new Int16Array(1 << 14).fill(-1);
  for (let h = 0; h < 128; h++) for (let l = 0; l < 128; l++) if (nibble(h) >= 0 && nibble(l) >= 0) table[(h << 7) | l] = (nibble(h) << 4) | nibble(l);
  return table;
})();

class Decoder {
  readonly failures: BallotFailure[] = [];
  constructor(private readonly decodeElement: ElementDecoder, private readonly contest?: string, private readonly option?: number) {}

  /** `field` + `suffix` is the JSON path; it is joined only when a failure names it. */
  fail(check: BallotFailure['check'], field: string, reason: string, suffix = ''): void {
    this.failures.push({ check, field: field + suffix, reason, ...(this.contest !== undefined ? { contest: this.contest } : {}), ...(this.option !== undefined ? { option: this.option } : {}) });
  }

  bytes(value: unknown, field: string, suffix = ''): Uint8Array | undefined {
    // One pass over the character codes checks and decodes (no regular expression, slices or
    // parseInt), one table look-up per pair of digits: a ballot has hundreds of these fields.
    if (typeof value !== 'string' || value.length !== 64) {
      this.fail('encoding', field, 'expected 64 lowercase hexadecimal digits (32 bytes)', suffix);
      return undefined;
    }
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) {
      const high = value.charCodeAt(2 * i);
      const low = value.charCodeAt(2 * i + 1);
      const byte = (high | low) < 128 ? HEX_PAIR[(high << 7) | low] : -1;
      if (byte < 0) {
        this.fail('encoding', field, 'expected 64 lowercase hexadecimal digits (32 bytes)', suffix);
        return undefined;
      }
      out[i] = byte;
    }
    return out;
  }

  element(value: unknown, field: string, suffix = ''): { e: GroupElement; b: Uint8Array } | undefined {
    const b = this.bytes(value, field, suffix);
    if (!b) return undefined;
    try {
      return { e: this.decodeElement(b), b };
    } catch (err) {
      this.fail('encoding', field, err instanceof InvalidEncodingError ? err.message : 'not a group element', suffix);
      return undefined;
    }
  }

  scalar(value: unknown, field: string, suffix = ''): bigint | undefined {
    const b = this.bytes(value, field, suffix);
    if (!b) return undefined;
    try {
      return decodeScalar(b);
    } catch (err) {
      this.fail('encoding', field, err instanceof InvalidEncodingError ? err.message : 'not a scalar', suffix);
      return undefined;
    }
  }
}

export function parseBallot(input: unknown, context: ElectionContext, styles: BallotStyles, decodeElement: ElementDecoder = group.decode): ParseResult {
  const top = new Decoder(decodeElement);
  const structureFail = (field: string, reason: string): ParseResult => {
    top.fail('structure', field, reason);
    return { ok: false, failures: top.failures };
  };
  if (!isObject(input)) return structureFail('', 'a ballot is a JSON object');
  if (!hasExactly(input, BALLOT_MEMBERS)) return structureFail('', `a ballot has exactly the members ${BALLOT_MEMBERS.join(', ')}`);
  if (typeof input.format === 'string' && RETIRED_BALLOT_FORMATS.includes(input.format)) {
    return structureFail('format', `format ${input.format} is retired: its ballots carry no voter signature; ballots are "${BALLOT_FORMAT}"`);
  }
  if (input.format !== BALLOT_FORMAT) return structureFail('format', `format must be "${BALLOT_FORMAT}"`);
  if (!isId(input.styleId)) return structureFail('styleId', `styleId must be a string of 1 to ${MAX_ID_LENGTH} characters`);
  if (!Array.isArray(input.contests)) return structureFail('contests', 'contests must be an array');
  if (typeof input.trackingCode !== 'string') return structureFail('trackingCode', 'trackingCode must be a string');

  const style = styles.get(input.styleId);
  if (!style) {
    top.fail('style', 'styleId', `unknown ballot style ${JSON.stringify(input.styleId)}`);
    return { ok: false, failures: top.failures };
  }
  const baseHash = top.bytes(input.baseHash, 'baseHash');
  const voterBindingBytes = top.bytes(input.voterBinding, 'voterBinding');
  if (baseHash && toHex(baseHash) !== toHex(context.baseHash)) top.fail('base-hash', 'baseHash', 'the ballot was made for another election or election key');
  top.bytes(input.trackingCode, 'trackingCode');

  const contestsIn = input.contests as unknown[];
  if (contestsIn.length !== style.contests.length) {
    top.fail('style', 'contests', `style ${style.id} has ${style.contests.length} contests, the ballot ${contestsIn.length}`);
    return { ok: false, failures: top.failures };
  }

  const contests: ParsedContest[] = [];
  const failures = top.failures;
  style.contests.forEach((styleContest, ci) => {
    const path = `contests[${ci}]`;
    const c = contestsIn[ci];
    const d = new Decoder(decodeElement, styleContest.id);
    if (!isObject(c) || !hasExactly(c, CONTEST_MEMBERS) || !Array.isArray(c.options) || !isObject(c.sumProof) || !hasExactly(c.sumProof, SUM_PROOF_MEMBERS)) {
      d.fail('structure', path, `a contest has exactly the members ${CONTEST_MEMBERS.join(', ')}; sumProof has ${SUM_PROOF_MEMBERS.join(', ')}`);
      failures.push(...d.failures);
      return;
    }
    if (c.contestId !== styleContest.id) {
      d.fail('style', `${path}.contestId`, `contest ${ci} of style ${style.id} is ${styleContest.id}, not ${JSON.stringify(c.contestId)}`);
    }
    const optionsIn = c.options as unknown[];
    if (optionsIn.length !== styleContest.optionIds.length) {
      d.fail('style', `${path}.options`, `contest ${styleContest.id} has ${styleContest.optionIds.length} options, the ballot ${optionsIn.length}`);
      failures.push(...d.failures);
      return;
    }
    const options: ParsedOption[] = [];
    optionsIn.forEach((o, oi) => {
      const op = `${path}.options[${oi}]`;
      const od = new Decoder(decodeElement, styleContest.id, oi);
      if (!optionShapeOk(o)) {
          od.fail('structure', op, `an option has exactly the members ${OPTION_MEMBERS.join(', ')}; proof has ${OPTION_PROOF_MEMBERS.join(', ')}`);
        failures.push(...od.failures);
        return;
      }
      const opt = o as Record<string, unknown> & { proof: Record<string, unknown> };
      if (opt.optionId !== styleContest.optionIds[oi]) {
        od.fail('style', `${op}.optionId`, `option ${oi} of contest ${styleContest.id} is ${styleContest.optionIds[oi]}, not ${JSON.stringify(opt.optionId)}`);
      }
      // Field paths are joined only for a failure (hundreds of fields per ballot).
      const alpha = od.element(opt.alpha, op, '.alpha');
      // α = identity means nonce 0: β = m·G would publish the choice in clear.
      // The identity's only canonical encoding is 32 zero bytes (RFC 9496), so the bytes decide.
      if (alpha && isZero(alpha.b)) od.fail('degenerate-ciphertext', op, 'α is the identity (nonce 0): the ciphertext would show its plaintext', '.alpha');
      const beta = od.element(opt.beta, op, '.beta');
      const a0 = od.element(opt.proof.a0, op, '.proof.a0');
      const b0 = od.element(opt.proof.b0, op, '.proof.b0');
      const a1 = od.element(opt.proof.a1, op, '.proof.a1');
      const b1 = od.element(opt.proof.b1, op, '.proof.b1');
      const c0 = od.scalar(opt.proof.c0, op, '.proof.c0');
      const c1 = od.scalar(opt.proof.c1, op, '.proof.c1');
      const v0 = od.scalar(opt.proof.v0, op, '.proof.v0');
      const v1 = od.scalar(opt.proof.v1, op, '.proof.v1');
      failures.push(...od.failures);
      if (alpha && beta && a0 && b0 && a1 && b1 && c0 !== undefined && c1 !== undefined && v0 !== undefined && v1 !== undefined) {
        options.push({
          alpha: alpha.e, beta: beta.e, a0: a0.e, b0: b0.e, a1: a1.e, b1: b1.e,
          bytes: { alpha: alpha.b, beta: beta.b, a0: a0.b, b0: b0.b, a1: a1.b, b1: b1.b },
          c0, c1, v0, v1,
        });
      }
    });
    const sp = c.sumProof as Record<string, unknown>;
    const a = d.element(sp.a, `${path}.sumProof.a`);
    const b = d.element(sp.b, `${path}.sumProof.b`);
    const v = d.scalar(sp.v, `${path}.sumProof.v`);
    failures.push(...d.failures);
    if (a && b && v !== undefined) contests.push({ contestId: styleContest.id, options, sum: { a: a.e, b: b.e, aBytes: a.b, bBytes: b.b, v } });
  });

  if (failures.length > 0) return { ok: false, failures };
  return { ok: true, parsed: { json: input as unknown as EncryptedBallotJson, style, baseHash: baseHash!, voterBinding: voterBindingBytes!, contests } };
}

function isZero(b: Uint8Array): boolean {
  let acc = 0;
  for (let i = 0; i < b.length; i++) acc |= b[i];
  return acc === 0;
}

function optionShapeOk(o: unknown): boolean {
  return isObject(o) && hasExactly(o, OPTION_MEMBERS) && isObject(o.proof) && hasExactly(o.proof, OPTION_PROOF_MEMBERS);
}
