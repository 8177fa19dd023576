// The import layers, checked by test/architecture/layers.test.ts; a report: npx depcruise -c .dependency-cruiser.cjs client server
// Lower layers never import higher ones:
//   common/                       shared vocabulary: nothing of ours, never vscode
//   server/src/core/              imports common/ only
//   server/src/data/              core
//   server/src/containerfile/,    the two languages: core, data, common; not each other, not lint/, service/,
//   server/src/machineconfig/     cli/ or the top files (server.ts, cli.ts, workspaceIndex.ts)
//   server/src/lint/              orchestration: the languages and below
//   server/src/service/           hover, completion: lint, the languages and below
//   server/src/*.ts, cli/         the top
//   client/src/build/, cluster/   pure (no vscode); extension.ts, lspClient.ts and features/ are the VS Code glue
//   test/harness/                 reusable harnesses: never import a test folder
// client/ and server/ never import each other. Paths are relative to the repository root.
const TOP = '^server/src/(cli/|[^/]+\\.ts$)';
const VSCODE = '^vscode$|node_modules/@types/vscode/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import each other in a circle (type-only imports count too).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'vscode-only-in-glue',
      severity: 'error',
      comment: 'The VS Code API belongs in client/src/extension.ts, client/src/lspClient.ts and client/src/features/.',
      from: { pathNot: '^client/src/(extension\\.ts|lspClient\\.ts|features/)' },
      to: { path: VSCODE },
    },
    {
      name: 'client-not-to-server',
      severity: 'error',
      comment: 'client/ talks to the server over LSP; shared names go in common/.',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-to-client',
      severity: 'error',
      comment: 'server/ never imports client/; shared names go in common/.',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },
    {
      name: 'common-imports-nothing-of-ours',
      severity: 'error',
      comment: 'common/ is the vocabulary client and server share: it imports nothing of ours.',
      from: { path: '^common/' },
      to: { path: '^(?!common/)[^/]+/', pathNot: '^node_modules/' },
    },
    {
      name: 'product-not-to-tests',
      severity: 'error',
      comment: 'Shipped code never imports tests, scripts or benches.',
      from: { path: '^(client|server|common)/' },
      to: { path: '^(test|scripts|bench)/' },
    },
    {
      name: 'core-only-common',
      severity: 'error',
      comment: 'server/src/core/ is the bottom of the server: it imports common/ only.',
      from: { path: '^server/src/core/' },
      to: { path: '^server/', pathNot: '^server/src/core/' },
    },
    {
      name: 'data-only-core',
      severity: 'error',
      comment: 'server/src/data/ imports core/ (and common/) only.',
      from: { path: '^server/src/data/' },
      to: { path: '^server/', pathNot: '^server/src/(core|data)/' },
    },
    {
      name: 'languages-not-up',
      severity: 'error',
      comment: 'containerfile/ and machineconfig/ import core/, data/ and common/; not lint/, service/ or the top.',
      from: { path: '^server/src/(containerfile|machineconfig)/' },
      to: { path: `^server/src/(lint|service)/|${TOP}` },
    },
    {
      name: 'containerfile-not-to-machineconfig',
      severity: 'error',
      comment: 'The two languages do not import each other; what both need goes in core/ or data/.',
      from: { path: '^server/src/containerfile/' },
      to: { path: '^server/src/machineconfig/' },
    },
    {
      name: 'machineconfig-not-to-containerfile',
      severity: 'error',
      comment: 'The two languages do not import each other; what both need goes in core/ or data/.',
      from: { path: '^server/src/machineconfig/' },
      to: { path: '^server/src/containerfile/' },
    },
    {
      name: 'lint-not-up',
      severity: 'error',
      comment: 'lint/ orchestrates the languages; service/ and the top build on it.',
      from: { path: '^server/src/lint/' },
      to: { path: `^server/src/service/|${TOP}` },
    },
    {
      name: 'service-not-up',
      severity: 'error',
      comment: 'service/ (hover, completion) is used by the top files, not the other way round.',
      from: { path: '^server/src/service/' },
      to: { path: TOP },
    },
    {
      name: 'client-pure-not-to-glue',
      severity: 'error',
      comment: 'client/src/build/ and cluster/ are pure: they do not import the VS Code glue above them.',
      from: { path: '^client/src/(build|cluster)/' },
      to: { path: '^client/src/(extension\\.ts|lspClient\\.ts|features/)' },
    },
    {
      name: 'harness-not-to-tests',
      severity: 'error',
      comment: 'test/harness/ is reused by the test folders, so it never imports one.',
      from: { path: '^test/harness/' },
      to: { path: '^test/', pathNot: '^test/harness/' },
    },
    {
      name: 'no-importing-test-files',
      severity: 'error',
      comment: 'A *.test.ts file is run, never imported: move what is shared into a module.',
      from: {},
      to: { path: '\\.test\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|out|examples|docs|media)/' },
    // Type-only imports are dependencies too: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
