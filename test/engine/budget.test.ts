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

test('a generated 10,000-line layering Containerfile is inside the budget: its findings are reported at their lines', () => {
  const lines = [BASE];
  for (let i = 0; lines.length < 10_000; i++) {
    lines.push(
      `# step ${i}: layer tools`,
      `RUN rpm-ostree install tool${i} htop-${i}.1-1.el9 && \\`,
      `    mkdir -p /usr/lib/tool${i} && echo "conf ${i}" > /etc/tool${i}.conf && \\`,
      `    rpm-ostree cleanup -m && \\`,
      `    ostree container commit`,
      `COPY files/tool${i}.conf /etc/tool${i}/`,
      `ENV TOOL${i}_HOME=/usr/lib/tool${i}`,
      `LABEL tool${i}.version="${i}.0"`,
      `RUN systemctl enable tool${i}.service && ostree container commit`,
      '',
    );
  }
  const text = lines.slice(0, 10_000).join('\n') + '\nRUN dnf install -y tree\n';
  assert.ok(containerfileWork(text).units < CONTAINERFILE_WORK_BUDGET, `${containerfileWork(text).units} units`);
  const found = lintContainerfile(text).diagnostics.map((d) => [
    d.ruleId,
    d.range.start.line,
    d.range.start.character,
    d.range.end.character,
  ]);
  assert.deepEqual(found, [
    ['missing-ostree-commit', 10_000, 0, 3],
    ['dnf-no-clean', 10_000, 4, 15],
  ]);
});
