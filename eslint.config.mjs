// ESLint flat config: typescript-eslint's type-aware recommended and stylistic sets over the TypeScript,
// the plain recommended set over the CommonJS scripts. Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's CommonJS globals the scripts use (the `globals` package is not a dependency for a handful of names). */
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'URL',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  // What .gitignore leaves out is not project code (build output, the Python venv, scratch tools under .tmp-*/).
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.venv/**',
      'jupyter/**',
      'datasets/cache/**',
      'artifacts/**',
      '.tmp-*/**',
      'tmp-*/**',
      'native/graph/build/**',
      '**/.ipynb_checkpoints/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A lazy require() is how this CommonJS library loads optional or heavy modules (tfjs-node, the wasm backend,
      // face-api) only when used and only if installed; every top-level import is an `import`.
      '@typescript-eslint/no-require-imports': 'off',
      // Numeric code indexes ArrayLike values (not iterable) and typed arrays in hot loops on purpose.
      '@typescript-eslint/prefer-for-of': 'off',
      // Number lists (shapes, indices) print as 1,2,3 in messages, which is what those messages want.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowArray: true }],
      // An empty string (an unset-looking environment variable, an empty message) deliberately counts as missing.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // Unused names are an error, except the conventional `_` prefix for arguments a signature requires.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  // The one ES module fixture: a package require() cannot load (top-level await), for the kernel's import tests.
  {
    files: ['test/fixtures/esm-only/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
);
