import { ruleTest, BASE } from '../ruleTester';

const END = 'dnf clean all && bootc container lint';

ruleTest('unknown-instruction', {
  valid: [
    `${BASE}\nRUN dnf install -y tmux \\\n    && ${END}`,
    // Only blanks after the `\`: still a continuation.
    `${BASE}\nRUN dnf install -y tmux \\  \t\n    && ${END}`,
    // A comment line inside a continuation is dropped by the parser.
    `${BASE}\nRUN dnf install -y tmux \\\n    # a terminal multiplexer\n    && ${END}`,
    // CRLF line endings.
    `${BASE}\r\nRUN dnf install -y tmux \\\r\n    && ${END}\r\n`,
    // Here-document bodies are not instructions.
    `${BASE}\nRUN cat <<EOF > /etc/x.conf\nsome=thing\nEOF\nCOPY <<-EOF /usr/lib/x\n\tdata\n\tEOF\nrun ${END}`,
  ],
  invalid: [
    {
      code: `${BASE}\nRUN dnf install -y tmux \\ # a terminal multiplexer\n    && ${END}`,
      errors: [
        {
          range: [2, 4, 2, 6],
          message:
            /^unknown instruction: && \(buildah: Unknown instruction: "&&"\)\. The `\\` at the end of line 2 is followed by a comment/,
        },
      ],
      output: `${BASE}\nRUN dnf install -y tmux \\\n    # a terminal multiplexer\n    && ${END}`,
    },
    {
      // Each line left behind is an instruction of its own; the quick fix sits on the first.
      code: `${BASE}\nRUN dnf install -y tmux \\ # multiplexer\n    tree\n    && ${END}`,
      errors: [
        { range: [2, 4, 2, 8], message: /^unknown instruction: tree .*line 2 is followed by a comment/ },
        { range: [3, 4, 3, 6], message: /^unknown instruction: && .*line 2 is followed by a comment/ },
      ],
    },
    {
      code: `${BASE}\nRUNN dnf install -y tmux`,
      errors: [{ range: [1, 0, 1, 4], message: /^unknown instruction: RUNN .*Did you mean `RUN`\?/ }],
    },
    {
      code: `${BASE}\nRUN cat<<EOF > /etc/x.conf\na=1\nEOF`,
      errors: [
        { range: [2, 0, 2, 3], message: /^unknown instruction: a=1 .*`cat<<EOF` on line 2 opens none/ },
        { range: [3, 0, 3, 3], message: /^unknown instruction: EOF / },
      ],
    },
  ],
});
