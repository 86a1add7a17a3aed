// makeRoutable against a mocked Lambda: before the stage sends traffic to a version it must be
// Active and API Gateway must be allowed to invoke exactly that version. The permission is
// lmi-cutover's own statement, added once; a statement that already permits is enough.
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  AddPermissionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { makeRoutable } from '../../src/pipeline/traffic/routable.js';
import { fakeLambda, lmi, LMI_FN, STANDARD_FN, twin } from './cutover-fakes.js';
import { awsError, testContext } from './support.js';

const lambda = mockClient(LambdaClient);
const ref = {
  restApiId: 'a1b2c3',
  stage: 'prod',
  lmiFunctionName: LMI_FN,
  standardFunctionName: STANDARD_FN,
};
const SOURCE_ARN = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*';

beforeEach(() => {
  lambda.reset();
});

describe('makeRoutable', () => {
  it('adds the invoke permission for exactly that version, once', async () => {
    const fake = fakeLambda(lambda);
    const ctx = testContext();
    await expect(makeRoutable(ctx, ref, lmi(2))).resolves.toEqual({ target: lmi(2), permissionAdded: true });
    expect(lambda).toHaveReceivedCommandWith(GetFunctionConfigurationCommand, {
      FunctionName: LMI_FN,
      Qualifier: '2',
    });
    expect(lambda).toHaveReceivedCommandWith(GetPolicyCommand, { FunctionName: LMI_FN, Qualifier: '2' });
    expect(lambda.commandCalls(AddPermissionCommand).map((c) => c.args[0].input)).toEqual([
      {
        FunctionName: LMI_FN,
        Qualifier: '2',
        StatementId: 'lmi-cutover-a1b2c3',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: SOURCE_ARN,
      },
    ]);
    expect(ctx.progress.codes).toEqual(['traffic.permission-added']);
    // The second time the statement is there: nothing added.
    await expect(makeRoutable(ctx, ref, lmi(2))).resolves.toEqual({ target: lmi(2), permissionAdded: false });
    expect(fake.added).toHaveLength(1);
  });

  it("is a no-op when a statement already lets this API invoke the version (the template's)", async () => {
    fakeLambda(lambda);
    lambda.on(GetPolicyCommand).resolves({
      Policy: JSON.stringify({
        Statement: [
          {
            Sid: 'WebhookStandardFunctionVersionPermission-XYZ',
            Principal: { Service: 'apigateway.amazonaws.com' },
            Condition: { ArnLike: { 'AWS:SourceArn': SOURCE_ARN } },
          },
        ],
      }),
    });
    await expect(makeRoutable(testContext(), ref, twin(1))).resolves.toEqual({
      target: twin(1),
      permissionAdded: false,
    });
    expect(lambda).not.toHaveReceivedCommand(AddPermissionCommand);
  });

  it('still adds its own statement when the existing one is for another API', async () => {
    fakeLambda(lambda);
    lambda.on(GetPolicyCommand).resolves({
      Policy: JSON.stringify({
        Statement: [
          {
            Sid: 'other',
            Principal: { Service: 'apigateway.amazonaws.com' },
            Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:123456789012:zzz/*' } },
          },
        ],
      }),
    });
    await expect(makeRoutable(testContext(), ref, lmi(3))).resolves.toMatchObject({ permissionAdded: true });
    expect(lambda).toHaveReceivedCommandTimes(AddPermissionCommand, 1);
  });

  it('tolerates ResourceConflictException: another run added the statement meanwhile', async () => {
    fakeLambda(lambda);
    lambda
      .on(AddPermissionCommand)
      .rejects(
        awsError(
          'ResourceConflictException',
          'The statement id (lmi-cutover-a1b2c3) provided already exists',
          409,
        ),
      );
    const ctx = testContext();
    await expect(makeRoutable(ctx, ref, lmi(2))).resolves.toEqual({ target: lmi(2), permissionAdded: false });
    expect(ctx.progress.codes).toEqual([]);
  });

  it.each(['Inactive', 'Pending', 'Failed'] as const)(
    'refuses a version that is %s (VERSION_NOT_ROUTABLE) without touching its policy',
    async (state) => {
      fakeLambda(lambda, { [`${LMI_FN}:1`]: state });
      await expect(makeRoutable(testContext(), ref, lmi(1))).rejects.toMatchObject({
        code: 'VERSION_NOT_ROUTABLE',
        message: expect.stringContaining(`LMI v1 (${LMI_FN}:1) is ${state}`),
      });
      expect(lambda).not.toHaveReceivedCommand(GetPolicyCommand);
      expect(lambda).not.toHaveReceivedCommand(AddPermissionCommand);
    },
  );

  it('refuses a version that cannot be read (deleted) as VERSION_NOT_ROUTABLE', async () => {
    lambda
      .on(GetFunctionConfigurationCommand)
      .rejects(awsError('ResourceNotFoundException', 'Function not found', 404));
    await expect(makeRoutable(testContext(), ref, lmi(9))).rejects.toMatchObject({
      code: 'VERSION_NOT_ROUTABLE',
      message: expect.stringContaining('cannot be read: Function not found'),
    });
    expect(lambda).not.toHaveReceivedCommand(AddPermissionCommand);
  });

  it('maps AccessDenied to ACCESS_DENIED naming the permission', async () => {
    fakeLambda(lambda);
    lambda
      .on(AddPermissionCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User is not authorized to perform: lambda:AddPermission on resource: fn',
          403,
        ),
      );
    await expect(makeRoutable(testContext(), ref, lmi(2))).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message: expect.stringContaining('AWS denied lambda:AddPermission'),
    });
    lambda.reset();
    lambda.on(GetFunctionConfigurationCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    await expect(makeRoutable(testContext(), ref, lmi(2))).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message: expect.stringContaining('lambda:GetFunctionConfiguration'),
    });
  });

  it('any other AddPermission failure is PERMISSION_FAILED', async () => {
    fakeLambda(lambda);
    lambda
      .on(AddPermissionCommand)
      .rejects(awsError('PolicyLengthExceededException', 'The policy is too large', 400));
    await expect(makeRoutable(testContext(), ref, lmi(2))).rejects.toMatchObject({
      code: 'PERMISSION_FAILED',
      message: expect.stringContaining('The policy is too large'),
    });
  });
});
