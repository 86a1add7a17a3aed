// The post step (post-if: always()) and the state it reads. The main step saves the cutover's
// route state after every route change (core.saveState); if the job was cancelled, the runner
// killed or the step timed out while the stage was mid-canary, the post step puts production
// back on the version the run started from, proves it with probes when it can, and says so in
// the log and the job summary. A consistent stage is left alone, and so is a canary its main
// step did not start (reported, never touched).
import { GITHUB_MESSAGES, POST_PREFIX } from './messages.js';
import * as core from '@actions/core';
import { ConfigError, parseConfig, type RawInputs } from '../config/config.js';
import { errorMessage } from '../core/aws-errors.js';
import { type PipelineContext } from '../pipeline/context.js';
import { type Progress } from '../core/progress.js';
import { systemClock, type Clock } from '../core/clock.js';
import {
  CUTOVER_STATE_KEY,
  parseCutoverState,
  serializeCutoverState,
  type CutoverState,
} from '../pipeline/traffic/cutover-state.js';
import type { RepairResult } from '../pipeline/traffic/interrupted-repair.js';
import { formatCutoverError } from '../core/errors.js';
import { asCutoverError } from '../core/failure.js';
import type { StageProber } from '../pipeline/traffic/stage-prober.js';
import { describeRoute } from '../core/domain.js';
import { readActionInputs } from './inputs.js';
import { actionProgress } from './progress.js';
import { fence } from '../report/md.js';

/** After each route change of the main step: what the post step needs to repair an interruption. */
export function saveRouteState(state: CutoverState): void {
  core.saveState(CUTOVER_STATE_KEY, serializeCutoverState(state));
}

export interface PostDependencies {
  /** core.getState by default. */
  readonly getState?: (key: string) => string;
  /** The step's inputs (the post step sees the same ones as the main step). */
  readonly inputs?: RawInputs;
  readonly env?: NodeJS.ProcessEnv;
  readonly progress?: Progress;
  /** Appends markdown to the job summary; core.summary by default. */
  readonly writeSummary?: (markdown: string) => Promise<void>;
  readonly setFailed?: (message: string) => void;
  readonly clock?: Clock;
}

export type PostResult =
  { readonly type: 'nothing-saved' } | RepairResult | { readonly type: 'failed'; readonly message: string };

const PREFIX = POST_PREFIX;

export async function runPost(deps: PostDependencies = {}): Promise<PostResult> {
  const progress = deps.progress ?? actionProgress();
  const writeSummary = deps.writeSummary ?? defaultSummary;
  const setFailed = deps.setFailed ?? ((m: string) => core.setFailed(m));
  const saved = (deps.getState ?? core.getState)(CUTOVER_STATE_KEY);
  if (!saved) {
    progress.emit(
      GITHUB_MESSAGES.postNothingSaved,
      `${PREFIX} nothing pending; the main step changed no route.`,
    );
    return { type: 'nothing-saved' };
  }
  let ctx: PipelineContext | undefined;
  let prober: StageProber | undefined;
  try {
    // Loaded only when there is something to repair: a post step with nothing pending starts fast.
    const [{ createPipelineContext }, { repairAfterInterruption }, { proberFor }] = await Promise.all([
      import('../pipeline/run.js'),
      import('../pipeline/traffic/interrupted-repair.js'),
      import('./post-probes.js'),
    ]);
    const state = parseCutoverState(saved)!;
    const config = postConfig(state, deps.inputs ?? readActionInputs(), deps.env ?? process.env);
    ctx = createPipelineContext({
      config,
      progress,
      clock: deps.clock ?? systemClock,
      aws: { env: deps.env ?? process.env },
    });
    const probing = await proberFor(ctx, state, config.probeRate);
    prober = probing?.prober;
    const result = await repairAfterInterruption(ctx, state, {
      probe: prober?.probe,
      probeRate: config.probeRate,
      ...(probing?.attributed === false ? { attributed: false } : {}),
    });
    if (result.type === 'nothing-pending') {
      progress.emit(GITHUB_MESSAGES.postNothingPending, `${PREFIX} ${result.message}`);
      return result;
    }
    if (result.type === 'foreign-canary') {
      progress.emit(GITHUB_MESSAGES.postForeignCanary, `${PREFIX} ${result.message}`);
      await summarise(
        writeSummary,
        progress,
        `### ⚠️ lmi-cutover post step: a canary this run did not start\n\n` +
          `Stage \`${state.stage}\` of \`${state.stackName}\` has a canary, \`${describeRoute(result.route)}\`, ` +
          "that this job's main step did not set; the post step left it untouched.\n",
      );
      return result;
    }
    progress.emit(GITHUB_MESSAGES.postRepaired, `${PREFIX} ${result.message}`);
    await summarise(
      writeSummary,
      progress,
      `### ↩️ lmi-cutover post step: cutover repaired\n\n` +
        `The main step stopped with stage \`${state.stage}\` of \`${state.stackName}\` at \`${describeRoute(result.from)}\` ` +
        `(last saved \`${describeRoute(state.currentRoute)}\` at ${state.at}). ` +
        `The post step returned production to \`${describeRoute(result.to)}\`, where the run started` +
        (result.verified
          ? `, and probes confirmed it (${result.rollback.probes} sent).`
          : ', but probes did not confirm it: check the stage.') +
        '\n',
    );
    if (!result.verified && prober)
      setFailed(`${PREFIX} the repair was not verified by probes; check the stage.`);
    return result;
  } catch (e) {
    const error = asCutoverError(e);
    const message = formatCutoverError(error);
    progress.emit(GITHUB_MESSAGES.postFailed, `${PREFIX} could not check or repair the route: ${message}`);
    await summarise(
      writeSummary,
      progress,
      `### ❌ lmi-cutover post step: the route may be left mid-cutover\n\n${fence('', message)}\n`,
    );
    setFailed(`${PREFIX} ${message}`);
    return { type: 'failed', message };
  } finally {
    await prober?.close();
    ctx?.aws.destroy();
  }
}

/** Only what the repair needs: the stack and region from the state, the endpoint and rate from the inputs. */
function postConfig(state: CutoverState, inputs: RawInputs, env: NodeJS.ProcessEnv) {
  const base = { 'stack-name': state.stackName, region: state.region || undefined };
  try {
    return parseConfig(
      { ...base, 'endpoint-url': inputs['endpoint-url'], 'probe-rate': inputs['probe-rate'] },
      { env },
    );
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return parseConfig(base, { env });
  }
}

async function summarise(write: (md: string) => Promise<void>, progress: Progress, markdown: string) {
  try {
    await write(markdown);
  } catch (e) {
    progress.emit(GITHUB_MESSAGES.summarySkipped, `Job summary skipped: ${errorMessage(e)}`);
  }
}

async function defaultSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write();
  } catch (e) {
    core.summary.emptyBuffer();
    throw e;
  }
}
