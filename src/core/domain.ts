// The domain's words, shared by every floor: where production traffic goes (Route), how a
// run ended (Outcome), and the typed figures the stages measure (smoke checks, load results,
// gates, canary steps). The report is built from these; decisions read them, never the report.
import type { LatencySummary } from './stats.js';

/**
 * What a run does (the Action's `mode`, the CLI's command). `plan` creates a change set and
 * executes nothing. `merge` adds up the shard reports of a sharded concurrency check and gates
 * the whole; it calls no AWS API. `status`, `cost`, `init` and `destroy` are CLI commands only:
 * they read, compute, convert a template or tear a stack down, never release, so they are not modes.
 */
export const MODES = ['plan', 'deploy', 'verify', 'cutover', 'full', 'rollback', 'merge'] as const;
export type Mode = (typeof MODES)[number];

/** Which of the workload's two functions: the LMI function or its standard-Lambda twin. */
type Side = 'standard' | 'lmi';

/** A published version of one of the two functions: what the stage can route to. */
export interface VersionRef {
  readonly side: Side;
  readonly functionName: string;
  readonly version: string;
}

/**
 * Where the API stage sends production traffic. `standard` and `lmi` say which function's
 * version serves all of it (`target`); a canary sends `percent` % to `candidate` (always an LMI
 * version) and the rest to `base`, the production version. The versions are known whenever
 * the route was read from a stage; a report may carry the kind alone.
 */
export type Route =
  | { readonly kind: Side; readonly target?: VersionRef }
  | {
      readonly kind: 'canary';
      readonly percent: number;
      readonly base?: VersionRef;
      readonly candidate?: VersionRef;
    };

/** `standard`, `lmi` or `canary:N`: the Action's `route` output and the report's short form. */
export const routeLabel = (r: Route): string => (r.kind === 'canary' ? `canary:${r.percent}` : r.kind);

/** `LMI v4`, `twin v1`. */
export const versionLabel = (v: VersionRef): string => `${v.side === 'lmi' ? 'LMI' : 'twin'} v${v.version}`;

/** `function:version`, the stage variable's form. */
export const qualifiedName = (v: VersionRef): string => `${v.functionName}:${v.version}`;

export const sameVersion = (a: VersionRef | undefined, b: VersionRef | undefined): boolean =>
  a !== undefined && b !== undefined && a.functionName === b.functionName && a.version === b.version;

/** `lmi (LMI v4)`, `canary:10 (LMI v2 → LMI v4)`: the label with the versions when known. */
export function describeRoute(r: Route): string {
  if (r.kind !== 'canary') return r.target ? `${r.kind} (${versionLabel(r.target)})` : r.kind;
  if (!r.base || !r.candidate) return routeLabel(r);
  return `${routeLabel(r)} (${versionLabel(r.base)} → ${versionLabel(r.candidate)})`;
}

/** The version serving the traffic the canary does not take (all of it without a canary). */
export const productionOf = (r: Route): VersionRef | undefined => (r.kind === 'canary' ? r.base : r.target);

export type Outcome = 'success' | 'no-op' | 'failure' | 'rolled-back';

export interface ResourceChange {
  logicalId: string;
  physicalId?: string;
  type: string;
  action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  /** CloudFormation's Replacement: 'True' means the resource is deleted and recreated. */
  replacement?: 'True' | 'False' | 'Conditional';
  /** The changed properties that make CloudFormation recreate it (Always) or may (Conditionally). */
  recreatedBy?: { property: string; when: 'Always' | 'Conditionally' }[];
  /** What happens to the old resource on Remove or replacement: Delete, Retain, Snapshot … */
  policyAction?: string;
  /**
   * Set when the change replaces or removes something production runs on (the functions the
   * stage routes between, the capacity provider, a table, the API or its stage): why it matters.
   */
  risk?: string;
}

export interface SmokeCheck {
  name: string;
  target: 'lmi' | 'standard';
  /** The version (or alias) the check ran on: the candidate, by number. */
  version?: string;
  request: string;
  expected: string;
  actual: string;
  passed: boolean;
  durationMs: number;
}

/**
 * Where a peak in flight per environment comes from:
 * - 'function': counted by the function itself (the workload's in_flight), and every
 *   environment's answers came from one worker thread, so that worker's count is the
 *   environment's (always so on standard Lambda, one request per environment);
 * - 'function-per-worker': counted by the function, but an LMI environment answered from
 *   several worker threads, each counting only its own requests: the figure is the busiest
 *   worker's peak, a lower bound of its environment's (the sum at one instant is not observable);
 * - 'client-estimate': no count in the answers; the overlap of each request's client-side
 *   interval per environment, which can overstate the peak.
 */
export type PeakInFlightSource = 'function' | 'function-per-worker' | 'client-estimate';

export interface LoadResult {
  target: 'lmi' | 'standard';
  functionName: string;
  qualifier: string;
  concurrency: number;
  requests: number;
  latency: LatencySummary;
  throughputRps: number;
  errors: number;
  errorRate: number;
  throttles: number;
  throttleRate: number;
  /** Environments that answered; absent when the app does not report its environment. */
  environments?: number;
  /** Most requests in flight on one environment at once, as `peakInFlightSource` found it. */
  peakInFlightPerEnvironment?: number;
  /** How the peak was found (pipeline/verify/load/in-flight.ts). */
  peakInFlightSource?: PeakInFlightSource;
  coldStarts?: number;
  /** The events-table read-back; absent where it does not apply (a checks file's load request). */
  isolation?: {
    passed: boolean;
    mismatchedIds: number;
    stored: number;
    expectedStored: number;
    duplicates: number;
  };
  wallMs: number;
  /**
   * Set when the load generator, not the function, may have set the pace: its busiest event loop
   * was nearly always busy or its threads used nearly every core (pipeline/verify/load/generator-load.ts).
   * The figures stand, with this warning; gates do not fail on it.
   */
  generatorLimited?: GeneratorLimited;
}

export interface GeneratorLimited {
  /** The busiest sending event loop's utilisation over the burst, 0..1. */
  eventLoopBusy: number;
  /** The generator process's CPU per request, in ms. */
  cpuMsPerRequest: number;
  /** How late its busiest sending loop ran (p99, ms), when that is what ran out. */
  eventLoopDelayMs?: number;
  /** One sentence: what ran out. */
  reason: string;
}

/**
 * What `max-p95-ms: auto` is derived from: the warm latency of the version production serves,
 * measured with the candidate's burst in the same run. Cold starts are left out (a REPORT line
 * with Init Duration), so the limit follows the code, not the twin's initialisation.
 */
export interface LatencyBaseline {
  side: 'lmi' | 'standard';
  functionName: string;
  qualifier: string;
  /**
   * 'production': the version the stage's production route serves. 'twin': the standard twin's
   * candidate, because production's version could not be told (`note` says why).
   */
  basis: 'production' | 'twin';
  note?: string;
  /** The requests sent to production's version, and how many were in flight. */
  sample: { concurrency: number; requests: number };
  /** The warm invocations' latency; `count` is how many there were. */
  warm: LatencySummary;
  /**
   * The candidate's warm latency at the same light load, when production is an LMI version and
   * was measured that way: the p95 gate compares this, not the candidate's full burst.
   */
  candidateWarm?: LatencySummary;
  coldStartsExcluded: number;
  /** False when no answer carried a REPORT line: cold starts could not be told apart, none were left out. */
  coldStartsKnown: boolean;
  factor: number;
  limitMs: number;
}

export interface GateResult {
  name:
    | 'max-error-rate'
    | 'max-p95-ms'
    | 'max-throttle-rate'
    | 'split-tolerance'
    | 'alarms'
    /** A metrics-judged step: the stage's answers, which cannot say which version served them. */
    | 'stage-answers';
  limit: number | string;
  actual: number | string;
  passed: boolean;
}

export interface SweepPoint {
  concurrencyPerEnvironment: number;
  latency: LatencySummary;
  throughputRps: number;
  errorRate: number;
  throttles: number;
  knee: boolean;
}

export interface SideFigures {
  count: number;
  errors: number;
  latency: LatencySummary;
}

/** What Lambda reported for one version over a metrics-judged step's window (AWS/Lambda). */
interface VersionMetricFigures {
  invocations: number;
  errors: number;
  throttles: number;
  durationP50Ms?: number;
  durationP95Ms?: number;
  partial: boolean;
}

/** A metrics-judged step's CloudWatch reading: whole periods inside the bake. */
export interface StepMetrics {
  windowStart: string;
  windowEnd: string;
  periodSeconds: number;
  candidate: VersionMetricFigures;
  production: VersionMetricFigures;
}

/**
 * One side of a step. Judged by answers: the probes that version answered (full latency
 * summary). Judged by metrics: its Invocations, Errors + Throttles, and Duration p50/p95.
 */
export interface StepSideFigures {
  count: number;
  errors: number;
  latency: Pick<LatencySummary, 'count' | 'p50' | 'p95'> & Partial<LatencySummary>;
}

/**
 * How a step's errors were judged (traffic/error-test.ts): the candidate's failed answers against
 * production's, with the test, its p-values and the minimum sample it needs.
 */
export interface StepErrorTest {
  test: 'fisher-exact-one-sided';
  alpha: number;
  /** The regression above max-error-rate the minimum sample is sized to catch (80 % power). */
  detectableRegression: number;
  /** null: no sample is enough, production has too few answers in this run to compare with. */
  minimumSample: number | null;
  /** Failed / all: the candidate's answers plus failures no version could be named for. */
  candidate: { errors: number; count: number };
  /** Failed / all: production's answers in this step and the run's earlier steps. */
  production: { errors: number; count: number };
  pValue: number;
  /** The binomial test against max-error-rate itself, when that is above 0. */
  limitPValue?: number;
  /** `strict` when the candidate had fewer answers than the minimum sample. */
  decidedBy: 'test' | 'strict';
}

export interface CutoverStep {
  percent: number;
  startedAt: string;
  bakeSeconds: number;
  probes: number;
  /**
   * `answers`: each probe's answer names the version that served it (the bundled webhook).
   * `metrics`: the workload's answers do not, so each version's figures are Lambda's own
   * CloudWatch metrics, and the probes are judged as a whole (`stageAnswers`). Absent: answers.
   */
  judgedBy?: 'answers' | 'metrics';
  /** The candidate LMI version's figures. */
  candidate: StepSideFigures;
  /** The production version's (the twin before the first cutover, LMI after). */
  production: StepSideFigures;
  /** Metrics-judged steps: the CloudWatch reading, when the bake lasted long enough to take it. */
  metrics?: StepMetrics;
  /** Metrics-judged steps: every probe answer through the stage, whichever version served it. */
  stageAnswers?: { count: number; failed: number; latency: LatencySummary };
  observedCandidatePercent: number;
  tolerancePercent: number;
  /** How the errors were judged; absent on reports written before the test existed. */
  errorTest?: StepErrorTest;
  gates: GateResult[];
  passed: boolean;
  reason?: string;
}

export interface RouteChange {
  at: string;
  from: Route;
  to: Route;
  why: string;
}

/** The latest state seen of a published LMI version while waiting for it to be Active. */
export interface ProvisionObservation {
  readonly functionName: string;
  readonly version: string;
  readonly state: string;
  readonly stateReasonCode?: string;
  readonly stateReason?: string;
  readonly capacityProviderArn?: string;
  readonly capacityProviderState?: string;
  readonly elapsedMs: number;
}
