/** Every Containerfile rule, in the order their diagnostics are listed. */
import type { ContainerfileRule } from '../rule';
import { fromNotDigestPinned } from './from-not-digest-pinned';
import { fromPlaceholderDigest } from './from-placeholder-digest';
import { fromReleasePayload } from './from-release-payload';
import { fromArgNoDefault } from './from-arg-no-default';
import { fromNotClusterBase } from './from-not-cluster-base';
import { fromNotCoreos } from './from-not-coreos';
import { missingOstreeCommit } from './missing-ostree-commit';
import { rpmOstreeNoCleanup } from './rpm-ostree-no-cleanup';
import { dnfNoClean } from './dnf-no-clean';
import { kernelWithoutCliwrap } from './kernel-without-cliwrap';
import { cliwrapOnNewOcp } from './cliwrap-on-new-ocp';
import { kernelIncompleteSet } from './kernel-incomplete-set';
import { kernelVersionMismatch } from './kernel-version-mismatch';
import { kernelInstallNotOverride } from './kernel-install-not-override';
import { rpmConflictsMachineConfig } from './rpm-conflicts-machineconfig';
import { srcRpmInstall } from './src-rpm-install';
import { insecureHttp } from './insecure-http';
import { dnfOnOldOcp } from './dnf-on-old-ocp';
import { rpmOstreeUnsupportedVerb } from './rpm-ostree-unsupported-verb';
import { contentOutsideUsr } from './content-outside-usr';
import { secretInArgEnv } from './secret-in-arg-env';
import { elStreamMismatch } from './el-stream-mismatch';
import { runShellSyntax } from './run-shell-syntax';
import { unknownInstruction } from './unknown-instruction';
import { moscSecretMount } from './mosc-secret-mount';

export const containerfileRules: ContainerfileRule[] = [
  fromNotDigestPinned,
  fromPlaceholderDigest,
  fromReleasePayload,
  fromArgNoDefault,
  fromNotClusterBase,
  fromNotCoreos,
  missingOstreeCommit,
  rpmOstreeNoCleanup,
  dnfNoClean,
  kernelWithoutCliwrap,
  cliwrapOnNewOcp,
  kernelIncompleteSet,
  kernelVersionMismatch,
  kernelInstallNotOverride,
  rpmConflictsMachineConfig,
  srcRpmInstall,
  insecureHttp,
  dnfOnOldOcp,
  rpmOstreeUnsupportedVerb,
  contentOutsideUsr,
  secretInArgEnv,
  elStreamMismatch,
  runShellSyntax,
  unknownInstruction,
  moscSecretMount,
];
