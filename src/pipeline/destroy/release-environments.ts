// Before the stack goes: every published LMI version of its functions is scaled to 0/0 and
// waited out until Deactivated, so the instances are released even when the deletion then fails
// (a DELETE_FAILED stack would otherwise keep three instances per retained version running), and
// CloudFormation deletes functions with no execution environment left to stop.
import { getFunctionConfiguration, putFunctionScalingConfig } from '../../aws/lambda.js';
import { deniedAction } from '../../core/access.js';
import { errorMessage, errorName, isAccessDeniedError, isNotFoundError } from '../../core/aws-errors.js';
import { CutoverError } from '../../core/errors.js';
import { formatDuration } from '../../core/format.js';
import { poll, type PollTiming } from '../../core/poll.js';
import type { PipelineContext } from '../context.js';
import { DESTROY_MESSAGES } from './messages.js';
import type { StackFunction } from './stack-inventory.js';

/** Settled: no environment runs (Failed never had any; Inactive is a standard function's idle). */
const RELEASED_STATES = new Set(['Deactivated', 'Failed', 'Inactive']);

export interface ReleasedEnvironments {
  /** `function:version` of every version scaled to 0/0 and seen Deactivated. */
  readonly released: readonly string[];
  /** Versions that could not be scaled down, with why; the deletion removes them anyway. */
  readonly skipped: readonly { readonly version: string; readonly reason: string }[];
}

export async function releaseLmiEnvironments(
  ctx: PipelineContext,
  functions: readonly StackFunction[],
  wait: { readonly deadline: number; readonly timing: PollTiming; readonly timeoutMinutes: number },
): Promise<ReleasedEnvironments> {
  const scaled: { fn: string; version: string }[] = [];
  const skipped: { version: string; reason: string }[] = [];
  scaling: for (const fn of functions.filter((f) => f.lmi && f.exists)) {
    for (const v of fn.versions) {
      const label = `${fn.name}:${v.version}`;
      if (v.state !== undefined && RELEASED_STATES.has(v.state)) continue;
      try {
        await putFunctionScalingConfig(ctx.aws.lambda, fn.name, v.version, { min: 0, max: 0 });
        scaled.push({ fn: fn.name, version: v.version });
        ctx.progress.emit(
          DESTROY_MESSAGES.scaledToZero,
          `Scaled ${label} to 0/0 (was ${v.state ?? 'in an unknown state'}).`,
        );
      } catch (e) {
        if (isNotFoundError(e)) continue;
        const reason =
          errorName(e) === 'ResourceConflictException'
            ? errorMessage(e)
            : isAccessDeniedError(e)
              ? `AWS denied ${deniedAction(e, 'lambda:PutFunctionScalingConfig')}`
              : errorMessage(e);
        skipped.push({ version: label, reason });
        ctx.progress.emit(
          DESTROY_MESSAGES.scaleDownSkipped,
          `Could not scale ${label} to 0/0 first (${reason}); deleting the stack removes it with its function.`,
        );
        // The same denial would answer every other version.
        if (isAccessDeniedError(e)) break scaling;
      }
    }
  }
  if (scaled.length === 0) return { released: [], skipped };
  const pending = new Set(scaled.map((s) => `${s.fn}:${s.version}`));
  const started = ctx.clock.now();
  await poll<void>(
    ctx,
    {
      timing: wait.timing,
      deadline: wait.deadline,
      what: 'GetFunctionConfiguration of the scaled-down LMI versions',
      heartbeatMessage: DESTROY_MESSAGES.waiting,
      heartbeat: (elapsed) =>
        `still waiting: ${pending.size} LMI version(s) deactivating (${[...pending].slice(0, 5).join(', ')}), ${formatDuration(elapsed)} elapsed`,
      onTimeout: () => {
        throw new CutoverError(
          'DESTROY_TIMEOUT',
          `${pending.size} LMI version(s) are still deactivating after ${wait.timeoutMinutes} minutes (--timeout-minutes): ${[...pending].join(', ')}. ` +
            'Nothing was deleted yet; run destroy again once they are Deactivated (lmi-cutover status shows their state).',
        );
      },
    },
    async () => {
      for (const s of scaled) {
        const label = `${s.fn}:${s.version}`;
        if (!pending.has(label)) continue;
        try {
          const c = await getFunctionConfiguration(ctx.aws.lambda, s.fn, s.version);
          if (c.State && RELEASED_STATES.has(c.State)) pending.delete(label);
        } catch (e) {
          if (!isNotFoundError(e)) throw e;
          pending.delete(label);
        }
      }
      return pending.size === 0 ? { done: true, value: undefined } : { done: false };
    },
  );
  ctx.progress.emit(
    DESTROY_MESSAGES.environmentsReleased,
    `Released the execution environments of ${scaled.length} LMI version(s) in ${formatDuration(ctx.clock.now() - started)}: ` +
      `${scaled.map((s) => `${s.fn}:${s.version}`).join(', ')} are Deactivated.`,
  );
  return { released: scaled.map((s) => `${s.fn}:${s.version}`), skipped };
}
