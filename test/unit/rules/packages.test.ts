import { ruleTest, BASE } from '../../rules/ruleTester';

ruleTest('rpm-ostree-no-cleanup', {
  valid: [
    `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`,
    `${BASE}\nRUN rpm-ostree install strace && rm -rf /var/cache && ostree container commit`,
    `FROM fedora AS b\nRUN dnf install -y x\n${BASE}`,
  ],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree install tree && ostree container commit`,
      errors: [{ range: [1, 4, 1, 22], message: /`rpm-ostree install` leaves repository metadata in \/var\/cache/ }],
      output: `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`,
    },
    {
      code: `${BASE}\nRUN rpm-ostree override replace https://x/a-1-1.el9.x86_64.rpm; ostree container commit`,
      errors: [{ range: [1, 4, 1, 31] }],
      output: `${BASE}\nRUN rpm-ostree override replace https://x/a-1-1.el9.x86_64.rpm && rpm-ostree cleanup -m; ostree container commit`,
    },
  ],
});

ruleTest('rpm-conflicts-machineconfig', {
  valid: [
    `${BASE}\nRUN rpm-ostree install tree htop`,
    `FROM registry.redhat.io/dtk AS builder\nRUN dnf install -y kernel-devel\n${BASE}`,
    { code: `${BASE}\nRUN rpm-ostree install sysstat`, ocp: '4.17' },
  ],
  invalid: [
    { code: `${BASE}\nRUN rpm-ostree install usbguard`, errors: [{ range: [1, 23, 1, 31], message: /`usbguard` comes with the MachineConfig extension `usbguard`: add it to `spec.extensions`/ }] },
    { code: `${BASE}\nRUN rpm-ostree install sysstat libreswan`, ocp: '4.18', errors: [{ range: [1, 23, 1, 30], message: /extension `sysstat`/ }, { range: [1, 31, 1, 40], message: /extension `ipsec`/ }] },
    {
      code: `${BASE}\nRUN rpm-ostree override remove kernel kernel-core --install kernel-rt-core --install=kernel-rt-kvm`,
      errors: [{ range: [1, 60, 1, 74], message: /`kernel-rt-core` is the realtime kernel.*`kernelType: realtime`/ }, { range: [1, 85, 1, 98] }],
    },
    { code: `${BASE}\nRUN dnf install -y krb5-workstation`, errors: [{ range: [1, 19, 1, 35], message: /extension `kerberos`/ }] },
  ],
});

ruleTest('src-rpm-install', {
  valid: [`${BASE}\nRUN rpm-ostree override replace https://x/haproxy-2.2.24-3.rhaos4.12.el8.x86_64.rpm`],
  invalid: [
    { code: `${BASE}\nRUN rpm-ostree override replace https://x/haproxy-2.2.24-3.rhaos4.12.el8.src.rpm`, errors: [{ range: [1, 32, 1, 80], message: /`haproxy-2\.2\.24-3\.rhaos4\.12\.el8\.src\.rpm` is a source RPM/ }] },
  ],
});

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

ruleTest('dnf-on-old-ocp', {
  valid: [
    `${BASE}\nRUN dnf install -y tree`,
    { code: `${BASE}\nRUN dnf install -y tree`, ocp: '4.16' },
    { code: `FROM fedora AS b\nRUN dnf install -y gcc\n${BASE}`, ocp: '4.14' },
  ],
  invalid: [
    { code: `${BASE}\nRUN dnf install -y tree && yum clean all`, ocp: '4.15', errors: [{ range: [1, 4, 1, 7], message: /`dnf` is not usable in the RHCOS 4\.15 image/ }, { range: [1, 27, 1, 30] }] },
  ],
});

ruleTest('el-stream-mismatch', {
  valid: [
    `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el8.x86_64.rpm`,
    { code: `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el9.x86_64.rpm`, ocp: '4.16' },
  ],
  invalid: [
    { code: `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el8.x86_64.rpm`, ocp: '4.16', errors: [{ range: [1, 23, 1, 60], message: /built for RHEL 8 \(\.el8\), but RHCOS 4\.16 is RHEL 9/ }] },
    { code: `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el9.x86_64.rpm`, ocp: '4.12', errors: [{ range: [1, 23, 1, 60], message: /RHCOS 4\.12 is RHEL 8/ }] },
  ],
});
