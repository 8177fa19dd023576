import { ruleTest, BASE } from '../ruleTester';

ruleTest('secret-in-arg-env', {
  valid: [`ARG AUTH_FILE=/run/secrets/auth.json\n${BASE}\nENV PUBLIC_KEY=x`, `${BASE}\nARG RHCOS_VERSION`],
  invalid: [
    { code: `ARG PULL_SECRET\n${BASE}`, errors: [{ range: [0, 4, 0, 15], message: /ARG PULL_SECRET looks like a secret.*--authfile/ }] },
    { code: `${BASE}\nENV API_TOKEN=abc DB_PASSWORD=x`, errors: [{ range: [1, 4, 1, 13] }, { range: [1, 18, 1, 29] }] },
  ],
});
