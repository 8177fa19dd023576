/**
 * Suppression comments:
 *   # rhcos-lint ignore=<id>[,<id>]        on the line(s) before an instruction
 *   # rhcos-lint global ignore=<id>[,<id>] anywhere: the whole file
 *   # hadolint ignore=DL3006 / # hadolint global ignore=... for rules that map to a hadolint id
 */
import type { Diagnostic, RuleMeta } from '../core/types';
import { append } from '../core/arrays';

interface Suppressions {
  global: Set<string>;
  /** Line of the next non-comment line -> ids ignored there. */
  byAnchor: Map<number, Set<string>>;
}

/** The list is taken whole and checked apart: a lazy list before `\s*$` backtracks quadratically over trailing blanks. */
const COMMENT = /^\s*#\s*(rhcos-lint|hadolint)\s+(global\s+)?ignore\s*=([\s\S]*)$/;
const LIST = /^[A-Za-z0-9_,\- ]+$/;

export function parseSuppressions(lines: string[], metas: RuleMeta[]): Suppressions {
  const hadolintMap = new Map<string, string[]>();
  for (const m of metas) for (const h of m.hadolint ?? []) hadolintMap.set(h, [...(hadolintMap.get(h) ?? []), m.id]);
  const global = new Set<string>();
  const byAnchor = new Map<number, Set<string>>();
  let pending: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = COMMENT.exec(line);
    const list = m ? m[3]!.trim() : '';
    if (m && list && LIST.test(list)) {
      const ids = list
        .split(/[,\s]+/)
        .filter(Boolean)
        .flatMap((id) => (m[1] === 'hadolint' ? (hadolintMap.get(id) ?? []) : [id]));
      if (m[2]) ids.forEach((id) => global.add(id));
      else append(pending, ids);
      continue;
    }
    if (/^\s*(#|$)/.test(line)) continue;
    if (pending.length) {
      byAnchor.set(i, new Set(pending));
      pending = [];
    }
  }
  return { global, byAnchor };
}

export function applySuppressions(diags: Diagnostic[], s: Suppressions): Diagnostic[] {
  if (s.global.size === 0 && s.byAnchor.size === 0) return diags;
  return diags.filter((d) => !s.global.has(d.ruleId) && !s.byAnchor.get(d.anchorLine)?.has(d.ruleId));
}
