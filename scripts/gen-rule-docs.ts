/** Writes docs/rules/<id>.md, docs/rules/README.md and the README's rule tables from each rule's `meta` alone. Run: npm run docs */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleMetas } from '../server/src/lint';

const dir = path.resolve(__dirname, '..', 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
const index: string[] = ['# Rules', '', '| id | severity | what |', '| --- | --- | --- |'];
for (const m of ruleMetas) {
  const ex = m.examples;
  const isYaml = (t: string) => /^(apiVersion|kind|spec|#|\s+content|fips)/.test(t);
  const lang = isYaml(ex.good) ? 'yaml' : 'dockerfile';
  const badLang = m.kind === 'yaml' ? 'yaml' : 'dockerfile';
  const page = `# ${m.id}

**${m.title}** — default severity: \`${m.severity}\`${m.fixable ? ' — has a quick fix' : ''}${m.versionDependent ? ' — depends on `rhcosLayering.ocpVersion`' : ''}

## Why

${m.why}

Source: ${m.source}

## Bad

\`\`\`${badLang}
${ex.bad}
\`\`\`

## Good

\`\`\`${lang}
${ex.good}
\`\`\`

## How to fix

${ex.fix}

## Turning it off

- For one instruction: \`# rhcos-lint ignore=${m.id}\` on the line before it.
- For the file: \`# rhcos-lint global ignore=${m.id}\`.${m.hadolint ? `\n- hadolint comments for ${m.hadolint.map((h) => `\`${h}\``).join(', ')} (\`# hadolint ignore=${m.hadolint[0]}\`) are honoured too.` : ''}
- Everywhere: \`"rhcosLayering.rules": { "${m.id}": "off" }\` in settings, or \`rhcos-lint --rule ${m.id}=off\`.
`;
  fs.writeFileSync(path.join(dir, `${m.id}.md`), page);
  index.push(`| [${m.id}](${m.id}.md) | ${m.severity} | ${m.title} |`);
}
fs.writeFileSync(path.join(dir, 'README.md'), index.join('\n') + '\n');

// The README's two rule tables, between their markers.
const readmePath = path.resolve(__dirname, '..', 'README.md');
let readme = fs.readFileSync(readmePath, 'utf8');
for (const kind of ['containerfile', 'yaml'] as const) {
  const rows = ruleMetas.filter((m) => m.kind === kind).map((m) => `| [${m.id}](docs/rules/${m.id}.md) | ${m.severity} | ${m.title} |`);
  const table = ['| id | default | what |', '| --- | --- | --- |', ...rows].join('\n');
  const re = new RegExp(`(<!-- rules:${kind} -->\\n)[\\s\\S]*?(\\n<!-- /rules:${kind} -->)`);
  if (!re.test(readme)) throw new Error(`README.md lacks the <!-- rules:${kind} --> markers`);
  readme = readme.replace(re, `$1${table}$2`);
}
fs.writeFileSync(readmePath, readme);

// Rule ids complete in the `rhcosLayering.rules` setting (settings.json and the Settings editor).
const pkgPath = path.resolve(__dirname, '..', 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { propertyNames?: { enum: string[] } }> }[] };
};
const rulesSetting = pkg.contributes.configuration.find((c) => c.properties['rhcosLayering.rules'])!.properties['rhcosLayering.rules']!;
rulesSetting.propertyNames = { enum: ruleMetas.map((m) => m.id).sort() };
fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
console.log(`wrote ${ruleMetas.length} rule pages to ${dir}`);
