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
      // The standalone build compiles with lwc 9.4.3; sfdx-lwc-jest hoists engine 8.x to the top of
      // node_modules. Point the tests at the engine that matches the compiler.
      moduleNameMapper: {
        '^jest-utils$': '<rootDir>/crm-components/jest-utils/index.js',
        // The standalone page's modules, so one contract test drives both transports.
        '^shell/(.*)$': '<rootDir>/crm-components/standalone/modules/shell/$1/$1.js',
        '^lwc$': '<rootDir>/node_modules/lwc/node_modules/@lwc/engine-dom/dist/index.cjs',
        '^@lwc/engine-dom$': '<rootDir>/node_modules/lwc/node_modules/@lwc/engine-dom/dist/index.cjs',
        '^@lwc/synthetic-shadow$': '<rootDir>/node_modules/lwc/node_modules/@lwc/synthetic-shadow/dist/index.cjs',
      },
      testMatch: ['**/__tests__/**/*.test.js'],
      setupFilesAfterEnv: [...(lwcConfig.setupFilesAfterEnv ?? []), '<rootDir>/crm-components/jest-utils/sa11y.js'],
    },
  ],
};
