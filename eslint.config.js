// ESLint flat config. `npm run lint` runs `eslint --max-warnings=0 .`.
// - Every file: @eslint/js recommended.
// - TypeScript: typescript-eslint's recommended type-checked rules through the project service
//   (tsconfig.json), so rules such as no-floating-promises see real types.
// - Plain JS config and scripts: Node globals, no type information.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['node_modules/', 'client/dist/', 'data/', 'coverage/', 'test-results/', '.tmp/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Yjs defines toString() on its text and XML types in JavaScript, but its .d.ts files do
      // not declare it, so the rule would wrongly flag `yText.toString()`.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'YText', 'YXmlText', 'YXmlFragment', 'YXmlElement'] },
      ],
      // Template literals with numbers are everyday formatting (ids, counts, ports).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Allow intentionally unused arguments and destructured leftovers named with a leading _.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Browser tests use chai, whose property assertions (`expect(x).to.exist`) are expressions.
    files: ['client/**/*.test.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
