// ESLint flat config. The core, the CLI and the webview bundle never import 'vscode';
// the core also uses no Node built-ins so it can run in a web extension host.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'url', 'util', 'stream', 'events',
  'node:*',
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'examples/**', 'test/fixtures/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['src/extension.ts', 'src/host/**/*.ts', 'src/features/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core never imports vscode: go through src/host.' }],
        patterns: [
          { group: nodeBuiltins, message: 'src/core uses no Node built-ins: it must run in a web extension host too.' },
          { group: ['**/host/**', '**/features/**', '**/cli/**', '**/webview/**'], message: 'src/core depends on nothing outside src/core.' },
        ],
      }],
    },
  },
  {
    // The features and the web entry run in the web extension host too (package.json `browser`):
    // no Node built-ins, and never the Node-only host modules. The web build checks the whole
    // import graph as well (scripts/lib/webBuild.mjs).
    files: ['src/web/**/*.ts', 'src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'Features and the web entry use no Node built-ins: they run in a web extension host too.' },
          { group: ['**/host/nodeFs', '**/host/ripgrep', '**/cli/**'], message: 'Node-only code is composed in src/extension.ts only, never in features or the web entry.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['process', 'Buffer', 'setImmediate', 'clearImmediate', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name, message: `${name} is Node's: features and the web entry run in a web worker too.`,
        })),
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The CLI and the webview bundle never import vscode.' }],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'esbuild.config.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', performance: 'readonly', global: 'readonly', gc: 'readonly' } },
  },
);
