// The four phases of verifying a deployed LMI version, each one stage of the report and each
// handed only the settings it reads: provisioning, the smoke checks, the concurrency check
// with its gates and cost, and the optional sweep. verify-stack.ts runs them in order.
import type { Config } from '../../config/config.js';
import type { GateResult, LatencyBaseline, SweepPoint } from '../../core/domain.js';
import type { ReportBuilder } from '../../report/builder.js';
import type { PipelineContext } from '../context.js';
import {
  waitForVersionActive,
  type ProvisionOptions,
  type ProvisionResult,
} from '../provision/wait-for-version.js';
import { type LmiFunctionFacts } from '../provision/lmi-version.js';
import type { AppStack } from '../webhook/workload-stack.js';
import type { CheckTraffic } from './check-traffic.js';
import { measuredCost, type CostSettings } from './cost.js';
import { assertGatesPassed, evaluateGates, type GateLimits } from './gates.js';
import { describeBaseline } from '../../core/latency-baseline.js';
import { measureBaseline, type BaselineTarget, type MeasureBaseline } from './baseline.js';
import { VERIFY_MESSAGES } from './messages.js';
import {
  assertIsolation,
  measureBurst,
  runLoadCheck,
  type BurstRun,
  type LoadCheckResult,
  type LoadSizing,
} from './load.js';
import { assertSmokePassed, runSmokeChecks, type SmokeResult } from './smoke.js';
import { runSweep, type MeasureLevel } from './sweep.js';

/** Phase 1: wait until the LMI version the outputs name is Active. */
export async function provisionPhase(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: Pick<Config, 'provisioningTimeoutMinutes'>,
  stack: AppStack,
  options: Omit<ProvisionOptions, 'observe' | 'timeoutMinutes'> = {},
): Promise<ProvisionResult> {
  const { lmi } = stack;
  const provision = await report.stage(
    'provision',
    () =>
      ctx.progress.group(`Wait for LMI version ${lmi.version} of ${lmi.functionName} to be Active`, () =>
        waitForVersionActive(
          ctx,
          {
            functionName: lmi.functionName,
            version: lmi.version,
            capacityProviderArn: lmi.capacityProviderArn,
          },
          {
            ...options,
            timeoutMinutes: settings.provisioningTimeoutMinutes,
            observe: (o) => report.provisioningObserved(o),
          },
        ),
      ),
    (p) => ({ detail: p.confirmedOnly ? 'confirmed Active in one call' : `Active after ${p.seconds} s` }),
  );
  report.provisioned(provision);
  return provision;
}

/** Phase 2: the smoke checks of both sides; a failed one stops the run here. */
export async function smokePhase(
  ctx: PipelineContext,
  report: ReportBuilder,
  traffic: CheckTraffic,
  onSmokeChecked?: (smoke: SmokeResult) => void,
): Promise<SmokeResult> {
  return recordSmoke(ctx, report, () => runSmokeChecks(ctx, traffic), onSmokeChecked);
}

/** Runs smoke checks (the workload's or the user's) as the report's smoke stage. */
export async function recordSmoke(
  ctx: PipelineContext,
  report: ReportBuilder,
  run: () => Promise<SmokeResult>,
  onSmokeChecked?: (smoke: SmokeResult) => void,
): Promise<SmokeResult> {
  return report.stage(
    'smoke',
    () =>
      ctx.progress.group('Smoke checks: LMI version and standard twin', async () => {
        const result = await run();
        report.smoke(result.checks);
        onSmokeChecked?.(result);
        assertSmokePassed(result);
        return result;
      }),
    (s) => ({ detail: `${s.checks.length} checks` }),
  );
}

/**
 * Phase 3: the concurrency check, LMI and twin side by side, then the cost, isolation and the
 * gates. The figures, the gates and the cost reach the report before a failed gate stops the run.
 */
export async function loadPhase(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: GateLimits & CostSettings,
  traffic: CheckTraffic,
  sizing: LoadSizing,
  lmiFacts: LmiFunctionFacts,
  production: () => Promise<BaselineTarget>,
): Promise<{ load: LoadCheckResult; gates: GateResult[]; baseline?: LatencyBaseline }> {
  const lambda = ctx.aws.lambdaForLoad(sizing.concurrency);
  return recordLoad(ctx, report, settings, sizing, {
    run: () => runLoadCheck(ctx, { ...sizing, ...traffic, lambda }),
    baseline: {
      production,
      measure: (target, sample) => measureBurst(ctx, lambda, { ...traffic, ...sample, target }, target.side),
    },
    beforeGates: async (load) => {
      const cost = await measuredCost(ctx, settings, traffic.stack, lmiFacts, load);
      if (cost) report.cost(cost);
      assertIsolation(load.lmi);
    },
  });
}

/** How a concurrency check finds what `max-p95-ms: auto` compares with. */
interface BaselineSource {
  /** Read only when max-p95-ms is auto. */
  readonly production: () => Promise<BaselineTarget>;
  readonly measure: MeasureBaseline;
}

export interface LoadStage<T> {
  readonly run: () => Promise<T>;
  /** Where production's latency comes from; read only when max-p95-ms is auto. */
  readonly baseline: BaselineSource;
  /** Cost, isolation: recorded before a breached gate stops the run. */
  readonly beforeGates?: (load: T) => Promise<void>;
}

/**
 * Runs a concurrency check (the workload's or a checks file's) as the report's load stage: its
 * figures, production's baseline and the gates reach the report, then `beforeGates` (cost,
 * isolation), then a breached gate stops the run.
 */
export async function recordLoad<T extends { readonly lmi: BurstRun; readonly standard?: BurstRun }>(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: GateLimits,
  sizing: LoadSizing,
  stage: LoadStage<T>,
): Promise<{ load: T; gates: GateResult[]; baseline?: LatencyBaseline }> {
  return report.stage(
    'load',
    () =>
      ctx.progress.group(
        `Concurrency check: ${sizing.requests} requests, ${sizing.concurrency} in flight`,
        async () => {
          const load = await stage.run();
          const { lmi, standard } = load;
          report.load(lmi.result, standard?.result);
          const baseline =
            settings.maxP95Ms === 'auto'
              ? await measureBaseline(ctx, load, await stage.baseline.production(), stage.baseline.measure)
              : undefined;
          if (baseline) {
            report.p95Baseline(baseline);
            ctx.progress.emit(VERIFY_MESSAGES.baselineLimit, `max-p95-ms ${describeBaseline(baseline)}`);
          }
          const gates = evaluateGates(lmi.result, baseline, settings);
          report.gates(gates);
          await stage.beforeGates?.(load);
          assertGatesPassed(gates, { lmi: lmi.result, baseline });
          return { load, gates, ...(baseline ? { baseline } : {}) };
        },
      ),
    ({ load: { lmi } }) => {
      const environments = lmi.result.environments;
      return {
        detail: `p95 ${lmi.result.latency.p95} ms${environments === undefined ? '' : `, ${environments} environments`}`,
      };
    },
  );
}

/** Phase 4: the sweep, when `concurrency-sweep` names levels; `measure` sends one level's burst. */
export async function sweepPhase(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: Pick<Config, 'concurrencySweep'>,
  sizing: LoadSizing,
  measure: MeasureLevel,
): Promise<SweepPoint[] | undefined> {
  if (settings.concurrencySweep.length === 0) return undefined;
  const sweep = await report.stage('sweep', () =>
    ctx.progress.group(`Concurrency sweep: ${settings.concurrencySweep.join(', ')} per environment`, () =>
      runSweep(ctx, {
        levels: settings.concurrencySweep,
        requestsPerConcurrency: sizing.requests / sizing.concurrency,
        measure,
      }),
    ),
  );
  report.sweep(sweep);
  return sweep;
}
