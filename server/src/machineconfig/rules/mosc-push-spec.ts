import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { isV1, isV1alpha1, PUSH_SPEC_MAX, v1PushSpecValid, V1_PUSH_MESSAGE, V1ALPHA1_PUSH_RULES } from '../mosc';

export const moscPushSpec: MachineConfigRule = {
  meta: {
    id: 'mosc-push-spec',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig renderedImagePushSpec the API rejects',
    why:
      'MCO pushes every build to `renderedImagePushSpec` under a tag of its own, and the API checks the value with two regular ' +
      'expressions: `host[:port][/namespace]/name:<tag>` where the host has a dot, namespaces have no dot and a tag is required, or ' +
      'the internal registry form `<service>.<namespace>.svc:<port>/<namespace>/<name>:<tag>`. `localhost:5000/os:latest`, ' +
      '`quay.io/my.org/os:latest`, a digest and a missing tag are all rejected when the MachineOSConfig is created.',
    source:
      'openshift/api machineconfiguration/v1/types_machineosconfig.go `ImageTagFormat` (CEL rule and message, release-4.18 to 5.0); ' +
      'v1alpha1/types_machineosconfig.go `renderedImagePushspec` (release-4.16, 4.17); MCO pkg/controller/build/buildrequest/' +
      'machineosbuild.go (reference.ParseNamed, then reference.WithTag with the MachineOSBuild name)',
    fixable: true,
    examples: {
      bad: `kind: MachineOSConfig
spec:
  renderedImagePushSpec: localhost:5000/os-image`,
      good: `kind: MachineOSConfig
spec:
  renderedImagePushSpec: image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest`,
      fix: 'Name a registry host with a dot (or the `.svc` service of the internal registry) and a tag. Quick fixes: *Add the tag `:latest`*, *Drop the digest*.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      const alpha = isV1alpha1(d);
      if (!alpha && !isV1(d)) continue;
      const path = alpha ? ['spec', 'buildInputs', 'renderedImagePushspec'] : ['spec', 'renderedImagePushSpec'];
      const v = get(d.value, path);
      // Empty and over-long values are the schema's (minLength 1, maxLength 447).
      if (typeof v !== 'string' || v === '' || v.length > PUSH_SPEC_MAX) continue;
      const failed = alpha
        ? V1ALPHA1_PUSH_RULES.filter((r) => !r.test(v)).map((r) => r.message)
        : v1PushSpecValid(v)
          ? []
          : [V1_PUSH_MESSAGE];
      const range = rangeAt(model, d, path);
      if (failed.length === 0) {
        // The API's regex allows capitals in the repository; MCO's reference.ParseNamed does not, and no build is ever created.
        const slash = v.indexOf('/');
        const repo = v.slice(slash + 1).replace(/:[^/]*$/, '');
        if (slash > 0 && repo !== repo.toLowerCase()) {
          const lower = v.slice(0, slash + 1) + repo.toLowerCase() + v.slice(slash + 1 + repo.length);
          ctx.report({
            range,
            message:
              `The API accepts \`${v}\`, but MCO cannot tag a build with it: a repository name must be lowercase ` +
              `("repository name must be lowercase"), so no MachineOSBuild is created. Use \`${lower}\`.`,
            fixes: [{ title: 'Lowercase the repository', edits: [{ range, newText: lower }] }],
          });
        }
        continue;
      }
      const fixed = repaired(v);
      const valid = (s: string) => (alpha ? V1ALPHA1_PUSH_RULES.every((r) => r.test(s)) : v1PushSpecValid(s));
      const fix = fixed && valid(fixed.text) ? [{ title: fixed.title, edits: [{ range, newText: fixed.text }] }] : undefined;
      ctx.report({
        range,
        message: `The API rejects \`${v}\`: "${failed.join('" and "')}"${hint(v, alpha)}`,
        fixes: fix,
      });
    }
  },
};

/** What is wrong, in the user's terms (the API's message names the format only). */
function hint(v: string, alpha: boolean): string {
  if (/^[a-z]+:\/\//i.test(v)) return ' (no scheme: start with the registry host).';
  if (v.includes('@')) return ' (a digest: MCO tags each build itself, so name a tag here, e.g. `:latest`).';
  const slash = v.indexOf('/');
  if (slash < 0) return ' (no repository: write `<registry host>/<repository>:<tag>`).';
  const host = v.slice(0, slash);
  if (!host.split(':')[0]!.includes('.'))
    return ` (the registry host \`${host}\` has no dot: the API wants a fully qualified host name; \`localhost\` is refused).`;
  if (!/:[^/]+$/.test(v)) return ' (no tag: add one, e.g. `:latest`; MCO replaces it with the build’s name when it pushes).';
  if (/\.svc(:|$)/.test(host)) return ' (the internal registry form is `<service>.<namespace>.svc:<port>/<namespace>/<name>:<tag>`).';
  if (alpha && host.includes(':')) return ' (v1alpha1 refuses a port outside the `.svc` form: the value may hold only one `:`).';
  const dotted = v
    .slice(slash + 1)
    .split('/')
    .slice(0, -1)
    .find((s) => !/^[a-zA-Z0-9_-]{1,61}$/.test(s));
  if (dotted !== undefined) return ` (the namespace \`${dotted}\` may hold only letters, digits, \`-\` and \`_\`, at most 61).`;
  return '.';
}

/** A repaired value for the two common slips: a digest instead of a tag, and no tag. */
function repaired(v: string): { title: string; text: string } | null {
  const at = v.indexOf('@');
  if (at >= 0) {
    const name = v.slice(0, at);
    const tagged = /:[^/]+$/.test(name);
    return { title: tagged ? 'Drop the digest' : 'Replace the digest with the tag `:latest`', text: tagged ? name : `${name}:latest` };
  }
  if (!/:[^/]+$/.test(v)) return { title: 'Add the tag `:latest`', text: `${v}:latest` };
  return null;
}
