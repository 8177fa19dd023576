import { ruleTest, BASE } from '../ruleTester';

ruleTest('insecure-http', {
  valid: [
    `${BASE}\nRUN rpm-ostree install https://example.com/a.rpm`,
    `FROM fedora AS b\nRUN curl -o x http://example.com/x\n${BASE}`,
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
  ],
});
