/** Writes docs/rules/<id>.md from each rule's metadata and the examples below. Run: npx tsx scripts/gen-rule-docs.ts */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleMetas } from '../server/src/lint';

const B = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>';
const EX: Record<string, { bad: string; good: string; fix: string }> = {
  'from-not-digest-pinned': { bad: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev:4.16', good: B, fix: 'Run `oc adm release info --image-for rhel-coreos` against the cluster\'s release and use the printed `…@sha256:` reference.' },
  'from-placeholder-digest': { bad: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256...', good: B, fix: 'Replace the placeholder with the real digest printed by `oc adm release info --image-for rhel-coreos`.' },
  'from-release-payload': { bad: 'FROM quay.io/openshift-release-dev/ocp-release@sha256:<digest>', good: B, fix: '`oc adm release info --image-for rhel-coreos quay.io/openshift-release-dev/ocp-release:<version>-x86_64` prints the rhel-coreos image inside the payload.' },
  'from-arg-no-default': { bad: 'ARG RHCOS_IMAGE\nFROM ${RHCOS_IMAGE}', good: 'ARG RHCOS_IMAGE=quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<digest>\nFROM ${RHCOS_IMAGE}', fix: 'Give the ARG a digest-pinned default, or always build with `--build-arg`.' },
  'missing-ostree-commit': { bad: `${B}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m`, good: `${B}\nRUN rpm-ostree install tree && \\\n    rpm-ostree cleanup -m && \\\n    ostree container commit`, fix: 'Quick fix: *Append `&& ostree container commit`*. Join the commit with `&&` (not `;`), keep it last, and do not let it be swallowed as arguments by a missing `&&`.' },
  'rpm-ostree-no-cleanup': { bad: `${B}\nRUN rpm-ostree install tree && ostree container commit`, good: `${B}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`, fix: 'Quick fix: *Add `rpm-ostree cleanup -m`*. `rm -rf /var/cache` counts too.' },
  'kernel-without-cliwrap': { bad: `${B}\nRUN rpm-ostree override replace ./kernel-*.rpm`, good: `${B}\nRUN rpm-ostree cliwrap install-to-root / && \\\n    rpm-ostree override replace ./kernel-*.rpm && \\\n    ostree container commit`, fix: 'Quick fix: *Insert `rpm-ostree cliwrap install-to-root /`*.' },
  'kernel-incomplete-set': { bad: `${B}\nRUN rpm-ostree override replace kernel-{,core-,modules-}5.14.0-295.el9`, good: `${B}\nRUN rpm-ostree override replace kernel-{,core-,modules-,modules-core-,modules-extra-}5.14.0-295.el9`, fix: 'List every subpackage of the stream. The RHEL stream is read from `.elN` in the package names, else from `rhcosLayering.ocpVersion`; when neither is known the RHEL 8 set is required.' },
  'kernel-version-mismatch': { bad: `${B}\nRUN rpm-ostree override replace kernel-5.14.0-295.el9 kernel-core-5.14.0-296.el9`, good: `${B}\nRUN rpm-ostree override replace kernel-5.14.0-295.el9 kernel-core-5.14.0-295.el9`, fix: 'Use one version-release for every kernel subpackage and for `dracut --kver`.' },
  'kernel-install-not-override': { bad: `${B}\nRUN rpm-ostree install kernel-core-5.14.0-295.el9`, good: `${B}\nRUN rpm-ostree override replace kernel-core-5.14.0-295.el9`, fix: 'Use `rpm-ostree override replace` with the whole kernel set.' },
  'rpm-conflicts-machineconfig': { bad: `${B}\nRUN rpm-ostree install usbguard kernel-rt-core`, good: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 99-worker-usbguard\n  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n  extensions: [usbguard]\n  kernelType: realtime', fix: 'Remove the RPM from the Containerfile and enable the extension (or `kernelType: realtime`) in a MachineConfig. The extension list follows `rhcosLayering.ocpVersion`; while it is unknown every extension of any version counts.' },
  'src-rpm-install': { bad: `${B}\nRUN rpm-ostree override replace https://…/haproxy-2.2.24-3.rhaos4.12.el8.src.rpm`, good: `${B}\nRUN rpm-ostree override replace https://…/haproxy-2.2.24-3.rhaos4.12.el8.x86_64.rpm`, fix: 'Use the binary RPM for the node architecture.' },
  'insecure-http': { bad: `${B}\nRUN rpm-ostree install http://mirror.example.com/tool.rpm`, good: `${B}\nRUN rpm-ostree install https://mirror.example.com/tool.rpm`, fix: 'Quick fix: *Use https://*.' },
  'dnf-on-old-ocp': { bad: `${B}\nRUN dnf install -y tree   # with rhcosLayering.ocpVersion = 4.14`, good: `${B}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`, fix: 'Use `rpm-ostree install` on 4.15 and older. Silent while `rhcosLayering.ocpVersion` is unknown.' },
  'rpm-ostree-unsupported-verb': { bad: `${B}\nRUN rpm-ostree kargs --append=nosmt`, good: 'spec:\n  kernelArguments:\n    - nosmt   # in a MachineConfig', fix: 'Move host-level actions to the MachineConfig (`kernelArguments`, `osImageURL`) or drop them.' },
  'content-outside-usr': { bad: `${B}\nRUN mkdir -p /opt/tool && cp tool /opt/tool/`, good: `${B}\nRUN mkdir -p /usr/lib/tool && cp tool /usr/lib/tool/ && \\\n    echo 'L /opt/tool - - - - /usr/lib/tool' > /usr/lib/tmpfiles.d/tool.conf && \\\n    ostree container commit`, fix: 'Install under /usr; relocate /opt content and link it back with tmpfiles.d. A later `mv`/`rm` of the path or a tmpfiles.d entry in the same RUN counts as relocation.' },
  'secret-in-arg-env': { bad: `ARG PULL_SECRET\n${B}`, good: `${B}\n# podman build --authfile ~/.pull-secret.json …`, fix: 'Build with `--authfile`; use `RUN --mount=type=secret` for build secrets.' },
  'el-stream-mismatch': { bad: `${B}\nRUN rpm-ostree install https://…/fish-3.3.1-3.el8.x86_64.rpm   # on 4.16`, good: `${B}\nRUN rpm-ostree install https://…/fish-3.3.1-3.el9.x86_64.rpm`, fix: 'Use the build for the RHEL release of your RHCOS (4.12: RHEL 8; 4.13+: RHEL 9). Silent while `rhcosLayering.ocpVersion` is unknown.' },
  'run-shell-syntax': { bad: `${B}\nRUN echo 'unterminated`, good: `${B}\nRUN echo 'terminated'`, fix: 'Fix the quoting, the `\\` continuation or the unclosed `if`/`do`.' },
};


const M = (spec: string, name = '99-worker-custom') => `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: ${name}\n  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n${spec}`;
Object.assign(EX, {
  'yaml-syntax': { bad: M('  kernelType: realtime\n  kernelType: default'), good: M('  kernelType: realtime'), fix: 'Fix the YAML at the position shown (duplicate keys, indentation, unclosed brackets).' },
  'mc-api-spelling': { bad: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigs', good: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig', fix: 'Quick fix: *Change to …*.' },
  'mc-schema': { bad: M('  kernelArgs:\n    - nosmt'), good: M('  kernelArguments:\n    - nosmt'), fix: 'Use the field names and types of the schema; the message suggests the nearest field. The same schemas are contributed to redhat.vscode-yaml (`yamlValidation`) for completion; when that extension validates a file, these errors are left to it.' },
  'from-not-cluster-base': { bad: '# connected to a cluster whose baseOSContainerImage is quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<cluster digest>\nFROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<another digest>', good: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<cluster digest>\nRUN rpm-ostree install firewalld && ostree container commit', fix: 'Quick fix (while connected): *Use the base image of cluster <context>*, also offered on the other base-image diagnostics. The command *RHCOS Layering: Insert Cluster Base Image* does the same from the palette.' },
  'mc-role-no-pool': { bad: '# connected to a cluster with pools master and worker\napiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: os-layer-gpu\n  labels:\n    machineconfiguration.openshift.io/role: gpu\nspec:\n  osImageURL: quay.io/my/image@sha256:<digest>', good: M('  osImageURL: quay.io/my/image@sha256:<digest>', 'os-layer-worker'), fix: 'Use the name of an existing pool, or create the MachineConfigPool (with a machineConfigSelector that matches the role) before applying.' },
  'mc-role-label': { bad: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: os-layer-custom\nspec:\n  osImageURL: quay.io/my/image@sha256:<digest>', good: M('  osImageURL: quay.io/my/image@sha256:<digest>', 'os-layer-custom'), fix: 'Quick fix: *Add label machineconfiguration.openshift.io/role: <pool>*, one per known pool (worker, master and pools in the same file).' },
  'mc-osimageurl-invalid': { bad: M('  osImageURL: https://quay.io/my/image:latest'), good: M('  osImageURL: quay.io/my/image@sha256:<digest>'), fix: 'Write a plain image reference: registry, repository, and a digest.' },
  'mc-osimageurl-not-pinned': { bad: M('  osImageURL: quay.io/my/image:latest'), good: M('  osImageURL: quay.io/my/image@sha256:<digest>'), fix: 'Push with `podman push --digestfile` and use the digest it writes.' },
  'mc-unknown-extension': { bad: M('  extensions:\n    - kerberos5'), good: M('  extensions:\n    - kerberos'), fix: 'Quick fixes: *Change to <nearest name>* and *Remove this extension*. The list follows `rhcosLayering.ocpVersion`; while it is unknown, names of any version are accepted.' },
  'mc-kernel-type': { bad: M('  kernelType: realtme'), good: M('  kernelType: realtime'), fix: 'Quick fix: *Change to <nearest valid>*.' },
  'mc-kernel-devel-kernel-type': { bad: M('  kernelType: realtime\n  extensions: [kernel-devel]'), good: M('  kernelType: realtime'), fix: 'Drop the kernel-devel extension from realtime or 64k-pages pools.' },
  'mc-ignition-version': { bad: M('  config:\n    ignition:\n      version: 3.5.0   # on 4.16'), good: M('  config:\n    ignition:\n      version: 3.4.0'), fix: 'Use a spec version the cluster accepts (see the table in the message).' },
  'mc-ignition-field-version': { bad: M('  config:\n    ignition:\n      version: 3.2.0\n    kernelArguments:\n      shouldExist: [nosmt]'), good: M('  kernelArguments:\n    - nosmt'), fix: 'Raise `ignition.version` to one the cluster accepts that has the field, or drop it. For kernel arguments use `spec.kernelArguments` anyway: Ignition kernelArguments are refused on day 2.' },
  'mc-irreconcilable': { bad: M('  config:\n    ignition:\n      version: 3.2.0\n    passwd:\n      users:\n        - name: admin'), good: M('  config:\n    ignition:\n      version: 3.2.0\n    passwd:\n      users:\n        - name: core\n          sshAuthorizedKeys: [ssh-ed25519 AAAA...]'), fix: 'Only the core user\'s SSH keys and password hash, files (without `append`) and systemd units can change on day 2; directories and links come from files or tmpfiles.d, kernel arguments from `spec.kernelArguments`.' },
  'mc-install-time-storage': { bad: M('  config:\n    ignition:\n      version: 3.2.0\n    storage:\n      disks:\n        - device: /dev/sdb'), good: '# put disks, filesystems, raid and luks in the install-time Ignition (butane) config', fix: 'Partition and format at install time.' },
  'mc-file-mode': { bad: M('  config:\n    ignition:\n      version: 3.2.0\n    storage:\n      files:\n        - path: /usr/local/bin/tool\n          mode: 2541'), good: M('  config:\n    ignition:\n      version: 3.2.0\n    storage:\n      files:\n        - path: /usr/local/bin/tool\n          mode: 493'), fix: 'Use a decimal mode of at most 511 (0777): 420 = 0644, 493 = 0755.' },
  'mc-data-url': { bad: M('  config:\n    ignition:\n      version: 3.2.0\n    storage:\n      files:\n        - path: /etc/x\n          contents:\n            source: data:;base64,bm90IGJhc2U2NA='), good: M('  config:\n    ignition:\n      version: 3.2.0\n    storage:\n      files:\n        - path: /etc/x\n          contents:\n            source: data:;base64,aGVsbG8K'), fix: 'Re-encode the file: `base64 -w0 file`.' },
  'mc-ignition-v2-keys': { bad: M('  config:\n    ignition:\n      version: 3.2.0\n    storage:\n      files:\n        - filesystem: root\n          path: /etc/x'), good: M('  config:\n    ignition:\n      version: 3.2.0\n    storage:\n      files:\n        - path: /etc/x'), fix: 'Follow the Ignition 2 to 3 migration: drop `filesystem`, `enable` becomes `enabled`, `append` becomes a list.' },
  'mc-fips-day2': { bad: M('  fips: true'), good: '# install-config.yaml\nfips: true', fix: 'Choose FIPS at install time.' },
  'mc-duplicate-osimageurl': { bad: M('  osImageURL: quay.io/a@sha256:<digest>', 'aa-layer') + '\n---\n' + M('  osImageURL: quay.io/b@sha256:<digest>', 'zz-layer'), good: M('  osImageURL: quay.io/b@sha256:<digest>', 'os-layer-custom'), fix: 'Keep one MachineConfig per pool for osImageURL. The message says which one MCO would use.' },
  'mcp-custom-inherit-worker': { bad: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigPool\nmetadata:\n  name: infra\nspec:\n  machineConfigSelector:\n    matchLabels:\n      machineconfiguration.openshift.io/role: infra', good: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigPool\nmetadata:\n  name: infra\nspec:\n  machineConfigSelector:\n    matchExpressions:\n      - {key: machineconfiguration.openshift.io/role, operator: In, values: [worker, infra]}', fix: 'Select worker and the custom role with matchExpressions.' },
  'mc-extension-in-image': { bad: M('  extensions: [usbguard]') + '\n# and Containerfile: RUN rpm-ostree install usbguard', good: M('  extensions: [usbguard]') + '\n# and no usbguard in the Containerfile', fix: 'Install the extension one way: the MachineConfig extension (supported) or the image, not both. Needs the Containerfile in the same workspace (or on the same rhcos-lint command line).' },
  'mosc-name-pool': { bad: 'kind: MachineOSConfig\nmetadata:\n  name: layered\nspec:\n  machineConfigPool:\n    name: worker', good: 'kind: MachineOSConfig\nmetadata:\n  name: worker\nspec:\n  machineConfigPool:\n    name: worker', fix: 'Quick fix: *Rename to <pool>*.' },
  'mosc-containerfile-size': { bad: '      content: |\n        FROM configs AS final\n        RUN ... (more than 4,096 characters)', good: '      content: |\n        FROM configs AS final\n        RUN dnf install -y my-tools && dnf clean all && ostree container commit', fix: 'Package long scripts as an RPM or an image.' },
  'mosc-containerfile-from': { bad: '      content: |\n        FROM quay.io/fedora/fedora-coreos:stable\n        RUN dnf install -y tree', good: '      content: |\n        FROM configs AS final\n        RUN dnf install -y tree && dnf clean all && ostree container commit', fix: 'Start with `FROM configs AS final` and keep `final` the last stage. The Containerfile rules also lint this content, at its place in the YAML.' },
});

const dir = path.resolve(__dirname, '..', 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
const index: string[] = ['# Rules', '', '| id | severity | what |', '| --- | --- | --- |'];
for (const m of ruleMetas) {
  const ex = EX[m.id];
  if (!ex) throw new Error(`no docs example for ${m.id}`);
  const isYaml = (t: string) => /^(apiVersion|kind|spec|#|\s+content|fips)/.test(t);
  const lang = isYaml(ex.good) ? 'yaml' : 'dockerfile';
  const badLang = m.kind === 'yaml' ? 'yaml' : 'dockerfile';
  const page = `# ${m.id}

**${m.title}** — default severity: \`${m.severity}\`${m.fixable ? ' — has a quick fix' : ''}${m.versionDependent ? ' — depends on `rhcosLayering.ocpVersion`' : ''}

## Why

${m.why}

Source: ${m.source}

## Bad

\`\`\`${badLang}
${ex.bad}
\`\`\`

## Good

\`\`\`${lang}
${ex.good}
\`\`\`

## How to fix

${ex.fix}

## Turning it off

- For one instruction: \`# rhcos-lint ignore=${m.id}\` on the line before it.
- For the file: \`# rhcos-lint global ignore=${m.id}\`.${m.hadolint ? `\n- hadolint comments for ${m.hadolint.map((h) => `\`${h}\``).join(', ')} (\`# hadolint ignore=${m.hadolint[0]}\`) are honoured too.` : ''}
- Everywhere: \`"rhcosLayering.rules": { "${m.id}": "off" }\` in settings, or \`rhcos-lint --rule ${m.id}=off\`.
`;
  fs.writeFileSync(path.join(dir, `${m.id}.md`), page);
  index.push(`| [${m.id}](${m.id}.md) | ${m.severity} | ${m.title} |`);
}
fs.writeFileSync(path.join(dir, 'README.md'), index.join('\n') + '\n');

// The README's two rule tables, between their markers.
const readmePath = path.resolve(__dirname, '..', 'README.md');
let readme = fs.readFileSync(readmePath, 'utf8');
for (const kind of ['containerfile', 'yaml'] as const) {
  const rows = ruleMetas.filter((m) => m.kind === kind).map((m) => `| [${m.id}](docs/rules/${m.id}.md) | ${m.severity} | ${m.title} |`);
  const table = ['| id | default | what |', '| --- | --- | --- |', ...rows].join('\n');
  const re = new RegExp(`(<!-- rules:${kind} -->\\n)[\\s\\S]*?(\\n<!-- /rules:${kind} -->)`);
  if (!re.test(readme)) throw new Error(`README.md lacks the <!-- rules:${kind} --> markers`);
  readme = readme.replace(re, `$1${table}$2`);
}
fs.writeFileSync(readmePath, readme);
console.log(`wrote ${ruleMetas.length} rule pages to ${dir}`);
