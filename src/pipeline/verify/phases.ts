// The four phases of verifying a deployed LMI version, each one stage of the report and each
// handed only the settings it reads: provisioning, the smoke checks, the concurrency check
// with its gates and cost, and the optional sweep. verify-stack.ts runs them in order.
import type { Config } from '../../config/config.js';
import type { GateResult, SweepPoint } from '../../core/domain.js';
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
import {
  assertIsolation,
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
): Promise<{ load: LoadCheckResult; gates: GateResult[] }> {
  return recordLoad(
    ctx,
    report,
    settings,
    sizing,
    () => runLoadCheck(ctx, { ...sizing, ...traffic }),
    async (load) => {
      const cost = await measuredCost(ctx, settings, traffic.stack, lmiFacts, load);
      if (cost) report.cost(cost);
      assertIsolation(load.lmi);
    },
  );
}

/**
 * Runs a concurrency check (the workload's or a checks file's) as the report's load stage: its
 * figures and gates reach the report, then `beforeGates` (cost, isolation), then a breached
 * gate stops the run.
 */
export async function recordLoad<T extends { readonly lmi: BurstRun; readonly standard?: BurstRun }>(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: GateLimits,
  sizing: LoadSizing,
  run: () => Promise<T>,
  beforeGates?: (load: T) => Promise<void>,
): Promise<{ load: T; gates: GateResult[] }> {
  return report.stage(
    'load',
    () =>
      ctx.progress.group(
        `Concurrency check: ${sizing.requests} requests, ${sizing.concurrency} in flight`,
        async () => {
          const load = await run();
          const { lmi, standard } = load;
          report.load(lmi.result, standard?.result);
          const gates = evaluateGates(lmi.result, standard?.result, settings);
          report.gates(gates);
          await beforeGates?.(load);
          assertGatesPassed(gates, {
            lmi: lmi.result,
            twin: standard?.result,
            autoP95: settings.maxP95Ms === 'auto',
          });
          return { load, gates };
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
