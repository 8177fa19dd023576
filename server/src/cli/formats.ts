/** Printers for `rhcos-lint`: text, JSON and SARIF 2.1.0. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, RuleMeta } from '../core/types';

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
}

export function formatText(results: FileResult[]): string {
  const out: string[] = [];
  let errors = 0,
    warnings = 0,
    infos = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      out.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.ruleId}]`);
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
    }
  }
  const files = results.length;
  out.push(
    `${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info`,
  );
  return out.join('\n') + '\n';
}

export function formatJson(results: FileResult[]): string {
  return (
    JSON.stringify(
      results.map((r) => ({
        file: r.file,
        diagnostics: r.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          severity: d.severity,
          message: d.message,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          fixable: d.fixes.length > 0,
        })),
      })),
      null,
      2,
    ) + '\n'
  );
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The base the relative artifact URIs resolve against: the directory rhcos-lint ran in. */
const SRCROOT = '%SRCROOT%';

/**
 * A file as a SARIF artifactLocation: a URI reference (RFC 3986: every byte outside the unreserved set
 * percent-encoded per path segment) relative to %SRCROOT% when the file is under the working
 * directory, else an absolute file: URI.
 */
/** One path segment of a URI reference; `:` too, so that a first segment never reads as a scheme. */
const segment = (s: string) => encodeURIComponent(s).replace(/:/g, '%3A');

export function artifactLocation(file: string, cwd = process.cwd()): { uri: string; uriBaseId?: string } {
  if (file === '<stdin>') return { uri: 'stdin' };
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(segment).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(abs).href };
}

export function formatSarif(results: FileResult[], metas: RuleMeta[], toolVersion: string, docsUri: (id: string) => string): string {
  const used = new Set(results.flatMap((r) => r.diagnostics.map((d) => d.ruleId)));
  const rules = metas.filter((m) => used.has(m.id));
  const ruleIndex = new Map(rules.map((m, i) => [m.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rhcos-lint',
            version: toolVersion,
            informationUri: docsUri(''),
            rules: rules.map((m) => ({
              id: m.id,
              name: m.id,
              shortDescription: { text: m.title },
              fullDescription: { text: m.why },
              helpUri: docsUri(m.id),
              defaultConfiguration: { level: LEVEL[m.severity] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(process.cwd()).href.replace(/\/?$/, '/') } },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.ruleId,
            ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(r.file),
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
