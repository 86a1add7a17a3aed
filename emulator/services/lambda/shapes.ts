// Lambda's response shapes (FunctionConfiguration, AliasConfiguration, CapacityProvider).
import type { AliasRecord, CapacityProviderRecord, FunctionRecord, VersionRecord } from './model.js';
import { functionArn, lambdaDate } from './names.js';

export function functionConfiguration(
  region: string,
  fn: FunctionRecord,
  v: VersionRecord,
  qualifiedArn: boolean,
) {
  const c = v.config;
  return {
    FunctionName: fn.name,
    FunctionArn: functionArn(
      region,
      fn.name,
      qualifiedArn || v.version !== '$LATEST' ? v.version : undefined,
    ),
    Runtime: c.runtime,
    Role: c.role,
    Handler: c.handler,
    CodeSize: c.code.size,
    Description: c.description,
    Timeout: c.timeout,
    MemorySize: c.memorySize,
    LastModified: lambdaDate(v.lastModified),
    CodeSha256: c.code.sha256,
    Version: v.version,
    Environment: Object.keys(c.environment).length ? { Variables: c.environment } : undefined,
    TracingConfig: { Mode: c.tracingMode },
    RevisionId: v.revisionId,
    Layers: c.layers.length ? c.layers.map((Arn) => ({ Arn, CodeSize: 0 })) : undefined,
    State: v.state,
    StateReason: v.stateReason,
    StateReasonCode: v.stateReasonCode,
    LastUpdateStatus: v.lastUpdateStatus,
    PackageType: 'Zip',
    Architectures: c.architectures,
    EphemeralStorage: { Size: c.ephemeralStorageMb },
    SnapStart: c.lmi ? undefined : { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: c.logFormat, LogGroup: c.logGroup },
    CapacityProviderConfig: c.lmi
      ? {
          LambdaManagedInstancesCapacityProviderConfig: {
            CapacityProviderArn: c.lmi.capacityProviderArn,
            PerExecutionEnvironmentMaxConcurrency: c.lmi.perExecutionEnvironmentMaxConcurrency,
            ExecutionEnvironmentMemoryGiBPerVCpu: c.lmi.executionEnvironmentMemoryGiBPerVCpu,
          },
        }
      : undefined,
  };
}

export function aliasConfiguration(region: string, fn: FunctionRecord, a: AliasRecord) {
  return {
    AliasArn: functionArn(region, fn.name, a.name),
    Name: a.name,
    FunctionVersion: a.functionVersion,
    Description: a.description,
    RoutingConfig: a.additionalVersionWeights
      ? { AdditionalVersionWeights: a.additionalVersionWeights }
      : undefined,
    RevisionId: a.revisionId,
  };
}

export function capacityProvider(cp: CapacityProviderRecord) {
  return {
    CapacityProviderArn: cp.arn,
    State: cp.state,
    VpcConfig: cp.vpcConfig,
    PermissionsConfig: cp.permissionsConfig,
    InstanceRequirements: cp.instanceRequirements,
    CapacityProviderScalingConfig: cp.scalingConfig,
    KmsKeyArn: cp.kmsKeyArn,
    LastModified: lambdaDate(cp.lastModified),
  };
}
