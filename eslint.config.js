import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Modules whose behaviour must be a pure function of injected time and randomness (architecture.md). */
const DOMAIN = ['model', 'market', 'indicators', 'options', 'calendar', 'bots', 'risk', 'execution'].map((m) => `src-main/${m}/**/*.ts`);

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'data/**', '.bench/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron may be imported only in src-main/electron and src-preload/electron.' }],
          patterns: [{ group: ['../../*'], message: 'Use a subpath import (#core/*, #model/*, …) instead of ../../' }],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-preload/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'Use a subpath import instead of ../../' }] }] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: DOMAIN,
    ignores: ['**/*.test.ts', '**/*.bench.ts', '**/test-support.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Domain code reads time from the injected Clock.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain code reads time from the injected Clock.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Domain code draws from an injected seeded Random.' },
      ],
    },
  },
);
