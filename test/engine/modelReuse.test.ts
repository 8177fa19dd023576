/** The open document's workspace facts read the model its lint just built (containerfile/model.ts `lastModel`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintContainerfile } from '../../server/src/lint';
import { extractFacts } from '../../server/src/lint/workspaceFacts';
import { buildModel, lastModel } from '../../server/src/containerfile/model';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);

test('facts after a lint of the same text come from its model, and equal the facts of a fresh build', () => {
  const text = `${BASE}\nRUN rpm-ostree install usbguard && \\\n    ostree container commit\n`;
  const other = `${BASE}\nRUN rpm-ostree install tree && ostree container commit\n`;
  lintContainerfile(text);
  const model = lastModel(text);
  assert.ok(model, 'the lint left its model');
  assert.equal(lastModel(other), undefined, 'another text has no model to reuse');
  const reused = extractFacts('Containerfile', text, 'containerfile');
  assert.deepEqual(reused.containerfileRpms, [{ file: 'Containerfile', rpm: 'usbguard', line: 1 }]);
  buildModel(other);
  assert.equal(lastModel(text), undefined, 'only the last model is kept');
  assert.deepEqual(extractFacts('Containerfile', text, 'containerfile'), reused);
});
