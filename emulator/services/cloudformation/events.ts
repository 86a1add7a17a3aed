// Stack events, and the failure sentences CloudFormation writes into them.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.js';
import type { StackRecord, StackResource } from './model.js';

export function stackEvent(stack: StackRecord, status: string, reason?: string): void {
  stack.events.push({
    EventId: randomUUID(),
    StackId: stack.stackId,
    StackName: stack.stackName,
    LogicalResourceId: stack.stackName,
    PhysicalResourceId: stack.stackId,
    ResourceType: 'AWS::CloudFormation::Stack',
    Timestamp: new Date(),
    ResourceStatus: status,
    ResourceStatusReason: reason,
  });
}

export function resourceEvent(
  stack: StackRecord,
  r: StackResource,
  status: StackResource['status'],
  reason?: string,
  physicalId = r.physicalId,
): void {
  r.status = status;
  r.statusReason = reason;
  r.timestamp = new Date();
  stack.events.push({
    EventId: `${r.logicalId}-${status}-${r.timestamp.toISOString()}-${randomUUID().slice(0, 8)}`,
    StackId: stack.stackId,
    StackName: stack.stackName,
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: physicalId ?? '',
    ResourceType: r.type,
    Timestamp: r.timestamp,
    ResourceStatus: status,
    ResourceStatusReason: reason,
    ResourceProperties:
      status.endsWith('_IN_PROGRESS') && !status.startsWith('DELETE')
        ? JSON.stringify(r.properties)
        : undefined,
  });
}

const SERVICE_OF: Record<string, string> = {
  Lambda: 'Lambda',
  ApiGateway: 'ApiGateway',
  DynamoDB: 'DynamoDb',
  IAM: 'Iam',
  SSM: 'Ssm',
};

const HANDLER_CODE: Record<string, string> = {
  ResourceNotFoundException: 'NotFound',
  NotFoundException: 'NotFound',
  NoSuchEntity: 'NotFound',
  ResourceConflictException: 'AlreadyExists',
  ConflictException: 'AlreadyExists',
  EntityAlreadyExists: 'AlreadyExists',
  ResourceInUseException: 'ResourceConflict',
  TooManyRequestsException: 'Throttling',
  ThrottlingException: 'Throttling',
  NotStabilized: 'NotStabilized',
  AccessDenied: 'AccessDenied',
  AccessDeniedException: 'AccessDenied',
  FunctionVersionsPerCapacityProviderLimitExceededException: 'ServiceLimitExceeded',
};

/** CloudFormation's sentence for a resource handler failure. */
export function handlerFailure(resourceType: string, e: unknown): string {
  const service = SERVICE_OF[resourceType.split('::')[1] ?? ''] ?? resourceType.split('::')[1] ?? 'Unknown';
  const token = randomUUID();
  if (e instanceof AwsError) {
    const code = HANDLER_CODE[e.code] ?? (e.statusCode >= 500 ? 'ServiceInternalError' : 'InvalidRequest');
    const detail =
      e.code === 'NotStabilized'
        ? e.message
        : `${e.message} (Service: ${service}, Status Code: ${e.statusCode}, Request ID: ${randomUUID()})`;
    return `Resource handler returned message: "${detail}" (RequestToken: ${token}, HandlerErrorCode: ${code})`;
  }
  return `Resource handler returned message: "${(e as Error).message}" (RequestToken: ${token}, HandlerErrorCode: GeneralServiceException)`;
}
