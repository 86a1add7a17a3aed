// The user's smoke checks (the `checks` file), sent to the candidate LMI version and to the
// twin's candidate version — numbered versions from the stack's outputs, never an alias, so each
// answer is attributed exactly — as the REST stage's proxy event through Lambda Invoke.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { CheckSpec } from '../../../config/checks-file.js';
import type { SmokeCheck } from '../../../core/domain.js';
import type { PipelineContext } from '../../context.js';
import { describeOutcome } from '../../webhook/answer.js';
import { invokeProxyEvent, targetLabel, type InvokeTarget } from '../../webhook/invoke.js';
import type { Side } from '../../webhook/request.js';
import { stageContextFor, type AppStack } from '../../webhook/workload-stack.js';
import { VERIFY_MESSAGES } from '../messages.js';
import type { SmokeResult } from '../smoke.js';
import { describeExpectation, judgeOutcome } from './judge.js';
import { checkProxyEvent, describeCheckRequest } from './proxy-event.js';
import { matchRoute } from './routes.js';
import type { RequestSigner } from './signing.js';

export interface UserChecksDeps {
  readonly stack: AppStack;
  readonly region: string;
  readonly checks: readonly CheckSpec[];
  /** The API's route templates (`/orders/{id}`); empty: each path is its own resource. */
  readonly routes: readonly string[];
  /** Defaults to ctx.aws.lambda. */
  readonly lambda?: LambdaClient;
  /** Monotonic milliseconds; performance.now() by default. */
  readonly now?: () => number;
  /** The checks file's `signing`: each check signed as it is sent, unless it says `signed: false`. */
  readonly sign?: RequestSigner;
}

export async function runUserChecks(ctx: PipelineContext, deps: UserChecksDeps): Promise<SmokeResult> {
  const checks: SmokeCheck[] = [];
  for (const side of ['lmi', 'standard'] as const) {
    const target = sideTarget(deps.stack, side);
    const sideChecks: SmokeCheck[] = [];
    for (const check of deps.checks) sideChecks.push(await runCheck(ctx, deps, side, target, check));
    checks.push(...sideChecks);
    const passed = sideChecks.filter((c) => c.passed).length;
    ctx.progress.emit(
      VERIFY_MESSAGES.smokeSide,
      `${side === 'lmi' ? 'LMI version' : 'Standard twin'} ${targetLabel(target)}: ` +
        `${passed}/${sideChecks.length} smoke checks passed`,
    );
  }
  return { checks, passed: checks.every((c) => c.passed) };
}

/** Both candidates by number: the twin's is StandardVersion when the stack declares it, else its live alias. */
function sideTarget(stack: AppStack, side: Side): InvokeTarget {
  return side === 'lmi' ? stack.lmi : stack.standard;
}

async function runCheck(
  ctx: PipelineContext,
  deps: UserChecksDeps,
  side: Side,
  target: InvokeTarget,
  check: CheckSpec,
): Promise<SmokeCheck> {
  const now = deps.now ?? (() => performance.now());
  const request = deps.sign && check.signed !== false ? deps.sign(check.request, 'smoke') : check.request;
  const event = checkProxyEvent(
    request,
    stageContextFor(deps.stack, side, deps.region),
    matchRoute(deps.routes, check.request.path),
  );
  const started = now();
  const outcome = await invokeProxyEvent(deps.lambda ?? ctx.aws.lambda, target, event, { now });
  const problems = judgeOutcome(check.expect, outcome);
  return {
    name: check.name,
    target: side,
    version: target.qualifier,
    request: describeCheckRequest(check.request),
    expected: describeExpectation(check.expect),
    actual: problems.length > 0 ? problems.join('; ') : describeOutcome(outcome),
    passed: problems.length === 0,
    durationMs: Math.round(now() - started),
  };
}
