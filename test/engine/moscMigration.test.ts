/** A v1alpha1 MachineOSConfig (4.16–4.17) becomes a v1 one (4.18+) by its quick fixes alone, one after another, as a user would apply them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/lint';
import { applyFix } from '../rules/ruleTester';

test("MCO's 2024 v1alpha1 quickstart MachineOSConfig reaches a clean v1 object on 4.20 through the quick fixes", () => {
  let text = fs.readFileSync(path.join(__dirname, '..', 'corpus', 'mco-quickstart-v1alpha1-mosc.yaml'), 'utf8');
  const applied: string[] = [];
  for (let i = 0; i < 20; i++) {
    const d = lint(text, 'yaml', { ocpVersion: '4.20' }).diagnostics.find((x) => x.fixes.length > 0);
    if (!d) break;
    applied.push(`${d.ruleId}: ${d.fixes[0]!.title}`);
    text = applyFix(text, d);
  }
  assert.deepEqual(applied, [
    'mosc-api-version: Change to machineconfiguration.openshift.io/v1',
    'mosc-v1alpha1-fields: Move the fields of buildInputs into spec',
    'mosc-v1alpha1-fields: Change to NoArch',
    'mosc-v1alpha1-fields: Change to Job',
    'mosc-v1alpha1-fields: Change to renderedImagePushSpec',
    'mosc-v1alpha1-fields: Remove buildOutputs',
  ]);
  assert.deepEqual(
    lint(text, 'yaml', { ocpVersion: '4.20' }).diagnostics.map((d) => `${d.ruleId}: ${d.message}`),
    [],
  );
  assert.match(
    text,
    /\n {2}renderedImagePushSpec: image-registry\.openshift-image-registry\.svc:5000\/openshift-machine-config-operator\/os-image:latest\n/,
  );
  assert.match(text, /\n {4}- containerfileArch: NoArch\n {6}content: \|-\n {8}FROM configs AS final\n/);
  assert.doesNotMatch(text, /buildInputs|buildOutputs|currentImagePullSecret/);
});
