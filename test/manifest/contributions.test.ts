/** package.json's contributions agree with the code that serves them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../common/commands';
import { problemLine } from '../../client/src/build/builder';
import { ruleMetas } from '../../server/src/lint';
import { parseOcpVersion } from '../../server/src/core/version';
import { OCP_VERSIONS } from '../../common/ocpVersions';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
type Setting = { scope?: string; enum?: string[]; enumItemLabels?: string[]; propertyNames?: { enum: string[] }; order?: number };
const categories = pkg.contributes.configuration as { title: string; order: number; properties: Record<string, Setting> }[];
const settings: Record<string, Setting> = Object.assign({}, ...categories.map((c) => c.properties));

test('every contributed command is registered by the extension, and only those', () => {
  assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), [...COMMANDS].sort());
});

test('commands that run programs or touch a cluster are disabled in Restricted Mode; setting the version, showing the output and rule pages are not', () => {
  const harmless = ['rhcosLayering.setOcpVersion', 'rhcosLayering.showOutput', 'rhcosLayering.showRuleDoc'];
  for (const c of pkg.contributes.commands) {
    if (harmless.includes(c.command)) assert.equal(c.enablement, undefined);
    else assert.match(c.enablement ?? '', /isWorkspaceTrusted/, c.command);
  }
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
  const props = settings;
  for (const k of [
    'rhcosLayering.pullSecretPath',
    'rhcosLayering.buildTool',
    'rhcosLayering.kubeconfig',
    'rhcosLayering.certificateAuthority',
  ]) {
    assert.equal(props[k]?.scope, 'machine', k);
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(k), k);
  }
});

test('settings come in three groups, Lint, Build and Cluster, each ordered', () => {
  assert.deepEqual(
    categories.map((c) => [c.title, c.order]),
    [
      ['Lint', 0],
      ['Build', 1],
      ['Cluster', 2],
    ],
  );
  for (const c of categories) {
    const orders = Object.values(c.properties).map((p) => p.order);
    assert.deepEqual(orders, [...orders.keys()], `${c.title}: order 0, 1, 2, … as listed`);
  }
  assert.ok(settings['rhcosLayering.kubeconfig'] && categories[2]!.properties['rhcosLayering.kubeconfig']);
});

test('the OpenShift version is a dropdown of the versions the rules know, and rule ids are completed in rhcosLayering.rules', () => {
  const ocp = settings['rhcosLayering.ocpVersion']!;
  assert.equal(ocp.enum![0], '');
  assert.equal(ocp.enum!.length, ocp.enumItemLabels!.length);
  for (const v of ocp.enum!.slice(1)) assert.ok(parseOcpVersion(v), v);
  assert.deepEqual(ocp.enum!.slice(1), [...OCP_VERSIONS], 'the dropdown offers what Set OpenShift Version… offers');
  assert.deepEqual(settings['rhcosLayering.rules']!.propertyNames!.enum, ruleMetas.map((m) => m.id).sort(), 'run npm run docs');
});

test('commands that ask for input end with an ellipsis, and title-bar icons are distinct', () => {
  const cmds = pkg.contributes.commands as { command: string; title: string; icon?: string }[];
  const asks = [
    'rhcosLayering.buildLayeredImage',
    'rhcosLayering.pushLayeredImage',
    'rhcosLayering.selectContext',
    'rhcosLayering.applyLayeredImage',
    'rhcosLayering.applyMachineConfig',
    'rhcosLayering.rollBack',
    'rhcosLayering.setOcpVersion',
    'rhcosLayering.filterRollouts',
    'rhcosLayering.applyContainerfileToPool',
    'rhcosLayering.logIn',
    'rhcosLayering.chooseKubeconfig',
    'rhcosLayering.prepullImage',
  ];
  for (const c of cmds) assert.equal(c.title.endsWith('…'), asks.includes(c.command), c.command);
  const icons = cmds.filter((c) => c.icon).map((c) => c.icon);
  assert.equal(new Set(icons).size, icons.length, `same icon twice: ${String(icons)}`);
});

test('one walkthrough of at most five steps, each with its page and a completion event; its command links exist', () => {
  const walkthroughs = pkg.contributes.walkthroughs as {
    steps: { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
  }[];
  assert.equal(walkthroughs.length, 1);
  const steps = walkthroughs[0]!.steps;
  assert.ok(steps.length >= 3 && steps.length <= 5, `${steps.length} steps`);
  const known = new Set<string>([...COMMANDS, 'workbench.action.files.openFile']);
  for (const s of steps) {
    assert.ok(fs.existsSync(path.join(__dirname, '..', '..', s.media.markdown)), s.media.markdown);
    assert.ok(s.completionEvents.length > 0, s.id);
    for (const m of s.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(known.has(m[1]!), `${s.id}: ${m[1]}`);
    for (const e of s.completionEvents) {
      const cmd = /^onCommand:(.+)$/.exec(e)?.[1];
      if (cmd) assert.ok(known.has(cmd), `${s.id}: ${cmd}`);
    }
  }
});
