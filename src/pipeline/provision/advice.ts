// What each StateReasonCode of a Failed LMI version means for the person running the
// pipeline, as one sentence they can act on. Codes from the Lambda API's StateReasonCode enum.

const FUNCTION_ERROR =
  "The function's init code failed in the execution environments: fix the code outside the handler " +
  "(imports, configuration, environment variables) and read the init errors in the function's log group.";

const ADVICE: Record<string, string> = {
  InsufficientCapacity:
    "EC2 has no capacity right now for the capacity provider's instance types in its subnets' Availability Zones: " +
    'allow more instance types (InstanceRequirements), add subnets in other Availability Zones, or deploy again later.',
  VcpuLimitExceeded:
    "The account's EC2 On-Demand vCPU quota for these instance families is used up: request an increase in Service Quotas " +
    '(EC2 "Running On-Demand … instances") or free vCPUs, then deploy again.',
  InvalidSubnet:
    "A subnet in the capacity provider's VpcConfig does not exist or cannot be used: fix the SubnetIds parameter.",
  SubnetOutOfIPAddresses:
    "The capacity provider's subnets have no free IP addresses for the instances: use larger subnets, add subnets, or free addresses.",
  CapacityProviderScalingLimitExceeded:
    "Starting this version's execution environments would pass the capacity provider's MaxVCpuCount: raise MaxVCpuCount " +
    "(the template parameter), lower the function's memory, or delete unused versions on this capacity provider.",
  InvalidSecurityGroup:
    "A security group in the capacity provider's VpcConfig does not exist or belongs to another VPC: fix the SecurityGroupIds parameter.",
  EniLimitExceeded:
    "The VPC's network interface quota is reached: request a higher ENI quota in Service Quotas or delete unused interfaces.",
  EC2RequestLimitExceeded:
    'EC2 throttled the requests Lambda makes to launch instances: deploy again in a few minutes.',
  InsufficientRolePermissions:
    "A role lacks permissions: the capacity provider's operator role needs the AWSLambdaManagedEC2ResourceOperator managed policy, " +
    "and the function's execution role what its init code calls.",
  FunctionError: FUNCTION_ERROR,
  'FunctionError.InitTimeout':
    "The function's init code did not finish within the init limit (the larger of 130 s and the function timeout): " +
    'make the code outside the handler faster, or raise the timeout.',
  'FunctionError.InvalidEntryPoint':
    'Lambda could not find the handler: check the Handler setting against the file and export names in the package.',
  'FunctionError.InvalidWorkingDirectory':
    'The working directory of the image does not exist: fix the image configuration.',
  'FunctionError.PermissionDenied':
    'The runtime could not read the function code (file permissions in the package): make the files readable.',
  'FunctionError.RuntimeInitError': FUNCTION_ERROR,
  'FunctionError.InitResourceExhausted':
    "The function's init ran out of resources (memory, file descriptors): raise MemorySize or load less at init.",
  'FunctionError.ExtensionInitError':
    'An extension failed to initialize: fix or remove the layer that adds it.',
  'FunctionError.TooManyExtensions':
    'The function has more extensions than Lambda allows: remove some layers.',
  DisabledKMSKey:
    "The KMS key that encrypts the function's environment is disabled: enable it or use another key.",
  KMSKeyAccessDenied:
    "Lambda may not use the KMS key of the function's environment: allow it in the key policy.",
  KMSKeyNotFound: "The KMS key of the function's environment was deleted: set a key that exists.",
  InvalidStateKMSKey:
    "The KMS key of the function's environment is not in a usable state: check it in the KMS console.",
  InvalidConfiguration:
    "The function's configuration is not valid for Lambda Managed Instances: check memory (at least 2 GB), runtime and capacity provider settings.",
  InvalidRuntime:
    'The runtime does not support Lambda Managed Instances: use Node.js 22+, Python 3.13+, Java 21+ or .NET 8+.',
  InvalidZipFileException: 'Lambda could not unpack the deployment package: rebuild and deploy it again.',
  ServiceQuotaExceededException:
    'A Lambda service quota is reached (for example 100 versions per capacity provider): delete unused versions or request an increase.',
  DisallowedByVpcEncryptionControl:
    "The VPC's encryption controls do not allow these instances: use subnets in a VPC that allows them.",
  InternalError:
    'Lambda had an internal error while provisioning: deploy again; if it repeats, open an AWS support case.',
};

/** The advice for a reason code; FunctionError.* codes fall back to the FunctionError advice. */
export function provisioningAdvice(code: string | undefined): string {
  if (!code)
    return "Lambda gave no reason code: read the version's StateReason and the capacity provider in the Lambda console.";
  return (
    ADVICE[code] ??
    (code.startsWith('FunctionError')
      ? FUNCTION_ERROR
      : `Look up ${code} in the Lambda documentation for StateReasonCode.`)
  );
}
