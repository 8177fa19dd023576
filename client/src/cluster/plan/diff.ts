/**
 * The difference between two renders as the daemon sees it. Source: MCO pkg/daemon/update.go
 * `newMachineConfigDiff` (osImageURL, kernel arguments and extensions by exact list, fips, kernelType
 * canonicalized, passwd/files/units by deep equality) and pkg/controller/common/helpers.go
 * `CalculateConfigFileDiffs` / `GetChangedConfigUnitsByType` (changed paths and unit names: added, updated or removed).
 */
import type { Rendered } from './render';

export interface RenderDiff {
  osImageURL: boolean;
  kernelArguments: boolean;
  fips: boolean;
  kernelType: boolean;
  extensions: boolean;
  passwd: boolean;
  /** Changed file paths (added, updated or removed), sorted. */
  files: string[];
  /** Changed unit names (added, updated or removed), sorted. */
  units: string[];
}

const sameList = (a: string[], b: string[]) =>
  (a.length === 0 && b.length === 0) || (a.length === b.length && a.every((x, i) => x === b[i]));

function changedKeys(a: Map<string, string>, b: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const [k, v] of a) if (b.get(k) !== v) out.add(k);
  for (const k of b.keys()) if (!a.has(k)) out.add(k);
  return [...out].sort();
}

export function diffRendered(before: Rendered, after: Rendered): RenderDiff {
  return {
    osImageURL: before.osImageURL !== after.osImageURL,
    kernelArguments: !sameList(before.kernelArguments, after.kernelArguments),
    fips: before.fips !== after.fips,
    kernelType: before.kernelType !== after.kernelType,
    extensions: !sameList(before.extensions, after.extensions),
    passwd: before.passwd !== after.passwd,
    files: changedKeys(before.files, after.files),
    units: changedKeys(before.units, after.units),
  };
}

export function isEmptyDiff(d: RenderDiff): boolean {
  return (
    !d.osImageURL && !d.kernelArguments && !d.fips && !d.kernelType && !d.extensions && !d.passwd && !d.files.length && !d.units.length
  );
}
