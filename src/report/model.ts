// The run's Report: filled by every stage, serialised to JSON at `report-path`, and rendered
// once to markdown (job summary and PR comment) and to plain text (CLI). Every figure in it
// was measured or read during the run; nothing is estimated except the `cost` section, which
// lists its assumptions.
import type { CostComparison, CostComparisonInput } from '../cost/compare.js';
import type {
  CutoverStep,
  GateResult,
  LatencyBaseline,
  LoadResult,
  Mode,
  Outcome,
  ResourceChange,
  Route,
  RouteChange,
  SmokeCheck,
  SweepPoint,
} from '../core/domain.js';

export interface StageTiming {
  stage: 'plan' | 'deploy' | 'provision' | 'smoke' | 'load' | 'sweep' | 'cutover' | 'rollback' | 'cleanup';
  startedAt: string;
  durationMs: number;
  outcome: 'passed' | 'failed' | 'skipped' | 'no-op';
  detail?: string;
}

export interface DeploySection {
  type: 'did-deploy-stack' | 'no-op';
  stackId: string;
  stackStatus: string;
  changeSetName?: string;
  changes: ResourceChange[];
  outputs: Record<string, string>;
  durationMs: number;
}

/** Mode plan: the change set it created and kept for review, and what executing it would do. */
export interface PlanSection {
  /** Absent when CloudFormation found nothing to change (the empty change set is deleted). */
  changeSetName?: string;
  changeSetId?: string;
  changeSetType: 'CREATE' | 'UPDATE';
  /** The stack's status when planned; absent for a stack that does not exist yet. */
  stackStatus?: string;
  changes: ResourceChange[];
  /** CloudFormation's reason when there is nothing to change. */
  noChangesReason?: string;
}

export interface ProvisioningSection {
  functionName: string;
  version: string;
  state: string;
  stateReasonCode?: string;
  stateReason?: string;
  seconds: number;
  capacityProviderArn?: string;
  capacityProviderState?: string;
  /** CloudFormation had already waited for the version: one call confirmed Active. */
  confirmedOnly: boolean;
}

export interface RollbackSection {
  reason: string;
  at: string;
  verified: boolean;
  probes: number;
  finalRoute: Route;
  /** Set when the rollback itself failed: the stage's exact state and the fix by hand. */
  failure?: { message: string; stageState: string; manualFix: string };
}

export interface CutoverSection {
  steps: CutoverStep[];
  routeChanges: RouteChange[];
  promoted: boolean;
  rolledBack: boolean;
  rollback?: RollbackSection;
  deletedVersions: string[];
}

/** A sharded concurrency check (`load-shard`, mode `merge`). */
export interface LoadShardsSection {
  /** The id every shard of the check carries. */
  id: string;
  count: number;
  /** A shard's own report: this run sent shard `shard` of `count`, its share only; no gate applied. */
  shard?: number;
  /**
   * The merge's report: the share of each side's span (the first shard's start to the last
   * one's end) during which every shard was sending. Below 1 the shards did not all run at
   * once, so for part of the span fewer requests than the check's concurrency were in flight.
   */
  allAtOnce?: { lmi: number; standard?: number };
}

/**
 * The cost comparison at the run's volume. `input` (optional, added for the report's chart) is
 * what `compareCosts` was called with: with it the renderer recomputes the comparison over a
 * range of volumes around the crossover; without it the chart is left out.
 */
export type CostSection = CostComparison & { input?: CostComparisonInput };

export interface Report {
  schemaVersion: 1;
  tool: { name: 'lmi-cutover'; version: string };
  run: {
    mode: Mode;
    stackName: string;
    region: string;
    startedAt: string;
    finishedAt?: string;
    outcome: Outcome;
    error?: { code: string; message: string };
    trigger?: { event?: string; sha?: string; ref?: string; runUrl?: string; pullRequest?: number };
  };
  route: { before?: Route; after?: Route };
  timeline: StageTiming[];
  plan?: PlanSection;
  deploy?: DeploySection;
  provisioning?: ProvisioningSection;
  smoke?: { checks: SmokeCheck[]; passed: boolean };
  load?: {
    lmi: LoadResult;
    standard?: LoadResult;
    gates: GateResult[];
    /** What max-p95-ms auto was derived from. */
    p95Baseline?: LatencyBaseline;
    sweep?: SweepPoint[];
    /** Set when the check was sharded: who measured the figures above. */
    shards?: LoadShardsSection;
  };
  cutover?: CutoverSection;
  cost?: CostSection;
  /** AWS console links for the region. */
  links?: { stack?: string; lmiFunction?: string; standardFunction?: string; api?: string };
}

/** The report as its readers (renderers, outputs) get it: only the builder writes it. */
export type ReadonlyReport = DeepReadonly<Report>;

export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
