// The `lmi-cutover` command. Same inputs as the Action (as --flags), same pipeline, progress
// on the terminal. Exit codes: 0 success, 1 the run failed (destroy: also refused, or a dry run
// whose real run would be), 2 bad usage or invalid input.
// Ctrl-C during a canary bake rolls production back to the standard twin before exiting (the
// cutover's own SIGINT/SIGTERM trap; a second Ctrl-C only says the rollback is still running).
import { CLI_MESSAGES } from './messages.js';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, INPUTS, parseConfig, type Config, type RawInputs } from '../config/config.js';
import { type Mode } from '../core/domain.js';
import { type Progress } from '../core/progress.js';
import { systemClock, type Clock } from '../core/clock.js';
import { formatCutoverError } from '../core/errors.js';
import { asCutoverError } from '../core/failure.js';
import { describeResult } from '../pipeline/result-summary.js';
import { createPipelineContext, runOnce, type PipelineResult, type RunOptions } from '../pipeline/run.js';
import { readStatus } from '../pipeline/modes/status.js';
import { destroyStack, type DestroyOptions } from '../pipeline/modes/destroy.js';
import { OVERRIDE_FLAG } from '../pipeline/destroy/decide.js';
import { addInitOptions, runInit, type InitFlags } from './init.js';
import { writeReportJson } from '../report/json.js';
import { writeShardReportJson } from '../report/shard-json.js';
import type { ShardReport } from '../report/shard-report.js';
import type { ReadonlyReport } from '../report/model.js';
import { renderText } from '../report/text.js';
import { consoleProgress, type ConsoleWriter } from './console-progress.js';
import { addCostOptions, costInput, CostInputError, renderCost, type CostFlags } from './cost.js';
import { renderStatus } from './status.js';
import { addDestroyOptions, renderDestroy, type DestroyFlags } from './destroy.js';
import { addWavesCommands } from './waves.js';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export interface CliEnvironment extends ConsoleWriter, RunOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly clock?: Clock;
  /** Polls of `destroy` (tests poll the local cloud faster than AWS needs). */
  readonly destroyTiming?: Pick<DestroyOptions, 'timing'>;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const MODE_DESCRIPTIONS: Record<Mode, string> = {
  plan: 'Create the change set a deploy would execute, print what it changes (replacements and their causes, changes that destroy production data or routing first) and execute nothing; the change set is kept for `deploy --change-set-name`.',
  deploy:
    "Deploy the SAM template through a CloudFormation change set (or execute the reviewed one --change-set-name names); production stays pinned to the version it runs (the stage's versions are passed back to the template).",
  verify:
    'Deploy, wait for the candidate LMI version to be Active, then smoke-check and load it against the standard twin (production traffic untouched).',
  cutover:
    'Verify the deployed candidate LMI version again, then shift production traffic to it from the version it runs now (the twin, or the previous LMI version) in gated canary steps (--cutover-steps), rolling back to that version by itself when a step fails. Ctrl-C during a bake rolls back before exiting.',
  full: 'Deploy, verify, then cut over: deploy + verify + cutover in one run.',
  rollback:
    "Send production back to the previous production version (--to previous, the default) or to the twin's last verified version (--to standard), verified by probes; a leftover canary is undone first.",
  merge:
    'Add up the shard reports of a sharded concurrency check (--shards, the reports `verify --load-shard i/N` wrote) and apply the gates to the whole check; refused, naming each problem, when a shard is missing, given twice, failed, unreadable or of another check. Calls no AWS API.',
};

/** Inputs the status and destroy commands need: where the stack is. */
const STATUS_INPUTS = new Set(['stack-name', 'region', 'endpoint-url']);

export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('lmi-cutover')
    .description('Deploy a Lambda webhook workload and move it onto Lambda Managed Instances safely.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  const inputOptions = (command: Command, only?: Set<string>) => {
    for (const input of INPUTS) {
      if (input.name === 'mode' || ('actionOnly' in input && input.actionOnly)) continue;
      if (only && !only.has(input.name)) continue;
      // Defaults are applied by parseConfig, so the help only states them.
      const shownDefault = 'default' in input ? ` (default: ${input.default})` : '';
      command.addOption(new Option(`--${input.name} <value>`, `${input.description}${shownDefault}`));
    }
    command.option('--verbose', 'print debug lines');
  };
  const rawInputs = (options: Record<string, unknown>, mode?: Mode): Record<string, string | undefined> => {
    const raw: Record<string, string | undefined> = mode ? { mode } : {};
    for (const input of INPUTS) {
      const value = options[camel(input.name)];
      if (typeof value === 'string') raw[input.name] = value;
    }
    return raw;
  };

  for (const mode of Object.keys(MODE_DESCRIPTIONS) as Mode[]) {
    const command = program.command(mode).description(MODE_DESCRIPTIONS[mode]);
    inputOptions(command);
    // `rollback --to standard` reads better than --rollback-to; both set the same input.
    if (mode === 'rollback') command.addOption(new Option('--to <target>', 'the same as --rollback-to'));
    // `merge --shards dir` reads better than --shards-path; both set the same input.
    if (mode === 'merge') command.addOption(new Option('--shards <dir>', 'the same as --shards-path'));
    command.action(async (options: Record<string, string | boolean | undefined>) => {
      const raw = rawInputs(options, mode);
      if (typeof options.to === 'string') raw['rollback-to'] = options.to;
      if (typeof options.shards === 'string') raw['shards-path'] = options.shards;
      exitCode = await runMode(raw, options.verbose === true, io);
    });
  }

  const status = program
    .command('status')
    .description(
      "Print the stage's route (standard, canary:N or lmi with the versions), production, the candidate, the rollback target and the fallback with each version's state and scaling, and the published LMI versions. Changes nothing.",
    );
  inputOptions(status, STATUS_INPUTS);
  status.action(async (options: Record<string, string | boolean | undefined>) => {
    exitCode = await runStatus(rawInputs(options), options.verbose === true, io);
  });

  const destroy = program
    .command('destroy')
    .description(
      `Delete the stack and every LMI version its functions hold, after scaling them to 0/0 and waiting until they are Deactivated; wait for DELETE_COMPLETE, then prove the functions and versions are gone and name what outlives the stack (log groups, retained resources). Refuses a stack with termination protection on, and one whose stage served requests in the traffic window or whose traffic cannot be proven, unless ${OVERRIDE_FLAG}.`,
    );
  inputOptions(destroy, STATUS_INPUTS);
  addDestroyOptions(destroy).action(
    async (options: Record<string, string | boolean | undefined> & DestroyFlags) => {
      exitCode = await runDestroy(rawInputs(options), options, io);
    },
  );

  const init = program
    .command('init')
    .description(
      'Convert a SAM app for lmi-cutover: an LMI copy of the function on a capacity provider, the original kept as the standard twin, its API events on a REST API routed by a stage variable, and the parameters and outputs the release model needs. Prints every change; writes nothing when the template cannot be converted.',
    );
  addInitOptions(init).action(async (flags: InitFlags) => {
    exitCode = await runInit(flags, io);
  });

  const cost = program
    .command('cost')
    .description(
      'Compare the monthly cost of standard Lambda and an LMI fleet (at least 3 instances) for the figures given; no AWS calls.',
    );
  addCostOptions(cost).action((flags: CostFlags) => {
    exitCode = runCost(flags, io);
  });

  addWavesCommands(program, io, (code) => (exitCode = code));

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    // --help and --version end with exit code 0; every other parse problem is bad usage.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw e;
  }
  return exitCode;
}

/** The config, or exit code 2 with every invalid input listed. */
function configOf(raw: RawInputs, io: CliEnvironment): Config | number {
  try {
    return parseConfig(raw, { env: io.env, cwd: io.cwd });
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`error: ${formatCutoverError(e)}\n(run with --help for usage)\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

async function runMode(raw: RawInputs, verbose: boolean, io: CliEnvironment): Promise<number> {
  const clock = io.clock ?? systemClock;
  const config = configOf(raw, io);
  if (typeof config === 'number') return config;
  const progress = consoleProgress(io, clock, { verbose });
  const end = await runOnce({ ...io, config, progress, clock, aws: { env: io.env } });
  if (end.result) io.stdout(summarise(end.result));
  await writeReport(end.report.report, config, io.cwd, progress);
  const shardWritten = end.shardReport ? await writeShard(end.shardReport, config, io.cwd, progress) : true;
  io.stdout(`${renderText(end.report.report)}\n`);
  if (end.failure) {
    io.stderr(`error: ${formatCutoverError(end.failure)}\n`);
    return EXIT_FAILED;
  }
  return shardWritten ? EXIT_OK : EXIT_FAILED;
}

/** A load shard's report at shard-report-path: the shard's only product, so a failure fails the run. */
async function writeShard(
  shard: ShardReport,
  config: Config,
  cwd: string,
  progress: Progress,
): Promise<boolean> {
  const path = resolve(cwd, config.shardReportPath);
  try {
    await writeShardReportJson(path, shard);
    progress.emit(CLI_MESSAGES.shardReportWritten, `Shard report written to ${path}`);
    return true;
  } catch (e) {
    progress.emit(
      CLI_MESSAGES.shardReportWriteFailed,
      `Writing the shard report to ${path} failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    return false;
  }
}

async function runStatus(raw: RawInputs, verbose: boolean, io: CliEnvironment): Promise<number> {
  const clock = io.clock ?? systemClock;
  const config = configOf(raw, io);
  if (typeof config === 'number') return config;
  const ctx = createPipelineContext({
    config,
    progress: consoleProgress(io, clock, { verbose }),
    clock,
    aws: { env: io.env },
  });
  try {
    const status = await readStatus(ctx, config.stackName);
    io.stdout(renderStatus(status));
    // A stage in a shape lmi-cutover did not make needs a person: say so with the exit code.
    return status.route ? EXIT_OK : EXIT_FAILED;
  } catch (e) {
    io.stderr(`error: ${formatCutoverError(asCutoverError(e))}\n`);
    return EXIT_FAILED;
  } finally {
    ctx.aws.destroy();
  }
}

async function runDestroy(
  raw: RawInputs,
  flags: DestroyFlags & { readonly verbose?: string | boolean },
  io: CliEnvironment,
): Promise<number> {
  const clock = io.clock ?? systemClock;
  const config = configOf(raw, io);
  if (typeof config === 'number') return config;
  const ctx = createPipelineContext({
    config,
    progress: consoleProgress(io, clock, { verbose: flags.verbose === true }),
    clock,
    aws: { env: io.env },
  });
  try {
    const run = await destroyStack(ctx, {
      stackName: config.stackName,
      dryRun: flags.dryRun === true,
      iKnowItServesProduction: flags.iKnowItServesProduction === true,
      trafficWindowHours: flags.trafficWindowHours,
      timeoutMinutes: flags.timeoutMinutes,
      ...io.destroyTiming,
    });
    io.stdout(renderDestroy(run));
    // A dry run says with its exit code whether the real one would go ahead.
    return run.type === 'dry-run' && run.decision.type === 'refused' ? EXIT_FAILED : EXIT_OK;
  } catch (e) {
    io.stderr(`error: ${formatCutoverError(asCutoverError(e))}\n`);
    return EXIT_FAILED;
  } finally {
    ctx.aws.destroy();
  }
}

function runCost(flags: CostFlags, io: CliEnvironment): number {
  try {
    io.stdout(renderCost(costInput(flags)));
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CostInputError) {
      io.stderr(`error: ${e.message}\n(run with --help for usage)\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

/** The JSON report at report-path; a problem writing it is a warning, not a failed run. */
async function writeReport(
  report: ReadonlyReport,
  config: Config,
  cwd: string,
  progress: Progress,
): Promise<void> {
  const path = resolve(cwd, config.reportPath);
  try {
    const written = await writeReportJson(path, report);
    progress.emit(CLI_MESSAGES.reportWritten, `Report written to ${written.path}`);
    if (written.problems.length > 0) {
      progress.emit(
        CLI_MESSAGES.reportSchemaProblems,
        `The report has schema problems: ${written.problems.slice(0, 5).join('; ')}`,
      );
    }
  } catch (e) {
    progress.emit(
      CLI_MESSAGES.reportWriteFailed,
      `Writing the report to ${path} failed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function summarise(result: PipelineResult): string {
  const lines = ['', ...describeResult(result)];
  if (result.mode === 'plan' && result.plan.type === 'planned')
    lines.push(`  change set: ${result.plan.changeSetName}`, `  stack id: ${result.plan.stackId}`);
  if ('deploy' in result) {
    lines.push(
      `  stack id: ${result.deploy.stackId}`,
      ...Object.entries(result.deploy.outputs).map(([k, v]) => `  ${k}: ${v}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
