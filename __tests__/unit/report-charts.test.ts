// The chart data: which points are charted when labels would not fit, the titles, the colours.
// How they look drawn (clipping, overlaps, contrast) is measured in __tests__/render/charts.test.ts.
import { describe, expect, it } from '@jest/globals';
import { compareCosts } from '../../src/cost/compare.js';
import {
  costChart,
  costCurve,
  latencyChart,
  maxCategories,
  mermaidXyChart,
  SERIES_COLOURS,
  sweepChart,
  thinIndices,
  type CostPoint,
} from '../../src/report/charts.js';
import type { SweepPoint } from '../../src/core/domain.js';
import { costInput } from './report.fixture.js';

const level = (c: number, knee = false): SweepPoint => ({
  concurrencyPerEnvironment: c,
  latency: { count: 10, p50: 100, p95: 100 + c, p99: 200, max: 300, mean: 120 },
  throughputRps: c,
  errorRate: 0,
  throttles: 0,
  knee,
});

describe('thinIndices', () => {
  it('keeps everything that fits', () => {
    expect(thinIndices(5, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(thinIndices(3, 10, [1])).toEqual([0, 1, 2]);
  });

  it('spreads what it keeps evenly, first and last included', () => {
    expect(thinIndices(10, 4)).toEqual([0, 3, 6, 9]);
    expect(thinIndices(40, 14)).toHaveLength(14);
    expect(thinIndices(40, 14).at(-1)).toBe(39);
  });

  it('always keeps pinned points and still keeps to the limit', () => {
    const kept = thinIndices(12, 6, [4, 9]);
    expect(kept).toHaveLength(6);
    expect(kept).toEqual(expect.arrayContaining([0, 4, 9, 11]));
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });

  it('keeps pinned points even beyond the limit, and ignores pins out of range', () => {
    expect(thinIndices(10, 2, [2, 5, 7])).toEqual([2, 5, 7]);
    expect(thinIndices(10, 3, [-1, 12, 1.5])).toEqual([0, 5, 9]);
  });
});

describe('maxCategories', () => {
  it('fits fewer categories the longer the longest label', () => {
    expect(maxCategories(['p50', 'p95', 'p99', 'max'])).toBeGreaterThanOrEqual(4);
    expect(maxCategories(['1.7M', '36.4M', '110M'])).toBe(10);
    expect(maxCategories(['128'])).toBe(14);
    expect(maxCategories(['a'.repeat(200)])).toBe(2);
  });
});

describe('sweepChart', () => {
  it('charts every level that fits, the knee in the title and not in a label', () => {
    const c = sweepChart([level(8), level(64), level(16), level(32, true)]);
    expect(c.categories).toEqual(['8', '16', '32', '64']);
    expect(c.title).toBe('LMI p95 (ms) by concurrency: knee at 32');
    expect(c.series).toEqual([{ kind: 'line', colour: SERIES_COLOURS.lmi, values: [108, 116, 132, 164] }]);
  });

  it('thins 40 levels to what fits, keeping the knee, the first and the last', () => {
    const points = Array.from({ length: 40 }, (_, i) => level(100 + i * 10, i === 17));
    const c = sweepChart(points);
    expect(c.categories.length).toBe(maxCategories(['490']));
    expect(c.categories).toEqual(expect.arrayContaining(['100', '270', '490']));
    expect(c.series[0]!.values).toHaveLength(c.categories.length);
    expect(c.series[0]!.values[c.categories.indexOf('270')]).toBe(370);
  });
});

describe('costChart', () => {
  const at = compareCosts(costInput);
  const chart = costChart(costCurve(costInput, at), at.crossoverInvocations);

  it('names this run and the crossover in the title and charts both as plain volumes', () => {
    expect(chart.title).toBe('Monthly cost: this run 5M, crossover 36.4M');
    expect(chart.categories).toEqual(expect.arrayContaining(['5M', '36.4M']));
    expect(chart.categories.length).toBeLessThanOrEqual(maxCategories(chart.categories));
    expect(chart.series.map((s) => [s.kind, s.colour])).toEqual([
      ['bar', SERIES_COLOURS.lmi],
      ['line', SERIES_COLOURS.standard],
    ]);
  });

  it('keeps the grid evenly spaced: no grid point crowds a marked one', () => {
    const curve = costCurve(costInput, at);
    const marked = curve.filter((p) => p.marks.length > 0).map((p) => p.invocations);
    for (const p of curve.filter((q) => q.marks.length === 0))
      for (const m of marked) expect(Math.abs(Math.log(p.invocations / m))).toBeGreaterThan(0.2);
  });

  it('merges volumes that print alike, keeping the marked one', () => {
    const point = (invocations: number, marks: CostPoint['marks'] = []): CostPoint => ({
      invocations,
      marks,
      standard: invocations / 1e6,
      lmi: 200,
    });
    const c = costChart([point(1e6), point(5e6), point(5.02e6, ['crossover']), point(9e6)], 5.02e6);
    expect(c.categories).toEqual(['1M', '5M', '9M']);
    expect(c.series[1]!.values).toEqual([1, 5.02, 9]);
    expect(c.title).toBe('Monthly cost: crossover 5M');
  });

  it('says so when there is no crossover', () => {
    const c = costChart(costCurve(costInput, { crossoverInvocations: null }), null);
    expect(c.title).toBe('Monthly cost: this run 5M, no crossover');
  });

  it('keeps titles short at any volume (the chart clips a title wider than itself)', () => {
    const huge = { ...costInput, invocations: 987_654_321_000 };
    const c = costChart(costCurve(huge, { crossoverInvocations: 123_456_789_000 }), 123_456_789_000);
    expect(c.title).toBe('Monthly cost: this run 988B, crossover 123B');
    const volumes = [999, 1_550, 99_940, 999_400, 88_800_000, 77_700_000_000];
    for (const run of volumes)
      for (const cross of volumes) {
        const curve = costCurve({ ...costInput, invocations: run }, { crossoverInvocations: cross });
        expect(costChart(curve, cross).title.length).toBeLessThanOrEqual(48);
      }
  });
});

describe('mermaidXyChart', () => {
  it('sets each series’ colour with an init directive, in series order', () => {
    const text = mermaidXyChart(latencyChart({ count: 1, p50: 1, p95: 2, p99: 3, max: 4, mean: 2 }));
    expect(text.split('\n').slice(0, 3)).toEqual([
      '```mermaid',
      `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${SERIES_COLOURS.lmi}"}}}}%%`,
      'xychart-beta',
    ]);
  });
});
