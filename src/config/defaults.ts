// Every default of lmi-cutover, once. parseConfig's fallbacks, the input table behind
// action.yml and the CLI's help (a test holds action.yml to it), and the options each mode
// resolves all read this table, so a default cannot drift between them.

/** Defaults of the inputs, by Config field. */
export const DEFAULTS = {
  mode: 'deploy',
  template: 'workload/template.yaml',
  deployTimeoutMinutes: 30,
  allowFork: false,
  provisioningTimeoutMinutes: 20,
  concurrencySweep: [] as readonly number[],
  maxErrorRate: 0,
  maxP95Ms: 'auto',
  maxThrottleRate: 0,
  reportPath: 'lmi-cutover-report.json',
  shardReportPath: 'lmi-cutover-shard.json',
  comment: true,
  progressComment: true,
  monthlyInvocations: 5_000_000,
  savingsPlanDiscount: 0,
  cutoverSteps: [10, 50, 100] as readonly number[],
  bakeSeconds: 120,
  probeRate: 15,
  resume: 'rollback',
  rollbackTo: 'previous',
  alarmNames: [] as readonly string[],
  metricsPeriodSeconds: 60,
  metricsDelaySeconds: 120,
  keepVersions: 5,
  /** What every deploy acknowledged before the input existed: IAM roles (named too) and the SAM transform. */
  capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as readonly string[],
} as const;

/** Settings with no input: fixed by design, named here so the reasoning lives in one place. */
export const FIXED = {
  /** Consecutive answers from the expected side that prove a promotion or a rollback. */
  confirmSamples: 10,
  /** How long a route change may take to show in the stage's answers (API Gateway caches the stage). */
  settleSeconds: 30,
  /** The smallest split tolerance of a canary step, in percentage points. */
  minTolerancePoints: 5,
  /** A first step that expects fewer LMI answers has no meaningful error rate or p95. */
  minLmiAnswersPerStep: 5,
  maxCutoverSteps: 20,
  /**
   * After deploy-timeout-minutes cancelled an update: how long the run waits for CloudFormation
   * to roll it back before it stops watching (the rollback goes on without it).
   */
  cancelRollbackWaitMinutes: 15,
  /** A plan's change set older than this is deleted by the next plan of the same stack. */
  planChangeSetMaxAgeDays: 14,
} as const;

/**
 * `lmi-cutover destroy`, a CLI command with no input of its own in action.yml. A week of traffic
 * window: a production webhook silent for seven days is rare, a weekend's quiet is not, and a
 * refusal only costs a rerun with the override while a wrong deletion costs production.
 */
export const DESTROY_DEFAULTS = {
  trafficWindowHours: 168,
  timeoutMinutes: 30,
} as const;

/** A default as action.yml and the CLI's help print it. */
export function shownDefault(value: string | number | boolean | readonly (string | number)[]): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
