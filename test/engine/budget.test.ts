/** The work budget of a Containerfile (lint/budget.ts): counted before parsing, reported as lint-incomplete. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintContainerfile } from '../../server/src/lint';
import { containerfileWork, CONTAINERFILE_WORK_BUDGET } from '../../server/src/lint/budget';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);

test('a 2,000-instruction Containerfile is inside the budget and linted', () => {
  const text = BASE + '\n' + Array.from({ length: 2_000 }, (_, i) => `RUN rpm-ostree install p${i} && ostree container commit`).join('\n');
  assert.ok(containerfileWork(text).units < CONTAINERFILE_WORK_BUDGET, `${containerfileWork(text).units} units`);
  assert.ok(!lintContainerfile(text).diagnostics.some((d) => d.ruleId === 'lint-incomplete'));
});

test('over the budget: one lint-incomplete that counts what the file holds and says to split it, nothing parsed', () => {
  const text = `${BASE}\nRUN dnf install -y tree\nRUN echo \\\n  a \\\n  b`;
  const r = lintContainerfile(text, { workBudget: 10 });
  assert.deepEqual(
    r.diagnostics.map((d) => [d.ruleId, d.severity, d.message]),
    [
      [
        'lint-incomplete',
        'warning',
        'This file was not checked: its 168 characters, 5 lines and 13 words are more than RHCOS Layering ' +
          'checks in one file. Split it into smaller Containerfiles, or move long scripts into files the build copies in, to get diagnostics.',
      ],
    ],
  );
  assert.ok(!lintContainerfile(text).diagnostics.some((d) => d.ruleId === 'lint-incomplete'), 'linted under the default budget');
});
