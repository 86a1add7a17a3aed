// Mermaid `xychart-beta` charts, which GitHub renders in comments and job summaries.
// The grammar (mermaid's xychart.jison) shapes what is written here: texts are double-quoted
// (no `"` inside), numbers are plain decimals (no exponent), and there is no legend or point
// marker — so series are told apart by kind (bar vs line) or shape, and marks live in the
// category labels and the title.
import type { CostComparison, CostComparisonInput } from '../cost/compare.js';
import { lmiMonthlyCost } from '../cost/lmi.js';
import { standardMonthlyCost } from '../cost/standard.js';
import type { LatencySummary } from '../core/stats.js';
import { formatVolume, plainNumber } from './format.js';
import type { SweepPoint } from '../core/domain.js';
import type { DeepReadonly } from './model.js';

export interface XyChart {
  title: string;
  xTitle?: string;
  categories: string[];
  yTitle: string;
  series: { kind: 'bar' | 'line'; values: number[] }[];
}

export function mermaidXyChart(chart: XyChart): string {
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values.filter(Number.isFinite)));
  const lines = [
    'xychart-beta',
    `  title ${quote(chart.title)}`,
    `  x-axis ${chart.xTitle ? `${quote(chart.xTitle)} ` : ''}[${chart.categories.map(quote).join(', ')}]`,
    `  y-axis ${quote(chart.yTitle)} 0 --> ${plainNumber(niceCeiling(max * 1.1))}`,
    ...chart.series.map((s) => `  ${s.kind} [${s.values.map(plainNumber).join(', ')}]`),
  ];
  return ['```mermaid', ...lines, '```'].join('\n');
}

/** Latency percentiles: bars for LMI, a line for the standard twin. */
export function latencyChart(lmi: LatencySummary, twin?: LatencySummary): XyChart {
  const pick = (l: LatencySummary) => [l.p50, l.p95, l.p99, l.max];
  return {
    title: twin ? 'Latency in ms - bars LMI, line standard twin' : 'Latency in ms - LMI',
    categories: ['p50', 'p95', 'p99', 'max'],
    yTitle: 'ms',
    series: [
      { kind: 'bar', values: pick(lmi) },
      ...(twin ? [{ kind: 'line' as const, values: pick(twin) }] : []),
    ],
  };
}

/** The sweep: p95 against concurrency per execution environment, the knee named on its category. */
export function sweepChart(points: readonly SweepPoint[]): XyChart {
  const sorted = [...points].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
  const knee = sorted.find((p) => p.knee);
  return {
    title: knee
      ? `p95 latency vs concurrency per environment - knee at ${knee.concurrencyPerEnvironment}`
      : 'p95 latency vs concurrency per environment',
    xTitle: 'concurrent requests per environment',
    categories: sorted.map((p) =>
      p.knee ? `${p.concurrencyPerEnvironment} knee` : String(p.concurrencyPerEnvironment),
    ),
    yTitle: 'p95 ms',
    series: [{ kind: 'line', values: sorted.map((p) => p.latency.p95) }],
  };
}

export interface CostPoint {
  invocations: number;
  label: string;
  standard: number;
  lmi: number;
}

/**
 * Monthly cost of both options over a range of volumes on a geometric grid that spans the
 * run's volume and the crossover. Each point is priced exactly as `compareCosts` prices its
 * volume (same functions, same inputs; a test holds them equal) without its crossover search,
 * which would cost ~8 ms a point. The crossover and the run's volume are labelled points.
 */
export function costCurve(
  input: DeepReadonly<CostComparisonInput>,
  at: Pick<CostComparison, 'crossoverInvocations'>,
  points = 10,
): CostPoint[] {
  const volume = input.invocations;
  const cross = at.crossoverInvocations;
  const lo = Math.max(1000, (cross === null ? volume / 10 : Math.min(volume, cross) / 3) || 1000);
  const hi = Math.max(lo * 10, cross === null ? volume * 10 : Math.max(volume, cross) * 3);
  const ratio = (hi / lo) ** (1 / (points - 1));
  const grid = Array.from({ length: points }, (_, i) => twoSignificant(lo * ratio ** i));
  const marks = new Map<number, string>([[volume, `${formatVolume(volume)} this run`]]);
  if (cross !== null) marks.set(cross, `${formatVolume(cross)} crossover`);
  // A grid point within 5 % of a marked volume gives way to it, so labels do not crowd.
  const kept = grid.filter((g) => ![...marks.keys()].some((m) => Math.abs(g - m) / m < 0.05));
  const volumes = [...new Set([...kept, ...marks.keys()])].sort((a, b) => a - b);
  return volumes.map((invocations) => ({
    invocations,
    label: marks.get(invocations) ?? formatVolume(invocations),
    standard: standardMonthlyCost({ ...input.standard, invocations, architecture: input.lmi.architecture })
      .total,
    lmi: lmiMonthlyCost({ ...input.lmi, invocations }).total,
  }));
}

export function costChart(curve: readonly CostPoint[], crossover: number | null): XyChart {
  return {
    title:
      crossover === null
        ? 'Monthly cost in USD - rising line standard Lambda, stepped line LMI - no crossover'
        : `Monthly cost in USD - rising line standard Lambda, stepped line LMI - crossover at ${formatVolume(crossover)} per month`,
    xTitle: 'invocations per month',
    categories: curve.map((p) => p.label),
    yTitle: 'USD per month',
    series: [
      { kind: 'line', values: curve.map((p) => p.standard) },
      { kind: 'line', values: curve.map((p) => p.lmi) },
    ],
  };
}

/** The smallest round value (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above n, to end the axis on. */
export function niceCeiling(n: number): number {
  if (!(n > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(n));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * exp >= n * (1 - 1e-12)) ?? 10;
  return step * exp;
}

const twoSignificant = (n: number): number => {
  const exp = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / exp) * exp;
};

const quote = (text: string): string => `"${text.replace(/["\r\n]/g, ' ').replace(/%%/g, '%')}"`;
