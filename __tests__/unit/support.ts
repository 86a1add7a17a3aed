// Shared test doubles: a clock whose sleeps move time forward instantly, a Progress that
// records every line, and a context wired to real (mock-intercepted) SDK clients.
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { AwsClients } from '../../src/aws/clients.js';
import type { Config } from '../../src/config/config.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import type { MessageSpec, Progress } from '../../src/core/progress.js';
import type { Clock } from '../../src/core/clock.js';

export interface FakeClock extends Clock {
  readonly sleeps: number[];
}

export function fakeClock(start = Date.UTC(2025, 0, 2, 3, 4, 5)): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

export interface RecordingProgress extends Progress {
  readonly lines: string[];
  readonly warnings: string[];
  readonly groups: string[];
  readonly masked: string[];
  /** The code of every emitted message, in order. */
  readonly codes: string[];
  text(): string;
}

export function recordingProgress(): RecordingProgress {
  const lines: string[] = [];
  const warnings: string[] = [];
  const groups: string[] = [];
  const masked: string[] = [];
  const codes: string[] = [];
  const print = {
    info: (m: string) => void lines.push(m),
    warn: (m: string) => void warnings.push(m),
    error: (m: string) => void warnings.push(`error: ${m}`),
    debug: () => undefined,
  };
  return {
    lines,
    warnings,
    groups,
    masked,
    codes,
    emit: (message, text) => {
      codes.push(message.code);
      print[message.level](text);
    },
    text: () => [...lines, ...warnings].join('\n'),
    mask: (s) => masked.push(s),
    group: async (name, fn) => {
      groups.push(name);
      return fn();
    },
  };
}

/** A log for the Action adapter's helpers: info lines, warnings and every code, in order. */
export function recordingLog() {
  const infos: string[] = [];
  const warnings: string[] = [];
  const codes: string[] = [];
  return {
    infos,
    warnings,
    codes,
    emit: (m: MessageSpec, text: string) => {
      codes.push(m.code);
      (m.level === 'info' ? infos : warnings).push(text);
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    mode: 'deploy',
    stackName: 'webhook-test',
    template: 'template.yaml',
    region: 'us-east-1',
    artifactBucket: 'artifacts-bucket',
    parameterOverrides: {},
    tags: {},
    roleArn: undefined,
    deployTimeoutMinutes: 30,
    capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
    rollbackAlarms: [],
    endpointUrl: undefined,
    allowFork: false,
    provisioningTimeoutMinutes: 20,
    concurrency: undefined,
    loadRequests: undefined,
    loadWorkers: undefined,
    concurrencySweep: [],
    maxErrorRate: 0,
    maxP95Ms: 'auto',
    maxThrottleRate: 0,
    reportPath: 'lmi-cutover-report.json',
    shardReportPath: 'lmi-cutover-shard.json',
    comment: true,
    progressComment: true,
    githubToken: undefined,
    prNumber: undefined,
    monthlyInvocations: 5_000_000,
    savingsPlanDiscount: 0,
    instanceType: undefined,
    instancePrice: undefined,
    cutoverSteps: [10, 50, 100],
    bakeSeconds: 120,
    probeRate: 5,
    resume: 'rollback',
    rollbackTo: 'previous',
    alarmNames: [],
    keepVersions: 5,
    metricsPeriodSeconds: 60,
    metricsDelaySeconds: 120,
    ...overrides,
  };
}

/** A stage context plus the config and directory a mode would build the stage's settings from. */
export interface TestContext extends PipelineContext {
  readonly config: Config;
  readonly cwd: string;
  readonly progress: RecordingProgress;
  readonly clock: FakeClock;
}

export function testContext(config: Partial<Config> = {}, cwd = process.cwd()): TestContext {
  const full = testConfig(config);
  return {
    config: full,
    cwd,
    progress: recordingProgress(),
    clock: fakeClock(),
    // Load tests through the SDK client, which these tests mock.
    aws: new AwsClients({ region: full.region, endpointUrl: full.endpointUrl, env: {}, loadInvoke: 'sdk' }),
  };
}

let eventCounter = 0;

/** A stack event; ids are unique, timestamps increase in creation order. */
export function stackEvent(
  logicalId: string,
  resourceType: string,
  status: string,
  reason?: string,
): StackEvent {
  eventCounter += 1;
  return {
    EventId: `event-${eventCounter}`,
    StackId: 'stack-id',
    StackName: 'webhook-test',
    LogicalResourceId: logicalId,
    ResourceType: resourceType,
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ResourceStatusReason: reason,
    Timestamp: new Date(Date.UTC(2025, 0, 2) + eventCounter * 1000),
  };
}

/** An SDK-shaped error as the protocol parsers produce it. */
export function awsError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode }, $fault: 'client' });
}
