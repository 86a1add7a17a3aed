// What a cutover's steps cost, said before traffic moves.
import type { Config } from '../../config/config.js';
import type { PipelineContext } from '../context.js';
import { MODE_MESSAGES } from './messages.js';

/**
 * The error test compares the candidate with production's answers of the same run: a first step
 * of 100 % leaves none, so the candidate's errors are judged on their own, strictly.
 */
export function warnIfNoErrorBaseline(
  ctx: PipelineContext,
  config: Pick<Config, 'cutoverSteps' | 'maxErrorRate'>,
): boolean {
  if (config.cutoverSteps[0] !== 100) return false;
  ctx.progress.emit(
    MODE_MESSAGES.noErrorBaseline,
    `cutover-steps ${config.cutoverSteps.join(',')} sends all traffic at once: no step has production answers to compare ` +
      `the candidate's errors with, so any error rate above max-error-rate ${config.maxErrorRate} rolls back, with no statistical test. ` +
      'Start with a smaller step (10,50,100) to compare the two side by side.',
  );
  return true;
}
