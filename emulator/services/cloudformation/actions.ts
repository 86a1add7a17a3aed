// CloudFormation's API actions by name (the query protocol's Action parameter): each reads the
// form's parameters, works on the store, and answers the <ActionResult> members.
import { AwsError } from '../../errors.js';
import type { EmuResponse } from '../../http/types.js';
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

/** One request as an action sees it. */
interface ActionCall {
  /** The form's parameters, lists and structures unflattened. */
  p: Record<string, unknown>;
  /** The action's answer; no <ActionResult> when the result is undefined. */
  ok(result?: Record<string, XmlValue>): EmuResponse;
}

type Action = (store: CloudFormationStore, call: ActionCall) => EmuResponse | Promise<EmuResponse>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const CHANGE_SETS: Record<string, Action> = {
  CreateChangeSet: async (store, { p, ok }) => ok(await store.createChangeSet(p as CreateChangeSetInput)),
  DescribeChangeSet: (store, { p, ok }) => {
    const cs = store.findChangeSet(str(p.ChangeSetName), str(p.StackName));
    const page = paginate(cs.changes, p.NextToken, PAGE);
    return ok(changeSetShape(cs, { changes: page.items, next: page.next }));
  },
  ExecuteChangeSet: (store, { p, ok }) => {
    store.executeChangeSet(str(p.ChangeSetName), str(p.StackName), p.DisableRollback === 'true');
    return ok({});
  },
  DeleteChangeSet: (store, { p, ok }) => {
    store.deleteChangeSet(str(p.ChangeSetName), str(p.StackName));
    return ok({});
  },
  ListChangeSets: (store, { p, ok }) => {
    const stack = store.findStack(str(p.StackName) ?? '');
    if (!stack) throw new AwsError('ValidationError', `Stack [${str(p.StackName) ?? ''}] does not exist`);
    const all = [...store.changeSets.values()]
      .filter((c) => c.stackId === stack.stackId)
      .map(changeSetSummary);
    const page = paginate(all, p.NextToken, PAGE);
    return ok({ Summaries: page.items, NextToken: page.next });
  },
};

const STACKS: Record<string, Action> = {
  DescribeStacks: (store, { p, ok }) => {
    const name = str(p.StackName);
    const stacks = name
      ? [store.getStack(name)]
      : [...store.stacks.values()].filter((s) => s.status !== 'DELETE_COMPLETE');
    const page = paginate(stacks, p.NextToken, PAGE);
    return ok({ Stacks: page.items.map(stackShape), NextToken: page.next });
  },
  DescribeStackEvents: (store, { p, ok }) => {
    const stack = store.getStack(str(p.StackName));
    const page = paginate([...stack.events].reverse(), p.NextToken, PAGE);
    return ok({ StackEvents: page.items as unknown as XmlValue, NextToken: page.next });
  },
  DescribeStackResources: (store, { p, ok }) => {
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
  },
  DescribeStackResource: (store, { p, ok }) => {
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
  },
  ListStackResources: (store, { p, ok }) => {
    const stack = store.getStack(str(p.StackName));
    const page = paginate([...stack.resources.values()].map(stackResourceSummary), p.NextToken, PAGE);
    return ok({ StackResourceSummaries: page.items, NextToken: page.next });
  },
  DeleteStack: (store, { p, ok }) => {
    store.deleteStack(str(p.StackName));
    return ok(undefined);
  },
  UpdateTerminationProtection: (store, { p, ok }) =>
    ok({ StackId: store.updateTerminationProtection(str(p.StackName), str(p.EnableTerminationProtection)) }),
  CancelUpdateStack: (store, { p, ok }) => {
    store.cancelUpdateStack(str(p.StackName));
    return ok(undefined);
  },
};

const TEMPLATES: Record<string, Action> = {
  GetTemplate: (store, { p, ok }) => {
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
  },
  // For a stack (or a template body): its parameters, description, transforms, resource types
  // and Metadata — the template's Metadata section as a JSON string, as CloudFormation returns it.
  GetTemplateSummary: (store, { p, ok }) => {
    const stackName = str(p.StackName);
    const body = stackName ? store.getStack(stackName).templateBody : str(p.TemplateBody);
    if (body === undefined)
      throw new AwsError('ValidationError', 'Either StackName or TemplateBody must be specified.');
    const t = parseTemplate(body);
    const types = new Set(
      Object.values(t.Resources ?? {}).map((r) => String((r as { Type?: unknown }).Type ?? '')),
    );
    return ok({
      Parameters: Object.entries(t.Parameters ?? {}).map(([k, d]) => ({
        ParameterKey: k,
        DefaultValue: d.Default === undefined ? undefined : String(d.Default),
        ParameterType: d.Type,
        NoEcho: d.NoEcho === true || d.NoEcho === 'true',
        Description: d.Description,
      })),
      Description: t.Description,
      ResourceTypes: [...types].filter((x) => x !== ''),
      Version: t.AWSTemplateFormatVersion,
      Metadata: t.Metadata === undefined ? undefined : JSON.stringify(t.Metadata),
      DeclaredTransforms: t.Transform === undefined ? [] : ([] as string[]).concat(t.Transform),
    });
  },
  ValidateTemplate: (_store, { p, ok }) => {
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
  },
};

/** Every action CloudFormation serves. */
export const ACTIONS: Record<string, Action> = { ...CHANGE_SETS, ...STACKS, ...TEMPLATES };
