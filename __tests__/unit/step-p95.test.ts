// A canary step's p95 against max-p95-ms: one slow answer among a few probes is chance, a real
// regression is not.
import { describe, expect, it } from '@jest/globals';
import { judgeP95 } from '../../src/pipeline/traffic/cutover-step.js';
import { summarizeLatencies } from '../../src/core/stats.js';

const judge = (latencies: number[], limit: number) =>
  judgeP95(latencies, summarizeLatencies(latencies).p95, limit);

describe('judgeP95', () => {
  it('passes a p95 at or under the limit without a test', () => {
    expect(judge([100, 120, 130], 130)).toEqual({ passed: true });
  });

  it('passes one slow answer among nine probes, and says the p95 was over by chance', () => {
    const v = judge([200, 210, 220, 230, 240, 250, 260, 270, 448], 345);
    expect(v.passed).toBe(true);
    expect(v.note).toBe('above the limit by chance: 1 of 9 answers over the limit, p = 0.3698');
  });

  it('fails when more answers are over the limit than a p95 at the limit allows', () => {
    const slow = [...Array.from({ length: 15 }, () => 200), ...Array.from({ length: 5 }, () => 500)];
    const v = judge(slow, 345);
    expect(v.passed).toBe(false);
    expect(v.reason).toMatch(
      /^candidate p95 \d+(\.\d+)? ms is above max-p95-ms 345 ms: 5 of 20 answers over the limit, p = 0\.0026 ≤ 0\.01/,
    );
  });

  it('fails a whole-sample regression with many probes, passes the same share of slow answers as at the limit', () => {
    const regressed = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 900 : 200)); // 20 % over
    expect(judge(regressed, 400).passed).toBe(false);
    const atLimit = Array.from({ length: 200 }, (_, i) => (i % 20 === 0 ? 900 : 200)); // 5 % over
    expect(judge(atLimit, 400).passed).toBe(true);
  });
});
