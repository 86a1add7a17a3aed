// CloudFormation over the query protocol: the operation is the form's Action parameter,
// responses are <ActionResponse><ActionResult> XML, errors <ErrorResponse>.
import { AwsError } from '../../errors.js';
import { queryResponse } from '../../http/protocols.js';
import { parseQueryParams } from '../../http/query.js';
import type { EmuRequest, ServiceHandler } from '../../http/types.js';
import type { XmlValue } from '../../http/xml.js';
import {
  changeSetShape,
  changeSetSummary,
  paginate,
  stackResourceShape,
  stackResourceSummary,
  stackShape,
} from './render.js';
import type { CloudFormationStore, CreateChangeSetInput } from './store.js';
import { parseTemplate } from './template.js';

const PAGE = 100;

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
      switch (operation) {
        case 'CreateChangeSet':
          return ok(await store.createChangeSet(p as CreateChangeSetInput));
        case 'DescribeChangeSet': {
          const cs = store.findChangeSet(str(p.ChangeSetName), str(p.StackName));
          const page = paginate(cs.changes, p.NextToken, PAGE);
          return ok(changeSetShape(cs, { changes: page.items, next: page.next }));
        }
        case 'ExecuteChangeSet':
          store.executeChangeSet(str(p.ChangeSetName), str(p.StackName), p.DisableRollback === 'true');
          return ok({});
        case 'DeleteChangeSet':
          store.deleteChangeSet(str(p.ChangeSetName), str(p.StackName));
          return ok({});
        case 'ListChangeSets': {
          const stack = store.findStack(str(p.StackName) ?? '');
          if (!stack)
            throw new AwsError('ValidationError', `Stack [${str(p.StackName) ?? ''}] does not exist`);
          const all = [...store.changeSets.values()]
            .filter((c) => c.stackId === stack.stackId)
            .map(changeSetSummary);
          const page = paginate(all, p.NextToken, PAGE);
          return ok({ Summaries: page.items, NextToken: page.next });
        }
        case 'DescribeStacks': {
          const name = str(p.StackName);
          const stacks = name
            ? [store.getStack(name)]
            : [...store.stacks.values()].filter((s) => s.status !== 'DELETE_COMPLETE');
          const page = paginate(stacks, p.NextToken, PAGE);
          return ok({ Stacks: page.items.map(stackShape), NextToken: page.next });
        }
        case 'DescribeStackEvents': {
          const stack = store.getStack(str(p.StackName));
          const page = paginate([...stack.events].reverse(), p.NextToken, PAGE);
          return ok({ StackEvents: page.items as unknown as XmlValue, NextToken: page.next });
        }
        case 'DescribeStackResources': {
          const physical = str(p.PhysicalResourceId);
          const stack = physical
            ? [...store.stacks.values()].find((s) =>
                [...s.resources.values()].some((r) => r.physicalId === physical),
              )
            : store.getStack(str(p.StackName));
          if (!stack) throw new AwsError('ValidationError', `Stack for ${physical ?? ''} does not exist`);
          const logical = str(p.LogicalResourceId);
          const resources = [...stack.resources.values()].filter((r) => !logical || r.logicalId === logical);
          return ok({ StackResources: resources.map((r) => stackResourceShape(stack, r)) });
        }
        case 'DescribeStackResource': {
          const stack = store.getStack(str(p.StackName));
          const r = stack.resources.get(str(p.LogicalResourceId) ?? '');
          if (!r) {
            throw new AwsError(
              'ValidationError',
              `Resource ${str(p.LogicalResourceId) ?? ''} does not exist for stack ${stack.stackName}`,
            );
          }
          return ok({
            StackResourceDetail: {
              ...stackResourceShape(stack, r),
              LastUpdatedTimestamp: r.timestamp,
              Timestamp: undefined,
            },
          });
        }
        case 'ListStackResources': {
          const stack = store.getStack(str(p.StackName));
          const page = paginate([...stack.resources.values()].map(stackResourceSummary), p.NextToken, PAGE);
          return ok({ StackResourceSummaries: page.items, NextToken: page.next });
        }
        case 'GetTemplate': {
          const csName = str(p.ChangeSetName);
          const stage = str(p.TemplateStage) ?? 'Original';
          let original: string | undefined;
          let processed: unknown;
          if (csName) {
            const cs = store.findChangeSet(csName, str(p.StackName));
            original = cs.templateBody;
            processed = cs.template;
          } else {
            const stack = store.getStack(str(p.StackName));
            original = stack.templateBody;
            processed = stack.template;
          }
          const body =
            stage === 'Processed' ? (processed ? JSON.stringify(processed, null, 2) : undefined) : original;
          return ok({ TemplateBody: body ?? '', StagesAvailable: ['Original', 'Processed'] });
        }
        case 'ValidateTemplate': {
          const t = parseTemplate(str(p.TemplateBody) ?? '');
          return ok({
            Parameters: Object.entries(t.Parameters ?? {}).map(([k, d]) => ({
              ParameterKey: k,
              DefaultValue: d.Default === undefined ? undefined : String(d.Default),
              NoEcho: d.NoEcho === true || d.NoEcho === 'true',
              Description: d.Description,
            })),
            Description: t.Description,
            DeclaredTransforms: t.Transform === undefined ? [] : ([] as string[]).concat(t.Transform),
          });
        }
        case 'DeleteStack':
          store.deleteStack(str(p.StackName));
          return ok(undefined);
        default:
          throw this.unknownOperation(operation, req);
      }
    },
  };
}
