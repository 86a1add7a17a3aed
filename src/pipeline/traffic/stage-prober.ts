// The cutover's real prober: one signed webhook per call, POSTed to the stage's public URL (the
// stack's ApiUrl output) exactly as a sender would, so the probe takes the path production
// traffic takes — through the stage, its canary and whichever version serves. The answer's
// `compute_type` and `function_version` say which version served it. Probes are check events (their own event type and
// delivery ids), so they never mix with real events in the table.
import { getFunctionConfiguration } from '../../aws/lambda.js';
import { errorMessage } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import type { ComputeType, ProbeSample, Prober } from './probe.js';
import { createStageAgent, postToStage } from '../webhook/http.js';
import { answerIds, type WebhookOutcome } from '../webhook/answer.js';
import { readSigningSecret, SECRET_PARAMETER_VARIABLE } from '../webhook/secret.js';
import { CHECK_EVENT_TYPE, runDeliveryPrefix, signedWebhook } from '../webhook/request.js';
import { TRAFFIC_MESSAGES } from './messages.js';
import type { SigningSecrets } from '../webhook/signature.js';

const COMPUTE_TYPES: readonly ComputeType[] = ['lambda-managed-instances', 'lambda-standard'];
/** API Gateway gives up at 29 s; a probe waits a little longer so the gateway's answer is seen. */
const PROBE_TIMEOUT_MS = 30_000;

export interface StageProber {
  readonly probe: Prober;
  /** Probes sent so far. */
  readonly sent: () => number;
  /** Closes the probe connections; call once the probing is over. */
  close(): Promise<void>;
}

export interface StageProberOptions {
  /** `https://{api}.execute-api.{region}.amazonaws.com/{stage}` (the ApiUrl output). */
  readonly stageUrl: string;
  /** Every secret of the parameter: probes pass throughout a rotation. */
  readonly secrets: SigningSecrets;
  /** Marks this run's probes: delivery ids `lmi-cutover.<run>.probe.<n>`. */
  readonly runId: string;
  /** Sockets to the stage; size it to the probes in flight (rate × latency). */
  readonly connections?: number;
  readonly timeoutMs?: number;
  /** Wall-clock Unix seconds for the signature; the workload rejects timestamps 300 s off. */
  readonly nowSeconds?: () => number;
}

export const probeDeliveryId = (runId: string, seq: number): string =>
  `${runDeliveryPrefix(runId)}probe.${seq}`;

/** One answer as a probe sample: ok only for a 2xx the workload signed with its compute type. */
export function probeSampleOf(outcome: WebhookOutcome): ProbeSample {
  switch (outcome.kind) {
    case 'answered': {
      const { statusCode } = outcome.answer;
      const ids = answerIds(outcome.answer);
      const computeType = COMPUTE_TYPES.find((c) => c === ids.computeType);
      const is2xx = statusCode >= 200 && statusCode < 300;
      const error = !is2xx
        ? `HTTP ${statusCode}${typeof outcome.answer.json?.message === 'string' ? `: ${outcome.answer.json.message}` : ''}`
        : computeType
          ? undefined
          : 'a 2xx answer without the workload’s compute_type';
      return {
        ok: is2xx && computeType !== undefined,
        status: statusCode,
        ...(computeType ? { computeType } : {}),
        ...(ids.functionVersion ? { functionVersion: ids.functionVersion } : {}),
        latencyMs: outcome.latencyMs,
        ...(error ? { error } : {}),
      };
    }
    case 'throttled':
      return { ok: false, status: 429, latencyMs: outcome.latencyMs, error: outcome.message };
    case 'function-error':
      return {
        ok: false,
        status: 502,
        latencyMs: outcome.latencyMs,
        error: `${outcome.errorType}: ${outcome.errorMessage}`,
      };
    case 'failed':
      return { ok: false, status: 0, latencyMs: outcome.latencyMs, error: outcome.message };
  }
}

export function createStageProber(options: StageProberOptions): StageProber {
  const agent = createStageAgent(options.connections ?? 16);
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  let seq = 0;
  const probe: Prober = async (signal) => {
    const n = ++seq;
    const deliveryId = probeDeliveryId(options.runId, n);
    const request = signedWebhook({
      secrets: options.secrets,
      deliveryId,
      rawBody: JSON.stringify({
        event_type: CHECK_EVENT_TYPE,
        lmi_cutover: { run: options.runId, check: 'probe', seq: n },
      }),
      timestampSeconds: nowSeconds(),
    });
    const outcome = await postToStage(options.stageUrl, request, {
      dispatcher: agent,
      timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS,
      signal,
    });
    return probeSampleOf(outcome);
  };
  return closableProber(probe, () => seq, agent);
}

/** A prober with its count and its connections, closed once. */
export function closableProber(
  probe: Prober,
  sent: () => number,
  agent: { close(): Promise<void> },
): StageProber {
  let closed = false;
  return {
    probe,
    sent,
    close: async () => {
      if (closed) return;
      closed = true;
      await agent.close().catch(() => undefined);
    },
  };
}

/** Sockets for a probe rate: a second of probes in flight, within sane bounds. */
export const probeConnections = (ratePerSecond: number): number =>
  Math.min(64, Math.max(4, Math.ceil(ratePerSecond * 2)));

/** The SSM parameter holding the signing secret, from a function's own environment. */
async function signingSecretParameter(
  ctx: PipelineContext,
  functionName: string,
  qualifier?: string,
): Promise<string> {
  const config = await getFunctionConfiguration(ctx.aws.lambda, functionName, qualifier);
  const name = config.Environment?.Variables?.[SECRET_PARAMETER_VARIABLE];
  if (!name) {
    throw new CutoverError(
      'SIGNING_SECRET_UNAVAILABLE',
      `${functionName} has no ${SECRET_PARAMETER_VARIABLE} environment variable, so probes cannot be signed; ` +
        'set it to the SSM parameter name as workload/template.yaml does.',
    );
  }
  return name;
}

export interface StackProberSource {
  /** The ApiUrl output. */
  readonly stageUrl: string | undefined;
  /** A function whose environment names the signing secret's parameter (the twin is always there). */
  readonly functionName: string | undefined;
  readonly runId: string;
  readonly probeRate: number;
}

/**
 * A prober for a rollback, best effort: a rollback must never wait on, or fail for, its proof.
 * Undefined (with a warning saying why) when the stage URL or the secret cannot be had; the
 * rollback then relies on the stage's read-back and says so.
 */
export async function tryStageProber(
  ctx: PipelineContext,
  source: StackProberSource,
): Promise<{ prober: StageProber; secretParameter: string } | undefined> {
  if (!source.stageUrl || !source.functionName) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.probesNoOutputs,
      'The stack has no ApiUrl or function output, so the route change cannot be verified by probes.',
    );
    return undefined;
  }
  try {
    const secretParameter = await signingSecretParameter(ctx, source.functionName);
    const secrets = await readSigningSecret(ctx, secretParameter);
    return {
      prober: createStageProber({
        stageUrl: source.stageUrl,
        secrets,
        runId: source.runId,
        connections: probeConnections(source.probeRate),
      }),
      secretParameter,
    };
  } catch (e) {
    ctx.progress.emit(
      TRAFFIC_MESSAGES.probesUnavailable,
      `Probes are not available, so the route change cannot be verified by them: ${errorMessage(e)}`,
    );
    return undefined;
  }
}
