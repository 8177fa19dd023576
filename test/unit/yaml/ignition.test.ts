import { ruleTest, ign } from '../../rules/ruleTester';

ruleTest('mc-ignition-version', {
  valid: [ign('3.4.0'), { code: ign('3.5.0'), ocp: '4.19' }, { code: ign('2.2.0'), ocp: '4.12' }],
  invalid: [
    { code: ign('3.5.0'), ocp: '4.16', errors: [{ range: [9, 15, 9, 20], message: /Ignition version `3\.5\.0` is not accepted by OpenShift 4\.16: use one of 2\.2\.0, 3\.0\.0, 3\.1\.0, 3\.2\.0, 3\.3\.0, 3\.4\.0/ }] },
    { code: ign('3.3.0'), ocp: '4.12', errors: [{ range: [9, 15, 9, 20] }] },
    { code: ign('3.6.0'), errors: [{ range: [9, 15, 9, 20] }] },
  ],
});

ruleTest('mc-irreconcilable', {
  valid: [ign('3.2.0', ['passwd:', '  users:', '    - name: core', '      sshAuthorizedKeys: [ssh-ed25519 AAA]', 'storage:', '  files:', '    - path: /etc/x'])],
  invalid: [
    {
      code: ign('3.2.0', ['passwd:', '  users:', '    - name: admin', '    - name: core', '      groups: [wheel]']),
      errors: [
        { range: [12, 16, 12, 21], message: /User `admin` cannot be added on a running cluster/ },
        { range: [14, 10, 14, 16], message: /`groups` of the core user cannot be changed/ },
      ],
    },
    {
      code: ign('3.2.0', ['storage:', '  links:', '    - {path: /etc/a, target: /etc/b}', '  files:', '    - path: /etc/x', '      append:', '        - source: data:,x', 'kernelArguments:', '  shouldExist: [nosmt]']),
      errors: [
        { range: [11, 6, 11, 11], message: /`storage\.links` cannot be added/ },
        { range: [15, 10, 15, 16], message: /File `\/etc\/x` uses `append`/ },
        { range: [17, 4, 17, 19], message: /Ignition `kernelArguments` cannot be applied on a running cluster: use `spec\.kernelArguments`/ },
      ],
    },
  ],
});

ruleTest('mc-install-time-storage', {
  valid: [ign('3.2.0', ['storage:', '  files: []'])],
  invalid: [{ code: ign('3.2.0', ['storage:', '  disks:', '    - device: /dev/sdb', '  luks:', '    - name: x']), errors: [{ range: [11, 6, 11, 11], message: /`storage\.disks` only takes effect when a node is installed/ }, { range: [13, 6, 13, 10], message: /ignores it/ }] }],
});

ruleTest('mc-file-mode', {
  valid: [ign('3.2.0', ['storage:', '  files:', '    - {path: /etc/x, mode: 420}'])],
  invalid: [{ code: ign('3.2.0', ['storage:', '  files:', '    - path: /usr/bin/x', '      mode: 2541']), errors: [{ range: [13, 16, 13, 20], message: /Mode 2541 is 04755 in octal, above 0777/ }] }],
});

ruleTest('mc-data-url', {
  valid: [ign('3.2.0', ['storage:', '  files:', '    - path: /etc/x', '      contents:', '        source: data:text/plain;charset=utf-8;base64,aGVsbG8K', '    - path: /etc/y', '      contents: {source: "data:,hello%20world"}'])],
  invalid: [
    { code: ign('3.2.0', ['storage:', '  files:', '    - path: /etc/x', '      contents:', '        source: data:;base64,bm90IGJhc2U2NA=']), errors: [{ range: [14, 20, 14, 48], message: /The data URL for `\/etc\/x` does not decode: its base64 data is not valid base64/ }] },
    { code: ign('3.2.0', ['storage:', '  files:', '    - path: /etc/x', '      contents: {source: "data:,100%"}']), errors: [{ range: [13, 29, 13, 41], message: /percent-encoding/ }] },
  ],
});

ruleTest('mc-ignition-v2-keys', {
  valid: [ign('2.2.0', ['storage:', '  files:', '    - {filesystem: root, path: /etc/x}'])],
  invalid: [{
    code: ign('3.2.0', ['storage:', '  files:', '    - filesystem: root', '      path: /etc/x', 'systemd:', '  units:', '    - name: a.service', '      enable: true']),
    errors: [{ range: [12, 10, 12, 20], message: /`filesystem` is an Ignition 2\.x key/ }, { range: [17, 10, 17, 16], message: /`enable` is Ignition 2\.x; in 3\.x it is `enabled`/ }],
  }],
});

ruleTest('mc-ignition-field-version', {
  valid: [ign('3.3.0', ['kernelArguments:', '  shouldExist: [nosmt]']), ign('3.2.0', ['storage:', '  filesystems:', '    - {device: /dev/sdb, format: xfs}'])],
  invalid: [
    { code: ign('3.2.0', ['kernelArguments:', '  shouldExist: [nosmt]']), errors: [{ range: [10, 4, 10, 19], message: /kernel arguments \(`kernelArguments`\) needs Ignition 3\.3\.0 or later, but this config declares 3\.2\.0/ }] },
    { code: ign('3.1.0', ['storage:', '  luks:', '    - name: data', '      discard: true']), errors: [{ range: [11, 6, 11, 10], message: /LUKS encrypted storage/ }, { range: [13, 10, 13, 17], message: /LUKS discard needs Ignition 3\.4\.0/ }] },
    { code: ign('3.2.0', ['storage:', '  filesystems:', '    - {device: /dev/sdb, format: none}']), errors: [{ range: [12, 37, 12, 41], message: /filesystem format `none` needs Ignition 3\.3\.0/ }] },
  ],
});

ruleTest('mc-schema', {
  valid: [ign('2.2.0', ['storage:', '  files:', '    - {filesystem: root, path: /etc/x, mode: 420}'])],
  invalid: [{ code: ign('2.2.0', ['storage:', '  files:', '    - {path: /etc/x, mode: 420}']), errors: [{ range: [12, 10, 12, 35], message: /needs `filesystem`/ }] }],
});
