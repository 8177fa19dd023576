import { ruleTest, BASE } from '../ruleTester';

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
    // A directory RHCOS creates itself under /var: an empty one in the image is info, not a warning.
    {
      code: `FROM configs AS final\nRUN mkdir /var/opt && dnf install -y amsd && dnf clean all`,
      errors: [{ range: [1, 10, 1, 18], message: /`\/var\/opt` already exists on RHCOS nodes.*harmless/, severity: 'info' }],
    },
    { code: `${BASE}\nRUN mkdir -p /var/roothome/`, errors: [{ range: [1, 13, 1, 27], severity: 'info' }] },
    // Content in it is still a warning.
    { code: `${BASE}\nRUN mkdir -p /var/opt/tool`, errors: [{ range: [1, 13, 1, 26], severity: 'warning' }] },
  ],
});
