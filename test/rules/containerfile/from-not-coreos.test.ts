import { ruleTest, BASE } from '../ruleTester';

const HINT = '# Get RHCOS base image of target cluster `oc adm release info --image-for rhel-coreos`';
const END = 'RUN dnf install -y tmux && dnf clean all && bootc container lint';
const CLUSTER_BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'c'.repeat(64);
const cluster = { context: 'prod', baseImage: CLUSTER_BASE, ocpVersion: '4.19', pools: ['worker'] };
const layering = {
  machineConfigs: [{ file: 'mc.yaml', name: '99-worker-os', osImageURL: CLUSTER_BASE, extensions: [] }],
  containerfileRpms: [],
};

ruleTest('from-not-coreos', {
  valid: [
    `${HINT}\n${BASE}\n${END}`,
    // An application Dockerfile: nothing says it builds a node OS.
    'FROM registry.access.redhat.com/ubi9/ubi\nRUN dnf install -y python3 && dnf clean all\nCMD ["python3"]',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y tar\nENTRYPOINT ["/bin/sh"]',
    'FROM quay.io/fedora/fedora:40\nRUN dnf install -y gcc',
    // A RHEL image mode file for standalone hosts, with no MachineConfig in the workspace.
    `FROM registry.redhat.io/rhel9/rhel-bootc:9.6\n${END}`,
    // Builder stages on UBI are fine; the image is the last stage.
    `FROM registry.access.redhat.com/ubi9/go-toolset AS build\nRUN go build -o /out/agent .\n${HINT}\n${BASE}\nCOPY --from=build /out/agent /usr/bin/agent\n${END}`,
    'FROM registry.access.redhat.com/ubi9/ubi AS b\nRUN dnf install -y gcc\nFROM configs AS final\nRUN bootc container lint',
    // OKD and CentOS Stream CoreOS bases, private registries.
    `${HINT}\nFROM quay.io/fedora/fedora-coreos:stable\nRUN rpm-ostree install tmux && ostree container commit`,
    'FROM quay.io/okd/centos-stream-coreos-9:4.16-x86_64\nRUN rpm-ostree install tmux && ostree container commit',
    'FROM quay.io/okd/scos-content@sha256:' + 'e'.repeat(64) + '\nRUN rpm-ostree install tmux && ostree container commit',
    'FROM registry.example.com/os/custom-node@sha256:' + 'e'.repeat(64) + '\nRUN rpm-ostree install tmux && ostree container commit',
    // The base comes from an ARG: the ARG rules speak for it.
    'ARG BASE=registry.access.redhat.com/ubi9/ubi\nFROM ${BASE}\nRUN rpm-ostree install tmux && ostree container commit',
  ],
  invalid: [
    {
      // The mistake: RHEL image mode's base in a file made from Red Hat's layering example.
      code: `${HINT}\nFROM registry.redhat.io/rhel9/rhel-bootc:9.6\n${END}`,
      cluster,
      errors: [
        {
          range: [1, 5, 1, 44],
          message:
            /^`rhel-bootc` is an image mode base for standalone RHEL, CentOS or Fedora hosts, not the CoreOS image an OpenShift node runs: .*\(Read as an RHCOS layering Containerfile because its comment on line 1 names RHCOS\.\)$/,
        },
      ],
      output: `${HINT}\nFROM ${CLUSTER_BASE}\n${END}`,
    },
    {
      code: `FROM quay.io/centos-bootc/centos-bootc:stream9\n${END}`,
      workspace: layering,
      errors: [{ range: [0, 5, 0, 46], message: /the workspace applies a layered image with MachineConfig `99-worker-os` \(mc\.yaml\)/ }],
    },
    {
      code: 'FROM registry.access.redhat.com/ubi9/ubi\nRUN rpm-ostree install tmux && ostree container commit',
      errors: [{ range: [0, 5, 0, 40], message: /^`ubi9\/ubi` is a Universal Base Image .*because it runs `rpm-ostree`\.\)$/ }],
    },
    {
      // Followed through stage aliases: the image is `os`, which is UBI minimal.
      code: `FROM registry.access.redhat.com/ubi10/ubi-minimal AS os\nRUN microdnf install -y tmux\nFROM os\nRUN bootc container lint`,
      errors: [{ range: [0, 5, 0, 49], message: /^`ubi10\/ubi-minimal` is a Universal Base Image/ }],
    },
    {
      code: `FROM configs AS base\nFROM quay.io/fedora/fedora:41\nRUN dnf install -y tmux`,
      errors: [{ range: [1, 5, 1, 29], message: /^`fedora` is a Fedora container image.*because it builds `FROM configs`/ }],
    },
    {
      code: '# osImageURL for the worker pool\nFROM quay.io/centos/centos:stream9\nRUN dnf install -y tmux',
      errors: [{ range: [1, 5, 1, 34], message: /^`centos` is a CentOS container image.*names osImageURL/ }],
    },
    {
      code: `${HINT}\nFROM quay.io/fedora/fedora-bootc:41\n${END}`,
      errors: [{ range: [1, 5, 1, 35], message: /^`fedora-bootc` is an image mode base/ }],
    },
  ],
});
