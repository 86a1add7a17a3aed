// The waves file and its matrix: a valid file reads with its defaults, an invalid one is refused
// with every problem at once (by path and line), and the matrix lists every target in release
// order with what its job needs — the gate on the wave before for every target after the first
// wave, the wave's bake on that wave's first target only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/config/config.js';
import { parseKeyValueText } from '../../src/config/key-value.js';
import { isCutoverError, type CutoverError } from '../../src/core/errors.js';
import { parseTargetKey, parseWavesFile, MAX_TARGETS } from '../../src/config/waves-file.js';
import { wavesMatrix } from '../../src/config/waves-matrix.js';

const EXAMPLE = 'examples/waves/lmi-cutover.waves.yml';

function refusal(text: string): CutoverError {
  try {
    parseWavesFile(text, 'w.yml');
  } catch (e) {
    if (isCutoverError(e)) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

const three = `
bake-seconds: 300
waves:
  - name: canary region
    targets:
      - { region: us-east-1, stack-name: webhook-prod }
  - targets:
      - { region: eu-west-1, stack-name: webhook-prod, environment: production-eu }
      - region: eu-central-1
        stack-name: webhook-prod
        role-to-assume: arn:aws:iam::123456789012:role/deploy-eu
        artifact-bucket: team-artifacts-eu-central-1
        alarm-names: [errors]
        parameters: { SubnetIds: 'subnet-1,subnet-2', Note: 'two words', Quote: 'say "hi"', Count: 3 }
  - bake-seconds: 60
    targets:
      - { region: ap-southeast-2, stack-name: webhook-prod }
`;

describe('waves file', () => {
  it('reads the shipped example', () => {
    const plan = parseWavesFile(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(plan.waves.map((w) => w.targets.map((t) => `${t.region}/${t.stackName}`))).toEqual([
      ['us-east-1/webhook-prod'],
      ['eu-west-1/webhook-prod'],
    ]);
    expect(plan.waves.map((w) => w.bakeSeconds)).toEqual([0, 900]);
  });

  it('fills the defaults: name, probe rate, the file-wide bake, none before the first wave', () => {
    const plan = parseWavesFile(three, 'w.yml');
    expect(plan.name).toBe('waves');
    expect(plan.probeRate).toBe(2);
    expect(plan.waves.map((w) => [w.number, w.name, w.bakeSeconds])).toEqual([
      [1, 'canary region', 0],
      [2, undefined, 300],
      [3, undefined, 60],
    ]);
    expect(plan.waves[1]!.targets[1]).toEqual({
      region: 'eu-central-1',
      stackName: 'webhook-prod',
      roleToAssume: 'arn:aws:iam::123456789012:role/deploy-eu',
      artifactBucket: 'team-artifacts-eu-central-1',
      alarmNames: ['errors'],
      parameters: { SubnetIds: 'subnet-1,subnet-2', Note: 'two words', Quote: 'say "hi"', Count: '3' },
    });
    expect(
      parseWavesFile('waves: [{targets: [{region: us-east-1, stack-name: a}]}]', 'w').waves[0]!.bakeSeconds,
    ).toBe(0);
    expect(
      parseWavesFile(
        'waves: [{targets: [{region: us-east-1, stack-name: a}]}, {targets: [{region: us-east-2, stack-name: a}]}]',
        'w',
      ).waves[1]!.bakeSeconds,
    ).toBe(600);
  });

  it('lists every problem in one error, in the order of the file, with its line', () => {
    const e = refusal(
      [
        'waves:',
        '  - targets: []',
        '  - targets:',
        '      - region: US-East',
        '        stack-name: 9lives',
        '      - region: eu-west-1',
        '        stack-name: web',
        '        colour: red',
        '  - targets:',
        '      - region: eu-west-1',
        '        stack-name: web',
        '        role-to-assume: admin',
        '  - name: x',
      ].join('\n'),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('waves: w.yml is not a valid waves file (7 problems):');
    expect(e.details).toEqual([
      'waves[0].targets: an empty wave: give it at least one target (line 2)',
      'waves[1].targets[0].region: an AWS region such as us-east-1 (line 4)',
      'waves[1].targets[0].stack-name: letters, digits and hyphens, starting with a letter (line 5)',
      'waves[1].targets[1]: Unrecognized key: "colour" (line 8)',
      'waves[2].targets[0]: eu-west-1/web is already released by waves[1].targets[1] (line 10)',
      'waves[2].targets[0].role-to-assume: an IAM role ARN (line 12)',
      'waves[3].targets: Invalid input: expected array, received undefined (line 13)',
    ]);
  });

  it('refuses a file without waves, YAML that does not parse, and more targets than a matrix runs', () => {
    expect(refusal('name: x\n').details).toEqual([
      'waves: Invalid input: expected array, received undefined (line 1)',
    ]);
    expect(refusal('waves: []\n').details).toEqual(['waves: no waves: list at least one (line 1)']);
    expect(refusal('waves: [\n').details[0]).toMatch(/^line \d+: /);
    const many = Array.from({ length: MAX_TARGETS + 1 }, (_, i) => `{region: us-east-1, stack-name: s${i}}`);
    expect(refusal(`waves: [{targets: [${many.join(', ')}]}]`).details).toEqual([
      `waves: ${MAX_TARGETS + 1} targets, more than the ${MAX_TARGETS} jobs GitHub runs in one matrix`,
    ]);
  });

  it('accepts exactly the regions and stack names the region and stack-name inputs accept', () => {
    const base = { mode: 'deploy', template: 'workload/template.yaml' };
    for (const [region, stack] of [
      ['us-east-1', 'webhook-prod'],
      ['us-gov-west-1', 'A'],
      ['eu-west-1', 'a'.repeat(128)],
      ['useast1', 'ok'],
      ['us-east-1', 'a'.repeat(129)],
      ['us-east-1', 'under_score'],
    ] as const) {
      const file = `waves: [{targets: [{region: ${region}, stack-name: ${stack}}]}]`;
      let fileOk = true;
      try {
        parseWavesFile(file, 'w');
      } catch {
        fileOk = false;
      }
      let inputsOk = true;
      try {
        parseConfig({ ...base, region, 'stack-name': stack }, { env: {}, cwd: process.cwd() });
      } catch {
        inputsOk = false;
      }
      expect([region, stack, fileOk]).toEqual([region, stack, inputsOk]);
    }
  });

  it('parses region/stack-name keys', () => {
    expect(parseTargetKey(' us-east-1/webhook-prod ')).toEqual({
      region: 'us-east-1',
      stackName: 'webhook-prod',
    });
    for (const bad of ['us-east-1', 'us-east-1/', '/a', 'us-east-1/a/b', 'US/a', 'us-east-1/9a'])
      expect(parseTargetKey(bad)).toBeUndefined();
  });
});

describe('waves matrix', () => {
  const { include } = wavesMatrix(parseWavesFile(three, 'w.yml'));

  it('has one entry per target, in release order, each with a unique artifact-safe id', () => {
    expect(include.map((e) => [e.id, e.wave, e.waves])).toEqual([
      ['w1-us-east-1-webhook-prod', 1, 3],
      ['w2-eu-west-1-webhook-prod', 2, 3],
      ['w2-eu-central-1-webhook-prod', 2, 3],
      ['w3-ap-southeast-2-webhook-prod', 3, 3],
    ]);
    for (const e of include) expect(e.id).toMatch(/^[A-Za-z0-9-]+$/);
    expect(include.map((e) => e['wave-name'])).toEqual(['canary region', 'wave 2', 'wave 2', 'wave 3']);
  });

  it('gates every target after the first wave on the whole wave before; only a wave’s first target bakes', () => {
    expect(include.map((e) => [e.gate, e.previous, e['bake-seconds']])).toEqual([
      [false, '', 0],
      [true, 'us-east-1/webhook-prod', 300],
      [true, 'us-east-1/webhook-prod', 0],
      [true, 'eu-west-1/webhook-prod,eu-central-1/webhook-prod', 60],
    ]);
  });

  it('carries the environment (production by default), the role, the bucket and the parameters as the action reads them', () => {
    expect(include.map((e) => [e.environment, e['role-to-assume'], e['artifact-bucket']])).toEqual([
      ['production', '', ''],
      ['production-eu', '', ''],
      ['production', 'arn:aws:iam::123456789012:role/deploy-eu', 'team-artifacts-eu-central-1'],
      ['production', '', ''],
    ]);
    const overrides = include[2]!['parameter-overrides'];
    expect(parseKeyValueText(overrides)).toEqual([
      ['SubnetIds', 'subnet-1,subnet-2'],
      ['Note', 'two words'],
      ['Quote', 'say "hi"'],
      ['Count', '3'],
    ]);
    expect(include[0]!['parameter-overrides']).toBe('');
    expect(include.some((e) => 'endpoint-url' in e)).toBe(false);
  });

  it('is JSON a workflow can read back as the same entries', () => {
    expect(JSON.parse(JSON.stringify({ include }))).toEqual({ include });
  });
});
