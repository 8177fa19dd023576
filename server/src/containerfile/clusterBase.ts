/** The quick fix offered on base-image diagnostics while a cluster is connected: its own base image. */
import type { Fix, RuleContext } from '../core/types';
import type { ContainerfileModel } from './model';
import type { OsBase } from './fromImages';

export function clusterBaseFix(model: ContainerfileModel, base: OsBase, ctx: RuleContext): Fix[] {
  const image = ctx.options.cluster?.baseImage;
  if (!image || base.viaArg || base.image === image) return [];
  return [{ title: `Use the base image of cluster ${ctx.options.cluster!.context}`, edits: [{ range: model.index.range(base.from.start, base.from.end), newText: image }] }];
}
