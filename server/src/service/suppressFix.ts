/** The "ignore this rule on this instruction" edit. */
import type { Fix } from '../core/types';
import { LineIndex } from '../core/lineIndex';

export function suppressionFix(text: string, ruleId: string, anchorLine: number): Fix {
  const index = new LineIndex(text);
  const prev = anchorLine > 0 ? index.lineText(anchorLine - 1) : '';
  // The list is taken whole and checked apart (a lazy list before `\s*$` backtracks quadratically over trailing blanks).
  const m = /^(\s*#\s*rhcos-lint\s+ignore\s*=)([\s\S]*)$/.exec(prev);
  const list = m ? m[2]!.trim() : '';
  if (m && list && /^[A-Za-z0-9_,\- ]+$/.test(list)) {
    const line = anchorLine - 1;
    const head = m[1]! + m[2]!.slice(0, m[2]!.length - m[2]!.trimStart().length);
    return {
      title: `Ignore ${ruleId} for this instruction`,
      edits: [{ range: { start: { line, character: 0 }, end: { line, character: prev.length } }, newText: `${head}${list},${ruleId}` }],
    };
  }
  const indent = /^\s*/.exec(index.lineText(anchorLine))![0];
  const at = { line: anchorLine, character: 0 };
  return {
    title: `Ignore ${ruleId} for this instruction`,
    edits: [{ range: { start: at, end: at }, newText: `${indent}# rhcos-lint ignore=${ruleId}\n` }],
  };
}
