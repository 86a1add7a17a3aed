// CloudFormation's records: stacks with their resources and events, and change sets.
import type { ResolvedParameter } from './parameters.js';
import type { Attributes, Props } from './providers/types.js';
import type { Template } from './template.js';

export type StackStatus =
  | 'REVIEW_IN_PROGRESS'
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_COMPLETE'
  | 'ROLLBACK_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_COMPLETE'
  | 'DELETE_FAILED';

type ResourceStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_COMPLETE'
  | 'DELETE_FAILED'
  | 'DELETE_SKIPPED';

export interface StackResource {
  logicalId: string;
  type: string;
  physicalId?: string;
  properties: Props;
  attributes: Attributes;
  status: ResourceStatus;
  statusReason?: string;
  timestamp: Date;
  deletionPolicy?: string;
  updateReplacePolicy?: string;
}

interface StackEvent {
  EventId: string;
  StackId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Timestamp: Date;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  ResourceProperties?: string;
  ClientRequestToken?: string;
}

export interface StackOutput {
  OutputKey: string;
  OutputValue: string;
  Description?: string;
  ExportName?: string;
}

/** CloudFormation's RollbackConfiguration: the alarms it watches, and for how long after the resources. */
export interface RollbackConfiguration {
  triggers: { Arn: string; Type: string }[];
  monitoringMinutes: number;
}

export interface StackRecord {
  stackId: string;
  stackName: string;
  status: StackStatus;
  statusReason?: string;
  creationTime: Date;
  lastUpdatedTime?: Date;
  deletionTime?: Date;
  description?: string;
  parameters: ResolvedParameter[];
  capabilities: string[];
  tags: { Key: string; Value: string }[];
  disableRollback: boolean;
  /** UpdateTerminationProtection: DeleteStack is refused while it is on. */
  terminationProtection: boolean;
  /** SNS topics CloudFormation publishes the stack's events to. */
  notificationArns: string[];
  /** Saved with the stack and applied to later operations until a change set replaces it. */
  rollbackConfiguration?: RollbackConfiguration;
  /** The template as submitted, and after transforms. */
  templateBody?: string;
  template?: Template;
  /** Logical ids in the order they were provisioned (deletes run in reverse). */
  order: string[];
  resources: Map<string, StackResource>;
  events: StackEvent[];
  outputs: StackOutput[];
  changeSetId?: string;
  /** True while an operation runs on the stack. */
  busy: boolean;
}

interface ResourceChangeDetail {
  Target: { Attribute: string; Name: string; RequiresRecreation: 'Never' | 'Conditionally' | 'Always' };
  Evaluation: 'Static' | 'Dynamic';
  ChangeSource: 'DirectModification' | 'ResourceReference' | 'ResourceAttribute' | 'ParameterReference';
  CausingEntity?: string;
}

export interface ResourceChange {
  Action: 'Add' | 'Modify' | 'Remove';
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Replacement?: 'True' | 'False' | 'Conditional';
  Scope: string[];
  Details: ResourceChangeDetail[];
  PolicyAction?: 'Delete' | 'Retain';
}

type ChangeSetStatus =
  'CREATE_PENDING' | 'CREATE_IN_PROGRESS' | 'CREATE_COMPLETE' | 'DELETE_COMPLETE' | 'FAILED';
type ExecutionStatus =
  'UNAVAILABLE' | 'AVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED' | 'OBSOLETE';

export interface ChangeSetRecord {
  id: string;
  name: string;
  stackId: string;
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  status: ChangeSetStatus;
  executionStatus: ExecutionStatus;
  statusReason?: string;
  creationTime: Date;
  description?: string;
  parameters: ResolvedParameter[];
  capabilities: string[];
  tags: { Key: string; Value: string }[];
  /** Undefined when the request named none: the stack keeps its own. */
  notificationArns?: string[];
  /** What the request gave; a member it left out keeps the stack's own. */
  rollbackConfiguration?: Partial<RollbackConfiguration>;
  templateBody: string;
  template?: Template;
  changes: ResourceChange[];
}
