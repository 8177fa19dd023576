import { ruleTest, BASE } from '../ruleTester';

ruleTest('src-rpm-install', {
  valid: [`${BASE}\nRUN rpm-ostree override replace https://x/haproxy-2.2.24-3.rhaos4.12.el8.x86_64.rpm`],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree override replace https://x/haproxy-2.2.24-3.rhaos4.12.el8.src.rpm`,
      errors: [{ range: [1, 32, 1, 80], message: /`haproxy-2\.2\.24-3\.rhaos4\.12\.el8\.src\.rpm` is a source RPM/ }],
    },
  ],
});
