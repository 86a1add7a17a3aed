// Smoke checks: before any load, prove that the LMI version and the standard twin answer like
// the workload promises (workload/README.md), invoked directly with the proxy event the stage
// would send. Per side: /health names the compute type; a signed webhook is stored (read back
// from the table by its delivery id); a replay of it is a duplicate and stored once; a wrongly
// signed one gets 401 and a malformed one 400, neither stored. Every check records the request,
// what was expected and what came back; any failure stops the pipeline before the load.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SmokeCheck } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { answerIds, describeOutcome, type WebhookOutcome } from '../webhook/answer.js';
import { hasDeliveryMarker, readStoredCheckEvents } from '../webhook/events-table.js';
import { invokeWebhook, type InvokeTarget } from '../webhook/invoke.js';
import {
  checkBody,
  checkDeliveryId,
  checkWebhook,
  describeRequest,
  healthRequest,
  signedWebhook,
  type CheckMark,
  type Side,
  type WebhookRequest,
} from '../webhook/request.js';
import { stageContextFor, type WorkloadStack } from '../webhook/workload-stack.js';

export const COMPUTE_TYPE: Record<Side, string> = {
  lmi: 'lambda-managed-instances',
  standard: 'lambda-standard',
};

export interface SmokeDeps {
  readonly stack: WorkloadStack;
  readonly secret: string;
  readonly region: string;
  /** Marks this run's check traffic (newRunId()). */
  readonly runId: string;
  /** Defaults to ctx.aws.lambda. */
  readonly lambda?: LambdaClient;
  /** Monotonic milliseconds for check durations; performance.now() by default. */
  readonly now?: () => number;
}

export interface SmokeResult {
  readonly checks: SmokeCheck[];
  readonly passed: boolean;
}

export async function runSmokeChecks(ctx: PipelineContext, deps: SmokeDeps): Promise<SmokeResult> {
  const checks: SmokeCheck[] = [];
  for (const side of ['lmi', 'standard'] as const) {
    const target = side === 'lmi' ? deps.stack.lmi : deps.stack.standard;
    const sideChecks = await smokeSide(ctx, deps, side, target);
    checks.push(...sideChecks);
    const failed = sideChecks.filter((c) => !c.passed).length;
    ctx.progress.info(
      `${side === 'lmi' ? 'LMI version' : 'Standard twin'} ${target.functionName}:${target.qualifier}: ` +
        `${sideChecks.length - failed}/${sideChecks.length} smoke checks passed`,
    );
  }
  return { checks, passed: checks.every((c) => c.passed) };
}

/** SMOKE_FAILED naming each failed check's request, expectation and answer. */
export function assertSmokePassed(result: SmokeResult): void {
  const failed = result.checks.filter((c) => !c.passed);
  if (failed.length === 0) return;
  throw new CutoverError(
    'SMOKE_FAILED',
    `${failed.length} of ${result.checks.length} smoke checks failed; the concurrency check and everything after it were not run.`,
    failed.map(
      (c) =>
        `[${c.target === 'lmi' ? 'LMI' : 'twin'}] ${c.name}: ${c.request} — expected ${c.expected}; got ${c.actual}`,
    ),
  );
}

async function smokeSide(
  ctx: PipelineContext,
  deps: SmokeDeps,
  side: Side,
  target: InvokeTarget,
): Promise<SmokeCheck[]> {
  const now = deps.now ?? (() => performance.now());
  const lambda = deps.lambda ?? ctx.aws.lambda;
  const stage = stageContextFor(deps.stack, side, deps.region);
  const table = deps.stack.eventsTableName;
  const computeType = COMPUTE_TYPE[side];
  const seconds = () => Math.floor(ctx.clock.now() / 1000);
  const windowStart = ctx.clock.now();
  const mark = (seq: number): CheckMark => ({ run: deps.runId, kind: 'smoke', target: side, seq });
  const checks: SmokeCheck[] = [];

  const send = async (request: WebhookRequest) => {
    try {
      return await invokeWebhook(lambda, target, request, {
        stage,
        now,
        epochNow: () => ctx.clock.now(),
        signal: ctx.signal,
      });
    } catch (e) {
      throwIfAccessDenied(e, 'lambda:InvokeFunction', `${target.functionName}:${target.qualifier}`);
      throw e;
    }
  };
  const stored = async (deliveryId: string) => {
    try {
      const found = await readStoredCheckEvents(ctx.aws.dynamoDb, {
        tableName: table,
        deliveryPrefix: deliveryId,
        fromMs: windowStart,
        toMs: ctx.clock.now(),
      });
      return found.get(deliveryId) ?? [];
    } catch (e) {
      throwIfAccessDenied(e, 'dynamodb:Query', table);
      throw e;
    }
  };
  const claimed = async (deliveryId: string) => {
    try {
      return await hasDeliveryMarker(ctx.aws.dynamoDb, table, deliveryId);
    } catch (e) {
      throwIfAccessDenied(e, 'dynamodb:GetItem', table);
      throw e;
    }
  };
  const check = async (
    name: string,
    request: WebhookRequest,
    note: string,
    expected: string,
    evaluate: (outcome: WebhookOutcome) => Promise<string | undefined>,
  ): Promise<WebhookOutcome> => {
    const started = now();
    const outcome = await send(request);
    const problem = await evaluate(outcome);
    checks.push({
      name,
      target: side,
      request: describeRequest(request, note),
      expected,
      actual: problem ?? describeOutcome(outcome),
      passed: problem === undefined,
      durationMs: Math.round(now() - started),
    });
    return outcome;
  };

  // 1. /health names the compute type (and, for the LMI version, the version itself).
  const versionNote = side === 'lmi' ? ` and function_version ${target.qualifier}` : '';
  await check(
    'health',
    healthRequest(),
    'no body',
    `200 with compute_type ${computeType}${versionNote}`,
    async (o) => {
      if (o.kind !== 'answered') return describeOutcome(o);
      const ids = answerIds(o.answer);
      if (o.answer.statusCode !== 200) return describeOutcome(o);
      if (ids.computeType !== computeType) return `200 with compute_type ${ids.computeType ?? '(none)'}`;
      if (side === 'lmi' && ids.functionVersion !== target.qualifier) {
        return `200 from function_version ${ids.functionVersion ?? '(none)'}`;
      }
      return undefined;
    },
  );

  // 2. A signed webhook is stored once, with the ids of its own invocation.
  const first = checkWebhook(deps.secret, mark(1), seconds());
  const deliveryId = first.deliveryId!;
  let firstEventId: string | undefined;
  await check(
    'signed webhook is stored',
    first,
    'correctly signed',
    `201 stored by ${computeType} with its own request id; one event in ${table}`,
    async (o) => {
      const wrong = acceptedProblem(o, 201, 'stored', computeType);
      if (wrong) return wrong;
      const ids = answerIds((o as Extract<WebhookOutcome, { kind: 'answered' }>).answer);
      firstEventId = ids.eventId;
      const items = await stored(deliveryId);
      if (items.length !== 1) return `201 stored, but ${items.length} events in the table for ${deliveryId}`;
      if (items[0]!.eventId !== ids.eventId) {
        return `201 with event_id ${ids.eventId}, but the table holds event ${items[0]!.eventId} for ${deliveryId}`;
      }
      return undefined;
    },
  );

  // 3. A replay of the same delivery (same id and body, signed again) is a duplicate, stored once.
  const replay = signedWebhook({
    secret: deps.secret,
    deliveryId,
    rawBody: first.body ?? checkBody(mark(1)),
    timestampSeconds: seconds(),
  });
  await check(
    'replay is a duplicate, stored once',
    replay,
    'same X-Webhook-Id again',
    `200 duplicate with the first event_id; still one event in ${table}`,
    async (o) => {
      const wrong = acceptedProblem(o, 200, 'duplicate', computeType);
      if (wrong) return wrong;
      const ids = answerIds((o as Extract<WebhookOutcome, { kind: 'answered' }>).answer);
      if (firstEventId && ids.eventId !== firstEventId) {
        return `200 duplicate with event_id ${ids.eventId}, not the first delivery's ${firstEventId}`;
      }
      const items = await stored(deliveryId);
      if (items.length !== 1)
        return `200 duplicate, but ${items.length} events in the table for ${deliveryId}`;
      return undefined;
    },
  );

  // 4. A wrong signature is refused and leaves nothing behind.
  const forged = signedWebhook({
    secret: `${deps.secret}-wrong`,
    deliveryId: checkDeliveryId(mark(2)),
    rawBody: checkBody(mark(2)),
    timestampSeconds: seconds(),
  });
  await check(
    'wrong signature is refused',
    forged,
    'signed with another secret',
    '401, nothing stored',
    (o) => refusedProblem(o, 401, forged.deliveryId!, stored, claimed),
  );

  // 5. A malformed body (correctly signed) is refused and leaves nothing behind.
  const malformedBody = '{"event_type": "lmi_cutover.check", "lmi_cutover": ';
  const malformed = signedWebhook({
    secret: deps.secret,
    deliveryId: checkDeliveryId(mark(3)),
    rawBody: malformedBody,
    timestampSeconds: seconds(),
  });
  await check('malformed body is refused', malformed, 'signed, body not JSON', '400, nothing stored', (o) =>
    refusedProblem(o, 400, malformed.deliveryId!, stored, claimed),
  );

  return checks;
}

/** Undefined when the answer is `status` with the expected body; else what was wrong. */
function acceptedProblem(
  o: WebhookOutcome,
  status: number,
  bodyStatus: string,
  computeType: string,
): string | undefined {
  if (o.kind !== 'answered' || o.answer.statusCode !== status) return describeOutcome(o);
  const ids = answerIds(o.answer);
  if (ids.status !== bodyStatus) return `${o.answer.statusCode} with status ${ids.status ?? '(none)'}`;
  if (ids.computeType !== computeType)
    return `${o.answer.statusCode} from compute_type ${ids.computeType ?? '(none)'}`;
  if (!ids.eventId) return `${o.answer.statusCode} without an event_id`;
  const invocationId = o.invocation?.invocationId;
  if (!ids.requestId) return `${o.answer.statusCode} without a request_id`;
  if (invocationId && ids.requestId !== invocationId) {
    return `${o.answer.statusCode} carrying request_id ${ids.requestId}, but the invocation was ${invocationId}`;
  }
  return undefined;
}

async function refusedProblem(
  o: WebhookOutcome,
  status: number,
  deliveryId: string,
  stored: (id: string) => Promise<unknown[]>,
  claimed: (id: string) => Promise<boolean>,
): Promise<string | undefined> {
  if (o.kind !== 'answered' || o.answer.statusCode !== status) return describeOutcome(o);
  const items = await stored(deliveryId);
  if (items.length > 0) return `${status}, but ${items.length} event(s) stored for ${deliveryId}`;
  if (await claimed(deliveryId))
    return `${status}, but the delivery id ${deliveryId} was claimed in the table`;
  return undefined;
}
