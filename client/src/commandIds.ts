/** The contributed command ids; package.json's contributes.commands is checked against this list in the tests. */
export const COMMANDS = [
  'rhcosLayering.buildLayeredImage',
  'rhcosLayering.pushLayeredImage',
  'rhcosLayering.selectContext',
  'rhcosLayering.applyLayeredImage',
  'rhcosLayering.applyMachineConfig',
  'rhcosLayering.rollBack',
  'rhcosLayering.insertBaseImage',
  'rhcosLayering.pausePool',
  'rhcosLayering.resumePool',
  'rhcosLayering.openMachineConfig',
  'rhcosLayering.copyDebugCommand',
  'rhcosLayering.refreshRollouts',
] as const;
