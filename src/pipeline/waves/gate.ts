// `lmi-cutover waves gate`: before a wave starts, the wave before it must be released and
// healthy. Every target of that wave is read (release-check.ts); if all are released, each is
// baked (bake.ts) — probes through its stage and its alarms, for the bake — and read once more
// after, in case someone moved its route meanwhile. Anything short of that refuses, and the
// workflow step fails, which halts every later wave. Each target is in its own region, so each
// gets its own context; the caller makes them and the gate closes them.
import { errorMessage } from '../../core/aws-errors.js';
import { describeRoute, versionLabel } from '../../core/domain.js';
import type { Progress } from '../../core/progress.js';
import type { ReadonlyReport } from '../../report/model.js';
import type { GateRecord, GateTargetVerdict } from '../../report/waves-gate.js';
import type { PipelineContext } from '../context.js';
import { readRoute } from '../traffic/route.js';
import { bakeRelease, type BakeOptions, type BakeResult } from './bake.js';
import { WAVES_MESSAGES } from './messages.js';
import { checkRelease, routeProblem, type GateTarget, type ReleaseCheck } from './release-check.js';

export type { GateTarget } from './release-check.js';

export type GateVerdict = Pick<GateRecord, 'passed' | 'bakeSeconds' | 'previous'>;

export interface GateOptions extends BakeOptions {
  /** The wave before's reports; undefined when none were given (see release-check.ts). */
  readonly reports?: readonly ReadonlyReport[];
}

const keyOf = (t: { readonly region: string; readonly stackName: string }) => `${t.region}/${t.stackName}`;

function verdict(check: ReleaseCheck, bake?: BakeResult): GateTargetVerdict {
  return {
    region: check.target.region,
    stackName: check.target.stackName,
    ...(check.route ? { route: check.route } : {}),
    ...(check.expected ? { expected: check.expected } : {}),
    probes: { sent: bake?.sent ?? 0, failed: bake?.failed ?? 0 },
    alarms: [...new Set([...check.alarms, ...(bake?.alarms ?? [])])],
    problems: [...check.problems, ...(bake?.problems ?? [])],
  };
}

/** After the bake: the route may have moved while the probes ran (a rollback by hand). */
async function stillReleased(ctx: PipelineContext, check: ReleaseCheck): Promise<ReleaseCheck> {
  try {
    const { route } = await readRoute(ctx, check.ref!);
    const problem = routeProblem(route, check.expected!, 'the version it served when the bake began');
    return { ...check, route, problems: problem ? [...check.problems, problem] : check.problems };
  } catch (e) {
    return { ...check, problems: [...check.problems, errorMessage(e)] };
  }
}

export async function gatePreviousWave(
  targets: readonly GateTarget[],
  options: GateOptions,
  contextFor: (target: GateTarget) => PipelineContext,
  progress: Progress,
): Promise<GateVerdict> {
  const contexts = targets.map((t) => contextFor(t));
  try {
    if (!options.reports) {
      progress.emit(
        WAVES_MESSAGES.noReports,
        "No --reports: each target's release is taken to be its stack's last deployed LMI version (LmiVersion), whichever commit deployed it.",
      );
    }
    const checks = await Promise.all(targets.map((t, i) => checkRelease(contexts[i]!, t, options.reports)));
    for (const c of checks) {
      if (c.problems.length === 0)
        progress.emit(
          WAVES_MESSAGES.released,
          `${keyOf(c.target)}: ${c.route ? describeRoute(c.route) : '?'}, the released ${versionLabel(c.expected!)}.`,
        );
    }
    let verdicts: GateTargetVerdict[];
    if (checks.some((c) => c.problems.length > 0)) {
      // Refused before the bake: nothing a bake shows can make a wrong route right.
      verdicts = checks.map((c) => verdict(c));
    } else {
      progress.emit(
        WAVES_MESSAGES.baking,
        `Baking ${targets.map(keyOf).join(', ')} for ${options.bakeSeconds} s: probes at ${options.probeRate}/s through each stage` +
          `${targets.some((t) => t.alarmNames.length > 0) ? ', alarms polled' : ''}.`,
      );
      verdicts = await Promise.all(
        checks.map(async (c, i) => {
          const bake = await bakeRelease(contexts[i]!, c, options);
          return verdict(await stillReleased(contexts[i]!, c), bake);
        }),
      );
    }
    const passed = verdicts.every((v) => v.problems.length === 0);
    for (const v of verdicts)
      for (const p of v.problems) progress.emit(WAVES_MESSAGES.refused, `${keyOf(v)}: ${p}`);
    if (passed)
      progress.emit(
        WAVES_MESSAGES.passed,
        `The wave before (${targets.map(keyOf).join(', ')}) is released and healthy.`,
      );
    return { passed, bakeSeconds: options.bakeSeconds, previous: verdicts };
  } finally {
    for (const ctx of contexts) ctx.aws.destroy();
  }
}
