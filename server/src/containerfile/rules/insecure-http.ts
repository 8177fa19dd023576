import type { ContainerfileRule, LocalReport } from '../rule';

export const insecureHttp: ContainerfileRule = {
  meta: {
    id: 'insecure-http',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Packages or repositories fetched over http://',
    why: 'Anything fetched over plain HTTP can be altered on the way, and it ends up in the OS of every node in the pool. Fetch RPMs, repo files and keys over https://.',
    source: 'general supply-chain practice; openshift-docs coreos-layering.adoc examples use https',
    fixable: true,
  },
  checkRun(script) {
    const out: LocalReport[] = [];
    for (const cmd of script.commands) {
      for (const w of cmd.words) if (w.value.includes('http://')) out.push(...httpUrls(script.src.slice(w.start, w.end), w.start));
    }
    return out;
  },
  check(model, ctx) {
    for (const stage of model.stages) {
      if (!stage.isOS) continue;
      for (const inst of stage.instructions) {
        if (inst.keyword !== 'ADD') continue;
        for (const a of inst.args()) {
          if (!a.value.startsWith('http://')) continue;
          for (const r of httpUrls(model.text.slice(a.start, a.end), a.start)) {
            ctx.report({ range: model.index.range(r.start, r.end), message: r.message, fixes: r.fixes!.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: model.index.range(e.start, e.end), newText: e.newText })) })) });
          }
        }
      }
    }
  },
};

/** Each `http://` URL in `raw` (which starts at offset `at`). */
function httpUrls(raw: string, at: number): LocalReport[] {
  const out: LocalReport[] = [];
  for (let i = raw.indexOf('http://'); i >= 0; i = raw.indexOf('http://', i + 1)) {
    const urlEnd = raw.slice(i).search(/["'\s]|$/);
    const url = raw.slice(i, i + urlEnd);
    out.push({
      start: at + i,
      end: at + i + url.length,
      message: `\`${url}\` is fetched over plain HTTP and can be tampered with on the way into the OS image: use https://.`,
      fixes: [{ title: 'Use https://', edits: [{ start: at + i, end: at + i + 'http://'.length, newText: 'https://' }] }],
    });
  }
  return out;
}
