/**
 * `urna credentials` at the credential authority's machine, as a separate process with its own
 * folder (no ledger): init, generate, deliver, replace. What it hands the service verifies; no
 * password outlives delivery; the mapping it keeps is sealed for it alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorityFolder } from '../../src/credentials/authority/authority-folder';
import { CREDENTIAL_REQUEST_FORMAT, credentialListFileProblem, credentialReplacementFileProblem } from '../../src/domain/credentials/credential-files';
import { credentialListHash, credentialListSignatureValid, credentialReplacementSignatureValid } from '../../src/domain/crypto/credential/credential-list';
import { deriveCredentialKey } from '../../src/domain/crypto/credential/credential-key';
import { canonicalPassword } from '../../src/domain/authentication/secrets';
import { credentialFromMail } from '../../src/messaging/voter-messages';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');
const urna = (...args: string[]) => spawnSync(process.execPath, ['-r', 'urna-ts-register', join(ROOT, 'src/cli/urna.ts'), 'credentials', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, URNA_SMTP_URL: '' } });
const P = (c: string) => c.repeat(26);

describe('the credential authority\'s console', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urna-ca-'));
  const data = join(dir, 'autoridad');
  const outbox = join(dir, 'outbox');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const request = {
    format: CREDENTIAL_REQUEST_FORMAT, electionId: 'eleccion-ca', rollCommitment: 'ab'.repeat(32),
    voters: ['a', 'b', 'c'].map((c, i) => ({ pseudonym: P(c), username: `v-aaaa-bbbb-ccc${i}`, name: `Votante ${i}`, email: `v${i}@simulacro.example.invalid` })),
  };
  const mails = () => readdirSync(outbox).map((f) => JSON.parse(readFileSync(join(outbox, f), 'utf8')) as { to: string; text: string }).sort((a, b) => a.to.localeCompare(b.to));

  it('init, generate, deliver: a signed list for the service, e-mails for the voters, and no password left behind', () => {
    const init = urna('init', '--data', data, '--name', 'Autoridad de prueba');
    expect(init.status).toBe(0);
    const key = /([0-9a-f]{64})/.exec(init.stdout)![1];
    // A second init keeps the key (it may be printed on the opening report already).
    expect(urna('init', '--data', data, '--name', 'Otra').stdout).toContain(key);

    writeFileSync(join(dir, 'request.json'), JSON.stringify(request));
    const gen = urna('generate', '--data', data, '--request', join(dir, 'request.json'), '--out', join(dir, 'list.json'));
    expect(gen.status).toBe(0);
    const list = JSON.parse(readFileSync(join(dir, 'list.json'), 'utf8'));
    expect(credentialListFileProblem(list)).toBeUndefined();
    expect(list.authorityKey).toBe(key);
    expect(credentialListHash(list.credentials)).toBe(list.listHash);
    expect(credentialListSignatureValid(key, { electionId: 'eleccion-ca', rollCommitment: request.rollCommitment, count: 3, listHash: list.listHash }, list.signature)).toBe(true);
    expect(existsSync(join(data, 'pending-passwords.json'))).toBe(true);
    // The kept mapping is sealed: no name, e-mail or credential readable in it.
    const sealed = readFileSync(join(data, 'mapping.sealed'), 'utf8');
    for (const v of request.voters) expect(sealed).not.toContain(v.email);
    for (const c of list.credentials) expect(sealed).not.toContain(c);

    const deliver = urna('deliver', '--data', data, '--outbox', outbox);
    expect(deliver.status).toBe(0);
    expect(existsSync(join(data, 'pending-passwords.json'))).toBe(false);
    // Each voter's e-mail carries the password that derives their listed credential.
    const sent = mails();
    expect(sent.map((x) => x.to)).toEqual(request.voters.map((v) => v.email));
    for (const [i, mail] of sent.entries()) {
      const { username, password } = credentialFromMail(mail.text)!;
      expect(username).toBe(request.voters[i].username);
      const credential = deriveCredentialKey('eleccion-ca', username, canonicalPassword(password)).publicKey;
      expect(list.assignments).toContainEqual({ pseudonym: request.voters[i].pseudonym, credential });
    }
    // Nothing in the authority's folder holds a password now.
    const folder = readdirSync(data).map((f) => readFileSync(join(data, f), 'utf8')).join('\n');
    for (const mail of sent) expect(folder).not.toContain(canonicalPassword(credentialFromMail(mail.text)!.password));
    expect(urna('deliver', '--data', data, '--outbox', outbox).stdout).toMatch(/no hay contraseñas pendientes/);
  });

  it('replace: a new credential e-mailed to the voter and a signed replacement for the service; the mapping follows', () => {
    const list = JSON.parse(readFileSync(join(dir, 'list.json'), 'utf8'));
    const before = new AuthorityFolder(data).mapping();
    const old = before.voters.find((v) => v.pseudonym === P('b'))!.credential;
    const out = urna('replace', '--data', data, '--pseudonym', P('b'), '--out', join(dir, 'replacement.json'), '--outbox', outbox);
    expect(out.status).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'replacement.json'), 'utf8'));
    expect(credentialReplacementFileProblem(file)).toBeUndefined();
    expect(file).toMatchObject({ number: 1, pseudonym: P('b'), revoked: old });
    expect(credentialReplacementSignatureValid(list.authorityKey, { electionId: 'eleccion-ca', listHash: list.listHash, number: 1, revoked: old, replacement: file.replacement }, file.signature)).toBe(true);
    const renewed = mails().filter((x) => x.to === request.voters[1].email).pop()!;
    const { username, password } = credentialFromMail(renewed.text)!;
    expect(deriveCredentialKey('eleccion-ca', username, canonicalPassword(password)).publicKey).toBe(file.replacement);
    const after = new AuthorityFolder(data).mapping();
    expect(after).toMatchObject({ replacements: 1 });
    expect(after.voters.find((v) => v.pseudonym === P('b'))!.credential).toBe(file.replacement);
    expect(urna('replace', '--data', data, '--pseudonym', P('z'), '--out', join(dir, 'x.json'), '--outbox', outbox).status).not.toBe(0);
  });

  it('a mapping tampered with does not open: the authority notices rather than revoke a wrong credential', () => {
    const path = join(data, 'mapping.sealed');
    const sealed = JSON.parse(readFileSync(path, 'utf8'));
    const bytes = Buffer.from(sealed.data, 'base64');
    bytes[0] ^= 1;
    writeFileSync(path, JSON.stringify({ ...sealed, data: bytes.toString('base64') }));
    expect(() => new AuthorityFolder(data).mapping()).toThrow();
    expect(urna('replace', '--data', data, '--pseudonym', P('a'), '--out', join(dir, 'y.json'), '--outbox', outbox).status).not.toBe(0);
  });
});
