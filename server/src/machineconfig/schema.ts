/** JSON Schema validation (Ajv) of our documents, with each error mapped back to its YAML node. */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import mcSchema from '../../../schemas/machineconfig.schema.json';
import mcpSchema from '../../../schemas/machineconfigpool.schema.json';
import moscSchema from '../../../schemas/machineosconfig.schema.json';
import pisSchema from '../../../schemas/pinnedimageset.schema.json';
import mcfgSchema from '../../../schemas/machineconfiguration.schema.json';
import type { Kind, Path } from './model';
import { nearest } from '../core/nearest';
import { leftToV1alpha1Rule } from './mosc';

/** Kinds without a schema here (MachineOSBuild: written by MCO, read for its apiVersion only) are not validated. */
const SCHEMAS: Partial<Record<Kind, object>> = {
  MachineConfig: mcSchema,
  MachineConfigPool: mcpSchema,
  MachineOSConfig: moscSchema,
  PinnedImageSet: pisSchema,
  MachineConfiguration: mcfgSchema,
};
let ajv: Ajv | null = null;
const validators: Partial<Record<Kind, ValidateFunction>> = {};

/** A kind's validator, compiled when a document of that kind is first validated (compiling all five delayed the first diagnostics). */
function validatorFor(kind: Kind): ValidateFunction | undefined {
  const schema = SCHEMAS[kind];
  if (!schema) return undefined;
  return (validators[kind] ??= (ajv ??= new Ajv({ allErrors: true, strict: false, verbose: true })).compile(schema));
}

export interface SchemaProblem {
  path: Path;
  key: boolean;
  message: string;
}

/** Paths whose values version-aware rules judge with better messages; the schema stays quiet there. */
const LEFT_TO_RULES = [
  /^\/spec\/kernelType$/,
  /^\/spec\/extensions\/\d+$/,
  /^\/(apiVersion|kind)$/,
  // mcfg-disruption-policy: action types (with a quick fix) and service names (with the API's CEL messages)
  /^\/spec\/nodeDisruptionPolicy\/.*\/actions\/\d+\/type$/,
];

export function validateSchema(kind: Kind, value: unknown): SchemaProblem[] {
  const v = validatorFor(kind);
  if (!v || v(value)) return [];
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of v.errors ?? []) {
    if (e.keyword === 'if' || LEFT_TO_RULES.some((r) => r.test(e.instancePath))) continue;
    if (kind === 'MachineOSConfig' && leftToV1alpha1Rule(e, value)) continue;
    const p = describe(e, kind);
    if (!p) continue;
    const k = JSON.stringify(p.path) + p.message;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}

function toPath(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const dotted = (p: Path) =>
  p
    .map((x) => (typeof x === 'number' ? `[${x}]` : `.${x}`))
    .join('')
    .replace(/^\./, '') || 'the document';

function describe(e: ErrorObject, kind: Kind): SchemaProblem | null {
  const path = toPath(e.instancePath);
  const where = `\`${dotted(path)}\``;
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(((e.parentSchema as { properties?: object }) ?? {}).properties ?? {});
      const guess = byPrefix(prop, allowed) ?? nearest(prop, allowed, 4);
      return {
        path: [...path, prop],
        key: true,
        message: `\`${prop}\` is not a field of ${kind} ${dotted(path)}${guess ? `: did you mean \`${guess}\`?` : `; the fields are ${allowed.join(', ')}.`} The API server drops unknown fields silently.`,
      };
    }
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return { path, key: true, message: `${where} needs \`${missing}\`: ${kind} is rejected without it.` };
    }
    case 'type': {
      const want = (e.params as { type: string | string[] }).type;
      return { path, key: false, message: `${where} must be ${Array.isArray(want) ? want.join(' or ') : want}.` };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return { path, key: false, message: `${where} must be one of ${allowed.map((a) => `\`${String(a)}\``).join(', ')}.` };
    }
    case 'pattern':
      // The names the API checks as DNS subdomains get the API's own message (openshift/api MachineOSConfig CEL rules).
      if ((e.params as { pattern?: string }).pattern === DNS1123_SUBDOMAIN)
        return { path, key: false, message: `${where}: ${DNS1123_MESSAGE}` };
      return { path, key: false, message: `${where} is not valid here (${e.message ?? 'pattern'}).` };
    default:
      return { path, key: false, message: `${where} ${e.message ?? 'is not valid'}.` };
  }
}

const DNS1123_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const DNS1123_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character.";

/** The allowed name sharing the longest prefix (at least 5 characters) with `word`. */
function byPrefix(word: string, allowed: string[]): string | null {
  let best: string | null = null;
  let bestLen = 4;
  for (const a of allowed) {
    let n = 0;
    while (n < a.length && n < word.length && a[n]!.toLowerCase() === word[n]!.toLowerCase()) n++;
    if (n > bestLen) {
      best = a;
      bestLen = n;
    }
  }
  return best;
}
