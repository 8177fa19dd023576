/** One test file per rule, named by its id, in the folder of its kind (as ESLint's tests/lib/rules/<id>.js). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { containerfileRules } from '../../server/src/containerfile/rules';
import { yamlRules } from '../../server/src/machineconfig/rules';
import type { DocumentKind } from '../../server/src/core/types';

const FOLDERS: Record<DocumentKind, string> = { containerfile: 'containerfile', yaml: 'machineconfig' };
const metas = [...containerfileRules, ...yamlRules].map((r) => r.meta);
const SUFFIX = '.test.ts';

test('every registered rule has test/rules/<kind folder>/<rule id>.test.ts', () => {
  const missing = metas.map((m) => `${FOLDERS[m.kind]}/${m.id}${SUFFIX}`).filter((f) => !fs.existsSync(path.join(__dirname, f)));
  assert.deepEqual(missing, [], 'rules without a test file under test/rules/');
});

test('every test file in a kind folder is named for a rule of that kind and runs ruleTest for that rule only', () => {
  for (const [kind, folder] of Object.entries(FOLDERS)) {
    const ids = new Set(metas.filter((m) => m.kind === kind).map((m) => m.id));
    for (const f of fs.readdirSync(path.join(__dirname, folder)).filter((e) => e.endsWith(SUFFIX))) {
      const id = f.slice(0, -SUFFIX.length);
      assert.ok(ids.has(id), `test/rules/${folder}/${f} names no ${kind} rule`);
      const called = [...fs.readFileSync(path.join(__dirname, folder, f), 'utf8').matchAll(/\bruleTest\('([^']*)'/g)].map((m) => m[1]);
      assert.ok(called.length > 0, `test/rules/${folder}/${f} calls no ruleTest('${id}', ...)`);
      assert.deepEqual([...new Set(called)], [id], `test/rules/${folder}/${f} tests other rules`);
    }
  }
});

test('rule test files are only in the kind folders', () => {
  const entries = fs.readdirSync(__dirname, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  assert.deepEqual(folders, Object.values(FOLDERS).sort(), 'folders under test/rules/');
  assert.deepEqual(
    entries.filter((e) => e.isFile() && e.name.endsWith(SUFFIX)).map((e) => e.name),
    ['layout.test.ts'],
  );
});

test('every rule lives in server/src/<language>/rules/<rule id>.ts, alone, and is registered', async () => {
  const registered = new Set(metas.map((m) => m.id));
  const seen: string[] = [];
  for (const folder of Object.values(FOLDERS)) {
    const dir = path.join(__dirname, '..', '..', 'server', 'src', folder, 'rules');
    for (const f of fs.readdirSync(dir).filter((e) => e.endsWith('.ts') && e !== 'index.ts')) {
      const mod = (await import(path.join(dir, f))) as Record<string, unknown>;
      const ids = Object.values(mod).flatMap((v) => {
        const id = (v as { meta?: { id?: unknown } } | null)?.meta?.id;
        return typeof id === 'string' ? [id] : [];
      });
      assert.deepEqual(ids, [f.slice(0, -'.ts'.length)], `server/src/${folder}/rules/${f} must export exactly the rule named by the file`);
      seen.push(ids[0]!);
    }
  }
  assert.deepEqual(seen.sort(), [...registered].sort(), 'rule files and the registries differ');
});
