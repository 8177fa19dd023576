import type { ContainerfileModel, FromRef, Stage } from './model';

export interface OsBase {
  stage: Stage;
  from: FromRef;
  /** The image with a FROM `${ARG}` replaced by the ARG's default. */
  image: string;
  viaArg?: string;
}

/** The external base images of the OS stages (not earlier stages, not `configs`, not `scratch`). */
export function osBaseImages(model: ContainerfileModel): OsBase[] {
  const out: OsBase[] = [];
  for (const stage of model.stages) {
    if (!stage.isOS) continue;
    const f = stage.from;
    if (f.stageRef !== undefined || f.onCluster || f.image === '' || f.image.toLowerCase() === 'scratch') continue;
    if (f.arg) {
      const d = f.arg.defaultValue;
      if (typeof d !== 'string' || d === '') continue;
      const image = f.image.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-+][^}]*)?\}?/, d);
      out.push({ stage, from: f, image, viaArg: f.arg.name });
      continue;
    }
    if (f.image.includes('$')) continue;
    out.push({ stage, from: f, image: f.image });
  }
  return out;
}
