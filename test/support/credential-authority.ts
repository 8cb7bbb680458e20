/**
 * A credential authority in the test's process, for fixtures that build elections directly on
 * a store (docs/spec/credentials.md): its own key, the signed list of the voters' public
 * credentials and the sealed mapping, imported through the service's own import (the same
 * commands and checks as `urna credentials import`). Tests keep the voters' keys to sign.
 */
import { randomBytes } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import { enrolCredentialAuthority, importCredentialList } from '../../src/credentials/credential-list-import';
import { CREDENTIAL_LIST_FORMAT, type CredentialListFile } from '../../src/domain/credentials/credential-files';
import { credentialListHash, signCredentialList } from '../../src/domain/crypto/credential/credential-list';
import { signingKey, type SigningKey } from '../../src/domain/crypto/credential/credential-signature';
import { littleEndianToBigint, mod } from '../../src/domain/crypto/scalar';
import type { EventStore } from '../../src/ledger/event-store';
import { exportCredentialRequest } from '../../src/credentials/credential-request-export';
import { deliverCredentials } from '../../src/credentials/authority/deliver-credentials';
import { generateCredentials, type IssuedCredential } from '../../src/domain/credentials/credential-authority';
import type { MailSender } from '../../src/messaging/ports';
import { nodeRandomSource } from '../../src/roll/node-random-source';

export const TEST_AUTHORITY_NAME = 'Autoridad de credenciales de prueba';

/** A fresh random key (the authority's, or a voter's when no password derives it). */
export function randomSigningKey(): SigningKey {
  for (;;) {
    const x = mod(littleEndianToBigint(randomBytes(64)));
    if (x !== 0n) return signingKey(x);
  }
}

/** The authority's list file for these voters' keys, signed by `authority`. */
export function credentialListFile(electionId: string, rollCommitment: string, keys: ReadonlyMap<string, SigningKey>, authority: SigningKey): CredentialListFile {
  const assignments = [...keys].map(([pseudonym, k]) => ({ pseudonym, credential: k.publicKey })).sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : 1));
  const credentials = assignments.map((a) => a.credential).sort();
  const listHash = credentialListHash(credentials);
  return {
    format: CREDENTIAL_LIST_FORMAT, electionId, authorityKey: authority.publicKey, rollCommitment, credentials, listHash,
    signature: signCredentialList(authority, { electionId, rollCommitment, count: credentials.length, listHash }), assignments,
  };
}

/**
 * Enrols a test authority and imports its signed list for `keys` (pseudonym → the voter's key):
 * every voter of the roll must have one, as the service's import demands.
 */
export async function publishTestCredentials(
  store: EventStore, commands: CommandBus, electionId: string, rollCommitment: string, keys: ReadonlyMap<string, SigningKey>,
  options: { authority?: SigningKey; now?: string } = {},
): Promise<{ authority: SigningKey; file: CredentialListFile }> {
  const authority = options.authority ?? randomSigningKey();
  const now = options.now ?? new Date().toISOString();
  const ports = { store, commands, electionId, actor: 'official:credentials-test' };
  await enrolCredentialAuthority(ports, authority.publicKey, TEST_AUTHORITY_NAME, now);
  const file = credentialListFile(electionId, rollCommitment, keys, authority);
  await importCredentialList(ports, file, now);
  return { authority, file };
}

/**
 * The whole hand-over, as the two institutions do it: the service's request (usernames and
 * addresses), the authority's passwords and credentials (generateCredentials), its e-mails (to
 * `mail`, the election's outbox in tests), and the service's import of its signed list. Returns
 * every voter's password, as their e-mail carries it.
 */
export async function issueCredentialsForRoll(
  store: EventStore, commands: CommandBus, electionId: string, options: { mail?: MailSender; now?: string; systemUrl?: string } = {},
): Promise<{ authority: SigningKey; issued: IssuedCredential[]; file: CredentialListFile }> {
  const authority = randomSigningKey();
  const now = options.now ?? new Date().toISOString();
  const generated = generateCredentials(await exportCredentialRequest(store, electionId), authority, nodeRandomSource);
  if (options.mail) await deliverCredentials(generated.issued, options.mail, options.systemUrl ?? 'https://voto.example.invalid');
  const ports = { store, commands, electionId, actor: 'official:credentials-test' };
  await enrolCredentialAuthority(ports, authority.publicKey, TEST_AUTHORITY_NAME, now);
  await importCredentialList(ports, generated.list, now);
  return { authority, issued: generated.issued, file: generated.list };
}
