import type { Rule } from '../../engine/types';
import type { ContainerfileModel } from '../model';
import { runRange } from '../model';

export const insecureHttp: Rule<ContainerfileModel> = {
  meta: {
    id: 'insecure-http',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Packages or repositories fetched over http://',
    why: 'Anything fetched over plain HTTP can be altered on the way, and it ends up in the OS of every node in the pool. Fetch RPMs, repo files and keys over https://.',
    source: 'general supply-chain practice; openshift-docs coreos-layering.adoc examples use https',
    fixable: true,
  },
  check(model, ctx) {
    const seen = new Set<number>();
    const flag = (docStart: number, docEnd: number) => {
      const raw = model.text.slice(docStart, docEnd);
      for (let i = raw.indexOf('http://'); i >= 0; i = raw.indexOf('http://', i + 1)) {
        const at = docStart + i;
        if (seen.has(at)) continue;
        seen.add(at);
        const urlEnd = raw.slice(i).search(/["'\s]|$/);
        const url = raw.slice(i, i + urlEnd);
        ctx.report({
          range: model.index.range(at, at + url.length),
          message: `\`${url}\` is fetched over plain HTTP and can be tampered with on the way into the OS image: use https://.`,
          fixes: [{ title: 'Use https://', edits: [{ range: model.index.range(at, at + 'http://'.length), newText: 'https://' }] }],
        });
      }
    };
    for (const run of model.osRuns) {
      for (const cmd of run.script.commands) {
        for (const w of cmd.words) {
          if (!w.value.includes('http://')) continue;
          const r = runRange(model, run, w.start, w.end);
          flag(model.index.offsetAt(r.start), model.index.offsetAt(r.end));
        }
      }
    }
    for (const stage of model.stages) {
      if (!stage.isOS) continue;
      for (const inst of stage.instructions) {
        if (inst.getKeyword() !== 'ADD') continue;
        for (const a of inst.getArguments()) {
          if (a.getValue().startsWith('http://')) {
            const r = a.getRange();
            flag(model.index.offsetAt(r.start), model.index.offsetAt(r.end));
          }
        }
      }
    }
  },
};
