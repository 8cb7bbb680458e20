/**
 * The verifier's CPU-bound work (ballot proofs, partial decryptions, results, spoiled-ballot
 * audits, the ceremony transcript), answered once per distinct input and kept on disk beside
 * the cached record (cached-record.ts), for the specs that run `urna verify` on many single
 * mutations of one record, and for every mutant of the verifier under StrykerJS.
 *
 * Why this is sound: these functions are pure (the answer depends only on the arguments, which
 * are plain data), they live outside src/verifier/, and each is tested on its own. The key is
 * the whole argument list, so a verifier that passes anything different gets a fresh answer;
 * and the folder is keyed by a hash of src/ minus the verifier, so a change to the crypto code
 * starts from no answers. Use with jest.mock in the spec (see record-mutations.pg.spec.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Fn = (...args: never[]) => unknown;

/** JSON of plain data with bigints, Maps and byte arrays spelled out. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === 'bigint') return `bigint:${v}`;
    if (v instanceof Map) return { map: [...v] };
    if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('hex') };
    return v;
  });
}

interface Codec<T> {
  encode(value: T): unknown;
  decode(json: unknown): T;
}
const plainJson: Codec<unknown> = { encode: (v) => v, decode: (j) => j };

/**
 * `f` answered from memory, else from `dir` (one JSON file per key hash), else computed and
 * stored (written beside and renamed, so a concurrent reader never sees half a file).
 */
export function memoize<F extends Fn>(name: string, f: F, options: { keyOf?: (args: Parameters<F>) => string; dir?: string; codec?: Codec<ReturnType<F>> } = {}): F {
  const answers = new Map<string, ReturnType<F>>();
  const keyOf = options.keyOf ?? ((args) => stableKey(args));
  const codec = (options.codec ?? plainJson) as Codec<ReturnType<F>>;
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  return ((...args: Parameters<F>) => {
    const key = `${name}|${keyOf(args)}`;
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known;
    const file = options.dir && join(options.dir, `${name}-${createHash('sha256').update(key).digest('hex')}.json`);
    let answer: ReturnType<F>;
    if (file && existsSync(file)) answer = codec.decode(JSON.parse(readFileSync(file, 'utf8')));
    else {
      answer = f(...args) as ReturnType<F>;
      if (file) {
        writeFileSync(`${file}.${process.pid}`, JSON.stringify(codec.encode(answer)));
        renameSync(`${file}.${process.pid}`, file);
      }
    }
    answers.set(key, answer);
    return answer;
  }) as F;
}

/** crypto-tasks with its four tasks memoized; an environment is keyed by the setup it was made from. */
export function memoizedCryptoTasks<M extends Record<string, unknown>>(real: M, dir?: string): M {
  const r = real as unknown as Record<string, Fn> & {
    cryptoEnvironment(setup: unknown): object;
    encodeSums(sums: unknown): Map<string, unknown>;
    decodeSums(sums: Map<string, unknown>): unknown;
  };
  const setupOf = new WeakMap<object, string>();
  const cryptoEnvironment = (setup: unknown) => {
    const env = r.cryptoEnvironment(setup);
    setupOf.set(env, stableKey(setup));
    return env;
  };
  const keyOf = (name: string) => (args: unknown[]) => {
    const [env, ...rest] = args;
    const setup = setupOf.get(env as object);
    if (setup === undefined) throw new Error(`${name}: an environment not made by cryptoEnvironment`);
    return `${setup}|${stableKey(rest)}`;
  };
  const task = (name: string, codec?: Codec<never>) => memoize(name, r[name], { keyOf: keyOf(name), dir, codec });
  // A chunk's sums are group elements: kept as hex, decoded on reading.
  const chunkCodec: Codec<{ verdicts: unknown; sums: unknown }> = {
    encode: (v) => ({ verdicts: v.verdicts, sums: [...r.encodeSums(v.sums)] }),
    decode: (j) => ({ verdicts: (j as { verdicts: unknown }).verdicts, sums: r.decodeSums(new Map((j as { sums: [string, unknown][] }).sums)) }),
  };
  return {
    ...real,
    cryptoEnvironment,
    verifyBallotChunk: task('verifyBallotChunk', chunkCodec as Codec<never>),
    verifyPartials: task('verifyPartials'),
    verifyTallyResults: task('verifyTallyResults'),
    auditSpoiledBallots: task('auditSpoiledBallots'),
  } as unknown as M;
}

/** The folder for the answers: beside the cached record of this source tree (not inside it:
 * the record's folder appears whole, by one rename, when it is built). */
export function answersDir(): string {
  const { recordCacheDir } = require('./cached-record') as typeof import('./cached-record'); // eslint-disable-line @typescript-eslint/no-require-imports
  return `${recordCacheDir()}-answers`;
}
