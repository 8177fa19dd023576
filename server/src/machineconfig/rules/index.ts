/** Every MachineConfig / MachineConfigPool / MachineOSConfig rule. */
import type { MachineConfigRule } from '../rule';
import { yamlSyntax } from './yaml-syntax';
import { mcApiSpelling } from './mc-api-spelling';
import { mcSchema } from './mc-schema';
import { mcRoleLabel } from './mc-role-label';
import { mcRoleNoPool } from './mc-role-no-pool';
import { mcOsImageUrlInvalid } from './mc-osimageurl-invalid';
import { mcOsImageUrlNotPinned } from './mc-osimageurl-not-pinned';
import { mcUnknownExtension } from './mc-unknown-extension';
import { mcKernelType } from './mc-kernel-type';
import { mcKernelDevelKernelType } from './mc-kernel-devel-kernel-type';
import { mcIgnitionVersion } from './mc-ignition-version';
import { mcIrreconcilable } from './mc-irreconcilable';
import { mcInstallTimeStorage } from './mc-install-time-storage';
import { mcFileMode } from './mc-file-mode';
import { mcDataUrl } from './mc-data-url';
import { mcIgnitionV2Keys } from './mc-ignition-v2-keys';
import { mcFipsDay2 } from './mc-fips-day2';
import { mcDuplicateOsImageUrl } from './mc-duplicate-osimageurl';
import { mcpCustomInheritWorker } from './mcp-custom-inherit-worker';
import { mcExtensionInImage } from './mc-extension-in-image';
import { mcIgnitionFieldVersion } from './mc-ignition-field-version';
import { moscNamePool } from './mosc-name-pool';
import { moscContainerfileSize } from './mosc-containerfile-size';
import { moscContainerfileFrom } from './mosc-containerfile-from';
import { moscApiVersion } from './mosc-api-version';
import { moscV1alpha1Fields } from './mosc-v1alpha1-fields';
import { moscPushSpec } from './mosc-push-spec';
import { moscArch } from './mosc-arch';
import { moscPrebuiltImage } from './mosc-prebuilt-image';
import { mcfgDisruptionPolicy } from './mcfg-disruption-policy';
import { pisImageDigest } from './pis-image-digest';
import { metadataUnknownField } from './metadata-unknown-field';
import { mcpOsImageStream } from './mcp-os-image-stream';

export const yamlRules: MachineConfigRule[] = [
  yamlSyntax,
  mcApiSpelling,
  mcSchema,
  metadataUnknownField,
  mcRoleLabel,
  mcRoleNoPool,
  mcOsImageUrlInvalid,
  mcOsImageUrlNotPinned,
  mcUnknownExtension,
  mcKernelType,
  mcKernelDevelKernelType,
  mcIgnitionVersion,
  mcIgnitionFieldVersion,
  mcIrreconcilable,
  mcInstallTimeStorage,
  mcFileMode,
  mcDataUrl,
  mcIgnitionV2Keys,
  mcFipsDay2,
  mcDuplicateOsImageUrl,
  mcExtensionInImage,
  mcpCustomInheritWorker,
  mcpOsImageStream,
  moscNamePool,
  moscContainerfileSize,
  moscContainerfileFrom,
  moscApiVersion,
  moscV1alpha1Fields,
  moscPushSpec,
  moscArch,
  moscPrebuiltImage,
  mcfgDisruptionPolicy,
  pisImageDigest,
];
