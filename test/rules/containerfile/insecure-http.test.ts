import { ruleTest, BASE } from '../ruleTester';

const repo = (baseurl: string, end = 'EOF') => `[x]\nname=x\nbaseurl=${baseurl}\ngpgcheck=1\n${end}`;

ruleTest('insecure-http', {
  valid: [
    `${BASE}\nRUN rpm-ostree install https://example.com/a.rpm`,
    `FROM fedora AS b\nRUN curl -o x http://example.com/x\n${BASE}`,
    // A here-document is data: only its repository lines are fetched.
    `${BASE}\nRUN cat <<EOF > /etc/motd\nsee http://example.com/help\nEOF`,
    `${BASE}\nRUN cat <<EOF > /etc/yum.repos.d/x.repo\n${repo('https://mirror.example.com/el9')}`,
    `FROM fedora AS b\nCOPY <<EOF /etc/yum.repos.d/x.repo\n${repo('http://mirror.example.com/el9')}\n${BASE}`,
    // Used before its declaration: the shell sees whatever the base image sets, not this ENV.
    `${BASE}\nRUN curl -o /tmp/a $REPO\nENV REPO=http://x.example.com/a`,
  ],
  invalid: [
    {
      code: `${BASE}\nENV REPO=http://x.example.com\nRUN curl -fo /etc/yum.repos.d/x.repo "\${REPO}/x.repo"`,
      errors: [
        {
          range: [2, 37, 2, 53],
          message:
            /^`http:\/\/x\.example\.com\/x\.repo` is fetched over plain HTTP.*\(`\$REPO` is `http:\/\/x\.example\.com`, from `ENV REPO` at line 2\)$/,
        },
      ],
    },
    {
      code: `${BASE}\nARG URL=http://example.com/x.repo\nADD $URL /etc/yum.repos.d/`,
      errors: [{ range: [2, 4, 2, 8], message: /from `ARG URL` at line 2\)$/ }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install http://example.com/a.rpm`,
      errors: [{ range: [1, 23, 1, 47], message: /`http:\/\/example\.com\/a\.rpm` is fetched over plain HTTP/ }],
      output: `${BASE}\nRUN rpm-ostree install https://example.com/a.rpm`,
    },
    {
      code: `${BASE}\nRUN echo "baseurl=http://mirror/el9" > /etc/yum.repos.d/m.repo`,
      errors: [{ range: [1, 18, 1, 35] }],
      output: `${BASE}\nRUN echo "baseurl=https://mirror/el9" > /etc/yum.repos.d/m.repo`,
    },
    { code: `${BASE}\nADD http://example.com/x.repo /etc/yum.repos.d/`, errors: [{ range: [1, 4, 1, 29] }] },
    {
      // BuildKit's heredoc after a command, a redirect after the marker: the body is the repo file.
      code: `${BASE}\nRUN cat <<EOF > /etc/yum.repos.d/x.repo\n${repo('http://mirror.example.com/el9')}`,
      errors: [{ range: [4, 8, 4, 37], message: /`http:\/\/mirror\.example\.com\/el9` is fetched over plain HTTP/ }],
      output: `${BASE}\nRUN cat <<EOF > /etc/yum.repos.d/x.repo\n${repo('https://mirror.example.com/el9')}`,
    },
    {
      // Quoted marker, `<<-` with tab-indented body and terminator, and a second heredoc in the same RUN.
      code:
        `${BASE}\nRUN cat <<-'A' > /etc/yum.repos.d/a.repo && cat <<"B" > /etc/yum.repos.d/b.repo\n` +
        `\t[a]\n\tbaseurl=https://a.example.com\n\tA\n[b]\nmirrorlist=http://b.example.com/list\nB`,
      errors: [{ range: [6, 11, 6, 36] }],
    },
    {
      // gpgkey lists several keys; each plain-HTTP one is reported.
      code: `${BASE}\nRUN tee /etc/yum.repos.d/x.repo <<EOF\n[x]\ngpgkey=https://k.example.com/1,http://k.example.com/2\nEOF`,
      errors: [{ range: [3, 31, 3, 53] }],
    },
    {
      // COPY <<EOF in the OS image.
      code: `${BASE}\nCOPY <<EOF /etc/yum.repos.d/x.repo\n${repo('http://mirror.example.com/el9')}`,
      errors: [{ range: [4, 8, 4, 37] }],
    },
    {
      // A `RUN <<EOF` script's own commands, on their line inside the heredoc.
      code: `${BASE}\nRUN <<EOF\nset -e\ncurl -o /etc/yum.repos.d/x.repo http://example.com/x.repo\nEOF`,
      errors: [{ range: [3, 32, 3, 57] }],
    },
  ],
});
