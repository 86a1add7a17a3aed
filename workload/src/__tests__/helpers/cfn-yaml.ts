// YAML with CloudFormation's short-form tags (!Ref, !Sub, !GetAtt, ...) turned into their
// long forms ({ Ref }, { 'Fn::Sub' }, ...), as CloudFormation reads them.
import { parse, type CollectionTag, type ScalarTag } from 'yaml';

const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
];

type Tag = ScalarTag | CollectionTag;

const toJs = (node: { toJSON(): unknown }) => node.toJSON();

function tags(): Tag[] {
  const out: Tag[] = [
    { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
    { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
    // !GetAtt Resource.Attribute: the attribute may itself contain dots.
    {
      tag: '!GetAtt',
      resolve: (value: string) => {
        const dot = value.indexOf('.');
        return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
      },
    },
    { tag: '!GetAtt', collection: 'seq', resolve: (seq) => ({ 'Fn::GetAtt': toJs(seq) }) },
  ];
  for (const fn of FUNCTIONS) {
    const key = `Fn::${fn}`;
    out.push({ tag: `!${fn}`, resolve: (value: string) => ({ [key]: value }) });
    out.push({ tag: `!${fn}`, collection: 'seq', resolve: (seq) => ({ [key]: toJs(seq) }) });
    out.push({ tag: `!${fn}`, collection: 'map', resolve: (map) => ({ [key]: toJs(map) }) });
  }
  return out;
}

export type CfnTemplate = Record<string, unknown> & {
  Parameters: Record<string, Record<string, unknown>>;
  Conditions: Record<string, unknown>;
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }
  >;
  Outputs: Record<string, { Value: unknown }>;
};

export function parseCloudFormation(text: string): CfnTemplate {
  return parse(text, { customTags: tags() }) as CfnTemplate;
}
