// Generated inputs for npm run bench: Containerfiles, MachineConfigs (rendered-size, base64-heavy) and a GitOps workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);

function block(i) {
  return [
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
  ];
}

/** A layering Containerfile of `lines` lines: one FROM, then blocks of RUN/COPY/ENV/LABEL. */
export function containerfile(lines) {
  const out = [BASE];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.slice(0, lines).join('\n') + '\n';
}

/** A MachineConfig of about `lines` lines writing files; `base64Bytes` adds one file of that much base64. */
export function machineConfig(lines, base64Bytes = 0, name = '99-worker-files', role = 'worker') {
  const out = [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    machineconfiguration.openshift.io/role: ${role}`,
    'spec:',
    '  config:',
    '    ignition:',
    '      version: 3.4.0',
    '    storage:',
    '      files:',
  ];
  if (base64Bytes) {
    out.push(
      '        # step big',
      '        - path: /etc/big.bin',
      '          mode: 420',
      '          contents:',
      `            source: data:;base64,${Buffer.alloc((base64Bytes * 3) / 4, 7).toString('base64')}`,
    );
  }
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `        # step ${i}`,
      `        - path: /etc/tool${i}.conf`,
      '          mode: 420',
      '          overwrite: true',
      '          contents:',
      `            source: data:,setting%3D${i}`,
    );
  }
  return out.join('\n') + '\n';
}

const deployment = (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 40}
spec:
  replicas: 2
  selector:
    matchLabels: { app: app-${i} }
  template:
    metadata:
      labels: { app: app-${i} }
    spec:
      containers:
        - name: app
          image: quay.io/example/app-${i}:v1
          ports: [{ containerPort: 8080 }]
`;
const configMap = (i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
  namespace: team-${i % 40}
data:
  settings.ini: |
${Array.from({ length: 20 }, (_, k) => `    key${k}=value-${i}-${k}`).join('\n')}
`;
const service = (i) => `apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: team-${i % 40}
spec:
  selector: { app: app-${i} }
  ports: [{ port: 80, targetPort: 8080 }]
`;

/**
 * A GitOps repository of `files` files under `dir`: Deployments, ConfigMaps and Services, small MachineConfigs,
 * a few Containerfiles, a few 1–2 MB rendered MachineConfigs and one 50,000-line Containerfile.
 */
export function gitopsWorkspace(dir, files = 3000) {
  const write = (rel, text) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  };
  let n = 0;
  write('layering/huge/Containerfile', containerfile(50_000));
  n++;
  for (let i = 0; i < 5; i++, n++) write(`layering/image-${i}/Containerfile`, containerfile(200));
  for (let i = 0; i < 3; i++, n++)
    write(
      `rendered/rendered-worker-${i}.yaml`,
      machineConfig(2000, Math.round(((1 + 0.4 * i) * 1024 * 1024) / 4) * 4, `rendered-worker-${i}`),
    );
  for (let i = 0; i < 40; i++, n++) write(`machineconfigs/99-worker-${i}.yaml`, machineConfig(60, 0, `99-worker-${i}`));
  for (let i = 0; n < files; i++) {
    const app = `apps/team-${i % 40}/app-${i}`;
    write(`${app}/deployment.yaml`, deployment(i));
    n++;
    if (n < files) (write(`${app}/configmap.yaml`, configMap(i)), n++);
    if (n < files) (write(`${app}/service.yaml`, service(i)), n++);
  }
  return n;
}
