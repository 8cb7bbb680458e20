/**
 * Token (PKCS#11) costs on SoftHSM 2: checkpoint signing, share sealing and unsealing, and
 * their parts. Writes bench/results/hsm-tokens.json. Uses its own throw-away token store.
 *   node -r urna-ts-register bench/hsm-tokens.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { closePkcs11Module, getPkcs11Module } from '../src/hsm/pkcs11-module';
import { Pkcs11NoteSigner } from '../src/hsm/pkcs11-note-signer';
import { sealShare, unsealShare } from '../src/hsm/share-sealing';
import { createSoftHsmEnvironment } from '../src/hsm/softhsm/softhsm-environment';
import { withTokenSession } from '../src/hsm/token-session';
import { loadAverage, runRecord } from './bench-record';

/** The machine's load when this run started (the result file records it beside the end's). */
const LOAD_AT_START = loadAverage();

interface Stat {
  n: number;
  p50_ms: number;
  p95_ms: number;
  mean_ms: number;
}

async function measure(n: number, fn: (i: number) => unknown): Promise<Stat> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n,
    p50_ms: round(times[Math.floor(n / 2)]),
    p95_ms: round(times[Math.floor(n * 0.95)]),
    mean_ms: round(times.reduce((a, b) => a + b, 0) / n),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'urna-bench-hsm-'));
  try {
    const env = createSoftHsmEnvironment(dir);
    env.activate();
    const t0 = process.hrtime.bigint();
    const trustee = env.initToken('trustee', 'so-pin-1234', 'pin-1234');
    const initTokenMs = Number(process.hrtime.bigint() - t0) / 1e6;
    env.initToken('log', 'so-pin-1234', 'log-pin-1234');
    getPkcs11Module();

    const results: Record<string, unknown> = {
      ...runRecord(LOAD_AT_START, 'SoftHSM 2 over PKCS#11 (pkcs11js)'),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      module: 'SoftHSM 2.6.1 via pkcs11js 2.1.7',
      init_token_softhsm2_util_ms: Math.round(initTokenMs),
    };

    results.open_login_close_session = await measure(200, () => withTokenSession(trustee.label, 'pin-1234', () => undefined));

    const t1 = process.hrtime.bigint();
    const signer = await Pkcs11NoteSigner.open({ tokenLabel: 'log', pin: 'log-pin-1234', keyLabel: 'ckpt', name: 'bench.urna', key: 'generate-if-missing' });
    results.ed25519_keygen_and_open_ms = Math.round(Number(process.hrtime.bigint() - t1) / 1e4) / 100;
    const message = new TextEncoder().encode('bench.urna\n1000000\nq0Ch8nLSUM0uZ1fO3wqUN1OmZ2iA7mOTpXtSXRmKu1k=\n');
    await measure(200, () => signer.sign(message)); // warm-up
    results.ed25519_sign_in_token = await measure(2000, () => signer.sign(message));
    const sig = await signer.sign(message);
    results.ed25519_verify_noble = await measure(200, () => ed25519.verify(sig, message, signer.publicKey));
    signer.close();

    const share = new Uint8Array(randomBytes(32));
    const t2 = process.hrtime.bigint();
    await sealShare(trustee.label, 'pin-1234', share, { electionId: 'bench', trusteeId: 'key-creation' });
    results.seal_first_with_aes_keygen_ms = Math.round(Number(process.hrtime.bigint() - t2) / 1e4) / 100;
    results.seal_share_32B = await measure(300, (i) => sealShare(trustee.label, 'pin-1234', share, { electionId: 'bench', trusteeId: `t${i % 3}` }));
    const sealed = await sealShare(trustee.label, 'pin-1234', share, { electionId: 'bench', trusteeId: 't0' });
    results.unseal_share_32B = await measure(300, async () => (await unsealShare(trustee.label, 'pin-1234', sealed)).fill(0));
    results.note =
      'seal/unseal include token look-up, open session, C_Login and close per call; seal also decrypts once to check the record. ' +
      'First calls for a new (election, trustee) include generating the AES key as a token object (written to disk).';

    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'hsm-tokens.json'), JSON.stringify(results, null, 2) + '\n');
    console.log(JSON.stringify(results, null, 2));
  } finally {
    closePkcs11Module();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
