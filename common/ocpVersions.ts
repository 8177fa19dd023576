/**
 * The OpenShift versions the rules know (shared/domain CURRENT.md goes to 4.23 and 5.0), newest last.
 * The `rhcosLayering.ocpVersion` dropdown and Set OpenShift Version… offer these; a test keeps
 * package.json in step.
 */
export const OCP_VERSIONS = [
  '4.12',
  '4.13',
  '4.14',
  '4.15',
  '4.16',
  '4.17',
  '4.18',
  '4.19',
  '4.20',
  '4.21',
  '4.22',
  '4.23',
  '5.0',
] as const;
