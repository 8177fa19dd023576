/**
 * Names the Machine Config Operator defines, used by the client's cluster code and the server's
 * rules alike. The cluster simulator keeps its own copies on purpose, so it stays an independent oracle.
 */

/** API group of MachineConfig, MachineConfigPool and MachineOSConfig. */
export const MCO_GROUP = 'machineconfiguration.openshift.io';
export const MCO_VERSION = 'v1';
/** Prefix of MCO's labels and node annotations (`…/currentConfig`, `…/state`, …). */
export const MCO_PREFIX = `${MCO_GROUP}/`;
/** The label that puts a MachineConfig into the pools selecting that role. */
export const ROLE_LABEL = `${MCO_GROUP}/role`;
/** Annotation MCO writes on the rendered MachineConfigs it generates. */
export const GENERATED_BY_ANNOTATION = `${MCO_GROUP}/generated-by-controller-version`;

/** The label our writes carry, so Roll Back can tell our MachineConfigs from others. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGER = 'rhcos-layering-vscode';
