import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { isEmptyChangeSetReason } from '../../src/aws/change-sets.js';
import { classifyStackStatus, readNewStackEvents } from '../../src/aws/cloudformation.js';
import { orderFailures } from '../../src/pipeline/deploy/execution-errors.js';
import { stackEvent } from './support.js';

const cfn = mockClient(CloudFormationClient);
beforeEach(() => {
  cfn.reset();
});

describe('classifyStackStatus', () => {
  it.each([
    [undefined, 'absent'],
    ['DELETE_COMPLETE', 'absent'],
    ['REVIEW_IN_PROGRESS', 'review'],
    ['CREATE_COMPLETE', 'stable'],
    ['UPDATE_COMPLETE', 'stable'],
    ['UPDATE_ROLLBACK_COMPLETE', 'stable'],
    ['IMPORT_COMPLETE', 'stable'],
    ['CREATE_IN_PROGRESS', 'in-progress'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'in-progress'],
    ['UPDATE_ROLLBACK_IN_PROGRESS', 'in-progress'],
    ['DELETE_IN_PROGRESS', 'in-progress'],
    ['ROLLBACK_COMPLETE', 'rollback-complete'],
    ['UPDATE_ROLLBACK_FAILED', 'stuck'],
    ['ROLLBACK_FAILED', 'stuck'],
    ['DELETE_FAILED', 'stuck'],
    ['CREATE_FAILED', 'stuck'],
    ['SOMETHING_NEW', 'stuck'],
  ])('%s is %s', (status, kind) => {
    expect(classifyStackStatus(status)).toBe(kind);
  });
});

describe('isEmptyChangeSetReason', () => {
  it('knows both wordings and nothing else', () => {
    expect(
      isEmptyChangeSetReason(
        "The submitted information didn't contain changes. Submit different information to create a change set.",
      ),
    ).toBe(true);
    expect(isEmptyChangeSetReason('No updates are to be performed.')).toBe(true);
    expect(isEmptyChangeSetReason('Template format error')).toBe(false);
    expect(isEmptyChangeSetReason(undefined)).toBe(false);
  });
});

describe('readNewStackEvents', () => {
  it('pages back until an event it has seen and returns the new ones oldest first', async () => {
    const old = Array.from({ length: 3 }, (_, i) =>
      stackEvent(`Old${i}`, 'AWS::SQS::Queue', 'CREATE_COMPLETE'),
    );
    const fresh = Array.from({ length: 150 }, (_, i) =>
      stackEvent(`New${i}`, 'AWS::SQS::Queue', 'UPDATE_COMPLETE'),
    );
    const newestFirst = [...old, ...fresh].reverse();
    cfn.on(DescribeStackEventsCommand).callsFake((input: { NextToken?: string }) => {
      const start = Number(input.NextToken ?? 0);
      return {
        StackEvents: newestFirst.slice(start, start + 100),
        NextToken: start + 100 < newestFirst.length ? String(start + 100) : undefined,
      };
    });
    const seen = new Set(old.map((e) => e.EventId!));
    const read = await readNewStackEvents(new CloudFormationClient({ region: 'us-east-1' }), 'stack', seen);
    expect(read.map((e) => e.LogicalResourceId)).toEqual(fresh.map((e) => e.LogicalResourceId));
    expect(cfn).toHaveReceivedCommandTimes(DescribeStackEventsCommand, 2);
    // A second read finds nothing new and stops at the first page.
    cfn.resetHistory();
    expect(
      await readNewStackEvents(new CloudFormationClient({ region: 'us-east-1' }), 'stack', seen),
    ).toEqual([]);
    expect(cfn).toHaveReceivedCommandTimes(DescribeStackEventsCommand, 1);
  });
});

describe('orderFailures', () => {
  it('puts the first real failure first, then other failures, cancellations, and the stack summary last', () => {
    const events: StackEvent[] = [
      stackEvent('Cancelled', 'AWS::SQS::Queue', 'CREATE_FAILED', 'Resource creation cancelled'),
      stackEvent('Root', 'AWS::Lambda::Function', 'CREATE_FAILED', 'boom'),
      stackEvent(
        'webhook-test',
        'AWS::CloudFormation::Stack',
        'UPDATE_FAILED',
        'The following resource(s) failed',
      ),
      stackEvent('Second', 'AWS::Lambda::Url', 'CREATE_FAILED', 'also boom'),
      stackEvent('Fine', 'AWS::SQS::Queue', 'CREATE_COMPLETE'),
    ];
    expect(orderFailures(events, 'webhook-test').map((e) => e.LogicalResourceId)).toEqual([
      'Root',
      'Second',
      'Cancelled',
      'webhook-test',
    ]);
  });
});
