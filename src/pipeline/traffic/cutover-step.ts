// One canary step's bake: probe the stage at a steady rate for bake-seconds, split the answers
// by the version that served them (candidate or production), and judge the candidate against
// the gates. An answer from any other version is a misroute and fails the step. The observed
// split must match the step's percentage within a binomial tolerance:
//
//   tolerance = max(minimum points, 4 × sqrt(p × (1 − p) / n) × 100)
//
// with p the step's fraction and n the probes answered by one of the two versions — four
// standard deviations of the share a fair p-coin shows in n tosses. API Gateway routes each
// request to the canary at random, so a tighter band (3σ failed a correct canary ~0.3–0.6 % of
// the time) would roll back healthy cutovers now and then; a misrouted canary (none, or all)
// still falls far outside. Never tighter than the minimum (5 points by default), which also
// absorbs the seconds a stage change takes to reach every API Gateway node.
//
// Errors are judged by a stated test against production's answers (error-test.ts). A failed
// answer no version can be named for (no answer, a gateway error) is charged to the candidate;
// an answer from a third version is a misroute and fails the step at once.
import {
  type CutoverStep,
  type GateResult,
  type SideFigures,
  type StepErrorTest,
  type VersionRef,
} from '../../core/domain.js';
import type { AlarmCheck } from './alarms.js';
import { alarmPollMs, watchAlarms, type AlarmWatch } from './alarm-watch.js';
import type { PipelineContext } from '../context.js';
import { formatDuration } from '../../core/format.js';
import { runProbes, servedBy, type ProbeSample, type Prober } from './probe.js';
import { summarizeLatencies } from '../../core/stats.js';
import { TRAFFIC_MESSAGES } from './messages.js';
import {
  binomialUpperP,
  errorTestRecord,
  fmtP,
  judgeErrors,
  minimumSample,
  type ErrorCount,
} from './error-test.js';
import { describeBakeHeartbeat, heartbeatEveryMs } from './heartbeat.js';

/** Standard deviations of a binomial share the observed split may stray. */
const SPLIT_SIGMAS = 4;

export interface StepLimits {
  /** Fraction 0..1 of the candidate's answers that may fail. */
  readonly maxErrorRate: number;
  readonly maxP95Ms: number;
  /** CloudWatch alarms that must not be in ALARM during the bake (polled throughout); empty: no alarm gate. */
  readonly alarmNames: readonly string[];
  /** The smallest split tolerance, in points (FIXED.minTolerancePoints unless the settings say otherwise). */
  readonly minTolerancePoints: number;
}

interface SampleFigures {
  readonly candidate: SideFigures;
  readonly production: SideFigures;
  /** Answers from neither version: a gateway error, no answer, or another version (a misroute). */
  readonly unattributed: number;
  /** Answers from a version that is neither the candidate nor production. */
  readonly misrouted: number;
  readonly misroutes: readonly ProbeSample[];
  /** Failed answers that name no version (no answer, a gateway error): charged to the candidate. */
  readonly unattributedFailures: readonly ProbeSample[];
  /** Candidate answers / answers from either version, in percent; 0 when none. */
  readonly observedCandidatePercent: number;
  readonly attributed: number;
  /** The candidate's answers' latencies, for the p95 test. */
  readonly candidateLatencies: readonly number[];
}

/** The two versions a canary step splits traffic between. */
export interface StepVersions {
  readonly candidate: VersionRef;
  readonly production: VersionRef;
}

function side(samples: readonly ProbeSample[]): SideFigures {
  return {
    count: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    latency: summarizeLatencies(samples.map((s) => s.latencyMs)),
  };
}

function summarizeSamples(samples: readonly ProbeSample[], versions: StepVersions): SampleFigures {
  const candidate = samples.filter((s) => servedBy(s, versions.candidate));
  const production = samples.filter((s) => servedBy(s, versions.production));
  const other = samples.filter((s) => !servedBy(s, versions.candidate) && !servedBy(s, versions.production));
  const attributed = candidate.length + production.length;
  return {
    candidate: side(candidate),
    production: side(production),
    unattributed: other.length,
    misrouted: other.filter((s) => s.functionVersion !== undefined).length,
    misroutes: other.filter((s) => s.functionVersion !== undefined),
    unattributedFailures: other.filter((s) => s.functionVersion === undefined && !s.ok),
    observedCandidatePercent: attributed === 0 ? 0 : round2((candidate.length / attributed) * 100),
    attributed,
    candidateLatencies: candidate.map((s) => s.latencyMs),
  };
}

/**
 * Whether the candidate's p95 is above the limit, decided as the error test decides: a p95 of a
 * few probes is their slowest one, so one slow answer must not roll back a release. The count of
 * answers over the limit is tested against the 5 % a p95 at the limit allows (exact binomial,
 * one-sided, α 0.01); an observed p95 above the limit that this cannot tell from chance passes,
 * and the gate says so.
 */
export function judgeP95(
  latencies: readonly number[],
  observedP95: number,
  limitMs: number,
): { passed: boolean; reason?: string; note?: string } {
  const over = latencies.filter((l) => l > limitMs).length;
  // The histogram's p95 can sit a hair above an answer at the limit: none over is a pass.
  if (observedP95 <= limitMs || over === 0) return { passed: true };
  const p = binomialUpperP(over, latencies.length, P95_SHARE_ALLOWED);
  const counts = `${over} of ${latencies.length} answers over the limit, p = ${fmtP(p)}`;
  if (p <= P95_ALPHA)
    return {
      passed: false,
      reason: `candidate p95 ${observedP95} ms is above max-p95-ms ${limitMs} ms: ${counts} ≤ ${P95_ALPHA} (more than the 5 % a p95 at the limit allows)`,
    };
  return { passed: true, note: `above the limit by chance: ${counts}` };
}

const P95_SHARE_ALLOWED = 0.05;
const P95_ALPHA = 0.01;

/** Points (0..100) the observed LMI share may differ from `expectedPercent` with n answers. */
export function splitTolerancePercent(expectedPercent: number, n: number, minPoints: number): number {
  const p = Math.min(1, Math.max(0, expectedPercent / 100));
  const band = n > 0 ? SPLIT_SIGMAS * Math.sqrt((p * (1 - p)) / n) * 100 : 100;
  return round2(Math.max(minPoints, band));
}

interface StepVerdict {
  readonly errorTest: StepErrorTest;
  readonly gates: GateResult[];
  readonly passed: boolean;
  /** Every reason the step failed, in one sentence each; empty when it passed. */
  readonly reasons: string[];
  readonly tolerancePercent: number;
}

/** What the candidate's errors are judged against: production's earlier answers in this run, and the sample the test needs. */
interface ErrorBaseline {
  /** Production's answers in this run's earlier steps (same production version). */
  readonly earlier: ErrorCount;
  readonly minimumSample: number;
}

/** The candidate's side of the error test: its own answers plus the failures no version can be named for. */
function candidateErrors(figures: SampleFigures): ErrorCount {
  const charged = figures.unattributedFailures.length;
  return { errors: figures.candidate.errors + charged, count: figures.candidate.count + charged };
}

/** The test's counts straight from the samples (no latency summary): cheap enough for every failure. */
function errorCounts(
  samples: readonly ProbeSample[],
  versions: StepVersions,
): { candidate: ErrorCount; production: ErrorCount } {
  const candidate = { errors: 0, count: 0 };
  const production = { errors: 0, count: 0 };
  for (const s of samples) {
    const side = servedBy(s, versions.candidate)
      ? candidate
      : servedBy(s, versions.production)
        ? production
        : s.functionVersion === undefined && !s.ok
          ? candidate
          : undefined;
    if (!side) continue;
    side.count++;
    if (!s.ok) side.errors++;
  }
  return { candidate, production };
}

/** Production's side: this step's answers and the earlier steps'. */
function productionErrors(figures: SampleFigures, baseline: ErrorBaseline): ErrorCount {
  return {
    errors: figures.production.errors + baseline.earlier.errors,
    count: figures.production.count + baseline.earlier.count,
  };
}

function judgeStep(
  percent: number,
  figures: SampleFigures,
  limits: StepLimits,
  inAlarm: readonly string[] | undefined,
  baseline: ErrorBaseline,
): StepVerdict {
  const { candidate: lmi } = figures;
  const reasons: string[] = [];
  const test = {
    candidate: candidateErrors(figures),
    baseline: productionErrors(figures, baseline),
    maxErrorRate: limits.maxErrorRate,
    minimumSample: baseline.minimumSample,
  };
  const errors = judgeErrors(test);
  const errorTest = errorTestRecord(test, errors);
  const rate = test.candidate.count > 0 ? test.candidate.errors / test.candidate.count : 0;
  const errorGate: GateResult = {
    name: 'max-error-rate',
    limit: limits.maxErrorRate,
    actual: lmi.count > 0 ? round4(rate) : 'no candidate answers',
    passed: lmi.count > 0 && errors.passed,
  };
  if (lmi.count === 0) reasons.push('no probe was answered by the candidate');
  else if (!errors.passed) reasons.push(errors.reason!);
  const p95 = judgeP95(figures.candidateLatencies, lmi.latency.p95, limits.maxP95Ms);
  const p95Gate: GateResult = {
    name: 'max-p95-ms',
    limit: limits.maxP95Ms,
    actual: p95.note ? `${lmi.latency.p95} (${p95.note})` : lmi.latency.p95,
    passed: lmi.count > 0 && p95.passed,
  };
  if (lmi.count > 0 && !p95.passed) reasons.push(p95.reason!);
  const tolerancePercent = splitTolerancePercent(percent, figures.attributed, limits.minTolerancePoints);
  const off = round2(Math.abs(figures.observedCandidatePercent - percent));
  const splitGate: GateResult = {
    name: 'split-tolerance',
    limit: tolerancePercent,
    actual: figures.attributed > 0 ? off : 'no answer came from either version',
    passed: figures.attributed > 0 && off <= tolerancePercent,
  };
  if (!splitGate.passed) {
    reasons.push(
      figures.attributed > 0
        ? `observed candidate share ${figures.observedCandidatePercent} % of ${figures.attributed} answers is outside ${percent} % ± ${tolerancePercent}`
        : 'no answer came from the candidate or the production version, so the split is unknown',
    );
  }
  const gates = [errorGate, p95Gate, splitGate];
  if (inAlarm !== undefined) judgeAlarms(limits.alarmNames, inAlarm, gates, reasons);
  if (figures.misrouted > 0) {
    reasons.push(
      `${figures.misrouted} probe${figures.misrouted === 1 ? '' : 's'} reached a version that is neither the candidate nor production (${failureKinds(figures.misroutes)})`,
    );
  }
  if (figures.unattributedFailures.length > 0 && !errors.passed) {
    reasons.push(
      `${figures.unattributedFailures.length} failed probe${figures.unattributedFailures.length === 1 ? '' : 's'} named no version and counted against the candidate (${failureKinds(figures.unattributedFailures)})`,
    );
  }
  return { errorTest, gates, passed: reasons.length === 0, reasons, tolerancePercent };
}

/** The alarm gate: passed unless one of the names was in ALARM during the bake. */
export function judgeAlarms(
  names: readonly string[],
  inAlarm: readonly string[],
  gates: GateResult[],
  reasons: string[],
): void {
  gates.push({
    name: 'alarms',
    limit: `none of ${names.join(', ')} in ALARM`,
    actual: inAlarm.length > 0 ? inAlarm.join(', ') : 'none in ALARM',
    passed: inAlarm.length === 0,
  });
  if (inAlarm.length > 0)
    reasons.push(`CloudWatch alarm${inAlarm.length === 1 ? '' : 's'} in ALARM: ${inAlarm.join(', ')}`);
}

function failureKinds(samples: readonly ProbeSample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) {
    const key =
      s.status === 0
        ? `no answer${s.error ? `: ${s.error}` : ''}`
        : s.ok
          ? `answered by version ${s.functionVersion ?? '?'}`
          : `${s.status}`;
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
  /** Production's answers in this run's earlier steps; none before the first step. */
  readonly earlierProduction?: ErrorCount;
  readonly versions: StepVersions;
  readonly bakeSeconds: number;
  readonly probeRate: number;
  readonly limits: StepLimits;
  readonly signal?: AbortSignal;
  /** Names the step in its heartbeat lines (`step 1/3`). */
  readonly label?: string;
  /** Most time between heartbeat lines; HEARTBEAT_INTERVAL_MS by default. */
  readonly heartbeatMs?: number;
}

/**
 * Bakes one step. Stops early — the step has already failed — once a probe reaches a third
 * version, an alarm fires, or the candidate's errors cross the early-stop boundary of the test.
 */
export async function bakeStep(
  ctx: PipelineContext,
  deps: BakeDeps,
  options: BakeOptions,
): Promise<CutoverStep> {
  const { percent, limits, versions } = options;
  const startedAt = new Date(ctx.clock.now()).toISOString();
  const baseline: ErrorBaseline = {
    earlier: options.earlierProduction ?? { errors: 0, count: 0 },
    minimumSample: stepMinimumSample(options),
  };
  const alarms = startAlarmWatch(ctx, deps, limits, options);
  let run;
  try {
    run = await runProbes(ctx, deps.probe, {
      ratePerSecond: options.probeRate,
      durationMs: options.bakeSeconds * 1000,
      signal: options.signal,
      heartbeat: {
        everyMs: heartbeatEveryMs(options.bakeSeconds * 1000, options.heartbeatMs),
        beat: (samples, elapsedMs, sent) =>
          ctx.progress.emit(
            TRAFFIC_MESSAGES.stepHeartbeat,
            describeBakeHeartbeat({
              percent,
              label: options.label,
              elapsedMs,
              totalMs: options.bakeSeconds * 1000,
              sent,
              answered: samples.length,
              ...sidesSoFar(samples, versions),
            }),
          ),
      },
      stopWhen: (samples) => {
        if (alarms?.tripped()) return true;
        const s = samples[samples.length - 1]!;
        if (
          s.functionVersion !== undefined &&
          !servedBy(s, versions.candidate) &&
          !servedBy(s, versions.production)
        )
          return true; // a misroute
        if (s.ok || servedBy(s, versions.production)) return false;
        // The candidate (or an unnamed version) failed: stop once the early-stop boundary is crossed.
        const counts = errorCounts(samples, versions);
        return !judgeErrors({
          candidate: counts.candidate,
          baseline: {
            errors: counts.production.errors + baseline.earlier.errors,
            count: counts.production.count + baseline.earlier.count,
          },
          maxErrorRate: limits.maxErrorRate,
          minimumSample: baseline.minimumSample,
          interim: true,
        }).passed;
      },
    });
  } catch (e) {
    await alarms?.finish().catch(() => undefined);
    throw e;
  }
  const inAlarm = alarms ? (await alarms.finish()).inAlarm : undefined;
  const figures = summarizeSamples(run.samples, versions);
  const verdict = judgeStep(percent, figures, limits, inAlarm, baseline);
  const reasons = [...verdict.reasons];
  if (run.stoppedEarly) reasons.push(`the bake stopped early after ${formatDuration(run.elapsedMs)}`);
  const step: CutoverStep = {
    percent,
    startedAt,
    bakeSeconds: Math.round(run.elapsedMs / 100) / 10,
    probes: run.samples.length,
    candidate: figures.candidate,
    production: figures.production,
    observedCandidatePercent: figures.observedCandidatePercent,
    tolerancePercent: verdict.tolerancePercent,
    errorTest: verdict.errorTest,
    gates: verdict.gates,
    passed: verdict.passed,
    ...(verdict.passed ? {} : { reason: reasons.join('; ') }),
  };
  ctx.progress.emit(TRAFFIC_MESSAGES.stepBaked, describeStep(step));
  return step;
}

/** The heartbeat's figures: the same split the step is judged on, read before its end. */
function sidesSoFar(samples: readonly ProbeSample[], versions: StepVersions) {
  const f = summarizeSamples(samples, versions);
  const soFar = (s: SideFigures) => ({
    count: s.count,
    errors: s.errors,
    p95Ms: s.count > 0 ? s.latency.p95 : undefined,
  });
  return { candidate: soFar(f.candidate), production: soFar(f.production), unattributed: f.unattributed };
}

/** `canary 10 %: 600 probes in 2m00s, candidate 61 (10.2 % ± 5), candidate p95 212 ms, 0 errors — passed` */
export function describeStep(s: CutoverStep): string {
  return (
    `canary ${s.percent} %: ${s.probes} probes in ${formatDuration(s.bakeSeconds * 1000)}, ` +
    `candidate ${s.candidate.count} (${s.observedCandidatePercent} % ± ${s.tolerancePercent}), candidate p95 ${s.candidate.latency.p95} ms, ` +
    `${s.candidate.errors} candidate error${s.candidate.errors === 1 ? '' : 's'}, production p95 ${s.production.latency.p95} ms — ` +
    (s.passed ? 'passed' : `FAILED: ${s.reason ?? 'gates'}`)
  );
}

/** The alarm gate polled through the bake; undefined without alarms. */
export function startAlarmWatch(
  ctx: PipelineContext,
  deps: BakeDeps,
  limits: Pick<StepLimits, 'alarmNames'>,
  options: { bakeSeconds: number; signal?: AbortSignal },
): AlarmWatch | undefined {
  if (limits.alarmNames.length === 0 || !deps.alarmCheck) return undefined;
  return watchAlarms(ctx, deps.alarmCheck, limits.alarmNames, {
    pollMs: alarmPollMs(options.bakeSeconds * 1000),
    signal: options.signal,
  });
}

/**
 * The minimum sample for this step's planned split: the candidate's planned share of the answers
 * the test compares (this step's, plus production's earlier ones).
 */
export function stepMinimumSample(
  options: Pick<BakeOptions, 'percent' | 'probeRate' | 'bakeSeconds' | 'earlierProduction'> & {
    readonly limits: Pick<StepLimits, 'maxErrorRate'>;
  },
): number {
  const planned = options.probeRate * options.bakeSeconds;
  const candidate = (planned * options.percent) / 100;
  const production = planned - candidate + (options.earlierProduction?.count ?? 0);
  return minimumSample(candidate / Math.max(1, candidate + production), options.limits.maxErrorRate);
}

/** The candidate answers a step is planned to get: probe-rate × bake-seconds × its share. */
export const plannedCandidateAnswers = (
  o: Pick<BakeOptions, 'percent' | 'probeRate' | 'bakeSeconds'>,
): number => Math.floor((o.probeRate * o.bakeSeconds * o.percent) / 100);

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;
