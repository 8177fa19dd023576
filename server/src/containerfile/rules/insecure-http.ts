import type { ContainerfileRule, OffsetReport } from '../rule';
import { declarationNote, expandArgument, scopeOf } from '../variables';

export const insecureHttp: ContainerfileRule = {
  meta: {
    id: 'insecure-http',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Packages or repositories fetched over http://',
    why: 'Anything fetched over plain HTTP can be altered on the way, and it ends up in the OS of every node in the pool. Fetch RPMs, repo files and keys over https://.',
    source:
      'general supply-chain practice; openshift-docs coreos-layering.adoc examples use https; dnf.conf(5) baseurl, mirrorlist, ' +
      'metalink and gpgkey are fetched by dnf and rpm-ostree, also from a repo file a here-document writes',
    fixable: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install http://mirror.example.com/tool.rpm`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install https://mirror.example.com/tool.rpm`,
      fix: 'Quick fix: *Use https://*.',
    },
  },
  checkRun(script, ctx) {
    for (const cmd of script.commands) {
      for (const w of cmd.words) {
        if (!w.value.includes('http://')) continue;
        // A URL from an ARG/ENV value is reported on the `$VAR` word; the fix belongs on the declaration.
        if (w.vars) httpUrls(w.value, 0).forEach((r) => ctx.report({ at: [w.start, w.end], message: r.message }));
        else httpUrls(script.src.slice(w.start, w.end), w.start).forEach(ctx.report);
      }
      // `cat <<EOF > /etc/yum.repos.d/x.repo`: the body is a repo file.
      for (const r of cmd.redirects)
        if (r.body?.value.includes('http://')) repoUrls(script.src.slice(r.body.start, r.body.end), r.body.start).forEach(ctx.report);
    }
  },
  check(model, ctx) {
    for (const stage of model.stages) {
      if (!stage.isOS) continue;
      for (const inst of stage.instructions) {
        if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
          // `COPY <<EOF /etc/yum.repos.d/x.repo`
          for (const h of inst.heredocs()) repoUrls(model.text.slice(h.bodyStart, h.bodyEnd), h.bodyStart).forEach(ctx.report);
        }
        if (inst.keyword !== 'ADD') continue;
        for (const a of inst.args()) {
          const scope = scopeOf(inst);
          const filled = a.value.includes('$') ? expandArgument(a.value, scope) : null;
          if (filled?.value.startsWith('http://')) {
            const note = declarationNote(filled.vars, scope);
            httpUrls(filled.value, 0).forEach((r) => ctx.report({ at: [a.start, a.end], message: r.message + note }));
            continue;
          }
          if (!a.value.startsWith('http://')) continue;
          httpUrls(model.text.slice(a.start, a.end), a.start).forEach(ctx.report);
        }
      }
    }
  },
};

/** The repository keys dnf and rpm-ostree fetch from (dnf.conf(5)); other text in a here-document is data. */
const REPO_KEY = /^[ \t]*(baseurl|mirrorlist|metalink|gpgkey)[ \t]*=/;

/** `http://` URLs on the repository lines of a here-document's body (which starts at offset `at`). */
function repoUrls(body: string, at: number): OffsetReport[] {
  const out: OffsetReport[] = [];
  let lineStart = 0;
  for (const line of body.split('\n')) {
    const key = REPO_KEY.exec(line);
    if (key) {
      // gpgkey lists several URLs, separated by commas or blanks.
      const values = /[^,\s]+/g;
      values.lastIndex = key[0].length;
      for (let m = values.exec(line); m; m = values.exec(line))
        if (m[0].startsWith('http://')) for (const r of httpUrls(m[0], at + lineStart + m.index)) out.push(r);
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** Each `http://` URL in `raw` (which starts at offset `at`). */
function httpUrls(raw: string, at: number): OffsetReport[] {
  const out: OffsetReport[] = [];
  for (let i = raw.indexOf('http://'); i >= 0; i = raw.indexOf('http://', i + 1)) {
    const urlEnd = raw.slice(i).search(/["'\s]|$/);
    const url = raw.slice(i, i + urlEnd);
    out.push({
      at: [at + i, at + i + url.length],
      message: `\`${url}\` is fetched over plain HTTP and can be tampered with on the way into the OS image: use https://.`,
      fixes: [{ title: 'Use https://', edits: [{ at: [at + i, at + i + 'http://'.length], newText: 'https://' }] }],
    });
  }
  return out;
}
