// CloudFormation does not complete an AWS::Lambda::Version until the version is Active, so
// when an LMI version fails to provision during the deployment, the deploy stage fails and the
// StateReasonCode arrives inside a stack event's reason. Verify mode reports that as the
// provisioning failure it is, with what the code means for the user.
import { CutoverError, isCutoverError } from '../../core/errors.js';
import { provisioningAdvice } from './advice.js';

export interface VersionFailureInDeploy {
  /** The version resource's logical id. */
  readonly logicalId: string;
  readonly stateReasonCode: string;
  /** The failed event as the deploy stage described it. */
  readonly event: string;
  /** The deploy stage's DEPLOY_FAILED. */
  readonly deployError: CutoverError;
}

// `<LogicalId> (AWS::Lambda::Version) CREATE_FAILED: … StateReasonCode: InsufficientCapacity …`
const VERSION_FAILED =
  /^(\S+) \(AWS::Lambda::Version\) (?:CREATE|UPDATE)_FAILED: .*?StateReasonCode:?\s*([A-Za-z][A-Za-z0-9.]*)/;

/** The function version whose provisioning failed a DEPLOY_FAILED error, if that is what failed it. */
export function versionFailureInDeploy(e: unknown): VersionFailureInDeploy | undefined {
  if (!isCutoverError(e) || e.code !== 'DEPLOY_FAILED') return undefined;
  for (const event of e.details) {
    const m = VERSION_FAILED.exec(event);
    if (m) return { logicalId: m[1]!, stateReasonCode: m[2]!, event, deployError: e };
  }
  return undefined;
}

/** PROVISIONING_FAILED with the reason code and its advice; the deploy failure stays as detail and cause. */
export function provisioningFailedInDeploy(f: VersionFailureInDeploy): CutoverError {
  return new CutoverError(
    'PROVISIONING_FAILED',
    `Function version ${f.logicalId} failed to provision while CloudFormation deployed it: ${f.stateReasonCode}. ` +
      provisioningAdvice(f.stateReasonCode),
    [f.event, f.deployError.message],
    { cause: f.deployError },
  );
}
