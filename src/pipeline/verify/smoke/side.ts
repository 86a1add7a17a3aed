// One side of the smoke checks (the LMI version or the standard twin) as the checks see it:
// its target and compute type, how to send a request to it, how to read back what it stored,
// and what an earlier check of the side learned that a later one compares with. Each AWS
// read turns a denial into ACCESS_DENIED naming the permission, as every stage does.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { PipelineContext } from '../../context.js';
import { throwIfAccessDenied } from '../../../core/access.js';
import type { WebhookOutcome } from '../../webhook/answer.js';
import {
  hasDeliveryMarker,
  readStoredCheckEvents,
  type StoredCheckEvent,
} from '../../webhook/events-table.js';
import { invokeWebhook, type InvokeTarget } from '../../webhook/invoke.js';
import type { CheckMark, Side, WebhookRequest } from '../../webhook/request.js';
import { stageContextFor } from '../../webhook/workload-stack.js';
import type { CheckTraffic } from '../check-traffic.js';
import type { SigningSecrets } from '../../webhook/signature.js';

const COMPUTE_TYPE: Record<Side, string> = {
  lmi: 'lambda-managed-instances',
  standard: 'lambda-standard',
};

export interface SmokeSide {
  readonly side: Side;
  readonly target: InvokeTarget;
  /** The compute_type the side's answers must name. */
  readonly computeType: string;
  readonly table: string;
  readonly secrets: SigningSecrets;
  /** Whole Unix seconds, for signature timestamps. */
  seconds(): number;
  /** The check mark of the side's n-th webhook. */
  mark(seq: number): CheckMark;
  send(request: WebhookRequest): Promise<WebhookOutcome>;
  /** The events stored for a delivery since the side's checks began. */
  stored(deliveryId: string): Promise<StoredCheckEvent[]>;
  /** Whether the workload claimed the delivery id. */
  claimed(deliveryId: string): Promise<boolean>;
  /** The event_id the stored check was answered with; the replay must get the same one back. */
  firstEventId?: string;
}

export function smokeSide(
  ctx: PipelineContext,
  traffic: CheckTraffic & { readonly lambda: LambdaClient; readonly now: () => number },
  side: Side,
): SmokeSide {
  const { stack } = traffic;
  const target = side === 'lmi' ? stack.lmi : stack.standard;
  const stage = stageContextFor(stack, side, traffic.region);
  const table = stack.eventsTableName;
  const windowStart = ctx.clock.now();
  return {
    side,
    target,
    computeType: COMPUTE_TYPE[side],
    table,
    secrets: traffic.secrets,
    seconds: () => Math.floor(ctx.clock.now() / 1000),
    mark: (seq) => ({ run: traffic.runId, kind: 'smoke', target: side, seq }),
    send: async (request) => {
      try {
        return await invokeWebhook(traffic.lambda, target, request, {
          stage,
          now: traffic.now,
          epochNow: () => ctx.clock.now(),
          signal: ctx.signal,
        });
      } catch (e) {
        throwIfAccessDenied(e, 'lambda:InvokeFunction', `${target.functionName}:${target.qualifier}`);
        throw e;
      }
    },
    stored: async (deliveryId) => {
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
    },
    claimed: async (deliveryId) => {
      try {
        return await hasDeliveryMarker(ctx.aws.dynamoDb, table, deliveryId);
      } catch (e) {
        throwIfAccessDenied(e, 'dynamodb:GetItem', table);
        throw e;
      }
    },
  };
}
