// `lmi-cutover cost`: the monthly cost of standard Lambda against an LMI fleet for figures you
// give (no AWS calls), with the crossover volume and every assumption — the same model the
// report uses with the figures a run measures.
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  compareCosts,
  CostInputError,
  DEFAULT_INSTANCE_TYPE,
  INSTANCE_TYPES,
  LMI_MANAGEMENT_FEE,
  type Architecture,
  type CostComparison,
  type CostComparisonInput,
} from '../cost/index.js';
import { COST_PEAK_FACTOR } from '../pipeline/verify/cost.js';
import { formatCount, formatUnitPrice, formatUsd, formatVolume } from '../report/format.js';
import { columns } from '../report/text/plain.js';

/** commander parsers: a bad value is bad usage (exit 2) with the accepted form in the message. */
const parser =
  <T>(accepted: string, parse: (v: string) => T | undefined) =>
  (value: string): T => {
    const parsed = parse(value.trim());
    if (parsed === undefined) throw new InvalidArgumentError(`"${value}" is not ${accepted}.`);
    return parsed;
  };

const number =
  (min: number, max: number, whole = false) =>
  (v: string) => {
    const n = /^\d*\.?\d+$/.test(v) ? Number(v) : NaN;
    return Number.isFinite(n) && n >= min && n <= max && (!whole || Number.isInteger(n)) ? n : undefined;
  };

const invocations = (v: string) => {
  const digits = v.replace(/[_,]/g, '');
  return /^\d+$/.test(digits) && Number(digits) >= 1 && Number(digits) <= 1e12 ? Number(digits) : undefined;
};

const discount = (v: string) => {
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
  const n = percent ? Number(percent[1]) / 100 : number(0, 1)(v);
  return n !== undefined && n >= 0 && n < 1 ? n : undefined;
};

export interface CostFlags {
  invocations: number;
  durationMs: number;
  memoryMb: number;
  architecture: Architecture;
  lmiMemoryMb: number;
  memoryGibPerVcpu: number;
  maxConcurrency: number;
  peakFactor: number;
  savingsPlanDiscount: number;
  instanceType?: string;
  instancePrice?: number;
  lmiDurationMs?: number;
}

export function addCostOptions(command: Command): Command {
  const add = (flags: string, description: string, parse: (v: string) => unknown, fallback?: unknown) => {
    const option = new Option(flags, description).argParser(parse);
    command.addOption(fallback === undefined ? option : option.default(fallback));
  };
  add(
    '--invocations <n>',
    'invocations per month (5000000, 5_000_000 or 5,000,000)',
    parser('a whole number between 1 and 10^12', invocations),
    5_000_000,
  );
  add(
    '--duration-ms <ms>',
    'mean duration of one invocation on standard Lambda, in ms',
    parser('a number of milliseconds between 1 and 900000', number(1, 900_000)),
    500,
  );
  add(
    '--memory-mb <mb>',
    'memory of the standard function',
    parser('a whole number of MB between 128 and 10240', number(128, 10_240, true)),
    512,
  );
  add(
    '--architecture <arch>',
    'arm64 or x86_64, for both sides',
    parser('arm64 or x86_64', (v) => (v === 'arm64' || v === 'x86_64' ? v : undefined)),
    'x86_64',
  );
  add(
    '--lmi-duration-ms <ms>',
    'mean duration on LMI, in ms (default: --duration-ms)',
    parser('a number of milliseconds between 1 and 900000', number(1, 900_000)),
  );
  add(
    '--lmi-memory-mb <mb>',
    "memory of the LMI function: one execution environment's memory (LMI needs at least 2048)",
    parser('a whole number of MB between 2048 and 32768', number(2048, 32_768, true)),
    4096,
  );
  add(
    '--memory-gib-per-vcpu <ratio>',
    'ExecutionEnvironmentMemoryGiBPerVCpu: 2, 4 or 8',
    parser('2, 4 or 8', (v) => (['2', '4', '8'].includes(v.replace(/\.0+$/, '')) ? Number(v) : undefined)),
    2,
  );
  add(
    '--max-concurrency <n>',
    'PerExecutionEnvironmentMaxConcurrency: invocations one environment serves at once',
    parser('a whole number between 1 and 1000', number(1, 1000, true)),
    64,
  );
  add(
    '--peak-factor <x>',
    'peak-to-average traffic ratio the fleet is sized for',
    parser('a number from 1 to 100', number(1, 100)),
    COST_PEAK_FACTOR,
  );
  add(
    '--savings-plan-discount <d>',
    'Compute Savings Plan discount on the EC2 part, as 0.3 or 30% (the management fee is never discounted)',
    parser('a fraction from 0 up to 1 (not included), or a percentage', discount),
    0,
  );
  add(
    '--instance-type <type>',
    `instance type priced for LMI (default: ${DEFAULT_INSTANCE_TYPE.x86_64} for x86_64, ${DEFAULT_INSTANCE_TYPE.arm64} for arm64)`,
    parser(`one of ${Object.keys(INSTANCE_TYPES).join(', ')}`, (v) => (v in INSTANCE_TYPES ? v : undefined)),
  );
  add(
    '--instance-price <usd>',
    'on-demand USD per hour of the instance type, overriding the built-in us-east-1 price',
    parser('a price in USD per hour above 0', (v) => {
      const n = number(0, 1000)(v);
      return n !== undefined && n > 0 ? n : undefined;
    }),
  );
  return command;
}

export function costInput(f: CostFlags): CostComparisonInput {
  return {
    invocations: f.invocations,
    standard: { durationMs: f.durationMs, memoryMb: f.memoryMb, freeTier: false },
    lmi: {
      durationMs: f.lmiDurationMs ?? f.durationMs,
      memoryMb: f.lmiMemoryMb,
      memoryGiBPerVCpu: f.memoryGibPerVcpu,
      maxConcurrency: f.maxConcurrency,
      architecture: f.architecture,
      peakFactor: f.peakFactor,
      savingsPlanDiscount: f.savingsPlanDiscount,
      ...(f.instanceType ? { instanceType: f.instanceType } : {}),
      ...(f.instancePrice !== undefined ? { instancePrice: f.instancePrice } : {}),
    },
  };
}

/** Throws CostInputError when the instance type cannot hold one environment. */
export function renderCost(input: CostComparisonInput): string {
  const c: CostComparison = compareCosts(input);
  const { standard: st, lmi: lm } = c;
  const lines = [
    `Monthly cost at ${formatCount(c.invocations)} invocations (${input.lmi.architecture})`,
    '',
    ...columns(
      [
        ['', 'STANDARD', 'LMI'],
        ['requests', formatUsd(st.requests), formatUsd(lm.requests)],
        [`compute (${formatCount(st.gbSeconds)} GB-s)`, formatUsd(st.compute), '-'],
        [
          `EC2 ${lm.instances} x ${lm.instanceType} at ${formatUnitPrice(lm.instanceHourly)}/h`,
          '-',
          formatUsd(lm.ec2),
        ],
        [`management fee ${LMI_MANAGEMENT_FEE * 100} %`, '-', formatUsd(lm.managementFee)],
        ['total per month', formatUsd(st.total), formatUsd(lm.total)],
      ],
      'lrr',
    ),
    '',
    `${c.cheaper === 'lmi' ? 'LMI is cheaper' : 'standard Lambda is cheaper'} by ${formatUsd(Math.abs(c.lmiMinusStandard))}/month.`,
    `LMI fleet: ${lm.instances} instance(s) for ${lm.environments} environment(s), ${lm.environmentsPerInstance} per instance ` +
      `(average ${lm.averageConcurrency.toFixed(2)} in flight, ${lm.peakConcurrency.toFixed(2)} at peak).`,
    c.crossoverInvocations === null
      ? 'Crossover: none below 10^12 invocations/month (LMI is never cheaper with these figures).'
      : `Crossover: LMI costs no more from about ${formatVolume(c.crossoverInvocations)} invocations/month (${formatCount(c.crossoverInvocations)}).`,
    '',
    'Assumptions:',
    ...c.assumptions.map((a) => `- ${a}`),
  ];
  return `${lines.join('\n')}\n`;
}

export { CostInputError };
