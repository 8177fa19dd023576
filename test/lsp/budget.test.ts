/**
 * Huge but legal Containerfiles (under the size limit) cost a bounded amount of work: each ends with
 * a `lint-incomplete` diagnostic that says it was not checked and what to do, and the server answers
 * a hover on another document meanwhile. Each of these files took minutes (and gigabytes) before.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, Session, messageText } from '../harness/lspClient';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
const HUGE: Record<string, () => string> = {
  '100,000 RUN instructions': () => BASE + '\n' + Array.from({ length: 100_000 }, (_, i) => `RUN echo ${i}`).join('\n'),
  'a 150,000-word RUN': () => BASE + '\nRUN rpm-ostree install ' + Array.from({ length: 150_000 }, (_, i) => `p${i}`).join(' '),
  '1,000,000 continuation lines': () => BASE + '\nRUN echo \\\n' + 'a \\\n'.repeat(1_000_000) + 'b',
  'a 7.9 MB line': () => BASE + '\nRUN echo ' + 'x'.repeat(7_900_000),
};
const SMALL = `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m`;

let s: Session;
before(async () => {
  s = await start({ ocpVersion: '4.16', rules: {} });
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///work/budget/small/Containerfile', languageId: 'dockerfile', version: 1, text: SMALL },
  });
});
after(async () => {
  await s.close();
});

for (const [name, make] of Object.entries(HUGE)) {
  test(`${name}: not checked, said so, and a hover is answered meanwhile`, async () => {
    const uri = `file:///work/budget/${name.replace(/\W+/g, '-')}/Containerfile`;
    const published = s.diagnostics(uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: make() } });
    const hover = await s.conn.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///work/budget/small/Containerfile' },
      position: { line: 1, character: 6 },
    });
    assert.match(JSON.stringify(hover), /rpm-ostree/);
    const p = await published;
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['lint-incomplete'],
    );
    assert.match(messageText(p.diagnostics[0]!), /^This file was not checked: .* Split it into smaller Containerfiles/);
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
}
