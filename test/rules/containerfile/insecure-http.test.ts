import { ruleTest, BASE } from '../ruleTester';

ruleTest('insecure-http', {
  valid: [`${BASE}\nRUN rpm-ostree install https://example.com/a.rpm`, `FROM fedora AS b\nRUN curl -o x http://example.com/x\n${BASE}`],
  invalid: [
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
