import { extname, join } from 'node:path';
import { groupBackendFromEnv } from '../parallel/group-backend';
import { ThreadPool } from '../parallel/thread-pool';
import {
  runVoterCrypto,
  type EncryptResult,
  type EncryptTask,
  type SignInResult,
  type SignInTask,
  type VoterCryptoResult,
  type VoterCryptoTask,
} from './voter-crypto';

const WORKER_SCRIPT = join(__dirname, `voter-crypto.worker${extname(__filename)}`);

/**
 * Where synthetic voters encrypt: `size` worker threads, so that many voters in flight encrypt
 * at once on every core and the service's own thread (the simulacro runs it in this process)
 * is left to answer them. With fewer than 2 threads it runs in the calling thread.
 */
export class VoterCryptoPool {
  private readonly pool?: ThreadPool<VoterCryptoTask, VoterCryptoResult>;

  constructor(readonly size: number) {
    if (size >= 2) this.pool = new ThreadPool(WORKER_SCRIPT, { size, workerData: { groupBackend: groupBackendFromEnv() } });
  }

  signIn(task: Omit<SignInTask, 'kind'>): Promise<SignInResult> {
    return this.run({ kind: 'sign-in', ...task }) as Promise<SignInResult>;
  }

  encrypt(task: Omit<EncryptTask, 'kind'>): Promise<EncryptResult> {
    return this.run({ kind: 'encrypt', ...task }) as Promise<EncryptResult>;
  }

  close(): Promise<void> {
    return this.pool?.close() ?? Promise.resolve();
  }

  private async run(task: VoterCryptoTask): Promise<VoterCryptoResult> {
    return this.pool ? this.pool.run(task) : runVoterCrypto(task);
  }
}
