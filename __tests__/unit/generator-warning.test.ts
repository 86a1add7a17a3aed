// A burst the load generator limited is reported with one line under the concurrency table,
// in the Markdown and the text report, and the JSON report carries the figures.
import { describe, expect, it } from '@jest/globals';
import { COMMENT_LIMIT, commentMarker, renderMarkdown } from '../../src/report/markdown.js';
import { reportSchema } from '../../src/report/schema.js';
import { renderText } from '../../src/report/text.js';
import { fullReport } from './report.fixture.js';

const limited = {
  eventLoopBusy: 0.97,
  cpuMsPerRequest: 0.412,
  reason:
    "the load generator's busiest event loop was busy 97 % of the burst: latencies include its own queue",
};

function reportWithLimitedLmi() {
  const r = fullReport();
  r.load!.lmi.generatorLimited = limited;
  return r;
}

describe('the generator-limited warning', () => {
  it('is one line under the Markdown concurrency table, for the side it limited', () => {
    const r = reportWithLimitedLmi();
    const md = renderMarkdown(r, { limit: COMMENT_LIMIT, marker: commentMarker(r.run.stackName) });
    const warning = md.split('\n').filter((l) => l.includes('Load generator limited'));
    expect(warning).toEqual([
      "> ⚠️ Load generator limited (LMI): the load generator's busiest event loop was busy 97 % of the burst: latencies include its own queue (event loop 97 % busy, 0.412 ms CPU per request); these latencies are an upper bound, not the function's own.",
    ]);
    const table = md.indexOf('### Concurrency check');
    expect(md.indexOf(warning[0]!)).toBeGreaterThan(table);
    expect(md.indexOf(warning[0]!)).toBeLessThan(md.indexOf('```mermaid', table));
  });

  it('is one line in the text report', () => {
    const lines = renderText(reportWithLimitedLmi()).split('\n');
    expect(lines.filter((l) => l.includes('Load generator limited (LMI)'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Load generator limited (standard twin)'))).toHaveLength(0);
  });

  it('is absent when the generator kept up, and the JSON schema reads the figures', () => {
    const r = fullReport();
    const md = renderMarkdown(r, { limit: COMMENT_LIMIT, marker: commentMarker(r.run.stackName) });
    expect(md).not.toContain('Load generator limited');
    expect(renderText(r)).not.toContain('Load generator limited');
    const parsed = reportSchema.parse(JSON.parse(JSON.stringify(reportWithLimitedLmi())));
    expect(parsed.load?.lmi.generatorLimited).toEqual(limited);
  });

  it('says how late the loop ran when that is what ran out', () => {
    const r = fullReport();
    const late = {
      eventLoopBusy: 0.63,
      cpuMsPerRequest: 0.261,
      eventLoopDelayMs: 118.7,
      reason:
        "the load generator's event loop ran up to 119 ms late (p99), against a median latency of 312 ms: answers that arrived together waited to be read, and latencies include that queue",
    };
    r.load!.standard!.generatorLimited = late;
    const line = renderText(r)
      .split('\n')
      .find((l) => l.includes('Load generator limited (standard twin)'));
    expect(line).toContain('(event loop 63 % busy, up to 118.7 ms late, 0.261 ms CPU per request)');
    expect(reportSchema.parse(JSON.parse(JSON.stringify(r))).load?.standard?.generatorLimited).toEqual(late);
  });
});
