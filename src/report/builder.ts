// Fills the run's Report as the stages go, so whatever happens — a gate breach, a provisioning
// failure, a crash — the adapter can still write the JSON, the job summary and the PR comment
// from what was measured up to that point.
import pkg from '../../package.json' with { type: 'json' };
import type {
  CostSection,
  CutoverSection,
  DeepReadonly,
  DeploySection,
  LoadShardsSection,
  PlanSection,
  ProvisioningSection,
  ReadonlyReport,
  Report,
  StageTiming,
} from './model.js';
import type {
  CutoverStep,
  GateResult,
  LatencyBaseline,
  LoadResult,
  Mode,
  Outcome,
  ProvisionObservation,
  ResourceChange,
  Route,
  SmokeCheck,
  SweepPoint,
} from '../core/domain.js';
import type { Clock } from '../core/clock.js';
import { isCutoverError } from '../core/errors.js';

/** A finished deploy, as the deploy stage returns it. */
interface DeployFacts extends Omit<DeploySection, 'changes' | 'outputs' | 'changeSetName'> {
  readonly changeSetName?: string;
  readonly changes: readonly DeepReadonly<ResourceChange>[];
  readonly outputs: Readonly<Record<string, string>>;
}

/** A version found Active, as the provisioning stage returns it. */
interface ProvisionFacts {
  readonly functionName: string;
  readonly version: string;
  readonly state: string;
  readonly seconds: number;
  readonly capacityProviderArn?: string;
  readonly capacityProviderState?: string;
  readonly confirmedOnly: boolean;
}

const TOOL_VERSION: string = pkg.version;

export interface ReportInit {
  readonly mode: Mode;
  readonly stackName: string;
  readonly clock: Clock;
  readonly region?: string;
  readonly trigger?: Report['run']['trigger'];
  /** Told whenever a stage starts or ends and each time a canary step is baked (the live PR comment). */
  readonly onUpdate?: ReportListener;
}

type Stage = StageTiming['stage'];

/** A stage under way: what a report read mid-run says the run is doing now. */
export interface RunningStage {
  readonly stage: Stage;
  readonly startedAt: string;
}

/**
 * Called synchronously with the report so far and the stages under way. It must return at once:
 * the run waits for it. What it throws is ignored — a reader must never fail the run.
 */
export type ReportListener = (report: ReadonlyReport, running: readonly RunningStage[]) => void;

export class ReportBuilder {
  readonly #clock: Clock;
  readonly #report: Report;
  readonly #onUpdate: ReportListener | undefined;
  readonly #running: RunningStage[] = [];

  constructor(init: ReportInit) {
    this.#clock = init.clock;
    this.#onUpdate = init.onUpdate;
    this.#report = {
      schemaVersion: 1,
      tool: { name: 'lmi-cutover', version: TOOL_VERSION },
      run: {
        mode: init.mode,
        stackName: init.stackName,
        region: init.region ?? 'unknown',
        startedAt: this.#iso(),
        outcome: 'failure',
        ...(init.trigger ? { trigger: init.trigger } : {}),
      },
      route: {},
      timeline: [],
    };
  }

  /** The report as filled so far (the same object, read-only; finish() completes it). */
  get report(): ReadonlyReport {
    return this.#report;
  }

  /** The stages under way, outermost first. */
  get running(): readonly RunningStage[] {
    return this.#running;
  }

  /** Tells the listener the report as it is now: the run's start, before any stage. */
  announce(): void {
    this.#notify();
  }

  setRegion(region: string): void {
    this.#report.run.region = region;
  }

  /**
   * Runs one stage and records it in the timeline: `passed` (or what `outcomeOf` says) when it
   * returns, `failed` with the error code when it throws.
   */
  async stage<T>(
    stage: Stage,
    fn: () => Promise<T>,
    outcomeOf?: (value: T) => { outcome?: StageTiming['outcome']; detail?: string },
  ): Promise<T> {
    const startedAt = this.#iso();
    const started = this.#clock.now();
    const running: RunningStage = { stage, startedAt };
    this.#running.push(running);
    this.#notify();
    const done = () => this.#running.splice(this.#running.indexOf(running), 1);
    try {
      const value = await fn();
      done();
      const o = outcomeOf?.(value) ?? {};
      this.#timeline({
        stage,
        startedAt,
        durationMs: this.#clock.now() - started,
        outcome: o.outcome ?? 'passed',
        detail: o.detail,
      });
      return value;
    } catch (e) {
      if (this.#running.includes(running)) done();
      this.#timeline({
        stage,
        startedAt,
        durationMs: this.#clock.now() - started,
        outcome: 'failed',
        detail: failureDetail(e),
      });
      throw e;
    }
  }

  /** A stage that failed without running here (its work failed inside an earlier stage). */
  failed(stage: Stage, e: unknown): void {
    this.#timeline({
      stage,
      startedAt: this.#iso(),
      durationMs: 0,
      outcome: 'failed',
      detail: failureDetail(e),
    });
  }

  /** A stage that did not run (an earlier one failed, or it was not asked for). */
  skipped(stage: Stage, detail: string): void {
    this.#timeline({ stage, startedAt: this.#iso(), durationMs: 0, outcome: 'skipped', detail });
  }

  /** Marks as skipped each of `stages` that has no timeline entry yet, so the reader sees why it is missing. */
  skippedUnlessRecorded(stages: readonly Stage[], e: unknown): void {
    const why = isCutoverError(e) ? `not run: ${e.code}` : 'not run: an earlier stage failed';
    const recorded = new Set(this.#report.timeline.map((t) => t.stage));
    for (const stage of stages) if (!recorded.has(stage)) this.skipped(stage, why);
  }

  /** The route before the run's first change (the earliest reading wins) and after its last. */
  route(route: { readonly before?: Route; readonly after?: Route }): void {
    const r = this.#report.route;
    if (route.before && !r.before) r.before = route.before;
    if (route.after) r.after = route.after;
  }

  /** The run's cutover section; route changes made earlier in the run (a resume rollback) go first. */
  cutover(section: CutoverSection): void {
    const earlier = this.#report.cutover?.routeChanges ?? [];
    this.#report.cutover = { ...section, routeChanges: [...earlier, ...section.routeChanges] };
  }

  /**
   * A canary step as soon as it is baked, so the report read mid-run (the live PR comment) shows
   * it; cutover() sets the whole section when the shift ends.
   */
  cutoverStep(step: CutoverStep): void {
    this.#report.cutover ??= {
      steps: [],
      routeChanges: [],
      promoted: false,
      rolledBack: false,
      deletedVersions: [],
    };
    this.#report.cutover.steps.push(step);
    this.#notify();
  }

  /** The LMI versions the cleanup after a promotion deleted. */
  deletedVersions(versions: readonly string[]): void {
    if (this.#report.cutover) this.#report.cutover.deletedVersions = [...versions];
  }

  /** Mode plan's change set, as the plan stage returns it. */
  plan(result: DeepReadonly<PlanSection>): void {
    this.#report.plan = definedOnly({ ...result, changes: result.changes.map(copyChange) });
  }

  deploy(result: DeployFacts): void {
    const section: DeploySection = {
      type: result.type,
      stackId: result.stackId,
      stackStatus: result.stackStatus,
      changeSetName: result.changeSetName,
      changes: result.changes.map(copyChange),
      outputs: { ...result.outputs },
      durationMs: result.durationMs,
    };
    this.#report.deploy = section;
  }

  /** The latest state seen while waiting, so a failed or timed-out wait still shows it. */
  provisioningObserved(o: ProvisionObservation): void {
    const section: ProvisioningSection = {
      functionName: o.functionName,
      version: o.version,
      state: o.state,
      stateReasonCode: o.stateReasonCode,
      stateReason: o.stateReason,
      seconds: Math.round(o.elapsedMs / 100) / 10,
      capacityProviderArn: o.capacityProviderArn,
      capacityProviderState: o.capacityProviderState,
      confirmedOnly: false,
    };
    this.#report.provisioning = definedOnly(section);
  }

  provisioned(r: ProvisionFacts): void {
    this.#report.provisioning = definedOnly({
      functionName: r.functionName,
      version: r.version,
      state: r.state,
      seconds: r.seconds,
      capacityProviderArn: r.capacityProviderArn || undefined,
      capacityProviderState: r.capacityProviderState,
      confirmedOnly: r.confirmedOnly,
    });
  }

  smoke(checks: readonly SmokeCheck[]): void {
    this.#report.smoke = { checks: [...checks], passed: checks.length > 0 && checks.every((c) => c.passed) };
  }

  load(lmi: LoadResult, standard?: LoadResult): void {
    this.#report.load = {
      ...this.#report.load,
      lmi,
      ...(standard ? { standard } : {}),
      gates: this.#report.load?.gates ?? [],
    };
  }

  p95Baseline(baseline: LatencyBaseline): void {
    if (this.#report.load) this.#report.load.p95Baseline = baseline;
  }

  gates(gates: readonly GateResult[]): void {
    if (this.#report.load) this.#report.load.gates = [...gates];
  }

  /** Who measured the concurrency check's figures, when it was sharded. */
  shards(section: DeepReadonly<LoadShardsSection>): void {
    if (this.#report.load)
      this.#report.load.shards = definedOnly({
        ...section,
        allAtOnce: section.allAtOnce ? definedOnly({ ...section.allAtOnce }) : undefined,
      });
  }

  sweep(points: readonly SweepPoint[]): void {
    if (this.#report.load) this.#report.load.sweep = [...points];
  }

  cost(section: CostSection): void {
    this.#report.cost = section;
  }

  /**
   * Completes the run: the outcome, the error when there was one, the finish time. A failed run
   * that put production back where it was says `rolled-back`, so the headline tells the reader
   * that traffic is safe before why it failed.
   */
  finish(
    result: { outcome: Outcome } | { error: { code: string; message: string }; rolledBack?: boolean },
  ): ReadonlyReport {
    const run = this.#report.run;
    run.finishedAt = this.#iso();
    if ('error' in result) {
      run.outcome = result.rolledBack ? 'rolled-back' : 'failure';
      run.error = result.error;
    } else {
      run.outcome = result.outcome;
      delete run.error;
    }
    return this.#report;
  }

  #timeline(entry: StageTiming): void {
    this.#report.timeline.push(definedOnly({ ...entry, durationMs: Math.round(entry.durationMs) }));
    this.#notify();
  }

  #notify(): void {
    try {
      this.#onUpdate?.(this.#report, this.#running);
    } catch {
      // A reader of the report so far (the live comment) must never fail the run.
    }
  }

  #iso(): string {
    return new Date(this.#clock.now()).toISOString();
  }
}

/** A change the report owns: its arrays copied, no undefined fields. */
const copyChange = (c: DeepReadonly<ResourceChange>): ResourceChange =>
  definedOnly({ ...c, recreatedBy: c.recreatedBy?.map((r) => ({ ...r })) });

const failureDetail = (e: unknown): string | undefined =>
  isCutoverError(e) ? e.code : e instanceof Error ? e.message.slice(0, 200) : undefined;

/** Drops undefined fields, so the JSON carries no `"key": undefined` noise and matches the schema. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
