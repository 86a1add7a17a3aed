// CloudFormation over the query protocol: the operation is the form's Action parameter,
// responses are <ActionResponse><ActionResult> XML, errors <ErrorResponse>. The actions
// themselves are in actions.ts.
import { AwsError } from '../../errors.js';
import { queryResponse } from '../../http/protocols.js';
import { parseQueryParams } from '../../http/query.js';
import type { EmuRequest, ServiceHandler } from '../../http/types.js';
import type { XmlValue } from '../../http/xml.js';
import { ACTIONS } from './actions.js';
import { cloudFormationConditionKeys, cloudFormationResources } from './iam-resources.js';
import type { CloudFormationStore } from './store.js';

function params(req: EmuRequest): Record<string, unknown> {
  const form = req.body.length ? new URLSearchParams(req.body.toString('utf8')) : req.query;
  return parseQueryParams(form);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function cloudFormationService(store: CloudFormationStore): ServiceHandler {
  return {
    name: 'cloudformation',
    protocol: 'query',
    operation: (req) => str(params(req).Action) ?? 'Unknown',
    resourcesOf: (req, operation) => cloudFormationResources(store, operation, params(req)),
    conditionKeysOf: (req, operation) => cloudFormationConditionKeys(operation, params(req)),
    throttleError: () => new AwsError('Throttling', 'Rate exceeded'),
    unknownOperation: (op) =>
      new AwsError(
        'InvalidAction',
        `Could not find operation ${op} for version 2010-05-15 (not implemented by the local emulator)`,
      ),
    async handle(req, operation) {
      const p = params(req);
      const ok = (result?: Record<string, XmlValue>) =>
        queryResponse('cloudformation', operation, result, req.requestId);
      const action = Object.hasOwn(ACTIONS, operation) ? ACTIONS[operation] : undefined;
      if (!action) throw this.unknownOperation(operation, req);
      return action(store, { p, ok });
    },
  };
}
