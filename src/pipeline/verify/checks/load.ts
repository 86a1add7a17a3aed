// The concurrency check for a checks file's `load:`: its request, built as the smoke checks
// build theirs (the stage's proxy event, routed on the template's API), sent as the webhook
// check's burst at the candidate LMI version and at the twin's candidate version, each answer
// judged by `load.expect`. A generic app reports no environment and stores nothing this tool
// can read back, so its figures leave environments out and the isolation check does not apply.
import type { RequestSigner } from './signing.js';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ChecksFile } from '../../../config/checks-file.js';
import type { PipelineContext } from '../../context.js';
import { invokeProxyEvent, targetLabel, type InvokeTarget } from '../../webhook/invoke.js';
import type { Side } from '../../webhook/request.js';
import { stageContextFor, type AppStack } from '../../webhook/workload-stack.js';
import type { BurstRun, LoadSizing } from '../load.js';
import { fireBurst, logFirstErrors, type Burst, type SendRequest } from '../load/burst.js';
import { fireDirectBurst } from '../load/direct-burst.js';
import type { BurstRequests } from '../load/worker-protocol.js';
import { rawSecrets } from '../../webhook/signature.js';
import { describeFigures, summarizeBurst } from '../load/summary.js';
import { VERIFY_MESSAGES } from '../messages.js';
import { loadRequestSample } from './load-sample.js';
import { checkProxyEvent, describeCheckRequest } from './proxy-event.js';
import { matchRoute } from './routes.js';

const ISOLATION_NOT_APPLICABLE = 'not applicable: the app has no events table to read its requests back from';

export interface LoadRequestTraffic {
  readonly stack: AppStack;
  readonly region: string;
  readonly load: NonNullable<ChecksFile['load']>;
  /** The API's route templates (`/orders/{id}`); empty: the path is its own resource. */
  readonly routes: readonly string[];
  /** Monotonic milliseconds; performance.now() by default. */
  readonly now?: () => number;
  /** The checks file's `signing`: each request signed as it is sent. */
  readonly sign?: RequestSigner;
}

export interface ChecksLoadResult {
  readonly lmi: BurstRun;
  readonly standard: BurstRun;
}

/** The same burst at both candidates, one after the other, through one client sized for it. */
export async function runChecksLoad(
  ctx: PipelineContext,
  options: LoadRequestTraffic & LoadSizing & { readonly lambda?: LambdaClient },
): Promise<ChecksLoadResult> {
  const lambda = options.lambda ?? ctx.aws.lambdaForLoad(options.concurrency);
  const lmi = await measureLoadRequest(ctx, lambda, options, 'lmi');
  const standard = await measureLoadRequest(ctx, lambda, options, 'standard');
  ctx.progress.emit(
    VERIFY_MESSAGES.isolationNotApplicable,
    `Isolation check not run — ${ISOLATION_NOT_APPLICABLE}. Requests mixed up under concurrency show only as answers that fail load.expect.`,
  );
  return { lmi, standard };
}

/** One burst of the load request at one side, and its figures. */
export async function measureLoadRequest(
  ctx: PipelineContext,
  lambda: LambdaClient,
  options: LoadRequestTraffic &
    LoadSizing & {
      /** The version to send to when it is not the side's candidate (production's, for max-p95-ms auto). */
      readonly target?: InvokeTarget;
      /** Names a max-p95-ms auto sample's requests: `baseline` (production) or `paired` (the candidate). */
      readonly kind?: 'baseline' | 'paired';
    },
  side: Side,
): Promise<BurstRun> {
  const target = options.target ?? (side === 'lmi' ? options.stack.lmi : options.stack.standard);
  const now = options.now ?? (() => performance.now());
  const { request, expect } = options.load;
  const stage = stageContextFor(options.stack, side, options.region, options.target);
  const route = matchRoute(options.routes, request.path);
  const name = `load.${options.kind ? `${options.kind}.` : ''}${side}`;
  // From load workers, as the webhook's burst goes, unless the caller keeps its own clock.
  const workers = options.now === undefined ? ctx.aws.loadWorkersFor(lambda) : undefined;
  const sendFrom = (): Promise<Burst> => {
    const plan = { target, concurrency: options.concurrency, requests: options.requests };
    if (workers) {
      const { sign } = options;
      const requests: BurstRequests = {
        kind: 'check',
        request,
        expect,
        stage,
        route,
        idPrefix: `${name}.`,
        ...(sign
          ? { signing: { secrets: rawSecrets(sign.secrets), deliveryPrefix: sign.burstPrefix(name) } }
          : {}),
      };
      return fireDirectBurst(ctx, lambda, plan, requests, { workers, logTail: true });
    }
    const send: SendRequest = async (seq) => {
      // Built per request: each has its own API Gateway request id and time.
      const sent = options.sign ? options.sign(request, name) : request;
      const event = checkProxyEvent(sent, stage, route, { nowMs: ctx.clock.now() });
      const outcome = await invokeProxyEvent(lambda, target, event, {
        now,
        logTail: true,
        signal: ctx.signal,
      });
      return loadRequestSample(`${name}.${seq}`, expect, outcome);
    };
    return fireBurst(ctx, plan, send, now);
  };
  ctx.progress.emit(
    VERIFY_MESSAGES.burstStarted,
    `${targetLabel(target)}: ${options.requests} × ${describeCheckRequest(request)}, ${options.concurrency} in flight ` +
      `(${options.kind === 'baseline' ? 'production, for max-p95-ms auto' : options.kind === 'paired' ? 'LMI version at the same light load, for max-p95-ms auto' : side === 'lmi' ? 'LMI version' : 'standard twin'})`,
  );
  const burst = await sendFrom();
  const { result, meanFunctionDurationMs } = summarizeBurst(burst, { environmentsReported: false });
  ctx.progress.emit(VERIFY_MESSAGES.burstFigures, `${targetLabel(target)}: ${describeFigures(result)}`);
  logFirstErrors(ctx, burst.samples);
  return { burst, result, meanFunctionDurationMs };
}
