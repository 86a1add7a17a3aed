// The domain's words, shared by every floor: where production traffic goes (Route), how a
// run ended (Outcome), and the typed figures the stages measure (smoke checks, load results,
// gates, canary steps). The report is built from these; decisions read them, never the report.
import type { LatencySummary } from './stats.js';

/**
 * What a run does (the Action's `mode`, the CLI's command). `status` and `cost` are CLI
 * commands only: they read or compute, never deploy or move traffic, so they are not modes.
 */
export const MODES = ['deploy', 'verify', 'cutover', 'full', 'rollback'] as const;
export type Mode = (typeof MODES)[number];

/** Where the API stage sends production traffic. */
export type Route = { kind: 'standard' } | { kind: 'lmi' } | { kind: 'canary'; percent: number };

export const routeLabel = (r: Route): string => (r.kind === 'canary' ? `canary:${r.percent}` : r.kind);

export type Outcome = 'success' | 'no-op' | 'failure' | 'rolled-back';

export interface ResourceChange {
  logicalId: string;
  physicalId?: string;
  type: string;
  action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  /** CloudFormation's Replacement: 'True' means the resource is deleted and recreated. */
  replacement?: 'True' | 'False' | 'Conditional';
}

export interface SmokeCheck {
  name: string;
  target: 'lmi' | 'standard';
  request: string;
  expected: string;
  actual: string;
  passed: boolean;
  durationMs: number;
}

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
  environments: number;
  peakInFlightPerEnvironment: number;
  coldStarts?: number;
  isolation: {
    passed: boolean;
    mismatchedIds: number;
    stored: number;
    expectedStored: number;
    duplicates: number;
  };
  wallMs: number;
}

export interface GateResult {
  name: 'max-error-rate' | 'max-p95-ms' | 'max-throttle-rate' | 'split-tolerance' | 'alarms';
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

export interface CutoverStep {
  percent: number;
  startedAt: string;
  bakeSeconds: number;
  probes: number;
  lmi: SideFigures;
  standard: SideFigures;
  observedLmiPercent: number;
  tolerancePercent: number;
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
