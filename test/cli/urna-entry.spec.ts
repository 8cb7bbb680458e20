/**
 * `urna` (src/cli/urna.ts) hands `verify` to the verifier alone, `trustee`, `witness` and
 * `credentials` to their own modules, and every other command to the console: the exit codes and
 * error lines scripts rely on must be the same either way (0 verified or done, 1 a check failed
 * or a command failed, 2 usage).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const urna = (...args: string[]) => spawnSync(process.execPath, ['-r', 'urna-ts-register', join(ROOT, 'src/cli/urna.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('urna: verify apart from the console, same exit codes', () => {
  it('verify: 2 for no folder and for its help (usage, as before the split), 1 for a folder that is not a valid record (a forged record.json)', () => {
    expect(urna('verify').status).toBe(2);
    expect(urna('verify', join(tmpdir(), 'no-such-urna-record')).status).toBe(2);
    const help = urna('verify', '--help');
    expect([help.status, help.stderr + help.stdout]).toEqual([2, expect.stringMatching(/urna verify <carpeta-del-registro \| record-folder>/)]);
    const dir = mkdtempSync(join(tmpdir(), 'urna-forged-record-'));
    try {
      writeFileSync(join(dir, 'record.json'), '{"format":"urna.record/1","electionId":"x","files":["record.json"],"logSize":0}\n');
      const forged = urna('verify', dir);
      expect(forged.status).toBe(1);
      expect(forged.stdout).toMatch(/NO VERIFICADO|NOT VERIFIED/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('the console: 0 for version, 2 for an unknown command', () => {
    expect(urna('version').status).toBe(0);
    expect(urna('no-such-command').status).toBe(2);
  });
});

describe('urna: a station, a witness and the credential authority load their own modules alone', () => {
  const loadedBy = (...args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'urna-loaded-'));
    try {
      const list = join(dir, 'modules.txt');
      const run = spawnSync(process.execPath, ['-r', join(__dirname, 'fixtures', 'list-loaded-modules.js'), '-r', 'urna-ts-register', join(ROOT, 'src/cli/urna.ts'), ...args], {
        cwd: ROOT, encoding: 'utf8', env: { ...process.env, URNA_LOADED_MODULES_FILE: list },
      });
      return { ...run, modules: require('node:fs').readFileSync(list, 'utf8') as string };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    ['trustee', 'src/trustee-station/station-cli.ts'],
    ['witness', 'src/witness/witness-cli.ts'],
    ['credentials', 'src/credentials/credentials-cli.ts'],
  ])('%s: its help without the console, the set-up or the smart cards of others', (command, own) => {
    const run = loadedBy(command, '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Usage: urna ${command}`));
    expect(run.modules).toContain(join(ROOT, own));
    for (const other of ['src/cli/urna-console.ts', 'src/setup/trustee-processes.ts', 'src/route/route-commands.ts']) expect(run.modules).not.toContain(join(ROOT, other));
  });

  it('a station\'s failure still says its stable code and exits 1, as trustee-processes.ts reads it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'urna-no-station-'));
    try {
      const run = urna('trustee', 'status', '--data', dir);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^error \[STATION_NOT_INITIALISED\]: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
