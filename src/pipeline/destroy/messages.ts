// The progress lines of `lmi-cutover destroy`, each with a stable code: one line per thing it
// reads, decides, deletes, finds gone or leaves in place.
import { message } from '../../core/progress.js';

export const DESTROY_MESSAGES = {
  noStack: message(
    'destroy.no-stack',
    'info',
    'The stack does not exist (or is deleted): nothing to destroy.',
  ),
  resource: message(
    'destroy.resource',
    'info',
    'One resource of the stack, with what deleting the stack does to it (deleted, or kept by its DeletionPolicy).',
  ),
  version: message(
    'destroy.version',
    'info',
    'One published version of a function of the stack, with its state: it goes with its function.',
  ),
  leftInPlace: message(
    'destroy.left-in-place',
    'info',
    'Something the stack did not create (a function log group) or kept (DeletionPolicy: Retain) that outlives it.',
  ),
  traffic: message(
    'destroy.traffic',
    'info',
    "What CloudWatch says of the stage's requests over the traffic window: the evidence the decision reads.",
  ),
  trafficUnknown: message(
    'destroy.traffic-unknown',
    'warn',
    'Whether the stage serves traffic could not be proven (metrics unreadable, or shared with same-named APIs).',
  ),
  decision: message(
    'destroy.decision',
    'info',
    'Whether the stack will be (or, with --dry-run, would be) deleted, and why.',
  ),
  overridden: message(
    'destroy.overridden',
    'warn',
    'The stage serves (or may serve) production traffic and --i-know-it-serves-production deletes it anyway.',
  ),
  scaledToZero: message(
    'destroy.scaled-to-zero',
    'info',
    'An LMI version was scaled to 0/0 before the deletion, so its instances are released even if the deletion fails.',
  ),
  scaleDownSkipped: message(
    'destroy.scale-down-skipped',
    'warn',
    'An LMI version could not be scaled to 0/0 first; the stack deletion removes it with its function anyway.',
  ),
  environmentsReleased: message(
    'destroy.environments-released',
    'info',
    'Every scaled-down LMI version reached Deactivated: no execution environment of the stack runs any more.',
  ),
  deleting: message(
    'destroy.deleting',
    'info',
    'DeleteStack was accepted; CloudFormation deletes the resources.',
  ),
  stackEvent: message(
    'destroy.stack-event',
    'info',
    'One stack event of the deletion, as CloudFormation reports it.',
  ),
  waiting: message(
    'destroy.waiting',
    'info',
    'The deletion is still running; said when it has been quiet for a while.',
  ),
  deleted: message('destroy.deleted', 'info', 'CloudFormation reports the stack DELETE_COMPLETE.'),
  gone: message(
    'destroy.gone',
    'info',
    'A function or capacity provider of the stack was checked after the deletion and no longer exists.',
  ),
  versionDeleted: message(
    'destroy.version-deleted',
    'info',
    'A published version of a function the template retained was deleted after the stack (its instances cost money).',
  ),
} as const;
