// `npm run demo`: the whole pipeline on one machine, no AWS account. Starts the emulator in
// this process (function code runs in worker threads), creates the artifact bucket and the
// webhook signing secret, then runs the real pipeline — verify by default: package and deploy
// workload/template.yaml, wait out the LMI version's provisioning, smoke checks, the
// concurrency check against the standard twin, gates — and prints the progress and the report.
// Writes demo-output/report.json, summary.md and comment.md. Exit code 0 when the run
// succeeded, 1 when it failed, 2 for bad options.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { consoleProgress } from '../src/cli/console-progress.js';
import { ConfigError, INPUTS, parseConfig, type Config } from '../src/config/config.js';
import { MODES } from '../src/core/domain.js';
import { systemClock } from '../src/core/clock.js';
import { formatCutoverError, type CutoverError } from '../src/core/errors.js';
import { formatDuration } from '../src/core/format.js';
import { loadSizing } from '../src/pipeline/verify/load.js';
import { runOnce } from '../src/pipeline/run.js';
import { renderText } from '../src/report/text.js';
import { startLocalAccount, workloadInputs, type LocalAccount } from './demo/local-cloud.js';
import { DEMO_NOTE, writeDemoOutputs } from './demo/write-outputs.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * Sized for a 2-core machine: 8 per environment makes the default concurrency 3 × 8 = 24 and
 * the default load 10 × 24 = 240 requests per side. The standard twin then cold-starts 24
 * environments at once, which takes several seconds of CPU here — close to Lambda's 10 s
 * standard init limit — so the emulator gives every init Lambda's LMI limit of 130 s instead:
 * the twin's figures then show slow cold starts rather than failures of a busy laptop.
 */
const PER_ENVIRONMENT_MAX_CONCURRENCY = 8;
const INIT_TIMEOUT_MS = 130_000;
/**
 * The local cloud answers in milliseconds: poll every second instead of AWS's 2–10 s, and say
 * something every 5 s of a wait (30 s on AWS) so the wait for the LMI version shows.
 */
const LOCAL_TIMINGS = {
  deploy: { timing: { stackPollMs: 1000, changeSetPollMs: 500, heartbeatMs: 5000 } },
  verify: { provision: { timing: { pollMs: 1000, heartbeatMs: 5000 } } },
};

/**
 * For modes that shift traffic: each canary step bakes 5 s at 20 probes/s (about 100 answers
 * judged per step) instead of 120 s at 5/s, so `--mode full` also ends within the demo's time.
 */
const LOCAL_CUTOVER_INPUTS = { 'bake-seconds': '5', 'probe-rate': '20' };

interface DemoOptions {
  readonly mode: string;
  /** Further action inputs by name (`concurrency-sweep=4,8,16`), over the demo's own. */
  readonly input: readonly string[];
  readonly provisionSeconds: number;
  readonly output: string;
}

type AccountFacts = Parameters<typeof workloadInputs>[0];
const PLACEHOLDER_ACCOUNT: AccountFacts = {
  emulator: { endpoint: 'http://127.0.0.1:4577', region: 'us-east-1' },
  artifactBucket: 'lmi-cutover-artifacts',
  secretParameterName: '/lmi-cutover/webhook-signing-secret',
};

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

function parseOptions(argv: readonly string[]): DemoOptions {
  const program = new Command('npm run demo --')
    .description(
      'Run lmi-cutover end to end on a local emulated AWS: deploy workload/template.yaml, wait for the LMI version, smoke and load it against the standard twin, shift traffic 10 → 50 → 100 % (mode full), and write the report.',
    )
    .option(
      '--mode <mode>',
      `pipeline mode, passed to the config as the mode input (${MODES.join(', ')})`,
      'full',
    )
    .option(
      '--provision-seconds <seconds>',
      'how long a published LMI version stays Pending (AWS takes minutes)',
      seconds,
      10,
    )
    .option('--output <dir>', 'folder for report.json, summary.md and comment.md', 'demo-output')
    .option(
      '--input <name=value>',
      'any other action input by its action.yml name, for example --input concurrency-sweep=4,8,16 (repeatable)',
      (value: string, previous: string[]) => [...previous, inputPair(value)],
      [] as string[],
    )
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });
  program.parse([...argv], { from: 'user' });
  return program.opts<DemoOptions>();
}

const INPUT_NAMES = new Set<string>(INPUTS.map((i) => i.name));

function inputPair(value: string): string {
  const name = value.slice(0, value.indexOf('='));
  if (!value.includes('=') || !INPUT_NAMES.has(name))
    throw new InvalidArgumentError(
      `give name=value with an input of action.yml (${[...INPUT_NAMES].join(', ')}).`,
    );
  return value;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n <= 0 || n > 3600)
    throw new InvalidArgumentError('give a number of seconds above 0 and at most 3600, such as 10 or 300.');
  return n;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw e;
  }
  try {
    // Bad inputs (an unknown --mode) fail before the local cloud starts.
    demoConfig(PLACEHOLDER_ACCOUNT, options);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err(`error: ${formatCutoverError(e)}\n`);
    return EXIT_USAGE;
  }
  const started = Date.now();
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    err(`\n${signal}: cancelling the run and stopping the local cloud...\n`);
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  out(`Starting the local cloud (LMI versions provision in ${options.provisionSeconds} s)...\n`);
  const account = await startLocalAccount({
    emulator: {
      provisioningMs: Math.round(options.provisionSeconds * 1000),
      runCode: { initTimeoutMs: INIT_TIMEOUT_MS },
    },
  });
  try {
    const config = demoConfig(account, options);
    describeSetup(account, config);
    const failure = await runDemo(config, options, abort.signal);
    out(`\nDemo finished in ${formatDuration(Date.now() - started)}.\n`);
    if (failure) {
      err(`error: ${formatCutoverError(failure)}\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } finally {
    await account.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function demoConfig(account: AccountFacts, options: DemoOptions): Config {
  return parseConfig(
    {
      ...workloadInputs(account, {
        mode: options.mode,
        parameters: { PerExecutionEnvironmentMaxConcurrency: String(PER_ENVIRONMENT_MAX_CONCURRENCY) },
      }),
      'report-path': resolve(options.output, 'report.json'),
      ...LOCAL_CUTOVER_INPUTS,
      ...Object.fromEntries(
        options.input.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
      ),
    },
    // Only the demo's own inputs: nothing from the shell's AWS variables.
    { env: {}, cwd: REPO_ROOT },
  );
}

function describeSetup(account: LocalAccount, config: Config): void {
  const { concurrency, requests } = loadSizing(config, PER_ENVIRONMENT_MAX_CONCURRENCY);
  out(
    [
      `Local cloud at ${account.emulator.endpoint} (${account.emulator.region}); artifact bucket ${account.artifactBucket}, ` +
        `signing secret in SSM ${account.secretParameterName}.`,
      `Mode ${config.mode} on ${config.template} as stack ${config.stackName}: PerExecutionEnvironmentMaxConcurrency ` +
        `${PER_ENVIRONMENT_MAX_CONCURRENCY}, so ${concurrency} requests in flight and ${requests} per side.`,
      `Init limit ${INIT_TIMEOUT_MS / 1000} s for every environment (Lambda gives standard functions 10 s): the twin ` +
        `cold-starts ${concurrency} environments at once on this machine's ${availableParallelism()} CPU(s).`,
      '',
    ].join('\n'),
  );
}

/** Runs the pipeline and writes the outputs; the failure, if the run failed. */
async function runDemo(
  config: Config,
  options: DemoOptions,
  signal: AbortSignal,
): Promise<CutoverError | undefined> {
  const clock = systemClock;
  const progress = consoleProgress({ stdout: out, stderr: err }, clock);
  const end = await runOnce({
    ...LOCAL_TIMINGS,
    config,
    progress,
    clock,
    cwd: REPO_ROOT,
    signal,
    aws: { env: {} },
  });
  const report = end.report.report;
  out(`\n${renderText(report)}\n`);
  const files = await writeDemoOutputs(resolve(options.output), report);
  for (const note of files.notes) progress.emit(DEMO_NOTE, note);
  out(`Wrote ${files.report}\n      ${files.summary}\n      ${files.comment}\n`);
  return end.failure;
}

process.exitCode = await main(process.argv.slice(2));
