// Verify with the user's checks file instead of the bundled webhook workload's contract: deploy,
// wait for the LMI version, run the user's smoke checks on both candidates, then — when the file
// declares `load:` — the concurrency check with that request, its gates and the optional sweep.
// Without `load:` the concurrency check is recorded as skipped, loudly — never as a pass.
import { readChecksFile, type ChecksFile } from '../../../config/checks-file.js';
import { CutoverError } from '../../../core/errors.js';
import type { GateResult, LatencyBaseline, SweepPoint } from '../../../core/domain.js';
import type { ReportBuilder } from '../../../report/builder.js';
import type { PipelineContext } from '../../context.js';
import type { DeployResult, DeploySettings } from '../../deploy/deploy-stack.js';
import type { LmiFunctionFacts } from '../../provision/lmi-version.js';
import type { ProvisionResult } from '../../provision/wait-for-version.js';
import { appStackFromOutputs, type AppStack } from '../../webhook/workload-stack.js';
import { productionTarget, type BaselineTarget } from '../baseline.js';
import { measuredCost } from '../cost.js';
import { loadSizing } from '../load.js';
import { VERIFY_MESSAGES } from '../messages.js';
import { provisionPhase, recordLoad, recordSmoke, sweepPhase } from '../phases.js';
import type { SmokeResult } from '../smoke.js';
import { deployForVerify, verifyStages, type VerifyOptions, type VerifySettings } from '../verify-stack.js';
import { measureLoadRequest, runChecksLoad, type ChecksLoadResult, type LoadRequestTraffic } from './load.js';
import { readTemplateRoutes } from './routes.js';
import { runUserChecks } from './run.js';
import { signerFor, type RequestSigner } from './signing.js';
import { newRunId } from '../../webhook/request.js';

export interface ChecksVerifyResult {
  readonly type: 'user-checks';
  readonly stack: AppStack;
  readonly provision: ProvisionResult;
  readonly smoke: SmokeResult;
  /** The concurrency check of the file's `load:` request, shaped as VerifyResult's `load`. */
  readonly load?: ChecksLoadResult;
  readonly gates?: readonly GateResult[];
  /** What max-p95-ms auto was derived from; absent for a number or without `load:`. */
  readonly baseline?: LatencyBaseline;
  readonly sweep?: readonly SweepPoint[];
  /** The file's `load:` section: the request the canary probes send. */
  readonly loadRequest?: LoadSpec;
  /** The file's `signing`, for the canary probes to sign with the same secret. */
  readonly sign?: RequestSigner;
  /** Why the concurrency check did not run: the file declares no `load:`. */
  readonly loadSkipped?: string;
}

const NO_LOAD_REQUEST =
  "not run: the checks file declares no `load:` request, and the bundled workload's signed webhooks do not apply to this app";

type ChecksSettings = VerifySettings & {
  readonly checksFile: string;
  readonly cwd: string;
  readonly template: string;
  /** A shift follows (cutover, full): the file must declare the `load:` its probes send. */
  readonly requireLoad?: boolean;
};

type LoadSpec = NonNullable<ChecksFile['load']>;

/** The file's `load:`, which a shift needs: its probes send that request through the stage. */
export function requireLoadRequest(load: LoadSpec | undefined, checksFile: string): LoadSpec {
  if (load) return load;
  throw new CutoverError(
    'INVALID_INPUT',
    `checks: ${checksFile} has no \`load:\` section, and a cutover needs it: the canary probes send its request through the stage ` +
      'and judge each answer by its expect. Add `load: { request: …, expect: … }` (README "Your own checks"); nothing was deployed.',
  );
}

/** The checks file is read before the deploy, so a bad one costs no deployment. */
export async function verifyStackWithChecks(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: ChecksSettings & DeploySettings,
  options: VerifyOptions = {},
  /** Already read by a caller that must refuse a bad file before anything else (mode full). */
  read?: ChecksAndRoutes,
): Promise<{ deploy: DeployResult; verify: ChecksVerifyResult }> {
  const file = read ?? (await readChecks(settings));
  const deploy = await deployForVerify(ctx, report, settings, options);
  return { deploy, verify: await verifyChecksOn(ctx, report, settings, deploy.outputs, file, options) };
}

/** Mode cutover: the deployed stack's candidates, verified again with the checks file. */
export async function verifyDeployedWithChecks(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: ChecksSettings,
  outputs: Readonly<Record<string, string>>,
  options: VerifyOptions = {},
): Promise<ChecksVerifyResult> {
  const file = await readChecks(settings);
  return verifyChecksOn(ctx, report, settings, outputs, file, options);
}

export interface ChecksAndRoutes {
  readonly checks: ChecksFile;
  readonly routes: readonly string[];
}

/** The checks file (refused as a whole when bad) and the routes of the template's API. */
export async function readChecks(settings: ChecksSettings): Promise<ChecksAndRoutes> {
  const checks = await readChecksFile(settings.cwd, settings.checksFile);
  if (settings.requireLoad) requireLoadRequest(checks.load, settings.checksFile);
  // The routes of the API's OpenAPI body, from the template the app deploys (`template`).
  const routes = await readTemplateRoutes(settings.cwd, settings.template);
  return { checks, routes };
}

async function verifyChecksOn(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: ChecksSettings,
  outputs: Readonly<Record<string, string>>,
  { checks, routes }: ChecksAndRoutes,
  options: VerifyOptions,
): Promise<ChecksVerifyResult> {
  try {
    const stack = appStackFromOutputs(settings.stackName, outputs);
    const region = await ctx.aws.region();
    const provision = await provisionPhase(ctx, report, settings, stack, options.provision);
    const sign = await signerFor(ctx, checks.signing, {
      runId: options.runId ?? newRunId(),
      functionEnvironment: provision.function.environment,
      functionName: stack.lmi.functionName,
    });
    const smoke = await recordSmoke(
      ctx,
      report,
      () => runUserChecks(ctx, { stack, region, checks: checks.checks, routes, now: options.now, sign }),
      options.onSmokeChecked,
    );
    const verified = {
      type: 'user-checks' as const,
      stack,
      provision,
      smoke,
      ...(sign ? { sign } : {}),
      ...(checks.load ? { loadRequest: checks.load } : {}),
    };
    if (!checks.load) {
      skipLoad(ctx, report, settings);
      return { ...verified, loadSkipped: NO_LOAD_REQUEST };
    }
    const traffic: LoadRequestTraffic = { stack, region, load: checks.load, routes, now: options.now, sign };
    const production = () => productionTarget(ctx, settings.stackName, outputs);
    const measured = await loadRequestPhases(ctx, report, settings, traffic, provision.function, production);
    return { ...verified, ...measured };
  } catch (e) {
    report.skippedUnlessRecorded(verifyStages(settings), e);
    throw e;
  }
}

/** The load stage with the file's request (gates and cost as for the workload), then the sweep. */
async function loadRequestPhases(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: VerifySettings,
  traffic: LoadRequestTraffic,
  lmiFacts: LmiFunctionFacts,
  production: () => Promise<BaselineTarget>,
): Promise<Pick<ChecksVerifyResult, 'load' | 'gates' | 'sweep' | 'baseline'>> {
  const sizing = loadSizing(settings, lmiFacts.maxConcurrency);
  const lambda = ctx.aws.lambdaForLoad(sizing.concurrency);
  const { load, gates, baseline } = await recordLoad(ctx, report, settings, sizing, {
    run: () => runChecksLoad(ctx, { ...traffic, ...sizing, lambda }),
    baseline: {
      production,
      measure: (target, sample) =>
        measureLoadRequest(ctx, lambda, { ...traffic, ...sample, target }, target.side),
    },
    beforeGates: async (l) => {
      const cost = await measuredCost(ctx, settings, traffic.stack, lmiFacts, l);
      if (cost) report.cost(cost);
    },
  });
  const sweep = await sweepPhase(ctx, report, settings, sizing, (lambda, level) =>
    measureLoadRequest(ctx, lambda, { ...traffic, ...level }, 'lmi'),
  );
  return { load, gates, sweep, ...(baseline ? { baseline } : {}) };
}

function skipLoad(ctx: PipelineContext, report: ReportBuilder, settings: VerifySettings): void {
  ctx.progress.emit(
    VERIFY_MESSAGES.loadNotApplicable,
    `Concurrency check skipped — ${NO_LOAD_REQUEST}. The LMI version was NOT load-tested; add a \`load:\` request to the checks file.`,
  );
  report.skipped('load', NO_LOAD_REQUEST);
  if (settings.concurrencySweep.length > 0) report.skipped('sweep', NO_LOAD_REQUEST);
}
