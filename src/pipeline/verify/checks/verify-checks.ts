// Verify with the user's checks file instead of the bundled webhook workload's contract: deploy,
// wait for the LMI version, run the user's smoke checks on both candidates. The concurrency
// check measures signed webhooks and reads them back from the events table, which a user's app
// does not have, so it is recorded as skipped, loudly — never as a pass.
import type { ChecksFile } from '../../../config/checks-file.js';
import { readChecksFile } from '../../../config/checks-file.js';
import type { ReportBuilder } from '../../../report/builder.js';
import type { PipelineContext } from '../../context.js';
import type { DeployResult, DeploySettings } from '../../deploy/deploy-stack.js';
import type { ProvisionResult } from '../../provision/wait-for-version.js';
import { appStackFromOutputs, type AppStack } from '../../webhook/workload-stack.js';
import { VERIFY_MESSAGES } from '../messages.js';
import { provisionPhase, recordSmoke } from '../phases.js';
import type { SmokeResult } from '../smoke.js';
import { deployForVerify, verifyStages, type VerifyOptions, type VerifySettings } from '../verify-stack.js';
import { readTemplateRoutes } from './routes.js';
import { runUserChecks } from './run.js';

export interface ChecksVerifyResult {
  readonly type: 'user-checks';
  readonly stack: AppStack;
  readonly provision: ProvisionResult;
  readonly smoke: SmokeResult;
  /** Why the concurrency check did not run. */
  readonly loadSkipped: string;
}

const LOAD_NOT_APPLICABLE =
  'not applicable: the checks file has no webhook contract (the concurrency check sends signed webhooks and reads them back from the events table)';

/** The checks file is read before the deploy, so a bad one costs no deployment. */
export async function verifyStackWithChecks(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: VerifySettings & DeploySettings & { readonly checksFile: string; readonly cwd: string },
  options: VerifyOptions = {},
): Promise<{ deploy: DeployResult; verify: ChecksVerifyResult }> {
  const checks = await readChecksFile(settings.cwd, settings.checksFile);
  const routes = await readTemplateRoutes(settings.cwd, settings.template);
  const deploy = await deployForVerify(ctx, report, settings, options);
  try {
    const stack = appStackFromOutputs(settings.stackName, deploy.outputs);
    const region = await ctx.aws.region();
    const provision = await provisionPhase(ctx, report, settings, stack, options.provision);
    const smoke = await recordSmoke(
      ctx,
      report,
      () => runUserChecks(ctx, { stack, region, checks: checks.checks, routes, now: options.now }),
      options.onSmokeChecked,
    );
    skipLoad(ctx, report, settings, checks);
    return {
      deploy,
      verify: { type: 'user-checks', stack, provision, smoke, loadSkipped: LOAD_NOT_APPLICABLE },
    };
  } catch (e) {
    report.skippedUnlessRecorded(verifyStages(settings), e);
    throw e;
  }
}

function skipLoad(
  ctx: PipelineContext,
  report: ReportBuilder,
  settings: VerifySettings,
  checks: ChecksFile,
): void {
  const declared = checks.load ? '; its load request is not sent yet' : '';
  ctx.progress.emit(
    VERIFY_MESSAGES.loadNotApplicable,
    `Concurrency check skipped — ${LOAD_NOT_APPLICABLE}${declared}. The LMI version was NOT load-tested.`,
  );
  report.skipped('load', `${LOAD_NOT_APPLICABLE}${declared}`);
  if (settings.concurrencySweep.length > 0) report.skipped('sweep', LOAD_NOT_APPLICABLE);
}
