/** Checks the pull secret before a tool reads it, so the message names the setting and the fix. */
import * as fs from 'node:fs';

/** null when the file is usable; otherwise what is wrong and what to do. The path is not repeated. */
export function checkAuthfile(file: string): string | null {
  const fix =
    'Set rhcosLayering.pullSecretPath to a pull secret in JSON (the file `podman login --authfile` writes, or the cluster pull secret from console.redhat.com).';
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return `The pull secret file in rhcosLayering.pullSecretPath does not exist. ${fix}`;
  }
  if (!st.isFile()) return `rhcosLayering.pullSecretPath names a folder, not a file. ${fix}`;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const why = e instanceof SyntaxError ? 'it is not valid JSON' : 'it cannot be read';
    return `The pull secret in rhcosLayering.pullSecretPath cannot be used: ${why}. ${fix}`;
  }
  const auths = (json as { auths?: unknown } | null)?.auths;
  if (typeof auths !== 'object' || auths === null || Array.isArray(auths))
    return `The pull secret in rhcosLayering.pullSecretPath has no "auths" object. ${fix}`;
  return null;
}
