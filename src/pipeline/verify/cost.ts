// The cost comparison from what the run measured: each side's function duration (the mean of
// the REPORT lines' Duration, else the mean latency), the functions' memory, the LMI
// function's per-environment concurrency and architecture; volume, discount and instance from
// the inputs. Informational: a cost that cannot be computed is a warning, never a failure.
import type { Config } from '../../config/config.js';
import { getFunctionConfiguration } from '../../aws/lambda.js';
import { compareCosts, type CostComparisonInput } from '../../cost/compare.js';
import { errorMessage } from '../../core/aws-errors.js';
import type { CostSection } from '../../report/model.js';
import type { PipelineContext } from '../context.js';
import type { BurstRun } from './load.js';
import { VERIFY_MESSAGES } from './messages.js';
import type { LmiFunctionFacts } from '../provision/lmi-version.js';
import type { AppStack } from '../webhook/workload-stack.js';

/** Peak-to-average ratio the LMI fleet is sized for; listed in the report's assumptions. */
export const COST_PEAK_FACTOR = 2;

/** The cost inputs: the volume to price and the EC2 pricing to assume. */
export type CostSettings = Pick<
  Config,
  'monthlyInvocations' | 'savingsPlanDiscount' | 'instanceType' | 'instancePrice'
>;

export async function measuredCost(
  ctx: PipelineContext,
  config: CostSettings,
  stack: AppStack,
  lmiFacts: LmiFunctionFacts,
  load: { readonly lmi: BurstRun; readonly standard?: BurstRun },
): Promise<CostSection | undefined> {
  try {
    const twin = await getFunctionConfiguration(
      ctx.aws.lambda,
      stack.standard.functionName,
      stack.standard.qualifier,
    );
    const lmiDuration = duration(load.lmi);
    const standardDuration = load.standard ? duration(load.standard) : lmiDuration;
    const input: CostComparisonInput = {
      invocations: config.monthlyInvocations,
      standard: { durationMs: standardDuration.ms, memoryMb: twin.MemorySize ?? 128, freeTier: false },
      lmi: {
        durationMs: lmiDuration.ms,
        memoryMb: lmiFacts.memoryMb,
        memoryGiBPerVCpu: lmiFacts.memoryGiBPerVCpu,
        maxConcurrency: lmiFacts.maxConcurrency,
        architecture: lmiFacts.architecture,
        ...(lmiFacts.scaling ? { scaling: { ...lmiFacts.scaling } } : {}),
        peakFactor: COST_PEAK_FACTOR,
        savingsPlanDiscount: config.savingsPlanDiscount,
        ...(config.instanceType ? { instanceType: config.instanceType } : {}),
        ...(config.instancePrice !== undefined ? { instancePrice: config.instancePrice } : {}),
      },
    };
    const comparison = compareCosts(input);
    comparison.assumptions.push(
      `Durations measured in this run: standard ${standardDuration.ms} ms (${standardDuration.source}), LMI ${lmiDuration.ms} ms (${lmiDuration.source}).`,
    );
    return { ...comparison, input };
  } catch (e) {
    ctx.progress.emit(VERIFY_MESSAGES.costLeftOut, `Cost comparison left out: ${errorMessage(e)}`);
    return undefined;
  }
}

function duration(run: BurstRun): { ms: number; source: string } {
  if (run.meanFunctionDurationMs !== undefined) {
    return { ms: run.meanFunctionDurationMs, source: 'mean of the REPORT lines' };
  }
  return { ms: run.result.latency.mean, source: 'mean client-side latency; no REPORT lines' };
}
