import type { ContainerfileRule } from '../rule';
import { osBaseImages } from '../fromImages';
import { clusterBaseFix } from '../clusterBase';
import { foreignBase, nodeImageSignal, type ForeignBase } from '../nodeImage';

const WHAT: Record<ForeignBase['kind'], string> = {
  bootc: 'an image mode base for standalone RHEL, CentOS or Fedora hosts',
  ubi: 'a Universal Base Image for application containers, with no kernel or boot loader',
  fedora: 'a Fedora container image, not a bootable OS',
  centos: 'a CentOS container image, not a bootable OS',
};

export const fromNotCoreos: ContainerfileRule = {
  meta: {
    id: 'from-not-coreos',
    kind: 'containerfile',
    severity: 'error',
    title: "The OS stage is not built on the cluster's CoreOS image",
    why:
      "A layered image replaces the whole OS of an OpenShift node, so it must be built on the cluster's own RHCOS image " +
      '(`oc adm release info --image-for rhel-coreos`), or `FROM configs` on-cluster. `rhel-bootc`, `centos-bootc` and ' +
      '`fedora-bootc` boot standalone hosts but lack the kubelet, CRI-O and the files the Machine Config Operator manages; ' +
      'UBI, Fedora and CentOS container images are not bootable at all. Builder stages may use any image; only the stage the ' +
      'image is made of counts. Every Dockerfile in a workspace is linted, so the rule only speaks when the file says it builds ' +
      'a node OS: a `FROM configs` stage, a comment naming RHCOS, rhel-coreos, a MachineConfig or osImageURL, `rpm-ostree`, ' +
      '`ostree container commit` or `bootc container lint` on a base that is not bootable, or, for a `*-bootc` base, a ' +
      'MachineConfig with `osImageURL` in the workspace. An application Dockerfile `FROM ubi9/ubi` gets nothing.',
    source:
      'openshift-docs machine_configuration/mco-coreos-layering.adoc (IMPORTANT: "use the same base RHCOS image installed on ' +
      'the rest of your cluster. Use the `oc adm release info --image-for rhel-coreos` command"); RHEL 10 "Image mode for RHEL" ' +
      '(rhel-bootc is the base for RHEL hosts, UBI is for applications); MCO install/image-references (rhel-coreos); OKD bases ' +
      'fedora-coreos, centos-stream-coreos, scos-content (coreos/layering-examples, okd-project)',
    fixable: true,
    examples: {
      bad: `# Get RHCOS base image of target cluster \`oc adm release info --image-for rhel-coreos\`
FROM registry.redhat.io/rhel9/rhel-bootc:9.6
RUN dnf install -y tmux && dnf clean all && bootc container lint`,
      good: `# Get RHCOS base image of target cluster \`oc adm release info --image-for rhel-coreos\`
FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN dnf install -y tmux && dnf clean all && bootc container lint`,
      fix: "Build FROM the cluster's rhel-coreos image by digest (or `FROM configs` in a MachineOSConfig). Quick fix while connected: *Use the base image of cluster <context>*.",
    },
  },
  check(model, ctx) {
    for (const base of osBaseImages(model)) {
      if (base.viaArg) continue; // from-arg-no-default and the digest rules speak for ARG-based FROMs
      const foreign = foreignBase(base.image);
      if (!foreign) continue;
      const why = nodeImageSignal(model, ctx.options, foreign.kind === 'bootc');
      if (!why) continue;
      ctx.report({
        at: [base.from.start, base.from.end],
        message:
          `\`${foreign.name}\` is ${WHAT[foreign.kind]}, not the CoreOS image an OpenShift node runs: build the OS stage ` +
          `FROM the cluster's rhel-coreos image by digest (\`oc adm release info --image-for rhel-coreos\`), or FROM configs ` +
          `on-cluster. (Read as an RHCOS layering Containerfile because ${why}.)`,
        fixes: clusterBaseFix(base, ctx),
      });
    }
  },
};
