'use strict';
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '\\.ts$': '<rootDir>/src/node/jest-transform.cjs',
    'claims\\.yaml$': '<rootDir>/src/node/jest-transform.cjs',
    // jose ships ES modules only; jest's CommonJS runtime needs them transformed too.
    '/node_modules/jose/.+\\.js$': '<rootDir>/src/node/jest-transform.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  reporters: ['default', '<rootDir>/test/summary-reporter.cjs'],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json', 'yaml'],
};
