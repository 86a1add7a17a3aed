// Test doubles for the route and cutover tests: an API Gateway stage held by the emulator's own
// store and patch logic behind a mocked SDK client (so UpdateStage applies real patch
// semantics, all or nothing), a Lambda that answers what makeRoutable asks (every version
// Active unless told otherwise, per-version policies kept), and a prober that answers the way
// that stage routes — the canary share of answers from the canary's version, spread exactly
// evenly so split figures are predictable, each answer naming the version that served it.
import { GetStageCommand, UpdateStageCommand, type Stage } from '@aws-sdk/client-api-gateway';
import {
  AddPermissionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  type State,
} from '@aws-sdk/client-lambda';
import type { AwsStub } from 'aws-sdk-client-mock';
import { patchStage } from '../../emulator/services/apigateway/stage-patch.js';
import { ApiGatewayStore, type StageRecord } from '../../emulator/services/apigateway/store.js';
import { stageShape } from '../../emulator/services/apigateway/index.js';
import type { VersionRef } from '../../src/core/domain.js';
import type { ProbeSample } from '../../src/pipeline/traffic/probe.js';
import type { RouteRef } from '../../src/pipeline/traffic/route.js';
import { awsError } from './support.js';

export const LMI_FN = 'webhook-lmi-fn';
export const STANDARD_FN = 'webhook-standard-fn';

export const lmi = (version: number | string): VersionRef => ({
  side: 'lmi',
  functionName: LMI_FN,
  version: String(version),
});
export const twin = (version: number | string): VersionRef => ({
  side: 'standard',
  functionName: STANDARD_FN,
  version: String(version),
});
/** `fn:version`, the stage variable's form. */
export const q = (v: VersionRef): string => `${v.functionName}:${v.version}`;

/** The versions most tests use: the twin's first, and two LMI releases. */
export const TWIN1 = q(twin(1));
export const LMI1 = q(lmi(1));
export const LMI2 = q(lmi(2));

export interface FakeStage {
  readonly ref: RouteRef;
  record(): StageRecord;
  /** The stage as it is now (not via the code under test): `twin v1`, `canary:10 (twin v1 → LMI v1)`, or a raw value. */
  label(): string;
  updates(): Array<{ op?: string; path?: string; value?: string; from?: string }[]>;
  /** From now on, UpdateStage call number n (0-based, counting all calls) fails when this returns an error. */
  failUpdates(reject: (n: number) => Error | undefined): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's stub
type AnyStub = AwsStub<any, any, any>;

export interface StageSetup {
  /** liveFunction; the twin's version 1 by default (a first deploy). */
  live?: string;
  canary?: { percent: number; override?: string };
  rollback?: string;
  fallback?: string;
}

const short = (value: string | undefined): string => {
  const m = /^(.+):(\d+)$/.exec(value ?? '');
  if (m?.[1] === LMI_FN) return `LMI v${m[2]}`;
  if (m?.[1] === STANDARD_FN) return `twin v${m[2]}`;
  return value ?? '(unset)';
};

export function fakeStage(apigw: AnyStub, initial: StageSetup = {}): FakeStage {
  const store = new ApiGatewayStore();
  const api = store.createRestApi({ name: 'webhook' });
  const deployment = store.createDeployment(api);
  store.createStage(api, {
    stageName: 'prod',
    deploymentId: deployment.id,
    variables: {
      liveFunction: initial.live ?? TWIN1,
      ...(initial.rollback ? { rollbackFunction: initial.rollback } : {}),
      ...(initial.fallback ? { fallbackFunction: initial.fallback } : {}),
    },
    ...(initial.canary
      ? {
          canarySettings: {
            percentTraffic: initial.canary.percent,
            stageVariableOverrides: { liveFunction: initial.canary.override ?? LMI1 },
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
  return {
    ref: { restApiId: api.id, stage: 'prod', lmiFunctionName: LMI_FN, standardFunctionName: STANDARD_FN },
    record,
    label: () => {
      const s = record();
      const base = short(s.variables.liveFunction);
      if (!s.canarySettings) return base;
      const override = s.canarySettings.stageVariableOverrides.liveFunction;
      return `canary:${s.canarySettings.percentTraffic} (${base} → ${short(override)})`;
    },
    updates: () => updates,
    failUpdates: (fn) => {
      reject = fn;
    },
  };
}

export interface FakeLambda {
  /** The statements added with AddPermission, as `fn:version sid sourceArn`. */
  readonly added: string[];
}

/**
 * GetFunctionConfiguration answers Active (or `states[fn:version]`) with the version's ARN in
 * us-east-1 / 123456789012; GetPolicy answers the statements added so far (none: not found);
 * AddPermission records the statement.
 */
export function fakeLambda(lambda: AnyStub, states: Record<string, State> = {}): FakeLambda {
  const added: string[] = [];
  const policies = new Map<string, object[]>();
  const key = (i: { FunctionName?: string; Qualifier?: string }) => `${i.FunctionName}:${i.Qualifier}`;
  lambda
    .on(GetFunctionConfigurationCommand)
    .callsFake((i: { FunctionName?: string; Qualifier?: string }) => ({
      FunctionName: i.FunctionName,
      Version: i.Qualifier,
      FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${key(i)}`,
      State: states[key(i)] ?? 'Active',
    }));
  lambda.on(GetPolicyCommand).callsFake((i: { FunctionName?: string; Qualifier?: string }) => {
    const statements = policies.get(key(i));
    if (!statements)
      throw awsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
    return { Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
  });
  lambda
    .on(AddPermissionCommand)
    .callsFake(
      (i: { FunctionName?: string; Qualifier?: string; StatementId?: string; SourceArn?: string }) => {
        const statements = policies.get(key(i)) ?? [];
        statements.push({
          Sid: i.StatementId,
          Principal: { Service: 'apigateway.amazonaws.com' },
          Condition: { ArnLike: { 'AWS:SourceArn': i.SourceArn } },
        });
        policies.set(key(i), statements);
        added.push(`${key(i)} ${i.StatementId} ${i.SourceArn}`);
        return {};
      },
    );
  return { added };
}

export interface ProberBehaviour {
  /** Per version (`fn:version`): what its n-th answer (0-based, counted per version) looks like; default ok in 20 ms. */
  answers?: Record<string, (n: number) => Partial<ProbeSample>>;
  /** Overrides the stage's canary share, 0..1 (a stage that misroutes). */
  canaryShare?: () => number;
  /** Overrides which version serves probe n (`fn:version`); undefined: the stage decides. */
  serve?: (n: number) => string | undefined;
  /** Called before each probe with its 0-based number (to abort, throw, …). */
  before?: (n: number) => void;
}

export interface FakeProber {
  (signal?: AbortSignal): Promise<ProbeSample>;
  readonly calls: number;
}

/**
 * Answers like the stage routes: with canary share s, probe n goes to the canary's version when
 * floor((n+1)·s) passes floor(n·s) — exactly s of any run of probes, evenly spread — else to
 * liveFunction. The answer carries the compute type and version number of the one that served.
 */
export function stageProber(stage: FakeStage, behaviour: ProberBehaviour = {}): FakeProber {
  let calls = 0;
  let acc = 0;
  const seen = new Map<string, number>();
  const fn = async () => {
    const n = calls++;
    behaviour.before?.(n);
    const s = stage.record();
    const override = s.canarySettings?.stageVariableOverrides.liveFunction;
    const share = behaviour.canaryShare?.() ?? (s.canarySettings ? s.canarySettings.percentTraffic / 100 : 0);
    const next = acc + share;
    const toCanary = Math.floor(next + 1e-9) > Math.floor(acc + 1e-9);
    acc = next;
    const served =
      behaviour.serve?.(n) ?? (toCanary && override ? override : (s.variables.liveFunction ?? ''));
    const [name, version] = [
      served.slice(0, served.lastIndexOf(':')),
      served.slice(served.lastIndexOf(':') + 1),
    ];
    const count = seen.get(served) ?? 0;
    seen.set(served, count + 1);
    const custom = behaviour.answers?.[served]?.(count);
    return {
      ok: true,
      status: 200,
      computeType: name === LMI_FN ? ('lambda-managed-instances' as const) : ('lambda-standard' as const),
      functionVersion: version,
      latencyMs: 20,
      ...custom,
    };
  };
  Object.defineProperty(fn, 'calls', { get: () => calls });
  return fn as FakeProber;
}
