'use strict';
const os = require('node:os');
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // At least two workers even on a 2-core machine: many tests wait on child processes (local tenants,
  // engine processes, a0deploy), so one file's wait is another's turn (a full run: 4 min instead of 8).
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '\\.ts$': '<rootDir>/src/node/jest-transform.cjs',
    'claims\\.yaml$': '<rootDir>/src/node/jest-transform.cjs',
    // Dependencies that ship ES modules only (jose; chalk, @clack/prompts… under auth0-deploy-cli) load
    // in Node through require(esm), which jest's CommonJS runtime lacks: the transform turns those
    // into CommonJS and passes every other file through untouched.
    '\\.(m?js)$': '<rootDir>/src/node/jest-transform.cjs',
  },
  transformIgnorePatterns: [],
  reporters: ['default', '<rootDir>/test/summary-reporter.cjs'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'yaml'],
};
