// Mode `merge`: the shard reports of one sharded concurrency check (`shards-path`), refused
// unless they make one whole check, added up and judged as verify judges one runner's check —
// isolation, then max-error-rate, max-p95-ms and max-throttle-rate on the LMI version's merged
// figures — in the report's load stage, so the job summary and the PR comment show the whole
// check. It calls no AWS API: everything it judges was measured by the shards.
import { resolve } from 'node:path';
import type { GateResult } from '../../core/domain.js';
import { describeBaseline } from '../../core/latency-baseline.js';
import { readShardReports } from '../../report/shard-json.js';
import type { PipelineContext } from '../context.js';
import { assertGatesPassed, evaluateGates } from '../verify/gates.js';
import { assertIsolation } from '../verify/load.js';
import { describeFigures } from '../verify/load/summary.js';
import { VERIFY_MESSAGES } from '../verify/messages.js';
import { mergeShards, type MergedCheck } from '../verify/shards/merge.js';
import type { ModeInput } from './mode-input.js';

/** Below this share of their span with every shard sending, the shards did not run as one burst. */
const AT_ONCE_WARNING = 0.9;

export async function mergeMode(
  ctx: PipelineContext,
  input: ModeInput,
  shardsPath: string,
): Promise<{ merge: MergedCheck; gates: GateResult[] }> {
  const { config, report } = input;
  return report.stage(
    'load',
    () =>
      ctx.progress.group(`Merge the shard reports in ${shardsPath}`, async () => {
        const read = await readShardReports(resolve(input.cwd, shardsPath));
        const merged = mergeShards(read, { stackName: config.stackName, dir: shardsPath });
        const { lmi, standard } = merged;
        report.setRegion(merged.region);
        report.load(lmi.result, standard.result);
        report.shards({
          id: merged.id,
          count: merged.count,
          allAtOnce: { lmi: lmi.allAtOnce, standard: standard.allAtOnce },
        });
        for (const side of [lmi, standard])
          ctx.progress.emit(
            VERIFY_MESSAGES.shardsMerged,
            `${side.result.functionName}:${side.result.qualifier}, ${merged.count} shards of check ${merged.id}: ${describeFigures(side.result)}; isolation ${side.isolation.passed ? 'passed' : 'FAILED'}`,
          );
        warnUnlessAtOnce(ctx, merged);
        const baseline = config.maxP95Ms === 'auto' ? merged.baseline : undefined;
        if (baseline) {
          report.p95Baseline(baseline);
          ctx.progress.emit(VERIFY_MESSAGES.baselineLimit, `max-p95-ms ${describeBaseline(baseline)}`);
        } else if (config.maxP95Ms === 'auto') {
          ctx.progress.emit(
            VERIFY_MESSAGES.baselineTwin,
            `max-p95-ms auto: ${merged.baselineMissing ?? 'no production latency'}; give max-p95-ms a number of milliseconds.`,
          );
        }
        const gates = evaluateGates(lmi.result, baseline, config);
        report.gates(gates);
        if (!standard.isolation.passed)
          ctx.progress.emit(
            VERIFY_MESSAGES.twinIsolationFailed,
            `The standard twin failed the isolation check too (${standard.isolation.problems[0] ?? 'see the report'}): the workload itself mixes up requests.`,
          );
        assertIsolation(lmi);
        assertGatesPassed(gates, { lmi: lmi.result, baseline });
        return { merge: merged, gates };
      }),
    ({ merge }) => ({
      detail: `${merge.count} shards: p95 ${merge.lmi.result.latency.p95} ms${merge.lmi.result.environments === undefined ? '' : `, ${merge.lmi.result.environments} environments`}`,
    }),
  );
}

function warnUnlessAtOnce(ctx: PipelineContext, merged: MergedCheck): void {
  for (const [name, side] of [
    ['LMI', merged.lmi],
    ['twin', merged.standard],
  ] as const) {
    if (side.allAtOnce >= AT_ONCE_WARNING) continue;
    ctx.progress.emit(
      VERIFY_MESSAGES.shardsNotAtOnce,
      `The ${merged.count} shards' ${name} bursts all ran at once for only ${Math.round(side.allAtOnce * 100)} % of their ${(side.result.wallMs / 1000).toFixed(1)} s span: ` +
        `for the rest fewer than ${side.result.concurrency} requests were in flight. Start the shards together (one matrix, enough runners).`,
    );
  }
}
