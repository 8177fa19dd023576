import type { ContainerfileRule, OffsetReport } from '../rule';
import { rpmOstree } from '../queries';
import type { Command } from '../shell';

const HINTS: Record<string, string> = {
  kargs: 'set kernel arguments with `kernelArguments` in a MachineConfig instead',
  rebase: "the image itself is the rebase target: point a MachineConfig's `osImageURL` at it",
  upgrade: 'rebuild FROM the newer base image instead',
  update: 'rebuild FROM the newer base image instead',
  deploy: 'rebuild FROM the base image you want instead',
  rollback: 'roll back by deleting the MachineConfig that sets `osImageURL`',
  reset: 'start FROM the base image again instead',
  initramfs: 'rebuild the initramfs with `dracut` under `rpm-ostree cliwrap install-to-root /` instead',
  'initramfs-etc': 'ship the files in the image and rebuild the initramfs with `dracut` instead',
  'apply-live': 'changes in the image apply when the node reboots into it',
  usroverlay: '/usr is writable during the build; just write the files',
};

export const rpmOstreeUnsupportedVerb: ContainerfileRule = {
  meta: {
    id: 'rpm-ostree-unsupported-verb',
    kind: 'containerfile',
    severity: 'error',
    title: 'rpm-ostree command that fails in a container build',
    why: 'Only some rpm-ostree commands work inside a container build (install, uninstall, override replace/remove, cleanup -m, cliwrap, ex rebuild …). The others need a booted ostree host and fail with "This system was not booted via libostree".',
    source: 'coreos/rpm-ostree src/app/libmain.cxx (container-capable flags)',
    fixable: false,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree kargs --append=nosmt`,
      good: `spec:
  kernelArguments:
    - nosmt   # in a MachineConfig`,
      fix: 'Move host-level actions to the MachineConfig (`kernelArguments`, `osImageURL`) or drop them.',
    },
  },
  checkRun(script, ctx) {
    script.commands.flatMap(findings).forEach(ctx.report);
  },
};

function findings(cmd: Command): OffsetReport[] {
  const ro = rpmOstree(cmd);
  if (!ro?.verb) return [];
  const verb = ro.verb.value;
  if (verb === 'cleanup') {
    const bad = [ro.sub, ...ro.args].find((a) => a && a.value !== '-m' && a.value !== '--repomd');
    if (!bad) return [];
    return [
      {
        at: [bad.start, bad.end],
        message: `\`rpm-ostree cleanup ${bad.value}\` needs a booted ostree host and fails in a container build: only \`rpm-ostree cleanup -m\` works here.`,
      },
    ];
  }
  const key = verb === 'override' && ro.sub?.value === 'reset' ? 'reset' : verb;
  const hint = HINTS[key];
  if (!hint || (verb === 'override' && ro.sub?.value !== 'reset')) return [];
  const end = verb === 'override' ? ro.sub!.end : ro.verb.end;
  return [
    {
      at: [ro.verb.start, end],
      message: `\`rpm-ostree ${verb === 'override' ? 'override reset' : verb}\` fails in a container build: ${hint}.`,
    },
  ];
}
