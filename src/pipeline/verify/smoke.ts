// Smoke checks: before any load, prove that the LMI version and the standard twin answer like
// the workload promises (workload/README.md), invoked directly with the proxy event the stage
// would send. The checks themselves are a table (smoke/checks.ts); this runs it on each side.
// Every check records the request, what was expected and what came back; any failure stops
// the pipeline before the load.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SmokeCheck } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { CutoverError } from '../../core/errors.js';
import { describeOutcome } from '../webhook/answer.js';
import { describeRequest, type Side } from '../webhook/request.js';
import type { CheckTraffic } from './check-traffic.js';
import { VERIFY_MESSAGES } from './messages.js';
import { SMOKE_CHECKS } from './smoke/checks.js';
import { smokeSide } from './smoke/side.js';

export interface SmokeDeps extends CheckTraffic {
  /** Defaults to ctx.aws.lambda. */
  readonly lambda?: LambdaClient;
}

export interface SmokeResult {
  readonly checks: SmokeCheck[];
  readonly passed: boolean;
}

export async function runSmokeChecks(ctx: PipelineContext, deps: SmokeDeps): Promise<SmokeResult> {
  const checks: SmokeCheck[] = [];
  for (const side of ['lmi', 'standard'] as const) {
    const target = side === 'lmi' ? deps.stack.lmi : deps.stack.standard;
    const sideChecks = await runSide(ctx, deps, side);
    checks.push(...sideChecks);
    const failed = sideChecks.filter((c) => !c.passed).length;
    ctx.progress.emit(
      VERIFY_MESSAGES.smokeSide,
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

/** Every check of the table on one side, in order, each timed from its send to its verdict. */
async function runSide(ctx: PipelineContext, deps: SmokeDeps, side: Side): Promise<SmokeCheck[]> {
  const now = deps.now ?? (() => performance.now());
  const s = smokeSide(ctx, { ...deps, lambda: deps.lambda ?? ctx.aws.lambda, now }, side);
  const checks: SmokeCheck[] = [];
  for (const check of SMOKE_CHECKS) {
    const request = check.request(s);
    const started = now();
    const outcome = await s.send(request);
    const problem = await check.judge(s, outcome, request);
    checks.push({
      name: check.name,
      target: side,
      version: s.target.qualifier,
      request: describeRequest(request, check.note),
      expected: check.expected(s),
      actual: problem ?? describeOutcome(outcome),
      passed: problem === undefined,
      durationMs: Math.round(now() - started),
    });
  }
  return checks;
}
