import type { ContainerfileRule } from '../rule';
import { osBaseImages } from '../fromImages';
import { repository } from '../../../../common/imageRef';
import { clusterBaseFix } from '../clusterBase';

export const fromNotClusterBase: ContainerfileRule = {
  meta: {
    id: 'from-not-cluster-base',
    kind: 'containerfile',
    severity: 'warning',
    title: "FROM differs from the connected cluster's base image",
    why: 'A layered image replaces the whole OS of each node. Built on another RHCOS build than the cluster runs, it changes the kernel, kubelet and packages under your changes, and the next cluster update will not update it. The docs build FROM the `baseOSContainerImage` in ConfigMap `machine-config-osimageurl`. Only checked while the editor is connected to a cluster.',
    source: 'openshift-docs coreos-layering-configuring.adoc; MCO ConfigMap machine-config-osimageurl',
    fixable: true,
    examples: {
      bad: `# connected to a cluster whose baseOSContainerImage is quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<cluster digest>
FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<another digest>`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<cluster digest>
RUN rpm-ostree install firewalld && ostree container commit`,
      fix: 'Quick fix (while connected): *Use the base image of cluster <context>*, also offered on the other base-image diagnostics. The command *RHCOS Layering: Insert Cluster Base Image* does the same from the palette.',
    },
  },
  check(model, ctx) {
    const cluster = ctx.options.cluster;
    if (!cluster?.baseImage) return;
    for (const base of osBaseImages(model)) {
      if (base.image === cluster.baseImage) continue;
      const same = repository(base.image) === repository(cluster.baseImage);
      ctx.report({
        at: [base.from.start, base.from.end],
        message: `${same ? "This is another build of the cluster's OS image" : 'This is not the OS image of the connected cluster'} (context ${cluster.context}): the cluster runs \`${cluster.baseImage}\`. Build FROM it, or the nodes get a different kernel and packages and miss the next cluster update.`,
        fixes: clusterBaseFix(base, ctx),
      });
    }
  },
};
