// What every deploying mode does first: read the stage's route and pass its versions back,
// so only the cutover and the rollback ever move traffic. A refusal (a canary left mid-way)
// marks the mode's stages skipped, so the timeline says why they never ran.
import type { StageTiming } from '../../report/model.js';
import type { PipelineContext } from '../context.js';
import type { DeployOptions } from '../deploy/deploy-stack.js';
import { emptyCutoverSection } from '../traffic/route-record.js';
import { routeBeforeDeploy, type RouteBeforeDeploy } from '../traffic/live-route.js';
import type { ModeInput } from './mode-input.js';

export async function beforeDeploy(ctx: PipelineContext, input: ModeInput): Promise<RouteBeforeDeploy> {
  const { config, report, options, runId } = input;
  const mode = config.mode;
  let pre: RouteBeforeDeploy;
  try {
    pre = await routeBeforeDeploy(ctx, {
      stackName: config.stackName,
      probeRate: config.probeRate,
      rollBackLeftoverCanary: mode === 'full' && config.resume === 'rollback',
      refusal:
        mode === 'full'
          ? 'resume: continue applies to mode cutover only: mode full deploys first, which would put that canary on a new, unverified LMI version.'
          : mode === 'plan'
            ? 'A plan now would show a change set whose parameters drop the canary, not what the deploy after the release would do.'
            : `Mode ${mode} never moves traffic, and a deploy now would drop the canary.`,
      runId,
      onRouteState: options.onRouteState,
      parameterOverrides: config.parameterOverrides,
    });
  } catch (e) {
    report.skippedUnlessRecorded(stagesOf(input), e);
    throw e;
  }
  if (pre.changes.length > 0) report.cutover({ ...emptyCutoverSection(), routeChanges: [...pre.changes] });
  const after = pre.changes.length > 0 ? pre.changes[pre.changes.length - 1]!.to : pre.route;
  report.route({ before: pre.route, after });
  return pre;
}

/** The deploy options with the stage's versions on top of the caller's overrides. */
export function withLiveTarget(deploy: DeployOptions | undefined, pre: RouteBeforeDeploy): DeployOptions {
  return {
    ...deploy,
    parameterOverrides: { ...deploy?.parameterOverrides, ...pre.parameterOverrides },
  };
}

/** The stages a mode runs, for marking them skipped when the run stops before them. */
function stagesOf({ config }: ModeInput): StageTiming['stage'][] {
  const verify: StageTiming['stage'][] = [
    'provision',
    'smoke',
    'load',
    ...(config.concurrencySweep.length > 0 ? (['sweep'] as const) : []),
  ];
  if (config.mode === 'plan') return ['plan'];
  if (config.mode === 'deploy') return ['deploy'];
  if (config.mode === 'verify') return ['deploy', ...verify];
  return ['deploy', ...verify, 'cutover'];
}
