import {
  DEFAULT_INSTANCE_TYPE,
  HOURS_PER_MONTH,
  INSTANCE_TYPES,
  LMI_MANAGEMENT_FEE,
  LMI_MIN_INSTANCES,
  LMI_REQUEST_PRICE_PER_MILLION,
  type Architecture,
  type InstanceType,
} from './prices.js';

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

export interface LmiCostInput {
  invocations: number;
  /** Measured duration of one invocation on LMI (its latency, not its CPU time). */
  durationMs: number;
  /** The function's MemorySize: the memory of one execution environment. */
  memoryMb: number;
  memoryGiBPerVCpu: number;
  /** PerExecutionEnvironmentMaxConcurrency. */
  maxConcurrency: number;
  architecture: Architecture;
  /**
   * The version's FunctionScalingConfig: Lambda keeps at least `min` environments running
   * whatever the traffic and never scales past `max`. Absent: SAM's default of 3, no ceiling.
   */
  scaling?: { min: number; max: number };
  /** Peak-to-average ratio of the traffic: the fleet is sized for the peak. */
  peakFactor: number;
  savingsPlanDiscount: number;
  instanceType?: string;
  /** USD per hour; overrides the table (another region, a newer price). */
  instancePrice?: number;
}

export interface LmiCost {
  instanceType: string;
  instanceHourly: number;
  averageConcurrency: number;
  peakConcurrency: number;
  environments: number;
  /** True when the peak needs more environments than MaxExecutionEnvironments allows (throttles). */
  cappedByMax: boolean;
  environmentsPerInstance: number;
  instances: number;
  ec2: number;
  managementFee: number;
  requests: number;
  total: number;
}

export class CostInputError extends Error {}

function resolveInstance(input: Pick<LmiCostInput, 'architecture' | 'instanceType' | 'instancePrice'>): {
  name: string;
  type: InstanceType;
} {
  const name = input.instanceType ?? DEFAULT_INSTANCE_TYPE[input.architecture];
  const known = INSTANCE_TYPES[name];
  if (!known) {
    throw new CostInputError(
      `instance-type: "${name}" is not in the price table (${Object.keys(INSTANCE_TYPES).join(', ')}); ` +
        'pick one of those or give its vCPUs and memory through a known type plus instance-price',
    );
  }
  return {
    name,
    type: input.instancePrice === undefined ? known : { ...known, hourly: input.instancePrice },
  };
}

/**
 * LMI per month: the fleet runs all month whatever the traffic, so the cost is instances × hours,
 * where the instance count comes from the measured demand and never drops below three.
 */
export function lmiMonthlyCost(input: LmiCostInput): LmiCost {
  const { name, type } = resolveInstance(input);
  const envVcpus = input.memoryMb / 1024 / input.memoryGiBPerVCpu;
  const envMemoryGiB = input.memoryMb / 1024;
  const environmentsPerInstance = Math.min(
    Math.floor(type.vcpus / envVcpus),
    Math.floor(type.memoryGiB / envMemoryGiB),
  );
  if (environmentsPerInstance < 1) {
    throw new CostInputError(
      `instance-type: ${name} (${type.vcpus} vCPU, ${type.memoryGiB} GiB) cannot hold one execution environment ` +
        `of ${envMemoryGiB} GiB and ${envVcpus} vCPU; pick a larger instance type`,
    );
  }
  // Little's law: average in-flight invocations = arrival rate × time in the system.
  const averageConcurrency = (input.invocations / SECONDS_PER_MONTH) * (input.durationMs / 1000);
  const peakConcurrency = averageConcurrency * input.peakFactor;
  const wanted = Math.ceil(peakConcurrency / input.maxConcurrency);
  const min = input.scaling?.min ?? LMI_MIN_INSTANCES;
  const max = input.scaling?.max ?? Number.POSITIVE_INFINITY;
  const environments = Math.max(min, Math.min(max, wanted), 1);
  const cappedByMax = wanted > max;
  const instances = Math.max(LMI_MIN_INSTANCES, Math.ceil(environments / environmentsPerInstance));

  const onDemand = instances * HOURS_PER_MONTH * type.hourly;
  const ec2 = onDemand * (1 - input.savingsPlanDiscount);
  const managementFee = onDemand * LMI_MANAGEMENT_FEE;
  const requests = (input.invocations / 1e6) * LMI_REQUEST_PRICE_PER_MILLION;
  return {
    instanceType: name,
    instanceHourly: type.hourly,
    averageConcurrency,
    peakConcurrency,
    environments,
    cappedByMax,
    environmentsPerInstance,
    instances,
    ec2,
    managementFee,
    requests,
    total: ec2 + managementFee + requests,
  };
}
