/** Which linter a file name calls for. Pure and dependency-free: the client uses it too. */

export type DocumentKind = 'containerfile' | 'yaml';

export function detectKind(fileName: string): DocumentKind | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (/^(Containerfile|Dockerfile)(\..+)?$/i.test(base) || /\.(containerfile|dockerfile)$/i.test(base)) return 'containerfile';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  return null;
}
