// Typed helpers over CloudFormation's change sets: create, read in full (every page, with what
// each change replaces and why), read the template a change set holds, execute and delete.
import {
  ChangeSetNotFoundException,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  type Capability,
  type Change,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { errorName } from '../core/aws-errors.js';

/** Names of the stack's change sets that start with prefix (all pages). */
export async function listChangeSetNames(
  cfn: CloudFormationClient,
  stackName: string,
  prefix: string,
): Promise<Array<{ name: string; executionStatus?: string; creationTime?: Date }>> {
  const found: Array<{ name: string; executionStatus?: string; creationTime?: Date }> = [];
  let NextToken: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await cfn.send(new ListChangeSetsCommand({ StackName: stackName, NextToken }));
    for (const s of res.Summaries ?? []) {
      if (s.ChangeSetName?.startsWith(prefix))
        found.push({
          name: s.ChangeSetName,
          executionStatus: s.ExecutionStatus,
          creationTime: s.CreationTime,
        });
    }
    NextToken = res.NextToken;
    if (!NextToken) break;
  }
  return found;
}

/** A property whose change makes CloudFormation recreate the resource. */
interface RecreationCause {
  /** The property (or attribute, such as Tags) that changed. */
  readonly property: string;
  /** Always: the change replaces the resource; Conditionally: it may, depending on the new value. */
  readonly when: 'Always' | 'Conditionally';
}

/** One resource in a change set, as a reviewer reads it (the report's ResourceChange shape). */
export interface ResourceChangeSummary {
  readonly logicalId: string;
  readonly physicalId?: string;
  /** The resource type, e.g. AWS::Lambda::Function. */
  readonly type: string;
  readonly action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  /** 'True' means deleted and recreated; undefined for Add and Remove. */
  readonly replacement?: 'True' | 'False' | 'Conditional';
  /** The changed properties that cause the replacement (Details with RequiresRecreation). */
  readonly recreatedBy?: readonly RecreationCause[];
  /** What happens to the old resource on Remove or replacement: Delete, Retain, Snapshot … */
  readonly policyAction?: string;
}

export interface ChangeSetDescription {
  readonly status: string;
  readonly statusReason?: string;
  readonly executionStatus?: string;
  readonly stackId?: string;
  readonly stackName?: string;
  readonly changeSetId?: string;
  readonly changeSetName?: string;
  readonly creationTime?: Date;
  /** The parameter values it deploys (NoEcho ones masked as `****` by CloudFormation). */
  readonly parameters: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly notificationArns: readonly string[];
  /** The rollback triggers' alarm ARNs and monitoring minutes, when it names any. */
  readonly rollbackConfiguration?: {
    readonly alarmArns?: readonly string[];
    readonly monitoringMinutes?: number;
  };
  readonly changes: readonly ResourceChangeSummary[];
}

/** The properties whose change recreates the resource, each once, Always before Conditionally. */
function recreationCauses(change: NonNullable<Change['ResourceChange']>): RecreationCause[] | undefined {
  const causes = new Map<string, RecreationCause['when']>();
  for (const d of change.Details ?? []) {
    const when = d.Target?.RequiresRecreation;
    if (when !== 'Always' && when !== 'Conditionally') continue;
    const property = d.Target?.Name ?? d.Target?.Attribute ?? '?';
    if (causes.get(property) !== 'Always') causes.set(property, when);
  }
  if (causes.size === 0) return undefined;
  return [...causes]
    .map(([property, when]) => ({ property, when }))
    .sort((a, b) =>
      a.when === b.when ? a.property.localeCompare(b.property) : a.when === 'Always' ? -1 : 1,
    );
}

function resourceChange(c: Change): ResourceChangeSummary | undefined {
  const rc = c.ResourceChange;
  if (!rc) return undefined;
  const recreatedBy = recreationCauses(rc);
  return {
    logicalId: rc.LogicalResourceId ?? '?',
    physicalId: rc.PhysicalResourceId,
    type: rc.ResourceType ?? '?',
    // SyncWithActual only comes from drift-aware change sets, which this tool never creates.
    action: rc.Action === 'SyncWithActual' || !rc.Action ? 'Modify' : rc.Action,
    replacement: rc.Replacement,
    ...(recreatedBy ? { recreatedBy } : {}),
    ...(rc.PolicyAction ? { policyAction: rc.PolicyAction } : {}),
  };
}

const pairs = <T>(
  items: T[] | undefined,
  key: (t: T) => string | undefined,
  value: (t: T) => string | undefined,
) =>
  Object.fromEntries((items ?? []).filter((i) => key(i) !== undefined).map((i) => [key(i)!, value(i) ?? '']));

function describedHead(
  res: DescribeChangeSetCommandOutput,
  changes: ResourceChangeSummary[],
): ChangeSetDescription {
  const rollback = res.RollbackConfiguration;
  return {
    status: res.Status ?? 'UNKNOWN',
    statusReason: res.StatusReason,
    executionStatus: res.ExecutionStatus,
    stackId: res.StackId,
    stackName: res.StackName,
    changeSetId: res.ChangeSetId,
    changeSetName: res.ChangeSetName,
    creationTime: res.CreationTime,
    parameters: pairs(
      res.Parameters,
      (p) => p.ParameterKey,
      (p) => p.ParameterValue,
    ),
    tags: pairs(
      res.Tags,
      (t) => t.Key,
      (t) => t.Value,
    ),
    notificationArns: res.NotificationARNs ?? [],
    ...(rollback
      ? {
          rollbackConfiguration: {
            alarmArns: rollback.RollbackTriggers?.map((t) => t.Arn ?? ''),
            monitoringMinutes: rollback.MonitoringTimeInMinutes,
          },
        }
      : {}),
    changes,
  };
}

/**
 * DescribeChangeSet across all pages (a page holds at most 100 changes). A name is looked up
 * on stackName; an ARN stands alone (it names its stack).
 */
export async function describeChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
  { allPages = true } = {},
): Promise<ChangeSetDescription> {
  const changes: ResourceChangeSummary[] = [];
  let NextToken: string | undefined;
  let first: ChangeSetDescription | undefined;
  const byArn = changeSetName.startsWith('arn:');
  for (let page = 0; page < 100; page++) {
    const res = await cfn.send(
      new DescribeChangeSetCommand({
        ...(byArn ? {} : { StackName: stackName }),
        ChangeSetName: changeSetName,
        NextToken,
      }),
    );
    first ??= describedHead(res, changes);
    for (const c of res.Changes ?? []) {
      const change = resourceChange(c);
      if (change) changes.push(change);
    }
    NextToken = res.NextToken;
    if (!allPages || !NextToken) break;
  }
  return first ?? { status: 'UNKNOWN', parameters: {}, tags: {}, notificationArns: [], changes };
}

/** True for the error DescribeChangeSet answers for a change set that does not exist (any more). */
export const isChangeSetMissingError = (e: unknown): boolean =>
  e instanceof ChangeSetNotFoundException ||
  errorName(e) === 'ChangeSetNotFoundException' ||
  errorName(e) === 'ChangeSetNotFound';

/** The template a change set holds, as it was submitted (before transforms). */
export async function getChangeSetTemplate(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
): Promise<string> {
  const res = await cfn.send(
    new GetTemplateCommand({ StackName: stackName, ChangeSetName: changeSetName, TemplateStage: 'Original' }),
  );
  return res.TemplateBody ?? '';
}

// The two ways CloudFormation says a change set is empty (the second comes from older paths).
const EMPTY_CHANGE_SET = [
  "The submitted information didn't contain changes",
  'No updates are to be performed',
];

export const isEmptyChangeSetReason = (reason: string | undefined): boolean =>
  EMPTY_CHANGE_SET.some((text) => reason?.includes(text));

/** RollbackConfiguration as the request sends it; a member left out keeps the stack's own. */
export interface RollbackTriggers {
  readonly alarms?: readonly {
    readonly arn: string;
    readonly type: 'AWS::CloudWatch::Alarm' | 'AWS::CloudWatch::CompositeAlarm';
  }[];
  readonly monitoringMinutes?: number;
}

export interface CreateChangeSetRequest {
  readonly stackName: string;
  readonly changeSetName: string;
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly template: { readonly body: string } | { readonly url: string };
  readonly parameters: readonly Parameter[];
  readonly capabilities: readonly Capability[];
  readonly roleArn?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly description: string;
  /** Undefined: the stack keeps the topics it has (CloudFormation's default). */
  readonly notificationArns?: readonly string[];
  /** Undefined: the stack keeps the triggers it has (CloudFormation's default). */
  readonly rollback?: RollbackTriggers;
}

/** Starts creating a change set; returns its id (the caller waits for it to be created). */
export async function createChangeSet(
  cfn: CloudFormationClient,
  request: CreateChangeSetRequest,
): Promise<string | undefined> {
  const res = await cfn.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: request.changeSetName,
      ChangeSetType: request.changeSetType,
      ...('body' in request.template
        ? { TemplateBody: request.template.body }
        : { TemplateURL: request.template.url }),
      Parameters: [...request.parameters],
      Capabilities: [...request.capabilities],
      RoleARN: request.roleArn,
      Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
      Description: request.description,
      ...(request.notificationArns ? { NotificationARNs: [...request.notificationArns] } : {}),
      ...(request.rollback
        ? {
            RollbackConfiguration: {
              RollbackTriggers: request.rollback.alarms?.map((a) => ({ Arn: a.arn, Type: a.type })),
              MonitoringTimeInMinutes: request.rollback.monitoringMinutes,
            },
          }
        : {}),
    }),
  );
  return res.Id;
}

export async function deleteChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
): Promise<void> {
  await cfn.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
}

/** Executes a change set; its name doubles as the request token, so a retried call runs it once. */
export async function executeChangeSet(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
): Promise<void> {
  await cfn.send(
    new ExecuteChangeSetCommand({
      StackName: stackName,
      ChangeSetName: changeSetName,
      ClientRequestToken: changeSetName,
    }),
  );
}
