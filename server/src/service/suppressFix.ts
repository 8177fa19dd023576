/** The "ignore this rule on this instruction" edit. */
import type { Fix } from '../core/types';
import { LineIndex } from '../core/lineIndex';

export function suppressionFix(text: string, ruleId: string, anchorLine: number): Fix {
  const index = new LineIndex(text);
  const prev = anchorLine > 0 ? index.lineText(anchorLine - 1) : '';
  const m = /^(\s*#\s*rhcos-lint\s+ignore\s*=\s*)([A-Za-z0-9_,\- ]+?)\s*$/.exec(prev);
  if (m) {
    const line = anchorLine - 1;
    return {
      title: `Ignore ${ruleId} for this instruction`,
      edits: [{ range: { start: { line, character: 0 }, end: { line, character: prev.length } }, newText: `${m[1]}${m[2]},${ruleId}` }],
    };
  }
  const indent = /^\s*/.exec(index.lineText(anchorLine))![0];
  const at = { line: anchorLine, character: 0 };
  return {
    title: `Ignore ${ruleId} for this instruction`,
    edits: [{ range: { start: at, end: at }, newText: `${indent}# rhcos-lint ignore=${ruleId}\n` }],
  };
}
