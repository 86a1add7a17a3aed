import { describe, expect, it } from '@jest/globals';
import {
  COMMENT_LIMIT,
  commentMarker,
  renderMarkdownFitted,
  SUMMARY_LIMIT,
} from '../../src/report/markdown.js';
import { fullReport, hugeReport, markdownProblems, rollbackFailedReport } from './report.fixture.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('fitting under GitHub’s limits', () => {
  const huge = hugeReport(5_000, 3_000);

  it('the untrimmed report of a huge run is over both limits (so the tests below mean something)', () => {
    const all = renderMarkdownFitted(huge, { limit: Number.MAX_SAFE_INTEGER });
    expect(all.trimmed).toEqual([]);
    expect(all.bytes).toBeGreaterThan(SUMMARY_LIMIT);
  });

  it('a PR comment stays under 65,536 characters, drops rows and says what it dropped', () => {
    const r = renderMarkdownFitted(huge, { limit: COMMENT_LIMIT, marker: commentMarker('webhook-prod') });
    expect(r.bytes).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(r.markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(r.markdown.startsWith('<!-- lmi-cutover:webhook-prod -->\n')).toBe(true);
    expect(markdownProblems(r.markdown)).toEqual([]);
    expect(r.trimmed.join('\n')).toMatch(/of 5,000 resource changes/);
    expect(r.markdown).toMatch(/\| … [\d,]+ more resource changes not shown \|/);
    expect(r.markdown).toMatch(/✂️ Trimmed to fit GitHub's 65,536-character comment limit: left out/);
    // What matters survives: the outcome, the replacement warning, the step that ended the run, the cost.
    expect(r.markdown).toContain('## ✅ lmi-cutover `full` succeeded');
    const replaced = huge.deploy!.changes.filter(
      (c) => c.action === 'Modify' && c.replacement === 'True',
    ).length;
    const warning =
      /\*\*([\d,]+) replacement\(s\):\*\* deleted and recreated — (.*?) and ([\d,]+) more\./.exec(r.markdown);
    expect(warning).not.toBeNull();
    const num = (s: string) => Number(s.replace(/,/g, ''));
    expect(num(warning![1]!)).toBe(replaced);
    expect(warning![2]!.split(', ').length + num(warning![3]!)).toBe(replaced);
    expect(r.markdown).toContain('final step failed its p95 gate');
    expect(r.markdown).toContain('### Cost per month');
  });

  it('a job summary stays under 1 MiB and keeps far more detail than the comment', () => {
    const big = hugeReport(20_000, 5_000);
    const summary = renderMarkdownFitted(big, { limit: SUMMARY_LIMIT });
    const comment = renderMarkdownFitted(big, { limit: COMMENT_LIMIT });
    expect(summary.bytes).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(summary.bytes).toBeGreaterThan(10 * comment.bytes);
    expect(markdownProblems(summary.markdown)).toEqual([]);
    expect(summary.markdown).toContain("✂️ Trimmed to fit GitHub's 1 MiB job summary limit");
  });

  it('a report that fits is not trimmed at all', () => {
    const r = renderMarkdownFitted(fullReport(), { limit: COMMENT_LIMIT });
    expect(r.trimmed).toEqual([]);
    expect(r.markdown).not.toContain('✂️');
  });

  it('under a small limit whole blocks give way to one line each, charts and details first', () => {
    const r = renderMarkdownFitted(huge, { limit: 6_000 });
    expect(r.bytes).toBeLessThanOrEqual(6_000);
    expect(markdownProblems(r.markdown)).toEqual([]);
    expect(r.markdown).toContain('_✂️ Per-resource changes: left out to fit a 6,000-byte limit._');
    expect(r.markdown).toContain('_✂️ Cost chart: left out');
    expect(r.markdown).toContain('## ✅ lmi-cutover');
  });

  it('under a limit too small for any table only the outcome remains, and a failed rollback keeps its fix', () => {
    const tiny = renderMarkdownFitted(huge, { limit: 300 });
    expect(tiny.bytes).toBeLessThanOrEqual(300);
    expect(tiny.markdown).toContain('lmi-cutover `full` succeeded');
    expect(tiny.markdown).not.toContain('|');

    const failed = rollbackFailedReport();
    failed.deploy!.changes = huge.deploy!.changes;
    const r = renderMarkdownFitted(failed, { limit: 1_000 });
    expect(r.bytes).toBeLessThanOrEqual(1_000);
    expect(r.markdown).toContain('aws apigateway update-stage --region eu-west-1');
    expect(markdownProblems(r.markdown)).toEqual([]);
  });

  it('never exceeds even an absurd limit, cutting at a character boundary', () => {
    const r = renderMarkdownFitted(fullReport(), { limit: 40 });
    expect(r.bytes).toBeLessThanOrEqual(40);
    expect(r.markdown).not.toContain('\uFFFD');
  });

  it('counts bytes, so multi-byte text cannot push a comment over', () => {
    const r = hugeReport(3_000, 10);
    for (const ch of r.deploy!.changes) ch.physicalId = `関数-${'🚀'.repeat(30)}-${ch.logicalId}`;
    const fitted = renderMarkdownFitted(r, { limit: COMMENT_LIMIT });
    expect(fitted.bytes).toBe(bytes(fitted.markdown));
    expect(fitted.bytes).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(markdownProblems(fitted.markdown)).toEqual([]);
  });

  it('shortens a huge error message instead of dropping the report', () => {
    const r = fullReport();
    r.run.outcome = 'failure';
    r.run.error = { code: 'DeployFailed', message: 'x'.repeat(200_000) };
    const fitted = renderMarkdownFitted(r, { limit: COMMENT_LIMIT });
    expect(fitted.bytes).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(fitted.markdown).toContain('### Timeline');
    expect(fitted.trimmed).toContain('the end of a long message');
  });
});

describe('the shape checker used above catches what it claims to', () => {
  it('flags a broken table, an open fence and unbalanced details', () => {
    expect(markdownProblems('| a | b |\n| --- | --- |\n| 1 | 2 | 3 |')).toHaveLength(1);
    expect(markdownProblems('```sh\nls')).toEqual(['a code fence is never closed']);
    expect(markdownProblems('<details><summary>x</summary>')).toHaveLength(1);
  });
});
