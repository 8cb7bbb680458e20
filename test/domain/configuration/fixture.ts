/** The simulacro's content, read from the shared fixtures folder beside the repository. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURE_PATH = resolve(__dirname, '../../../fixtures/simulacro-2024.yaml');
export const fixtureText = (): string => readFileSync(FIXTURE_PATH, 'utf8');
