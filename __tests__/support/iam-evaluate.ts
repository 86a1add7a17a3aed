// Evaluates IAM requests against the policies of docs/iam with an IAM policy simulator
// (@cloud-copilot/iam-simulate: identity policies, permissions boundaries, every condition
// operator, and validation of actions, resource ARNs and context keys against AWS's service
// authorization data), instead of matching action names as strings.
import {
  runSimulation,
  runUnsafeSimulation,
  type EvaluationResult,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../../scripts/iam-policies.js';

/** The local cloud's account; the policies are filled in for it. */
export const ACCOUNT_ID = '000000000000';

export type Decision = EvaluationResult;

export interface IamRequest {
  action: string;
  resource: string;
  /** Request context keys (aws:CalledVia, iam:PermissionsBoundary, lambda:Principal …). */
  context?: Record<string, string | string[]>;
  /** The resource's tags: evaluated as aws:ResourceTag/<key>. */
  tags?: Record<string, string>;
}

/** What a request CloudFormation makes on the stack's behalf (forward access sessions) carries. */
export const VIA_CLOUDFORMATION: Record<string, string | string[]> = {
  'aws:CalledVia': ['cloudformation.amazonaws.com'],
  'aws:CalledViaFirst': 'cloudformation.amazonaws.com',
  'aws:CalledViaLast': 'cloudformation.amazonaws.com',
  'aws:ViaAWSService': 'true',
};

/**
 * Resources the simulator's service data cannot match, so their requests run unvalidated (the
 * policy evaluation itself is the same): CloudFormation checks CreateChangeSet of a SAM template
 * against the transform too (and of a template using a macro, against the account's macro), though the service authorization reference lists only `stack`; and
 * API Gateway's deployment and stage collections have two ARN formats in one entry.
 */
const UNMATCHED_BY_THE_DATA = [
  /^arn:aws:cloudformation:[a-z0-9-]+:(aws|\d{12}):transform\//,
  /^arn:aws:apigateway:[a-z0-9-]+::\/restapis\/[^/]+\/(deployments|stages)$/,
];

export interface Policies {
  identity: PolicyDocument;
  /** The permissions boundary of the principal, if it has one. */
  boundary?: PolicyDocument;
  /** The resource's own policy (a KMS key policy, which KMS always requires). */
  resource?: object;
}

export async function evaluate(policies: Policies, request: IamRequest): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: `arn:aws:iam::${ACCOUNT_ID}:role/lmi-cutover-deploy`,
      action: request.action,
      resource: { resource: request.resource, accountId: ACCOUNT_ID },
      contextVariables: {
        ...request.context,
        ...Object.fromEntries(
          Object.entries(request.tags ?? {}).map(([k, v]) => [`aws:ResourceTag/${k}`, v]),
        ),
      },
    },
    identityPolicies: [{ name: 'policy', policy: policies.identity }],
    permissionBoundaryPolicies: policies.boundary
      ? [{ name: 'boundary', policy: policies.boundary }]
      : undefined,
    resourcePolicy: policies.resource,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  if (UNMATCHED_BY_THE_DATA.some((re) => re.test(request.resource)))
    return runUnsafeSimulation(simulation, {});
  const out = await runSimulation(simulation, {});
  if (out.resultType === 'error') {
    throw new Error(`The simulator refused ${describeRequest(request)}: ${JSON.stringify(out.errors)}`);
  }
  return out.overallResult;
}

export const describeRequest = (r: IamRequest): string =>
  `${r.action} on ${r.resource}${r.context ? ` with ${JSON.stringify(r.context)}` : ''}${r.tags ? ` tagged ${JSON.stringify(r.tags)}` : ''}`;

/** Every request of the list that the policies do not allow, with its decision. */
export async function notAllowed(policies: Policies, requests: readonly IamRequest[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of requests) {
    const decision = await evaluate(policies, r);
    if (decision !== 'Allowed') out.push(`${decision}: ${describeRequest(r)}`);
  }
  return out;
}
