import type { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { ed25519KeyId, formatVerifierKey, keyIdHex, openSignedNote, parseSignedNote } from '../ledger/checkpoint/signed-note';
import { joinBoth, pair } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { logKeyFingerprint } from '../opening/log-key-fingerprint';

/**
 * A log is named by its origin and its key for its whole life: a second key signing under the
 * same origin would be a second log to every verifier that pinned the first (docs/spec/log.md
 * §4.2). Before the service (or a route command) signs anything, the log's latest checkpoint
 * must verify under the key it was given; a log started by another set-up, or a data folder
 * whose key file was replaced, is refused with what to do. A log with no checkpoint yet is new.
 */
export class LogIdentityError extends Error {
  readonly code = 'LOG_IDENTITY_MISMATCH';
  constructor(readonly es: string, readonly en: string) {
    super(joinBoth({ es, en }));
    this.name = 'LogIdentityError';
  }
}

export async function assertLogIdentity(checkpoints: CheckpointService, signer: NoteSigner): Promise<void> {
  const latest = await checkpoints.latest();
  if (!latest) return;
  const configured = formatVerifierKey(signer.name, signer.publicKey);
  const keyId = ed25519KeyId(signer.name, signer.publicKey);
  let signedBy = '';
  try {
    signedBy = parseSignedNote(latest.note).signatures.map((s) => `${s.name}+${keyIdHex(s.keyId)}`).join(', ');
    openSignedNote(latest.note, { name: signer.name, keyId, publicKey: signer.publicKey });
    return;
  } catch {
    const message = pair(cliMessages, 'logIdentity.mismatch', {
      size: latest.size, signedBy, configured, fingerprint: logKeyFingerprint(configured),
    });
    throw new LogIdentityError(message.es, message.en);
  }
}
