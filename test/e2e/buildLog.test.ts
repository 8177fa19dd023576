/**
 * On-cluster image builds in a real VS Code (the packaged .vsix in code-server, headless Chromium), against
 * the simulator as `npm start` runs it (OpenShift 4.19, an `infra` pool in image mode next to plain pools):
 * - expanding the infra pool shows its MachineOSConfig and its build; a rebuild shows a new build row first,
 *   and Show Build Log streams its `image-build` log into an output channel while it is written, to the end;
 * - a MachineOSConfig on the worker pool that installs a package the repositories lack fails its build:
 *   a notification says so, and Problems shows the failing STEP on its line of the MachineOSConfig YAML.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand, waitForProblems, treeRows, notification } from '../harness/workbench';
import type { Simulator } from '../harness/cluster-sim/main';
import { DEMO_CONTAINERFILE, setUpImageMode } from '../harness/cluster-sim/demo';
import { startSession, SHOTS } from '../harness/e2eSession';
import type { Session } from '../harness/e2eSession';

const POOL_LABEL = 'machineconfiguration.openshift.io/target-machine-config-pool';
const PUSH = 'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest';
/** The worker pool's Containerfile: line 3 installs a package the simulated repositories do not have. */
const FAILING = [
  'FROM configs AS final',
  'RUN dnf install -y tree',
  'RUN dnf install -y nosuchpkg && \\',
  '    ostree container commit',
].join('\n');
let s: Session;
let sim: Simulator;
let page: Page;
let ws: string;

function moscYaml(pool: string, content: string): string {
  return [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineOSConfig',
    'metadata:',
    `  name: ${pool}`,
    'spec:',
    '  machineConfigPool:',
    `    name: ${pool}`,
    '  imageBuilder:',
    '    imageBuilderType: Job',
    '  renderedImagePushSecret:',
    '    name: builder-dockercfg-sim7x',
    `  renderedImagePushSpec: ${PUSH}`,
    '  containerFile:',
    '    - containerfileArch: NoArch',
    '      content: |-',
    ...content.split('\n').map((l) => `        ${l}`),
    '',
  ].join('\n');
}

before(async () => {
  s = await startSession({
    name: 'builds',
    cluster: { ocpVersion: '4.19', nodes: { master: 1, worker: 1, infra: 2 }, missingPackages: ['nosuchpkg'], speed: 1 },
    prepare: async ({ sim }) => {
      await setUpImageMode(sim!, 'infra', 1);
    },
    files: { 'image-mode/worker.mosc.yaml': moscYaml('worker', FAILING) },
    settings: { 'rhcosLayering.ocpVersion': '4.19' },
  });
  ({ sim, page, ws } = s);
});

after(async () => {
  await s?.stop();
});

const pane = () => s.pane();
const until = <T>(what: string, f: () => Promise<T | undefined | false> | T | undefined | false, ms?: number) => s.until(what, f, ms);

const buildsOf = (pool: string) => sim.store.list('machineosbuilds').filter((b) => b.metadata.labels?.[POOL_LABEL] === pool);

/** The text the editors and the Output panel show now (their visible lines); only the log's lines are looked for in it. */
const outputText = () =>
  page
    .evaluate<string>(`[...document.querySelectorAll('.view-lines')].map((e) => e.innerText).join('\\n')`)
    .then((t) => t.replace(/\u00a0/g, ' ')); // the editor renders spaces as no-break spaces

test('a layered pool shows its MachineOSConfig and builds; Show Build Log streams a new build to its end', async () => {
  await s.openRollouts(/^infra 2\/2 · Updated$/);
  await pane()
    .locator('.monaco-list-row', { hasText: /^\s*infra/ })
    .first()
    .click();
  await until('the MachineOSConfig row', async () =>
    (await treeRows(page)).some((r) => /^MachineOSConfig infra image built · 1 build$/.test(r)),
  );
  await pane().locator('.monaco-list-row', { hasText: 'MachineOSConfig infra' }).first().click();
  const first = buildsOf('infra')[0]!.metadata.name;
  await until('the succeeded build row', async () => (await treeRows(page)).some((r) => r.startsWith(`${first} Succeeded · `)));
  // An edit of the MOSC's Containerfile (as `oc apply` would make it): a new MOSB, shown first, and the pool says "building".
  const editedAt = Date.now();
  sim.store.mutate('machineosconfigs', 'infra', (m) => {
    m['spec'] = {
      ...(m['spec'] as object),
      containerFile: [{ containerfileArch: 'NoArch', content: `${DEMO_CONTAINERFILE}\nRUN seq 300` }],
    };
    return m;
  });
  const next = await until(
    'the new MOSB on the simulator',
    () => buildsOf('infra').find((b) => b.metadata.name !== first)?.metadata.name,
    30_000,
  );
  await until('the new build row, first, building', async () => {
    const rows = await treeRows(page);
    const i = rows.findIndex((r) => r.startsWith(`${next} `));
    return i >= 0 && /^\S+ (Pending|Building)/.test(rows[i]!) && rows.some((r) => /^infra building · 2\/2/.test(r));
  });
  await page.screenshot({ path: path.join(SHOTS, 'build-rows.png') });
  // Show Build Log from the palette, picking the build.
  await runCommand(page, 'RHCOS Layering: Show Build Log');
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: next });
  await pick.first().waitFor({ timeout: 30_000 });
  await pick.first().click();
  const firstLine = await until(
    'the first log line in the output',
    async () => (/\+ buildah bud|STEP \d+\/\d+: |Copying blob/.test(await outputText()) ? Date.now() : 0),
    60_000,
  );
  // Lines keep arriving while the build runs: the output grows before the build ends.
  const early = await outputText();
  assert.doesNotMatch(early, /log complete/, 'the log is shown before the build ends');
  const running =
    (await until('a STEP line', async () => /STEP \d+\/\d+/.test(await outputText()), 60_000)) &&
    buildsOf('infra').find((b) => b.metadata.name === next);
  assert.ok(running, 'the build is still there while its log streams');
  await page.screenshot({ path: path.join(SHOTS, 'build-log-streaming.png') });
  const end = await until(
    'the end of the log',
    async () => {
      const t = await outputText();
      return /Build Succeeded: log complete/.test(t) ? t : undefined;
    },
    120_000,
  );
  assert.notEqual(early, end, 'the output changed while the build ran');
  assert.match(end, /Writing manifest to image destination/);
  console.log(`MachineOSConfig edit to the first build log line in the output: ${firstLine - editedAt} ms`);
  await page.screenshot({ path: path.join(SHOTS, 'build-log.png') });
});

test('a build that fails on a missing package: a notification, and the failing STEP in Problems on its YAML line', async () => {
  sim.setSpeed(8); // four attempts (backoffLimit 3) with their backoff, faster
  try {
    sim.store.create('machineosconfigs', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineOSConfig',
      metadata: { name: 'worker' },
      spec: {
        machineConfigPool: { name: 'worker' },
        imageBuilder: { imageBuilderType: 'Job' },
        renderedImagePushSecret: { name: 'builder-dockercfg-sim7x' },
        renderedImagePushSpec: PUSH,
        containerFile: [{ containerfileArch: 'NoArch', content: FAILING }],
      },
    });
    const toast = await notification(page, /image build of pool worker failed/, 120_000);
    assert.match(toast.text, /\(worker-[0-9a-f]+\): Build Failed\./);
    const found = await waitForProblems(
      page,
      (p) => p.some((x) => x.file.endsWith('worker.mosc.yaml') && /failed at this step/.test(x.message)),
      60_000,
    );
    const p = found.find((x) => x.file.endsWith('worker.mosc.yaml'))!;
    // Line 18 of the YAML is line 3 of the content: `RUN dnf install -y nosuchpkg && \`.
    assert.equal(p.line, 18);
    assert.equal(p.column, 9);
    assert.equal(
      fs.readFileSync(path.join(ws, 'image-mode', 'worker.mosc.yaml'), 'utf8').split('\n')[17],
      '        RUN dnf install -y nosuchpkg && \\',
    );
    assert.match(p.message, /STEP 3\/3\): building at STEP "RUN dnf install -y nosuchpkg && ostree container commit": exit status 1/);
    assert.ok(
      (await treeRows(page)).some((r) => /^worker build failed · /.test(r)),
      'the pool row says the build failed',
    );
    await page.screenshot({ path: path.join(SHOTS, 'build-failed-problems.png') });
  } finally {
    sim.setSpeed(1);
  }
});
