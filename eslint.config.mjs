// ESLint for the code (`npm run lint`); the product's own linter on examples/ is `npm run lint:examples`.
// Layers: ESLint flags at once, in the editor, the imports that cross the big borders (the VS Code API,
// client <-> server, common/ -> anything); .dependency-cruiser.cjs and test/architecture/layers.test.ts
// check the whole layer graph and cycles.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['{client,server,common,test,scripts,bench}/**/*.ts'];
const JS = ['**/*.{js,mjs,cjs}'];

// `no-restricted-imports` options do not merge across config objects: each area lists everything it forbids.
const VSCODE = {
  name: 'vscode',
  message: 'The VS Code API belongs in client/src/extension.ts, client/src/lspClient.ts and client/src/features/ only.',
};
// A relative path that climbs to a top-level folder: from client/src/a/b.ts, '../../../server/src/x' is server code.
const up = (folder) => `^(\\.\\./)+${folder}(/|$)`;
const SERVER = { regex: up('server'), message: 'client/ talks to the server over LSP only; shared names go in common/.' };
const CLIENT = { regex: up('client'), message: 'server/ never imports client/; shared names go in common/.' };
const OURS = { regex: up('(client|server)'), message: 'common/ is the shared vocabulary: it imports nothing of ours.' };
const restrict = (paths, patterns) => ['error', { paths, patterns }];

export default defineConfig(
  globalIgnores(['dist/', 'out/', 'examples/', 'docs/', 'media/', 'test-output/', '.cache/', '*.vsix']),
  { files: [...TS, ...JS], extends: [js.configs.recommended] },
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // Each file is checked with its area's tsconfig.json (common/, server/, client/; else the root one).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test() returns a promise that the runner awaits itself; every other promise must be handled.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      'no-restricted-imports': restrict([VSCODE], []),
    },
  },
  {
    // Tests read untyped JSON on purpose (Kubernetes objects from the simulator and the API, the CLI's JSON and
    // SARIF output, package.json, values handed back by the browser in e2e) and assert on its shape: a wrong
    // field fails the test anyway, and a declared type per payload would only restate the assertions.
    // Product code keeps these rules.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // JavaScript (build scripts, the bench, these configs) is in no tsconfig, so there are no types to check it
  // against: it gets ESLint's recommended rules and Node's globals, not typescript-eslint's rules.
  { files: JS, languageOptions: { globals: globals.node, sourceType: 'module' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  // Layers (the VS Code API and the client/server border).
  { files: ['client/**/*.ts'], rules: { 'no-restricted-imports': restrict([VSCODE], [SERVER]) } },
  {
    files: ['client/src/extension.ts', 'client/src/lspClient.ts', 'client/src/features/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([], [SERVER]) },
  },
  { files: ['server/**/*.ts'], rules: { 'no-restricted-imports': restrict([VSCODE], [CLIENT]) } },
  { files: ['common/**/*.ts'], rules: { 'no-restricted-imports': restrict([VSCODE], [OURS]) } },
);
