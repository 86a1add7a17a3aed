// Test doubles for the route and cutover tests: an API Gateway stage held by the emulator's own
// store and patch logic behind a mocked SDK client (so UpdateStage applies real patch
// semantics, all or nothing), and a prober that answers the way that stage routes — the canary
// share of answers from the LMI alias, spread exactly evenly so split figures are predictable.
import { GetStageCommand, UpdateStageCommand, type Stage } from '@aws-sdk/client-api-gateway';
import type { AwsStub } from 'aws-sdk-client-mock';
import { patchStage } from '../../emulator/services/apigateway/stage-patch.js';
import { ApiGatewayStore, type StageRecord } from '../../emulator/services/apigateway/store.js';
import { stageShape } from '../../emulator/services/apigateway/index.js';
import type { ComputeType, ProbeSample } from '../../src/pipeline/traffic/probe.js';
import type { RouteRef } from '../../src/pipeline/traffic/route.js';

export const LMI = 'webhook-lmi-fn:live';
export const STANDARD = 'webhook-standard-fn:live';

export interface FakeStage {
  readonly ref: RouteRef;
  record(): StageRecord;
  /** standard | lmi | canary:N as the stage is now (not via the code under test). */
  label(): string;
  /** Share of traffic the LMI alias gets right now, 0..1. */
  lmiShare(): number;
  updates(): Array<{ op?: string; path?: string; value?: string }[]>;
  /** From now on, UpdateStage call number n (0-based, counting all calls) fails when this returns an error. */
  failUpdates(reject: (n: number) => Error | undefined): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's stub
type AnyStub = AwsStub<any, any, any>;

export function fakeStage(
  apigw: AnyStub,
  initial: { live?: string; canary?: { percent: number; override?: string } } = {},
): FakeStage {
  const store = new ApiGatewayStore();
  const api = store.createRestApi({ name: 'webhook' });
  const deployment = store.createDeployment(api);
  store.createStage(api, {
    stageName: 'prod',
    deploymentId: deployment.id,
    variables: { liveFunction: initial.live ?? STANDARD },
    ...(initial.canary
      ? {
          canarySettings: {
            percentTraffic: initial.canary.percent,
            stageVariableOverrides: { liveFunction: initial.canary.override ?? LMI },
          },
        }
      : {}),
  });
  const record = () => store.getStage(api, 'prod');
  const updates: Array<{ op?: string; path?: string; value?: string }[]> = [];
  let reject: (n: number) => Error | undefined = () => undefined;
  let calls = 0;
  const asSdk = (s: StageRecord) => stageShape(s) as unknown as Stage;
  apigw.on(GetStageCommand).callsFake(() => asSdk(record()));
  apigw.on(UpdateStageCommand).callsFake((input: { patchOperations?: [] }) => {
    const error = reject(calls++);
    if (error) throw error;
    const ops = input.patchOperations ?? [];
    updates.push(ops);
    return asSdk(patchStage(store, api, record(), ops));
  });
  const lmiShare = () => {
    const s = record();
    const base = s.variables.liveFunction === LMI ? 1 : 0;
    if (!s.canarySettings) return base;
    const canaryTarget = s.canarySettings.stageVariableOverrides.liveFunction ?? s.variables.liveFunction;
    const p = s.canarySettings.percentTraffic / 100;
    return (1 - p) * base + p * (canaryTarget === LMI ? 1 : 0);
  };
  return {
    ref: { restApiId: api.id, stage: 'prod', lmiTarget: LMI, standardTarget: STANDARD },
    record,
    label: () => {
      const s = record();
      if (s.canarySettings) return `canary:${s.canarySettings.percentTraffic}`;
      return s.variables.liveFunction === LMI
        ? 'lmi'
        : s.variables.liveFunction === STANDARD
          ? 'standard'
          : 'unknown';
    },
    lmiShare,
    updates: () => updates,
    failUpdates: (fn) => {
      reject = fn;
    },
  };
}

export interface ProberBehaviour {
  /** What the LMI side answers; default ok in 20 ms. */
  lmi?: (n: number) => Partial<ProbeSample>;
  standard?: (n: number) => Partial<ProbeSample>;
  /** Overrides the stage's own share (a stage that misroutes). */
  lmiShare?: () => number;
  /** Called before each probe with its 0-based number (to abort, throw, …). */
  before?: (n: number) => void;
}

export interface FakeProber {
  (signal?: AbortSignal): Promise<ProbeSample>;
  readonly calls: number;
}

/**
 * Answers like the stage routes: with share s, probe n goes to LMI when floor((n+1)·s) passes
 * floor(n·s) — exactly s of any run of probes, evenly spread.
 */
export function stageProber(stage: FakeStage, behaviour: ProberBehaviour = {}): FakeProber {
  let calls = 0;
  let lmiSeen = 0;
  let standardSeen = 0;
  let acc = 0;
  const fn = async () => {
    const n = calls++;
    behaviour.before?.(n);
    const share = behaviour.lmiShare?.() ?? stage.lmiShare();
    const next = acc + share;
    const toLmi = Math.floor(next + 1e-9) > Math.floor(acc + 1e-9);
    acc = next;
    const computeType: ComputeType = toLmi ? 'lambda-managed-instances' : 'lambda-standard';
    const custom = toLmi ? behaviour.lmi?.(lmiSeen++) : behaviour.standard?.(standardSeen++);
    return { ok: true, status: 200, computeType, latencyMs: 20, ...custom };
  };
  Object.defineProperty(fn, 'calls', { get: () => calls });
  return fn as FakeProber;
}
