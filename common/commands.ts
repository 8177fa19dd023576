/**
 * Ids the client contributes: commands, the task type, the view. No dependencies, so the activation
 * bundle can import it; package.json's contributes is checked against these lists in the tests.
 */
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
  'rhcosLayering.setOcpVersion',
  'rhcosLayering.filterRollouts',
  'rhcosLayering.clearRolloutsFilter',
  'rhcosLayering.showBuildLog',
  'rhcosLayering.openGeneratedContainerfile',
  'rhcosLayering.applyContainerfileToPool',
  'rhcosLayering.rebuildImage',
  'rhcosLayering.removeImageMode',
  'rhcosLayering.explainNode',
  'rhcosLayering.showDaemonLog',
  'rhcosLayering.logIn',
  'rhcosLayering.chooseKubeconfig',
  'rhcosLayering.showOutput',
  'rhcosLayering.showRuleDoc',
  'rhcosLayering.refreshClusterDocument',
  'rhcosLayering.openClusterYaml',
  'rhcosLayering.prepullImage',
] as const;

export type CommandId = (typeof COMMANDS)[number];
/** One handler per contributed command: a missing one is a compile error, not a silent no-op. */
export type CommandHandlers = Record<CommandId, (...args: unknown[]) => unknown>;

/** The task type of Build / Push, also usable from tasks.json; the problem matcher has the same name. */
export const TASK_TYPE = 'rhcos-layering-build';
export const ROLLOUTS_VIEW = 'rhcosLayering.rollouts';
/** The `source` of our diagnostics in Problems. */
export const LINT_SOURCE = 'rhcos-lint';
/** The command behind the language server's "Show documentation for <rule>" code action; its argument is the rule id. */
export const SHOW_RULE_DOC = 'rhcosLayering.showRuleDoc';
