import { group } from '../../src/domain/crypto/active-group';
import type { BallotStyle } from '../../src/domain/crypto/ballot/ballot-style';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import { computeTrackingCode } from '../../src/domain/crypto/ballot/tracking-code';
import { signingKey } from '../../src/domain/crypto/credential/credential-signature';
import { electionContext } from '../../src/domain/crypto/election-context';
import { addCiphertexts, encryptionTables, type Ciphertext } from '../../src/domain/crypto/elgamal';
import { hash256, toHex, utf8 } from '../../src/domain/crypto/hash';
import { randomScalar } from '../../src/domain/crypto/scalar';
import { cryptoEnvironment, type CryptoSetup } from '../../src/parallel/crypto-tasks';
import { CryptoWorkers } from '../../src/parallel/crypto-workers';

/**
 * The backend setting holds on every path (issue 17): with URNA_WORKERS at 0 or 1 the calling
 * thread verifies with libdecaf's batch verifier too, not with noble, and where the addon is
 * missing (URNA_HIDE_DECAF=1 stands in for "could not be built") everything falls back and
 * still gives the same verdicts and sums.
 */
const style: BallotStyle = { id: 'prueba', contests: [{ id: 'c1', optionIds: ['a', 'b', 'c'] }] };
const manifestHash = hash256('urna/test/manifest', utf8('every-path'));
const publicKey = group.mul(group.generator, randomScalar());
const context = electionContext(manifestHash, publicKey);
const tables = encryptionTables(publicKey);
const setup: CryptoSetup = { manifestHash: toHex(manifestHash), publicKey: toHex(group.encode(publicKey)), styles: [style] };

const cast = Array.from({ length: 10 }, (_, i) => {
  const credential = signingKey(randomScalar());
  const pseudonym = `seudonimo-${i}`;
  const { ballot, secrets } = encryptBallot({ context, tables, style, pseudonym, credential, selections: { c1: ['a', 'b', 'c'][i % 3] } });
  return { ballot: JSON.parse(JSON.stringify(ballot)) as { trackingCode: string; contests: { options: { proof: Record<string, string> }[] }[] }, options: { expectedVoter: { pseudonym, credential: credential.publicKey, bindingNonce: secrets.bindingNonce, signature: secrets.signature } } };
});
// Ballot 4 is forged after signing: its signature no longer covers its tracking code.
const forged = JSON.parse(JSON.stringify(cast[4].ballot)) as (typeof cast)[number]['ballot'];
forged.contests[0].options[2].proof.v1 = cast[5].ballot.contests[0].options[2].proof.v1;
forged.trackingCode = computeTrackingCode(forged as never);
const ballots = cast.map((c, i) => (i === 4 ? forged : c.ballot));
const options = cast.map((c) => c.options);

async function verdictsAndSums(workers: CryptoWorkers): Promise<{ ok: string; sums: string[] }> {
  const ok: boolean[] = [];
  let sums: Ciphertext[] | undefined;
  for await (const chunk of workers.verifyBallots(ballots, options)) {
    ok.push(...chunk.verdicts.map((v) => v.ok));
    const part = chunk.sums.get('c1');
    if (part) sums = sums ? sums.map((s, k) => addCiphertexts(s, part[k])) : part;
  }
  const single = await workers.verifyBallot(ballots[4], options[4]);
  expect(single).toMatchObject({ ok: false, failures: [{ check: 'signature' }, { check: 'option-proof', option: 2 }] });
  return { ok: ok.map((x) => (x ? '1' : '0')).join(''), sums: sums!.map((c) => toHex(group.encode(c.alpha)) + toHex(group.encode(c.beta))) };
}

describe('the verification backend holds on every path', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('URNA_WORKERS=0: the calling thread verifies on libdecaf in batches, with noble\'s verdicts and sums', async () => {
    delete process.env.URNA_GROUP_BACKEND;
    delete process.env.URNA_HIDE_DECAF;
    const native = new CryptoWorkers(setup, 0);
    expect(native.workers).toBe(0);
    expect(native.backend).toBe('decaf-native');
    expect(cryptoEnvironment({ ...setup, groupBackend: 'decaf-native' }).native).toBeDefined();
    const a = await verdictsAndSums(native);
    expect(a.ok).toBe('1111011111');

    // The same ballots on noble, chosen by name: same verdicts, same sums.
    const noble = new CryptoWorkers({ ...setup, groupBackend: 'noble' }, 0);
    expect(cryptoEnvironment({ ...setup, groupBackend: 'noble' }).native).toBeUndefined();
    expect(await verdictsAndSums(noble)).toEqual(a);
  });

  it('falls back when libdecaf is missing (URNA_HIDE_DECAF=1), with the same answers', async () => {
    process.env.URNA_HIDE_DECAF = '1';
    delete process.env.URNA_GROUP_BACKEND;
    const fallback = new CryptoWorkers(setup, 1);
    expect(fallback.backend).not.toBe('decaf-native');
    expect(cryptoEnvironment(setup).native).toBeUndefined();
    const b = await verdictsAndSums(fallback);
    expect(b.ok).toBe('1111011111');
    delete process.env.URNA_HIDE_DECAF;
    expect(await verdictsAndSums(new CryptoWorkers(setup, 0))).toEqual(b);
  });

  it('two worker threads verify on libdecaf too', async () => {
    delete process.env.URNA_GROUP_BACKEND;
    const pool = new CryptoWorkers(setup, 2);
    try {
      expect(pool.backend).toBe('decaf-native');
      const c = await verdictsAndSums(pool);
      expect(c.ok).toBe('1111011111');
      expect(await verdictsAndSums(new CryptoWorkers({ ...setup, groupBackend: 'noble' }, 0))).toEqual(c);
    } finally {
      await pool.close();
    }
  });
});
