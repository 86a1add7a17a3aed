// Mode `rollback`: production back to a known-good version, proven by probes through the stage.
// `rollback-to: previous` (default) returns to the production version before the last promotion,
// which stays Active and permitted for exactly this; `rollback-to: standard` sends production to
// the twin's last verified version, the emergency fallback. A canary an interrupted release left
// is undone to its production version (or, with `standard`, replaced by the fallback). Nothing
// is built or deployed.
import { MODE_MESSAGES } from './messages.js';
import type { Config } from '../../config/config.js';
import type { CutoverSection, RollbackSection } from '../../report/model.js';
import {
  describeRoute,
  productionOf,
  versionLabel,
  type Route,
  type RouteChange,
  type VersionRef,
} from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { requireDeployedStack } from '../deploy/deployed-stack.js';
import { CutoverError } from '../../core/errors.js';
import type { ReportBuilder } from '../../report/builder.js';
import { RollbackFailedError, rollbackTo } from '../traffic/rollback.js';
import {
  readRoute,
  routeRefFromOutputs,
  wayBack,
  type RouteReading,
  type RouteRef,
  type WayBackChange,
} from '../traffic/route.js';
import {
  emptyCutoverSection,
  routeStateRecorder,
  type RouteStateRecorder,
  type RouteStateSink,
} from '../traffic/route-record.js';
import { tryStageProber } from '../traffic/stage-prober.js';
import { checksRollbackProbing } from './checks-shift.js';
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

/** Where this rollback goes, and what the stage remembers afterwards; undefined: nothing to do. */
interface RollbackPlan {
  readonly target: VersionRef;
  readonly wayBackAfter: WayBackChange;
  readonly why: string;
}

function planRollback(reading: RouteReading, ref: RouteRef, to: Config['rollbackTo']): RollbackPlan | string {
  const { route, state } = reading;
  const production = productionOf(route)!;
  const back = wayBack(state, ref);
  if (to === 'standard') {
    const target = back.fallback ?? (production.side === 'standard' ? production : undefined);
    if (!target) {
      throw new CutoverError(
        'NO_ROLLBACK_TARGET',
        `The stage remembers no verified twin version (stage variable fallbackFunction is not set), so rollback-to: standard has nowhere safe to go. ` +
          'It is set when a release is promoted after its twin passed the smoke checks.',
      );
    }
    if (
      route.kind !== 'canary' &&
      route.target?.side === 'standard' &&
      target.version === production.version
    ) {
      return `production already runs the twin's verified version (${versionLabel(target)})`;
    }
    return {
      target,
      wayBackAfter: { rollback: null },
      why: `mode rollback (to standard): production to the twin's last verified version, ${versionLabel(target)}, from ${describeRoute(route)}`,
    };
  }
  if (route.kind === 'canary') {
    return {
      target: production,
      wayBackAfter: {},
      why: `mode rollback: the canary of ${describeRoute(route)} undone, production stays on ${versionLabel(production)}`,
    };
  }
  if (!back.rollback) {
    if (production.side === 'standard')
      return `production runs the standard twin (${versionLabel(production)}) and no release has been promoted since`;
    throw new CutoverError(
      'NO_ROLLBACK_TARGET',
      `The stage remembers no previous production version (stage variable rollbackFunction is not set): ${versionLabel(production)} is the only release it knows. ` +
        'Use rollback-to: standard to send production to the twin, or release a fixed version.',
    );
  }
  return {
    target: back.rollback,
    wayBackAfter: { rollback: null },
    why: `mode rollback: production back to the previous production version, ${versionLabel(back.rollback)}, from ${describeRoute(route)}`,
  };
}

/** What proves the rollback: signed webhooks naming their version, or a checks file's load request. */
type Probing = Awaited<ReturnType<typeof tryStageProber>> | Awaited<ReturnType<typeof checksRollbackProbing>>;

export async function rollbackMode(
  ctx: PipelineContext,
  report: ReportBuilder,
  config: Pick<Config, 'stackName' | 'probeRate' | 'rollbackTo' | 'checksFile'>,
  options: RollbackModeOptions & { readonly cwd?: string } = {},
): Promise<RollbackRun> {
  const { progress } = ctx;
  const stack = await requireDeployedStack(ctx, config.stackName, 'roll back');
  const ref = routeRefFromOutputs(stack.outputs, config.stackName);
  const reading = await readRoute(ctx, ref);
  const before = reading.route;
  report.route({ before, after: before });
  const plan = planRollback(reading, ref, config.rollbackTo);
  if (typeof plan === 'string') {
    report.skipped('rollback', `no-op: ${plan}`);
    progress.emit(MODE_MESSAGES.alreadyThere, `Stage ${ref.stage}: ${plan}; nothing to roll back.`);
    return { type: 'no-op', before, route: before };
  }

  const runId = options.runId ?? newRunId();
  // An app with a checks file is proven by its load request; the webhook by signed probes.
  const probing: Probing =
    config.checksFile !== undefined
      ? await checksRollbackProbing(ctx, {
          cwd: options.cwd ?? process.cwd(),
          checksFile: config.checksFile,
          stageUrl: stack.outputs.ApiUrl,
          lmiFunctionName: ref.lmiFunctionName,
          runId,
          probeRate: config.probeRate,
        })
      : await tryStageProber(ctx, {
          stageUrl: stack.outputs.ApiUrl,
          functionName: stack.outputs.StandardFunctionName,
          runId,
          probeRate: config.probeRate,
        });
  const recorder = await routeStateRecorder(
    ctx,
    {
      stackName: config.stackName,
      ref,
      route: before,
      production: productionOf(before)!,
      stageUrl: stack.outputs.ApiUrl,
      ...(probing && 'secretParameter' in probing ? { secretParameter: probing.secretParameter } : {}),
      ...(config.checksFile !== undefined ? { checksFile: config.checksFile } : {}),
    },
    options.onRouteState,
  );
  const section = emptyCutoverSection();
  try {
    const outcome = await report.stage(
      'rollback',
      () =>
        progress.group(
          `Rollback: stage ${ref.stage} from ${describeRoute(before)} to ${versionLabel(plan.target)}`,
          () =>
            rollBackAndProve(
              ctx,
              { ref, before, plan, probing, recorder, probeRate: config.probeRate },
              section,
            ),
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
      report.route({ after: { kind: plan.target.side, target: plan.target } });
    }
    throw e;
  } finally {
    report.cutover(section);
    await probing?.prober.close();
  }
}

/** One rollback to the plan's target, recorded in `section`; probes that cannot confirm it fail the run. */
async function rollBackAndProve(
  ctx: PipelineContext,
  args: {
    ref: RouteRef;
    before: Route;
    plan: RollbackPlan;
    probing: Probing;
    recorder: RouteStateRecorder;
    probeRate: number;
  },
  section: CutoverSection,
) {
  const { ref, before, plan, probing, recorder } = args;
  const result = await rollbackTo(
    ctx,
    {
      stage: ref,
      target: plan.target,
      wayBackAfter: plan.wayBackAfter,
      probe: probing?.prober.probe,
      ...(probing && 'attributed' in probing ? { attributed: probing.attributed } : {}),
      probeRate: args.probeRate,
      lastKnownRoute: before,
      onRouteIntent: recorder.onRouteIntent,
      onRouteChange: recorder.onRouteChange,
    },
    plan.why,
  );
  if (result.change) section.routeChanges.push(result.change);
  section.rolledBack = true;
  section.rollback = result.section;
  if (probing && !result.section.verified) {
    throw new CutoverError(
      'ROLLBACK_FAILED',
      `Stage ${ref.stage} reads back as ${versionLabel(plan.target)}, but probes did not confirm that all traffic reaches it ` +
        `(${result.section.probes} sent). Check the stage and the twin before relying on it.`,
    );
  }
  return result;
}
