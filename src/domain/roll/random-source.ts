/**
 * Where the domain gets randomness from: injected, so deciders stay pure and tests and
 * simulacros can be replayed. Production uses the operating system's CSPRNG
 * (src/roll/node-random-source.ts); simulacros may use a seeded source.
 */
export interface RandomSource {
  /** `length` uniformly random bytes. */
  bytes(length: number): Uint8Array;
}

/** A uniform integer in [0, bound) by rejection sampling (no modulo bias). */
export function randomBelow(random: RandomSource, bound: number): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError(`bound out of range: ${bound}`);
  const limit = Math.floor(2 ** 32 / bound) * bound;
  for (;;) {
    const b = random.bytes(4);
    const x = ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
    if (x < limit) return x % bound;
  }
}
