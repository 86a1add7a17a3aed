// The progress lines the modes themselves emit (the stages have their own registries), each
// with a stable code: scripts and tests match codes, not sentences.
import { message } from '../../core/progress.js';

export const MODE_MESSAGES = {
  routeBeforeCutover: message(
    'mode.route-before-cutover',
    'info',
    'Mode cutover read the route it starts from.',
  ),
  alreadyStandard: message(
    'mode.rollback-already-standard',
    'info',
    'Mode rollback found all traffic on the standard twin: nothing to do.',
  ),
  failedVersionLive: message(
    'mode.failed-version-live',
    'warn',
    'Mode full: the deploy put a new LMI version live and its verification failed; production goes back to the twin.',
  ),
  moveOffFailedVersionFailed: message(
    'mode.move-off-failed-version-failed',
    'error',
    'Mode full could not move production off the failed LMI version.',
  ),
} as const;
