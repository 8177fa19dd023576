/**
 * Whether a Containerfile builds the OS of an OpenShift node, and base images that are not a CoreOS
 * node image. Every Containerfile and Dockerfile in a workspace is linted (common/fileKind.ts goes by
 * the file name), so rules that would be false alarms on an application image ask `nodeImageSignal`
 * first: what in the file says it is an RHCOS layering Containerfile.
 */
import type { LintOptions } from '../core/types';
import type { ContainerfileModel } from './model';
import { endsOsStage, program } from './queries';
import { osBaseImages } from './fromImages';
import { repository } from '../../../common/imageRef';

export type ForeignBase = { kind: 'bootc' | 'ubi' | 'fedora' | 'centos'; name: string };

/**
 * A base image that is not a CoreOS node image: image mode for RHEL/CentOS/Fedora (`*-bootc`), UBI,
 * Fedora or CentOS. Everything else is accepted: rhel-coreos and `ocp-v4.0-art-dev` digests, OKD's
 * `fedora-coreos`, `centos-stream-coreos` and `scos-content`, and any private repository.
 */
export function foreignBase(image: string): ForeignBase | null {
  const path = repository(image).toLowerCase().split('/');
  const last = path[path.length - 1] ?? '';
  const named = (kind: ForeignBase['kind']) => ({ kind, name: last });
  if (/^(rhel|centos|fedora)-bootc$/.test(last)) return named('bootc');
  // registry.access.redhat.com/ubi9/ubi, ubi9/ubi-minimal, ubi10/ubi-micro, ubi8/ubi-init, ubi9/go-toolset, docker.io/redhat/ubi9-minimal
  const ubi = path.find((p) => /^ubi(?:\d+)?(?:-(?:minimal|micro|init))?$/.test(p));
  if (ubi) return { kind: 'ubi', name: path.slice(path.indexOf(ubi)).join('/') };
  if (last === 'fedora' || last === 'fedora-minimal') return named('fedora');
  if (last === 'centos' || last === 'centos-stream') return named('centos');
  return null;
}

/** Words in a comment that only a node-image file would use. */
const NODE_WORDS =
  /\b(rhcos|rhel-coreos|red hat (?:enterprise linux )?coreos|machine-?configs?|osimageurl|ocp-v4\.0-art-dev|machineosconfig)\b/i;

/**
 * What makes this file an RHCOS layering Containerfile, in words for a message; null when nothing
 * does. `bootable` says whether the base image is itself a bootable OS (a `*-bootc` image), where
 * commands like `rpm-ostree` and `bootc container lint` are ordinary and say nothing about RHCOS.
 *
 * - a `FROM configs` stage: on-cluster layering (MachineOSConfig);
 * - a comment naming RHCOS, rhel-coreos, a MachineConfig or osImageURL (Red Hat's examples carry
 *   "Get RHCOS base image of target cluster `oc adm release info --image-for rhel-coreos`");
 * - for a base that is not bootable: an OS stage runs `rpm-ostree` or ends with
 *   `ostree container commit` / `bootc container lint`, which only an OS image build does;
 * - for a bootable base: the workspace holds a MachineConfig that sets `osImageURL`.
 */
export function nodeImageSignal(model: ContainerfileModel, options: LintOptions, bootable: boolean): string | null {
  if (model.stages.some((s) => s.from.onCluster)) return 'it builds `FROM configs` (on-cluster layering)';
  for (let line = 0; line < model.index.lineCount; line++) {
    const text = model.index.lineText(line);
    const m = /^\s*#(.*)$/.exec(text);
    const word = m ? NODE_WORDS.exec(m[1]!) : null;
    if (word) return `its comment on line ${line + 1} names ${word[1]}`;
  }
  if (!bootable) {
    for (const run of model.osRuns) {
      for (const cmd of run.script.commands) {
        if (program(cmd)?.name === 'rpm-ostree') return 'it runs `rpm-ostree`';
        if (endsOsStage(cmd)) return 'it runs `ostree container commit` or `bootc container lint`';
      }
    }
  } else {
    const mc = options.workspace?.machineConfigs.find((m) => m.osImageURL);
    if (mc) return `the workspace applies a layered image with MachineConfig \`${mc.name}\` (${mc.file})`;
  }
  return null;
}

/**
 * An application (or standalone-host) image rather than a node OS: the image is built on UBI, Fedora,
 * CentOS or a `*-bootc` base, and nothing in the file or workspace says it is for an OpenShift node.
 * The engine runs no Containerfile rule on such a file. A base it does not know (a private registry,
 * `quay.io/a/b:2`) keeps every rule: the file may well be a layering Containerfile.
 */
export function isNotNodeImage(model: ContainerfileModel, options: LintOptions): boolean {
  const bases = osBaseImages(model);
  if (bases.length === 0) return false;
  const foreign = bases.map((b) => foreignBase(b.image));
  if (foreign.some((f) => f === null)) return false;
  return (
    nodeImageSignal(
      model,
      options,
      foreign.some((f) => f!.kind === 'bootc'),
    ) === null
  );
}
