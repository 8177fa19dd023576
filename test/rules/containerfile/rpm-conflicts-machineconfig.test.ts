import { ruleTest, BASE } from '../ruleTester';

ruleTest('rpm-conflicts-machineconfig', {
  valid: [
    `${BASE}\nRUN rpm-ostree install tree htop`,
    `FROM registry.redhat.io/dtk AS builder\nRUN dnf install -y kernel-devel\n${BASE}`,
    { code: `${BASE}\nRUN rpm-ostree install sysstat`, ocp: '4.17' },
  ],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree install usbguard`,
      errors: [
        { range: [1, 23, 1, 31], message: /`usbguard` comes with the MachineConfig extension `usbguard`: add it to `spec.extensions`/ },
      ],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install sysstat libreswan`,
      ocp: '4.18',
      errors: [
        { range: [1, 23, 1, 30], message: /extension `sysstat`/ },
        { range: [1, 31, 1, 40], message: /extension `ipsec`/ },
      ],
    },
    {
      code: `${BASE}\nRUN rpm-ostree override remove kernel kernel-core --install kernel-rt-core --install=kernel-rt-kvm`,
      errors: [
        { range: [1, 60, 1, 74], message: /`kernel-rt-core` is the realtime kernel.*`kernelType: realtime`/ },
        { range: [1, 85, 1, 98] },
      ],
    },
    { code: `${BASE}\nRUN dnf install -y krb5-workstation`, errors: [{ range: [1, 19, 1, 35], message: /extension `kerberos`/ }] },
  ],
});
