// The cutover's settings (`cutover-steps`, `bake-seconds`, `probe-rate`, `resume`, `alarm-names`
// and the verify stage's gates), their defaults, and the checks that run before any route moves.
import { CutoverError } from '../core/errors.js';
import { FIXED } from './defaults.js';

const MAX_CUTOVER_STEPS = FIXED.maxCutoverSteps;
export const MIN_LMI_ANSWERS_PER_STEP = FIXED.minLmiAnswersPerStep;

/** What to do with a canary an earlier run left: undo it first (default), or carry on from it. */
export type ResumeMode = 'rollback' | 'continue';
export const RESUME_MODES: readonly ResumeMode[] = ['rollback', 'continue'];

/** Where mode rollback sends production: the previous production version, or the twin's fallback. */
export type RollbackTarget = 'previous' | 'standard';
export const ROLLBACK_TARGETS: readonly RollbackTarget[] = ['previous', 'standard'];

export interface CutoverOptions {
  /** Canary percentages, ascending, ending at 100 (`cutover-steps`). */
  readonly steps: readonly number[];
  /** `bake-seconds` per step. */
  readonly bakeSeconds: number;
  /** `probe-rate`, probes per second. */
  readonly probeRate: number;
  readonly resume: ResumeMode;
  /** `alarm-names`: none may be in ALARM at the end of a bake. */
  readonly alarmNames: readonly string[];
  /** The verify stage's limits: fraction 0..1 and milliseconds ('auto' resolved by the caller). */
  readonly maxErrorRate: number;
  readonly maxP95Ms: number;
  readonly minTolerancePoints?: number;
  /** Consecutive answers from the expected side that prove a promotion or a rollback. */
  readonly confirmSamples?: number;
  readonly settleSeconds?: number;
}

/** Periods CloudWatch accepts: 1, 5, 10, 30 (high resolution) or a multiple of 60. */
export const isMetricPeriod = (s: number): boolean =>
  Number.isInteger(s) && (s === 1 || s === 5 || s === 10 || s === 30 || (s >= 60 && s % 60 === 0));

/** Why `steps` is not a valid cutover-steps list, or undefined when it is. */
export function checkCutoverSteps(steps: readonly number[]): string | undefined {
  if (steps.length === 0) return 'at least one step is needed';
  if (steps.length > MAX_CUTOVER_STEPS) return `at most ${MAX_CUTOVER_STEPS} steps`;
  if (steps.some((p) => !Number.isFinite(p) || p <= 0 || p > 100))
    return 'each step must be above 0 and at most 100';
  if (steps.some((p, i) => i > 0 && p <= steps[i - 1]!)) return 'steps must be strictly ascending';
  if (steps[steps.length - 1] !== 100) return 'the last step must be 100 (promotion follows it)';
  return undefined;
}

/** `10,50,100` → [10, 50, 100]; INVALID_INPUT naming the rule that is broken. */
export function parseCutoverSteps(text: string): number[] {
  const steps = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const problem = checkCutoverSteps(steps);
  if (problem) {
    throw new CutoverError(
      'INVALID_INPUT',
      `cutover-steps: "${text}" is not comma-separated canary percentages such as 10,50,100 (${problem}).`,
    );
  }
  return steps;
}

export interface ResolvedCutoverOptions {
  steps: readonly number[];
  bakeSeconds: number;
  probeRate: number;
  resume: ResumeMode;
  alarmNames: readonly string[];
  maxErrorRate: number;
  maxP95Ms: number;
  minTolerancePoints: number;
  confirmSamples: number;
  settleSeconds: number;
}

/** The fixed design constants filled in; INVALID_INPUT listing every bad setting. */
export function resolveCutoverOptions(o: CutoverOptions, hasAlarmCheck: boolean): ResolvedCutoverOptions {
  const r: ResolvedCutoverOptions = {
    steps: o.steps,
    bakeSeconds: o.bakeSeconds,
    probeRate: o.probeRate,
    resume: o.resume,
    alarmNames: o.alarmNames,
    maxErrorRate: o.maxErrorRate,
    maxP95Ms: o.maxP95Ms,
    minTolerancePoints: o.minTolerancePoints ?? FIXED.minTolerancePoints,
    confirmSamples: o.confirmSamples ?? FIXED.confirmSamples,
    settleSeconds: o.settleSeconds ?? FIXED.settleSeconds,
  };
  const issues = [
    checkCutoverSteps(r.steps) && `cutover-steps: ${checkCutoverSteps(r.steps)}`,
    !(r.bakeSeconds >= 0 && Number.isFinite(r.bakeSeconds)) && 'bake-seconds must be 0 or more',
    !(r.probeRate > 0 && Number.isFinite(r.probeRate)) && 'probe-rate must be above 0',
    !RESUME_MODES.includes(r.resume) && `resume must be one of ${RESUME_MODES.join(', ')}`,
    !(r.maxErrorRate >= 0 && r.maxErrorRate <= 1) && 'max-error-rate must be a fraction between 0 and 1',
    !(r.maxP95Ms > 0) && 'max-p95-ms must be a number of milliseconds above 0',
    r.alarmNames.length > 0 &&
      !hasAlarmCheck &&
      'alarm-names are set but no CloudWatch alarm check was wired',
    tooFewProbes(r),
  ].filter((x): x is string => typeof x === 'string');
  if (issues.length > 0)
    throw new CutoverError('INVALID_INPUT', `The cutover settings are invalid: ${issues.join('; ')}.`);
  return r;
}

function tooFewProbes(r: ResolvedCutoverOptions): string | undefined {
  const first = r.steps[0];
  if (first === undefined || !(r.probeRate > 0) || !(r.bakeSeconds >= 0)) return undefined;
  const expected = (r.probeRate * r.bakeSeconds * first) / 100;
  if (expected >= MIN_LMI_ANSWERS_PER_STEP) return undefined;
  return (
    `probe-rate ${r.probeRate}/s × bake-seconds ${r.bakeSeconds} at the first step's ${first} % expects ` +
    `${Math.round(expected * 10) / 10} LMI answers; raise them so each step expects at least ${MIN_LMI_ANSWERS_PER_STEP}`
  );
}
