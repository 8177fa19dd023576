import type { Rule } from '../../core/types';
import { get, rangeAt, YamlModel } from '../model';
import { nameOf, owned } from '../queries';

export const MAX_CONTAINERFILE = 4096;

export function containerFiles(d: { value: unknown }): { content: string; index: number }[] {
  const list = get(d.value, ['spec', 'containerFile']);
  if (!Array.isArray(list)) return [];
  return list.flatMap((c, index) => (typeof c?.content === 'string' ? [{ content: c.content as string, index }] : []));
}

export const moscNamePool: Rule<YamlModel> = {
  meta: {
    id: 'mosc-name-pool',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig name differs from its pool',
    why: 'There is one MachineOSConfig per pool, and its name must be the pool\'s name; the API rejects any other name.',
    source: 'openshift/api machineconfiguration/v1 types_machineosconfig.go (CEL rule)',
    fixable: true,
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      const pool = get(d.value, ['spec', 'machineConfigPool', 'name']);
      if (typeof pool !== 'string' || d.apiVersion?.endsWith('v1alpha1') || nameOf(d) === pool) continue;
      const range = rangeAt(model, d, ['metadata', 'name']);
      ctx.report({ range, message: `MachineOSConfig \`${nameOf(d)}\` must be named after its pool, \`${pool}\`.`, fixes: [{ title: `Rename to ${pool}`, edits: [{ range, newText: pool }] }] });
    }
  },
};

export const moscContainerfileSize: Rule<YamlModel> = {
  meta: {
    id: 'mosc-containerfile-size',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig Containerfile over 4,096 characters',
    why: 'The API limits each `containerFile[].content` to 4,096 characters. Move long scripts into an image or an RPM and install that.',
    source: 'openshift/api types_machineosconfig.go (MaxLength=4096)',
    fixable: false,
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      for (const c of containerFiles(d)) {
        if (c.content.length <= MAX_CONTAINERFILE) continue;
        ctx.report({ range: rangeAt(model, d, ['spec', 'containerFile', c.index, 'content'], { key: true }), message: `This Containerfile has ${c.content.length.toLocaleString('en-US')} characters; the API accepts at most 4,096. Move long scripts into an RPM or a separate image.` });
      }
    }
  },
};

export const moscContainerfileFrom: Rule<YamlModel> = {
  meta: {
    id: 'mosc-containerfile-from',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig Containerfile must start `FROM configs AS final`',
    why: 'MCO builds its own stages (`configs` holds the rendered MachineConfig) and appends your Containerfile. It must build on them with `FROM configs AS final`, and that stage must be the last.',
    source: 'MCO docs/onclusterlayering-quickstart.md; Containerfile.on-cluster-build-template',
    fixable: false,
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      for (const c of containerFiles(d)) {
        const first = c.content.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#')) ?? '';
        const finals = c.content.split('\n').filter((l) => /^\s*FROM\s/i.test(l));
        const lastFrom = finals.at(-1) ?? '';
        if (/^FROM\s+configs\s+AS\s+final$/i.test(first) && /\bAS\s+final\s*$/i.test(lastFrom)) continue;
        ctx.report({ range: rangeAt(model, d, ['spec', 'containerFile', c.index, 'content'], { key: true }), message: `The on-cluster Containerfile must start with \`FROM configs AS final\`${first ? ` (it starts with \`${first.slice(0, 60)}\`)` : ''}, and \`final\` must be the last stage.` });
      }
    }
  },
};
