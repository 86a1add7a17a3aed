// The progress lines the modes themselves emit (the stages have their own registries), each
// with a stable code: scripts and tests match codes, not sentences.
import { message } from '../../core/progress.js';

export const MODE_MESSAGES = {
  routeBeforeCutover: message(
    'mode.route-before-cutover',
    'info',
    'Mode cutover read the route it starts from.',
  ),
  verifyCleanupSkipped: message(
    'mode.verify-cleanup-skipped',
    'warn',
    'A verify passed, and the earlier LMI versions it would release (scale to 0/0, delete past keep-versions) were left as they were, with the reason.',
  ),
  noErrorBaseline: message(
    'mode.no-error-baseline',
    'warn',
    'cutover-steps starts at 100 %: no step has production answers to compare the candidate with, so its errors are judged strictly, on its own.',
  ),
  alreadyThere: message(
    'mode.rollback-already-there',
    'info',
    'Mode rollback found all traffic already on the version it would return to: nothing to do.',
  ),
  productionUntouched: message(
    'mode.production-untouched',
    'warn',
    'Mode full: the candidate failed verification; production stays on the version the deploy left untouched.',
  ),
} as const;
