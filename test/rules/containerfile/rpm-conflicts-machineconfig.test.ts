import { ruleTest, BASE } from '../ruleTester';

ruleTest('rpm-conflicts-machineconfig', {
  valid: [
    `${BASE}\nRUN rpm-ostree install tree htop`,
    `FROM registry.redhat.io/dtk AS builder\nRUN dnf install -y kernel-devel\n${BASE}`,
    { code: `${BASE}\nRUN rpm-ostree install sysstat`, ocp: '4.17' },
    // An ARG of an earlier stage is not known in a stage built on it (buildah starts each stage anew).
    `FROM ${BASE.slice(5)} AS os\nARG PKGS="tmux kernel-devel"\nFROM os\nRUN rpm-ostree install $PKGS`,
    // ${VAR:+word} is empty when VAR is empty.
    `${BASE}\nARG WANT=\nRUN rpm-ostree install tmux \${WANT:+usbguard}`,
  ],
  invalid: [
    {
      // ARG PKGS="tmux kernel-devel" + rpm-ostree install $PKGS: the finding is on the $PKGS use.
      code: `FROM configs AS final\nARG PKGS="tmux kernel-devel"\nRUN rpm-ostree install $PKGS && ostree container commit`,
      errors: [
        {
          range: [2, 23, 2, 28],
          message:
            /`kernel-devel` comes with the MachineConfig extension `kernel-devel`.*\(`\$PKGS` is `tmux kernel-devel`, from `ARG PKGS` at line 2\)$/,
        },
      ],
    },
    {
      // ENV is inherited by a stage built FROM an earlier stage; ENV wins over an ARG of the same name.
      code: `FROM ${BASE.slice(5)} AS os\nENV EXT=usbguard\nFROM os\nARG EXT=tmux\nRUN rpm-ostree install "$EXT"`,
      errors: [{ range: [4, 23, 4, 29], message: /`usbguard`.*from `ENV EXT` at line 2\)$/ }],
    },
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
