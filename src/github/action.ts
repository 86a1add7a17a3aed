// The Action adapter: inputs → Config → pipeline → outputs and report. The only place that
// turns a failure into setFailed; everything it runs is testable without a runner. Whatever
// happens after the inputs are read, the report is written, summarised and commented.
//
// Start-up: only the inputs and the config are loaded before they are validated; the pipeline,
// the SDK clients and Octokit are imported after, so a run that fails on its inputs fails fast.
import * as core from '@actions/core';
import { parseConfig, type Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import { formatCutoverError } from '../core/errors.js';
import { asCutoverError } from '../core/failure.js';
import type { RunOptions } from '../pipeline/run.js';
import { readActionInputs } from './inputs.js';
import type { RunContext } from './publish-report.js';

export interface ActionDependencies extends RunOptions {
  readonly clock?: Clock;
  readonly cwd?: string;
}

export async function run(deps: ActionDependencies = {}): Promise<void> {
  const cwd = deps.cwd ?? process.cwd();
  let config: Config;
  try {
    config = parseConfig(readActionInputs(), { env: process.env, cwd });
  } catch (e) {
    // Nothing ran and there is no config to publish a report with: the error says what to fix.
    core.setFailed(formatCutoverError(asCutoverError(e)));
    return;
  }
  const [
    { context },
    { runOnce },
    { describeResult },
    outputs,
    { saveRouteState },
    { actionProgress },
    publish,
    { forkOrigin, forkRefusal },
    { startProgressComment },
  ] = await Promise.all([
    import('@actions/github'),
    import('../pipeline/run.js'),
    import('../pipeline/result-summary.js'),
    import('./outputs.js'),
    import('./post.js'),
    import('./progress.js'),
    import('./publish-report.js'),
    import('./fork.js'),
    import('./live-comment.js'),
  ]);
  const { setPipelineOutputs, setReportOutputs, setRouteOutputs } = outputs;
  const { publishReport, runTrigger } = publish;
  const github = runContext(context);
  // A fork's pull request gets no live comment: its run is refused, or its token is read-only.
  const live = forkOrigin(context) ? undefined : startProgressComment(config, github, actionProgress());
  // The post step reads the route state saved here if this step dies mid-shift.
  const end = await runOnce({
    onRouteState: saveRouteState,
    ...deps,
    config,
    cwd,
    progress: actionProgress(),
    trigger: runTrigger(github, config.prNumber),
    guard: () => {
      const refusal = forkRefusal(context, config.allowFork);
      if (refusal) throw refusal;
    },
    ...(live ? { onReportUpdate: live.onReportUpdate } : {}),
  });
  const commentId = await live?.close();
  const report = end.report.report;
  if (end.result) {
    setPipelineOutputs(end.result, core.setOutput, actionProgress());
    for (const line of describeResult(end.result)) core.info(line);
  }
  setReportOutputs(report, core.setOutput);
  setRouteOutputs(
    config.mode,
    end.result ? { result: end.result } : { error: end.error },
    report,
    core.setOutput,
  );
  await publishReport(report, {
    config,
    cwd,
    context: github,
    log: actionProgress(),
    setOutput: core.setOutput,
    commentId,
  });
  const shardWritten = end.shardReport
    ? await publish.publishShardReport(end.shardReport, {
        config,
        cwd,
        log: actionProgress(),
        setOutput: core.setOutput,
      })
    : true;
  if (end.failure) core.setFailed(formatCutoverError(end.failure));
  else if (!shardWritten)
    core.setFailed('The shard report could not be written, so the merge cannot use this shard.');
}

/** The workflow run's facts; defensive because context.repo throws outside a workflow. */
function runContext(context: typeof import('@actions/github').context): RunContext {
  let repository: RunContext['repository'];
  try {
    repository = context.repo;
  } catch {
    repository = undefined;
  }
  return {
    eventName: context.eventName,
    payload: context.payload ?? {},
    sha: context.sha,
    ref: context.ref,
    serverUrl: context.serverUrl,
    runId: context.runId,
    repository,
  };
}
