// A checks file's load request as a sample, the same whichever thread sent it (checks/load.ts in
// the main thread, a load worker): accepted when the answer meets `load.expect`, else each
// difference named. Free of the SDK, so load workers load it on their own.
import type { CheckExpectation } from '../../../config/checks-file.js';
import type { WebhookOutcome } from '../../webhook/answer.js';
import { sentRequest, type SentRequest } from '../load/sample.js';
import { judgeOutcome } from './judge.js';

export function loadRequestSample(
  id: string,
  expect: CheckExpectation,
  outcome: WebhookOutcome,
): SentRequest {
  const problems = judgeOutcome(expect, outcome);
  return sentRequest(id, outcome, {
    accepted: problems.length === 0,
    error: problems.length > 0 ? problems.join('; ') : undefined,
  });
}
