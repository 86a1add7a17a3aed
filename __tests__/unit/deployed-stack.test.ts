// The stack as deployed: a stack that exists only as a plan's CREATE change set
// (REVIEW_IN_PROGRESS, before the first deploy) has no template, outputs or resources, so it counts
// as not deployed: the deploy and the plan after it go on as a first deploy instead of reading
// the routing contract of a template it does not have.
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateSummaryCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { findDeployedStack } from '../../src/pipeline/deploy/deployed-stack.js';
import { awsError, testContext } from './support.js';

const cfn = mockClient(CloudFormationClient);
const NAME = 'webhook-prod';
const stack = (status: string, outputs: Record<string, string> = {}): Stack => ({
  StackName: NAME,
  StackId: `arn:aws:cloudformation:us-east-1:123456789012:stack/${NAME}/1111`,
  StackStatus: status as Stack['StackStatus'],
  CreationTime: new Date(0),
  Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
});

beforeEach(() => {
  cfn.reset();
  cfn
    .on(GetTemplateSummaryCommand)
    .rejects(awsError('ValidationError', `Stack ${NAME} has no template until a change set is executed`));
});

describe('findDeployedStack', () => {
  it('finds nothing for a stack that does not exist', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', `Stack with id ${NAME} does not exist`));
    expect(await findDeployedStack(testContext(), NAME)).toBeUndefined();
  });

  it('finds nothing for a stack a plan holds in REVIEW_IN_PROGRESS, reading no template', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('REVIEW_IN_PROGRESS')] });
    expect(await findDeployedStack(testContext(), NAME)).toBeUndefined();
    expect(cfn.commandCalls(GetTemplateSummaryCommand)).toHaveLength(0);
  });

  it('finds a deployed stack with its outputs (a template without the contract adds none)', async () => {
    cfn.on(GetTemplateSummaryCommand).resolves({});
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('UPDATE_COMPLETE', { StageName: 'prod' })] });
    expect(await findDeployedStack(testContext(), NAME)).toMatchObject({
      status: 'UPDATE_COMPLETE',
      outputs: { StageName: 'prod' },
    });
  });
});
