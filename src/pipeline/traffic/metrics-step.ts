// A canary step judged without the workload's help. An app that does not say which version
// answered (anything but the bundled webhook) is judged by what Lambda itself reports per
// version: Invocations, Errors, Throttles and Duration under `function:version`, over the whole
// metric periods inside the bake. Lambda's metrics reach CloudWatch a minute or two late, so
// the canary is held — still probed, alarms still polled — for `metrics-delay-seconds` after the
// bake before they are read. The probes keep the step honest meanwhile: their answers cannot be
// attributed, so every answer that misses `load.expect` is charged to the candidate (a rollback
// on doubt), and an alarm in ALARM stops the step at once. Lambda's error counts are judged by
// the same test as answers (error-test.ts), against production's counts in this run.
import type {
  CutoverStep,
  GateResult,
  StepErrorTest,
  StepMetrics,
  StepSideFigures,
} from '../../core/domain.js';
import { errorTestRecord, judgeErrors, minimumSample, type ErrorCount } from './error-test.js';
import { summarizeLatencies } from '../../core/stats.js';
import { formatDuration } from '../../core/format.js';
import type { PipelineContext } from '../context.js';
import {
  describeStep,
  judgeAlarms,
  splitTolerancePercent,
  startAlarmWatch,
  type BakeDeps,
  type BakeOptions,
  type StepLimits,
} from './cutover-step.js';
import { runProbes, type ProbeSample } from './probe.js';
import { describeMetricsHeartbeat, heartbeatEveryMs } from './heartbeat.js';
import { metricsWindow, type VersionMetrics, type VersionMetricsReader } from './version-metrics.js';
import { TRAFFIC_MESSAGES } from './messages.js';

export interface MetricsBakeDeps extends BakeDeps {
  readonly metrics: VersionMetricsReader;
}

export interface MetricsBakeOptions extends BakeOptions {
  /** CloudWatch period of the Lambda metrics: 60 on AWS (Lambda publishes per minute). */
  readonly metricsPeriodSeconds: number;
  /** How long the canary is held after the bake for its metrics to arrive. */
  readonly metricsDelaySeconds: number;
}

export async function bakeStepByMetrics(
  ctx: PipelineContext,
  deps: MetricsBakeDeps,
  options: MetricsBakeOptions,
): Promise<CutoverStep> {
  const { percent, limits, versions } = options;
  const startedMs = ctx.clock.now();
  const bakeMs = options.bakeSeconds * 1000;
  const holdMs = bakeMs + options.metricsDelaySeconds * 1000;
  // Failed answers the candidate may cause at its share of the probes planned for the bake.
  const allowed = Math.floor(limits.maxErrorRate * options.probeRate * (holdMs / 1000) * (percent / 100));
  const alarms = startAlarmWatch(ctx, deps, limits, { ...options, bakeSeconds: holdMs / 1000 });
  let run;
  try {
    run = await runProbes(ctx, deps.probe, {
      ratePerSecond: options.probeRate,
      durationMs: holdMs,
      signal: options.signal,
      heartbeat: {
        everyMs: heartbeatEveryMs(holdMs, options.heartbeatMs),
        beat: (samples, elapsedMs, sent) =>
          ctx.progress.emit(
            TRAFFIC_MESSAGES.stepHeartbeat,
            describeMetricsHeartbeat({
              percent,
              label: options.label,
              elapsedMs,
              totalMs: holdMs,
              bakeMs,
              sent,
              answered: samples.length,
              failed: failedCount(samples),
              p95Ms: samples.length > 0 ? summarizeLatencies(samples.map((s) => s.latencyMs)).p95 : undefined,
            }),
          ),
      },
      stopWhen: (samples) => alarms?.tripped() === true || failedCount(samples) > allowed,
    });
  } catch (e) {
    await alarms?.finish().catch(() => undefined);
    throw e;
  }
  const inAlarm = alarms ? (await alarms.finish()).inAlarm : undefined;
  const bakeEndMs = Math.min(startedMs + bakeMs, startedMs + run.elapsedMs);
  const window = metricsWindow(startedMs, bakeEndMs, options.metricsPeriodSeconds);
  // A step that already failed rolls back now; its metrics would arrive minutes later.
  const read =
    window && !run.stoppedEarly
      ? await deps.metrics([versions.candidate, versions.production], window)
      : undefined;
  const metrics: StepMetrics | undefined =
    window && read
      ? {
          windowStart: new Date(window.startMs).toISOString(),
          windowEnd: new Date(window.endMs).toISOString(),
          periodSeconds: options.metricsPeriodSeconds,
          candidate: read[0]!,
          production: read[1]!,
        }
      : undefined;
  const answers = {
    count: run.samples.length,
    failed: failedCount(run.samples),
    latency: summarizeLatencies(run.samples.map((s) => s.latencyMs)),
  };
  const verdict = judgeByMetrics(
    percent,
    metrics,
    answers,
    allowed,
    limits,
    inAlarm,
    options.earlierProduction,
  );
  const reasons = [...verdict.reasons];
  if (!metrics && !run.stoppedEarly)
    reasons.push(
      `the bake of ${formatDuration(bakeMs)} holds no whole ${options.metricsPeriodSeconds} s metric period to judge`,
    );
  if (run.stoppedEarly) reasons.push(`the bake stopped early after ${formatDuration(run.elapsedMs)}`);
  const candidate = sideOf(metrics?.candidate);
  const production = sideOf(metrics?.production);
  const step: CutoverStep = {
    percent,
    startedAt: new Date(startedMs).toISOString(),
    bakeSeconds: Math.round(run.elapsedMs / 100) / 10,
    probes: run.samples.length,
    judgedBy: 'metrics',
    candidate,
    production,
    ...(metrics ? { metrics } : {}),
    stageAnswers: answers,
    observedCandidatePercent: verdict.observedPercent,
    tolerancePercent: verdict.tolerancePercent,
    ...(verdict.errorTest ? { errorTest: verdict.errorTest } : {}),
    gates: verdict.gates,
    passed: reasons.length === 0,
    ...(reasons.length === 0 ? {} : { reason: reasons.join('; ') }),
  };
  ctx.progress.emit(TRAFFIC_MESSAGES.stepBaked, describeMetricsStep(step));
  return step;
}

const failedCount = (samples: readonly ProbeSample[]) => samples.filter((s) => !s.ok).length;

function sideOf(m: VersionMetrics | undefined): StepSideFigures {
  if (!m) return { count: 0, errors: 0, latency: { count: 0, p50: 0, p95: 0 } };
  return {
    count: m.invocations,
    errors: m.errors + m.throttles,
    latency: { count: m.invocations, p50: m.durationP50Ms ?? 0, p95: m.durationP95Ms ?? 0 },
  };
}

interface MetricsVerdict {
  readonly errorTest?: StepErrorTest;
  readonly gates: GateResult[];
  readonly reasons: string[];
  readonly observedPercent: number;
  readonly tolerancePercent: number;
}

/** Every gate on the metrics (when read), the stage's answers and the alarms. */
export function judgeByMetrics(
  percent: number,
  metrics: StepMetrics | undefined,
  answers: { count: number; failed: number },
  allowedFailures: number,
  limits: StepLimits,
  inAlarm: readonly string[] | undefined,
  earlierProduction: ErrorCount = { errors: 0, count: 0 },
): MetricsVerdict {
  let errorTest: StepErrorTest | undefined;
  const gates: GateResult[] = [];
  const reasons: string[] = [];
  let observedPercent = 0;
  let tolerancePercent = limits.minTolerancePoints;
  if (metrics) {
    const c = metrics.candidate;
    const p = metrics.production;
    const tried = c.invocations + c.throttles;
    const rate = tried > 0 ? (c.errors + c.throttles) / tried : 0;
    // The same test as a step judged by answers, on Lambda's own counts.
    const candidate = { errors: c.errors + c.throttles, count: tried };
    const production = {
      errors: p.errors + p.throttles + earlierProduction.errors,
      count: p.invocations + p.throttles + earlierProduction.count,
    };
    const minimum = minimumSample(
      candidate.count / Math.max(1, candidate.count + production.count),
      limits.maxErrorRate,
    );
    const judgement = {
      candidate,
      baseline: production,
      maxErrorRate: limits.maxErrorRate,
      minimumSample: minimum,
      noun: 'invocations',
    };
    const verdict = judgeErrors(judgement);
    errorTest = errorTestRecord(judgement, verdict);
    gates.push({
      name: 'max-error-rate',
      limit: limits.maxErrorRate,
      actual: c.invocations > 0 ? round4(rate) : 'no candidate invocations',
      passed: c.invocations > 0 && verdict.passed,
    });
    if (c.invocations === 0)
      reasons.push(
        'CloudWatch shows no invocation of the candidate in the window (no traffic, or metrics not yet arrived)',
      );
    else if (!verdict.passed)
      reasons.push(
        `by CloudWatch (${c.errors} errors, ${c.throttles} throttles, ${c.invocations} invocations): ${verdict.reason!}`,
      );
    const p95 = c.durationP95Ms;
    gates.push({
      name: 'max-p95-ms',
      limit: limits.maxP95Ms,
      actual: p95 ?? 'no duration reported',
      passed: p95 !== undefined && p95 <= limits.maxP95Ms,
    });
    if (p95 !== undefined && p95 > limits.maxP95Ms)
      reasons.push(
        `candidate Duration p95 ${p95} ms by CloudWatch is above max-p95-ms ${limits.maxP95Ms} ms`,
      );
    const n = c.invocations + p.invocations;
    observedPercent = n > 0 ? round2((c.invocations / n) * 100) : 0;
    tolerancePercent = splitTolerancePercent(percent, n, limits.minTolerancePoints);
    const off = round2(Math.abs(observedPercent - percent));
    gates.push({
      name: 'split-tolerance',
      limit: tolerancePercent,
      actual: n > 0 ? off : 'no invocations of either version',
      passed: n > 0 && off <= tolerancePercent,
    });
    if (n > 0 && off > tolerancePercent)
      reasons.push(
        `observed candidate share ${observedPercent} % of ${n} invocations (CloudWatch) is outside ${percent} % ± ${tolerancePercent}`,
      );
    if (c.partial || p.partial) reasons.push('CloudWatch returned partial data for the window');
  }
  gates.push({
    name: 'stage-answers',
    limit: `at most ${allowedFailures} failed`,
    actual: `${answers.failed} of ${answers.count} failed`,
    passed: answers.count > 0 && answers.failed <= allowedFailures,
  });
  if (answers.count === 0) reasons.push('no probe was answered through the stage');
  else if (answers.failed > allowedFailures)
    reasons.push(
      `${answers.failed} of ${answers.count} answers through the stage missed load.expect (allowed ${allowedFailures}); the answers do not say which version served them, so they count against the candidate`,
    );
  if (inAlarm !== undefined) judgeAlarms(limits.alarmNames, inAlarm, gates, reasons);
  return { gates, reasons, observedPercent, tolerancePercent, ...(errorTest ? { errorTest } : {}) };
}

/** `canary 10 % (metrics 12:01:00–12:03:00): candidate 61 invocations (10.2 % ± 5), …` */
function describeMetricsStep(s: CutoverStep): string {
  const m = s.metrics;
  const figures = m
    ? `candidate ${m.candidate.invocations} invocations (${s.observedCandidatePercent} % ± ${s.tolerancePercent}), ` +
      `${m.candidate.errors} errors, ${m.candidate.throttles} throttles, Duration p95 ${m.candidate.durationP95Ms ?? '–'} ms; ` +
      `production ${m.production.invocations} invocations, Duration p95 ${m.production.durationP95Ms ?? '–'} ms`
    : 'metrics not read';
  const answers = s.stageAnswers
    ? `; ${s.stageAnswers.count} probes through the stage, ${s.stageAnswers.failed} failed, p95 ${s.stageAnswers.latency.p95} ms`
    : '';
  return (
    `canary ${s.percent} % judged by CloudWatch metrics (${formatDuration(s.bakeSeconds * 1000)}): ${figures}${answers} — ` +
    (s.passed ? 'passed' : `FAILED: ${s.reason ?? 'gates'}`)
  );
}

/** describeStep for either kind of step. */
export const describeAnyStep = (s: CutoverStep): string =>
  s.judgedBy === 'metrics' ? describeMetricsStep(s) : describeStep(s);

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;
