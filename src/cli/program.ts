// The `lmi-cutover` command. Same inputs as the Action (as --flags), same pipeline, progress
// on the terminal. Exit codes: 0 success, 1 the run failed, 2 bad usage or invalid input.
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, INPUTS, parseConfig, type Mode, type RawInputs } from '../config.js';
import { systemClock, type Clock, type PipelineContext } from '../pipeline/context.js';
import { formatCutoverError } from '../pipeline/errors.js';
import { asCutoverError } from '../pipeline/failure.js';
import { formatDuration } from '../pipeline/format.js';
import { createPipelineContext, runPipeline, type PipelineResult, type RunOptions } from '../pipeline/run.js';
import { consoleProgress, type ConsoleWriter } from './console-progress.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliEnvironment extends ConsoleWriter, RunOptions {
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
  let ctx: PipelineContext | undefined;
  try {
    ctx = createPipelineContext({ config, progress, clock, cwd: io.cwd, aws: { env: io.env } });
    const result = await runPipeline(ctx, io);
    io.stdout(summarise(result));
    return EXIT_OK;
  } catch (e) {
    io.stderr(`error: ${formatCutoverError(asCutoverError(e))}\n`);
    return EXIT_FAILED;
  } finally {
    ctx?.aws.destroy();
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
