import type { ContainerfileRule } from '../rule';
import type { Flag } from '../model';

export const moscSecretMount: ContainerfileRule = {
  meta: {
    id: 'mosc-secret-mount',
    kind: 'containerfile',
    severity: 'warning',
    title: '`RUN --mount=type=secret` in an on-cluster Containerfile',
    why:
      "The on-cluster build (a MachineOSConfig's Containerfile, last stage `FROM configs AS final`) runs `buildah bud` in MCO's " +
      'build pod without `--secret`, so no build secret is ever there. With `required` the build fails ("secret required but no ' +
      'secret with id … found"); without it buildah skips the mount and the RUN runs without the file. The build pod mounts what ' +
      'entitled and private repositories need: the `etc-pki-entitlement` secret at /etc/pki/entitlement, the `etc-yum-repos-d` ' +
      'ConfigMap and the `etc-pki-rpm-gpg` secret (namespace openshift-machine-config-operator).',
    source:
      'openshift/machine-config-operator pkg/controller/build/buildrequest/assets/buildah-build.sh (build_args: --volume, ' +
      '--build-arg, no --secret) and constants/constants.go (EtcPkiEntitlementSecretName, EtcYumReposDConfigMapName, ' +
      'EtcPkiRpmGpgSecretName); containers/buildah run_common.go getSecretMount ("secret required but no secret with id %q found")',
    fixable: false,
    examples: {
      bad: `FROM configs AS final
RUN --mount=type=secret,id=token,required curl -H @/run/secrets/token -o /usr/bin/tool https://example.com/tool && \\
    bootc container lint`,
      good: `FROM configs AS final
# Entitled repositories: the etc-pki-entitlement secret is mounted into the build at /etc/pki/entitlement.
RUN dnf install -y tool && dnf clean all && bootc container lint`,
      fix: 'Use the entitlement, repository and GPG-key objects MCO mounts into the build, or build the image out of cluster with `podman build --secret`.',
    },
  },
  check(model, ctx) {
    // Only a file whose final image is MCO's `configs` stage is built by MCO's build pod.
    if (!model.stages.some((s) => s.isOS && s.from.onCluster)) return;
    for (const stage of model.stages) {
      for (const inst of stage.instructions) {
        if (inst.keyword !== 'RUN') continue;
        for (const flag of inst.flags()) {
          const secret = secretMount(flag);
          if (!secret) continue;
          ctx.report({
            at: [flag.start, flag.end],
            message: secret.required
              ? `MCO's build runs buildah without \`--secret\`, so this build fails with "secret required but no secret with id ` +
                `\\"${secret.id}\\" found": use the objects MCO mounts into the build (etc-pki-entitlement, etc-yum-repos-d, etc-pki-rpm-gpg).`
              : `MCO's build runs buildah without \`--secret\`, so the secret \`${secret.id}\` is never mounted and this RUN runs ` +
                `without it: use the objects MCO mounts into the build (etc-pki-entitlement, etc-yum-repos-d, etc-pki-rpm-gpg).`,
          });
        }
      }
    }
  },
};

/** `--mount=type=secret,id=x[,required]`: the id (buildah's default is the target's base name) and whether it is required. */
function secretMount(flag: Flag): { id: string; required: boolean } | null {
  if (flag.name !== 'mount' || !flag.value) return null;
  const opts = new Map<string, string>();
  for (const part of flag.value.split(',')) {
    const eq = part.indexOf('=');
    opts.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? '' : part.slice(eq + 1).trim());
  }
  if (opts.get('type') !== 'secret') return null;
  const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
  const id = opts.get('id') || (target ? withoutTrailingSlashes(target).split('/').pop()! : '');
  const req = opts.get('required');
  return { id, required: req !== undefined && !/^(0|f|false)$/i.test(req) };
}

/** `/\/+$/` backtracks quadratically over a run of slashes that does not end the string. */
function withoutTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}
