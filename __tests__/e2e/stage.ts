// What the e2e tests read back from the local cloud with the AWS SDK, independently of the
// pipeline's own readers: the stage exactly as GetStage returns it, a version's resource
// policy, a version's state, a canary set by hand, and who answers signed webhooks sent
// through the stage URL (counted by compute type and version).
import {
  APIGatewayClient,
  GetStageCommand,
  UpdateStageCommand,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
import { GetFunctionConfigurationCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ACCOUNT_ID } from '../../emulator/core/ids.js';
import type { VersionRef } from '../../src/core/domain.js';
import { answerIds } from '../../src/pipeline/webhook/answer.js';
import { invokeWebhook } from '../../src/pipeline/webhook/invoke.js';
import { signedWebhook } from '../../src/pipeline/webhook/request.js';
import { signingSecrets } from '../../src/pipeline/webhook/signature.js';
import { signedPostToStage, type E2eCloud } from './harness.js';

/** The stage's route as GetStage returns it, nothing interpreted. */
export interface RawStage {
  readonly deploymentId?: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly canary?: {
    readonly percentTraffic?: number;
    readonly deploymentId?: string;
    readonly stageVariableOverrides?: Readonly<Record<string, string>>;
  };
}

const clientSettings = (cloud: E2eCloud) => ({
  endpoint: cloud.emulator.endpoint,
  region: cloud.emulator.region,
  credentials: cloud.emulator.credentials,
});

export async function getStage(
  cloud: E2eCloud,
  outputs: Readonly<Record<string, string>>,
): Promise<RawStage> {
  const apigw = new APIGatewayClient(clientSettings(cloud));
  try {
    const s = await apigw.send(
      new GetStageCommand({ restApiId: outputs.RestApiId, stageName: outputs.StageName ?? 'prod' }),
    );
    return {
      deploymentId: s.deploymentId,
      variables: { ...s.variables },
      ...(s.canarySettings
        ? {
            canary: {
              percentTraffic: s.canarySettings.percentTraffic,
              deploymentId: s.canarySettings.deploymentId,
              stageVariableOverrides: { ...s.canarySettings.stageVariableOverrides },
            },
          }
        : {}),
    };
  } finally {
    apigw.destroy();
  }
}

/** UpdateStage by hand, as a person with the console or the CLI would. */
export async function updateStageByHand(
  cloud: E2eCloud,
  outputs: Readonly<Record<string, string>>,
  patchOperations: PatchOperation[],
): Promise<void> {
  const apigw = new APIGatewayClient(clientSettings(cloud));
  try {
    await apigw.send(
      new UpdateStageCommand({
        restApiId: outputs.RestApiId,
        stageName: outputs.StageName ?? 'prod',
        patchOperations,
      }),
    );
  } finally {
    apigw.destroy();
  }
}

/** A canary of `percent` % to `override` (`function:version`), set by hand. */
export const canaryByHand = (
  cloud: E2eCloud,
  outputs: Readonly<Record<string, string>>,
  percent: number,
  override: string,
): Promise<void> =>
  updateStageByHand(cloud, outputs, [
    { op: 'replace', path: '/canarySettings/percentTraffic', value: String(percent) },
    { op: 'replace', path: '/canarySettings/stageVariableOverrides/liveFunction', value: override },
  ]);

/** The version's resource policy as GetPolicy returns it; undefined when it has none. */
export async function versionPolicy(cloud: E2eCloud, v: VersionRef): Promise<string | undefined> {
  const lambda = new LambdaClient(clientSettings(cloud));
  try {
    return (await lambda.send(new GetPolicyCommand({ FunctionName: v.functionName, Qualifier: v.version })))
      .Policy;
  } catch (e) {
    if ((e as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw e;
  } finally {
    lambda.destroy();
  }
}

/** The statements of a version's policy that let API Gateway invoke it. */
export async function apiGatewayStatements(cloud: E2eCloud, v: VersionRef): Promise<string[]> {
  const policy = await versionPolicy(cloud, v);
  if (!policy) return [];
  const statements =
    (JSON.parse(policy) as { Statement?: { Sid?: string; Principal?: unknown }[] }).Statement ?? [];
  return statements
    .filter((s) => JSON.stringify(s.Principal ?? '').includes('apigateway.amazonaws.com'))
    .map((s) => s.Sid ?? '(no sid)');
}

export async function versionState(cloud: E2eCloud, v: VersionRef): Promise<string | undefined> {
  const lambda = new LambdaClient(clientSettings(cloud));
  try {
    const c = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: v.functionName, Qualifier: v.version }),
    );
    return c.State;
  } finally {
    lambda.destroy();
  }
}

export const lmiVersion = (
  outputs: Readonly<Record<string, string>>,
  version: string | number,
): VersionRef => ({
  side: 'lmi',
  functionName: outputs.LmiFunctionName!,
  version: String(version),
});

export const twinVersion = (
  outputs: Readonly<Record<string, string>>,
  version: string | number,
): VersionRef => ({
  side: 'standard',
  functionName: outputs.StandardFunctionName!,
  version: String(version),
});

/** `function:version`, as the stage variables hold it. */
export const pinned = (v: VersionRef): string => `${v.functionName}:${v.version}`;

/**
 * Who answers `n` signed webhooks sent one after another through the stage URL: counts keyed
 * `201 lmi v2`, `201 standard v1`, or the outcome's kind when nothing answered.
 */
export async function answeredBy(
  cloud: E2eCloud,
  stageUrl: string,
  n: number,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const outcome = await signedPostToStage(cloud, stageUrl);
    let key: string = outcome.kind;
    if (outcome.kind === 'answered') {
      const ids = answerIds(outcome.answer);
      const side =
        ids.computeType === 'lambda-managed-instances'
          ? 'lmi'
          : ids.computeType === 'lambda-standard'
            ? 'standard'
            : '?';
      key = `${outcome.answer.statusCode} ${side} v${ids.functionVersion ?? '?'}`;
    }
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * Starts `environments` execution environments of a twin version before production traffic
 * reaches it, as the traffic it served before would have: that many signed webhooks at once,
 * twice, invoked on the version directly with the proxy event the stage would send. On a
 * loaded 2-core machine a burst of cold starts (each loads the 1.8 MB bundle in a new worker
 * thread) can take longer than API Gateway's 29 s integration timeout; on AWS it takes about a
 * second. Every answer must be a 2xx, or the warm-up throws.
 */
export async function warmTwin(
  cloud: E2eCloud,
  outputs: Readonly<Record<string, string>>,
  v: VersionRef,
  environments: number,
): Promise<void> {
  const lambda = new LambdaClient(clientSettings(cloud));
  const stage = {
    restApiId: outputs.RestApiId!,
    stageName: outputs.StageName ?? 'prod',
    domainName: `${outputs.RestApiId}.execute-api.${cloud.emulator.region}.amazonaws.com`,
    accountId: ACCOUNT_ID,
    stageVariables: { liveFunction: pinned(v) },
  };
  try {
    const failures: string[] = [];
    for (let round = 0; round < 2; round++) {
      await Promise.all(
        Array.from({ length: environments }, async (_, i) => {
          const deliveryId = `warmup-${v.version}-${Date.now()}-${round}-${i}`;
          const outcome = await invokeWebhook(
            lambda,
            { side: v.side, functionName: v.functionName, qualifier: v.version },
            signedWebhook({
              secrets: signingSecrets(cloud.secret),
              deliveryId,
              rawBody: JSON.stringify({ event_type: 'e2e.warmup', delivery: deliveryId }),
              timestampSeconds: Math.floor(Date.now() / 1000),
            }),
            { stage },
          );
          if (outcome.kind !== 'answered' || outcome.answer.statusCode >= 300) failures.push(outcome.kind);
        }),
      );
    }
    if (failures.length > 0) throw new Error(`warming ${pinned(v)} failed: ${failures.join(', ')}`);
  } finally {
    lambda.destroy();
  }
}
