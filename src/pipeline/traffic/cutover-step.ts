// One canary step's bake: probe the stage at a steady rate for bake-seconds, split the answers
// by the compute type that served them, and judge the LMI side against the gates. The observed
// split must match the step's percentage within a binomial tolerance:
//
//   tolerance = max(minimum points, 4 × sqrt(p × (1 − p) / n) × 100)
//
// with p the step's fraction and n the probes whose answer named a compute type — four
// standard deviations of the share a fair p-coin shows in n tosses. API Gateway routes each
// request to the canary at random, so a tighter band (3σ failed a correct canary ~0.3–0.6 % of
// the time) would roll back healthy cutovers now and then; a misrouted canary (none, or all)
// still falls far outside. Never tighter than the minimum (5 points by default), which also
// absorbs the seconds a stage change takes to reach every API Gateway node.
import type { CutoverStep, GateResult, SideFigures } from '../../core/domain.js';
import type { AlarmCheck } from './alarms.js';
import type { PipelineContext } from '../context.js';
import { formatDuration } from '../../core/format.js';
import { runProbes, type ProbeSample, type Prober } from './probe.js';
import { summarizeLatencies } from '../../core/stats.js';
import { TRAFFIC_MESSAGES } from './messages.js';

/** Standard deviations of a binomial share the observed split may stray. */
const SPLIT_SIGMAS = 4;

interface StepLimits {
  /** Fraction 0..1 of LMI answers that may fail. */
  readonly maxErrorRate: number;
  readonly maxP95Ms: number;
  /** CloudWatch alarms that must not be in ALARM at the end of the bake; empty: no alarm gate. */
  readonly alarmNames: readonly string[];
  /** The smallest split tolerance, in points (FIXED.minTolerancePoints unless the settings say otherwise). */
  readonly minTolerancePoints: number;
}

interface SampleFigures {
  readonly lmi: SideFigures;
  readonly standard: SideFigures;
  /** Answers that named no compute type (a gateway error, no answer at all). */
  readonly unattributed: number;
  /** Failed answers not on the LMI side: standard-side or unattributed. */
  readonly failedOutsideLmi: readonly ProbeSample[];
  /** LMI answers / answers that named a compute type, in percent; 0 when none did. */
  readonly observedLmiPercent: number;
  readonly attributed: number;
}

function side(samples: readonly ProbeSample[]): SideFigures {
  return {
    count: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    latency: summarizeLatencies(samples.map((s) => s.latencyMs)),
  };
}

function summarizeSamples(samples: readonly ProbeSample[]): SampleFigures {
  const lmi = samples.filter((s) => s.computeType === 'lambda-managed-instances');
  const standard = samples.filter((s) => s.computeType === 'lambda-standard');
  const other = samples.filter((s) => s.computeType === undefined);
  const attributed = lmi.length + standard.length;
  return {
    lmi: side(lmi),
    standard: side(standard),
    unattributed: other.length,
    failedOutsideLmi: [...standard, ...other].filter((s) => !s.ok),
    observedLmiPercent: attributed === 0 ? 0 : round2((lmi.length / attributed) * 100),
    attributed,
  };
}

/** Points (0..100) the observed LMI share may differ from `expectedPercent` with n answers. */
function splitTolerancePercent(expectedPercent: number, n: number, minPoints: number): number {
  const p = Math.min(1, Math.max(0, expectedPercent / 100));
  const band = n > 0 ? SPLIT_SIGMAS * Math.sqrt((p * (1 - p)) / n) * 100 : 100;
  return round2(Math.max(minPoints, band));
}

interface StepVerdict {
  readonly gates: GateResult[];
  readonly passed: boolean;
  /** Every reason the step failed, in one sentence each; empty when it passed. */
  readonly reasons: string[];
  readonly tolerancePercent: number;
}

function judgeStep(
  percent: number,
  figures: SampleFigures,
  limits: StepLimits,
  inAlarm: readonly string[] | undefined,
): StepVerdict {
  const { lmi } = figures;
  const reasons: string[] = [];
  const errorRate = lmi.count > 0 ? lmi.errors / lmi.count : 0;
  const errorGate: GateResult = {
    name: 'max-error-rate',
    limit: limits.maxErrorRate,
    actual: lmi.count > 0 ? round4(errorRate) : 'no LMI answers',
    passed: lmi.count > 0 && errorRate <= limits.maxErrorRate,
  };
  if (lmi.count === 0) reasons.push('no probe was answered by the LMI alias');
  else if (!errorGate.passed) {
    reasons.push(
      `LMI error rate ${pct(errorRate)} (${lmi.errors} of ${lmi.count}) is above max-error-rate ${pct(limits.maxErrorRate)}`,
    );
  }
  const p95Gate: GateResult = {
    name: 'max-p95-ms',
    limit: limits.maxP95Ms,
    actual: lmi.latency.p95,
    passed: lmi.count > 0 && lmi.latency.p95 <= limits.maxP95Ms,
  };
  if (lmi.count > 0 && !p95Gate.passed) {
    reasons.push(`LMI p95 ${lmi.latency.p95} ms is above max-p95-ms ${limits.maxP95Ms} ms`);
  }
  const tolerancePercent = splitTolerancePercent(percent, figures.attributed, limits.minTolerancePoints);
  const off = round2(Math.abs(figures.observedLmiPercent - percent));
  const splitGate: GateResult = {
    name: 'split-tolerance',
    limit: tolerancePercent,
    actual: figures.attributed > 0 ? off : 'no answer named its compute type',
    passed: figures.attributed > 0 && off <= tolerancePercent,
  };
  if (!splitGate.passed) {
    reasons.push(
      figures.attributed > 0
        ? `observed LMI share ${figures.observedLmiPercent} % of ${figures.attributed} answers is outside ${percent} % ± ${tolerancePercent}`
        : 'no answer named the compute type that served it, so the split is unknown',
    );
  }
  const gates = [errorGate, p95Gate, splitGate];
  if (inAlarm !== undefined) {
    gates.push({
      name: 'alarms',
      limit: `none of ${limits.alarmNames.join(', ')} in ALARM`,
      actual: inAlarm.length > 0 ? inAlarm.join(', ') : 'none in ALARM',
      passed: inAlarm.length === 0,
    });
    if (inAlarm.length > 0)
      reasons.push(`CloudWatch alarm${inAlarm.length === 1 ? '' : 's'} in ALARM: ${inAlarm.join(', ')}`);
  }
  if (figures.failedOutsideLmi.length > 0) {
    reasons.push(
      `${figures.failedOutsideLmi.length} probe${figures.failedOutsideLmi.length === 1 ? '' : 's'} not served by the LMI alias failed (${failureKinds(figures.failedOutsideLmi)})`,
    );
  }
  return { gates, passed: reasons.length === 0, reasons, tolerancePercent };
}

function failureKinds(samples: readonly ProbeSample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) {
    const key = s.status === 0 ? `no answer${s.error ? `: ${s.error}` : ''}` : `${s.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
}

export interface BakeDeps {
  readonly probe: Prober;
  readonly alarmCheck?: AlarmCheck;
}

export interface BakeOptions {
  readonly percent: number;
  readonly bakeSeconds: number;
  readonly probeRate: number;
  readonly limits: StepLimits;
  readonly signal?: AbortSignal;
}

/**
 * Bakes one step. Stops early — the step has already failed — once a probe outside the LMI side
 * fails, or once the LMI errors exceed what max-error-rate allows even if every planned probe
 * reached LMI and succeeded.
 */
export async function bakeStep(
  ctx: PipelineContext,
  deps: BakeDeps,
  options: BakeOptions,
): Promise<CutoverStep> {
  const { percent, limits } = options;
  const startedAt = new Date(ctx.clock.now()).toISOString();
  const plannedTotal = Math.max(1, Math.round(options.probeRate * options.bakeSeconds));
  let lmiErrors = 0;
  const run = await runProbes(ctx, deps.probe, {
    ratePerSecond: options.probeRate,
    durationMs: options.bakeSeconds * 1000,
    signal: options.signal,
    stopWhen: (samples) => {
      const s = samples[samples.length - 1]!;
      if (s.ok) return false;
      if (s.computeType !== 'lambda-managed-instances') return true;
      lmiErrors++;
      return lmiErrors > limits.maxErrorRate * plannedTotal;
    },
  });
  const inAlarm =
    limits.alarmNames.length > 0 && deps.alarmCheck ? await deps.alarmCheck(limits.alarmNames) : undefined;
  const figures = summarizeSamples(run.samples);
  const verdict = judgeStep(percent, figures, limits, inAlarm);
  const reasons = [...verdict.reasons];
  if (run.stoppedEarly) reasons.push(`the bake stopped early after ${formatDuration(run.elapsedMs)}`);
  const step: CutoverStep = {
    percent,
    startedAt,
    bakeSeconds: Math.round(run.elapsedMs / 100) / 10,
    probes: run.samples.length,
    lmi: figures.lmi,
    standard: figures.standard,
    observedLmiPercent: figures.observedLmiPercent,
    tolerancePercent: verdict.tolerancePercent,
    gates: verdict.gates,
    passed: verdict.passed,
    ...(verdict.passed ? {} : { reason: reasons.join('; ') }),
  };
  ctx.progress.emit(TRAFFIC_MESSAGES.stepBaked, describeStep(step));
  return step;
}

/** `canary 10 %: 600 probes in 2m00s, LMI 61 (10.2 % ± 5), LMI p95 212 ms, 0 errors — passed` */
export function describeStep(s: CutoverStep): string {
  return (
    `canary ${s.percent} %: ${s.probes} probes in ${formatDuration(s.bakeSeconds * 1000)}, ` +
    `LMI ${s.lmi.count} (${s.observedLmiPercent} % ± ${s.tolerancePercent}), LMI p95 ${s.lmi.latency.p95} ms, ` +
    `${s.lmi.errors} LMI error${s.lmi.errors === 1 ? '' : 's'}, twin p95 ${s.standard.latency.p95} ms — ` +
    (s.passed ? 'passed' : `FAILED: ${s.reason ?? 'gates'}`)
  );
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;
const pct = (fraction: number) => `${round2(fraction * 100)} %`;
