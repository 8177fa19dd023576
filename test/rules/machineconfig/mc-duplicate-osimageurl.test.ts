import { ruleTest, mc } from '../ruleTester';

const D = 'sha256:' + 'a'.repeat(64);

ruleTest('mc-duplicate-osimageurl', {
  valid: [mc(['osImageURL: a/b@' + D], 'a') + '---\n' + mc(['osImageURL: a/c@' + D], 'b', 'infra')],
  invalid: [
    {
      code: mc(['osImageURL: a/b@' + D], 'zz-layer') + '---\n' + mc(['osImageURL: a/c@' + D], 'aa-layer'),
      errors: [
        { range: [7, 14, 7, 89], message: /Pool worker also gets osImageURL from `aa-layer`: this one wins/ },
        { range: [16, 14, 16, 89], message: /`zz-layer` wins \(last in MCO's order\) and this one is ignored/ },
      ],
    },
    {
      // Five configs for one pool: each message names three others and counts the rest, not every file.
      code: ['a1', 'a2', 'a3', 'a4', 'a5'].map((n) => mc(['osImageURL: a/b@' + D], n)).join('---\n'),
      errors: [
        { range: [7, 14, 7, 89], message: /^Pool worker also gets osImageURL from `a2`, `a3`, `a4` and 1 more: `a5` wins/ },
        { range: [16, 14, 16, 89], message: /from `a1`, `a3`, `a4` and 1 more: `a5` wins/ },
        { range: [25, 14, 25, 89], message: /from `a1`, `a2`, `a4` and 1 more: `a5` wins/ },
        { range: [34, 14, 34, 89], message: /from `a1`, `a2`, `a3` and 1 more: `a5` wins/ },
        { range: [43, 14, 43, 89], message: /from `a1`, `a2`, `a3` and 1 more: this one wins/ },
      ],
    },
  ],
});
