// Mermaid `xychart-beta` charts, which GitHub renders in comments and job summaries.
// The grammar (mermaid's xychart.jison) shapes what is written here: texts are double-quoted
// (no `"` inside), numbers are plain decimals (no exponent), and there is no legend or point
// marker — so series are told apart by kind (bar vs line) and colour, and marks live in the title.
// What GitHub draws shapes it too (measured in Chromium by __tests__/render/charts.test.ts): the
// chart is 700 px wide and clips what does not fit, so titles stay short, and x-axis labels must
// fit side by side. A band axis cannot leave a category unlabelled (labels are its keys, and equal
// labels merge into one), so labels are thinned by charting fewer points, never by blanking them.
import type { CostComparison, CostComparisonInput } from '../cost/compare.js';
import { lmiMonthlyCost } from '../cost/lmi.js';
import { standardMonthlyCost } from '../cost/standard.js';
import type { LatencySummary } from '../core/stats.js';
import { formatVolume, plainNumber } from './format.js';
import type { SweepPoint } from '../core/domain.js';
import type { DeepReadonly } from './model.js';

/**
 * One colour per side, the same in GitHub's light and dark mode (an init directive sets them;
 * mermaid's own default palette starts at #ECECFF, 1.17:1 on white). Each is at least 3:1
 * (WCAG's figure for graphics) on white, on mermaid's dark background (#333) and on GitHub's
 * dark page, and blue against orange stays apart for the common colour-vision deficiencies.
 */
export const SERIES_COLOURS = { lmi: '#2f81f7', standard: '#e8590c' } as const;

export interface XyChart {
  title: string;
  xTitle?: string;
  categories: string[];
  yTitle: string;
  series: { kind: 'bar' | 'line'; colour: string; values: number[] }[];
}

export function mermaidXyChart(chart: XyChart): string {
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values.filter(Number.isFinite)));
  const palette = chart.series.map((s) => s.colour).join(',');
  const lines = [
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
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
    title: twin ? 'Latency (ms): LMI bars, standard twin line' : 'Latency (ms): LMI',
    categories: ['p50', 'p95', 'p99', 'max'],
    yTitle: 'ms',
    series: [
      { kind: 'bar', colour: SERIES_COLOURS.lmi, values: pick(lmi) },
      ...(twin ? [{ kind: 'line' as const, colour: SERIES_COLOURS.standard, values: pick(twin) }] : []),
    ],
  };
}

/**
 * The sweep: p95 against concurrency per execution environment, the knee named in the title.
 * More levels than fit are thinned (the knee, the first and the last always stay).
 */
export function sweepChart(points: readonly SweepPoint[]): XyChart {
  const sorted = [...points].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
  const labels = sorted.map((p) => String(p.concurrencyPerEnvironment));
  const kept = thinIndices(
    sorted.length,
    maxCategories(labels),
    sorted.flatMap((p, i) => (p.knee ? [i] : [])),
  ).map((i) => sorted[i]!);
  const knee = sorted.find((p) => p.knee);
  return {
    title: knee
      ? `LMI p95 (ms) by concurrency: knee at ${knee.concurrencyPerEnvironment}`
      : 'LMI p95 (ms) by concurrency',
    xTitle: 'requests in flight per environment',
    categories: kept.map((p) => String(p.concurrencyPerEnvironment)),
    yTitle: 'p95 ms',
    series: [{ kind: 'line', colour: SERIES_COLOURS.lmi, values: kept.map((p) => p.latency.p95) }],
  };
}

export interface CostPoint {
  invocations: number;
  /** The run's own volume or the crossover: exact points that the chart always keeps. */
  marks: ('this run' | 'crossover')[];
  standard: number;
  lmi: number;
}

/**
 * Monthly cost of both options over a range of volumes on a geometric grid that spans the
 * run's volume and the crossover. Each point is priced exactly as `compareCosts` prices its
 * volume (same functions, same inputs; a test holds them equal) without its crossover search,
 * which would cost ~8 ms a point. The crossover and the run's volume are marked points.
 */
export function costCurve(
  input: DeepReadonly<CostComparisonInput>,
  at: Pick<CostComparison, 'crossoverInvocations'>,
  points = 8,
): CostPoint[] {
  const volume = input.invocations;
  const cross = at.crossoverInvocations;
  const lo = Math.max(1000, (cross === null ? volume / 10 : Math.min(volume, cross) / 3) || 1000);
  const hi = Math.max(lo * 10, cross === null ? volume * 10 : Math.max(volume, cross) * 3);
  const ratio = (hi / lo) ** (1 / (points - 1));
  const grid = Array.from({ length: points }, (_, i) => twoSignificant(lo * ratio ** i));
  const marks = new Map<number, CostPoint['marks']>([[volume, ['this run']]]);
  if (cross !== null) marks.set(cross, [...(marks.get(cross) ?? []), 'crossover']);
  // A grid point closer to a marked volume than half a grid step gives way to it, so the axis
  // stays evenly spaced (in log terms) and no label sits right beside a mark.
  const halfStep = Math.log(ratio) / 2;
  const kept = grid.filter((g) => ![...marks.keys()].some((m) => Math.abs(Math.log(g / m)) < halfStep));
  const volumes = [...new Set([...kept, ...marks.keys()])].sort((a, b) => a - b);
  return volumes.map((invocations) => ({
    invocations,
    marks: marks.get(invocations) ?? [],
    standard: standardMonthlyCost({ ...input.standard, invocations, architecture: input.lmi.architecture })
      .total,
    lmi: lmiMonthlyCost({ ...input.lmi, invocations }).total,
  }));
}

/** Bars for LMI (whole instances: a step per instance), a line for standard Lambda (pay per use). */
export function costChart(curve: readonly CostPoint[], crossover: number | null): XyChart {
  // Volumes that print alike ("5M" for 5.0M and 5.04M) would merge into one category: keep one,
  // a marked one first.
  const byLabel = new Map<string, CostPoint>();
  for (const p of [...curve].sort((a, b) => b.marks.length - a.marks.length)) {
    if (!byLabel.has(formatVolume(p.invocations))) byLabel.set(formatVolume(p.invocations), p);
  }
  const unique = [...byLabel.values()].sort((a, b) => a.invocations - b.invocations);
  const labels = unique.map((p) => formatVolume(p.invocations));
  const kept = thinIndices(
    unique.length,
    maxCategories(labels),
    unique.flatMap((p, i) => (p.marks.length > 0 ? [i] : [])),
  ).map((i) => unique[i]!);
  const run = curve.find((p) => p.marks.includes('this run'));
  const runText = run ? `this run ${formatVolume(run.invocations)}, ` : '';
  return {
    title: `Monthly cost: ${runText}${crossover === null ? 'no crossover' : `crossover ${formatVolume(crossover)}`}`,
    xTitle: 'invocations per month',
    categories: kept.map((p) => formatVolume(p.invocations)),
    yTitle: 'USD per month',
    series: [
      { kind: 'bar', colour: SERIES_COLOURS.lmi, values: kept.map((p) => p.lmi) },
      { kind: 'line', colour: SERIES_COLOURS.standard, values: kept.map((p) => p.standard) },
    ],
  };
}

// The x-axis gets what is left of the 700 px chart after the y-axis, its labels and title:
// about 600 px, split evenly between categories. A label is budgeted at 9 px a character (14 px
// digits in DejaVu Sans / Verdana, the widest font a reader's browser is likely to fall back to)
// plus 12 px of space, so narrower fonts fit with room to spare.
const X_AXIS_PX = 580;
const LABEL_CHAR_PX = 9;
const LABEL_GAP_PX = 12;

/** How many categories with labels like these fit side by side on the x-axis (never fewer than 2). */
export function maxCategories(labels: readonly string[]): number {
  const longest = Math.max(1, ...labels.map((l) => l.length));
  return Math.max(2, Math.floor(X_AXIS_PX / (longest * LABEL_CHAR_PX + LABEL_GAP_PX)));
}

/**
 * Which of `count` points to chart so that at most `max` remain: every pinned index, then the
 * others spread evenly (the first and last among them included). Ascending. On a band axis every
 * category gets the same width, so any `max` of them fit; pinned points beyond `max` still stay.
 */
export function thinIndices(count: number, max: number, pinned: readonly number[] = []): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (count <= max) return all;
  const pins = new Set(pinned.filter((i) => Number.isInteger(i) && i >= 0 && i < count));
  const rest = all.filter((i) => !pins.has(i));
  const slots = Math.min(rest.length, max - pins.size);
  const spread =
    slots <= 0
      ? []
      : slots === 1
        ? [rest[Math.floor((rest.length - 1) / 2)]!]
        : Array.from({ length: slots }, (_, k) => rest[Math.round((k * (rest.length - 1)) / (slots - 1))]!);
  return [...new Set([...pins, ...spread])].sort((a, b) => a - b);
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
