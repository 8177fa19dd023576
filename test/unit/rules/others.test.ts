import { ruleTest, BASE } from '../../rules/ruleTester';

ruleTest('rpm-ostree-unsupported-verb', {
  valid: [`${BASE}\nRUN rpm-ostree install x && rpm-ostree cleanup -m && rpm-ostree override remove y`],
  invalid: [
    { code: `${BASE}\nRUN rpm-ostree kargs --append=nosmt`, errors: [{ range: [1, 15, 1, 20], message: /`rpm-ostree kargs` fails in a container build: set kernel arguments with `kernelArguments` in a MachineConfig/ }] },
    { code: `${BASE}\nRUN rpm-ostree cleanup -b`, errors: [{ range: [1, 23, 1, 25], message: /only `rpm-ostree cleanup -m` works here/ }] },
    { code: `${BASE}\nRUN rpm-ostree rebase x && rpm-ostree override reset y`, errors: [{ range: [1, 15, 1, 21] }, { range: [1, 38, 1, 52] }] },
  ],
});

ruleTest('content-outside-usr', {
  valid: [
    `${BASE}\nRUN mkdir -p /usr/lib/foo && echo x > /etc/foo.conf && curl -o /tmp/x https://a`,
    `${BASE}\nRUN mkdir -p /var/usrlocal/bin && curl -o /var/usrlocal/bin/sops https://x && mv /var/usrlocal/bin/sops /usr/bin/sops`,
    `${BASE}\nRUN mkdir -p /opt/app && echo 'L /opt/app - - - - /usr/lib/app' > /usr/lib/tmpfiles.d/app.conf`,
    `${BASE}\nRUN echo x > /var/cache/x && touch /var/tmp/y`,
    `FROM fedora AS b\nRUN mkdir /opt/x\n${BASE}\nCOPY --from=b /opt/x /usr/lib/x`,
  ],
  invalid: [
    { code: `${BASE}\nRUN mkdir -p /var/lib/foo`, errors: [{ range: [1, 13, 1, 25], message: /`\/var\/lib\/foo` is under \/var/ }] },
    { code: `${BASE}\nRUN echo hi > /usr/local/bin/hi`, errors: [{ range: [1, 14, 1, 31], message: /under \/usr\/local/ }] },
    { code: `${BASE}\nCOPY app /opt/app`, errors: [{ range: [1, 9, 1, 17], message: /under \/opt/ }] },
    { code: `${BASE}\nRUN curl -o /var/log/x https://a`, errors: [{ range: [1, 12, 1, 22] }] },
  ],
});

ruleTest('secret-in-arg-env', {
  valid: [`ARG AUTH_FILE=/run/secrets/auth.json\n${BASE}\nENV PUBLIC_KEY=x`, `${BASE}\nARG RHCOS_VERSION`],
  invalid: [
    { code: `ARG PULL_SECRET\n${BASE}`, errors: [{ range: [0, 4, 0, 15], message: /ARG PULL_SECRET looks like a secret.*--authfile/ }] },
    { code: `${BASE}\nENV API_TOKEN=abc DB_PASSWORD=x`, errors: [{ range: [1, 4, 1, 13] }, { range: [1, 18, 1, 29] }] },
  ],
});

ruleTest('run-shell-syntax', {
  valid: [`${BASE}\nRUN echo 'ok' && ostree container commit`],
  invalid: [
    { code: `${BASE}\nRUN echo 'unterminated`, errors: [{ range: [1, 9, 1, 22], message: /Shell syntax error in RUN: reached EOF without closing quote/ }] },
    { code: `FROM fedora AS b\nRUN if true; then echo\n${BASE}`, errors: [{ range: [1, 4, 1, 22] }] },
  ],
});
