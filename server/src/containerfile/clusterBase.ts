/** The quick fix offered on base-image diagnostics while a cluster is connected: its own base image. */
import type { ContainerfileContext, OffsetFix } from './rule';
import type { OsBase } from './fromImages';

export function clusterBaseFix(base: OsBase, ctx: ContainerfileContext): OffsetFix[] {
  const image = ctx.options.cluster?.baseImage;
  if (!image || base.viaArg || base.image === image) return [];
  return [
    {
      title: `Use the base image of cluster ${ctx.options.cluster!.context}`,
      edits: [{ at: [base.from.start, base.from.end], newText: image }],
    },
  ];
}
