/**
 * Two projects: the server side (TypeScript through swc, real SQLite/PostgreSQL/Meilisearch)
 * and the Lightning components (sfdx-lwc-jest, jsdom). `npm test` runs both.
 */
const { jestConfig: lwcConfig } = require('@salesforce/sfdx-lwc-jest/config');

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
      // marked ships ESM only; swc turns it into CommonJS for jest (Node itself loads it natively).
      transformIgnorePatterns: ['/node_modules/(?!marked/)'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...lwcConfig,
      displayName: 'lwc',
      rootDir: __dirname,
      roots: ['<rootDir>/crm-components'],
      testMatch: ['**/__tests__/**/*.test.js'],
    },
  ],
};
