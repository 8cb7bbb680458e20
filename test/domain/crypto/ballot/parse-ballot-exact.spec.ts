/**
 * The decoder of untrusted ballots (parse-ballot.ts), failure by failure: each structural rule
 * is broken once, at each level (ballot, contest, sum proof, option, option proof), by a
 * missing member, a trailing extra member, a renamed member and a value of the wrong type, and
 * the exact failure list is pinned: which check, which JSON path, which contest and option (and
 * none where there is none), and the reason an auditor reads.
 */
import { BALLOT_FORMAT, type EncryptedBallotJson } from '../../../../src/domain/crypto/ballot/ballot-format';
import { encryptBallot } from '../../../../src/domain/crypto/ballot/encrypt-ballot';
import { MAX_ID_LENGTH, parseBallot } from '../../../../src/domain/crypto/ballot/parse-ballot';
import { ballotStyles } from '../../../../src/domain/crypto/ballot/ballot-style';
import { group } from '../../../../src/domain/crypto/active-group';
import { toHex } from '../../../../src/domain/crypto/hash';
import { clone, context, credential, styleA, styles, tables } from './fixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const honest = encryptBallot({
  context, tables, style: styleA, credential, pseudonym: 'seudonimo-p', bindingNonce: '44'.repeat(32),
  selections: { presidencia: 'presidencia-opt0', senado: 'senado-opt1', diputacion: 'diputacion-opt0' },
}).ballot;
const edited = (edit: (b: Json) => void): Json => {
  const b = clone(honest) as unknown as Json;
  edit(b);
  return b;
};
const failuresOf = (input: unknown) => {
  const r = parseBallot(input, context, styles);
  if (r.ok) throw new Error('expected the ballot to be refused');
  return r.failures;
};
const renamed = (o: Json, from: string, to: string) => {
  o[to] = o[from];
  delete o[from];
};

const BALLOT = 'a ballot has exactly the members baseHash, contests, format, styleId, trackingCode, voterBinding';
const CONTEST = 'a contest has exactly the members contestId, options, sumProof; sumProof has a, b, v';
const OPTION = 'an option has exactly the members alpha, beta, optionId, proof; proof has a0, a1, b0, b1, c0, c1, v0, v1';
const HEX = 'expected 64 lowercase hexadecimal digits (32 bytes)';

describe('the honest ballot parses', () => {
  it('into its contests, options and sum proofs, in the style\'s order', () => {
    const r = parseBallot(honest, context, styles);
    if (!r.ok) throw new Error(JSON.stringify(r.failures));
    expect(r.parsed.style.id).toBe('style-A');
    expect(toHex(r.parsed.baseHash)).toBe(honest.baseHash);
    expect(toHex(r.parsed.voterBinding)).toBe(honest.voterBinding);
    expect(r.parsed.contests.map((c) => [c.contestId, c.options.length])).toEqual([['presidencia', 4], ['senado', 3], ['diputacion', 2]]);
    const o = r.parsed.contests[1].options[2];
    const j = honest.contests[1].options[2];
    expect([o.bytes.alpha, o.bytes.beta, o.bytes.a0, o.bytes.b0, o.bytes.a1, o.bytes.b1].map(toHex)).toEqual([j.alpha, j.beta, j.proof.a0, j.proof.b0, j.proof.a1, j.proof.b1]);
    expect(toHex(group.encode(o.alpha))).toBe(j.alpha);
    expect(toHex(r.parsed.contests[2].sum.aBytes)).toBe(honest.contests[2].sumProof.a);
    expect(toHex(r.parsed.contests[2].sum.bBytes)).toBe(honest.contests[2].sumProof.b);
  });
});

describe('the ballot object', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [honest]],
    ['a string', 'ballot'],
  ])('%s is not a ballot', (_, input) => {
    expect(failuresOf(input)).toStrictEqual([{ check: 'structure', field: '', reason: 'a ballot is a JSON object' }]);
  });
  it.each<[string, (b: Json) => void]>([
    ['a missing last member (voterBinding)', (b) => delete b.voterBinding],
    ['a missing first member (baseHash)', (b) => delete b.baseHash],
    ['a trailing extra member', (b) => { b.zzz = 1; }],
    ['a renamed member', (b) => renamed(b, 'format', 'formats')],
  ])('%s: the member list', (_, edit) => {
    expect(failuresOf(edited(edit))).toStrictEqual([{ check: 'structure', field: '', reason: BALLOT }]);
  });
  it('another format', () => {
    expect(failuresOf(edited((b) => { b.format = 'urna/ballot/v0'; }))).toStrictEqual([{ check: 'structure', field: 'format', reason: `format must be "${BALLOT_FORMAT}"` }]);
  });
  it.each<[string, unknown]>([['empty', ''], ['too long', 'x'.repeat(MAX_ID_LENGTH + 1)], ['a number', 7]])('a styleId %s', (_, styleId) => {
    expect(failuresOf(edited((b) => { b.styleId = styleId; }))).toStrictEqual([{ check: 'structure', field: 'styleId', reason: `styleId must be a string of 1 to ${MAX_ID_LENGTH} characters` }]);
  });
  it('a styleId of exactly the longest length is a well-formed id (then an unknown style)', () => {
    const long = 'x'.repeat(MAX_ID_LENGTH);
    expect(failuresOf(edited((b) => { b.styleId = long; }))).toStrictEqual([{ check: 'style', field: 'styleId', reason: `unknown ballot style "${long}"` }]);
    const withLong = ballotStyles([{ ...styleA, id: long }]);
    expect(parseBallot({ ...honest, styleId: long }, context, withLong).ok).toBe(true);
  });
  it('contests that are not an array', () => {
    expect(failuresOf(edited((b) => { b.contests = { 0: b.contests[0] }; }))).toStrictEqual([{ check: 'structure', field: 'contests', reason: 'contests must be an array' }]);
  });
  it('a tracking code that is not a string, or not 32 bytes of hex', () => {
    expect(failuresOf(edited((b) => { b.trackingCode = 7; }))).toStrictEqual([{ check: 'structure', field: 'trackingCode', reason: 'trackingCode must be a string' }]);
    expect(failuresOf(edited((b) => { b.trackingCode = 'AB'.repeat(32); }))).toStrictEqual([{ check: 'encoding', field: 'trackingCode', reason: HEX }]);
  });
  it('a base hash or voter binding that is not 32 bytes of hex, each named', () => {
    expect(failuresOf(edited((b) => { b.baseHash = 'ab'.repeat(31); b.voterBinding = 'ab'.repeat(33); }))).toStrictEqual([
      { check: 'encoding', field: 'baseHash', reason: HEX },
      { check: 'encoding', field: 'voterBinding', reason: HEX },
    ]);
    expect(failuresOf(edited((b) => { b.voterBinding = `x${b.voterBinding.slice(1)}`; }))).toStrictEqual([{ check: 'encoding', field: 'voterBinding', reason: HEX }]);
  });
  it('another election\'s base hash', () => {
    expect(failuresOf(edited((b) => { b.baseHash = 'cd'.repeat(32); }))).toStrictEqual([{ check: 'base-hash', field: 'baseHash', reason: 'the ballot was made for another election or election key' }]);
  });
  it('too few or too many contests for the style', () => {
    expect(failuresOf(edited((b) => { b.contests.pop(); }))).toStrictEqual([{ check: 'style', field: 'contests', reason: 'style style-A has 3 contests, the ballot 2' }]);
    expect(failuresOf(edited((b) => { b.contests.push(b.contests[0]); }))).toStrictEqual([{ check: 'style', field: 'contests', reason: 'style style-A has 3 contests, the ballot 4' }]);
  });
});

describe('a contest and its sum proof', () => {
  it.each<[string, (c: Json) => void]>([
    ['a missing last member (sumProof)', (c) => delete c.sumProof],
    ['a trailing extra member', (c) => { c.zzz = 1; }],
    ['a renamed member', (c) => renamed(c, 'options', 'opciones')],
    ['options that are not an array', (c) => { c.options = 'x'; }],
    ['a sum proof that is not an object', (c) => { c.sumProof = [c.sumProof.a, c.sumProof.b, c.sumProof.v]; }],
    ['a sum proof without its last member (v)', (c) => delete c.sumProof.v],
    ['a sum proof with a trailing extra member', (c) => { c.sumProof.w = c.sumProof.v; }],
    ['a sum proof with a renamed member', (c) => renamed(c.sumProof, 'a', 'A')],
  ])('%s: the member lists, in that contest only', (_, edit) => {
    expect(failuresOf(edited((b) => edit(b.contests[1])))).toStrictEqual([{ check: 'structure', field: 'contests[1]', reason: CONTEST, contest: 'senado' }]);
  });
  it('a contest that is not an object', () => {
    expect(failuresOf(edited((b) => { b.contests[2] = [b.contests[2]]; }))).toStrictEqual([{ check: 'structure', field: 'contests[2]', reason: CONTEST, contest: 'diputacion' }]);
  });
  it('another contest id, and the options still checked (the contest\'s own failures come after its options\')', () => {
    expect(failuresOf(edited((b) => { b.contests[1].contestId = 'senadores'; b.contests[1].options[0].alpha = 'zz'; }))).toStrictEqual([
      { check: 'encoding', field: 'contests[1].options[0].alpha', reason: HEX, contest: 'senado', option: 0 },
      { check: 'style', field: 'contests[1].contestId', reason: 'contest 1 of style style-A is senado, not "senadores"', contest: 'senado' },
    ]);
  });
  it('too few or too many options', () => {
    expect(failuresOf(edited((b) => { b.contests[1].options.pop(); }))).toStrictEqual([{ check: 'style', field: 'contests[1].options', reason: 'contest senado has 3 options, the ballot 2', contest: 'senado' }]);
    expect(failuresOf(edited((b) => { b.contests[0].options.push(b.contests[0].options[0]); }))).toStrictEqual([{ check: 'style', field: 'contests[0].options', reason: 'contest presidencia has 4 options, the ballot 5', contest: 'presidencia' }]);
  });
  it('each sum proof member decoded and named', () => {
    expect(failuresOf(edited((b) => { b.contests[2].sumProof.a = 'zz'; b.contests[2].sumProof.b = '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'; b.contests[2].sumProof.v = 'ff'.repeat(32); }))).toStrictEqual([
      { check: 'encoding', field: 'contests[2].sumProof.a', reason: HEX, contest: 'diputacion' },
      { check: 'encoding', field: 'contests[2].sumProof.b', reason: 'invalid group element: not a canonical ristretto255 encoding (RFC 9496 §4.3.1)', contest: 'diputacion' },
      { check: 'encoding', field: 'contests[2].sumProof.v', reason: 'invalid scalar: not reduced modulo the group order', contest: 'diputacion' },
    ]);
  });
});

describe('an option and its 0-or-1 proof', () => {
  it.each<[string, (o: Json) => void]>([
    ['a missing last member (proof)', (o) => delete o.proof],
    ['a trailing extra member', (o) => { o.zzz = 1; }],
    ['a renamed member', (o) => renamed(o, 'beta', 'gamma')],
    ['a proof that is not an object', (o) => { o.proof = 'proof'; }],
    ['a proof that is an array', (o) => { o.proof = Object.values(o.proof); }],
    ['a proof without its last member (v1)', (o) => delete o.proof.v1],
    ['a proof with a trailing extra member', (o) => { o.proof.v2 = o.proof.v1; }],
    ['a proof with a renamed member', (o) => renamed(o.proof, 'c0', 'c2')],
  ])('%s: the member lists, at that option only', (_, edit) => {
    expect(failuresOf(edited((b) => edit(b.contests[1].options[2])))).toStrictEqual([{ check: 'structure', field: 'contests[1].options[2]', reason: OPTION, contest: 'senado', option: 2 }]);
  });
  it('an option that is an array or null', () => {
    expect(failuresOf(edited((b) => { b.contests[0].options[3] = null; }))).toStrictEqual([{ check: 'structure', field: 'contests[0].options[3]', reason: OPTION, contest: 'presidencia', option: 3 }]);
    expect(failuresOf(edited((b) => { b.contests[0].options[3] = []; }))).toStrictEqual([{ check: 'structure', field: 'contests[0].options[3]', reason: OPTION, contest: 'presidencia', option: 3 }]);
  });
  it('another option id', () => {
    expect(failuresOf(edited((b) => { b.contests[1].options[2].optionId = 'senado-opt0'; }))).toStrictEqual([
      { check: 'style', field: 'contests[1].options[2].optionId', reason: 'option 2 of contest senado is senado-opt2, not "senado-opt0"', contest: 'senado', option: 2 },
    ]);
  });
  it('every member decoded and named, in order', () => {
    const bad = edited((b) => {
      const o = b.contests[1].options[2];
      o.alpha = 'AB'.repeat(32);
      o.beta = 'ab'.repeat(32) + '0';
      for (const k of ['a0', 'b0', 'a1', 'b1', 'c0', 'c1', 'v0', 'v1']) o.proof[k] = 7;
    });
    expect(failuresOf(bad)).toStrictEqual(['alpha', 'beta', 'proof.a0', 'proof.b0', 'proof.a1', 'proof.b1', 'proof.c0', 'proof.c1', 'proof.v0', 'proof.v1'].map((f) => (
      { check: 'encoding', field: `contests[1].options[2].${f}`, reason: HEX, contest: 'senado', option: 2 }
    )));
  });
  it('a point that is not canonical, and a scalar not reduced, say so', () => {
    expect(failuresOf(edited((b) => { b.contests[1].options[2].proof.a0 = '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'; b.contests[1].options[2].proof.v0 = 'ff'.repeat(32); }))).toStrictEqual([
      { check: 'encoding', field: 'contests[1].options[2].proof.a0', reason: 'invalid group element: not a canonical ristretto255 encoding (RFC 9496 §4.3.1)', contest: 'senado', option: 2 },
      { check: 'encoding', field: 'contests[1].options[2].proof.v0', reason: 'invalid scalar: not reduced modulo the group order', contest: 'senado', option: 2 },
    ]);
  });
  it('α = identity is degenerate; β = identity is not (no proof can pass with it anyway)', () => {
    const zero = toHex(group.encode(group.identity));
    expect(failuresOf(edited((b) => { b.contests[1].options[0].alpha = zero; }))).toStrictEqual([
      { check: 'degenerate-ciphertext', field: 'contests[1].options[0].alpha', reason: 'α is the identity (nonce 0): the ciphertext would show its plaintext', contest: 'senado', option: 0 },
    ]);
    expect(parseBallot(edited((b) => { b.contests[1].options[0].beta = zero; }), context, styles).ok).toBe(true);
  });
  it('failures of several contests and options are all reported, in ballot order', () => {
    expect(failuresOf(edited((b) => { b.contests[0].options[1].beta = 'zz'; b.contests[2].options[0].proof.c1 = 'zz'; b.contests[2].sumProof.v = 'zz'; })).map((f) => f.field)).toEqual([
      'contests[0].options[1].beta', 'contests[2].options[0].proof.c1', 'contests[2].sumProof.v',
    ]);
  });
});

// Keep the JSON type honest: a parsed ballot is handed on as the EncryptedBallotJson it was.
it('the parsed ballot keeps the input as its json', () => {
  const r = parseBallot(honest, context, styles);
  expect(r.ok && (r.parsed.json as EncryptedBallotJson)).toBe(honest);
});

describe('the survivors of the first mutation run (mutation/README.md)', () => {
  it('a styleId that is an array with a length is not an id', () => {
    expect(failuresOf(edited((b) => { b.styleId = ['style-A']; }))).toStrictEqual([{ check: 'structure', field: 'styleId', reason: `styleId must be a string of 1 to ${MAX_ID_LENGTH} characters` }]);
  });
  it.each(['urna/ballot/v1', 'urna/ballot/v2'])('the retired format %s is refused with its own reason', (format) => {
    expect(failuresOf(edited((b) => { b.format = format; }))).toStrictEqual([
      { check: 'structure', field: 'format', reason: `format ${format} is retired: its ballots carry no voter signature; ballots are "${BALLOT_FORMAT}"` },
    ]);
  });
});

describe('hexadecimal digits (one table look-up per pair of character codes)', () => {
  const at = (hex: string, i: number, ch: string) => hex.slice(0, i) + ch + hex.slice(i + 1);
  it('only 0-9 and a-f are digits: every character code below 0x300, and wide ones whose low 7 bits are digits, as either digit of a pair', () => {
    const codes = [...Array.from({ length: 0x300 }, (_, c) => c), 0x3030, 0x3061, 0xff10, 0xff41, 0xd800, 0xffff];
    const digit = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
    const wrong: string[] = [];
    for (const c of codes) {
      for (const i of [0, 63]) {
        const ballot = edited((b) => { b.trackingCode = at(b.trackingCode, i, String.fromCharCode(c)); });
        const failures = parseBallot(ballot, context, styles);
        const refused = !failures.ok && failures.failures.some((f) => f.field === 'trackingCode' && f.reason === HEX);
        if (refused === digit(c)) wrong.push(`${c.toString(16)}@${i}`);
      }
    }
    expect(wrong).toEqual([]);
  });
  it('decodes every byte value', () => {
    const all = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
    for (let k = 0; k < 8; k++) {
      const voterBinding = all.slice(32 * k, 32 * k + 32).join('');
      const r = parseBallot(edited((b) => { b.voterBinding = voterBinding; }), context, styles);
      expect(r.ok && toHex(r.parsed.voterBinding)).toBe(voterBinding);
    }
  });
});
