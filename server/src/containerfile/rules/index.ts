/** Every Containerfile rule, in the order their diagnostics are listed. */
import type { ContainerfileRule } from '../local';
import { fromNotDigestPinned } from './fromNotDigestPinned';
import { fromPlaceholderDigest } from './fromPlaceholderDigest';
import { fromReleasePayload } from './fromReleasePayload';
import { fromArgNoDefault } from './fromArgNoDefault';
import { fromNotClusterBase } from './fromNotClusterBase';
import { missingOstreeCommit } from './missingOstreeCommit';
import { rpmOstreeNoCleanup } from './rpmOstreeNoCleanup';
import { kernelWithoutCliwrap } from './kernelWithoutCliwrap';
import { kernelIncompleteSet } from './kernelIncompleteSet';
import { kernelVersionMismatch } from './kernelVersionMismatch';
import { kernelInstallNotOverride } from './kernelInstallNotOverride';
import { rpmConflictsMachineConfig } from './rpmConflictsMachineConfig';
import { srcRpmInstall } from './srcRpmInstall';
import { insecureHttp } from './insecureHttp';
import { dnfOnOldOcp } from './dnfOnOldOcp';
import { rpmOstreeUnsupportedVerb } from './rpmOstreeUnsupportedVerb';
import { contentOutsideUsr } from './contentOutsideUsr';
import { secretInArgEnv } from './secretInArgEnv';
import { elStreamMismatch } from './elStreamMismatch';
import { runShellSyntax } from './runShellSyntax';

export const containerfileRules: ContainerfileRule[] = [
  fromNotDigestPinned,
  fromPlaceholderDigest,
  fromReleasePayload,
  fromArgNoDefault,
  fromNotClusterBase,
  missingOstreeCommit,
  rpmOstreeNoCleanup,
  kernelWithoutCliwrap,
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
];
