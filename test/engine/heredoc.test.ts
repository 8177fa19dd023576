/** Here-documents and continuations as the Dockerfile frontend reads them (moby/buildkit parser_heredoc_test.go cases). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heredocMarker, instructionHeredocs } from '../../server/src/containerfile/heredoc';
import { buildModel } from '../../server/src/containerfile/model';
import { lintContainerfile } from '../../server/src/lint';

const names = (line: string) => instructionHeredocs(line).map((h) => h.name);

test('heredoc markers: the words BuildKit takes, with their names', () => {
  for (const w of ['<<EOF', "<<'EOF'", '<<"EOF"', '<<-EOF', "<<-'EOF'", '<<-"EOF"', '<<EO"F"', '<< EOF', '<<- EOF', '3<<EOF'])
    assert.equal(heredocMarker(w)?.name, 'EOF', w);
  for (const w of ['', 'EOF', '<<', '<<-', '<EOF', '<<<EOF', '<<EOF sh', "<<'EOF", '<<"EOF']) assert.equal(heredocMarker(w), null, w);
  assert.deepEqual(heredocMarker("<<-'NOEXPAND'"), { name: 'NOEXPAND', chomp: true, quoted: true });
  assert.deepEqual(heredocMarker('<<EXPAND'), { name: 'EXPAND', chomp: false, quoted: false });
  assert.equal(heredocMarker("<<eo'f'")?.name, 'eof');
  assert.equal(heredocMarker("<<'one two'")?.name, 'one two');
});

test('heredocs of an instruction line: RUN, COPY, ADD and ONBUILD in shell form only', () => {
  assert.deepEqual(names('RUN cat <<EOF > /etc/x.repo'), ['EOF']);
  assert.deepEqual(names('RUN <<EOF <<EOF2'), ['EOF', 'EOF2']);
  assert.deepEqual(names('RUN << -EOF'), ['-EOF']);
  assert.deepEqual(names('COPY <<FILE1 <<FILE2 /dest'), ['FILE1', 'FILE2']);
  assert.deepEqual(names('RUN --mount=type=cache,target=/foo <<MOUNT'), ['MOUNT']);
  assert.deepEqual(names('ONBUILD RUN <<EOF'), ['EOF']);
  assert.deepEqual(names('RUN <<COMPLEX python3'), ['COMPLEX']);
  assert.deepEqual(names('RUN "<<NOHEREDOC"'), []);
  assert.deepEqual(names("RUN '<<EOF'"), []);
  assert.deepEqual(names('RUN cat<<EOF'), []);
  assert.deepEqual(names('USER <<INVALID'), []);
  assert.deepEqual(names('RUN ["<<EOF"]'), []);
});

test('heredoc bodies belong to their instruction; a body line is never an instruction', () => {
  const text = 'FROM configs AS final\nCOPY <<A <<B /etc/x\nFROM fedora\nA\nRUN x\nB\nRUN <<-EOF\n\tdnf install -y tree\n\tEOF\n';
  const m = buildModel(text);
  assert.deepEqual(
    m.instructions.map((i) => i.keyword),
    ['FROM', 'COPY', 'RUN'],
  );
  assert.equal(m.stages.length, 1);
  const [a, b] = m.instructions[1]!.heredocs();
  assert.equal(text.slice(a!.bodyStart, a!.bodyEnd), 'FROM fedora\n');
  assert.equal(text.slice(b!.bodyStart, b!.bodyEnd), 'RUN x\n');
  assert.equal(text.slice(b!.delimStart!, b!.delimEnd!), 'B');
  const run = m.osRuns[0]!;
  assert.ok(run.heredoc);
  assert.deepEqual(
    run.script.commands.map((c) => c.words.map((w) => w.value).join(' ')),
    ['dnf install -y tree'],
  );
});

test('a `\\` followed by a comment ends the RUN; the next line is an instruction of its own', () => {
  const m = buildModel('FROM configs AS final\nRUN dnf install -y tmux \\ # note\n    && dnf clean all\n');
  assert.deepEqual(
    m.instructions.map((i) => i.keyword),
    ['FROM', 'RUN', '&&'],
  );
  assert.ok(!m.osRuns[0]!.script.commands.some((c) => c.words.some((w) => w.value === 'clean')));
  const ids = lintContainerfile('FROM configs AS final\nRUN dnf install -y tmux \\ # note\n    && dnf clean all && bootc container lint\n')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.ruleId}@${d.range.start.line}`);
  assert.deepEqual(ids, ['unknown-instruction@2']);
});

test('an unterminated heredoc swallows the rest of the file, as in BuildKit', () => {
  const m = buildModel('FROM configs AS final\nRUN cat <<EOF > /etc/x\nRUN y\n');
  assert.deepEqual(
    m.instructions.map((i) => i.keyword),
    ['FROM', 'RUN'],
  );
  assert.equal(m.instructions[1]!.heredocs()[0]!.delimStart, null);
});
