// The report on disk at `report-path`: written by the main step (and the CLI), read back by
// the post step or a later job. Reading validates the shape, so a truncated or foreign file is
// a clear error rather than a crash deep inside a renderer.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Report, ReadonlyReport } from './model.js';
import { reportSchema } from './schema.js';

export class ReportFileError extends Error {
  constructor(
    readonly code:
      'ReportNotFound' | 'ReportUnreadable' | 'ReportNotJson' | 'ReportInvalid' | 'ReportWrongVersion',
    message: string,
  ) {
    super(message);
    this.name = 'ReportFileError';
  }
}

export interface WrittenReport {
  path: string;
  bytes: number;
  /**
   * Schema problems found in what was written (for example a NaN that JSON turned into null).
   * The file is written anyway — it is the run's evidence — but a reader will reject it, so the
   * caller should warn.
   */
  problems: string[];
}

/** Writes the report as JSON, creating parent directories; atomic, so a reader never sees half a file. */
export async function writeReportJson(path: string, report: ReadonlyReport): Promise<WrittenReport> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, json, 'utf8');
  await rename(tmp, path);
  const checked = reportSchema.safeParse(JSON.parse(json));
  return {
    path,
    bytes: Buffer.byteLength(json),
    problems: checked.success ? [] : checked.error.issues.map(describeIssue),
  };
}

/**
 * Reads and validates a report. The parsed JSON is returned as written (fields this version
 * does not know are kept), once the fields it does know have been checked.
 */
export async function readReportJson(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ReportFileError(
        'ReportNotFound',
        `report-path: no report at ${path}; the main step did not write one`,
      );
    }
    throw new ReportFileError(
      'ReportUnreadable',
      `report-path: cannot read ${path}: ${(err as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReportFileError(
      'ReportNotJson',
      `report-path: ${path} is not JSON (${(err as Error).message})`,
    );
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== 1) {
    throw new ReportFileError(
      'ReportWrongVersion',
      `report-path: ${path} has report schema ${version}; this lmi-cutover reads schema 1 (use the same version that wrote it)`,
    );
  }
  const checked = reportSchema.safeParse(data);
  if (!checked.success) {
    throw new ReportFileError(
      'ReportInvalid',
      `report-path: ${path} is not an lmi-cutover report:\n${z.prettifyError(checked.error)}`,
    );
  }
  return data as Report;
}

const describeIssue = (issue: z.core.$ZodIssue): string =>
  `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`;
