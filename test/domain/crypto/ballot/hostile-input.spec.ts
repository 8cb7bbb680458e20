import fc from 'fast-check';
import { group } from '../../../../src/domain/crypto/active-group';
import { toHex } from '../../../../src/domain/crypto/hash';
import { ORDER } from '../../../../src/domain/crypto/scalar';
import { encryptBallot } from '../../../../src/domain/crypto/ballot/encrypt-ballot';
import { verifyBallot, verifyBallots } from '../../../../src/domain/crypto/ballot/verify-ballot';
import { sealBallot } from '../../../../src/domain/crypto/ballot/tracking-code';
import type { BallotFailure } from '../../../../src/domain/crypto/ballot/verification-result';
import { clone, context, credential, styleA, styles, tables } from './fixtures';

/** Decoding hostile input never throws: it returns failures that say which check and where. */
const honest = encryptBallot({
  context, tables, style: styleA, credential, pseudonym: 'seudonimo-hostil',
  selections: { presidencia: 'presidencia-opt0', senado: 'senado-opt1', diputacion: 'diputacion-opt1' },
}).ballot;

function rejected(input: unknown): readonly BallotFailure[] {
  const r = verifyBallot(input, context, styles);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.failures;
}

/** Sets the value at a JSON path like ["contests", 0, "options", 1, "proof", "v0"]. */
function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = clone(root) as Record<string | number, unknown>;
  let at = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

const scalarHex = (k: bigint) => {
  const out = new Uint8Array(32);
  let v = k;
  for (let i = 0; i < 32; i++) { out[i] = Number(v & 0xffn); v >>= 8n; }
  return toHex(out);
};

describe('ballot decoding of hostile input', () => {
  it('non-ballots are structure failures', () => {
    for (const bad of [null, undefined, 42, 'ballot', [], [honest], {}, { ...honest, extra: 1 }, { ...honest, format: 'urna/ballot/v0' }, { ...honest, contests: 'x' }, { ...honest, pseudonym: '' }, { ...honest, pseudonym: 'x'.repeat(257) }, { ...honest, styleId: 7 }]) {
      expect(rejected(bad)[0]).toMatchObject({ check: 'structure' });
    }
  });

  it('bad hex, wrong lengths, invalid points and unreduced scalars are encoding failures at their path', () => {
    const cases: [(string | number)[], unknown][] = [
      [['contests', 0, 'options', 1, 'alpha'], 'zz'.repeat(32)],
      [['contests', 0, 'options', 1, 'alpha'], honest.contests[0].options[1].alpha.toUpperCase()],
      [['contests', 0, 'options', 1, 'beta'], 'ab'.repeat(31)],
      [['contests', 0, 'options', 1, 'beta'], 7],
      // RFC 9496 A.2: non-canonical and non-square encodings
      [['contests', 1, 'options', 0, 'proof', 'a0'], '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'],
      [['contests', 1, 'options', 0, 'proof', 'b1'], '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371'],
      [['contests', 1, 'options', 2, 'proof', 'v0'], scalarHex(ORDER)],
      [['contests', 1, 'options', 2, 'proof', 'c1'], 'ff'.repeat(32)],
      [['contests', 2, 'sumProof', 'v'], scalarHex(ORDER + 5n)],
      [['contests', 2, 'sumProof', 'a'], '01' + '00'.repeat(31)],
      [['baseHash'], 'not hex'],
    ];
    for (const [path, value] of cases) {
      const failures = rejected(sealBallot(setAt(honest, path, value) as never));
      expect(failures).toContainEqual(expect.objectContaining({ check: 'encoding', field: path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '').replace(/\.\[/g, '[') }));
    }
  });

  it('missing, extra or reordered contests and options are style failures', () => {
    const b = clone(honest);
    const cases: unknown[] = [
      { ...b, contests: b.contests.slice(0, 2) },
      { ...b, contests: [...b.contests, b.contests[0]] },
      { ...b, contests: [b.contests[1], b.contests[0], b.contests[2]] },
      setAt(b, ['contests', 0, 'options'], b.contests[0].options.slice(1)),
      setAt(b, ['contests', 0, 'options'], [...b.contests[0].options, b.contests[0].options[0]]),
      setAt(b, ['contests', 0, 'options', 0, 'optionId'], 'presidencia-opt9'),
    ];
    for (const c of cases) expect(rejected(sealBallot(c as never)).map((f) => f.check)).toContain('style');
    expect(rejected(setAt(b, ['contests', 0, 'options', 0, 'proof'], { a0: 'x' }))[0]).toMatchObject({ check: 'structure' });
    expect(rejected(setAt(b, ['contests', 1], null))[0]).toMatchObject({ check: 'structure', contest: 'senado' });
  });

  it('arbitrary values anywhere in a ballot never make verification throw', () => {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(honest, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.anything(), fc.boolean(), (path, value, reseal) => {
        const tampered = setAt(honest, path, value);
        let input = tampered;
        try {
          if (reseal) input = sealBallot(tampered as never);
        } catch {
          // not hashable JSON: verify the unsealed one
        }
        const r = verifyBallot(input, context, styles);
        if (!r.ok) expect(r.failures.length).toBeGreaterThan(0);
        else expect(JSON.stringify(input)).toBe(JSON.stringify(honest)); // only an identical ballot may pass
      }),
      { numRuns: 60 },
    );
    fc.assert(fc.property(fc.anything(), (value) => expect(verifyBallots([value], context, styles)[0].ok).toBe(false)), { numRuns: 50 });
  });

  it('the identity element is a valid encoding but cannot pass a proof', () => {
    const zero = toHex(group.encode(group.identity));
    const failures = rejected(sealBallot(setAt(honest, ['contests', 0, 'options', 0, 'alpha'], zero) as never));
    // α = identity is nonce 0 (β = m·G in clear): refused by name before any proof is checked.
    expect(failures).toEqual([expect.objectContaining({ check: 'degenerate-ciphertext', field: 'contests[0].options[0].alpha' })]);
    // β = identity is a valid encoding and not degenerate by itself; it cannot pass a proof.
    const betaZero = rejected(sealBallot(setAt(honest, ['contests', 0, 'options', 0, 'beta'], zero) as never));
    expect(betaZero.map((f) => f.check)).toContain('option-proof');
  });
});
