/**
 * One data layout (issue 16 §1): `urna setup`, the route commands and the service read the same
 * paths from one module, an old setup folder is moved to it, and a folder holding both an old
 * and a new database or key is refused, untouched.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfiguration } from '../../src/config/configuration';
import { dataLayout } from '../../src/config/data-layout';
import { writeElectionFile } from '../../src/config/election-file';
import { LegacyLayoutError, migrateLegacyLayout } from '../../src/config/legacy-layout';
import { manualWindow, setVotingWindow, windowProblem } from '../../src/route/voting-window';
import { logKeyFingerprint } from '../../src/opening/log-key-fingerprint';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';

describe('the data layout', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'urna-layout-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the service\'s: the cluster in postgres/cluster, the key in keys/log-signing.key', () => {
    const layout = dataLayout(dir);
    expect(layout.postgresCluster).toBe(join(dir, 'postgres', 'cluster'));
    expect(layout.logKeyFile).toBe(join(dir, 'keys', 'log-signing.key'));
  });

  it('moves an old urna setup folder (postgres/data, log-signing.key) to the layout', () => {
    mkdirSync(join(dir, 'postgres', 'data'), { recursive: true });
    writeFileSync(join(dir, 'postgres', 'data', 'PG_VERSION'), '18\n');
    writeFileSync(join(dir, 'postgres', 'data.password'), 'secret\n');
    writeFileSync(join(dir, 'log-signing.key'), 'KEY');
    const moved = migrateLegacyLayout(dataLayout(dir));
    expect(moved).toHaveLength(3);
    expect(readFileSync(join(dir, 'postgres', 'cluster', 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(readFileSync(join(dir, 'postgres', 'cluster.password'), 'utf8')).toBe('secret\n');
    expect(readFileSync(join(dir, 'keys', 'log-signing.key'), 'utf8')).toBe('KEY');
    expect(existsSync(join(dir, 'postgres', 'data'))).toBe(false);
    expect(migrateLegacyLayout(dataLayout(dir))).toEqual([]);
  });

  it('refuses a folder with an old and a new key, and moves nothing', () => {
    mkdirSync(join(dir, 'postgres', 'data'), { recursive: true });
    writeFileSync(join(dir, 'log-signing.key'), 'OLD');
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys', 'log-signing.key'), 'NEW');
    expect(() => migrateLegacyLayout(dataLayout(dir))).toThrow(LegacyLayoutError);
    expect(existsSync(join(dir, 'postgres', 'data'))).toBe(true);
    expect(readFileSync(join(dir, 'keys', 'log-signing.key'), 'utf8')).toBe('NEW');
  });

  it('leaves the old key alone when URNA_LOG_KEY_FILE names another', () => {
    writeFileSync(join(dir, 'log-signing.key'), 'OLD');
    expect(migrateLegacyLayout(dataLayout(dir), { logKeyFile: '/elsewhere.key' })).toEqual([]);
    expect(existsSync(join(dir, 'log-signing.key'))).toBe(true);
  });

  it('gives the service the election and the origin the set-up recorded, unless the environment says otherwise', () => {
    writeElectionFile(dataLayout(dir), { electionId: 'pef-2027', logOrigin: 'voto.example.mx/log/pef-2027' });
    const config = loadConfiguration({ URNA_DATA_DIR: dir });
    expect(config.URNA_ELECTION_ID).toBe('pef-2027');
    expect(config.URNA_LOG_ORIGIN).toBe('voto.example.mx/log/pef-2027');
    expect(loadConfiguration({ URNA_DATA_DIR: dir, URNA_LOG_ORIGIN: 'other.example/log' }).URNA_LOG_ORIGIN).toBe('other.example/log');
    // Another election served from the folder derives its own origin.
    expect(loadConfiguration({ URNA_DATA_DIR: dir, URNA_ELECTION_ID: 'e2' }).URNA_LOG_ORIGIN).toBe('127.0.0.1:3000/log/e2');
  });
});

describe('the voting window', () => {
  const manual = readFileSync(join(__dirname, '..', '..', 'fixtures', 'simulacro-2024.yaml'), 'utf8');

  it('is the fixture\'s 2024 window, in the past, until --opens/--closes set it', () => {
    expect(windowProblem(manualWindow(manual), new Date('2026-01-01T00:00:00Z'))).toBe('closed');
    const moved = setVotingWindow(manual, new Date('2027-06-06T14:00:00Z'), new Date('2027-06-07T00:00:00Z'));
    const w = manualWindow(moved);
    expect(w).toMatchObject({ electionId: 'simulacro-2024', opens: '2027-06-06T08:00:00-06:00', closes: '2027-06-06T18:00:00-06:00' });
    expect(windowProblem(w, new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(windowProblem(w, new Date('2027-06-06T15:00:00Z'))).toBe('opened');
    expect(windowProblem(manualWindow(setVotingWindow(manual, new Date('2027-06-07T00:00:00Z'), new Date('2027-06-06T00:00:00Z'))), new Date(0))).toBe('order');
  });
});

describe('the log key fingerprint (docs/spec/log.md §4.3)', () => {
  const key = new Uint8Array(32).fill(7);

  it('is 16 hex digits in groups of four, over the whole verifier key text', () => {
    const a = logKeyFingerprint(formatVerifierKey('voto.example.mx/log/pef-2027', key));
    expect(a).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    // The same key under another origin shows another fingerprint.
    expect(logKeyFingerprint(formatVerifierKey('voto.example.mx/log/pef-2030', key))).not.toBe(a);
    expect(() => logKeyFingerprint('not a key')).toThrow();
  });
});
