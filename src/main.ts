// The Action adapter: inputs → Config → pipeline → outputs. The only place that turns a
// failure into setFailed; everything it runs is testable without a runner.
import * as core from '@actions/core';
import { context } from '@actions/github';
import { parseConfig } from './config.js';
import { forkRefusal } from './github/fork.js';
import { readActionInputs } from './github/inputs.js';
import { setPipelineOutputs } from './github/outputs.js';
import { actionProgress } from './github/progress.js';
import type { Clock, PipelineContext } from './pipeline/context.js';
import { formatCutoverError } from './pipeline/errors.js';
import { asCutoverError } from './pipeline/failure.js';
import { formatDuration } from './pipeline/format.js';
import { createPipelineContext, runPipeline, type RunOptions } from './pipeline/run.js';

export interface ActionDependencies extends RunOptions {
  readonly clock?: Clock;
  readonly cwd?: string;
}

export async function run(deps: ActionDependencies = {}): Promise<void> {
  let ctx: PipelineContext | undefined;
  try {
    const cwd = deps.cwd ?? process.cwd();
    const config = parseConfig(readActionInputs(), { env: process.env, cwd });
    const refusal = forkRefusal(context, config.allowFork);
    if (refusal) throw refusal;
    ctx = createPipelineContext({ config, progress: actionProgress(), clock: deps.clock, cwd });
    const result = await runPipeline(ctx, deps);
    setPipelineOutputs(result, core.setOutput, core.warning);
    const d = result.deploy;
    core.info(
      d.type === 'no-op'
        ? `Stack ${d.stackName} is ${d.stackStatus}: no changes to deploy.`
        : `Stack ${d.stackName} is ${d.stackStatus}: ${d.changeCount} change${d.changeCount === 1 ? '' : 's'} deployed in ${formatDuration(d.durationMs)}.`,
    );
  } catch (e) {
    core.setFailed(formatCutoverError(asCutoverError(e)));
  } finally {
    ctx?.aws.destroy();
  }
}
