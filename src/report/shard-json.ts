// Shard reports on disk: a shard writes its own at `shard-report-path`; the merge reads every one
// under `shards-path` (the matrix's artifacts, one sub-folder each). Unlike the waves' folder,
// nothing else belongs there: a file that is not a valid shard report is a problem, never
// skipped, since a shard that cannot be read is not a shard that passed.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { encodedLatenciesProblem } from '../core/latency-histogram.js';
import { SHARD_REPORT_KIND, shardReportSchema, type ShardReport } from './shard-report.js';

/** Writes the shard report as JSON, creating parent directories; atomic, so a reader never sees half a file. */
export async function writeShardReportJson(
  path: string,
  report: ShardReport,
): Promise<{ path: string; bytes: number }> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, json, 'utf8');
  await rename(tmp, path);
  return { path, bytes: Buffer.byteLength(json) };
}

export interface ReadShard {
  /** Relative to the directory read. */
  readonly file: string;
  readonly report: ShardReport;
}

export interface ShardReportsRead {
  readonly shards: ReadShard[];
  /** Every file that is not a readable shard report, and a directory with none: each one line. */
  readonly problems: string[];
}

export async function readShardReports(dir: string): Promise<ShardReportsRead> {
  let files: string[];
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    files = entries
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      shards: [],
      problems: [
        code === 'ENOENT'
          ? `${dir} does not exist: no shard was downloaded there`
          : `${dir} cannot be read: ${(e as Error).message}`,
      ],
    };
  }
  const read: ShardReportsRead = { shards: [], problems: [] };
  if (files.length === 0) read.problems.push(`${dir} holds no .json file: no shard report to merge`);
  for (const path of files) {
    const file = relative(dir, path);
    const one = await readOne(path);
    if (typeof one === 'string') read.problems.push(`${file}: ${one}`);
    else read.shards.push({ file, report: one });
  }
  return read;
}

/** The shard report at `path`, or why it is not one. */
async function readOne(path: string): Promise<ShardReport | string> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    return `not a JSON file (${e instanceof Error ? e.message : String(e)})`;
  }
  const claims = data as { kind?: unknown; schemaVersion?: unknown } | null;
  if (claims?.kind !== SHARD_REPORT_KIND)
    return `not a shard report (its kind is ${JSON.stringify(claims?.kind ?? null)}, not ${SHARD_REPORT_KIND})`;
  if (claims.schemaVersion !== 1)
    return `shard report schema ${JSON.stringify(claims.schemaVersion)}; this lmi-cutover reads schema 1 (merge with the version the shards ran)`;
  const checked = shardReportSchema.safeParse(data);
  if (!checked.success) return `not a valid shard report:\n${z.prettifyError(checked.error)}`;
  const report = checked.data as ShardReport;
  const m = report.measurement;
  if (m) {
    for (const [name, part] of [
      ['LMI', m.lmi.latency],
      ['LMI warm', m.lmi.warm.latency],
      ['twin', m.standard.latency],
      ['twin warm', m.standard.warm.latency],
      ...(m.baseline?.burst ? [['baseline', m.baseline.burst.warm.latency] as const] : []),
      ...(m.baseline?.burst?.candidateWarm ? [['paired', m.baseline.burst.candidateWarm] as const] : []),
    ] as const) {
      const problem = encodedLatenciesProblem(part);
      if (problem) return `${name}: ${problem}`;
    }
  }
  return report;
}
