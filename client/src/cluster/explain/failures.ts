/**
 * The failure table behind "Why is this node degraded?": what MCO, the machine-config-daemon (MCD)
 * and the registry libraries write when a node or pool gets stuck, what it means, what to do next,
 * and one command to copy. The strings are the ones users see (shared/domain/CURRENT.md §6, with its
 * sources in `source`); more specific entries come first, since the explainer takes the first match.
 */

export interface Failure {
  id: string;
  /** Matched against the node reason, the MachineConfigNode message, Event reasons and messages, the daemon log. */
  pattern: RegExp;
  /** What happened, in a sentence. */
  cause: string;
  /** What to do now. */
  next: string;
  /** One command to copy; `node`, `pool` and what the pattern captured fill it in. */
  command(f: Facts): string;
  /** Where the string and the cause come from. */
  source: string;
}

export interface Facts {
  node: string;
  pool: string;
  /** The image named in the text (the rebase target, or the manifest that failed), when there is one. */
  image: string | undefined;
  /** The last capture group of the pattern that matched, when it has one. */
  captured: string | undefined;
  /** The node's machine-config-daemon pod, when known. */
  daemonPod: string | undefined;
}

const MCO_NS = 'openshift-machine-config-operator';
const debug = (node: string, cmd: string) => `oc debug node/${node} -- chroot /host ${cmd}`;

export const FAILURES: readonly Failure[] = [
  {
    id: 'pull-unauthorized',
    pattern:
      /unauthorized: access to the requested resource is not authorized|reading manifest \S+ in \S+: (?:unauthorized|authentication required)/i,
    cause: 'The node could not pull the OS image: the registry refused its credentials (unauthorized).',
    next:
      'Nodes pull with the cluster-wide pull secret (openshift-config/pull-secret) merged with the internal registry credentials. ' +
      "Add the registry's credentials to openshift-config/pull-secret; the daemon retries the update by itself.",
    command: () => 'oc set data secret/pull-secret -n openshift-config --from-file=.dockerconfigjson=<merged-pull-secret.json>',
    source: 'CURRENT.md §6, ostreedev/ostree#3433; DOCS images/updating-global-pull-secret',
  },
  {
    id: 'manifest-unknown',
    pattern: /manifest unknown/i,
    cause:
      'The OS image is gone from the registry (manifest unknown): its tag or digest was deleted, by pruning or the registry garbage collector.',
    next: 'Push the image again under the same digest, or apply a MachineConfig with an image that exists.',
    command: (f) => `skopeo inspect --authfile <pull-secret.json> docker://${f.image ?? '<image>'}`,
    source: 'CURRENT.md §6, coreos/rpm-ostree#5142',
  },
  {
    id: 'signature-policy',
    pattern: /A signature was required, but no signature exists|is rejected by policy/i,
    cause:
      "The image was rejected by the nodes' signature policy: a ClusterImagePolicy (or ImagePolicy) scope covers its registry and the image is not signed by a key it trusts.",
    next: "Sign the image with a key the policy trusts, or push it to a repository outside the policy's scopes.",
    command: () => 'oc get clusterimagepolicy -o yaml',
    source: 'CURRENT.md §6; containers/image signature policy messages',
  },
  {
    id: 'x509',
    pattern: /x509: certificate signed by unknown authority|x509: certificate is not valid|tls: failed to verify certificate/i,
    cause: "The node does not trust the registry's TLS certificate (x509): its CA is not in the cluster's trust bundle.",
    next: "Add the registry's CA to image.config.openshift.io/cluster spec.additionalTrustedCA (a ConfigMap in openshift-config keyed by registry host).",
    command: () => 'oc edit image.config.openshift.io/cluster',
    source: 'CURRENT.md §6; DOCS openshift_images/image-configuration (additionalTrustedCA)',
  },
  {
    id: 'drain-pdb',
    pattern:
      /Cannot evict pod as it would violate the pod's disruption budget|failed to drain node: (\S+) after|\bFailedToDrain\b|\bDrainFailed\b/i,
    cause:
      'The node cannot be drained: a PodDisruptionBudget does not allow its pods to be evicted, so MCO waits (and reports the drain failure after an hour).',
    next:
      'Find the PodDisruptionBudget that allows 0 disruptions for pods on this node; scale its workload up, relax minAvailable/maxUnavailable, ' +
      'or move the pod. The drain is retried by itself.',
    command: () => 'oc get pdb -A',
    source: 'CURRENT.md §6; MCO pkg/controller/drain ("failed to drain node: <n> after 1 hour"); Kubernetes eviction API 429 message',
  },
  {
    id: 'on-disk-os-image',
    pattern: /unexpected on-disk state validating against (rendered-\S+?):? expected target osImageURL|\bOnDiskStateValidationFailed\b/i,
    cause:
      'After the reboot the node booted the old OS deployment, not the new image: often ostree-finalize-staged.service failed on the previous boot, ' +
      '/boot is full, or the node was power-reset mid-update.',
    next:
      "Read ostree-finalize-staged's log of the previous boot and rpm-ostree status on the node; free /boot if it is full. Forcing the daemon " +
      '(/run/machine-config-daemon-force) does not re-apply the image or kernel arguments (MCO#5133).',
    command: (f) => debug(f.node, 'journalctl -u ostree-finalize-staged'),
    source: 'CURRENT.md §6; okd-project/okd#1885, coreos/fedora-coreos-tracker#819, openshift/machine-config-operator#5133',
  },
  {
    id: 'missing-kargs',
    pattern: /missing expected kernel arguments/i,
    cause: 'The kernel arguments of the rendered config were not applied after the reboot.',
    next: 'Compare the booted kernel command line with the MachineConfigs’ kernelArguments; a typo or a duplicate argument is the usual cause.',
    command: (f) => debug(f.node, 'rpm-ostree kargs'),
    source: 'CURRENT.md §6; openshift/machine-config-operator#3105, OCPBUGS-75894',
  },
  {
    id: 'config-drift',
    pattern: /content mismatch for file|mode mismatch for file|\bConfigDriftDetected\b/i,
    cause: 'A file that a MachineConfig manages was changed on the node by hand (the config drift monitor found it).',
    next:
      'Put the file back as the MachineConfig has it (or change the MachineConfig instead). To have the daemon rewrite every managed file, ' +
      'create /run/machine-config-daemon-force on the node.',
    command: (f) => debug(f.node, 'touch /run/machine-config-daemon-force'),
    source: 'CURRENT.md §6; DOCS machine_configuration/machine-config-drift-detection',
  },
  {
    id: 'rendered-not-found',
    pattern: /machineconfig\.machineconfiguration\.openshift\.io "(rendered-[^"]+)" not found/i,
    cause: 'The rendered MachineConfig this node was on (or was going to) was deleted by hand, so the daemon cannot compare against it.',
    next:
      'Do not delete rendered MachineConfigs by hand; `oc adm prune renderedmachineconfigs` removes only unused ones. Recover by pointing the ' +
      "node's desiredConfig back at a rendered config that exists, as Red Hat's knowledge base describes.",
    command: (f) => `oc adm prune renderedmachineconfigs list --pool-name ${f.pool}`,
    source: 'CURRENT.md §4 and §6; openshift/machine-config-operator#2010, okd-project/okd#963',
  },
  {
    id: 'extension-in-image',
    pattern: /the following extension packages are missing from the staged deployment/i,
    cause:
      'An RHCOS extension named in a MachineConfig is also installed (or removed) in the layered image, so the staged deployment does not have it as expected.',
    next: 'Install the package either in the image or as a MachineConfig extension, not both.',
    command: (f) => debug(f.node, 'rpm-ostree status'),
    source: 'CURRENT.md §6; RULES.md (mc-extension-in-image); DOCS image mode IMPORTANT note',
  },
  {
    id: 'build-failed',
    pattern: /Failed to build OS image for pool (\S+) \(MachineOSBuild: ([^)]+)\)/,
    cause: 'The on-cluster image build for the pool failed (the build job retried and gave up).',
    next: "Read the build job's image-build container log; the failing Containerfile step is at its end.",
    command: (f) => `oc logs -n ${MCO_NS} job/build-${f.captured ?? '<machineosbuild>'} -c image-build`,
    source: 'CURRENT.md §1.3 and §6; MCO pkg/controller/build',
  },
  {
    id: 'containerfile-prevalidation',
    pattern:
      /unknown Dockerfile instruction: \S+|Containerfile must contain at least one FROM instruction|line \d+: ENV instruction must use key=value form/,
    cause: "MCO rejected the MachineOSConfig's Containerfile before building it.",
    next: 'Fix the Containerfile in the MachineOSConfig (the RHCOS Layering linter flags the same lines).',
    command: (f) => `oc get machineosconfig ${f.pool} -o yaml`,
    source: 'CURRENT.md §1.2 and §6 (MCO pre-validation, 4.23/5.0)',
  },
  {
    id: 'runc-rhel10',
    pattern: /targets a RHEL 10 OS image where runc is not available/,
    cause: 'The pool would move to a RHEL 10 OS image, which has no runc, while the pool still uses runc.',
    next: 'Migrate the pool to crun (a ContainerRuntimeConfig with defaultRuntime: crun) before moving it to RHEL 10.',
    command: () => 'oc get containerruntimeconfig -o yaml',
    source: 'CURRENT.md §5 and §6; MCO pkg/controller/render/render_controller.go validateNoRuncOnRHEL10FromOSImageURL',
  },
  {
    id: 'interrupted-build',
    pattern: /\bInterruptedBuild\b/,
    cause: 'The image build job was deleted or evicted before it finished, so the MachineOSBuild is Interrupted.',
    next: 'Start the build again (delete the MachineOSBuild, or annotate the MachineOSConfig to rebuild).',
    command: (f) => `oc get machineosbuild -l machineconfiguration.openshift.io/machine-os-config=${f.pool}`,
    source: 'CURRENT.md §1.4 and §6',
  },
  {
    id: 'degraded-pool-blocks-upgrade',
    pattern: /One or more machine config pools are degraded/,
    cause: 'The cluster upgrade is blocked because a MachineConfigPool is degraded.',
    next: 'Fix the degraded pool first (explain its degraded node), then the upgrade continues.',
    command: () => 'oc get mcp',
    source: 'CURRENT.md §6 (ClusterOperator machine-config, reason DegradedPool)',
  },
  {
    // Last: the wrapper of every OS pull failure; the inner text (matched above) says more when present.
    id: 'os-update-failed',
    pattern: /Failed to update OS to (\S+?)(?::| after retries)|Failed to pull OS image (\S+) from registry/,
    cause: 'The daemon could not rebase the node onto the new OS image (rpm-ostree rebase failed after its retries).',
    next: "Read the daemon log's last lines for the inner error (unauthorized, manifest unknown, x509, disk space) and fix that.",
    command: (f) => `oc logs -n ${MCO_NS} ${f.daemonPod ?? `<machine-config-daemon pod on ${f.node}>`} -c machine-config-daemon --tail=200`,
    source: 'CURRENT.md §2 and §6; MCO pkg/daemon/update.go (4.21)',
  },
];
