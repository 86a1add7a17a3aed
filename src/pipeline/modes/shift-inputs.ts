// What the shift takes from the verify stage, whichever checks ran: the verified candidate,
// the prober through the stage (and the metrics judge when the answers cannot be attributed),
// and the settings it reads.
import type { Config } from '../../config/config.js';
import type { LatencyBaseline } from '../../core/domain.js';
import { CutoverError } from '../../core/errors.js';
import type { MetricsJudge } from '../traffic/cutover.js';
import type { StageProber } from '../traffic/stage-prober.js';
import type { SmokeResult } from '../verify/smoke.js';
import type { AppStack } from '../webhook/workload-stack.js';

/** The inputs the shift reads: the steps, their bake and probes, the gates, the versions to keep. */
export type ShiftSettings = Pick<
  Config,
  | 'stackName'
  | 'cutoverSteps'
  | 'bakeSeconds'
  | 'probeRate'
  | 'resume'
  | 'alarmNames'
  | 'maxErrorRate'
  | 'maxP95Ms'
  | 'keepVersions'
  | 'metricsPeriodSeconds'
  | 'metricsDelaySeconds'
>;

/** What the shift needs from the verify stage, whichever checks ran (the webhook's or a checks file's). */
export interface VerifiedCandidate {
  readonly stack: AppStack;
  readonly smoke: SmokeResult;
  /** Production's warm latency in this run's concurrency check: the base of max-p95-ms: auto. */
  readonly baseline?: LatencyBaseline;
}

/** How the canary is probed and judged: the prober through the stage, and metrics when answers cannot be attributed. */
export interface Probing {
  readonly prober: StageProber;
  readonly stageUrl: string;
  /** The signing secret's SSM parameter, saved so the post step can sign its own probes. */
  readonly secretParameter?: string;
  /** The checks file the probes come from, saved so the post step can prove its repair with it. */
  readonly checksFile?: string;
  readonly judge?: MetricsJudge;
}

/** The candidate as the shift sees it, with production's baseline when max-p95-ms was auto. */
export function verifiedCandidate(
  stack: AppStack,
  smoke: SmokeResult,
  baseline: LatencyBaseline | undefined,
): VerifiedCandidate {
  return { stack, smoke, ...(baseline ? { baseline } : {}) };
}

export function requireStageUrl(stack: AppStack, stackName: string): string {
  if (stack.api.url) return stack.api.url;
  throw new CutoverError(
    'STACK_OUTPUTS_MISSING',
    `Stack ${stackName} has no ApiUrl output, so the cutover cannot probe the stage. Add it as workload/template.yaml and \`lmi-cutover init\` do.`,
  );
}
