// Lambda control-plane records. A version record carries everything the code runner needs
// to build a FunctionVersionSpec (emulator/runtime/contract.ts): handler, runtime, memory,
// timeout, environment, the code snapshot, and the LMI settings.

export interface CodeRef {
  /** Base64 SHA-256 of the zip, as Lambda reports CodeSha256. */
  sha256: string;
  size: number;
  /** The snapshot of the zip taken at create/update time (Lambda copies the code). */
  zipPath: string;
  /** Where the code came from, when it came from S3. */
  s3?: { bucket: string; key: string; objectVersion?: string };
}

export interface LmiConfig {
  capacityProviderArn: string;
  perExecutionEnvironmentMaxConcurrency: number;
  executionEnvironmentMemoryGiBPerVCpu: number;
}

export interface FunctionConfig {
  runtime: string;
  handler: string;
  role: string;
  memorySize: number;
  timeout: number;
  description: string;
  environment: Record<string, string>;
  architectures: string[];
  code: CodeRef;
  lmi?: LmiConfig;
  logGroup: string;
  logFormat: string;
  ephemeralStorageMb: number;
  tracingMode: string;
  layers: string[];
}

type VersionState =
  'Pending' | 'Active' | 'Failed' | 'Inactive' | 'ActiveNonInvocable' | 'Deactivating' | 'Deactivated';

export interface VersionRecord {
  functionName: string;
  /** "$LATEST" or a published version number. */
  version: string;
  config: FunctionConfig;
  state: VersionState;
  stateReason?: string;
  stateReasonCode?: string;
  lastUpdateStatus: 'Successful' | 'InProgress' | 'Failed';
  lastModified: Date;
  revisionId: string;
  /** Requested FunctionScalingConfig of an LMI version. */
  scaling?: ScalingConfig;
  /** The FunctionScalingConfig in effect (GetFunctionScalingConfig's Applied…); see capacity.ts. */
  appliedScaling?: Required<ScalingConfig>;
}

export interface ScalingConfig {
  MinExecutionEnvironments?: number;
  MaxExecutionEnvironments?: number;
}

export interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  /** Additional version → weight (0..1); at most one entry. */
  additionalVersionWeights?: Record<string, number>;
  revisionId: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface FunctionRecord {
  name: string;
  arn: string;
  latest: VersionRecord;
  versions: Map<string, VersionRecord>;
  nextVersion: number;
  aliases: Map<string, AliasRecord>;
  /** Resource policy statements per qualifier ('' is the unqualified function). */
  policies: Map<string, PolicyStatement[]>;
  policyRevisions: Map<string, string>;
  tags: Record<string, string>;
  /** The function's FunctionScalingConfig (AWS::Lambda::Function): `$LATEST.PUBLISHED`'s. */
  latestPublishedScaling?: ScalingConfig;
}

type CapacityProviderState = 'Pending' | 'Active' | 'Failed' | 'Deleting';

export interface CapacityProviderRecord {
  name: string;
  arn: string;
  state: CapacityProviderState;
  vpcConfig: { SubnetIds: string[]; SecurityGroupIds: string[] };
  permissionsConfig: { CapacityProviderOperatorRoleArn: string };
  instanceRequirements?: {
    Architectures?: string[];
    AllowedInstanceTypes?: string[];
    ExcludedInstanceTypes?: string[];
  };
  scalingConfig?: {
    MaxVCpuCount?: number;
    ScalingMode?: string;
    ScalingPolicies?: { PredefinedMetricType: string; TargetValue: number }[];
  };
  kmsKeyArn?: string;
  lastModified: Date;
  tags: Record<string, string>;
}
