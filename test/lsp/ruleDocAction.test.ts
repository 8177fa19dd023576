/** "Show documentation for <rule>": offered only to a client that names the command that opens a rule's page. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { start } from '../harness/lspClient';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
const TEXT = `${BASE}\nRUN echo hi > /etc/motd`;

async function actionsFor(initializationOptions?: Record<string, unknown>) {
  const s = await start({}, initializationOptions ? { initializationOptions } : {});
  try {
    const uri = 'file:///work/example/docs/Containerfile';
    const wait = s.diagnostics(uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT } });
    const diags = (await wait).diagnostics;
    return await s.conn.sendRequest<{ title: string; command?: { command: string; arguments: unknown[] }; edit?: unknown }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: diags } },
    );
  } finally {
    await s.close();
  }
}

test('a client naming its rule-page command gets one documentation action per rule, last, with the rule id', async () => {
  const actions = await actionsFor({ ruleDocCommand: 'rhcosLayering.showRuleDoc' });
  assert.deepEqual(
    actions.map((a) => a.title),
    [
      'Append `&& bootc container lint`',
      'Append `&& ostree container commit`',
      'Ignore missing-ostree-commit for this instruction',
      'Show documentation for missing-ostree-commit',
    ],
  );
  const doc = actions[3]!;
  assert.deepEqual(doc.command, {
    title: 'Show documentation for missing-ostree-commit',
    command: 'rhcosLayering.showRuleDoc',
    arguments: ['missing-ostree-commit'],
  });
  assert.equal(doc.edit, undefined);
  // The page the command opens ships with the extension.
  assert.ok(fs.existsSync(path.join(__dirname, '..', '..', 'docs', 'rules', 'missing-ostree-commit.md')));
});

test('a client that names no command (another editor) gets no action it could not run', async () => {
  const actions = await actionsFor();
  assert.equal(
    actions.some((a) => a.title.startsWith('Show documentation')),
    false,
  );
});
