import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../domain/roll/random-source';

/** The operating system's CSPRNG: what production uses for pseudonyms, passwords and codes. */
export const nodeRandomSource: RandomSource = { bytes: (n) => new Uint8Array(randomBytes(n)) };
