// CloudFormation's response shapes, written for the query protocol's XML.
import type { XmlValue } from '../../http/xml.js';
import type { ChangeSetRecord, StackRecord, StackResource } from './model.js';
import { parameterView } from './parameters.js';
import { rollbackConfigurationShape } from './stack-options.js';

export const stackShape = (s: StackRecord): Record<string, XmlValue> => ({
  StackId: s.stackId,
  StackName: s.stackName,
  ChangeSetId: s.changeSetId,
  Description: s.description,
  Parameters: parameterView(s.parameters) as XmlValue,
  CreationTime: s.creationTime,
  DeletionTime: s.deletionTime,
  LastUpdatedTime: s.lastUpdatedTime,
  StackStatus: s.status,
  StackStatusReason: s.statusReason,
  DisableRollback: s.disableRollback,
  NotificationARNs: s.notificationArns,
  RollbackConfiguration: rollbackConfigurationShape(s.rollbackConfiguration ?? {}),
  Capabilities: s.capabilities,
  Outputs: s.outputs as unknown as XmlValue,
  Tags: s.tags as unknown as XmlValue,
  EnableTerminationProtection: s.terminationProtection,
  DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
});

export const changeSetShape = (
  cs: ChangeSetRecord,
  page: { changes: unknown[]; next?: string },
): Record<string, XmlValue> => ({
  ChangeSetName: cs.name,
  ChangeSetId: cs.id,
  StackId: cs.stackId,
  StackName: cs.stackName,
  Description: cs.description,
  Parameters: parameterView(cs.parameters) as XmlValue,
  CreationTime: cs.creationTime,
  ExecutionStatus: cs.executionStatus,
  Status: cs.status,
  StatusReason: cs.statusReason,
  NotificationARNs: cs.notificationArns ?? [],
  RollbackConfiguration: rollbackConfigurationShape(cs.rollbackConfiguration),
  Capabilities: cs.capabilities,
  Tags: cs.tags as unknown as XmlValue,
  Changes: page.changes.map((c) => ({ Type: 'Resource', ResourceChange: c })) as XmlValue,
  NextToken: page.next,
  IncludeNestedStacks: false,
});

export const changeSetSummary = (cs: ChangeSetRecord): Record<string, XmlValue> => ({
  StackId: cs.stackId,
  StackName: cs.stackName,
  ChangeSetId: cs.id,
  ChangeSetName: cs.name,
  ExecutionStatus: cs.executionStatus,
  Status: cs.status,
  StatusReason: cs.statusReason,
  CreationTime: cs.creationTime,
  Description: cs.description,
  IncludeNestedStacks: false,
});

export const stackResourceShape = (s: StackRecord, r: StackResource): Record<string, XmlValue> => ({
  StackName: s.stackName,
  StackId: s.stackId,
  LogicalResourceId: r.logicalId,
  PhysicalResourceId: r.physicalId,
  ResourceType: r.type,
  Timestamp: r.timestamp,
  ResourceStatus: r.status,
  ResourceStatusReason: r.statusReason,
  DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
});

export const stackResourceSummary = (r: StackResource): Record<string, XmlValue> => ({
  LogicalResourceId: r.logicalId,
  PhysicalResourceId: r.physicalId,
  ResourceType: r.type,
  LastUpdatedTimestamp: r.timestamp,
  ResourceStatus: r.status,
  ResourceStatusReason: r.statusReason,
  DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
});

/** NextToken pagination over a list (tokens are opaque offsets). */
export function paginate<T>(items: T[], token: unknown, size: number): { items: T[]; next?: string } {
  const start =
    typeof token === 'string' && token ? Number(Buffer.from(token, 'base64').toString('utf8')) || 0 : 0;
  const end = start + size;
  return {
    items: items.slice(start, end),
    next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined,
  };
}
