// One esbuild call bundles the client, the server and the CLI. `tsc --noEmit` type-checks.
// mvdan-sh (a 1.5 MB GopherJS build) stays a separate file under dist/node_modules, loaded on the
// first RUN parse, so starting the server does not pay for parsing it.
import { build, context } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'mvdan-sh'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
};
// The client records when its bundle starts loading, to report activation time.
const client = {
  ...common,
  entryPoints: { client: 'client/src/extension.ts' },
  outdir: 'dist',
  banner: { js: 'var __rhcosLoadStart = performance.now();' },
};
const rest = {
  ...common,
  entryPoints: {
    lspClient: 'client/src/lspClient.ts',
    features: 'client/src/features/index.ts',
    server: 'server/src/server.ts',
    cli: 'server/src/cli.ts',
    indexWorker: 'server/src/indexWorker.ts',
  },
  outdir: 'dist',
};
if (watch) {
  // `npm run watch`: rebuild on every save until stopped; esbuild's "[watch] build started/finished" lines
  // delimit each rebuild for the background task in .vscode/tasks.json.
  for (const options of [client, rest]) await (await context({ ...options, logLevel: 'info' })).watch();
} else {
  await build(client);
  await build(rest);
}
mkdirSync('dist/node_modules/mvdan-sh', { recursive: true });
for (const f of ['index.js', 'package.json', 'LICENSE']) cpSync(`node_modules/mvdan-sh/${f}`, `dist/node_modules/mvdan-sh/${f}`);
