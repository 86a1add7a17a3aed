// destroy's decision, as a pure function of what it read: a stack with an operation running and
// one with termination protection are refused whatever the flags; a stage that served requests,
// or whose traffic cannot be proven, only with --i-know-it-serves-production; an idle (or gone)
// stage goes ahead. And what deletion does to each resource under its DeletionPolicy.
import { describe, expect, it } from '@jest/globals';
import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import {
  decideDestroy,
  OVERRIDE_FLAG,
  trafficVerdict,
  type SourceTraffic,
} from '../../src/pipeline/destroy/decide.js';
import { functionNameOf, resourceFates } from '../../src/pipeline/destroy/resource-fate.js';
import { metricApiName } from '../../src/pipeline/destroy/stage-traffic.js';
import type { CfnTemplate } from '../../src/pipeline/deploy/template/cfn-yaml.js';

const STAGE = { restApiId: 'a1b2c3', stage: 'prod' };
const idle: SourceTraffic = {
  source: STAGE,
  traffic: { kind: 'idle', apiName: 'webhook-pr-14', windowHours: 168 },
};
const serving: SourceTraffic = {
  source: STAGE,
  traffic: {
    kind: 'serving',
    apiName: 'webhook-prod',
    windowHours: 168,
    requests: 1234,
    lastHourWithRequests: new Date('2026-01-05T10:00:00Z'),
  },
};
const unknown: SourceTraffic = {
  source: STAGE,
  traffic: { kind: 'unknown', reason: 'CloudWatch could not be read: AWS denied cloudwatch:GetMetricData' },
};
const settled = { stackName: 'webhook-pr-14', status: 'UPDATE_COMPLETE', terminationProtection: false };
const plain = { iKnowItServesProduction: false };
const forced = { iKnowItServesProduction: true };

describe('decideDestroy', () => {
  it('goes ahead with a stage that served no request in the window, saying so', () => {
    const d = decideDestroy(settled, [idle], plain);
    expect(d).toEqual({
      type: 'proceed',
      why: 'not serving traffic: stage prod of REST API a1b2c3 (API name "webhook-pr-14") served no request in the last 168 h',
    });
  });

  it('refuses a stage that served requests, naming the count and the flag that overrides it', () => {
    const d = decideDestroy(settled, [serving], plain);
    expect(d.type).toBe('refused');
    if (d.type !== 'refused') return;
    expect(d.reason).toBe(
      'Stack webhook-pr-14 is not deleted. It serves production traffic: stage prod of REST API a1b2c3 served 1234 request(s) ' +
        'in the last 168 h (the latest in the hour from 2026-01-05T10:00:00.000Z).',
    );
    expect(d.fixes.join(' ')).toContain(`add ${OVERRIDE_FLAG}`);
  });

  it('refuses when it cannot tell (metrics unreadable, no REST API at all): conservative', () => {
    const d = decideDestroy(settled, [unknown], plain);
    expect(d.type === 'refused' && d.reason).toContain(
      'It may serve production traffic, and destroy deletes only a stack it can prove idle: whether stage prod of REST API a1b2c3 serves traffic is unknown: CloudWatch could not be read',
    );
    const none = decideDestroy(settled, [], plain);
    expect(none.type === 'refused' && none.reason).toContain('the stack has no REST API');
    // One idle stage does not outweigh another the metrics cannot speak for.
    expect(decideDestroy(settled, [idle, unknown], plain).type).toBe('refused');
  });

  it('deletes a serving or unknown stage with the override, keeping the evidence for the log', () => {
    for (const evidence of [serving, unknown]) {
      const d = decideDestroy(settled, [evidence], forced);
      expect(d.type).toBe('proceed');
      expect(d.type === 'proceed' && d.why).toBe(`${OVERRIDE_FLAG} given`);
      expect(d.type === 'proceed' && d.overridden).toMatch(/^It (serves|may serve) production traffic/);
    }
    // Not needed, not used: an idle stage reports no override.
    const needless = decideDestroy(settled, [idle], forced);
    expect(needless.type).toBe('proceed');
    expect(needless).not.toHaveProperty('overridden');
  });

  it('refuses termination protection whatever the flags, with the exact command, the name shell-quoted', () => {
    for (const flags of [plain, forced]) {
      const d = decideDestroy({ ...settled, terminationProtection: true }, [idle], flags);
      expect(d.type).toBe('refused');
      expect(d.type === 'refused' && d.fixes[0]).toBe(
        'If it really must go, turn the protection off yourself: aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name webhook-pr-14',
      );
    }
    // A name from elsewhere can never become a command.
    const odd = decideDestroy(
      { ...settled, stackName: "x'; rm -rf /", terminationProtection: true },
      [idle],
      plain,
    );
    expect(odd.type === 'refused' && odd.fixes[0]).toContain(`--stack-name 'x'\\''; rm -rf /'`);
  });

  it('refuses a stack with an operation running, even with the override', () => {
    for (const status of [
      'UPDATE_IN_PROGRESS',
      'DELETE_IN_PROGRESS',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
    ]) {
      expect(decideDestroy({ ...settled, status }, [idle], forced).type).toBe('refused');
    }
    // Settled, failed and review states are deletable.
    for (const status of [
      'ROLLBACK_COMPLETE',
      'DELETE_FAILED',
      'UPDATE_ROLLBACK_FAILED',
      'REVIEW_IN_PROGRESS',
    ]) {
      expect(decideDestroy({ ...settled, status }, [idle], plain).type).toBe('proceed');
    }
  });
});

describe('trafficVerdict', () => {
  it('is serving if any stage served, unknown if any cannot be read, idle only when all are proven idle or gone', () => {
    expect(trafficVerdict([idle, serving, unknown]).kind).toBe('serving');
    expect(trafficVerdict([idle, unknown]).kind).toBe('unknown');
    const gone: SourceTraffic = { source: { restApiId: 'zz' }, traffic: { kind: 'gone' } };
    expect(trafficVerdict([idle, gone])).toEqual({
      kind: 'idle',
      sentence:
        'stage prod of REST API a1b2c3 (API name "webhook-pr-14") served no request in the last 168 h; REST API zz no longer exists',
    });
  });
});

describe('metricApiName', () => {
  it('is the name API Gateway publishes metrics under: non-ASCII dropped, the id when nothing is left', () => {
    expect(metricApiName({ id: 'a1', name: 'webhook-pr-14' })).toBe('webhook-pr-14');
    expect(metricApiName({ id: 'a1', name: 'café' })).toBe('caf');
    expect(metricApiName({ id: 'a1', name: '☕' })).toBe('a1');
  });
});

describe('resourceFates', () => {
  const FN = 'webhook-pr-14-WebhookLmiFunction-K3J2';
  const resource = (
    id: string,
    type: string,
    physical: string,
    status = 'CREATE_COMPLETE',
  ): StackResourceSummary => ({
    LogicalResourceId: id,
    ResourceType: type,
    PhysicalResourceId: physical,
    ResourceStatus: status as StackResourceSummary['ResourceStatus'],
    LastUpdatedTimestamp: new Date(),
  });
  const summaries = [
    resource('Fn', 'AWS::Lambda::Function', FN),
    resource(
      'FnVersionabc',
      'AWS::Lambda::Version',
      `arn:aws:lambda:eu-west-1:123456789012:function:${FN}:7`,
    ),
    resource(
      'FnAliaslive',
      'AWS::Lambda::Alias',
      `arn:aws:lambda:eu-west-1:123456789012:function:${FN}:live`,
    ),
    resource('Permission', 'AWS::Lambda::Permission', 'webhook-pr-14-Permission-XYZ'),
    resource('Table', 'AWS::DynamoDB::Table', 'webhook-pr-14-Table-1'),
    resource('Kept', 'AWS::Lambda::Function', 'kept-fn'),
    resource(
      'KeptVersion',
      'AWS::Lambda::Version',
      'arn:aws:lambda:eu-west-1:123456789012:function:kept-fn:1',
    ),
    resource('Disk', 'AWS::EC2::Volume', 'vol-1'),
    resource('Gone', 'AWS::SQS::Queue', 'q', 'DELETE_COMPLETE'),
  ];
  const template: CfnTemplate = {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function' },
      FnVersionabc: { Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain' },
      FnAliaslive: { Type: 'AWS::Lambda::Alias' },
      Permission: {
        Type: 'AWS::Lambda::Permission',
        DeletionPolicy: 'Retain',
        Properties: { FunctionName: { Ref: 'FnVersionabc' } },
      },
      Table: { Type: 'AWS::DynamoDB::Table', DeletionPolicy: 'RetainExceptOnCreate' },
      Kept: { Type: 'AWS::Lambda::Function', DeletionPolicy: 'Retain' },
      KeptVersion: { Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain' },
      Disk: { Type: 'AWS::EC2::Volume', DeletionPolicy: 'Snapshot' },
    },
  };

  it('sends retained versions and permissions with the function the stack deletes, and keeps the rest', () => {
    expect(Object.fromEntries(resourceFates(summaries, template).map((r) => [r.logicalId, r.fate]))).toEqual({
      Fn: { kind: 'deleted' },
      FnVersionabc: { kind: 'with-function', functionName: FN },
      FnAliaslive: { kind: 'deleted' },
      Permission: { kind: 'with-function', functionName: FN },
      Table: { kind: 'retained', policy: 'RetainExceptOnCreate' },
      Kept: { kind: 'retained', policy: 'Retain' },
      // Its function outlives the stack, so it does too.
      KeptVersion: { kind: 'retained', policy: 'Retain' },
      Disk: { kind: 'snapshot' },
      // Gone already: not listed.
    });
  });

  it('names the function of a version, alias or qualified name', () => {
    expect(functionNameOf(`arn:aws:lambda:eu-west-1:123456789012:function:${FN}:7`)).toBe(FN);
    expect(functionNameOf(`${FN}:live`)).toBe(FN);
    expect(functionNameOf(FN)).toBe(FN);
  });
});
