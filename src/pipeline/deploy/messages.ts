// The progress lines of the deploy stage (packaging, the stack, the change set, its execution),
// each with a stable code: scripts and tests match codes, not sentences.
import { message } from '../../core/progress.js';

export const DEPLOY_MESSAGES = {
  overrideIgnored: message(
    'deploy.override-ignored',
    'warn',
    "parameter-overrides sets a parameter the pipeline sets itself (LiveFunction, RollbackFunction, FallbackFunction); the pipeline's value wins.",
  ),
  functionPackaged: message(
    'deploy.function-packaged',
    'info',
    'A function with local code was bundled or zipped and its artifact is in the bucket: where, how big, uploaded or already there.',
  ),
  buildPropertiesIgnored: message(
    'deploy.build-properties-ignored',
    'warn',
    'An esbuild function names BuildProperties lmi-cutover does not support; they are ignored.',
  ),
  buildMethodUnsupported: message(
    'deploy.build-method-unsupported',
    'warn',
    'A function names a Metadata.BuildMethod other than esbuild; its CodeUri is zipped as is.',
  ),
  templateUploaded: message(
    'deploy.template-uploaded',
    'info',
    'The packaged template is over the inline limit and goes to CloudFormation from the artifact bucket.',
  ),
  stackAbsent: message('deploy.stack-absent', 'info', 'The stack does not exist yet: it is created.'),
  stackInReview: message(
    'deploy.stack-in-review',
    'info',
    'The stack is REVIEW_IN_PROGRESS (a change set that never ran created it): it is created by a new CREATE change set.',
  ),
  stackUpdate: message('deploy.stack-update', 'info', 'The stack is settled: it is updated.'),
  stackRollbackComplete: message(
    'deploy.stack-rollback-complete',
    'warn',
    'The stack is ROLLBACK_COMPLETE: it is deleted, then created again.',
  ),
  stackBusy: message(
    'deploy.stack-busy',
    'info',
    'Another operation runs on the stack: the deployment waits for it to settle first (said once).',
  ),
  stackBusyWaiting: message(
    'deploy.stack-busy-waiting',
    'info',
    'Heartbeat while waiting for another operation on the stack to settle.',
  ),
  stackDeleteWaiting: message(
    'deploy.stack-delete-waiting',
    'info',
    'Heartbeat while the ROLLBACK_COMPLETE stack is being deleted.',
  ),
  failedStackDeleted: message(
    'deploy.failed-stack-deleted',
    'info',
    'The ROLLBACK_COMPLETE stack is deleted; the creation goes on.',
  ),
  staleChangeSetsDeleted: message(
    'deploy.stale-change-sets-deleted',
    'info',
    'Change sets earlier runs of lmi-cutover left on the stack were deleted.',
  ),
  changeSetCreated: message(
    'deploy.change-set-created',
    'info',
    "This run's change set was created; CloudFormation computes it next.",
  ),
  changeSetWaiting: message(
    'deploy.change-set-waiting',
    'info',
    'Heartbeat while CloudFormation computes the change set.',
  ),
  noChanges: message(
    'deploy.no-changes',
    'info',
    'The change set is empty: nothing to deploy, the stage ends as a no-op.',
  ),
  changeSetSummary: message(
    'deploy.change-set-summary',
    'info',
    'The change set is ready: how many resources it changes (one deploy.change line each follows).',
  ),
  change: message(
    'deploy.change',
    'info',
    'One resource change of the change set: action, logical id, type and replacement.',
  ),
  changeSetDeleteFailed: message(
    'deploy.change-set-delete-failed',
    'debug',
    "This run's change set could not be deleted after it was not executed; the next run removes it.",
  ),
  executing: message('deploy.executing', 'info', 'The change set is being executed.'),
  stackEvent: message(
    'deploy.stack-event',
    'info',
    'One stack event of this operation, oldest first: elapsed time, resource, type, status and reason.',
  ),
  stackWaiting: message(
    'deploy.stack-waiting',
    'info',
    'Heartbeat while the change set executes: the resources still in progress and the stack status.',
  ),
  stackSettled: message(
    'deploy.stack-settled',
    'info',
    'The stack settled in a successful status after the execution.',
  ),
  deployed: message(
    'deploy.deployed',
    'info',
    'The deploy stage ended: the stack is deployed, with how long it took.',
  ),
  rollbackTriggers: message(
    'deploy.rollback-triggers',
    'info',
    'The rollback-alarms were found and go to CloudFormation as rollback triggers (their ARNs, the monitoring minutes).',
  ),
  terminationProtection: message(
    'deploy.termination-protection',
    'info',
    'termination-protection differed from the stack after the deploy: it was turned on or off.',
  ),
  updateCancelling: message(
    'deploy.update-cancelling',
    'warn',
    'deploy-timeout-minutes passed during an update: the run cancels it (CancelUpdateStack) and waits for the rollback.',
  ),
  updateNotCancelled: message(
    'deploy.update-not-cancelled',
    'warn',
    'CancelUpdateStack was refused (the update had moved past UPDATE_IN_PROGRESS, or the role may not cancel); the run watches the stack settle.',
  ),
  rollbackWaiting: message(
    'deploy.rollback-waiting',
    'info',
    'Heartbeat while CloudFormation rolls back the cancelled update.',
  ),
  planNewStack: message(
    'deploy.plan-new-stack',
    'info',
    'Mode plan on a stack that does not exist: its CREATE change set holds the stack in REVIEW_IN_PROGRESS, with no resources.',
  ),
  plansDeleted: message(
    'deploy.plans-deleted',
    'info',
    "Mode plan deleted earlier plans' change sets it replaces (the same pull request's, or older than the age limit).",
  ),
  planKept: message(
    'deploy.plan-kept',
    'info',
    'Mode plan kept its change set for review (nothing executed) and says how to execute it by name.',
  ),
  reviewedChangeSet: message(
    'deploy.reviewed-change-set',
    'info',
    'change-set-name: the reviewed change set passed every staleness check and is executed instead of a new one.',
  ),
} as const;
