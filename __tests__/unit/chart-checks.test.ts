// The readability checks the chart rendering tests apply, on geometry made up to the pixel.
import { describe, expect, it } from '@jest/globals';
import { chartProblems, contrastRatio, type ChartGeometry } from '../../scripts/render/chart-checks.js';

const text = (t: string, x: number, width: number, y = 470) => ({
  text: t,
  box: { x, y, width, height: 16 },
});

const chart = (over: Partial<ChartGeometry> = {}): ChartGeometry => ({
  frame: { x: 10, y: 10, width: 700, height: 500 },
  title: text('Latency (ms)', 300, 120, 20),
  xLabels: [text('p50', 100, 30), text('p95', 200, 30)],
  background: 'rgb(255, 255, 255)',
  series: [{ kind: 'bar', colour: 'rgb(47, 129, 247)', points: 2 }],
  ...over,
});

describe('contrastRatio', () => {
  it('follows WCAG 2.1', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('rgb(0, 0, 0)', 'rgb(0, 0, 0)')).toBe(1);
    expect(contrastRatio('#ECECFF', 'rgb(255, 255, 255)')).toBeCloseTo(1.17, 2);
  });

  it('refuses colours it cannot read rather than guess', () => {
    expect(() => contrastRatio('white', '#000000')).toThrow(/not a colour/);
  });
});

describe('chartProblems', () => {
  it('passes a readable chart', () => {
    expect(chartProblems(chart())).toEqual([]);
  });

  it('flags a title reaching outside the drawing', () => {
    expect(chartProblems(chart({ title: text('Monthly cost…', 200, 600, 20) }))).toEqual([
      'title "Monthly cost…" is clipped by 90.0 px',
    ]);
  });

  it('flags labels that overlap or nearly touch, and one cut at the edge', () => {
    const labels = [
      text('5M this run', 100, 80),
      text('6.2M', 170, 30),
      text('9.6M', 202, 30),
      text('87M', 700, 30),
    ];
    expect(chartProblems(chart({ xLabels: labels }))).toEqual([
      'x-axis label "87M" is clipped by 20.0 px',
      'x-axis labels "5M this run" and "6.2M" overlap by 10.0 px',
      'x-axis labels "6.2M" and "9.6M" are only 2.0 px apart',
    ]);
  });

  it('flags a pale series, and a missing title', () => {
    const pale = chart({ title: null, series: [{ kind: 'line', colour: 'rgb(236, 236, 255)', points: 2 }] });
    expect(chartProblems(pale)).toEqual([
      'no title drawn',
      'series 1 (line, rgb(236, 236, 255)) has contrast 1.17:1 against rgb(255, 255, 255)',
    ]);
  });
});
