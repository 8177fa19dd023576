/**
 * No call spreads an array into arguments in shipped code: `f(...array)` throws RangeError once the
 * array has ~125,000 items (a Containerfile installing that many packages did). Use a loop (core/arrays.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const SPREAD_CALL = /\b(push|unshift|splice|max|min|fromCharCode|fromCodePoint|apply)\s*\(\s*\.\.\./;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

test('no push(...xs), Math.max(...xs) or the like in server/ and common/', () => {
  const found: string[] = [];
  for (const f of [...files(path.join(root, 'server', 'src')), ...files(path.join(root, 'common'))]) {
    fs.readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (SPREAD_CALL.test(line)) found.push(`${path.relative(root, f)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, []);
});
