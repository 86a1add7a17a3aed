// The `lmi-cutover` command. Same inputs as the Action (as --flags), same pipeline, progress
// on the terminal. Exit codes: 0 success, 1 the run failed, 2 bad usage or invalid input.
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, INPUTS, parseConfig, type Config, type Mode, type RawInputs } from '../config.js';
import { systemClock, type Clock, type PipelineContext, type Progress } from '../pipeline/context.js';
import { formatCutoverError, type CutoverError } from '../pipeline/errors.js';
import { asCutoverError } from '../pipeline/failure.js';
import { formatDuration } from '../pipeline/format.js';
import { ReportBuilder } from '../pipeline/report-builder.js';
import {
  createPipelineContext,
  pipelineOutcome,
  runPipeline,
  type PipelineResult,
  type RunOptions,
} from '../pipeline/run.js';
import { writeReportJson } from '../report/json.js';
import type { Report } from '../report/model.js';
import { renderText } from '../report/text.js';
import { consoleProgress, type ConsoleWriter } from './console-progress.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliEnvironment extends ConsoleWriter, Omit<RunOptions, 'report'> {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly clock?: Clock;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('lmi-cutover')
    .description('Deploy a Lambda webhook workload and move it onto Lambda Managed Instances safely.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  const addMode = (mode: Mode, description: string) => {
    const command = program.command(mode).description(description);
    for (const input of INPUTS) {
      if (input.name === 'mode' || ('actionOnly' in input && input.actionOnly)) continue;
      // Defaults are applied by parseConfig, so the help only states them.
      const shownDefault = 'default' in input ? ` (default: ${input.default})` : '';
      command.addOption(new Option(`--${input.name} <value>`, `${input.description}${shownDefault}`));
    }
    command.option('--verbose', 'print debug lines');
    command.action(async (options: Record<string, string | boolean | undefined>) => {
      const raw: Record<string, string | undefined> = { mode };
      for (const input of INPUTS) {
        const value = options[camel(input.name)];
        if (typeof value === 'string') raw[input.name] = value;
      }
      exitCode = await runMode(raw, options.verbose === true, io);
    });
  };
  addMode('deploy', 'Deploy the SAM template through a CloudFormation change set.');
  addMode(
    'verify',
    'Deploy, wait for the LMI version to be Active, then smoke-check and load it against the standard twin (production traffic untouched).',
  );

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    // --help and --version end with exit code 0; every other parse problem is bad usage.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw e;
  }
  return exitCode;
}

async function runMode(raw: RawInputs, verbose: boolean, io: CliEnvironment): Promise<number> {
  const clock = io.clock ?? systemClock;
  let config;
  try {
    config = parseConfig(raw, { env: io.env, cwd: io.cwd });
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`error: ${formatCutoverError(e)}\n(run with --help for usage)\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const progress = consoleProgress(io, clock, { verbose });
  const report = new ReportBuilder({
    mode: config.mode,
    stackName: config.stackName,
    clock,
    region: config.region,
  });
  let ctx: PipelineContext | undefined;
  let failure: CutoverError | undefined;
  try {
    ctx = createPipelineContext({ config, progress, clock, cwd: io.cwd, aws: { env: io.env } });
    const result = await runPipeline(ctx, { ...io, report });
    report.finish({ outcome: pipelineOutcome(result) });
    io.stdout(summarise(result));
  } catch (e) {
    failure = asCutoverError(e);
    report.finish({ error: { code: failure.code, message: failure.message } });
  } finally {
    ctx?.aws.destroy();
  }
  await writeReport(report.report, config, io.cwd, progress);
  io.stdout(`${renderText(report.report)}\n`);
  if (failure) {
    io.stderr(`error: ${formatCutoverError(failure)}\n`);
    return EXIT_FAILED;
  }
  return EXIT_OK;
}

/** The JSON report at report-path; a problem writing it is a warning, not a failed run. */
async function writeReport(report: Report, config: Config, cwd: string, progress: Progress): Promise<void> {
  const path = resolve(cwd, config.reportPath);
  try {
    const written = await writeReportJson(path, report);
    progress.info(`Report written to ${written.path}`);
    if (written.problems.length > 0) {
      progress.warn(`The report has schema problems: ${written.problems.slice(0, 5).join('; ')}`);
    }
  } catch (e) {
    progress.warn(`Writing the report to ${path} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function summarise({ deploy }: PipelineResult): string {
  const lines = [
    deploy.type === 'no-op'
      ? `\nStack ${deploy.stackName} is ${deploy.stackStatus}: no changes to deploy.`
      : `\nStack ${deploy.stackName} is ${deploy.stackStatus}: ${deploy.changeCount} change${deploy.changeCount === 1 ? '' : 's'} deployed in ${formatDuration(deploy.durationMs)}.`,
    `  stack id: ${deploy.stackId}`,
    ...Object.entries(deploy.outputs).map(([k, v]) => `  ${k}: ${v}`),
  ];
  return `${lines.join('\n')}\n`;
}
