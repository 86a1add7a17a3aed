// The route model: how a stage is classified, what each route change sends (one UpdateStage,
// patch operations that fully decide the route), and that a change AWS accepted but that does
// not read back as intended is caught.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { CutoverError } from '../../src/core/errors.js';
import {
  aliasTarget,
  classifyRoute,
  liveTargetParameter,
  manualRouteCommand,
  promoteToLmi,
  readRoute,
  routeRefFromOutputs,
  routeToStandard,
  setCanary,
} from '../../src/pipeline/traffic/route.js';
import { fakeStage, LMI, STANDARD } from './cutover-fakes.js';
import { awsError, testContext } from './support.js';

const apigw = mockClient(APIGatewayClient);
const targets = { lmiTarget: LMI, standardTarget: STANDARD };

beforeEach(() => {
  apigw.reset();
});

describe('classifyRoute', () => {
  it('reads standard, lmi and canary:N', () => {
    expect(classifyRoute({ liveFunction: STANDARD }, targets)).toEqual({
      known: true,
      route: { kind: 'standard' },
    });
    expect(classifyRoute({ liveFunction: LMI }, targets)).toEqual({ known: true, route: { kind: 'lmi' } });
    expect(
      classifyRoute(
        { liveFunction: STANDARD, canary: { percentTraffic: 10, liveFunctionOverride: LMI } },
        targets,
      ),
    ).toEqual({ known: true, route: { kind: 'canary', percent: 10 } });
  });

  it('treats an alias ARN and name:alias as the same target', () => {
    const arn = `arn:aws:lambda:eu-west-1:123456789012:function:${LMI}`;
    expect(aliasTarget(arn)).toBe(LMI);
    expect(classifyRoute({ liveFunction: arn }, targets)).toEqual({ known: true, route: { kind: 'lmi' } });
  });

  it('refuses shapes it did not make, saying why', () => {
    const other = classifyRoute({ liveFunction: 'someone-else:live' }, targets);
    expect(other).toEqual({ known: false, reason: expect.stringContaining('"someone-else:live"') });
    const reverse = classifyRoute(
      { liveFunction: LMI, canary: { percentTraffic: 20, liveFunctionOverride: STANDARD } },
      targets,
    );
    expect(reverse.known).toBe(false);
    const noOverride = classifyRoute({ liveFunction: STANDARD, canary: { percentTraffic: 20 } }, targets);
    expect(noOverride).toEqual({
      known: false,
      reason: expect.stringContaining('overrides it with nothing'),
    });
    expect(classifyRoute({}, targets)).toEqual({ known: false, reason: expect.stringContaining('not set') });
  });
});

describe('readRoute', () => {
  it('reads the stage with GetStage', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    const reading = await readRoute(testContext(), stage.ref);
    expect(reading.route).toEqual({ kind: 'canary', percent: 50 });
    expect(reading.state.liveFunction).toBe(STANDARD);
    expect(apigw).toHaveReceivedCommandWith(GetStageCommand, {
      restApiId: stage.ref.restApiId,
      stageName: 'prod',
    });
  });

  it('throws ROUTE_UNKNOWN with the raw values and both manual commands', async () => {
    const stage = fakeStage(apigw, { live: 'hand-edited:live', canary: { percent: 30 } });
    const error = await readRoute(testContext(), stage.ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CutoverError);
    const e = error as CutoverError;
    expect(e.code).toBe('ROUTE_UNKNOWN');
    expect(e.message).toContain('"hand-edited:live"');
    expect(e.details.join('\n')).toContain('liveFunction=hand-edited:live, canary 30 %');
    expect(e.details.join('\n')).toContain(
      `--patch-operations op=replace,path=/variables/liveFunction,value=${STANDARD} op=remove,path=/canarySettings`,
    );
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('turns a missing stage into STAGE_NOT_FOUND', async () => {
    apigw
      .on(GetStageCommand)
      .rejects(awsError('NotFoundException', 'Invalid Stage identifier specified', 404));
    await expect(
      readRoute(testContext(), { restApiId: 'abc', stage: 'prod', ...targets }),
    ).rejects.toMatchObject({ code: 'STAGE_NOT_FOUND' });
  });
});

describe('route changes', () => {
  it('setCanary sends one UpdateStage that fully decides the canary, and logs it with a timestamp', async () => {
    const stage = fakeStage(apigw);
    const ctx = testContext();
    const before = await readRoute(ctx, stage.ref);
    const applied = await setCanary(ctx, stage.ref, before, 10, 'step 1/3');
    expect(stage.updates()).toEqual([
      [
        { op: 'replace', path: '/variables/liveFunction', value: STANDARD },
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '10' },
        { op: 'replace', path: '/canarySettings/deploymentId', value: stage.record().deploymentId },
        { op: 'replace', path: '/canarySettings/stageVariableOverrides/liveFunction', value: LMI },
      ],
    ]);
    expect(stage.label()).toBe('canary:10');
    expect(applied.change).toEqual({
      at: '2025-01-02T03:04:05.000Z',
      from: { kind: 'standard' },
      to: { kind: 'canary', percent: 10 },
      why: 'step 1/3',
    });
    expect(ctx.progress.lines).toContain('2025-01-02T03:04:05.000Z route standard → canary:10: step 1/3');
    expect(ctx.progress.codes).toEqual(['traffic.route-changed']);
  });

  it('promoteToLmi sets the LMI alias and removes the canary in the same call', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 100 } });
    const ctx = testContext();
    const applied = await promoteToLmi(ctx, stage.ref, await readRoute(ctx, stage.ref), 'promote');
    expect(stage.updates()).toEqual([
      [
        { op: 'replace', path: '/variables/liveFunction', value: LMI },
        { op: 'remove', path: '/canarySettings' },
      ],
    ]);
    expect(applied.route).toEqual({ kind: 'lmi' });
    expect(stage.label()).toBe('lmi');
  });

  it('routeToStandard from lmi sends no canary removal when there is no canary', async () => {
    const stage = fakeStage(apigw, { live: LMI });
    const ctx = testContext();
    await routeToStandard(ctx, stage.ref, await readRoute(ctx, stage.ref), 'rollback');
    expect(stage.updates()).toEqual([[{ op: 'replace', path: '/variables/liveFunction', value: STANDARD }]]);
    expect(stage.label()).toBe('standard');
  });

  it('detects an UpdateStage whose answer does not read back as the intended route', async () => {
    const stage = fakeStage(apigw);
    // AWS answered 200 but the stage it returned still has no canary.
    apigw.on(UpdateStageCommand).resolves({ deploymentId: 'd1', variables: { liveFunction: STANDARD } });
    const ctx = testContext();
    const error = await setCanary(ctx, stage.ref, await readRoute(ctx, stage.ref), 50, 'step').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ROUTE_CHANGE_FAILED' });
    expect((error as CutoverError).message).toContain('the stage it returned is standard, not canary:50');
    expect((error as CutoverError).details[0]).toContain('liveFunction=webhook-standard-fn:live, no canary');
  });

  it('reports a refused UpdateStage as ROUTE_CHANGE_FAILED with the operations', async () => {
    const stage = fakeStage(apigw);
    apigw.on(UpdateStageCommand).rejects(awsError('BadRequestException', 'Invalid patch path'));
    const ctx = testContext();
    const before = await readRoute(ctx, stage.ref);
    await expect(setCanary(ctx, stage.ref, before, 10, 'x')).rejects.toMatchObject({
      code: 'ROUTE_CHANGE_FAILED',
      message: expect.stringContaining('Invalid patch path'),
    });
    await expect(setCanary(ctx, stage.ref, before, 0, 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('helpers for the wiring', () => {
  it('liveTargetParameter keeps the route and refuses a canary', () => {
    expect(liveTargetParameter({ kind: 'standard' })).toBe('standard');
    expect(liveTargetParameter({ kind: 'lmi' })).toBe('lmi');
    expect(() => liveTargetParameter({ kind: 'canary', percent: 50 })).toThrow(
      expect.objectContaining({ code: 'ROUTE_MID_CANARY' }),
    );
  });

  it('routeRefFromOutputs takes the short alias form from the ARNs', () => {
    const ref = routeRefFromOutputs(
      {
        RestApiId: 'a1b2c3',
        StageName: 'prod',
        LmiAliasArn: `arn:aws:lambda:us-east-1:123456789012:function:${LMI}`,
        StandardAliasArn: `arn:aws:lambda:us-east-1:123456789012:function:${STANDARD}`,
      },
      'webhook',
    );
    expect(ref).toEqual({ restApiId: 'a1b2c3', stage: 'prod', lmiTarget: LMI, standardTarget: STANDARD });
    expect(() => routeRefFromOutputs({ RestApiId: 'x' }, 'webhook')).toThrow(
      expect.objectContaining({
        code: 'STACK_OUTPUTS_MISSING',
        message: expect.stringContaining('StageName, LmiAliasArn'),
      }),
    );
  });

  it('manualRouteCommand is a complete AWS CLI command', () => {
    const ref = { restApiId: 'a1b2c3', stage: 'prod', ...targets };
    expect(manualRouteCommand(ref, 'standard', true, 'eu-west-1')).toBe(
      'aws apigateway update-stage --rest-api-id a1b2c3 --stage-name prod --region eu-west-1 --patch-operations ' +
        `op=replace,path=/variables/liveFunction,value=${STANDARD} op=remove,path=/canarySettings`,
    );
  });
});
