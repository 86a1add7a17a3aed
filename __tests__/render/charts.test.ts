// Every chart the report can produce, parsed by the real mermaid library and drawn by it in
// headless Chromium (Debian's, through puppeteer-core), then measured: the title inside the
// drawing, x-axis labels apart, each series at least 3:1 against the background — in GitHub's
// light and dark themes, and with a wider font than this machine falls back to (DejaVu Sans,
// Verdana's metrics) as well as mermaid's own font stack. Chromium is launched once for the file;
// without it the file fails (`.ci/run` installs it), it is never skipped.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'puppeteer-core';
import { compareCosts } from '../../src/cost/compare.js';
import {
  COMMENT_LIMIT,
  commentMarker,
  renderMarkdown,
  renderMarkdownFitted,
} from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { chartProblems, type ChartGeometry } from '../../scripts/render/chart-checks.js';
import { launchChromium, mermaidPage } from '../../scripts/render/chromium.js';
import { chartProbe, type ChartProbe, type DrawOptions } from '../../scripts/render/probe.js';
import {
  costInput,
  fullReport,
  hugeReport,
  mermaidBlocks,
  rollbackFailedReport,
} from '../unit/report.fixture.js';

const comment = (r: Report) =>
  renderMarkdown(r, { limit: COMMENT_LIMIT, marker: commentMarker(r.run.stackName) });

/** Reports that between them produce every kind of chart, each with what makes it differ. */
const reports: Record<string, () => Report> = {
  'full run: LMI vs twin, sweep with a knee, cost with a crossover': fullReport,
  'LMI only (no twin)': () => {
    const r = fullReport();
    delete r.load!.standard;
    return r;
  },
  'verify run: no sweep, no cutover': () => {
    const r = fullReport();
    r.run.mode = 'verify';
    delete r.load!.sweep;
    delete r.cutover;
    return r;
  },
  'cost with no crossover, sweep without a knee': () => {
    const r = fullReport();
    r.cost = { ...r.cost!, crossoverInvocations: null };
    for (const p of r.load!.sweep!) p.knee = false;
    return r;
  },
  'cost at an extreme volume': () => {
    const r = fullReport();
    const input = { ...costInput, invocations: 987_654_321_000 };
    r.cost = { ...compareCosts(input), input };
    return r;
  },
  'sweep of 40 levels (thinned on the chart)': () => {
    const r = fullReport();
    const level = r.load!.sweep![0]!;
    r.load!.sweep = Array.from({ length: 40 }, (_, i) => ({
      ...level,
      concurrencyPerEnvironment: 100 + i * 10,
      latency: { ...level.latency, p95: 200 + i * i },
      knee: i === 23,
    }));
    return r;
  },
  'failed rollback': rollbackFailedReport,
};

/** Every chart, once (charts alike in two reports are drawn once). */
const charts = [...new Set(Object.values(reports).flatMap((r) => mermaidBlocks(comment(r()))))];

const variants: [string, Omit<DrawOptions, 'width'>][] = [
  ['light theme', { theme: 'default' }],
  ['dark theme', { theme: 'dark' }],
  ['light theme, DejaVu Sans', { theme: 'default', fontFamily: 'DejaVu Sans' }],
  ['dark theme, DejaVu Sans', { theme: 'dark', fontFamily: 'DejaVu Sans' }],
];

/** GitHub's comment column: about 780 px of content on a wide screen. */
const WIDTH = 780;

let browser: Browser;
let probe: ChartProbe;

beforeAll(async () => {
  browser = await launchChromium();
  probe = chartProbe(await mermaidPage(browser, WIDTH + 40));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the real mermaid library', () => {
  it('parses every chart of every report, the trimmed comment of a huge run included', async () => {
    for (const [name, report] of Object.entries(reports))
      expect([name, mermaidBlocks(comment(report())).length]).not.toEqual([name, 0]);
    const trimmed = mermaidBlocks(
      renderMarkdownFitted(hugeReport(5_000, 3_000), { limit: COMMENT_LIMIT }).markdown,
    );
    const all = [...charts, ...trimmed];
    const errors = await probe.parse(all);
    expect(all.map((c, i) => [c.split('\n')[2], errors[i]]).filter(([, e]) => e !== null)).toEqual([]);
    expect(charts.length).toBeGreaterThanOrEqual(8);
  });

  it('rejects what it should, so the parse above means something', async () => {
    const errors = await probe.parse([
      'xychart-beta\n  x-axis ["a", "b"]\n  y-axis "ms" 0 --> 10\n  line [1e3, 2]',
      'xychart-beta\n  title unquoted "title',
      'xychart-beta\n  x-axis ["a", "b"]\n  bar [1, 2]',
    ]);
    expect(errors[0]).toMatch(/Parse error/);
    expect(errors[1]).toMatch(/error/i);
    expect(errors[2]).toBeNull();
  });
});

describe('charts as drawn', () => {
  it.each(variants)(
    'are readable in the %s',
    async (_, variant) => {
      const found: string[] = [];
      for (const chart of charts) {
        const g = await probe.draw(chart, { ...variant, width: WIDTH });
        const title = g.title?.text ?? chart.split('\n')[2];
        found.push(...chartProblems(g).map((p) => `${title}: ${p}`));
        // Every series has a value per category, and every chart its own colours, not mermaid's.
        for (const s of g.series) expect([title, s.points]).toEqual([title, g.xLabels.length]);
        expect(g.series.map((s) => s.colour)).not.toContain('rgb(236, 236, 255)');
      }
      expect(found).toEqual([]);
    },
    180_000,
  );

  it('are measured in the wider font when asked (DejaVu Sans is installed)', async () => {
    const [chart] = charts;
    const narrow = await probe.draw(chart!, { theme: 'default', width: WIDTH });
    const wide = await probe.draw(chart!, { theme: 'default', fontFamily: 'DejaVu Sans', width: WIDTH });
    expect(wide.title!.box.width).toBeGreaterThan(narrow.title!.box.width * 1.05);
  });

  it('the checks catch what the charts looked like before (clipped title, crowded labels, pale series)', async () => {
    const before = [
      'xychart-beta',
      '  title "Monthly cost in USD - rising line standard Lambda, stepped line LMI - crossover at 28.9M per month"',
      '  x-axis "invocations per month" ["1.7M", "2.6M", "4M", "5M this run", "6.2M", "9.6M", "15M", "23M", "28.9M crossover", "36M", "56M", "87M"]',
      '  y-axis "USD per month" 0 --> 800',
      '  line [12.45, 19.04, 29.29, 36.61, 45.4, 70.29, 109.83, 168.41, 211.28, 263.6, 410.05, 637.03]',
      '  line [205.85, 206.03, 206.31, 206.51, 206.75, 207.43, 208.51, 210.11, 211.28, 212.71, 216.71, 222.91]',
    ].join('\n');
    const g: ChartGeometry = await probe.draw(before, { theme: 'default', width: WIDTH });
    const problems = chartProblems(g).join('\n');
    expect(problems).toMatch(/title ".*" is clipped by \d+/);
    expect(problems).toMatch(/x-axis labels "23M" and "28\.9M crossover" overlap by/);
    expect(problems).toMatch(/series 1 \(line, rgb\(236, 236, 255\)\) has contrast 1\.1\d:1/);
  });
});
