// The progress lines of the traffic stage (route, canary shift, rollback, post-step repair,
// probes, version hygiene), each with a stable code: scripts and tests match codes, not sentences.
import { message } from '../../core/progress.js';

export const TRAFFIC_MESSAGES = {
  // --- the stage's route
  routeChanged: message(
    'traffic.route-changed',
    'info',
    'An UpdateStage was accepted and read back as intended; the line names the route before and after, and why.',
  ),
  canaryDeploymentDiffers: message(
    'traffic.canary-deployment-differs',
    'warn',
    "The stage's canary runs another deployment than the stage; the next canary step aligns them.",
  ),

  permissionAdded: message(
    'traffic.permission-added',
    'info',
    'lmi-cutover added the invoke permission API Gateway needs for a version before routing to it.',
  ),

  // --- the shift
  routeRead: message('traffic.route-read', 'info', 'The cutover read the route it starts from.'),
  alreadyLmi: message(
    'traffic.already-lmi',
    'info',
    'The release found all traffic already on its candidate version and changes nothing.',
  ),
  resumeContinue: message(
    'traffic.resume-continue',
    'warn',
    'An earlier cutover left a canary and resume is continue: the line names the steps still to run.',
  ),
  resumeRollback: message(
    'traffic.resume-rollback',
    'warn',
    'An earlier cutover left a canary and resume is rollback: it is undone before the shift starts again.',
  ),
  stepSampleSmall: message(
    'traffic.step-sample-small',
    'warn',
    'A canary step is planned to get fewer candidate answers than the error test needs; it will be judged strictly. The line says which probe-rate or bake-seconds would reach the minimum sample.',
  ),
  stepHeartbeat: message(
    'traffic.step-heartbeat',
    'info',
    "A canary step is baking: every 15 s of bake (halfway through a shorter one), time baked of total, probes so far, the observed split, and errors and p95 per side (for a step judged by CloudWatch, the stage's answers as a whole).",
  ),
  stepBaked: message(
    'traffic.step-baked',
    'info',
    "A canary step's bake ended; the line gives its probes, split, LMI p95 and errors, and whether it passed.",
  ),
  promoted: message(
    'traffic.promoted',
    'info',
    'Every canary step passed, the LMI alias serves all traffic and probes confirmed it.',
  ),

  // --- rollback
  rollingBack: message(
    'traffic.rolling-back',
    'warn',
    'A rollback to the standard twin starts; the line says why.',
  ),
  alreadyStandard: message(
    'traffic.already-standard',
    'info',
    'A rollback found the stage already sending all traffic to its target version.',
  ),
  rollbackNotRecorded: message(
    'traffic.rollback-not-recorded',
    'warn',
    'The rollback moved the route but the state for the post step could not be saved.',
  ),
  rollbackUnprobed: message(
    'traffic.rollback-unprobed',
    'warn',
    'A rollback had no prober, so only the stage read-back proves it.',
  ),
  rollbackVerified: message(
    'traffic.rollback-verified',
    'info',
    'Probes confirmed that all traffic reaches the standard twin after a rollback.',
  ),
  rollbackNotVerified: message(
    'traffic.rollback-not-verified',
    'error',
    'The stage reads back as standard but probes kept reaching the LMI alias (or failing) within the settle time.',
  ),
  rollbackFailed: message(
    'traffic.rollback-failed',
    'error',
    'The rollback itself failed: production is not confirmed on the standard twin.',
  ),
  rollbackFailedStageState: message(
    'traffic.rollback-failed-stage-state',
    'error',
    "After a failed rollback: the stage's state as read again.",
  ),
  rollbackFailedFix: message(
    'traffic.rollback-failed-fix',
    'error',
    'After a failed rollback: the command that sends all traffic to the twin by hand.',
  ),

  // --- what the run remembers, and the post step's repair
  routeStateNotSaved: message(
    'traffic.route-state-not-saved',
    'warn',
    'The route state for the post step could not be saved after a route change; the shift goes on.',
  ),
  nothingPending: message(
    'traffic.repair-nothing-pending',
    'info',
    'The post step found no canary on the stage: nothing to repair.',
  ),
  repairedToStandard: message(
    'traffic.repaired-to-production',
    'warn',
    'The post step returned a stage its main step left mid-canary to the production version the run started from.',
  ),
  foreignCanary: message(
    'traffic.foreign-canary',
    'warn',
    'The post step found a canary its main step did not start and left it untouched.',
  ),

  // --- termination signals during a shift
  signalReceived: message(
    'traffic.signal-received',
    'warn',
    'SIGINT or SIGTERM arrived during a shift: the cutover stops and rolls back before exit.',
  ),
  signalAgain: message(
    'traffic.signal-again',
    'warn',
    'Another SIGINT or SIGTERM arrived while the rollback it triggered still runs.',
  ),

  // --- probes for a rollback
  probesNoOutputs: message(
    'traffic.probes-no-outputs',
    'warn',
    'The stack lacks the ApiUrl or function output, so a route change cannot be verified by probes.',
  ),
  probesUnavailable: message(
    'traffic.probes-unavailable',
    'warn',
    'The signing secret could not be had, so a route change cannot be verified by probes.',
  ),

  // --- the route before a deploy
  noLiveTargetParameter: message(
    'traffic.no-live-target-parameter',
    'debug',
    'The deployed stack has no LiveFunction parameter: there is no route for the deploy to keep.',
  ),
  routeOutputsMissing: message(
    'traffic.route-outputs-missing',
    'warn',
    "The stack has a LiveFunction parameter but not the outputs to read its route; the deploy keeps the stack's values.",
  ),
  stageMissingBeforeDeploy: message(
    'traffic.stage-missing-before-deploy',
    'warn',
    "The stack's stage is gone; the deploy recreates it with the template's default production version.",
  ),
  liveTargetKept: message(
    'traffic.live-target-kept',
    'info',
    'The route read before a deploy and the production version the deploy passes back to keep it.',
  ),
  leftoverCanaryBeforeDeploy: message(
    'traffic.leftover-canary-before-deploy',
    'warn',
    'An earlier cutover left a canary; it is rolled back before deploying (resume: rollback).',
  ),

  // --- version hygiene
  versionsNotListed: message(
    'traffic.versions-not-listed',
    'warn',
    "The LMI function's versions or aliases could not be listed, so no old version is cleaned up.",
  ),
  versionKept: message(
    'traffic.version-kept',
    'info',
    'A version due for deletion was kept because an alias started using it since the listing.',
  ),
  versionDeleteDenied: message(
    'traffic.version-delete-denied',
    'warn',
    'AWS denied deleting an old LMI version; the clean-up stops and names the permission.',
  ),
  versionsDeleted: message(
    'traffic.versions-deleted',
    'info',
    'Old LMI versions no alias references were deleted; the line names the deleted and the kept ones.',
  ),
  versionsScaledToZero: message(
    'traffic.versions-scaled-to-zero',
    'info',
    'Kept LMI versions no alias uses released their execution environments (FunctionScalingConfig 0/0).',
  ),
  versionScaleDownFailed: message(
    'traffic.version-scale-down-failed',
    'warn',
    'An unused LMI version could not be scaled to 0/0; its environments keep running.',
  ),
  noVersionsToDelete: message(
    'traffic.no-versions-to-delete',
    'info',
    'The LMI function has no old version beyond keep-versions to delete.',
  ),
  versionDeleteFailed: message(
    'traffic.version-delete-failed',
    'warn',
    'One old LMI version could not be deleted (for a reason other than a denial); it stays.',
  ),
  capacityProviderAbsent: message(
    'traffic.capacity-provider-absent',
    'info',
    'The capacity provider does not exist yet (first deploy): no version quota to check.',
  ),
  versionQuotaUnknown: message(
    'traffic.version-quota-unknown',
    'warn',
    'The versions on the capacity provider could not be counted.',
  ),
  versionQuotaNearLimit: message(
    'traffic.version-quota-near-limit',
    'warn',
    'The capacity provider holds 80 % or more of its 100 function versions.',
  ),
  versionQuota: message(
    'traffic.version-quota',
    'info',
    'How many of its 100 function versions the capacity provider holds, below the warning mark.',
  ),
} as const;
