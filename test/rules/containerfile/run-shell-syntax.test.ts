import { ruleTest, BASE } from '../ruleTester';

const END = 'RUN ostree container commit';

ruleTest('run-shell-syntax', {
  valid: [
    `${BASE}\nRUN echo 'ok' && ostree container commit`,
    // Dockerfile heredocs wherever BuildKit and buildah take them (moby/buildkit parser_heredoc_test.go).
    `${BASE}\nRUN cat <<EOF > /etc/yum.repos.d/x.repo\n[x]\nbaseurl=https://example.com\nEOF\n${END}`,
    `${BASE}\nRUN cat <<A > /etc/a <<B\na\nA\nb\nB\n${END}`,
    `${BASE}\nRUN cat <<-EOF > /etc/x.conf\n\tindented\n\tEOF\n${END}`,
    `${BASE}\nRUN cat <<"EOF" > /etc/x.conf\n$literal\nEOF\n${END}`,
    `${BASE}\nRUN cat <<'EOF' > /etc/x.conf\n'unbalanced\nEOF\n${END}`,
    `${BASE}\nRUN cat << EOF > /etc/x.conf\na=1\nEOF\n${END}`,
    `${BASE}\nRUN tee /etc/x.conf <<EOF && \\\n    chmod 0644 /etc/x.conf\na=1\nEOF\n${END}`,
    `${BASE}\nRUN <<EOF\nset -e\nrpm-ostree install tree\nostree container commit\nEOF`,
    `${BASE}\nRUN --mount=type=cache,target=/var/cache/dnf <<EOF\ndnf install -y tree\nEOF\n${END}`,
    `${BASE}\nCOPY <<EOF /usr/lib/x.conf\n'unbalanced\nEOF\n${END}`,
    `${BASE}\r\nRUN cat <<A <<B > /x\r\na\r\nA\r\nb\r\nB\r\n${END}\r\n`,
    // A comment line inside a continuation of the RUN itself is dropped by the Dockerfile parser.
    `${BASE}\nRUN rpm-ostree install \\\n    # the tools\n    tree && \\\n    ostree container commit`,
    // In a heredoc script, a comment that ends the continuation (no `\` of its own) is harmless.
    `${BASE}\nRUN <<EOF\nset -e\nrpm-ostree install tree \\\n  # done\nostree container commit\nEOF`,
    // `\` followed by blanks continues the line (BuildKit and imagebuilder: `\\[ \t]*$`).
    `${BASE}\nRUN rpm-ostree install tree && \\   \n    ostree container commit`,
  ],
  invalid: [
    {
      code: `${BASE}\nRUN echo 'unterminated`,
      errors: [{ range: [1, 9, 1, 22], message: /Shell syntax error in RUN: reached EOF without closing quote/ }],
    },
    { code: `FROM fedora AS b\nRUN if true; then echo\n${BASE}`, errors: [{ range: [1, 4, 1, 22] }] },
    {
      // BuildKit reads no here-document in `cat<<EOF`: the shell gets the line alone.
      code: `${BASE}\nRUN cat<<EOF > /etc/x.conf\na=1\nEOF\n${END}`,
      errors: [{ range: [1, 7, 1, 26], message: /only where `<<` starts a word \(`cat <<EOF`, not `cat<<EOF`\)/ }],
    },
    {
      code: `${BASE}\nRUN cat <<EOF > /etc/x.conf\na=1\n`,
      errors: [{ range: [1, 8, 2, 0], message: /The file ends before the here-document's terminator line `EOF`/ }],
    },
    {
      // varesa/fcos-p4@700ca73: the shell reads the comment, so `cephadm ceph-common` runs as a command.
      code: `${BASE}\nRUN <<EOF\n    set -euo pipefail\n    dnf install -y \\\n        tree \\\n        # ceph client utils \\\n        cephadm ceph-common\n    ostree container commit\nEOF`,
      errors: [{ range: [5, 8, 5, 29], message: /^This comment ends the command continued on the line before: in a here-document script/ }],
    },
  ],
});
