// CloudFormation templates as plain data. YAML short-form intrinsics (!Ref, !Sub, !GetAtt a.b …)
// are turned into their long form ({Ref: x}, {"Fn::GetAtt": [a, b]} …) while parsing, so the
// rest of the code sees one shape, and what we send back is plain JSON or YAML.
import { parseDocument, stringify, type ScalarTag, type CollectionTag, YAMLMap, YAMLSeq } from 'yaml';
import { CutoverError } from '../../../core/errors.js';

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

interface CfnParameter {
  Type?: string;
  Default?: unknown;
  [key: string]: unknown;
}

export interface CfnTemplate {
  Parameters?: Record<string, CfnParameter>;
  Globals?: Record<string, Record<string, unknown> | undefined>;
  Resources: Record<string, CfnResource>;
  [key: string]: unknown;
}

// Short forms whose argument is used as is under `Fn::<Name>`.
const FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
];

type AnyTag = ScalarTag | CollectionTag;

/** A tag that accepts a scalar, a sequence or a mapping and wraps the value under `key`. */
function wrapTag(name: string, key: string): AnyTag[] {
  const tag = `!${name}`;
  return [
    { tag, resolve: (value: string) => ({ [key]: value }) },
    { tag, collection: 'seq', resolve: (seq) => ({ [key]: (seq as YAMLSeq).toJSON() }) },
    { tag, collection: 'map', resolve: (map) => ({ [key]: (map as YAMLMap).toJSON() }) },
  ] as AnyTag[];
}

const CLOUDFORMATION_TAGS: AnyTag[] = [
  ...FUNCTIONS.flatMap((name) => wrapTag(name, `Fn::${name}`)),
  ...wrapTag('Ref', 'Ref'),
  ...wrapTag('Condition', 'Condition'),
  // `!GetAtt Resource.Attribute.Nested` splits at the first dot only.
  {
    tag: '!GetAtt',
    resolve: (value: string) => {
      const dot = value.indexOf('.');
      return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
    },
  },
  ...(wrapTag('GetAtt', 'Fn::GetAtt').slice(1) as AnyTag[]),
];

/** Parses a YAML or JSON template; TEMPLATE_INVALID names the file, line and problem. */
export function parseTemplate(text: string, source: string): CfnTemplate {
  const doc = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, prettyErrors: true });
  const problems = [
    ...doc.errors,
    // An unknown !Tag is only a warning for the yaml library; CloudFormation would reject it.
    ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED'),
  ];
  if (problems.length > 0) {
    const lines = problems.map((p) => `${source}:${p.linePos?.[0].line ?? '?'}: ${p.message.split('\n')[0]}`);
    throw new CutoverError(
      'TEMPLATE_INVALID',
      `The template ${source} cannot be parsed; fix the lines below.`,
      lines,
    );
  }
  const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (!isRecord(data) || !isRecord(data.Resources) || Object.keys(data.Resources).length === 0) {
    throw new CutoverError(
      'TEMPLATE_INVALID',
      `The template ${source} has no Resources section; a CloudFormation template needs at least one resource.`,
    );
  }
  for (const [id, resource] of Object.entries(data.Resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      throw new CutoverError('TEMPLATE_INVALID', `Resource ${id} in ${source} has no Type.`);
    }
  }
  return data as CfnTemplate;
}

export type TemplateFormat = 'json' | 'yaml';

/** Long-form JSON or YAML. YAML is written for a YAML 1.1 reader, so `yes` or `0755` stay strings. */
export function dumpTemplate(
  template: CfnTemplate,
  format: TemplateFormat,
  { compact = false } = {},
): string {
  if (format === 'json') return JSON.stringify(template, null, compact ? undefined : 2);
  return stringify(template, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
