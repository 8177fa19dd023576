import { ruleTest, BASE } from '../ruleTester';

ruleTest('rpm-ostree-no-cleanup', {
  valid: [
    `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`,
    `${BASE}\nRUN rpm-ostree install strace && rm -rf /var/cache && ostree container commit`,
    `FROM fedora AS b\nRUN dnf install -y x\n${BASE}`,
    // ostree container commit empties /var/cache (ostree-ext FORCE_CLEAN_PATHS): Red Hat's own examples rely on it.
    `${BASE}\nRUN rpm-ostree install tree && ostree container commit`,
    `FROM configs AS final\nRUN rpm-ostree install tree && \\\n  ostree container commit`,
  ],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree install tree && bootc container lint`,
      errors: [{ range: [1, 4, 1, 22], message: /`rpm-ostree install` leaves repository metadata in \/var\/cache/ }],
      output: `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && bootc container lint`,
    },
    {
      code: `${BASE}\nRUN rpm-ostree override replace https://x/a-1-1.el9.x86_64.rpm\nRUN ostree container commit`,
      errors: [{ range: [1, 4, 1, 31] }],
      output:
        `${BASE}\nRUN rpm-ostree override replace https://x/a-1-1.el9.x86_64.rpm && rpm-ostree cleanup -m\n` +
        'RUN ostree container commit',
    },
  ],
});
