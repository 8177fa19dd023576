import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleMetas } from '../../server/src/lint';
import { SCHEMA_FILE_GLOBS, matchesSchemaGlob } from '../../server/src/machineconfig/schemaFiles';

const root = path.resolve(__dirname, '..', '..');

test('every rule has a documentation page and a README entry', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  for (const m of ruleMetas) {
    const page = fs.readFileSync(path.join(root, 'docs', 'rules', `${m.id}.md`), 'utf8');
    assert.match(page, new RegExp(`^# ${m.id}\\n`));
    assert.ok(page.includes(m.why), `${m.id} page is out of date: run npx tsx scripts/gen-rule-docs.ts`);
    assert.ok(readme.includes(`docs/rules/${m.id}.md`), `README does not list ${m.id}`);
  }
});

test('package.json contributes the schemas for exactly the globs the server knows', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { yamlValidation: { fileMatch: string[]; url: string }[] };
  };
  const contributed = Object.fromEntries(pkg.contributes.yamlValidation.map((v) => [v.url, v.fileMatch]));
  assert.deepEqual(contributed, SCHEMA_FILE_GLOBS);
  for (const url of Object.keys(contributed)) assert.ok(fs.existsSync(path.join(root, url)), url);
  assert.ok(matchesSchemaGlob('/w/cluster/machineconfigs/99-worker.yaml'));
  assert.ok(matchesSchemaGlob('/w/os-layer.mc.yaml'));
  assert.ok(!matchesSchemaGlob('/w/deployment.yaml'));
});
