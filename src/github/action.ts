// The Action adapter: inputs → Config → pipeline → outputs and report. The only place that
// turns a failure into setFailed; everything it runs is testable without a runner. Whatever
// happens after the inputs are read, the report is written, summarised and commented.
import * as core from '@actions/core';
import { context } from '@actions/github';
import { parseConfig, type Config } from '../config/config.js';
import { forkRefusal } from './fork.js';
import { readActionInputs } from './inputs.js';
import { setPipelineOutputs, setReportOutputs, setRouteOutputs } from './outputs.js';
import { saveRouteState } from './post.js';
import { actionProgress } from './progress.js';
import { publishReport, runTrigger, type RunContext } from './publish-report.js';
import { type PipelineContext } from '../pipeline/context.js';
import { systemClock, type Clock } from '../core/clock.js';
import { formatCutoverError, type CutoverError } from '../core/errors.js';
import { asCutoverError } from '../core/failure.js';
import { ReportBuilder } from '../report/builder.js';
import { describeResult } from '../pipeline/result-summary.js';
import { finishReport } from '../pipeline/finish.js';
import { createPipelineContext, runPipeline, type PipelineResult, type RunOptions } from '../pipeline/run.js';

export interface ActionDependencies extends Omit<RunOptions, 'report'> {
  readonly clock?: Clock;
  readonly cwd?: string;
}

export async function run(deps: ActionDependencies = {}): Promise<void> {
  const cwd = deps.cwd ?? process.cwd();
  const clock = deps.clock ?? systemClock;
  let ctx: PipelineContext | undefined;
  let config: Config | undefined;
  let report: ReportBuilder | undefined;
  let failure: CutoverError | undefined;
  let end: { result: PipelineResult } | { error: unknown } | undefined;
  const github = runContext();
  try {
    config = parseConfig(readActionInputs(), { env: process.env, cwd });
    report = new ReportBuilder({
      mode: config.mode,
      stackName: config.stackName,
      clock,
      region: config.region,
      trigger: runTrigger(github, config.prNumber),
    });
    const refusal = forkRefusal(context, config.allowFork);
    if (refusal) throw refusal;
    ctx = createPipelineContext({ config, progress: actionProgress(), clock, cwd });
    // The post step reads the route state saved here if this step dies mid-shift.
    const result = await runPipeline(ctx, { onRouteState: saveRouteState, ...deps, report });
    end = { result };
    setPipelineOutputs(result, core.setOutput, core.warning);
    finishReport(report, end);
    for (const line of describeResult(result)) core.info(line);
  } catch (e) {
    failure = asCutoverError(e);
    end = { error: e };
    if (report) finishReport(report, end);
  } finally {
    if (report && config) {
      setReportOutputs(report.report, core.setOutput);
      if (end) setRouteOutputs(config.mode, end, report.report, core.setOutput);
      await publishReport(report.report, {
        config,
        cwd,
        context: github,
        log: actionProgress(),
        setOutput: core.setOutput,
      });
    }
    ctx?.aws.destroy();
  }
  if (failure) core.setFailed(formatCutoverError(failure));
}

/** The workflow run's facts; defensive because context.repo throws outside a workflow. */
function runContext(): RunContext {
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
