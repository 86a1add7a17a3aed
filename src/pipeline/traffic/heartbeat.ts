// The heartbeat of a canary step: one line every HEARTBEAT_INTERVAL_MS of bake saying how the
// step is going (time baked, probes, the split and each side's errors and p95 so far), so a
// ten-minute cutover is readable in the log before each step ends. The figures are the ones the
// step is judged on at its end, read early; the verdict stays the end's alone.
import { formatDuration } from '../../core/format.js';

/** Often enough to see a bake move, rare enough to keep a 10-minute log readable. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** A bake shorter than two intervals still gets one heartbeat, halfway; never more than one a second. */
const MIN_HEARTBEAT_MS = 1_000;

/** The heartbeat period for a window of `windowMs`: the interval, or half the window when that is shorter. */
export const heartbeatEveryMs = (windowMs: number, intervalMs = HEARTBEAT_INTERVAL_MS): number =>
  Math.min(intervalMs, Math.max(MIN_HEARTBEAT_MS, windowMs / 2));

/** One side's answers so far. */
export interface SideSoFar {
  readonly count: number;
  readonly errors: number;
  /** Undefined with no answers yet. */
  readonly p95Ms: number | undefined;
}

/** Where a bake stands. */
export interface BakeSoFar {
  readonly percent: number;
  /** `step 1/3`; absent outside a cutover. */
  readonly label?: string;
  readonly elapsedMs: number;
  readonly totalMs: number;
  /** Probes sent and answered so far. */
  readonly sent: number;
  readonly answered: number;
}

/**
 * `canary 10 % (step 1/3): baked 15s of 2m00s, 75 probes; split candidate 10.7 % / production
 * 89.3 %; errors candidate 0 / production 0; p95 candidate 20.02 ms / production 19.5 ms`
 */
export function describeBakeHeartbeat(
  b: BakeSoFar & {
    readonly candidate: SideSoFar;
    readonly production: SideSoFar;
    /** Answers from neither version (a gateway error, no answer, a misroute). */
    readonly unattributed: number;
  },
): string {
  const attributed = b.candidate.count + b.production.count;
  const split =
    attributed > 0
      ? `split candidate ${percent(b.candidate.count, attributed)} / production ${percent(b.production.count, attributed)}`
      : 'split unknown (no answer from either version yet)';
  const neither = b.unattributed > 0 ? `; ${b.unattributed} from neither version` : '';
  return (
    `${head(b)}: baked ${formatDuration(b.elapsedMs)} of ${formatDuration(b.totalMs)}, ${probes(b)}; ` +
    `${split}; errors candidate ${b.candidate.errors} / production ${b.production.errors}; ` +
    `p95 candidate ${ms(b.candidate.p95Ms)} / production ${ms(b.production.p95Ms)}${neither}`
  );
}

/**
 * A step judged by CloudWatch: only the stage's answers as a whole are known during the hold.
 * `canary 10 % (step 1/3), judged by CloudWatch metrics: held 15s of 3m30s (bake 2m00s, then
 * 1m30s for the metrics to arrive), 15 probes, 0 failed, p95 12 ms; split, errors and p95 per
 * version come from CloudWatch after the hold`
 */
export function describeMetricsHeartbeat(
  b: BakeSoFar & { readonly bakeMs: number; readonly failed: number; readonly p95Ms: number | undefined },
): string {
  return (
    `${head(b)}, judged by CloudWatch metrics: held ${formatDuration(b.elapsedMs)} of ${formatDuration(b.totalMs)} ` +
    `(bake ${formatDuration(b.bakeMs)}, then ${formatDuration(b.totalMs - b.bakeMs)} for the metrics to arrive), ` +
    `${probes(b)} through the stage, ${b.failed} failed, p95 ${ms(b.p95Ms)}; ` +
    'split, errors and p95 per version come from CloudWatch after the hold'
  );
}

const head = (b: BakeSoFar): string => `canary ${b.percent} %${b.label ? ` (${b.label})` : ''}`;

const probes = (b: BakeSoFar): string =>
  `${b.sent} probe${b.sent === 1 ? '' : 's'}${b.answered === b.sent ? '' : ` (${b.answered} answered)`}`;

const percent = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(1)} %`;

const ms = (p95: number | undefined): string => (p95 === undefined ? '–' : `${p95} ms`);
