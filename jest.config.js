/** Jest runs TypeScript through SWC (type-checking is `tsc --noEmit`, run separately).
 * @noble/* and qr (the board's QR codes, decoded by its tests) are ESM-only, so they are transformed too. */
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swc.$schema;
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(@noble|canonicalize|qr)/)'],
  // canonicalize (RFC 8785) is ESM-only and exports only an "import" condition.
  moduleNameMapper: { '^canonicalize$': '<rootDir>/node_modules/canonicalize/lib/canonicalize.js' },
  testTimeout: 60000,
};
