/** Property: splitting into instruction chunks finds the same instructions as parsing the whole file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { buildModel } from '../../server/src/containerfile/model';
import { LineIndex } from '../../server/src/core/lineIndex';

const LINES = [
  'FROM quay.io/a/b@sha256:' + 'a'.repeat(64) + ' AS base',
  'FROM base',
  'ARG X=1',
  'ENV A=b C=d',
  'RUN rpm-ostree install x && \\',
  '    ostree container commit',
  '# a comment',
  '',
  '  ',
  'RUN <<EOF',
  'set -e',
  'echo hi',
  'EOF',
  'COPY <<-END /etc/x',
  '\tcontent',
  '\tEND',
  'RUN echo a \\',
  '# inside',
  '  b',
  'LABEL a=b \\',
  '  c=d',
  'RUN ["/bin/sh", "-c", "echo x"]',
  'USER root',
  '\\',
  'RUN cat <<A <<B',
  'RUN dnf install -y a \\ # not a continuation',
  'RUN cat <<-EOF > /etc/x \\',
  '\tEOF',
  'a',
  'A',
  'b',
  'B',
];

test('chunked parse finds the same instructions as a whole-file parse', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 30 }), fc.boolean(), (lines, crlf) => {
      const text = lines.join(crlf ? '\r\n' : '\n');
      const idx = new LineIndex(text);
      const whole = DockerfileParser.parse(text)
        .getInstructions()
        .map((i) => `${i.getKeyword()}@${idx.offsetAt(i.getRange().start)}-${idx.offsetAt(i.getRange().end)}`);
      const chunked = buildModel(text).instructions.map((i) => `${i.keyword}@${i.start}-${i.end}`);
      assert.deepEqual(chunked, whole, JSON.stringify(text));
    }),
    { numRuns: 500, seed: 3 },
  );
});
