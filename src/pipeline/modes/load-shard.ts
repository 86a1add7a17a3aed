// Mode `verify` with `load-shard: i/N`: this run's share of a sharded concurrency check against
// the deployed candidate — no deploy, no smoke checks, no release of earlier versions, no gates.
// Its shard report (run.ts) is what mode `merge` adds up and judges.
import type { LoadShardConfig } from '../../config/load-shard.js';
import type { PipelineContext } from '../context.js';
import { runLoadShard, type LoadShardRun } from '../verify/shards/run-shard.js';
import type { ModeInput } from './mode-input.js';

export async function loadShardMode(
  ctx: PipelineContext,
  input: ModeInput,
  loadShard: LoadShardConfig,
): Promise<{ shard: LoadShardRun }> {
  const { config, report, options, runId } = input;
  const shard = await runLoadShard(
    ctx,
    report,
    { ...config, loadShard },
    { runId, provision: options.verify?.provision, now: options.verify?.now },
  );
  return { shard };
}
