/**
 * Encrypts and signs the casting bench's ballots off the main thread, before the clock starts
 * (casting-load.bench.ts): the same domain code the booth runs. One message in: a list of
 * voters' ballot views and credential keys; one message out: their sealed ballots.
 */
import { parentPort } from 'node:worker_threads';
import { electionContext, encryptBallot, encryptionTables, fromHex, group, type BallotStyle, type EncryptionTables } from '../src/domain/crypto/ballot';
import type { SigningKey } from '../src/domain/crypto/credential/credential-signature';

export interface EncryptJob {
  ballot: { styleId: string; pseudonym: string; publicKey: string; manifestHash: string; contests: { id: string; options: { id: string }[] }[] };
  credential: SigningKey;
  pick: number;
}

export interface EncryptedJob {
  ballot: unknown;
  bindingNonce: string;
  credential: string;
  signature: string;
}

/** Tables for G and the election key, built once per thread. */
const tables = new Map<string, EncryptionTables>();

parentPort!.on('message', (jobs: EncryptJob[]) => {
  const out: EncryptedJob[] = jobs.map(({ ballot, credential, pick }) => {
    const context = electionContext(fromHex(ballot.manifestHash, 32), group.decode(fromHex(ballot.publicKey, 32)));
    let t = tables.get(ballot.publicKey);
    if (!t) tables.set(ballot.publicKey, (t = encryptionTables(context.publicKey)));
    const style: BallotStyle = { id: ballot.styleId, contests: ballot.contests.map((c) => ({ id: c.id, optionIds: c.options.map((o) => o.id) })) };
    const selections = Object.fromEntries(style.contests.map((c) => [c.id, c.optionIds[pick % c.optionIds.length]]));
    const e = encryptBallot({ context, tables: t, style, pseudonym: ballot.pseudonym, credential, selections });
    return { ballot: e.ballot, bindingNonce: e.secrets.bindingNonce, credential: credential.publicKey, signature: e.secrets.signature };
  });
  parentPort!.postMessage(out);
});
