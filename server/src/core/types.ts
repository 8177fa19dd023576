import type { DocumentKind } from '../../../common/fileKind';
import type { ClusterFacts } from '../../../common/protocol';
import type { Range } from './lineIndex';

export type { Range };

export type { DocumentKind, ClusterFacts };

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /** First line of the instruction (or YAML document) the diagnostic is in: where a suppression comment goes. */
  anchorLine: number;
}

export interface RuleMeta {
  id: string;
  kind: DocumentKind;
  severity: Severity;
  title: string;
  /** Why it matters, from the RHCOS documentation; shown in hovers and the rule's page. */
  why: string;
  /** Where the fact comes from. */
  source: string;
  fixable: boolean;
  /** hadolint rule ids whose `# hadolint ignore=` comments also silence this rule. */
  hadolint?: string[];
  /** Needs `ocpVersion`; silent or conservative while it is unknown. */
  versionDependent?: boolean;
  /** For the rule's page: a bad and a good example (in the rule's language unless they start as YAML) and how to fix. */
  examples: RuleExamples;
}

export interface RuleExamples {
  bad: string;
  good: string;
  fix: string;
}

export interface LintOptions {
  /** OpenShift minor version such as `4.16`; empty or undefined when unknown. */
  ocpVersion?: string | undefined;
  /** Per-rule severity overrides. */
  rules?: Record<string, SeveritySetting> | undefined;
  /**
   * Another YAML extension (redhat.vscode-yaml) already validates this file against our schemas:
   * leave YAML syntax and schema errors to it, so no diagnostic shows twice.
   */
  schemaValidatedElsewhere?: boolean | undefined;
  /** Facts from the other files of the workspace, for cross-file rules. */
  workspace?: WorkspaceFacts | undefined;
  /** Facts from the cluster the editor is connected to, for the cluster-aware rules. */
  cluster?: ClusterFacts | undefined;
  /**
   * The OS image stream (`rhel-9`, `rhel-10`) of the pool a Containerfile is built for, when known: set for
   * the Containerfile of a MachineOSConfig whose pool names `spec.osImageStream`.
   */
  osStream?: string | undefined;
  /** Work units a Containerfile may cost (lint/budget.ts); over it the file gets one `lint-incomplete` instead. */
  workBudget?: number | undefined;
}

export interface MachineConfigFact {
  file: string;
  name: string;
  pool?: string;
  osImageURL?: string;
  extensions: string[];
}

export interface RpmFact {
  file: string;
  rpm: string;
  line: number;
}

/** A MachineConfigPool of the workspace: its OS image stream (`spec.osImageStream.name`) and MachineConfig selector. */
export interface PoolFact {
  file: string;
  name: string;
  stream?: string;
  machineConfigSelector?: unknown;
}

/** Facts about other files of the workspace that cross-file rules need; the caller reads the files. */
export interface WorkspaceFacts {
  machineConfigs: MachineConfigFact[];
  containerfileRpms: RpmFact[];
  /** Optional so that callers that know no pools need not say so. */
  pools?: PoolFact[];
}

export interface OcpVersion {
  major: number;
  minor: number;
}

export interface RuleFailure {
  ruleId: string;
  error: string;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** Rules that threw; they were skipped. */
  failures: RuleFailure[];
  /** A Containerfile that builds an application image, not a node's OS: no rule applies to it. */
  application?: true;
}
