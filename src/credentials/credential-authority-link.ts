/**
 * How the service reaches the credential authority to have a voter's password sent again
 * (docs/spec/credentials.md §6). The authority is another institution: the link asks it for one
 * replacement and gets back its signed replacement file (the authority has already e-mailed the
 * new password); the service never sees the password.
 *
 * ChildProcessCredentialAuthority runs the authority's own program (`urna credentials replace`)
 * on the authority's folder, in a process of its own with no database address: a set-up where
 * the authority's machine is reachable from the service's (simulacros, test elections;
 * URNA_CREDENTIAL_AUTHORITY_DIR). Without a link, asks stay recorded for the officials to carry.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dataLayout } from '../config/data-layout';
import { authorityCommand } from './run-credential-authority';

export interface CredentialAuthorityLink {
  /** The authority's replacement file for this voter, after it e-mailed the new password. */
  replace(pseudonym: string): Promise<unknown>;
}

export class ChildProcessCredentialAuthority implements CredentialAuthorityLink {
  constructor(private readonly dir: string, private readonly options: { outbox?: string; systemUrl?: string } = {}) {}

  async replace(pseudonym: string): Promise<unknown> {
    const scratch = mkdtempSync(join(tmpdir(), 'urna-replacement-'));
    try {
      const out = join(scratch, 'replacement.json');
      await authorityCommand([
        'replace', '--data', resolve(this.dir), '--pseudonym', pseudonym, '--out', out,
        ...(this.options.outbox ? ['--outbox', resolve(this.options.outbox)] : []),
        ...(this.options.systemUrl ? ['--system-url', this.options.systemUrl] : []),
      ]);
      return JSON.parse(readFileSync(out, 'utf8')) as unknown;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

/**
 * The link a service builds at start: the authority's folder in the data layout when the
 * authority runs alongside (the simulacro, `urna route roll --credential-authority`), its
 * e-mails going where the service's go (URNA_SMTP_URL, else the outbox folder). None otherwise.
 */
export function credentialAuthorityAlongside(dataDir: string, env: { URNA_SMTP_URL?: string; URNA_OUTBOX_DIR?: string }, systemUrl: string): CredentialAuthorityLink | undefined {
  const layout = dataLayout(dataDir);
  if (!existsSync(layout.credentialAuthority)) return undefined;
  const outbox = env.URNA_SMTP_URL ? undefined : (env.URNA_OUTBOX_DIR ?? layout.outbox);
  return new ChildProcessCredentialAuthority(layout.credentialAuthority, { outbox, systemUrl });
}
