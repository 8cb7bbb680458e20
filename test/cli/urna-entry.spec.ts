/**
 * `urna` (src/cli/urna.ts) hands `verify` to the verifier alone and every other command to the
 * console: the exit codes an auditor's script relies on must be the same either way
 * (0 verified or done, 1 a check failed, 2 usage).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const urna = (...args: string[]) => spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'src/cli/urna.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

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
