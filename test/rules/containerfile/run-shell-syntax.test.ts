import { ruleTest, BASE } from '../ruleTester';

ruleTest('run-shell-syntax', {
  valid: [`${BASE}\nRUN echo 'ok' && ostree container commit`],
  invalid: [
    {
      code: `${BASE}\nRUN echo 'unterminated`,
      errors: [{ range: [1, 9, 1, 22], message: /Shell syntax error in RUN: reached EOF without closing quote/ }],
    },
    { code: `FROM fedora AS b\nRUN if true; then echo\n${BASE}`, errors: [{ range: [1, 4, 1, 22] }] },
  ],
});
