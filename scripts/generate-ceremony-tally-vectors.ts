/**
 * Writes docs/spec/vectors/ceremony.json and tally.json (deterministic: seeded scalars).
 *   node -r urna-ts-register scripts/generate-ceremony-tally-vectors.ts
 * test/domain/crypto/ceremony/vectors.spec.ts recomputes them and compares byte for byte.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCeremonyVectors, buildTallyVectors, vectorJson } from '../test/domain/crypto/ceremony/ceremony-tally-vectors';

const dir = join(__dirname, '..', 'docs', 'spec', 'vectors');
writeFileSync(join(dir, 'ceremony.json'), vectorJson(buildCeremonyVectors()));
writeFileSync(join(dir, 'tally.json'), vectorJson(buildTallyVectors()));
console.log('wrote docs/spec/vectors/ceremony.json and tally.json');
