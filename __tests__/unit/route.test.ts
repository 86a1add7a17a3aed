// The route model: how a stage is classified (production pinned to a version, a canary to an LMI
// version, anything else unknown with the reason), what each route change sends (patch
// operations that fully decide the route, the promotion as AWS documents it), and that a
// change AWS accepted but that does not read back as intended is caught.
import { execFileSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { CutoverError } from '../../src/core/errors.js';
import {
  classifyRoute,
  deployedVersions,
  manualRouteCommand,
  parseTarget,
  promoteCanary,
  readRoute,
  routeRefFromOutputs,
  routeTo,
  setCanary,
  wayBack,
  type StageRouteState,
} from '../../src/pipeline/traffic/route.js';
import { fakeStage, lmi, LMI1, LMI2, LMI_FN, q, STANDARD_FN, twin, TWIN1 } from './cutover-fakes.js';
import { awsError, testContext } from './support.js';

const apigw = mockClient(APIGatewayClient);
const ref = {
  restApiId: 'a1b2c3',
  stage: 'prod',
  lmiFunctionName: LMI_FN,
  standardFunctionName: STANDARD_FN,
};

beforeEach(() => {
  apigw.reset();
});

const canary = (live: string, percentTraffic: number, override?: string): StageRouteState => ({
  liveFunction: live,
  canary: { percentTraffic, ...(override !== undefined ? { liveFunctionOverride: override } : {}) },
});

describe('classifyRoute', () => {
  it('reads production pinned to a version of either function', () => {
    expect(classifyRoute({ liveFunction: TWIN1 }, ref)).toEqual({
      known: true,
      route: { kind: 'standard', target: twin(1) },
    });
    expect(classifyRoute({ liveFunction: LMI2 }, ref)).toEqual({
      known: true,
      route: { kind: 'lmi', target: lmi(2) },
    });
    // The function's ARN with a version names the same version.
    const arn = `arn:aws:lambda:eu-west-1:123456789012:function:${LMI2}`;
    expect(classifyRoute({ liveFunction: arn }, ref)).toEqual({
      known: true,
      route: { kind: 'lmi', target: lmi(2) },
    });
  });

  it('reads a canary to an LMI version from the twin and from an earlier LMI version', () => {
    expect(classifyRoute(canary(TWIN1, 10, LMI1), ref)).toEqual({
      known: true,
      route: { kind: 'canary', percent: 10, base: twin(1), candidate: lmi(1) },
    });
    expect(classifyRoute(canary(LMI1, 50, LMI2), ref)).toEqual({
      known: true,
      route: { kind: 'canary', percent: 50, base: lmi(1), candidate: lmi(2) },
    });
  });

  it('reads a canary whose override is the base as the single route (a promotion half done)', () => {
    // Between the two calls of a promotion every request reaches the same version.
    expect(classifyRoute(canary(LMI2, 0, LMI2), ref)).toEqual({
      known: true,
      route: { kind: 'lmi', target: lmi(2) },
    });
  });

  it('refuses aliases, $LATEST and foreign functions: only versions are routes', () => {
    for (const value of [`${LMI_FN}:live`, `${LMI_FN}:$LATEST`, LMI_FN]) {
      expect(classifyRoute({ liveFunction: value }, ref)).toEqual({
        known: false,
        reason: `liveFunction is "${value}", which is not a published version (lmi-cutover pins production to a version number, never an alias or $LATEST)`,
      });
    }
    expect(classifyRoute({ liveFunction: 'someone-else:3' }, ref)).toEqual({
      known: false,
      reason: `liveFunction is "someone-else:3", neither the LMI function (${LMI_FN}) nor the standard twin (${STANDARD_FN})`,
    });
    expect(classifyRoute({}, ref)).toEqual({ known: false, reason: 'liveFunction is not set' });
  });

  it('refuses a canary to the twin, to an alias or to nothing, saying why', () => {
    expect(classifyRoute(canary(LMI1, 20, q(twin(2))), ref)).toEqual({
      known: false,
      reason:
        "a canary of 20 % overrides liveFunction with the twin's version 2; lmi-cutover only makes canaries to a version of the LMI function",
    });
    const alias = classifyRoute(canary(TWIN1, 20, `${LMI_FN}:live`), ref);
    expect(alias).toEqual({ known: false, reason: expect.stringContaining('not a published version') });
    const none = classifyRoute(canary(TWIN1, 20), ref);
    expect(none).toEqual({
      known: false,
      reason: expect.stringContaining('overrides liveFunction with not set'),
    });
  });

  it('parseTarget names the version or says why it names none', () => {
    expect(parseTarget(LMI2, ref)).toEqual(lmi(2));
    expect(parseTarget('', ref)).toBe('not set');
    expect(typeof parseTarget(`${STANDARD_FN}:live`, ref)).toBe('string');
  });
});

describe('wayBack', () => {
  it('reads the rollback target and the fallback; drops values that name no version', () => {
    expect(wayBack({ liveFunction: LMI2, rollbackFunction: LMI1, fallbackFunction: TWIN1 }, ref)).toEqual({
      rollback: lmi(1),
      fallback: twin(1),
    });
    expect(wayBack({ liveFunction: LMI2 }, ref)).toEqual({});
    expect(
      wayBack({ liveFunction: LMI2, rollbackFunction: `${LMI_FN}:live`, fallbackFunction: 'x:1' }, ref),
    ).toEqual({});
    // The fallback is the twin's by definition: an LMI version there is not one.
    expect(wayBack({ liveFunction: LMI2, fallbackFunction: LMI1 }, ref)).toEqual({});
  });
});

describe('readRoute', () => {
  it('reads the stage with GetStage', async () => {
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 50, override: LMI2 } });
    const reading = await readRoute(testContext(), stage.ref);
    expect(reading.route).toEqual({ kind: 'canary', percent: 50, base: lmi(1), candidate: lmi(2) });
    expect(reading.state.liveFunction).toBe(LMI1);
    expect(apigw).toHaveReceivedCommandWith(GetStageCommand, {
      restApiId: stage.ref.restApiId,
      stageName: 'prod',
    });
  });

  it('throws ROUTE_UNKNOWN with the raw values and a manual command per remembered version', async () => {
    const stage = fakeStage(apigw, {
      live: 'hand-edited:live',
      canary: { percent: 30 },
      rollback: LMI1,
      fallback: TWIN1,
    });
    const error = await readRoute(testContext(), stage.ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CutoverError);
    const e = error as CutoverError;
    expect(e.code).toBe('ROUTE_UNKNOWN');
    expect(e.message).toContain('"hand-edited:live"');
    const details = e.details.join('\n');
    expect(details).toContain(
      `liveFunction=hand-edited:live, rollbackFunction=${LMI1}, fallbackFunction=${TWIN1}, canary 30 %`,
    );
    for (const v of [LMI1, TWIN1]) {
      expect(details).toContain(
        `All traffic to ${v}: aws apigateway update-stage --rest-api-id ${stage.ref.restApiId} --stage-name prod --region us-east-1 ` +
          `--patch-operations op=replace,path=/variables/liveFunction,value=${v} op=remove,path=/canarySettings`,
      );
    }
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
  });

  it('turns a missing stage into STAGE_NOT_FOUND', async () => {
    apigw
      .on(GetStageCommand)
      .rejects(awsError('NotFoundException', 'Invalid Stage identifier specified', 404));
    await expect(readRoute(testContext(), ref)).rejects.toMatchObject({ code: 'STAGE_NOT_FOUND' });
  });
});

describe('route changes', () => {
  it('setCanary sets the canary in one call and leaves the base variables alone', async () => {
    const stage = fakeStage(apigw, { live: LMI1, rollback: TWIN1, fallback: TWIN1 });
    const ctx = testContext();
    const applied = await setCanary(ctx, stage.ref, await readRoute(ctx, stage.ref), lmi(2), 10, 'step 1/3');
    expect(stage.updates()).toEqual([
      [
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '10' },
        { op: 'replace', path: '/canarySettings/deploymentId', value: stage.record().deploymentId },
        { op: 'replace', path: '/canarySettings/stageVariableOverrides/liveFunction', value: LMI2 },
      ],
    ]);
    // Production and the way back are untouched: only the canary names the candidate.
    expect(stage.record().variables).toEqual({
      liveFunction: LMI1,
      rollbackFunction: TWIN1,
      fallbackFunction: TWIN1,
    });
    expect(stage.label()).toBe('canary:10 (LMI v1 → LMI v2)');
    expect(applied.change).toEqual({
      at: '2025-01-02T03:04:05.000Z',
      from: { kind: 'lmi', target: lmi(1) },
      to: { kind: 'canary', percent: 10, base: lmi(1), candidate: lmi(2) },
      why: 'step 1/3',
    });
    expect(ctx.progress.lines).toContain(
      '2025-01-02T03:04:05.000Z route lmi (LMI v1) → canary:10 (LMI v1 → LMI v2): step 1/3',
    );
    expect(ctx.progress.codes).toEqual(['traffic.route-changed']);
  });

  it('promoteCanary is two calls: the documented copy, then the canary removed and the way back recorded', async () => {
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 100, override: LMI2 }, rollback: TWIN1 });
    const ctx = testContext();
    const applied = await promoteCanary(
      ctx,
      stage.ref,
      await readRoute(ctx, stage.ref),
      { rollback: lmi(1), fallback: twin(3) },
      'promote',
    );
    expect(stage.updates()).toEqual([
      [
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
        { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      ],
      [
        { op: 'remove', path: '/canarySettings' },
        { op: 'replace', path: '/variables/rollbackFunction', value: LMI1 },
        { op: 'replace', path: '/variables/fallbackFunction', value: q(twin(3)) },
      ],
    ]);
    expect(stage.record().canarySettings).toBeUndefined();
    expect(stage.record().variables).toEqual({
      liveFunction: LMI2,
      rollbackFunction: LMI1,
      fallbackFunction: q(twin(3)),
    });
    expect(applied.route).toEqual({ kind: 'lmi', target: lmi(2) });
    // One route change for the report: the canary became production.
    expect(applied.change).toMatchObject({
      from: { kind: 'canary', percent: 100 },
      to: { kind: 'lmi', target: lmi(2) },
      why: 'promote',
    });
    expect(applied.operations).toHaveLength(6);
  });

  it('promoteCanary removes a way-back variable told to (null) only when the stage has it', async () => {
    const stage = fakeStage(apigw, { live: TWIN1, canary: { percent: 100, override: LMI1 }, rollback: LMI1 });
    const ctx = testContext();
    await promoteCanary(
      ctx,
      stage.ref,
      await readRoute(ctx, stage.ref),
      { rollback: null, fallback: null },
      'p',
    );
    expect(stage.updates()[1]).toEqual([
      { op: 'remove', path: '/canarySettings' },
      { op: 'remove', path: '/variables/rollbackFunction' },
    ]);
    await expect(
      promoteCanary(ctx, stage.ref, await readRoute(ctx, stage.ref), {}, 'again'),
    ).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
  });

  it('routeTo from a canary: the version, the canary removed and the way back, in one call', async () => {
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 50, override: LMI2 }, rollback: TWIN1 });
    const ctx = testContext();
    const applied = await routeTo(ctx, stage.ref, await readRoute(ctx, stage.ref), lmi(1), 'rollback', {
      rollback: null,
      fallback: twin(1),
    });
    expect(stage.updates()).toEqual([
      [
        { op: 'replace', path: '/variables/liveFunction', value: LMI1 },
        { op: 'remove', path: '/canarySettings' },
        { op: 'remove', path: '/variables/rollbackFunction' },
        { op: 'replace', path: '/variables/fallbackFunction', value: TWIN1 },
      ],
    ]);
    expect(applied.route).toEqual({ kind: 'lmi', target: lmi(1) });
    expect(stage.label()).toBe('LMI v1');
  });

  it('routeTo without a canary sends no canary removal, and null removes nothing absent', async () => {
    const stage = fakeStage(apigw, { live: LMI2 });
    const ctx = testContext();
    await routeTo(ctx, stage.ref, await readRoute(ctx, stage.ref), twin(1), 'to the twin', {
      rollback: null,
      fallback: null,
    });
    // Removing an absent variable would be refused by API Gateway: not sent.
    expect(stage.updates()).toEqual([[{ op: 'replace', path: '/variables/liveFunction', value: TWIN1 }]]);
    expect(stage.label()).toBe('twin v1');
  });

  it('detects an UpdateStage whose answer does not read back as the intended route', async () => {
    const stage = fakeStage(apigw);
    // AWS answered 200 but the stage it returned still has no canary.
    apigw.on(UpdateStageCommand).resolves({ deploymentId: 'd1', variables: { liveFunction: TWIN1 } });
    const ctx = testContext();
    const error = await setCanary(ctx, stage.ref, await readRoute(ctx, stage.ref), lmi(1), 50, 'step').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ROUTE_CHANGE_FAILED' });
    expect((error as CutoverError).message).toContain(
      'the stage it returned is standard (twin v1), not canary:50 (twin v1 → LMI v1)',
    );
    expect((error as CutoverError).details[0]).toContain(`liveFunction=${TWIN1}, no canary`);
  });

  it('reports a refused UpdateStage as ROUTE_CHANGE_FAILED with the operations', async () => {
    const stage = fakeStage(apigw);
    apigw.on(UpdateStageCommand).rejects(awsError('BadRequestException', 'Invalid patch path'));
    const ctx = testContext();
    const before = await readRoute(ctx, stage.ref);
    await expect(setCanary(ctx, stage.ref, before, lmi(1), 10, 'x')).rejects.toMatchObject({
      code: 'ROUTE_CHANGE_FAILED',
      message: expect.stringContaining('Invalid patch path'),
    });
    await expect(setCanary(ctx, stage.ref, before, lmi(1), 0, 'x')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('helpers for the wiring', () => {
  it('routeRefFromOutputs takes the function names (short form of an ARN) and the stage', () => {
    expect(
      routeRefFromOutputs(
        {
          RestApiId: 'a1b2c3',
          StageName: 'prod',
          LmiFunctionName: `arn:aws:lambda:us-east-1:123456789012:function:${LMI_FN}`,
          StandardFunctionName: STANDARD_FN,
        },
        'webhook',
      ),
    ).toEqual(ref);
    expect(() => routeRefFromOutputs({ RestApiId: 'x' }, 'webhook')).toThrow(
      expect.objectContaining({
        code: 'STACK_OUTPUTS_MISSING',
        message: expect.stringContaining('no StageName, LmiFunctionName, StandardFunctionName outputs'),
      }),
    );
  });

  it('deployedVersions reads the versions this deploy published, ignoring anything else', () => {
    expect(deployedVersions({ LmiVersion: '4', StandardVersion: '2' }, ref)).toEqual({
      lmi: lmi(4),
      standard: twin(2),
    });
    expect(deployedVersions({ LmiVersion: '$LATEST' }, ref)).toEqual({});
  });

  it('manualRouteCommand is a complete AWS CLI command', () => {
    expect(manualRouteCommand(ref, twin(1), true, 'eu-west-1')).toBe(
      'aws apigateway update-stage --rest-api-id a1b2c3 --stage-name prod --region eu-west-1 --patch-operations ' +
        `op=replace,path=/variables/liveFunction,value=${TWIN1} op=remove,path=/canarySettings`,
    );
    expect(manualRouteCommand(ref, lmi(2), false)).toBe(
      'aws apigateway update-stage --rest-api-id a1b2c3 --stage-name prod --patch-operations ' +
        `op=replace,path=/variables/liveFunction,value=${LMI2}`,
    );
  });

  it('manualRouteCommand keeps a hostile value one shell word', () => {
    const hostile = { ...ref, restApiId: 'a1;curl x|sh', stage: "it's $(id)" };
    const command = manualRouteCommand(hostile, lmi(2), true);
    expect(command).toBe(
      "aws apigateway update-stage --rest-api-id 'a1;curl x|sh' --stage-name 'it'\\''s $(id)' --patch-operations " +
        `op=replace,path=/variables/liveFunction,value=${LMI2} op=remove,path=/canarySettings`,
    );
    // A real shell splits it into exactly the intended words and runs nothing else.
    const words = execFileSync('sh', ['-c', `printf '%s\\n' ${command.replace(/^aws /, '')}`], {
      encoding: 'utf8',
    }).split('\n');
    expect(words.slice(0, 5)).toEqual([
      'apigateway',
      'update-stage',
      '--rest-api-id',
      'a1;curl x|sh',
      '--stage-name',
    ]);
    expect(words[5]).toBe("it's $(id)");
  });
});
