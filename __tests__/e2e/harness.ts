// End-to-end harness: the real pipeline (runPipeline, any mode) against the emulator running
// function code, in a local account that has the artifact bucket and the signing secret. One
// cloud per test file; each run() builds its Config with parseConfig as the Action and the CLI
// do, records the progress, fills and finishes a report, and returns what a caller would see:
// the result or the CutoverError, the report, the action outputs and the emulator calls made.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallRecord, EmulatorOptions } from '../../emulator/index.js';
import { parseConfig, type Config, type RawInputs } from '../../src/config/config.js';
import { setPipelineOutputs, setReportOutputs } from '../../src/github/outputs.js';
import { type PipelineContext } from '../../src/pipeline/context.js';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { CutoverError } from '../../src/core/errors.js';
import { DEFAULT_DEPLOY_TIMING } from '../../src/pipeline/deploy/deployment.js';
import { asCutoverError } from '../../src/core/failure.js';
import { DEFAULT_PROVISION_TIMING } from '../../src/pipeline/provision/wait-for-version.js';
import { ReportBuilder } from '../../src/report/builder.js';
import {
  createPipelineContext,
  pipelineOutcome,
  runPipeline,
  type PipelineResult,
  type RunOptions,
} from '../../src/pipeline/run.js';
import type { WebhookOutcome } from '../../src/pipeline/webhook/answer.js';
import { postToStage } from '../../src/pipeline/webhook/http.js';
import { signedWebhook } from '../../src/pipeline/webhook/request.js';
import { signingSecrets } from '../../src/pipeline/webhook/signature.js';
import type { ReadonlyReport } from '../../src/report/model.js';
import { reportSchema } from '../../src/report/schema.js';
import {
  startLocalAccount,
  workloadInputs,
  type LocalAccount,
  type LocalAccountOptions,
} from '../../scripts/demo/local-cloud.js';
import { recordingProgress, type RecordingProgress } from '../unit/support.js';

/** The repository root: relative template paths resolve here. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** Short enough for tests, long enough that a version is visibly Pending for a poll or two. */
const TEST_PROVISIONING_MS = 300;

/**
 * Polls sized to the emulator's milliseconds instead of AWS's seconds. Heartbeats stay at
 * their defaults (30 s): with the fast clock they show up without waiting for them.
 */
const FAST_DEPLOY_TIMING = { stackPollMs: 100, changeSetPollMs: 50 };
const FAST_PROVISION_TIMING = { pollMs: 100 };

/**
 * The pipeline's own cadence (polls every few seconds): with fastClock() a wait of minutes
 * then takes a few dozen polls instead of thousands.
 */
export const DEFAULT_TIMINGS = {
  deploy: { timing: DEFAULT_DEPLOY_TIMING },
  verify: { provision: { timing: DEFAULT_PROVISION_TIMING } },
} satisfies Omit<RunOptions, 'report'>;

export interface E2eCloudOptions extends Omit<LocalAccountOptions, 'emulator'> {
  /** Merged over the test defaults: runCode on, TEST_PROVISIONING_MS, change sets in 5 ms. */
  readonly emulator?: EmulatorOptions;
}

export interface E2eRunOptions {
  /** Default verify. */
  readonly mode?: string;
  readonly stackName?: string;
  /** Relative to the repository root, or absolute; default workload/template.yaml. */
  readonly template?: string;
  /** Template parameters beyond the local network and the secret's name. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** False for a template that is not the webhook (no SigningSecretParameterName parameter). */
  readonly signingSecret?: boolean;
  /** Any other raw input by its action.yml name (`concurrency`, `max-error-rate` …). */
  readonly inputs?: RawInputs;
  /** systemClock by default; fastClock() makes multi-minute deadlines pass in moments. */
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /**
   * Called as each stage's progress group starts, with its title (`Concurrency check: …`):
   * the place to inject a fault between stages, such as errors that only the load should meet.
   */
  readonly onGroup?: (name: string) => void;
  /**
   * Handed to runPipeline. Deploy and provisioning poll fast unless timings are given here;
   * later modes' options pass through untouched.
   */
  readonly pipeline?: Omit<RunOptions, 'report'>;
}

/** The options that make up the Config. */
type ConfigOptions = Pick<
  E2eRunOptions,
  'mode' | 'stackName' | 'template' | 'parameters' | 'inputs' | 'signingSecret'
>;

export interface E2eRun<T = PipelineResult> {
  readonly config: Config;
  /** Set when the pipeline (or the stages run) finished. */
  readonly result?: T;
  /** Set when it failed: what escaped, as the Action and the CLI turn it into a CutoverError. */
  readonly error?: CutoverError;
  /** Finished: outcome, error and finish time filled in. */
  readonly report: ReadonlyReport;
  /** Problems reportSchema finds in the report (a reader would reject it); empty when none. */
  readonly reportProblems: readonly string[];
  readonly progress: RecordingProgress;
  /** The Action's outputs as core.setOutput would receive them. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Emulator requests made during this run, in order. */
  readonly calls: readonly CallRecord[];
}

/** Runs some stages by hand with the context and report run() would use. */
type StagesBody<T> = (
  ctx: PipelineContext,
  report: ReportBuilder,
  pipeline: RunOptions,
  config: Config,
) => Promise<T>;

export interface E2eCloud extends LocalAccount {
  /** The Config run() would build for these options (throws the ConfigError parseConfig throws). */
  config(options?: ConfigOptions): Config;
  /** runPipeline in the configured mode (verify by default). */
  run(options?: E2eRunOptions): Promise<E2eRun>;
  /**
   * `body` instead of runPipeline (verifyDeployed on a version published by hand, a cutover
   * step on its own …); the outcome is success when it resolves.
   */
  runStages<T>(options: E2eRunOptions, body: StagesBody<T>): Promise<E2eRun<T>>;
}

export async function startE2eCloud(options: E2eCloudOptions = {}): Promise<E2eCloud> {
  const account = await startLocalAccount({
    ...options,
    emulator: {
      // A dozen cold starts at once on two shared cores can outlast Lambda's 10 s init limit
      // (it measures AWS's hosts): here a slow cold start still answers.
      runCode: { initTimeoutMs: 60_000 },
      provisioningMs: TEST_PROVISIONING_MS,
      changeSetDelayMs: 5,
      ...options.emulator,
    },
  });
  const config = (o: ConfigOptions = {}): Config =>
    parseConfig(
      {
        ...workloadInputs(account, {
          mode: o.mode,
          stackName: o.stackName,
          template: o.template,
          parameters: o.parameters,
          ...(o.signingSecret === false ? { signingSecret: false } : {}),
        }),
        // `auto` compares LMI with production's warm latency, which contention alone can breach
        // when two cores run the pipeline and every environment: tests about latency say `auto`.
        'max-p95-ms': '60000',
        ...o.inputs,
      },
      { env: {}, cwd: REPO_ROOT },
    );
  return {
    ...account,
    config,
    run: (o = {}) =>
      runOnce(
        account,
        config(o),
        o,
        (ctx, report, pipeline, cfg) => runPipeline(ctx, cfg, { ...pipeline, report, cwd: REPO_ROOT }),
        true,
      ),
    runStages: (o, body) => runOnce(account, config(o), o, body, false),
  };
}

async function runOnce<T>(
  account: LocalAccount,
  config: Config,
  o: E2eRunOptions,
  body: StagesBody<T>,
  /** body is runPipeline: its result sets the deploy outputs and the run's outcome. */
  isPipeline: boolean,
): Promise<E2eRun<T>> {
  const clock = o.clock ?? systemClock;
  const recording = recordingProgress();
  const progress: RecordingProgress = {
    ...recording,
    group: (name, fn) => {
      o.onGroup?.(name);
      return recording.group(name, fn);
    },
  };
  const report = new ReportBuilder({
    mode: config.mode,
    stackName: config.stackName,
    clock,
    region: config.region,
  });
  const firstCall = account.emulator.calls.length;
  const ctx = createPipelineContext({
    config,
    progress,
    clock,
    signal: o.signal,
    aws: { env: {} },
  });
  let result: T | undefined;
  let error: CutoverError | undefined;
  try {
    result = await body(ctx, report, withFastTimings(o.pipeline), config);
    report.finish({ outcome: isPipeline ? pipelineOutcome(result as PipelineResult) : 'success' });
  } catch (e) {
    error = asCutoverError(e);
    report.finish({ error: { code: error.code, message: error.message } });
  } finally {
    ctx.aws.destroy();
  }
  const outputs: Record<string, string> = {};
  const setOutput = (name: string, value: string) => {
    outputs[name] = value;
  };
  if (isPipeline && result) setPipelineOutputs(result as unknown as PipelineResult, setOutput, progress);
  setReportOutputs(report.report, setOutput);
  const checked = reportSchema.safeParse(JSON.parse(JSON.stringify(report.report)));
  return {
    config,
    result,
    error,
    report: report.report,
    reportProblems: checked.success
      ? []
      : checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    progress,
    outputs,
    calls: account.emulator.calls.slice(firstCall),
  };
}

function withFastTimings(pipeline: Omit<RunOptions, 'report'> = {}): Omit<RunOptions, 'report'> {
  return {
    ...pipeline,
    deploy: { ...pipeline.deploy, timing: { ...FAST_DEPLOY_TIMING, ...pipeline.deploy?.timing } },
    verify: {
      ...pipeline.verify,
      provision: {
        ...pipeline.verify?.provision,
        timing: { ...FAST_PROVISION_TIMING, ...pipeline.verify?.provision?.timing },
      },
    },
  };
}

/**
 * A clock for deadlines measured in minutes: it reads the real time plus everything it skipped,
 * and each sleep waits at most `realSleepMs` for real while the clock moves on by the whole
 * pause. Waits bounded by minutes (deploy-timeout-minutes, provisioning-timeout-minutes) end
 * after a few dozen polls; the emulator's own timers still run in real time. With `from`, the
 * clock keeps real time (sleeps stay short) until that promise settles, so a deadline cannot
 * pass before the state under test is reached.
 */
export function fastClock(options: { realSleepMs?: number; from?: Promise<unknown> } = {}): Clock {
  const realSleepMs = options.realSleepMs ?? 10;
  let skipping = options.from === undefined;
  void options.from?.finally(() => {
    skipping = true;
  });
  let skipped = 0;
  return {
    now: () => Date.now() + skipped,
    sleep: async (ms, signal) => {
      const real = Math.min(ms, realSleepMs);
      await systemClock.sleep(real, signal);
      if (skipping) skipped += ms - real;
    },
  };
}

/** Resolves when the emulator first puts an LMI version in Pending (publishing it). */
export function lmiVersionPending(cloud: E2eCloud): Promise<void> {
  const events = cloud.emulator.state.lambda.events;
  return new Promise((resolve) => {
    const onState = (v: { state: string }) => {
      if (v.state !== 'Pending') return;
      events.off('versionState', onState);
      resolve();
    };
    events.on('versionState', onState);
  });
}

export interface SignedPostOptions {
  /** Default: a fresh id per call. */
  readonly deliveryId?: string;
  /** Default: a small `e2e.test` event. */
  readonly body?: string;
  /** Default: the account's signing secret (the parameter's value: one or more whsec_ secrets). */
  readonly secret?: string;
  /** Default: now. */
  readonly timestampSeconds?: number;
}

let deliveries = 0;

/**
 * POSTs a signed webhook to a deployed stage over HTTP, as a real sender would: `stageUrl` is
 * the stack's ApiUrl output (the emulator rewrites it to its own execute-api form).
 */
export function signedPostToStage(
  account: Pick<LocalAccount, 'secret'>,
  stageUrl: string,
  options: SignedPostOptions = {},
): Promise<WebhookOutcome> {
  deliveries += 1;
  const deliveryId = options.deliveryId ?? `e2e-${process.pid}-${Date.now()}-${deliveries}`;
  const request = signedWebhook({
    secrets: signingSecrets(options.secret ?? account.secret),
    deliveryId,
    rawBody: options.body ?? JSON.stringify({ event_type: 'e2e.test', delivery: deliveryId }),
    timestampSeconds: options.timestampSeconds ?? Math.floor(Date.now() / 1000),
  });
  return postToStage(stageUrl, request, { timeoutMs: 30_000 });
}

/** The stack outputs a run deployed (from its report, so a failed run has them too when it got that far). */
export function stackOutputs(run: E2eRun<unknown>): Readonly<Record<string, string>> {
  const outputs = run.report.deploy?.outputs;
  if (!outputs) throw new Error(`the run has no deployed stack outputs (${run.error?.code ?? 'no error'})`);
  return outputs;
}

/** The progress lines, warnings included, for assertions and for a failing test's message. */
export const progressText = (run: E2eRun<unknown>): string => run.progress.text();

/** Throws the run's error with its details and the progress log, so a failed test shows why. */
export function expectSucceeded(run: E2eRun<unknown>): void {
  if (!run.error) return;
  throw new Error(
    [
      `expected the run to succeed, but it failed: ${run.error.code}: ${run.error.message}`,
      ...run.error.details,
      '',
      'progress:',
      progressText(run),
    ].join('\n'),
  );
}

/**
 * A short release judged by CloudWatch metrics: two canary steps of 6 s at 10 probes a second,
 * on 1 s metric periods read 1 s after each bake (the local cloud keeps every sample, so this
 * holds whole periods at once), and a small concurrency check.
 */
export const FAST_METRICS_RELEASE: Readonly<Record<string, string>> = {
  'cutover-steps': '50,100',
  'bake-seconds': '6',
  'probe-rate': '10',
  'metrics-period-seconds': '1',
  'metrics-delay-seconds': '1',
  concurrency: '4',
  'load-requests': '8',
};
