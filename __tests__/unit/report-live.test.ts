// The report read mid-run: the builder tells its listener when a stage starts and ends and when a
// canary step is baked, says which stages are under way, keeps steps baked so far, and never lets
// a listener fail the run.
import { describe, expect, it } from '@jest/globals';
import { ReportBuilder, type RunningStage } from '../../src/report/builder.js';
import { reportSchema } from '../../src/report/schema.js';
import type { CutoverStep } from '../../src/core/domain.js';
import type { ReadonlyReport } from '../../src/report/model.js';
import { fakeClock } from './support.js';

const step = (percent: number, passed = true): CutoverStep => ({
  percent,
  startedAt: '2025-01-02T03:10:00.000Z',
  bakeSeconds: 20,
  probes: 100,
  candidate: { count: 10, errors: 0, latency: { count: 10, p50: 20, p95: 21 } },
  production: { count: 90, errors: 0, latency: { count: 90, p50: 19, p95: 20 } },
  observedCandidatePercent: 10,
  tolerancePercent: 12,
  gates: [],
  passed,
});

/** What the listener saw each time: the timeline's stages, the running ones, the steps. */
function watch() {
  const seen: string[] = [];
  const listener = (report: ReadonlyReport, running: readonly RunningStage[]) =>
    void seen.push(
      [
        `done [${report.timeline.map((t) => `${t.stage}:${t.outcome}`).join(' ')}]`,
        `running [${running.map((r) => r.stage).join(' ')}]`,
        `steps [${(report.cutover?.steps ?? []).map((s) => s.percent).join(' ')}]`,
      ].join(' '),
    );
  return { seen, listener };
}

describe('the report so far', () => {
  it('tells its listener as stages start and end and steps are baked', async () => {
    const { seen, listener } = watch();
    const report = new ReportBuilder({
      mode: 'full',
      stackName: 's',
      clock: fakeClock(),
      onUpdate: listener,
    });
    report.announce();
    await report.stage('deploy', async () => 'ok');
    await report.stage('cutover', async () => {
      report.cutoverStep(step(10));
      report.cutoverStep(step(50));
    });
    await expect(
      report.stage('cleanup', async () => {
        throw new Error('denied');
      }),
    ).rejects.toThrow('denied');
    report.skipped('rollback', 'not asked for');
    expect(seen).toEqual([
      'done [] running [] steps []',
      'done [] running [deploy] steps []',
      'done [deploy:passed] running [] steps []',
      'done [deploy:passed] running [cutover] steps []',
      'done [deploy:passed] running [cutover] steps [10]',
      'done [deploy:passed] running [cutover] steps [10 50]',
      'done [deploy:passed cutover:passed] running [] steps [10 50]',
      'done [deploy:passed cutover:passed] running [cleanup] steps [10 50]',
      'done [deploy:passed cutover:passed cleanup:failed] running [] steps [10 50]',
      'done [deploy:passed cutover:passed cleanup:failed rollback:skipped] running [] steps [10 50]',
    ]);
    expect(report.running).toEqual([]);
  });

  it('keeps the steps baked so far until the shift gives its whole section, without doubling them', () => {
    const report = new ReportBuilder({ mode: 'cutover', stackName: 's', clock: fakeClock() });
    report.cutoverStep(step(10));
    report.cutoverStep(step(50, false));
    expect(report.report.cutover).toMatchObject({ promoted: false, rolledBack: false, routeChanges: [] });
    // A report read (or written) mid-cutover is a valid report.
    expect(reportSchema.safeParse(JSON.parse(JSON.stringify(report.report))).success).toBe(true);
    report.cutover({
      steps: [step(10), step(50, false)],
      routeChanges: [],
      promoted: false,
      rolledBack: true,
      deletedVersions: [],
    });
    expect(report.report.cutover?.steps.map((s) => s.percent)).toEqual([10, 50]);
    expect(report.report.cutover?.rolledBack).toBe(true);
  });

  it('never fails a stage for a listener that throws', async () => {
    const report = new ReportBuilder({
      mode: 'deploy',
      stackName: 's',
      clock: fakeClock(),
      onUpdate: () => {
        throw new Error('listener bug');
      },
    });
    await expect(report.stage('deploy', async () => 42)).resolves.toBe(42);
    expect(report.report.timeline.map((t) => t.outcome)).toEqual(['passed']);
  });
});
