/** RPM package specs as they appear on an install command line: names, NEVRAs, file paths and URLs. */
export interface PackageSpec {
  spec: string;
  name: string;
  version?: string;
  release?: string;
  arch?: string;
  isUrl: boolean;
  isFile: boolean;
  isSourceRpm: boolean;
  /** RHEL major from an `.elN` dist tag, when present. */
  el?: number;
}

const ARCHES = new Set(['x86_64', 'aarch64', 'ppc64le', 's390x', 'noarch', 'i686', 'src']);

export function parsePackageSpec(spec: string): PackageSpec {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(spec);
  const isFile = !isUrl && (spec.includes('/') || spec.endsWith('.rpm'));
  let base = isUrl || isFile ? (spec.split(/[?#]/, 1)[0]!.split('/').pop() ?? spec) : spec;
  base = base.replace(/\.rpm$/, '');
  let arch: string | undefined;
  const dot = base.lastIndexOf('.');
  if (dot > 0 && ARCHES.has(base.slice(dot + 1))) {
    arch = base.slice(dot + 1);
    base = base.slice(0, dot);
  }
  const isSourceRpm = arch === 'src' || /\.src\.rpm$/.test(spec);
  const parts = base.split('-');
  let name = base;
  let version: string | undefined;
  let release: string | undefined;
  if (parts.length >= 3 && /^\d/.test(parts[parts.length - 1]!) && /^\d/.test(parts[parts.length - 2]!)) {
    release = parts[parts.length - 1];
    version = parts[parts.length - 2];
    name = parts.slice(0, -2).join('-');
  }
  // name-version with an epoch-less "name-1.2" form (no release) is left as a plain name.
  const elMatch = /\.el(\d+)/.exec(release ?? spec);
  const result: PackageSpec = { spec, name, isUrl, isFile, isSourceRpm };
  if (version !== undefined) result.version = version;
  if (release !== undefined) result.release = release;
  if (arch !== undefined) result.arch = arch;
  if (elMatch) result.el = Number(elMatch[1]);
  return result;
}
