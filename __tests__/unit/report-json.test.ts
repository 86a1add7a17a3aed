import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReportJson, ReportFileError, writeReportJson } from '../../src/report/json.js';
import { fullReport, rollbackFailedReport } from './report.fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-json-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const failure = async (p: Promise<unknown>): Promise<ReportFileError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof ReportFileError) return err;
    throw err;
  }
  throw new Error('expected a ReportFileError');
};

describe('report JSON', () => {
  it('round-trips a full report through a directory it creates', async () => {
    const path = join(dir, 'a', 'b', 'report.json');
    const report = rollbackFailedReport();
    const written = await writeReportJson(path, report);
    expect(written.problems).toEqual([]);
    expect(written.bytes).toBe(Buffer.byteLength(await readFile(path, 'utf8')));
    expect(await readReportJson(path)).toEqual(report);
  });

  it('keeps fields this version does not know', async () => {
    const path = join(dir, 'extra.json');
    await writeFile(path, JSON.stringify({ ...fullReport(), futureField: { x: 1 } }));
    expect(await readReportJson(path)).toMatchObject({ futureField: { x: 1 } });
  });

  it('names a missing file, a non-JSON file, a wrong version and each invalid field', async () => {
    expect((await failure(readReportJson(join(dir, 'nope.json')))).code).toBe('ReportNotFound');

    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{"schemaVersion": 1,');
    const e1 = await failure(readReportJson(notJson));
    expect(e1.code).toBe('ReportNotJson');
    expect(e1.message).toContain(notJson);

    const v2 = join(dir, 'v2.json');
    await writeFile(v2, JSON.stringify({ ...fullReport(), schemaVersion: 2 }));
    expect((await failure(readReportJson(v2))).message).toMatch(
      /report schema 2; this lmi-cutover reads schema 1/,
    );

    const bad = fullReport() as unknown as {
      run: { outcome: string };
      cutover: { steps: { percent: unknown }[] };
    };
    bad.run.outcome = 'great';
    bad.cutover.steps[1]!.percent = '50';
    const badPath = join(dir, 'bad.json');
    await writeFile(badPath, JSON.stringify(bad));
    const e2 = await failure(readReportJson(badPath));
    expect(e2.code).toBe('ReportInvalid');
    expect(e2.message).toContain('run.outcome');
    expect(e2.message).toContain('cutover.steps[1].percent');
  });

  it('writes a report JSON cannot represent, and says what a reader will reject', async () => {
    const report = fullReport();
    report.load!.lmi.latency.p95 = Number.NaN;
    const path = join(dir, 'nan.json');
    const written = await writeReportJson(path, report);
    expect(written.problems).toEqual(['load.lmi.latency.p95: Invalid input: expected number, received null']);
    expect((await failure(readReportJson(path))).code).toBe('ReportInvalid');
  });
});
