/**
 * Every RFC 6962/9162 vector in test/merkle/vectors/rfc9162 (from transparency-dev/merkle):
 * wantErr cases must be rejected, the others accepted.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/verify';

const VECTORS = path.resolve(__dirname, 'vectors/rfc9162');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith('.json') ? [full] : [];
  });
}

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const b64s = (list: string[] | null) => (list ?? []).map(b64);

function outcome(run: () => void): 'accepted' | 'rejected' {
  try {
    run();
    return 'accepted';
  } catch {
    return 'rejected';
  }
}

interface InclusionCase { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean }
interface ConsistencyCase { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean }

const inclusionFiles = jsonFiles(path.join(VECTORS, 'inclusion'));
const consistencyFiles = jsonFiles(path.join(VECTORS, 'consistency'));
const rel = (f: string) => path.relative(VECTORS, f);

describe('RFC 9162 vectors', () => {
  it('finds the vector folders (including additional/ and single-entry/)', () => {
    expect(inclusionFiles.some((f) => f.includes('single-entry'))).toBe(true);
    expect(inclusionFiles.some((f) => f.includes('additional'))).toBe(true);
    expect(consistencyFiles.some((f) => f.includes('additional'))).toBe(true);
    expect(inclusionFiles.length + consistencyFiles.length).toBeGreaterThan(150);
  });

  it.each(inclusionFiles.map((f) => [rel(f), f]))('inclusion %s', (_name, file) => {
    const c: InclusionCase = JSON.parse(readFileSync(file, 'utf8'));
    const got = outcome(() => verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), b64s(c.proof), b64(c.root)));
    expect(got).toBe(c.wantErr ? 'rejected' : 'accepted');
  });

  it.each(consistencyFiles.map((f) => [rel(f), f]))('consistency %s', (_name, file) => {
    const c: ConsistencyCase = JSON.parse(readFileSync(file, 'utf8'));
    const got = outcome(() => verifyConsistency(c.size1, c.size2, b64s(c.proof), b64(c.root1), b64(c.root2)));
    expect(got).toBe(c.wantErr ? 'rejected' : 'accepted');
  });
});
