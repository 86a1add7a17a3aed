// The progress lines of the verify stages (smoke, load, cost, sweep), each with a stable code:
// scripts and tests match codes, not sentences.
import { message } from '../../core/progress.js';

export const VERIFY_MESSAGES = {
  smokeSide: message(
    'verify.smoke-side',
    'info',
    'The smoke checks of one side (LMI version or standard twin) ran: how many of them passed.',
  ),
  loadNotApplicable: message(
    'verify.load-not-applicable',
    'warn',
    'A checks file drives verify: the concurrency check (signed webhooks, events-table isolation) and the sweep did not run.',
  ),
  burstStarted: message(
    'verify.burst-started',
    'info',
    'A burst of signed webhooks starts at one side: how many, and how many in flight.',
  ),
  burstProgress: message(
    'verify.burst-progress',
    'info',
    'A quarter, half and three quarters of a burst answered: the errors and throttles so far.',
  ),
  burstFigures: message(
    'verify.burst-figures',
    'info',
    'A burst ended and its events were read back: latency, throughput, errors, throttles, environments and isolation.',
  ),
  burstErrorExample: message(
    'verify.burst-error-example',
    'info',
    'One of the first three distinct errors of a burst, so a failed gate comes with its cause.',
  ),
  twinIsolationFailed: message(
    'verify.twin-isolation-failed',
    'warn',
    'The standard twin failed the isolation check too: the workload itself mixes up requests.',
  ),
  costLeftOut: message(
    'verify.cost-left-out',
    'warn',
    'The cost comparison could not be computed (informational only; the run goes on).',
  ),
  sweepLevel: message(
    'verify.sweep-level',
    'info',
    'A sweep level starts: its per-environment concurrency, requests in flight and requests.',
  ),
  sweepKnee: message(
    'verify.sweep-knee',
    'info',
    'The sweep ended and found a knee: the level and its figures.',
  ),
  sweepNoKnee: message('verify.sweep-no-knee', 'info', 'The sweep ended without a knee in the levels swept.'),
} as const;
