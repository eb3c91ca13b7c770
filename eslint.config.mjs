import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createRequire } from 'node:module';

// Salesforce's LWC rules (the same preset lwc-recipes uses) for the components: platform restrictions
// (no unknown wire adapters, no inner HTML, api property rules) that generic rules cannot know.
const require = createRequire(import.meta.url);
const lwcRecommended = require('@salesforce/eslint-config-lwc/recommended');
const LWC_FILES = ['crm-components/**/lwc/**/*.js', 'crm-components/standalone/modules/**/*.js'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', 'test-artifacts/**', '**/.sfdx/**', '**/.localdevserver/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        describe: 'readonly',
        it: 'readonly',
        test: 'readonly',
        expect: 'readonly',
        jest: 'readonly',
        beforeEach: 'readonly',
        afterEach: 'readonly',
        beforeAll: 'readonly',
        afterAll: 'readonly',
        CustomEvent: 'readonly',
        Event: 'readonly',
        URLSearchParams: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        Promise: 'readonly',
        navigator: 'readonly',
        HTMLElement: 'readonly',
        Blob: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  ...lwcRecommended.map((config) => ({ ...config, files: LWC_FILES })),
  {
    files: ['crm-components/**/__tests__/**/*.js', 'crm-components/jest-utils/**/*.js'],
    rules: {
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
      // Tests poll, wait for timers and write fixtures into the DOM on purpose.
      'no-await-in-loop': 'off',
      '@lwc/lwc/no-async-operation': 'off',
      '@lwc/lwc/no-inner-html': 'off',
    },
  },
);
