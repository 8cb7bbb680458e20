/**
 * What `urna verify` reads from its arguments before it loads a verifier: whether they ask for
 * the preservation package (then verify-package.ts, loaded only then: its imports, the acta and
 * preservation modules among them, took about 0.45 s of every record verification's start-up),
 * and the "es | en" placeholders both usage lines share.
 */
import type { Bilingual } from '../messages/catalog';

/** A placeholder of a usage line, "es | en". */
export const either = (p: Bilingual) => `${p.es} | ${p.en}`;

/** Whether the arguments ask for a package check. */
export function wantsPackage(argv: string[]): boolean {
  return argv.some((a) => a === '--package' || a.startsWith('--package='));
}
