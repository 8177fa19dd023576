/** Every MachineConfig / MachineConfigPool / MachineOSConfig rule. */
import type { Rule } from '../../engine/types';
import type { YamlModel } from '../model';
import { yamlSyntax } from './yamlSyntax';
import { mcApiSpelling } from './mcApiSpelling';
import { mcSchema } from './mcSchema';
import { mcRoleLabel } from './mcRoleLabel';
import { mcRoleNoPool } from './mcRoleNoPool';
import { mcOsImageUrlInvalid, mcOsImageUrlNotPinned } from './mcOsImageUrl';
import { mcUnknownExtension } from './mcUnknownExtension';
import { mcKernelType } from './mcKernelType';
import { mcKernelDevelKernelType } from './mcKernelDevelKernelType';
import { mcIgnitionVersion } from './mcIgnitionVersion';
import { mcIrreconcilable } from './mcIrreconcilable';
import { mcInstallTimeStorage } from './mcInstallTimeStorage';
import { mcFileMode } from './mcFileMode';
import { mcDataUrl } from './mcDataUrl';
import { mcIgnitionV2Keys } from './mcIgnitionV2Keys';
import { mcFipsDay2 } from './mcFipsDay2';
import { mcDuplicateOsImageUrl } from './mcDuplicateOsImageUrl';
import { mcpCustomInheritWorker } from './mcpCustomInheritWorker';
import { mcExtensionInImage } from './mcExtensionInImage';
import { mcIgnitionFieldVersion } from './mcIgnitionFieldVersion';
import { moscNamePool, moscContainerfileSize, moscContainerfileFrom } from './mosc';

export const yamlRules: Rule<YamlModel>[] = [
  yamlSyntax, mcApiSpelling, mcSchema, mcRoleLabel, mcRoleNoPool, mcOsImageUrlInvalid, mcOsImageUrlNotPinned,
  mcUnknownExtension, mcKernelType, mcKernelDevelKernelType, mcIgnitionVersion, mcIgnitionFieldVersion, mcIrreconcilable,
  mcInstallTimeStorage, mcFileMode, mcDataUrl, mcIgnitionV2Keys, mcFipsDay2, mcDuplicateOsImageUrl,
  mcExtensionInImage, mcpCustomInheritWorker, moscNamePool, moscContainerfileSize, moscContainerfileFrom,
];
