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
    'A checks file without `load:` drives verify: the concurrency check and the sweep did not run.',
  ),
  isolationNotApplicable: message(
    'verify.isolation-not-applicable',
    'warn',
    "A checks file's load request ran: the isolation check (events-table read-back) does not apply to it and did not run.",
  ),
  burstStarted: message(
    'verify.burst-started',
    'info',
    "A burst starts at one side (signed webhooks, or a checks file's load request): how many, and how many in flight.",
  ),
  burstProgress: message(
    'verify.burst-progress',
    'info',
    'A quarter, half and three quarters of a burst answered: the errors and throttles so far.',
  ),
  burstFigures: message(
    'verify.burst-figures',
    'info',
    'A burst ended: latency, throughput, errors, throttles, and environments and isolation where they apply.',
  ),
  baselineTwin: message(
    'verify.baseline-twin',
    'warn',
    "max-p95-ms auto: the version production serves could not be told, so the standard twin's warm latency sets the limit, and why.",
  ),
  baselineBurst: message(
    'verify.baseline-burst',
    'info',
    'max-p95-ms auto: production serves a version the concurrency check did not load, so the same burst measures it.',
  ),
  baselineLimit: message(
    'verify.baseline-limit',
    'info',
    'max-p95-ms auto: the limit, the warm p95 it comes from, and whose it is.',
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
  shardShare: message(
    'verify.shard-share',
    'info',
    "A load shard starts: which shard of how many, the check's id, and its part of the concurrency and the requests.",
  ),
  shardStartWait: message(
    'verify.shard-start-wait',
    'info',
    "A load shard is ready before the check's start (load-shard-start-at) and waits for it: how long.",
  ),
  shardStartLate: message(
    'verify.shard-start-late',
    'warn',
    "A load shard is ready after the check's start (load-shard-start-at) and sends at once: how late.",
  ),
  shardNotGated: message(
    'verify.shard-not-gated',
    'info',
    'A load shard sent its share: no gate is applied to a share; mode merge judges every shard together.',
  ),
  shardBaselineElsewhere: message(
    'verify.shard-baseline-elsewhere',
    'info',
    'max-p95-ms auto with production on an LMI version: shard 1 alone sends the light sample, so this shard sends production nothing.',
  ),
  shardsMerged: message(
    'verify.shards-merged',
    'info',
    "The merge added up the shard reports of one check: how many shards, and each side's figures.",
  ),
  shardsNotAtOnce: message(
    'verify.shards-not-at-once',
    'warn',
    "The shards' bursts did not all run at once for their whole span: for part of it fewer requests than the check's concurrency were in flight.",
  ),
} as const;
