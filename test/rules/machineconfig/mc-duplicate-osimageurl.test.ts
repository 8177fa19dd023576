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
  ],
});
