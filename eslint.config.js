import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const tfjs = { group: ['@tensorflow/*'], message: 'tfjs runs only in the worker.' };
const engine = {
  group: ['**/core/engine/*', '**/worker/*'],
  message: 'The page reaches the engine only through worker-client.',
};
const ui = {
  group: [
    'react',
    'react-dom',
    'react-dom/*',
    'recharts',
    '**/app/*',
    '**/features/*',
    '**/ui/*',
    '**/state/*',
  ],
  message: 'Only the page imports UI code.',
};
const appLayers = {
  group: ['**/worker-client/*', '**/protocol/*'],
  message: 'core imports nothing of the app.',
};
const store = { name: 'zustand', message: 'Only src/state imports the store library.' };
const tfjsOutsideEngine = {
  group: ['@tensorflow/*'],
  message: 'In core, only core/engine imports tfjs: the rest stays pure TypeScript.',
};

/** One no-restricted-imports rule per layer (a later block would replace, not merge, an earlier one). */
const restrict = (patterns, paths = [store]) => ({
  'no-restricted-imports': ['error', { patterns, paths }],
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'public',
      'test-results',
      'playwright-report',
      'bench-results',
      // AssemblyScript (its own types and decorators): asc checks it.
      'src/core/engine/cpu/wasm',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // No import cycles in the app: each layer depends on the ones below it only.
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      // The dependencies are TypeScript too: without a parser for them no cycle is seen.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: [
      'src/app/**',
      'src/bench-page/**',
      'src/features/**',
      'src/ui/**',
      'src/worker-client/**',
    ],
    rules: restrict([tfjs, engine]),
  },
  { files: ['src/state/**'], rules: restrict([tfjs, engine], []) },
  { files: ['src/core/**'], rules: restrict([ui, appLayers, tfjsOutsideEngine]) },
  // The engine (and the tests, which check against tfjs) may use tfjs; the rest of core may not.
  { files: ['src/core/engine/**', 'src/core/**/*.test.ts'], rules: restrict([ui, appLayers]) },
  { files: ['src/protocol/**'], rules: restrict([tfjs, ui, engine]) },
  { files: ['src/worker/**'], rules: restrict([ui]) },
);
