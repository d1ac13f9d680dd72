// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Generated output (the e2e tests' own runs, reports, blob reports) and the pinned CLI's install are not ours to lint.
  {
    ignores: [
      'node_modules/**', 'reports/**', 'test-results/**', 'playwright-report/**', 'blob-report/**', 'all-blob-reports/**', '.auth/**',
      'emulator/ui/assets/**', 'test/.suite-runs/**', 'test/.results/**', 'tools/sf-cli/node_modules/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A missing `await` is the most common Playwright bug.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
