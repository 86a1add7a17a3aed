// Template bodies: JSON or YAML with CloudFormation's short-form tags (!Ref, !GetAtt, !Sub ...).
import YAML from 'yaml';
import { AwsError } from '../../errors.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Transform?: string | string[];
  Parameters?: Record<string, ParameterDeclaration>;
  Mappings?: Record<string, Record<string, Record<string, Json>>>;
  Conditions?: Record<string, Json>;
  Globals?: JsonObject;
  Resources: Record<string, ResourceDeclaration>;
  Outputs?: Record<string, OutputDeclaration>;
  Metadata?: JsonObject;
}

export interface ParameterDeclaration {
  Type: string;
  Default?: string | number | string[];
  AllowedValues?: (string | number)[];
  AllowedPattern?: string;
  MinLength?: number | string;
  MaxLength?: number | string;
  MinValue?: number | string;
  MaxValue?: number | string;
  NoEcho?: boolean | string;
  Description?: string;
  ConstraintDescription?: string;
}

export interface ResourceDeclaration {
  Type: string;
  Properties?: JsonObject;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: JsonObject;
}

interface OutputDeclaration {
  Value: Json;
  Description?: string;
  Condition?: string;
  Export?: { Name: Json };
}

const FUNCTIONS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'GetAZs',
  'Base64',
  'ImportValue',
  'Cidr',
  'Transform',
  'ToJsonString',
  'Length',
];

function wrap(fn: string, value: unknown): unknown {
  const key = fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`;
  if (fn === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [key]: dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : value };
  }
  return { [key]: value };
}

const CUSTOM_TAGS = FUNCTIONS.flatMap((fn) => [
  { tag: `!${fn}`, resolve: (v: string) => wrap(fn, v) },
  { tag: `!${fn}`, collection: 'seq' as const, resolve: (v: { toJSON(): unknown }) => wrap(fn, v.toJSON()) },
  { tag: `!${fn}`, collection: 'map' as const, resolve: (v: { toJSON(): unknown }) => wrap(fn, v.toJSON()) },
]);

const formatError = (detail: string) => new AwsError('ValidationError', `Template format error: ${detail}`);

export function parseTemplate(body: string): Template {
  if (!body.trim()) throw formatError('template body is empty');
  let parsed: unknown;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw formatError(`JSON not well-formed. ${(e as Error).message}`);
    }
  } else {
    try {
      parsed = YAML.parse(body, { customTags: CUSTOM_TAGS as never, merge: false, uniqueKeys: true });
    } catch (e) {
      throw formatError(`YAML not well-formed. ${(e as Error).message.split('\n')[0]}`);
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw formatError('the template must be a JSON or YAML object');
  }
  const t = parsed as Template;
  if (!t.Resources || typeof t.Resources !== 'object' || Object.keys(t.Resources).length === 0) {
    throw formatError('At least one Resources member must be defined.');
  }
  for (const [id, r] of Object.entries(t.Resources)) {
    if (!r || typeof r !== 'object' || typeof r.Type !== 'string') {
      throw formatError(`[/Resources/${id}] Every Resources object must contain a Type member.`);
    }
    if (!/^[A-Za-z0-9]+$/.test(id)) {
      throw formatError(`Resource name ${id} is non alphanumeric.`);
    }
  }
  return t;
}

export const transformsOf = (t: Template): string[] =>
  t.Transform === undefined ? [] : Array.isArray(t.Transform) ? t.Transform : [t.Transform];
