// `npm run demo`: the whole pipeline on one machine, no AWS account. Starts the emulator in
// this process (function code runs in worker threads), creates the artifact bucket and the
// webhook signing secret, then runs the real pipeline twice, as a team would release:
//   1. the first cutover — deploy workload/template.yaml, wait out the LMI version's
//      provisioning, smoke and concurrency checks against the standard twin, then the canary
//      from the twin to LMI v1;
//   2. the next release — the same workload with a code change, released LMI v1 → v2 through
//      the same checks and canary (`--scenario regression`: a v2 whose every POST fails, which
//      must stop at verification while production stays on v1).
// An independent prober watches production through the stage during the second release and
// counts who answered. `--mode` runs one pipeline mode once instead. Writes the last run's
// demo-output/report.json, summary.md and comment.md. Exit code 0 when the scenario went as it
// should, 1 when not, 2 for bad options.
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
import { releaseCopy, type ReleaseKind } from './demo/releases.js';
import { describeCounts, watchProduction, type WatchCounts } from './demo/watch.js';
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

const SCENARIOS = ['release', 'regression'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** Probes per second the independent watcher sends through production. */
const WATCH_RATE = 10;

interface DemoOptions {
  /** Set: one run of this mode instead of a scenario. */
  readonly mode?: string;
  readonly scenario: Scenario;
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
      'Run lmi-cutover end to end on a local emulated AWS: the first cutover (standard twin → LMI v1), then the next release (LMI v1 → v2) through the same checks and canary, with an independent prober on production; write the last report.',
    )
    .option(
      '--scenario <scenario>',
      `release: a good v2 lands through the canary; regression: a broken v2 is stopped and production stays on v1 (${SCENARIOS.join(', ')})`,
      (value: string) => {
        if (!(SCENARIOS as readonly string[]).includes(value))
          throw new InvalidArgumentError(`give one of: ${SCENARIOS.join(', ')}.`);
        return value;
      },
      'release',
    )
    .option('--mode <mode>', `run one pipeline mode once instead of a scenario (${MODES.join(', ')})`)
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
    const ok = options.mode
      ? await singleRun(config, options, abort.signal)
      : await twoReleases(account, options, abort.signal);
    out(`\nDemo finished in ${formatDuration(Date.now() - started)}.\n`);
    return ok ? EXIT_OK : EXIT_FAILED;
  } finally {
    await account.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function demoConfig(account: AccountFacts, options: DemoOptions, template?: string): Config {
  return parseConfig(
    {
      ...workloadInputs(account, {
        mode: options.mode ?? 'full',
        ...(template ? { template } : {}),
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

/** `--mode`: one run; true when it succeeded. */
async function singleRun(config: Config, options: DemoOptions, signal: AbortSignal): Promise<boolean> {
  const { failure } = await runDemo(config, options, signal);
  if (failure) err(`error: ${formatCutoverError(failure)}\n`);
  return failure === undefined;
}

/**
 * The first cutover, then the next release with the watcher on production. True when the
 * scenario ended as it should: a good v2 promoted, or a broken v2 refused while production
 * answered only from v1 with no 5xx.
 */
async function twoReleases(
  account: LocalAccount,
  options: DemoOptions,
  signal: AbortSignal,
): Promise<boolean> {
  out('\n=== Release 1: the first cutover, standard twin → LMI v1 ===\n');
  const first = await runDemo(demoConfig(account, options), options, signal);
  if (first.failure || !first.stageUrl) {
    err(
      `error: the first release failed: ${first.failure ? formatCutoverError(first.failure) : 'no ApiUrl output'}\n`,
    );
    return false;
  }
  const kind: ReleaseKind = options.scenario === 'regression' ? 'regression' : 'change';
  const copy = await releaseCopy(REPO_ROOT, kind, `lmi-cutover demo release 2 (${kind})`);
  const config = demoConfig(account, options, copy.template);
  const watch = watchProduction({
    stageUrl: first.stageUrl,
    secret: account.secret,
    runId: `demo-watch-${Date.now().toString(36)}`,
    ratePerSecond: WATCH_RATE,
  });
  let second: CutoverError | undefined;
  let counts: WatchCounts;
  try {
    out(
      kind === 'regression'
        ? '\n=== Release 2: a regression (every POST answers 500), LMI v1 → v2 ===\n'
        : '\n=== Release 2: a code change, LMI v1 → v2 through the canary ===\n',
    );
    second = (await runDemo(config, options, signal)).failure;
  } finally {
    counts = await watch.stop();
    await copy.remove();
  }
  out(
    `\nProduction watcher (${WATCH_RATE}/s through the stage during release 2): ${describeCounts(counts)}\n`,
  );
  const fivexx = Object.entries(counts.byStatus).filter(([s]) => s.startsWith('5') || s === '0');
  if (kind === 'change') {
    if (second) err(`error: release 2 failed: ${formatCutoverError(second)}\n`);
    return second === undefined && fivexx.length === 0;
  }
  // Neither the broken LMI v2 nor the twin's v2, published by the same deploy, may answer.
  const reachedV2 = Object.keys(counts.byVersion).some((k) => k.endsWith(' v2'));
  out(
    second
      ? `Release 2 was refused as it should be ([${second.code}]); production answered only from ` +
          `${Object.keys(counts.byVersion).join(', ')} with ${fivexx.length === 0 ? 'no' : 'some'} 5xx.\n`
      : 'Release 2 was NOT refused: the gates let a broken version through.\n',
  );
  return second !== undefined && !reachedV2 && fivexx.length === 0;
}

/** Runs the pipeline and writes the outputs; the failure, if the run failed, and the stage URL it deployed. */
async function runDemo(
  config: Config,
  options: DemoOptions,
  signal: AbortSignal,
): Promise<{ failure?: CutoverError; stageUrl?: string }> {
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
  return { failure: end.failure, stageUrl: report.deploy?.outputs.ApiUrl };
}

process.exitCode = await main(process.argv.slice(2));
