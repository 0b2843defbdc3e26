/**
 * Tests are TypeScript, transformed by SWC (type-checking is `npm run typecheck`'s job).
 *
 * test/reference/ compares the project with the team's reference data in ../shared (the latency
 * model, the official EN 16931 examples, the e-invoicing validators). A clone with nothing beside it has no such data: those
 * tests are then left out, and the run says so; CI always has ../shared and runs them.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS config file */
const fs = require('fs');
const path = require('path');

const shared = path.resolve(__dirname, '..', 'shared');
const haveShared = fs.existsSync(shared);
if (!haveShared) {
  process.stderr.write(
    `Reference data not found at ${shared}: test/reference/ is not run (CI runs it).\n`,
  );
}

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(haveShared ? [] : ['<rootDir>/test/reference/'])],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  testTimeout: 60000,
  // One test process at a time on two cores, as in band, but a child process that Jest replaces
  // after a test file leaves its heap above this: the e2e files each load the bundle and fonts
  // into fresh VM contexts, and one process running all of them in band grew past 4 GB.
  workerIdleMemoryLimit: '1GB',
};
