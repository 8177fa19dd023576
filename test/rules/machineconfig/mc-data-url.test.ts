import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-data-url', {
  valid: [
    ign('3.2.0', [
      'storage:',
      '  files:',
      '    - path: /etc/x',
      '      contents:',
      '        source: data:text/plain;charset=utf-8;base64,aGVsbG8K',
      '    - path: /etc/y',
      '      contents: {source: "data:,hello%20world"}',
    ]),
  ],
  invalid: [
    {
      code: ign('3.2.0', ['storage:', '  files:', '    - path: /etc/x', '      contents:', '        source: data:;base64,bm90IGJhc2U2NA=']),
      errors: [{ range: [14, 20, 14, 48], message: /The data URL for `\/etc\/x` does not decode: its base64 data is not valid base64/ }],
    },
    {
      code: ign('3.2.0', ['storage:', '  files:', '    - path: /etc/x', '      contents: {source: "data:,100%"}']),
      errors: [{ range: [13, 29, 13, 41], message: /percent-encoding/ }],
    },
  ],
});
