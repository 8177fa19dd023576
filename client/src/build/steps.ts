/**
 * Maps the engines' progress lines back to the Containerfile: podman and buildah print
 * `STEP n/m: INSTR` (with `[s/t] ` before it in multi-stage builds), docker's BuildKit `[stage k/m] INSTR`.
 */
import { DockerfileParser } from 'dockerfile-ast';

export interface Step {
  stage: number;
  stages: number;
  n: number;
  m: number;
  text: string;
}

const PODMAN = /^(?:\[(\d+)\/(\d+)\] )?STEP (\d+)\/(\d+): (.*)$/;
const DOCKER = /^#\d+ \[(?:([\w.-]+) )?(\d+)\/(\d+)\] (.*)$/;

export function parseStep(line: string): Step | null {
  let m = PODMAN.exec(line);
  if (m) return { stage: Number(m[1] ?? 1), stages: Number(m[2] ?? 1), n: Number(m[3]), m: Number(m[4]), text: m[5]! };
  m = DOCKER.exec(line);
  if (m) return { stage: 0, stages: 0, n: Number(m[2]), m: Number(m[3]), text: m[4]! };
  return null;
}

export interface InstructionLine {
  line: number;
  keyword: string;
  text: string;
}

/** Instructions grouped by stage (each starts at a FROM), with 0-based lines. */
export function stagesOf(containerfile: string): InstructionLine[][] {
  const stages: InstructionLine[][] = [];
  for (const inst of DockerfileParser.parse(containerfile).getInstructions()) {
    const keyword = inst.getKeyword();
    if (keyword === 'FROM' || stages.length === 0) stages.push([]);
    stages[stages.length - 1]!.push({ line: inst.getRange().start.line, keyword, text: inst.getTextContent?.() ?? keyword });
  }
  return stages;
}

/** The Containerfile line (0-based) of a step, or null when it cannot be placed. */
export function lineOfStep(stages: InstructionLine[][], step: Step): number | null {
  if (step.stage > 0) return stages[step.stage - 1]?.[step.n - 1]?.line ?? null;
  // BuildKit numbers steps across the whole file; FROM is step 1 of its stage.
  const flat = stages.flat();
  const word = step.text.split(/\s/)[0]?.toUpperCase();
  const hit = flat.filter((i) => i.keyword === word);
  return hit.length === 1 ? hit[0]!.line : (flat[step.n - 1]?.line ?? null);
}
