'use strict';
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
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
