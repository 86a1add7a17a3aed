// The published LMI version as Lambda describes it: its configuration (read with the
// permission a denial names, and a missing version explained), the capacity provider it runs
// on, and the settings the later stages size themselves by.
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { getFunctionConfiguration } from '../../aws/lambda.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { errorMessage, errorName } from '../../core/aws-errors.js';
import { CutoverError } from '../../core/errors.js';
import type { PipelineContext } from '../context.js';

export interface LmiVersionRef {
  readonly functionName: string;
  /** A published version number, never $LATEST. */
  readonly version: string;
  /** From the stack outputs; the function's own configuration wins when they differ. */
  readonly capacityProviderArn?: string;
}

/** The LMI function's settings the later stages size themselves by. */
export interface LmiFunctionFacts {
  readonly memoryMb: number;
  readonly architecture: 'x86_64' | 'arm64';
  readonly maxConcurrency: number;
  readonly memoryGiBPerVCpu: number;
  readonly capacityProviderArn: string;
  readonly environment: Readonly<Record<string, string>>;
  /** The version's FunctionScalingConfig (Requested), when it could be read. */
  readonly scaling?: { readonly min: number; readonly max: number };
}

export async function getVersionConfiguration(
  ctx: PipelineContext,
  ref: LmiVersionRef,
): Promise<FunctionConfiguration> {
  try {
    return await getFunctionConfiguration(ctx.aws.lambda, ref.functionName, ref.version);
  } catch (e) {
    throwIfAccessDenied(e, 'lambda:GetFunctionConfiguration', `${ref.functionName}:${ref.version}`);
    if (errorName(e) === 'ResourceNotFoundException') {
      throw new CutoverError(
        'PROVISIONING_FAILED',
        `Version ${ref.version} of ${ref.functionName} does not exist (${errorMessage(e)}). The stack output LmiVersion must name the version its live alias points at.`,
        [],
        { cause: e },
      );
    }
    throw e;
  }
}

/** The capacity provider's ARN; a function without one is not LMI and never will be. */
export function capacityProviderOf(configuration: FunctionConfiguration, ref: LmiVersionRef): string {
  const arn =
    configuration.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig?.CapacityProviderArn;
  if (!arn) {
    throw new CutoverError(
      'PROVISIONING_FAILED',
      `${ref.functionName} is not a Lambda Managed Instances function: its configuration has no CapacityProviderConfig. ` +
        'LmiFunctionName must name the function on the capacity provider (a function cannot become LMI after creation).',
    );
  }
  return arn;
}

export function lmiFacts(c: FunctionConfiguration, ref: LmiVersionRef): LmiFunctionFacts {
  const lmi = c.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
  return {
    memoryMb: c.MemorySize ?? 2048,
    // Lambda's default architecture when none is set.
    architecture: c.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    // Lambda's defaults when a field is absent: 64 per environment (Node.js), 2 GiB per vCPU.
    maxConcurrency: lmi?.PerExecutionEnvironmentMaxConcurrency ?? 64,
    memoryGiBPerVCpu: lmi?.ExecutionEnvironmentMemoryGiBPerVCpu ?? 2,
    capacityProviderArn: lmi?.CapacityProviderArn ?? ref.capacityProviderArn ?? '',
    environment: c.Environment?.Variables ?? {},
  };
}
