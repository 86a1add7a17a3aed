// Prices used by the cost model. Lambda figures are AWS's published first-tier rates; the EC2
// table is on-demand Linux in us-east-1. Override `instance-price` for another region or date.

export const PRICE_SOURCE = 'AWS public price pages, us-east-1 on-demand Linux, as read 2025-12';

export const LAMBDA_REQUEST_PRICE_PER_MILLION = 0.2;
export const LMI_REQUEST_PRICE_PER_MILLION = 0.2;
/** LMI's management fee: a share of the instance's on-demand price, never discounted by Savings Plans. */
export const LMI_MANAGEMENT_FEE = 0.15;
export const HOURS_PER_MONTH = 730;
/** Lambda keeps an LMI version on three instances (one per AZ) even at zero traffic. */
export const LMI_MIN_INSTANCES = 3;

export type Architecture = 'x86_64' | 'arm64';

/** Monthly GB-second tiers: `upTo` is the cumulative GB-s where the tier ends. */
export const LAMBDA_GB_SECOND_TIERS: Record<Architecture, { upTo: number; price: number }[]> = {
  x86_64: [
    { upTo: 6e9, price: 0.0000166667 },
    { upTo: 15e9, price: 0.000015 },
    { upTo: Infinity, price: 0.0000133334 },
  ],
  arm64: [
    { upTo: 7.5e9, price: 0.0000133334 },
    { upTo: 18.75e9, price: 0.0000120001 },
    { upTo: Infinity, price: 0.0000106667 },
  ],
};

export const LAMBDA_FREE_TIER = { requests: 1_000_000, gbSeconds: 400_000 };

export interface InstanceType {
  vcpus: number;
  memoryGiB: number;
  architecture: Architecture;
  /** On-demand USD per hour. */
  hourly: number;
}

export const INSTANCE_TYPES: Record<string, InstanceType> = {
  'c7g.large': { vcpus: 2, memoryGiB: 4, architecture: 'arm64', hourly: 0.0725 },
  'c7g.xlarge': { vcpus: 4, memoryGiB: 8, architecture: 'arm64', hourly: 0.145 },
  'c7g.2xlarge': { vcpus: 8, memoryGiB: 16, architecture: 'arm64', hourly: 0.29 },
  'm7g.large': { vcpus: 2, memoryGiB: 8, architecture: 'arm64', hourly: 0.0816 },
  'm7g.xlarge': { vcpus: 4, memoryGiB: 16, architecture: 'arm64', hourly: 0.1632 },
  'm7g.2xlarge': { vcpus: 8, memoryGiB: 32, architecture: 'arm64', hourly: 0.3264 },
  'r7g.large': { vcpus: 2, memoryGiB: 16, architecture: 'arm64', hourly: 0.1071 },
  'r7g.xlarge': { vcpus: 4, memoryGiB: 32, architecture: 'arm64', hourly: 0.2142 },
  'c7i.large': { vcpus: 2, memoryGiB: 4, architecture: 'x86_64', hourly: 0.08925 },
  'c7i.xlarge': { vcpus: 4, memoryGiB: 8, architecture: 'x86_64', hourly: 0.1785 },
  'c7i.2xlarge': { vcpus: 8, memoryGiB: 16, architecture: 'x86_64', hourly: 0.357 },
  'm7i.large': { vcpus: 2, memoryGiB: 8, architecture: 'x86_64', hourly: 0.1008 },
  'm7i.xlarge': { vcpus: 4, memoryGiB: 16, architecture: 'x86_64', hourly: 0.2016 },
  'm7i.2xlarge': { vcpus: 8, memoryGiB: 32, architecture: 'x86_64', hourly: 0.4032 },
  'r7i.large': { vcpus: 2, memoryGiB: 16, architecture: 'x86_64', hourly: 0.1323 },
  'r7i.xlarge': { vcpus: 4, memoryGiB: 32, architecture: 'x86_64', hourly: 0.2646 },
};

/** The default instance per architecture: the smallest general-purpose type that fits a 4 GiB / 2 vCPU environment. */
export const DEFAULT_INSTANCE_TYPE: Record<Architecture, string> = {
  arm64: 'm7g.large',
  x86_64: 'm7i.large',
};
