/** The contributed command ids; package.json's contributes.commands is checked against this list in the tests. */
export const COMMANDS = [
  'rhcosLayering.buildLayeredImage',
  'rhcosLayering.pushLayeredImage',
] as const;
