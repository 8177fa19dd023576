import type { MachineConfigRule } from '../rule';
import { rangeAt, Path } from '../model';
import { ignitionFiles, owned } from '../queries';
import { ignitionExample } from '../examples';
import { memoByObject } from '../../core/memo';

/** Answers for the last two long URLs: a multi-megabyte file content is checked again on every edit elsewhere in the file. */
const recent = new Map<string, string | null>();

/** Why a data URL does not decode, or null when it does. */
export function dataUrlProblem(url: string): string | null {
  if (url.length < 65536) return problemOf(url);
  if (recent.has(url)) return recent.get(url)!;
  const p = problemOf(url);
  if (recent.size >= 2) recent.delete(recent.keys().next().value!);
  recent.set(url, p);
  return p;
}

function problemOf(url: string): string | null {
  const m = /^data:([^,]*),(.*)$/s.exec(url);
  if (!m) return 'it has no `,` between the media type and the data';
  const base64 = /;base64$/i.test(m[1]!);
  const data = m[2]!;
  if (base64) {
    // One pass for a stray character; the rest are cheap (files can be megabytes).
    if (/[^A-Za-z0-9+/=\s]/.test(data)) return 'its base64 data is not valid base64';
    const clean = /\s/.test(data) ? data.replace(/\s+/g, '') : data;
    const eq = clean.indexOf('=');
    const padded = eq >= 0;
    if ((padded && (clean.length - eq > 2 || /[^=]/.test(clean.slice(eq)))) || clean.length % 4 === 1 || (padded && clean.length % 4 !== 0))
      return 'its base64 data is not valid base64';
    return null;
  }
  try {
    decodeURIComponent(data);
  } catch {
    return 'its percent-encoding is broken (a `%` not followed by two hex digits)';
  }
  return null;
}

export const mcDataUrl: MachineConfigRule = {
  meta: {
    id: 'mc-data-url',
    kind: 'yaml',
    severity: 'error',
    title: 'File contents data URL that does not decode',
    why: 'Ignition decodes `data:` URLs when it validates the config. One that does not decode makes MCO fail validation, and the pool stops.',
    source: 'coreos/ignition validation; RFC 2397',
    fixable: false,
    examples: {
      bad: ignitionExample(`    storage:
      files:
        - path: /etc/x
          contents:
            source: data:;base64,bm90IGJhc2U2NA=`),
      good: ignitionExample(`    storage:
      files:
        - path: /etc/x
          contents:
            source: data:;base64,aGVsbG8K`),
      fix: 'Re-encode the file: `base64 -w0 file`.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      ignitionFiles(d).forEach((f, i) => {
        for (const { path, problem } of entryProblems(f))
          ctx.report({
            range: rangeAt(model, d, ['spec', 'config', 'storage', 'files', i, ...path]),
            message: `The data URL for \`${String(f['path'])}\` does not decode: ${problem}. Re-encode the file (for example \`base64 -w0\`).`,
          });
      });
    }
  },
};

/**
 * The data URLs of one `storage.files` entry that do not decode. Kept per entry: the parse reuses the
 * values of entries an edit did not touch, so a keystroke in a rendered MachineConfig checks one entry, not thousands.
 */
const entryProblems = memoByObject((f: Record<string, unknown>): { path: Path; problem: string }[] => {
  const out: { path: Path; problem: string }[] = [];
  const check = (src: unknown, path: Path) => {
    if (typeof src !== 'string' || !src.startsWith('data:')) return;
    const problem = dataUrlProblem(src);
    if (problem) out.push({ path, problem });
  };
  check((f?.['contents'] as Record<string, unknown> | undefined)?.['source'], ['contents', 'source']);
  if (Array.isArray(f?.['append']))
    (f['append'] as Record<string, unknown>[]).forEach((a, k) => check(a?.['source'], ['append', k, 'source']));
  return out;
});
