// Mode `rollback`: all production traffic back to the standard twin, from `lmi` or from a
// canary an interrupted cutover left, proven by probes through the stage. From `standard` it
// is a no-op success. The twin stays deployed, so this needs nothing built or deployed.
import { MODE_MESSAGES } from './messages.js';
import type { Config } from '../../config/config.js';
import type { CutoverSection, RollbackSection } from '../../report/model.js';
import { routeLabel, type Route, type RouteChange } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { requireDeployedStack } from '../deploy/deployed-stack.js';
import { CutoverError } from '../../core/errors.js';
import type { ReportBuilder } from '../../report/builder.js';
import { RollbackFailedError, rollbackToStandard } from '../traffic/rollback.js';
import { readRoute, routeRefFromOutputs, type RouteRef } from '../traffic/route.js';
import {
  emptyCutoverSection,
  routeStateRecorder,
  type RouteStateRecorder,
  type RouteStateSink,
} from '../traffic/route-record.js';
import { tryStageProber } from '../traffic/stage-prober.js';
import { newRunId } from '../webhook/request.js';

export type RollbackRun =
  | { readonly type: 'no-op'; readonly before: Route; readonly route: Route }
  | {
      readonly type: 'rolled-back';
      readonly before: Route;
      readonly route: Route;
      readonly change?: RouteChange;
      readonly section: RollbackSection;
    };

export interface RollbackModeOptions {
  readonly onRouteState?: RouteStateSink;
  readonly runId?: string;
}

export async function rollbackMode(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: Pick<Config, 'stackName' | 'probeRate'>,
  options: RollbackModeOptions = {},
): Promise<RollbackRun> {
  const { progress } = ctx;
  const stack = await requireDeployedStack(ctx, config.stackName, 'roll back');
  const ref = routeRefFromOutputs(stack.outputs, config.stackName);
  const { route: before } = await readRoute(ctx, ref);
  report.route({ before, after: before });
  if (before.kind === 'standard') {
    report.skipped('rollback', 'no-op: the route is already standard');
    progress.emit(
      MODE_MESSAGES.alreadyStandard,
      `Stage ${ref.stage} already sends all traffic to the standard twin: nothing to roll back.`,
    );
    return { type: 'no-op', before, route: before };
  }

  const probing = await tryStageProber(ctx, {
    stageUrl: stack.outputs.ApiUrl,
    functionName: stack.outputs.StandardFunctionName,
    runId: options.runId ?? newRunId(),
    probeRate: config.probeRate,
  });
  const recorder = await routeStateRecorder(
    ctx,
    {
      stackName: config.stackName,
      ref,
      route: before,
      stageUrl: stack.outputs.ApiUrl,
      secretParameter: probing?.secretParameter,
    },
    options.onRouteState,
  );
  const section = emptyCutoverSection();
  try {
    const outcome = await report.stage(
      'rollback',
      () =>
        progress.group(`Rollback: stage ${ref.stage} from ${routeLabel(before)} to standard`, () =>
          rollBackAndProve(ctx, { ref, before, probing, recorder, probeRate: config.probeRate }, section),
        ),
      (r) => ({
        detail: r.section.verified ? `verified by ${r.section.probes} probe(s)` : 'not verified by probes',
      }),
    );
    report.route({ after: outcome.route });
    return {
      type: 'rolled-back',
      before,
      route: outcome.route,
      change: outcome.change,
      section: outcome.section,
    };
  } catch (e) {
    if (e instanceof RollbackFailedError) {
      section.rollback = e.rollback;
      section.rolledBack = false;
      report.route({ after: e.rollback.finalRoute });
    } else if (section.rolledBack) {
      report.route({ after: { kind: 'standard' } });
    }
    throw e;
  } finally {
    report.cutover(section);
    await probing?.prober.close();
  }
}

/** One rollback to the twin, recorded in `section`; probes that cannot confirm it fail the run. */
async function rollBackAndProve(
  ctx: PipelineContext,
  args: {
    ref: RouteRef;
    before: Route;
    probing: Awaited<ReturnType<typeof tryStageProber>>;
    recorder: RouteStateRecorder;
    probeRate: number;
  },
  section: CutoverSection,
) {
  const { ref, before, probing, recorder } = args;
  const result = await rollbackToStandard(
    ctx,
    {
      stage: ref,
      probe: probing?.prober.probe,
      probeRate: args.probeRate,
      lastKnownRoute: before,
      onRouteChange: recorder.onRouteChange,
    },
    `mode rollback: all traffic back to the standard twin from ${routeLabel(before)}`,
  );
  if (result.change) section.routeChanges.push(result.change);
  section.rolledBack = true;
  section.rollback = result.section;
  if (probing && !result.section.verified) {
    throw new CutoverError(
      'ROLLBACK_FAILED',
      `Stage ${ref.stage} reads back as standard, but probes did not confirm that all traffic reaches the standard twin ` +
        `(${result.section.probes} sent). Check the stage and the twin before relying on it.`,
    );
  }
  return result;
}
