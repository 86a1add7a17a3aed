// Which changes of a change set endanger production, and why, in the reviewer's words. A
// replacement (or a Conditional one) and a removal destroy the resource CloudFormation holds;
// for most resources that is routine, but not for what production runs on: the two functions
// the stage routes between (their published versions are production, the rollback target and
// the fallback), the capacity provider every LMI version runs on, a DynamoDB table (its data),
// and the REST API and its stage (the route itself). The routing contract names the functions;
// without one, every function counts.
import type { ResourceChangeSummary } from '../../aws/change-sets.js';
import type { RoutingContract } from './template/routing-contract.js';

/** What the old resource's policy keeps of it: `retained`, `snapshotted`, or nothing. */
function kept(policyAction: string | undefined): string | undefined {
  if (policyAction?.endsWith('Retain')) return 'retained';
  if (policyAction?.endsWith('Snapshot')) return 'snapshotted';
  return undefined;
}

export function productionRisk(
  change: ResourceChangeSummary,
  contract: RoutingContract | undefined,
): string | undefined {
  const replaces =
    change.action === 'Modify' && (change.replacement === 'True' || change.replacement === 'Conditional');
  if (change.action !== 'Remove' && !replaces) return undefined;
  const verb =
    change.action === 'Remove' ? 'removes' : change.replacement === 'True' ? 'replaces' : 'may replace';
  const old = kept(change.policyAction);
  switch (change.type) {
    case 'AWS::Lambda::Function': {
      const role =
        contract?.lmiFunction === change.logicalId
          ? 'the LMI function'
          : contract?.standardFunction === change.logicalId
            ? 'the standard twin'
            : contract
              ? undefined
              : 'a function';
      if (!role) return undefined;
      return (
        `${verb} ${role}: a new function has none of the published versions the stage routes to, ` +
        'so production, the rollback target and the fallback stop resolving (destroys production routing)'
      );
    }
    case 'AWS::Lambda::CapacityProvider':
      return (
        `${verb} the capacity provider: every LMI version runs on it, so the versions production and the ` +
        'rollback target run lose their instances and must be provisioned anew (destroys production routing)'
      );
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      return change.action === 'Remove'
        ? `removes the table: the functions lose it and its items are ${old ?? 'deleted'} (destroys production data)`
        : `${verb} the table: a new, empty table takes its place and the old one's items are ${old ?? 'deleted'} (destroys production data)`;
    case 'AWS::ApiGateway::RestApi':
      return (
        `${verb} the REST API: the new one has a new id and URL, so requests sent to the current ` +
        'URL stop arriving (destroys production routing)'
      );
    case 'AWS::ApiGateway::Stage':
      return (
        `${verb} the stage production is routed through: it is deleted and made again, so production ` +
        'requests fail in between and a canary in flight is lost (destroys production routing)'
      );
    default:
      return undefined;
  }
}
