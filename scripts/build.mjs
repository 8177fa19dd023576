// One esbuild call bundles the client, the server and the CLI. `tsc --noEmit` type-checks.
// mvdan-sh (a 1.5 MB GopherJS build) stays a separate file under dist/node_modules, loaded on the
// first RUN parse, so starting the server does not pay for parsing it.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
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
await build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', banner: { js: 'var __rhcosLoadStart = performance.now();' } });
await build({
  ...common,
  entryPoints: {
    lspClient: 'client/src/lspClient.ts',
    features: 'client/src/features/index.ts',
    server: 'server/src/server.ts',
    cli: 'server/src/cli.ts',
  },
  outdir: 'dist',
});
mkdirSync('dist/node_modules/mvdan-sh', { recursive: true });
for (const f of ['index.js', 'package.json', 'LICENSE']) cpSync(`node_modules/mvdan-sh/${f}`, `dist/node_modules/mvdan-sh/${f}`);
