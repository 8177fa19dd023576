import type { ContainerfileRule } from '../rule';

export const fromArgNoDefault: ContainerfileRule = {
  meta: {
    id: 'from-arg-no-default',
    kind: 'containerfile',
    severity: 'info',
    title: 'Base image comes from an ARG without a default',
    why: "With `FROM ${ARG}` and no default, the base image is only known at build time, so nothing can check that it is the cluster's rhel-coreos image pinned by digest.",
    source: 'BuildKit InvalidDefaultArgInFrom; rhcos-image-layering-examples loading-kernel-module',
    fixable: false,
    examples: {
      bad: `ARG RHCOS_IMAGE
FROM \${RHCOS_IMAGE}`,
      good: `ARG RHCOS_IMAGE=quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<digest>
FROM \${RHCOS_IMAGE}`,
      fix: 'Give the ARG a digest-pinned default, or always build with `--build-arg`.',
    },
  },
  check(model, ctx) {
    for (const stage of model.stages) {
      const a = stage.from.arg;
      if (!stage.isOS || !a || (typeof a.defaultValue === 'string' && a.defaultValue !== '')) continue;
      const declared = a.defaultValue === undefined ? `is not declared before the first FROM` : 'has no default';
      ctx.report({
        at: [stage.from.start, stage.from.end],
        message: `FROM takes the base image from ARG ${a.name}, which ${declared}: pass \`--build-arg ${a.name}=<image>@sha256:<digest>\` when building, or give the ARG a digest-pinned default.`,
      });
    }
  },
};
