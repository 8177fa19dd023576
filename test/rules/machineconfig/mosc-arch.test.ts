import { ruleTest, mosc, moscV1alpha1 } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && bootc container lint'];
const one = (arch: string) => mosc('worker', GOOD).replace('containerfileArch: NoArch', `containerfileArch: ${arch}`);
/** The tester's MachineOSConfig with a second entry (lines 17–19) after its NoArch one. */
const two = (first: string, second: string) =>
  one(first) + [`    - containerfileArch: ${second}`, '      content: |', '        FROM configs AS final'].join('\n') + '\n';
const noArchKey = mosc('worker', GOOD).replace('    - containerfileArch: NoArch\n      content: |', '    - content: |');

ruleTest('mosc-arch', {
  valid: [
    mosc('worker', GOOD),
    // No containerfileArch: the API defaults it to NoArch.
    noArchKey,
    // No Containerfile at all: MCO builds the MachineConfig alone.
    mosc('worker', GOOD).replace(/ {2}containerFile:[^]*$/, ''),
    // A value outside the enum is the schema's (or mosc-v1alpha1-fields'), not this rule's.
    one('noarch'),
    one('X86'),
    moscV1alpha1(GOOD),
  ],
  invalid: [
    {
      // The only entry is AMD64: nothing of the user's is built.
      code: one('AMD64'),
      errors: [{ range: [13, 25, 13, 30], message: /MCO builds only the `NoArch` Containerfile .* the `AMD64` content is never built/ }],
      output: one('NoArch'),
    },
    {
      // Besides NoArch, another arch is ignored.
      code: two('NoArch', 'ARM64'),
      errors: [{ range: [17, 25, 17, 30], severity: 'warning', message: /MCO ignores the `ARM64` Containerfile/ }],
    },
    {
      // Two arch entries and no NoArch: the first is the error, the second is ignored either way.
      code: two('AMD64', 'S390X'),
      errors: [
        { range: [13, 25, 13, 30], message: /has none/ },
        { range: [17, 25, 17, 30], severity: 'warning', message: /MCO ignores the `S390X` Containerfile/ },
      ],
      output: two('NoArch', 'S390X'),
    },
    {
      // The list is keyed by arch: a second NoArch (here the default) is rejected.
      code: noArchKey + ['    - containerfileArch: NoArch', '      content: |', '        FROM configs AS final'].join('\n') + '\n',
      errors: [{ range: [16, 25, 16, 31], message: /A second `NoArch` entry: .*rejects the object \(Duplicate value\)/ }],
    },
    {
      // v1alpha1 (4.16–4.17): the lowercase `noarch` is the one built.
      code: moscV1alpha1(GOOD).replace('containerfileArch: noarch', 'containerfileArch: x86_64'),
      errors: [{ range: [16, 27, 16, 33], message: /MCO builds only the `noarch` Containerfile/ }],
      output: moscV1alpha1(GOOD),
    },
  ],
});
