// A check webhook's outcome as a sample, the same whichever path sent it (webhook-burst.ts in
// the main thread, worker.ts in a load worker): the workload accepts a delivery when it answers
// 201 `stored`, and its answer names the ids the isolation check compares.
import { answerIds, type WebhookOutcome } from '../../webhook/answer.js';
import { sentRequest, type SentRequest, type Verdict } from './sample.js';

export function webhookSample(deliveryId: string, outcome: WebhookOutcome): SentRequest {
  const ids = outcome.kind === 'answered' ? answerIds(outcome.answer) : {};
  return sentRequest(deliveryId, outcome, webhookVerdict(outcome, ids.status), ids);
}

function webhookVerdict(o: WebhookOutcome, status: string | undefined): Verdict {
  if (o.kind !== 'answered') return { accepted: false };
  const { statusCode, rawBody } = o.answer;
  return {
    accepted: statusCode === 201 && status === 'stored',
    error: statusCode === 201 ? undefined : `${statusCode} ${rawBody.slice(0, 200)}`,
  };
}
