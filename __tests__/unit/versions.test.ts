// Version hygiene against a mocked Lambda: delete the old versions neither the stage nor an alias
// uses beyond the newest keep-versions, scale the kept unused ones to 0/0, never touch a used one; warn from 80 of the 100 versions a capacity
// provider may hold.
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  DeleteFunctionCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionVersionsByCapacityProviderCommand,
  ListVersionsByFunctionCommand,
  PutFunctionScalingConfigCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { retireVersions, warnVersionQuota } from '../../src/pipeline/traffic/versions.js';
import { awsError, testContext } from './support.js';

const lambda = mockClient(LambdaClient);
const FN = 'webhook-lmi-fn';
const CP = 'arn:aws:lambda:us-east-1:123456789012:capacity-provider:webhook-cp';

beforeEach(() => {
  lambda.reset();
});

/** Versions 1..n plus $LATEST, listed two per page like a paginating API. */
function publishedVersions(n: number) {
  const all = ['$LATEST', ...Array.from({ length: n }, (_, i) => String(i + 1))].map((Version) => ({
    Version,
  }));
  lambda.on(ListVersionsByFunctionCommand).callsFake((input: { Marker?: string }) => {
    const start = Number(input.Marker ?? 0);
    return {
      Versions: all.slice(start, start + 2),
      NextMarker: start + 2 < all.length ? String(start + 2) : undefined,
    };
  });
}

const deleted = () => lambda.commandCalls(DeleteFunctionCommand).map((c) => c.args[0].input.Qualifier);

describe('retireVersions', () => {
  it('keeps the newest N and every aliased version, deletes the rest by qualifier', async () => {
    publishedVersions(12);
    lambda.on(ListAliasesCommand).resolves({
      Aliases: [
        { Name: 'live', FunctionVersion: '12' },
        // A weighted alias: version 3 still takes traffic through it.
        { Name: 'canary', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '3': 0.1 } } },
      ],
    });
    lambda.on(DeleteFunctionCommand).resolves({});
    const ctx = testContext();
    const result = await retireVersions(ctx, { functionName: FN, keep: 5, inUse: [] });

    expect(deleted()).toEqual(['7', '6', '5', '4', '1']);
    expect(lambda).toHaveReceivedCommandWith(DeleteFunctionCommand, { FunctionName: FN, Qualifier: '7' });
    expect(result).toEqual({
      functionName: FN,
      kept: ['12', '11', '10', '9', '8', '3', '2'],
      deleted: ['7', '6', '5', '4', '1'],
      scaledToZero: ['11', '10', '9', '8'],
      referenced: ['12', '3', '2'],
      failed: [],
    });
    expect(ctx.progress.lines.join('\n')).toContain('Deleted 5 old LMI version(s)');
    expect(ctx.progress.codes).toEqual(['traffic.versions-scaled-to-zero', 'traffic.versions-deleted']);
  });

  it('never retires a version the stage uses (production, rollback target, canary), however old', async () => {
    publishedVersions(9);
    lambda.on(ListAliasesCommand).resolves({ Aliases: [] });
    lambda.on(DeleteFunctionCommand).resolves({});
    // Production on 9, the rollback target 2: an old version the stage keeps as its way back.
    const result = await retireVersions(testContext(), { functionName: FN, keep: 3, inUse: ['9', '2'] });
    expect(deleted()).toEqual(['6', '5', '4', '3', '1']);
    expect(result.referenced).toEqual(['9', '2']);
    expect(result.kept).toEqual(['9', '8', '7', '2']);
    // Only the kept versions nothing uses lose their environments.
    expect(result.scaledToZero).toEqual(['8', '7']);
    const scaled = lambda.commandCalls(PutFunctionScalingConfigCommand).map((c) => c.args[0].input.Qualifier);
    expect(scaled).toEqual(['8', '7']);
  });

  it('releases the environments of every kept version no alias uses, never of an aliased one', async () => {
    publishedVersions(4);
    lambda.on(ListAliasesCommand).resolves({ Aliases: [{ Name: 'live', FunctionVersion: '4' }] });
    lambda
      .on(PutFunctionScalingConfigCommand, { Qualifier: '2' })
      .rejects(
        awsError('ResourceConflictException', 'The function is currently in the following state: Failed'),
      );
    const ctx = testContext();
    const result = await retireVersions(ctx, { functionName: FN, keep: 5, inUse: [] });

    const scaled = lambda.commandCalls(PutFunctionScalingConfigCommand).map((c) => c.args[0].input);
    expect(scaled.map((i) => i.Qualifier)).toEqual(['3', '2', '1']);
    for (const input of scaled) {
      expect(input).toMatchObject({
        FunctionName: FN,
        FunctionScalingConfig: { MinExecutionEnvironments: 0, MaxExecutionEnvironments: 0 },
      });
    }
    // A Failed version has no environments to release: skipped without a warning.
    expect(result.scaledToZero).toEqual(['3', '1']);
    expect(ctx.progress.warnings).toEqual([]);
    expect(ctx.progress.codes).toContain('traffic.versions-scaled-to-zero');
  });

  it('warns once, naming the permission, when scaling down is denied; the run goes on', async () => {
    publishedVersions(3);
    lambda.on(ListAliasesCommand).resolves({ Aliases: [{ Name: 'live', FunctionVersion: '3' }] });
    lambda
      .on(PutFunctionScalingConfigCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User is not authorized to perform: lambda:PutFunctionScalingConfig on resource: fn',
        ),
      );
    const ctx = testContext();
    const result = await retireVersions(ctx, { functionName: FN, keep: 5, inUse: [] });
    expect(result.scaledToZero).toEqual([]);
    expect(lambda.commandCalls(PutFunctionScalingConfigCommand)).toHaveLength(1);
    expect(ctx.progress.codes).toEqual([
      'traffic.version-scale-down-failed',
      'traffic.no-versions-to-delete',
    ]);
    expect(ctx.progress.warnings.join('\n')).toContain('AWS denied lambda:PutFunctionScalingConfig');
  });

  it('deletes nothing when there are no more versions than keep-versions', async () => {
    publishedVersions(4);
    lambda.on(ListAliasesCommand).resolves({ Aliases: [{ Name: 'live', FunctionVersion: '4' }] });
    const result = await retireVersions(testContext(), { functionName: FN, keep: 5, inUse: [] });
    expect(result.deleted).toEqual([]);
    expect(lambda).not.toHaveReceivedCommand(DeleteFunctionCommand);
  });

  it('keeps a version an alias started using since the listing', async () => {
    publishedVersions(7);
    lambda.on(ListAliasesCommand).resolves({ Aliases: [{ Name: 'live', FunctionVersion: '7' }] });
    lambda
      .on(DeleteFunctionCommand, { Qualifier: '2' })
      .rejects(
        awsError(
          'ResourceConflictException',
          'Unable to delete version because the following aliases reference it: [live]',
          409,
        ),
      )
      .on(DeleteFunctionCommand, { Qualifier: '1' })
      .resolves({});
    const result = await retireVersions(testContext(), { functionName: FN, keep: 5, inUse: [] });
    expect(result.deleted).toEqual(['1']);
    expect(result.kept).toEqual(['7', '6', '5', '4', '3', '2']);
    expect(result.failed).toEqual([]);
  });

  it('stops at the first AccessDenied and names the permission, without failing the run', async () => {
    publishedVersions(8);
    lambda.on(ListAliasesCommand).resolves({ Aliases: [] });
    lambda
      .on(DeleteFunctionCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User is not authorized to perform: lambda:DeleteFunction on resource',
          403,
        ),
      );
    const ctx = testContext();
    const result = await retireVersions(ctx, { functionName: FN, keep: 5, inUse: [] });
    expect(deleted()).toEqual(['3']);
    expect(result.failed).toEqual([
      { version: '3', error: expect.stringContaining('lambda:DeleteFunction') },
    ]);
    expect(ctx.progress.warnings.join('\n')).toContain('AWS denied lambda:DeleteFunction');
    // The kept versions still release their environments: that needs another permission.
    expect(ctx.progress.codes).toEqual(['traffic.version-delete-denied', 'traffic.versions-scaled-to-zero']);
  });

  it('warns and deletes nothing when the versions cannot be listed', async () => {
    lambda
      .on(ListVersionsByFunctionCommand)
      .rejects(awsError('ServiceException', 'Lambda is unavailable', 500));
    const ctx = testContext();
    const result = await retireVersions(ctx, { functionName: FN, keep: 5, inUse: [] });
    expect(result.deleted).toEqual([]);
    expect(ctx.progress.warnings.join('\n')).toContain('were not cleaned up: Lambda is unavailable');
    expect(ctx.progress.codes).toEqual(['traffic.versions-not-listed']);
  });

  it('refuses keep-versions below 1', async () => {
    await expect(
      retireVersions(testContext(), { functionName: FN, keep: 0, inUse: [] }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('warnVersionQuota', () => {
  function versionsOnProvider(n: number) {
    const all = Array.from({ length: n }, (_, i) => ({
      FunctionArn: `arn:aws:lambda:us-east-1:1:function:f:${i + 1}`,
      State: 'Active',
    }));
    lambda.on(ListFunctionVersionsByCapacityProviderCommand).callsFake((input: { Marker?: string }) => {
      const start = Number(input.Marker ?? 0);
      return {
        FunctionVersions: all.slice(start, start + 50),
        NextMarker: start + 50 < n ? String(start + 50) : undefined,
      };
    });
  }

  it('warns at 80 of 100 versions', async () => {
    versionsOnProvider(80);
    const ctx = testContext();
    const quota = await warnVersionQuota(ctx, CP);
    expect(quota).toMatchObject({ capacityProviderArn: CP, count: 80, limit: 100, warned: true });
    // Every page listed, handed on for the capacity check so it does not list again.
    expect(quota!.versions).toHaveLength(80);
    expect(ctx.progress.warnings.join('\n')).toContain('holds 80 of its 100 function versions');
    expect(ctx.progress.codes).toEqual(['traffic.version-quota-near-limit']);
    expect(lambda).toHaveReceivedCommandWith(ListFunctionVersionsByCapacityProviderCommand, {
      CapacityProviderName: 'webhook-cp',
    });
  });

  it('does not warn at 79', async () => {
    versionsOnProvider(79);
    const ctx = testContext();
    await expect(warnVersionQuota(ctx, CP)).resolves.toMatchObject({ count: 79, warned: false });
    expect(ctx.progress.warnings).toEqual([]);
  });

  it('is quiet about a capacity provider that does not exist yet', async () => {
    lambda
      .on(ListFunctionVersionsByCapacityProviderCommand)
      .rejects(awsError('ResourceNotFoundException', 'Capacity provider not found', 404));
    const ctx = testContext();
    await expect(warnVersionQuota(ctx, CP)).resolves.toBeUndefined();
    expect(ctx.progress.warnings).toEqual([]);
  });
});
