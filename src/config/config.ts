// One validated Config for the Action and the CLI. Both hand in raw strings keyed by input
// name; every bad input becomes one line `<input>: "<value>" is not <accepted form>`, and all
// of them are reported together.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { CutoverError } from '../core/errors.js';
import {
  escapesDirectory,
  KeyValueSyntaxError,
  looksLikeFilePath,
  parseKeyValueText,
  readKeyValueFile,
} from './key-value.js';
import type { RawInputs } from './inputs.js';
import { INSTANCE_TYPES } from '../cost/prices.js';
import { DEFAULTS } from './defaults.js';
import { MODES, type Mode } from '../core/domain.js';
import {
  LOAD_SHARD_ID,
  loadShardIdFromEnv,
  parseLoadShard,
  parseStartAt,
  type LoadShard,
  type LoadShardConfig,
} from './load-shard.js';
import {
  checkCutoverSteps,
  MIN_LMI_ANSWERS_PER_STEP,
  RESUME_MODES,
  ROLLBACK_TARGETS,
  type ResumeMode,
  type RollbackTarget,
  isMetricPeriod,
} from './cutover.js';

export { INPUTS, type RawInputs } from './inputs.js';

/** Modes that move production traffic to the LMI alias. */
const SHIFTING_MODES: readonly Mode[] = ['cutover', 'full'];

/** Modes that can execute a reviewed change set (change-set-name). */
const EXECUTING_MODES: readonly Mode[] = ['deploy', 'full'];

/** The capabilities CloudFormation accepts on a change set. */
const STACK_CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
type StackCapability = (typeof STACK_CAPABILITIES)[number];

export interface Config {
  readonly mode: Mode;
  readonly stackName: string;
  /** As given; resolve it against the context's cwd. */
  readonly template: string;
  /** The user's checks file (`checks`), as given; resolve it against the context's cwd. */
  readonly checksFile?: string;
  /** Undefined: let the SDK resolve it (profile, IMDS). */
  readonly region: string | undefined;
  readonly artifactBucket: string | undefined;
  readonly parameterOverrides: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly roleArn: string | undefined;
  readonly deployTimeoutMinutes: number;
  /** A reviewed change set (name or ARN) to execute instead of creating one (deploy, full). */
  readonly changeSetName?: string;
  /** Capabilities every change set acknowledges. */
  readonly capabilities: readonly StackCapability[];
  /** Undefined: the stack keeps its topics. */
  readonly notificationArns?: readonly string[];
  /** Undefined: the stack keeps its setting. */
  readonly terminationProtection?: boolean;
  /** Alarm names or ARNs; empty: the stack keeps its rollback triggers. */
  readonly rollbackAlarms: readonly string[];
  /** Undefined: the stack keeps its monitoring time. */
  readonly rollbackMonitoringMinutes?: number;
  readonly endpointUrl: string | undefined;
  readonly allowFork: boolean;
  readonly provisioningTimeoutMinutes: number;
  /** Undefined: 3 × the LMI function's PerExecutionEnvironmentMaxConcurrency. */
  readonly concurrency: number | undefined;
  /** Undefined: 10 × the concurrency. */
  readonly loadRequests: number | undefined;
  /** Load worker threads of the concurrency check; undefined: one per 256 in flight, at most the CPU count. */
  readonly loadWorkers: number | undefined;
  /** Mode verify: send only this share of the concurrency check, deploying nothing (load-shard). */
  readonly loadShard?: LoadShardConfig;
  /** Where a load shard writes its shard report; resolve it against the context's cwd. */
  readonly shardReportPath: string;
  /** Mode merge: the directory of the shard reports; resolve it against the context's cwd. */
  readonly shardsPath?: string;
  /** Per-environment concurrency levels, ascending; empty: no sweep. */
  readonly concurrencySweep: readonly number[];
  /** Fractions 0..1. */
  readonly maxErrorRate: number;
  readonly maxThrottleRate: number;
  /** 'auto': 1.5 × the warm p95 of production's version, measured in the same check (verify/baseline.ts). */
  readonly maxP95Ms: number | 'auto';
  /** As given; resolve it against the context's cwd. */
  readonly reportPath: string;
  readonly comment: boolean;
  /** With comment: the live comment from the run's start, updated as each stage ends. */
  readonly progressComment: boolean;
  readonly githubToken: string | undefined;
  readonly prNumber: number | undefined;
  readonly monthlyInvocations: number;
  /** Fraction 0..1 of the EC2 on-demand price. */
  readonly savingsPlanDiscount: number;
  readonly instanceType: string | undefined;
  readonly instancePrice: number | undefined;
  /** Canary percentages, ascending, ending at 100. */
  readonly cutoverSteps: readonly number[];
  readonly bakeSeconds: number;
  /** Probes per second through the stage. */
  readonly probeRate: number;
  readonly resume: ResumeMode;
  /** Where mode rollback sends production. */
  readonly rollbackTo: RollbackTarget;
  readonly alarmNames: readonly string[];
  /** CloudWatch period of the Lambda metrics that judge a checks-file app's canary. */
  readonly metricsPeriodSeconds: number;
  /** Seconds the canary is held after each bake for those metrics to arrive. */
  readonly metricsDelaySeconds: number;
  readonly keepVersions: number;
}

export class ConfigError extends CutoverError {
  constructor(readonly issues: readonly string[]) {
    const n = issues.length;
    // The issues are part of the message so any printer of the error names the inputs.
    super(
      'INVALID_INPUT',
      [
        `${n} input${n === 1 ? ' is' : 's are'} invalid; fix ${n === 1 ? 'it' : 'them'} and run again:`,
        ...issues.map((i) => `  ${i}`),
      ].join('\n'),
    );
  }
}

export interface ParseConfigOptions {
  /** Supplies the region default (AWS_REGION, AWS_DEFAULT_REGION). */
  readonly env?: NodeJS.ProcessEnv;
  /** Where a parameter-overrides or tags file path is resolved. */
  readonly cwd?: string;
}

/** Turns raw inputs into a Config or throws a ConfigError listing every bad input. */
export function parseConfig(raw: RawInputs, options: ParseConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const withDefaults = {
    ...raw,
    region: nonEmpty(raw.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION),
    // Only a shard takes the workflow run's id: elsewhere the input is refused when given.
    'load-shard-id':
      nonEmpty(raw['load-shard-id']) ?? (nonEmpty(raw['load-shard']) ? loadShardIdFromEnv(env) : undefined),
  };
  const result = buildSchema(cwd).safeParse(withDefaults);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => i.message));
  return result.data;
}

const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

const ACCEPTED = {
  mode: `one of: ${MODES.join(', ')}`,
  stackName: 'a CloudFormation stack name: 1-128 letters, digits and hyphens, starting with a letter',
  region: 'an AWS region such as us-east-1',
  bucket:
    'an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
  parameters:
    'Key=Value pairs separated by spaces or newlines (alphanumeric keys, each once; quote values with spaces), or the path of a JSON/YAML file of {"Key": "Value"}',
  tags: 'Key=Value pairs separated by spaces or newlines (at most 50, each key once, keys up to 128 characters not starting with aws:, values up to 256), or the path of a JSON/YAML file',
  roleArn: 'an IAM role ARN such as arn:aws:iam::123456789012:role/cfn-deploy',
  timeout: 'a whole number of minutes between 1 and 720',
  endpoint: 'an http:// or https:// URL',
  boolean: 'true or false',
  provisioningTimeout: 'a whole number of minutes between 1 and 720',
  concurrency: 'a whole number between 1 and 10000',
  loadRequests: 'a whole number between 1 and 1000000',
  loadWorkers: 'a whole number between 1 and 64',
  loadShard: 'i/N: shard i of N, 1 ≤ i ≤ N ≤ 256 (for example 2/4)',
  loadShardId:
    'an id of letters, digits, _, - and . (at most 64 characters, starting with a letter or digit)',
  startAt: 'Unix seconds or an ISO 8601 time with its zone, such as 2026-01-05T09:00:00Z',
  sweep:
    'comma-separated whole numbers between 1 and 1000 (per-environment concurrency levels, at most 20), for example 8,16,32,64',
  rate: 'a fraction between 0 and 1 (0.01) or a percentage (1%)',
  p95: 'auto or a number of milliseconds greater than 0',
  workspacePath: 'a file path inside the working directory (or an absolute path)',
  prNumber: 'a pull request number such as 42',
  invocations:
    'a whole number of invocations per month between 1 and 10^12 (5000000, 5_000_000 or 5,000,000)',
  discount: 'a fraction from 0 up to (not including) 1, or a percentage (30%)',
  instanceType: `an instance type of the price table: ${Object.keys(INSTANCE_TYPES).join(', ')}`,
  instancePrice: 'a price in USD per hour greater than 0, such as 0.0816',
  cutoverSteps:
    'comma-separated canary percentages, ascending, each above 0, ending at 100, such as 10,50,100',
  bakeSeconds: 'a whole number of seconds between 1 and 3600',
  probeRate: 'a number of probes per second above 0 and at most 100',
  resume: `one of: ${RESUME_MODES.join(', ')}`,
  rollbackTo: `one of: ${ROLLBACK_TARGETS.join(', ')}`,
  alarmNames:
    'CloudWatch alarm names separated by commas or newlines (each 1-255 characters, at most 100 names)',
  keepVersions: 'a whole number of versions between 1 and 100',
  metricsPeriod:
    'a CloudWatch period in seconds: 60 or a multiple of it (1, 5, 10 or 30 only where metrics are kept per second)',
  metricsDelay: 'a whole number of seconds between 0 and 900',
  changeSetName:
    'a change set name (1-128 letters, digits and hyphens, starting with a letter) or a change set ARN',
  capabilities: `capabilities separated by commas, spaces or newlines, each one of: ${STACK_CAPABILITIES.join(', ')}`,
  notificationArns:
    'SNS topic ARNs such as arn:aws:sns:eu-west-1:123456789012:deploys, separated by commas, spaces or newlines (at most 5)',
  rollbackAlarms:
    'CloudWatch alarm names or ARNs separated by commas or newlines (each 1-255 characters, at most 5)',
  monitoringMinutes: 'a whole number of minutes between 0 and 180',
};

/** A bad value with a hint more specific than the accepted form. */
class Invalid {
  constructor(readonly reason: string) {}
}
type Check<T> = (value: string) => T | Invalid | undefined;
const fail = (reason: string) => new Invalid(reason);

/**
 * One input: blank means "not given" (the default applies, or an error when required);
 * otherwise `check` returns the parsed value, or undefined / a reason when the value is bad.
 */
function input<T>(
  name: string,
  accepted: string,
  check: Check<T>,
  fallback?: T,
  options: { secret?: boolean } = {},
) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const value = raw?.trim() ?? '';
      const parsed = value === '' ? fallback : check(value);
      if (parsed === undefined || parsed instanceof Invalid) {
        const reason = parsed instanceof Invalid ? ` (${parsed.reason})` : '';
        // Parameter values and tags may hold secrets: the message names keys, never values.
        const hidden = options.secret === true && !looksLikeFilePath(value);
        const shown = hidden ? `the value (${value.length} characters, not shown)` : quote(raw ?? '');
        ctx.issues.push({
          code: 'custom',
          input: hidden ? undefined : raw,
          message: `${name}: ${shown} is not ${accepted}${reason}`,
        });
        return z.NEVER;
      }
      return parsed as T;
    });
}

/**
 * A path the workflow names: relative ones stay inside the working directory (a `../` that
 * leaves it is refused); an absolute path is taken as the explicit choice it is.
 */
const inWorkspace: Check<string> = (v) =>
  isAbsolute(v) || !escapesDirectory(v) ? v : fail('it leaves the working directory');

/** Same as input(), for inputs that may stay unset. */
const optional = <T>(name: string, accepted: string, check: Check<T>) =>
  input<T | null>(name, accepted, check, null).transform((v) => v ?? undefined);

const quote = (value: string) => JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);

const matching =
  (pattern: RegExp): Check<string> =>
  (v) =>
    pattern.test(v) ? v : undefined;

function keyValues(
  cwd: string,
  section: 'Parameters' | 'Tags',
  validate: (pairs: [string, string][]) => string | undefined,
) {
  return (value: string): Record<string, string> | Invalid => {
    let pairs: Array<[string, string]>;
    try {
      pairs = looksLikeFilePath(value) ? readKeyValueFile(value, cwd, section) : parseKeyValueText(value);
    } catch (e) {
      if (e instanceof KeyValueSyntaxError) return fail(e.message);
      throw e;
    }
    const seen = new Set<string>();
    for (const [key] of pairs) {
      if (seen.has(key)) return fail(`${key} is given twice`);
      seen.add(key);
    }
    const problem = validate(pairs);
    return problem ? fail(problem) : Object.fromEntries(pairs);
  };
}

const validateParameters = (pairs: [string, string][]) => {
  const bad = pairs.find(([k]) => !/^[A-Za-z0-9]{1,255}$/.test(k));
  return bad ? `${JSON.stringify(bad[0])} is not an alphanumeric parameter name` : undefined;
};

const validateTags = (pairs: [string, string][]) => {
  if (pairs.length > 50) return `${pairs.length} tags given`;
  for (const [k, v] of pairs) {
    if (k.length > 128 || /^aws:/i.test(k)) return `tag key ${JSON.stringify(k)}`;
    if (v.length > 256) return `the value of tag ${k} is ${v.length} characters`;
  }
  return undefined;
};

const BOOLEANS = new Map([
  ...['true', 'True', 'TRUE'].map((s) => [s, true] as const),
  ...['false', 'False', 'FALSE'].map((s) => [s, false] as const),
]);

const wholeNumber =
  (min: number, max: number): Check<number> =>
  (v) =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined;

/** `0.05` or `5%`, within [0, max]. */
const fraction =
  (maxInclusive: boolean): Check<number> =>
  (v) => {
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
    const n = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(n) || n < 0) return undefined;
    return n < 1 || (maxInclusive && n === 1) ? n : undefined;
  };

const positiveNumber: Check<number> = (v) => (/^\d*\.?\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

const sweepLevels: Check<number[]> = (v) => {
  const parts = v.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 1000)) return undefined;
  const levels = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (levels.length > 20) return fail(`${levels.length} levels given`);
  return levels;
};

const invocations: Check<number> = (v) => {
  const digits = v.replace(/[_,]/g, '');
  return /^\d+$/.test(digits) && Number(digits) >= 1 && Number(digits) <= 1e12 ? Number(digits) : undefined;
};

const cutoverSteps: Check<number[]> = (v) => {
  const parts = v.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !/^\d+(\.\d+)?$/.test(p));
  if (bad !== undefined) return fail(bad === '' ? 'an empty step' : `${JSON.stringify(bad)} is not a number`);
  const steps = parts.map(Number);
  const problem = checkCutoverSteps(steps);
  return problem ? fail(problem) : steps;
};

const positiveRate =
  (max: number): Check<number> =>
  (v) =>
    /^\d*\.?\d+$/.test(v) && Number(v) > 0 && Number(v) <= max ? Number(v) : undefined;

/** Alarm names may contain spaces, so only commas and newlines separate them. */
const alarmNames: Check<string[]> = (v) => {
  const names = [
    ...new Set(
      v
        .split(/[,\n]/)
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    ),
  ];
  if (names.length > 100) return fail(`${names.length} names given`);
  const long = names.find((n) => n.length > 255);
  return long ? fail(`${JSON.stringify(long.slice(0, 40))}… is longer than 255 characters`) : names;
};

/** Items separated by commas, spaces or newlines, each once. */
const words = (v: string): string[] => [
  ...new Set(
    v
      .split(/[\s,]+/)
      .map((w) => w.trim())
      .filter((w) => w !== ''),
  ),
];

const capabilityList: Check<StackCapability[]> = (v) => {
  const list = words(v);
  const bad = list.find((c) => !STACK_CAPABILITIES.includes(c as StackCapability));
  if (bad !== undefined) return fail(`${JSON.stringify(bad)} is not a capability`);
  return list as StackCapability[];
};

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

const notificationArns: Check<string[]> = (v) => {
  const arns = words(v);
  if (arns.length > 5) return fail(`${arns.length} ARNs given`);
  const bad = arns.find((a) => !SNS_TOPIC_ARN.test(a));
  return bad === undefined ? arns : fail(`${JSON.stringify(bad)} is not an SNS topic ARN`);
};

const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.{1,255}$/;

/** Like alarm-names (names may hold spaces), at most 5: CloudFormation's limit on rollback triggers. */
const rollbackAlarms: Check<string[]> = (v) => {
  const names = alarmNames(v);
  if (names instanceof Invalid || names === undefined) return names;
  if (names.length > 5) return fail(`${names.length} alarms given`);
  const bad = names.find((n) => n.startsWith('arn:') && !ALARM_ARN.test(n));
  return bad === undefined ? names : fail(`${JSON.stringify(bad)} is not a CloudWatch alarm ARN`);
};

const CHANGE_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const CHANGE_SET_ARN =
  /^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:\d{12}:changeSet\/[a-zA-Z][-a-zA-Z0-9]{0,127}\/[-a-zA-Z0-9]+$/;

const BUCKET = /^(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** One parser per input: the table of what each input accepts and its default. */
function inputFields(cwd: string) {
  return {
    mode: input<Mode>('mode', ACCEPTED.mode, (v) => MODES.find((m) => m === v), DEFAULTS.mode),
    'stack-name': input('stack-name', ACCEPTED.stackName, matching(/^[A-Za-z][-A-Za-z0-9]{0,127}$/)),
    template: input('template', ACCEPTED.workspacePath, inWorkspace, DEFAULTS.template),
    checks: optional('checks', ACCEPTED.workspacePath, inWorkspace),
    region: optional('region', ACCEPTED.region, matching(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/)),
    'artifact-bucket': optional('artifact-bucket', ACCEPTED.bucket, matching(BUCKET)),
    'parameter-overrides': input(
      'parameter-overrides',
      ACCEPTED.parameters,
      keyValues(cwd, 'Parameters', validateParameters),
      {},
      { secret: true },
    ),
    tags: input('tags', ACCEPTED.tags, keyValues(cwd, 'Tags', validateTags), {}, { secret: true }),
    'role-arn': optional(
      'role-arn',
      ACCEPTED.roleArn,
      matching(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/),
    ),
    'deploy-timeout-minutes': input(
      'deploy-timeout-minutes',
      ACCEPTED.timeout,
      wholeNumber(1, 720),
      DEFAULTS.deployTimeoutMinutes,
    ),
    'change-set-name': optional('change-set-name', ACCEPTED.changeSetName, (v) =>
      CHANGE_SET_NAME.test(v) || CHANGE_SET_ARN.test(v) ? v : undefined,
    ),
    capabilities: input('capabilities', ACCEPTED.capabilities, capabilityList, [
      ...(DEFAULTS.capabilities as readonly StackCapability[]),
    ]),
    'notification-arns': optional('notification-arns', ACCEPTED.notificationArns, notificationArns),
    'termination-protection': optional('termination-protection', ACCEPTED.boolean, (v) => BOOLEANS.get(v)),
    'rollback-alarms': input('rollback-alarms', ACCEPTED.rollbackAlarms, rollbackAlarms, []),
    'rollback-monitoring-minutes': optional(
      'rollback-monitoring-minutes',
      ACCEPTED.monitoringMinutes,
      wholeNumber(0, 180),
    ),
    'endpoint-url': optional('endpoint-url', ACCEPTED.endpoint, (v) => {
      try {
        const url = new URL(v);
        return ['http:', 'https:'].includes(url.protocol) && url.hostname ? v.replace(/\/+$/, '') : undefined;
      } catch {
        return undefined;
      }
    }),
    // The spellings core.getBooleanInput accepts (YAML 1.2 core schema booleans).
    'allow-fork': input('allow-fork', ACCEPTED.boolean, (v) => BOOLEANS.get(v), DEFAULTS.allowFork),
    'provisioning-timeout-minutes': input(
      'provisioning-timeout-minutes',
      ACCEPTED.provisioningTimeout,
      wholeNumber(1, 720),
      DEFAULTS.provisioningTimeoutMinutes,
    ),
    concurrency: optional('concurrency', ACCEPTED.concurrency, wholeNumber(1, 10_000)),
    'load-requests': optional('load-requests', ACCEPTED.loadRequests, wholeNumber(1, 1_000_000)),
    'load-workers': optional('load-workers', ACCEPTED.loadWorkers, wholeNumber(1, 64)),
    'load-shard': optional<LoadShard>('load-shard', ACCEPTED.loadShard, (v) => {
      const parsed = parseLoadShard(v);
      return 'problem' in parsed ? fail(parsed.problem) : parsed;
    }),
    'load-shard-id': optional('load-shard-id', ACCEPTED.loadShardId, matching(LOAD_SHARD_ID)),
    'load-shard-start-at': optional('load-shard-start-at', ACCEPTED.startAt, parseStartAt),
    'concurrency-sweep': input('concurrency-sweep', ACCEPTED.sweep, sweepLevels, [
      ...DEFAULTS.concurrencySweep,
    ]),
    'max-error-rate': input('max-error-rate', ACCEPTED.rate, fraction(true), DEFAULTS.maxErrorRate),
    'max-p95-ms': input<number | 'auto'>(
      'max-p95-ms',
      ACCEPTED.p95,
      (v) => (v.toLowerCase() === 'auto' ? 'auto' : positiveNumber(v)),
      DEFAULTS.maxP95Ms,
    ),
    'max-throttle-rate': input('max-throttle-rate', ACCEPTED.rate, fraction(true), DEFAULTS.maxThrottleRate),
    'report-path': input('report-path', ACCEPTED.workspacePath, inWorkspace, DEFAULTS.reportPath),
    'shard-report-path': input(
      'shard-report-path',
      ACCEPTED.workspacePath,
      inWorkspace,
      DEFAULTS.shardReportPath,
    ),
    'shards-path': optional('shards-path', ACCEPTED.workspacePath, inWorkspace),
    comment: input('comment', ACCEPTED.boolean, (v) => BOOLEANS.get(v), DEFAULTS.comment),
    'progress-comment': input(
      'progress-comment',
      ACCEPTED.boolean,
      (v) => BOOLEANS.get(v),
      DEFAULTS.progressComment,
    ),
    // Never echoed: a bad token is reported by GitHub when it is used.
    'github-token': optional('github-token', 'a token', (v) => v),
    'pr-number': optional('pr-number', ACCEPTED.prNumber, (v) => {
      const n = Number(v.replace(/^#/, ''));
      return /^#?\d+$/.test(v) && Number.isSafeInteger(n) && n >= 1 ? n : undefined;
    }),
    'monthly-invocations': input(
      'monthly-invocations',
      ACCEPTED.invocations,
      invocations,
      DEFAULTS.monthlyInvocations,
    ),
    'savings-plan-discount': input(
      'savings-plan-discount',
      ACCEPTED.discount,
      fraction(false),
      DEFAULTS.savingsPlanDiscount,
    ),
    'instance-type': optional('instance-type', ACCEPTED.instanceType, (v) =>
      v in INSTANCE_TYPES ? v : undefined,
    ),
    'instance-price': optional('instance-price', ACCEPTED.instancePrice, positiveNumber),
    'cutover-steps': input('cutover-steps', ACCEPTED.cutoverSteps, cutoverSteps, [...DEFAULTS.cutoverSteps]),
    'bake-seconds': input('bake-seconds', ACCEPTED.bakeSeconds, wholeNumber(1, 3600), DEFAULTS.bakeSeconds),
    'probe-rate': input('probe-rate', ACCEPTED.probeRate, positiveRate(100), DEFAULTS.probeRate),
    resume: input<ResumeMode>(
      'resume',
      ACCEPTED.resume,
      (v) => RESUME_MODES.find((m) => m === v),
      DEFAULTS.resume,
    ),
    'rollback-to': input<RollbackTarget>(
      'rollback-to',
      ACCEPTED.rollbackTo,
      (v) => ROLLBACK_TARGETS.find((m) => m === v),
      DEFAULTS.rollbackTo,
    ),
    'alarm-names': input('alarm-names', ACCEPTED.alarmNames, alarmNames, [...DEFAULTS.alarmNames]),
    'metrics-period-seconds': input(
      'metrics-period-seconds',
      ACCEPTED.metricsPeriod,
      (v) => (/^\d+$/.test(v) && isMetricPeriod(Number(v)) ? Number(v) : undefined),
      DEFAULTS.metricsPeriodSeconds,
    ),
    'metrics-delay-seconds': input(
      'metrics-delay-seconds',
      ACCEPTED.metricsDelay,
      wholeNumber(0, 900),
      DEFAULTS.metricsDelaySeconds,
    ),
    'keep-versions': input(
      'keep-versions',
      ACCEPTED.keepVersions,
      wholeNumber(1, 100),
      DEFAULTS.keepVersions,
    ),
  };
}

type ParsedInputs = z.output<z.ZodObject<ReturnType<typeof inputFields>>>;

/**
 * Across inputs: in a shifting mode the first canary step must expect enough LMI answers
 * (probe-rate × bake-seconds × step ÷ 100) for its error rate and p95 to mean anything.
 */
function firstStepHasEnoughProbes(i: ParsedInputs, ctx: z.RefinementCtx): void {
  const [rate, bake, steps] = [i['probe-rate'], i['bake-seconds'], i['cutover-steps']];
  // Inputs that failed their own check are already reported.
  if (!SHIFTING_MODES.includes(i.mode) || typeof rate !== 'number' || typeof bake !== 'number') return;
  const first = Array.isArray(steps) ? steps[0] : undefined;
  if (first === undefined) return;
  const expected = (rate * bake * first) / 100;
  if (expected >= MIN_LMI_ANSWERS_PER_STEP) return;
  ctx.addIssue({
    code: 'custom',
    message:
      `bake-seconds: "${bake}" is too short for probe-rate ${rate} and a first step of ${first} %: ` +
      `that step expects ${Math.round(expected * 10) / 10} LMI answers (probe-rate × bake-seconds × step ÷ 100); ` +
      `raise bake-seconds or probe-rate so it expects at least ${MIN_LMI_ANSWERS_PER_STEP}`,
  });
}

/**
 * An app with a checks file is judged by CloudWatch metrics, which come in whole periods: each
 * bake must hold at least one whole period wherever it starts, so two.
 */
function bakeHoldsMetricPeriods(i: ParsedInputs, ctx: z.RefinementCtx): void {
  const [bake, period] = [i['bake-seconds'], i['metrics-period-seconds']];
  if (!i.checks || !SHIFTING_MODES.includes(i.mode) || typeof bake !== 'number' || typeof period !== 'number')
    return;
  if (bake >= 2 * period) return;
  ctx.addIssue({
    code: 'custom',
    message:
      `bake-seconds: "${bake}" is too short to judge a step by CloudWatch metrics of ${period} s periods: ` +
      `with a checks file each bake must last at least two periods (${2 * period} s), so one whole period falls inside it`,
  });
}

/** change-set-name executes a change set: only the modes that deploy through one can. */
function changeSetNameInExecutingMode(i: ParsedInputs, ctx: z.RefinementCtx): void {
  if (i['change-set-name'] === undefined || EXECUTING_MODES.includes(i.mode)) return;
  ctx.addIssue({
    code: 'custom',
    message:
      `change-set-name: applies to modes ${EXECUTING_MODES.join(' and ')} (it executes a reviewed change set); ` +
      `mode ${i.mode} ${i.mode === 'plan' ? 'names the change set it creates itself' : 'executes none'}`,
  });
}

/**
 * The monitoring period runs inside the deploy's own deadline: at deploy-timeout-minutes the
 * update would be cancelled and rolled back while CloudFormation still watched the alarms.
 */
function monitoringFitsTheDeadline(i: ParsedInputs, ctx: z.RefinementCtx): void {
  const [minutes, timeout] = [i['rollback-monitoring-minutes'], i['deploy-timeout-minutes']];
  if (typeof minutes !== 'number' || typeof timeout !== 'number' || minutes < timeout) return;
  ctx.addIssue({
    code: 'custom',
    message:
      `rollback-monitoring-minutes: "${minutes}" is not less than deploy-timeout-minutes (${timeout}): ` +
      'the stack stays UPDATE_IN_PROGRESS while CloudFormation watches the alarms, so the run would cancel the update at its deadline; raise deploy-timeout-minutes',
  });
}

/**
 * A load shard only sends its share of the bundled workload's concurrency check, in mode verify,
 * under an id all its shards share; the merge needs the shards' directory, and nothing else does.
 */
function shardInputsFit(i: ParsedInputs, ctx: z.RefinementCtx): void {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
  const shard = i['load-shard'];
  if (shard !== undefined) {
    if (i.mode !== 'verify')
      issue(
        `load-shard: applies to mode verify (a shard sends its share of the concurrency check and deploys nothing); mode ${i.mode} ${i.mode === 'merge' ? 'adds the shards up' : 'sends the whole check or none'}`,
      );
    if (i.checks)
      issue(
        "load-shard: a sharded check sends the bundled webhook workload's signed webhooks; a checks file's load request is not sharded",
      );
    if (Array.isArray(i['concurrency-sweep']) && i['concurrency-sweep'].length > 0)
      issue('load-shard: the concurrency sweep is not sharded; run it in a verify of its own');
    if (i['load-shard-id'] === undefined)
      issue(
        'load-shard-id: required with load-shard outside GitHub Actions (there it defaults to GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT): give every shard of one check the same id',
      );
  } else {
    if (i['load-shard-id'] !== undefined)
      issue('load-shard-id: applies with load-shard only (the merge takes the id its shards carry)');
    if (i['load-shard-start-at'] !== undefined) issue('load-shard-start-at: applies with load-shard only');
  }
  if (i.mode === 'merge' && i['shards-path'] === undefined)
    issue('shards-path: mode merge needs the directory of the shard reports');
  if (i.mode !== 'merge' && i['shards-path'] !== undefined)
    issue(`shards-path: applies to mode merge; mode ${i.mode} reads no shard reports`);
}

function buildSchema(cwd: string) {
  return z
    .object(inputFields(cwd))
    .superRefine(firstStepHasEnoughProbes)
    .superRefine(bakeHoldsMetricPeriods)
    .superRefine(changeSetNameInExecutingMode)
    .superRefine(monitoringFitsTheDeadline)
    .superRefine(shardInputsFit)
    .transform(toConfig);
}

/** Input names to Config fields. */
function toConfig(i: ParsedInputs): Config {
  return {
    mode: i.mode,
    stackName: i['stack-name'],
    template: i.template,
    ...(i.checks ? { checksFile: i.checks } : {}),
    region: i.region,
    artifactBucket: i['artifact-bucket'],
    parameterOverrides: i['parameter-overrides'],
    tags: i.tags,
    roleArn: i['role-arn'],
    deployTimeoutMinutes: i['deploy-timeout-minutes'],
    ...(i['change-set-name'] !== undefined ? { changeSetName: i['change-set-name'] } : {}),
    capabilities: i.capabilities,
    ...(i['notification-arns'] !== undefined ? { notificationArns: i['notification-arns'] } : {}),
    ...(i['termination-protection'] !== undefined
      ? { terminationProtection: i['termination-protection'] }
      : {}),
    rollbackAlarms: i['rollback-alarms'],
    ...(i['rollback-monitoring-minutes'] !== undefined
      ? { rollbackMonitoringMinutes: i['rollback-monitoring-minutes'] }
      : {}),
    endpointUrl: i['endpoint-url'],
    allowFork: i['allow-fork'],
    provisioningTimeoutMinutes: i['provisioning-timeout-minutes'],
    concurrency: i.concurrency,
    loadRequests: i['load-requests'],
    loadWorkers: i['load-workers'],
    ...(i['load-shard'] !== undefined && i['load-shard-id'] !== undefined
      ? {
          loadShard: {
            ...i['load-shard'],
            id: i['load-shard-id'],
            ...(i['load-shard-start-at'] !== undefined ? { startAt: i['load-shard-start-at'] } : {}),
          },
        }
      : {}),
    shardReportPath: i['shard-report-path'],
    ...(i['shards-path'] !== undefined ? { shardsPath: i['shards-path'] } : {}),
    concurrencySweep: i['concurrency-sweep'],
    maxErrorRate: i['max-error-rate'],
    maxP95Ms: i['max-p95-ms'],
    maxThrottleRate: i['max-throttle-rate'],
    reportPath: i['report-path'],
    comment: i.comment,
    progressComment: i['progress-comment'],
    githubToken: i['github-token'],
    prNumber: i['pr-number'],
    monthlyInvocations: i['monthly-invocations'],
    savingsPlanDiscount: i['savings-plan-discount'],
    instanceType: i['instance-type'],
    instancePrice: i['instance-price'],
    cutoverSteps: i['cutover-steps'],
    bakeSeconds: i['bake-seconds'],
    probeRate: i['probe-rate'],
    resume: i.resume,
    rollbackTo: i['rollback-to'],
    alarmNames: i['alarm-names'],
    metricsPeriodSeconds: i['metrics-period-seconds'],
    metricsDelaySeconds: i['metrics-delay-seconds'],
    keepVersions: i['keep-versions'],
  };
}
