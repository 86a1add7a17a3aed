import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { dumpTemplate, parseTemplate } from '../../src/pipeline/deploy/template/cfn-yaml.js';

const template = (properties: string) => `
AWSTemplateFormatVersion: 2010-09-09
Resources:
  Thing:
    Type: AWS::Test::Thing
    Properties:
${properties}
`;

describe('parseTemplate', () => {
  it('turns every short-form intrinsic into its long form', () => {
    const t = parseTemplate(
      template(`
      Ref: !Ref Param
      GetAttDotted: !GetAtt Fn.Arn
      GetAttNested: !GetAtt Api.Outputs.Url
      GetAttList: !GetAtt [Fn, Arn]
      Sub: !Sub 'arn:\${AWS::Partition}:s3:::x'
      SubList: !Sub ['\${A}-b', { A: !Ref Param }]
      Join: !Join ['', [a, !Ref Param]]
      Select: !Select [0, !GetAZs '']
      Split: !Split [',', 'a,b']
      If: !If [IsProd, !Ref Param, !Ref AWS::NoValue]
      Logic: !And [!Equals [a, b], !Or [!Not [!Condition IsProd], !Condition Other]]
      Map: !FindInMap [Map, !Ref AWS::Region, Key]
      Base64: !Base64 'text'
      Cidr: !Cidr ['10.0.0.0/16', 4, 8]
      Import: !ImportValue shared-vpc
      Length: !Length [a, b]`),
      'inline.yaml',
    );
    expect(t.Resources.Thing?.Properties).toEqual({
      Ref: { Ref: 'Param' },
      GetAttDotted: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      GetAttNested: { 'Fn::GetAtt': ['Api', 'Outputs.Url'] },
      GetAttList: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      Sub: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::x' },
      SubList: { 'Fn::Sub': ['${A}-b', { A: { Ref: 'Param' } }] },
      Join: { 'Fn::Join': ['', ['a', { Ref: 'Param' }]] },
      Select: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      Split: { 'Fn::Split': [',', 'a,b'] },
      If: { 'Fn::If': ['IsProd', { Ref: 'Param' }, { Ref: 'AWS::NoValue' }] },
      Logic: {
        'Fn::And': [
          { 'Fn::Equals': ['a', 'b'] },
          { 'Fn::Or': [{ 'Fn::Not': [{ Condition: 'IsProd' }] }, { Condition: 'Other' }] },
        ],
      },
      Map: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] },
      Base64: { 'Fn::Base64': 'text' },
      Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      Import: { 'Fn::ImportValue': 'shared-vpc' },
      Length: { 'Fn::Length': ['a', 'b'] },
    });
    // YAML 1.2 core schema: no timestamp surprise for the format version.
    expect(t.AWSTemplateFormatVersion).toBe('2010-09-09');
  });

  it('reads JSON templates', () => {
    const t = parseTemplate('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}', 'q.json');
    expect(t.Resources.Q?.Type).toBe('AWS::SQS::Queue');
  });

  it('rejects unknown tags and broken YAML with file and line', () => {
    expect(() => parseTemplate(template('      X: !Bogus y'), 'bad.yaml')).toThrow(
      expect.objectContaining({
        code: 'TEMPLATE_INVALID',
        details: [expect.stringMatching(/^bad\.yaml:7: .*!Bogus/)],
      }),
    );
    expect(() => parseTemplate('Resources:\n  A: [unclosed\n', 'broken.yaml')).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_INVALID' }),
    );
  });

  it('rejects a template without resources or with a typeless resource', () => {
    expect(() => parseTemplate('Outputs: {}', 'empty.yaml')).toThrow(/has no Resources section/);
    expect(() => parseTemplate('Resources:\n  A:\n    Properties: {}\n', 'typeless.yaml')).toThrow(
      /Resource A in typeless.yaml has no Type/,
    );
  });
});

describe('dumpTemplate', () => {
  const t = parseTemplate(
    template(`
      Flag: 'yes'
      Mode: '0755'
      Arn: !GetAtt Fn.Arn`),
    'x.yaml',
  );

  it('writes JSON that round-trips', () => {
    expect(JSON.parse(dumpTemplate(t, 'json'))).toEqual(t);
    expect(dumpTemplate(t, 'json', { compact: true })).not.toContain('\n');
  });

  it('writes YAML a YAML 1.1 reader (CloudFormation) reads back as the same strings', () => {
    const yaml = dumpTemplate(t, 'yaml');
    expect(yaml).not.toContain('!GetAtt');
    expect(parse(yaml, { version: '1.1' })).toEqual(t);
  });
});
