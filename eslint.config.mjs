// Lint rules, including the dependency direction of DESIGN: pure layers know nothing of
// Apps Script; only src/gas and src/main.ts touch its globals; src never imports tools or tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const GAS_GLOBALS = [
  'SpreadsheetApp',
  'DocumentApp',
  'DriveApp',
  'MailApp',
  'GmailApp',
  'PropertiesService',
  'LockService',
  'CacheService',
  'ScriptApp',
  'Session',
  'Utilities',
  'HtmlService',
  'Logger',
  'Docs',
  'Drive',
].map((name) => ({ name, message: 'Apps Script globals belong in src/gas only.' }));

const pureLayer = (allowed) => ({
  patterns: [
    {
      group: ['**/gas/**', '**/app/**', '**/tools/**', '**/test/**', 'node:*', 'fs', 'path'].filter(
        (g) => !allowed.includes(g),
      ),
      message: 'Dependencies point inward: this layer may not import that one.',
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      'coverage/**',
      '.cache/**',
      'tools/bench/.*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/gas/**', 'src/main.ts'],
    rules: { 'no-restricted-globals': ['error', ...GAS_GLOBALS] },
  },
  {
    files: [
      'src/domain/**/*.ts',
      'src/sheets/**/*.ts',
      'src/billing/**/*.ts',
      'src/render/**/*.ts',
      'src/texts/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', pureLayer([])] },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', pureLayer(['**/app/**'])] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/domain/**', 'src/sheets/**', 'src/billing/**', 'src/render/**', 'src/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/tools/**', '**/test/**', 'node:*'], message: 'src runs in Apps Script.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'tools/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
      },
    },
  },
);
