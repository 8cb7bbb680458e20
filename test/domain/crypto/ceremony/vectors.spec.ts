import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyCeremonyTranscript } from '../../../../src/domain/crypto/ceremony';
import { buildCeremonyVectors, buildTallyVectors, vectorJson } from './ceremony-tally-vectors';

const dir = join(__dirname, '..', '..', '..', '..', 'docs', 'spec', 'vectors');

describe('published ceremony and tally vectors', () => {
  it('ceremony.json is exactly what the code computes', () => {
    expect(vectorJson(buildCeremonyVectors())).toBe(readFileSync(join(dir, 'ceremony.json'), 'utf8'));
  });

  it('tally.json is exactly what the code computes', () => {
    expect(vectorJson(buildTallyVectors())).toBe(readFileSync(join(dir, 'tally.json'), 'utf8'));
  });

  it('the published transcripts verify as published (read from the file, not rebuilt)', () => {
    const file = JSON.parse(readFileSync(join(dir, 'ceremony.json'), 'utf8'));
    for (const c of file.cases) {
      const v = verifyCeremonyTranscript(c.transcript);
      expect(v.publicKey).toBe(c.expected.publicKey);
      expect(v.qualified).toEqual(c.expected.qualified);
    }
    expect(file.cases[1].expected.verdicts[0]).toMatchObject({ guilty: 'dealer', guiltyTrustee: 3, complainant: 1 });
  });
});
