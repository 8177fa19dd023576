/** package.json's contributions agree with the code that serves them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../common/commands';
import { problemLine } from '../../client/src/build/builder';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

test('every contributed command is registered by the extension, and only those', () => {
  assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), [...COMMANDS].sort());
});

test('commands that run programs or touch a cluster are disabled in Restricted Mode', () => {
  for (const c of pkg.contributes.commands) assert.match(c.enablement ?? '', /isWorkspaceTrusted/, c.command);
});

test('the problem matcher reads the line the build task prints for a failed step', () => {
  const m = pkg.contributes.problemMatchers[0];
  const line = problemLine({ file: '/w/layered/Containerfile', line: 2, message: 'RUN exit 3 at line 3 exited with status 3.' });
  const r = new RegExp(m.pattern.regexp).exec(line)!;
  assert.deepEqual(
    [r[m.pattern.file], r[m.pattern.line], r[m.pattern.severity], r[m.pattern.message]],
    ['/w/layered/Containerfile', '3', 'error', 'RUN exit 3 at line 3 exited with status 3.'],
  );
});

test('settings that name files or programs on this machine are machine-scoped and restricted when untrusted', () => {
  const props = pkg.contributes.configuration.properties;
  for (const k of ['rhcosLayering.pullSecretPath', 'rhcosLayering.buildTool']) {
    assert.equal(props[k].scope, 'machine', k);
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(k), k);
  }
});
