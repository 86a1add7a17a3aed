// The progress lines of `lmi-cutover waves gate`, each with a stable code: scripts and tests
// match codes, not sentences.
import { message } from '../../core/progress.js';

export const WAVES_MESSAGES = {
  released: message(
    'waves.released',
    'info',
    'A target of the wave before serves the LMI version its release put in production.',
  ),
  noReports: message(
    'waves.no-reports',
    'warn',
    "No reports of the wave before were given: the release is taken to be each stack's last deployed LMI version, whichever commit deployed it.",
  ),
  baking: message(
    'waves.baking',
    'info',
    'The gate bakes the wave before: probes through each stage, alarms polled.',
  ),
  refused: message(
    'waves.refused',
    'error',
    'A target of the wave before is not released and healthy: the next wave must not start.',
  ),
  passed: message(
    'waves.passed',
    'info',
    'Every target of the wave before is released and stayed healthy through the bake.',
  ),
} as const;
