/** The OS stage of a Containerfile: the stage the nodes boot, whose FROM Insert Cluster Base Image rewrites. */
import { DockerfileParser } from 'dockerfile-ast';

/** Zero-based, as in the editor and the language server protocol. */
export interface TextRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The OS stage's FROM image range: the last FROM, followed through stage aliases; null when there is no FROM. */
export function osFromImageRange(containerfile: string): TextRange | null {
  const froms = DockerfileParser.parse(containerfile).getFROMs();
  let from = froms[froms.length - 1];
  for (let guard = 0; from && guard < froms.length; guard++) {
    const name = from.getImageName();
    const alias = froms.find((f) => f !== from && f.getBuildStage()?.toLowerCase() === name?.toLowerCase());
    if (!alias) break;
    from = alias;
  }
  return from?.getImageRange() ?? null;
}
