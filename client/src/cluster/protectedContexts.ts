/**
 * `rhcosLayering.protectedContexts`: glob patterns of kubeconfig context names (`prod-*`, `*-api-prod-*`)
 * for which every write needs the context name typed. `*` is any run of characters, `?` one; the
 * whole name must match; case matters, as it does for context names.
 */
export function isProtected(context: string, patterns: readonly unknown[]): boolean {
  return patterns.some((p) => typeof p === 'string' && p !== '' && globRegExp(p).test(context));
}

function globRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) re += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`, 's');
}
