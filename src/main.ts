// The Action adapter: inputs → Config → pipeline → outputs and report. The only place that
// turns a failure into setFailed; everything it runs is testable without a runner. Whatever
// happens after the inputs are read, the report is written, summarised and commented.
import * as core from '@actions/core';
import { context } from '@actions/github';
import { parseConfig, type Config } from './config.js';
import { forkRefusal } from './github/fork.js';
import { readActionInputs } from './github/inputs.js';
import { setPipelineOutputs, setReportOutputs } from './github/outputs.js';
import { actionProgress } from './github/progress.js';
import { publishReport, runTrigger, type RunContext } from './github/publish-report.js';
import { systemClock, type Clock, type PipelineContext } from './pipeline/context.js';
import { formatCutoverError, type CutoverError } from './pipeline/errors.js';
import { asCutoverError } from './pipeline/failure.js';
import { formatDuration } from './pipeline/format.js';
import { ReportBuilder } from './pipeline/report-builder.js';
import {
  createPipelineContext,
  pipelineOutcome,
  runPipeline,
  type PipelineResult,
  type RunOptions,
} from './pipeline/run.js';

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
    const result = await runPipeline(ctx, { ...deps, report });
    setPipelineOutputs(result, core.setOutput, core.warning);
    report.finish({ outcome: pipelineOutcome(result) });
    core.info(resultLine(result));
  } catch (e) {
    failure = asCutoverError(e);
    report?.finish({ error: { code: failure.code, message: failure.message } });
  } finally {
    if (report && config) {
      setReportOutputs(report.report, core.setOutput);
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

function resultLine(result: PipelineResult): string {
  const d = result.deploy;
  const deployed =
    d.type === 'no-op'
      ? `Stack ${d.stackName} is ${d.stackStatus}: no changes to deploy.`
      : `Stack ${d.stackName} is ${d.stackStatus}: ${d.changeCount} change${d.changeCount === 1 ? '' : 's'} deployed in ${formatDuration(d.durationMs)}.`;
  if (result.mode !== 'verify') return deployed;
  const { provision, load } = result.verify;
  const lmi = load.lmi.result;
  const twin = load.standard?.result;
  return (
    `${deployed} LMI version ${provision.version} verified: p95 ${lmi.latency.p95} ms` +
    `${twin ? ` (standard twin ${twin.latency.p95} ms)` : ''}, ${lmi.environments} environments, ` +
    `${lmi.errors} errors, ${lmi.throttles} throttles.`
  );
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
