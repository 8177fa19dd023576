import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTest, BASE, mosc } from '../ruleTester';
import { lintYaml } from '../../../server/src/lint';

const el = (n: number) => `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el${n}.x86_64.rpm`;

ruleTest('el-stream-mismatch', {
  valid: [
    // silent without a version
    el(8),
    { code: el(9), ocp: '4.16' },
    { code: el(8), ocp: '4.12' },
    // 4.21 and later: a pool may run the RHEL 10 stream; without the pool both are right
    { code: el(10), ocp: '4.21' },
    { code: el(9), ocp: '4.22' },
    { code: el(10), ocp: '5.0' },
    { code: el(9), ocp: '5.0' },
    // The script sets PKG itself, so the ARG's value is not what it installs.
    { code: `${BASE}\nARG PKG=fish-3.3.1-3.el8\nRUN PKG=fish && rpm-ostree install $PKG`, ocp: '4.16' },
  ],
  invalid: [
    {
      // ENV X v (the old form); the value is split into words because $PKGS is not quoted.
      code: `${BASE}\nENV PKGS tmux https://x/fish-3.3.1-3.el8.x86_64.rpm\nRUN rpm-ostree install $PKGS`,
      ocp: '4.16',
      errors: [
        {
          range: [2, 23, 2, 28],
          message:
            /`fish` is built for RHEL 8.*\(`\$PKGS` is `tmux https:\/\/x\/fish-3\.3\.1-3\.el8\.x86_64\.rpm`, from `ENV PKGS` at line 2\)$/,
        },
      ],
    },
    {
      // On-cluster: ${VAR:-default} with VAR known and empty takes the default.
      code: `FROM configs AS final\nARG EXTRA=\nRUN dnf install -y \${EXTRA:-fish-3.3.1-3.el8} && dnf clean all`,
      ocp: '4.18',
      errors: [{ range: [2, 19, 2, 45], message: /\(`\$EXTRA` is empty, from `ARG EXTRA` at line 2\)$/ }],
    },
    {
      code: el(8),
      ocp: '4.16',
      errors: [
        { range: [1, 23, 1, 60], message: /^`fish` is built for RHEL 8 \(\.el8\), but RHCOS 4\.16 is RHEL 9\.4: use the \.el9 build\.$/ },
      ],
    },
    { code: el(9), ocp: '4.12', errors: [{ range: [1, 23, 1, 60], message: /RHCOS 4\.12 is RHEL 8\.6: use the \.el8 build/ }] },
    // RHEL 10 does not exist before the streams (4.21)
    {
      code: el(10),
      ocp: '4.20',
      errors: [{ range: [1, 23, 1, 61], message: /built for RHEL 10 \(\.el10\), but RHCOS 4\.20 is RHEL 9\.6/ }],
    },
    {
      code: el(8),
      ocp: '4.22',
      errors: [
        { range: [1, 23, 1, 60], message: /RHCOS 4\.22 is RHEL 9 or 10 \(by the pool's osImageStream\): use a \.el9 or \.el10 build/ },
      ],
    },
    { code: el(8), ocp: '5.0', errors: [{ range: [1, 23, 1, 60], message: /RHCOS 5\.0 is RHEL 9 or 10/ }] },
  ],
});

// The Containerfile of a MachineOSConfig is judged by the stream of its pool (spec.osImageStream.name)
const POOL = (stream: string) =>
  [
    '---',
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfigPool',
    'metadata:',
    '  name: worker',
    'spec:',
    '  machineConfigSelector: {matchLabels: {machineconfiguration.openshift.io/role: worker}}',
    '  osImageStream:',
    `    name: ${stream}`,
  ].join('\n') + '\n';
const onCluster = (n: number) =>
  mosc('worker', ['FROM configs AS final', `RUN dnf install -y https://x/fish-3.3.1-3.el${n}.x86_64.rpm && dnf clean all`]);
const findings = (text: string, ocpVersion: string, pools?: { file: string; name: string; stream: string }[]) =>
  lintYaml(text, { ocpVersion, ...(pools ? { workspace: { machineConfigs: [], containerfileRpms: [], pools } } : {}) })
    .diagnostics.filter((d) => d.ruleId === 'el-stream-mismatch')
    .map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message] as const);

test('el-stream-mismatch: a MachineOSConfig on a rhel-10 pool of the same file wants .el10', () => {
  assert.deepEqual(findings(onCluster(9) + POOL('rhel-10'), '4.21'), [
    [16, 27, 16, 64, "`fish` is built for RHEL 9 (.el9), but the pool's stream rhel-10 is RHEL 10: use the .el10 build."],
  ]);
  assert.deepEqual(findings(onCluster(10) + POOL('rhel-10'), '4.21'), []);
});

test('el-stream-mismatch: a MachineOSConfig on a rhel-9 pool of the workspace wants .el9', () => {
  assert.deepEqual(findings(onCluster(10), '5.0', [{ file: 'pools.yaml', name: 'worker', stream: 'rhel-9' }]), [
    [16, 27, 16, 65, "`fish` is built for RHEL 10 (.el10), but the pool's stream rhel-9 is RHEL 9: use the .el9 build."],
  ]);
  // another pool's stream says nothing about this MOSC's pool: both are right on 5.0
  assert.deepEqual(findings(onCluster(10), '5.0', [{ file: 'pools.yaml', name: 'infra', stream: 'rhel-9' }]), []);
});
