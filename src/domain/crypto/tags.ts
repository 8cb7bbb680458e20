/**
 * Domain-separation tags: one per purpose, never reused for another purpose.
 * A new meaning gets a new tag (e.g. a "/v2" suffix); docs/spec/crypto.md lists them all.
 */
export const TAG_PREFIX = 'urna/v1/';
export const Tags = {
  /** Independent second generator H for Pedersen commitments (hash to element). */
  generatorH: 'urna/v1/generator-h',
} as const;
