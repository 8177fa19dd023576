/** Writes docs/rules/<id>.md from each rule's metadata and the examples below. Run: npx tsx scripts/gen-rule-docs.ts */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleMetas } from '../server/src/engine/lint';

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

const dir = path.resolve(__dirname, '..', 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
const index: string[] = ['# Rules', '', '| id | severity | what |', '| --- | --- | --- |'];
for (const m of ruleMetas) {
  const ex = EX[m.id];
  if (!ex) throw new Error(`no docs example for ${m.id}`);
  const lang = ex.good.startsWith('apiVersion') || ex.good.startsWith('spec:') ? 'yaml' : 'dockerfile';
  const page = `# ${m.id}

**${m.title}** — default severity: \`${m.severity}\`${m.fixable ? ' — has a quick fix' : ''}${m.versionDependent ? ' — depends on `rhcosLayering.ocpVersion`' : ''}

## Why

${m.why}

Source: ${m.source}

## Bad

\`\`\`dockerfile
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
console.log(`wrote ${ruleMetas.length} rule pages to ${dir}`);
