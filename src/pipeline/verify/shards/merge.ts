// The merge of a sharded concurrency check: every shard report of one check, or a refusal that
// names each problem — a shard of 1..N missing or given twice, a shard that failed, a file that
// is not a valid shard report, shards of another check, stack, candidate, size or region. Only
// then are the shards added up, side by side, into the figures one runner would have reported
// (merge-side.ts), with production's latency for max-p95-ms auto (merge-baseline.ts).
import type { LatencyBaseline } from '../../../core/domain.js';
import { CutoverError } from '../../../core/errors.js';
import type { ReadShard, ShardReportsRead } from '../../../report/shard-json.js';
import type { ShardMeasurement } from '../../../report/shard-report.js';
import type { LoadSizing } from '../load.js';
import { baselineProblem, mergeBaseline } from './merge-baseline.js';
import { mergeSide, type MergedSide } from './merge-side.js';
import { evenShare } from './split.js';

export interface MergedCheck {
  readonly id: string;
  readonly count: number;
  readonly stackName: string;
  readonly region: string;
  readonly sizing: LoadSizing;
  readonly lmi: MergedSide;
  readonly standard: MergedSide;
  /** Set when every shard measured production's latency (max-p95-ms auto). */
  readonly baseline?: LatencyBaseline;
  /** Why there is no baseline. */
  readonly baselineMissing?: string;
}

interface Measured {
  readonly shard: number;
  readonly count: number;
  readonly file: string;
  readonly measurement: ShardMeasurement;
}

/** The shards added up; SHARDS_REFUSED with every problem when they are not one whole check. */
export function mergeShards(
  read: ShardReportsRead,
  expected: { readonly stackName: string; readonly dir: string },
): MergedCheck {
  const problems = [...read.problems, ...wholeCheckProblems(read.shards, expected.stackName)];
  const measured: Measured[] = read.shards.flatMap(({ file, report }) =>
    report.measurement
      ? [{ shard: report.check.shard, count: report.check.shards, file, measurement: report.measurement }]
      : [],
  );
  if (problems.length === 0) problems.push(...sameCandidateProblems(measured));
  if (problems.length > 0 || measured.length === 0) {
    throw new CutoverError(
      'SHARDS_REFUSED',
      `The shard reports in ${expected.dir} are not one whole sharded check, so nothing is judged: ` +
        'every shard of 1..N must have measured the same candidate, and each once.',
      problems,
    );
  }
  const first = read.shards[0]!.report;
  const byShard = [...measured].sort((a, b) => a.shard - b.shard);
  const side = (k: 'lmi' | 'standard') =>
    mergeSide(byShard.map((m) => ({ shard: m.shard, side: m.measurement[k] })));
  const baseline = mergeBaseline(byShard);
  return {
    id: first.check.id,
    count: first.check.shards,
    stackName: first.stackName,
    region: first.region,
    sizing: byShard[0]!.measurement.sizing,
    lmi: side('lmi'),
    standard: side('standard'),
    ...('baseline' in baseline ? { baseline: baseline.baseline } : { baselineMissing: baseline.missing }),
  };
}

/** One check id, one N, every shard of 1..N once, none failed, all of this stack. */
function wholeCheckProblems(shards: readonly ReadShard[], stackName: string): string[] {
  if (shards.length === 0) return [];
  const problems: string[] = [];
  const ids = groupBy(shards, (s) => s.report.check.id);
  if (ids.size > 1)
    problems.push(
      `the shards belong to ${ids.size} checks (${describeGroups(ids)}): shards sent at different times are not one burst; run every shard of one check together (re-run all the shard jobs, not some)`,
    );
  const counts = groupBy(shards, (s) => String(s.report.check.shards));
  if (counts.size > 1)
    problems.push(`the shards disagree on how many there are (${describeGroups(counts, 'N = ')})`);
  for (const s of shards)
    if (s.report.stackName !== stackName)
      problems.push(`${s.file}: a shard of stack ${s.report.stackName}, not ${stackName}`);
  const count = Math.max(...shards.map((s) => s.report.check.shards));
  const byIndex = groupBy(shards, (s) => String(s.report.check.shard));
  for (let i = 1; i <= count; i++) {
    const found = byIndex.get(String(i)) ?? [];
    if (found.length === 0)
      problems.push(
        `shard ${i}/${count} is missing: no report of it (its job failed before writing one, was cancelled, or its artifact was not downloaded)`,
      );
    if (found.length > 1)
      problems.push(
        `shard ${i}/${count} is given ${found.length} times (${found.map((f) => f.file).join(', ')})`,
      );
  }
  for (const s of shards)
    if (s.report.outcome === 'failed')
      problems.push(
        `shard ${s.report.check.shard}/${s.report.check.shards} failed (${s.file}): [${s.report.error?.code ?? 'UNKNOWN'}] ${s.report.error?.message ?? 'no error recorded'}`,
      );
  return problems;
}

/** The same candidate versions, size, region and production baseline; each share the split's. */
function sameCandidateProblems(measured: readonly Measured[]): string[] {
  const problems: string[] = [];
  const candidates = groupBy(
    measured,
    ({ measurement: { candidate: c } }) =>
      `LMI ${c.lmi.functionName}:${c.lmi.qualifier}, twin ${c.standard.functionName}:${c.standard.qualifier}`,
  );
  if (candidates.size > 1)
    problems.push(
      `the shards measured different candidates (${describeGroups(candidates)}): the stack was deployed again while they ran`,
    );
  const sizes = groupBy(
    measured,
    ({ measurement: { sizing } }) => `concurrency ${sizing.concurrency}, ${sizing.requests} requests`,
  );
  if (sizes.size > 1)
    problems.push(
      `the shards split different checks (${describeGroups(sizes)}): give every shard the same concurrency and load-requests`,
    );
  for (const m of measured) {
    const shard = { index: m.shard, count: m.count };
    const want = {
      concurrency: evenShare(m.measurement.sizing.concurrency, shard),
      requests: evenShare(m.measurement.sizing.requests, shard),
    };
    const got = m.measurement.share;
    if (got.concurrency !== want.concurrency || got.requests !== want.requests)
      problems.push(
        `${m.file}: shard ${m.shard} sent ${got.concurrency} in flight and ${got.requests} requests, not its share (${want.concurrency}, ${want.requests})`,
      );
  }
  const baseline = baselineProblem(measured);
  if (baseline) problems.push(baseline);
  return problems;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** `A (shards 1, 2); B (shard 3)`. */
function describeGroups(
  groups: ReadonlyMap<string, readonly ({ report: { check: { shard: number } } } | { shard: number })[]>,
  prefix = '',
): string {
  const shardOf = (x: { report: { check: { shard: number } } } | { shard: number }) =>
    'shard' in x ? x.shard : x.report.check.shard;
  return [...groups]
    .map(([key, members]) => {
      const numbers = members.map(shardOf).sort((a, b) => a - b);
      return `${prefix}${key} (shard${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')})`;
    })
    .join('; ');
}
