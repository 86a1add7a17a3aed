// Shard reports made up for the merge's tests: each side's latencies given (or drawn from a
// seeded generator), everything else derived from them as a shard run derives it.
import { encodeLatencies } from '../../src/core/latency-histogram.js';
import { summarizeLatencies } from '../../src/core/stats.js';
import { evenShare } from '../../src/pipeline/verify/shards/split.js';
import {
  shardReport,
  type ShardBaseline,
  type ShardReport,
  type ShardSide,
} from '../../src/report/shard-report.js';

export const SHARD_STACK = 'webhook-test';
export const CHECK_ID = '8812-1';
const SIZING = { concurrency: 10, requests: 100 };
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Latencies in ms, seeded (mulberry32), with a long tail like a real burst's. */
export function latencies(count: number, seed: number): number[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => Math.round((8 + 40 * next() + 400 * next() ** 6) * 1000) / 1000);
}

interface SideInit {
  readonly latencies: readonly number[];
  readonly errors?: number;
  readonly throttles?: number;
  /** Environment id → its worker ids. */
  readonly environments?: Readonly<Record<string, readonly string[]>>;
  readonly peak?: number;
  /** Latencies (by index) of cold starts. */
  readonly cold?: readonly number[];
  readonly window?: readonly [number, number];
  readonly isolationProblems?: readonly string[];
}

function fakeSide(
  side: 'lmi' | 'standard',
  concurrency: number,
  init: SideInit,
  qualifier = side === 'lmi' ? '4' : '3',
): ShardSide {
  const errors = init.errors ?? 0;
  const throttles = init.throttles ?? 0;
  const requests = init.latencies.length + throttles;
  const cold = new Set(init.cold ?? []);
  const warm = init.latencies.filter((_, i) => !cold.has(i));
  const envs = init.environments ?? { [`${side}-env-1`]: ['w1'] };
  const accepted = init.latencies.length - errors;
  const passed = (init.isolationProblems ?? []).length === 0;
  const [startedAt, endedAt] = init.window ?? [T0, T0 + 4000];
  return {
    result: {
      target: side,
      functionName: side === 'lmi' ? 'webhook-lmi' : 'webhook-standard',
      qualifier,
      concurrency,
      requests,
      latency: summarizeLatencies(init.latencies),
      throughputRps: Math.round((accepted / ((endedAt - startedAt) / 1000)) * 100) / 100,
      errors,
      errorRate: errors / requests,
      throttles,
      throttleRate: throttles / requests,
      environments: Object.keys(envs).length,
      peakInFlightPerEnvironment: init.peak ?? 2,
      peakInFlightSource: Object.values(envs).every((w) => w.length === 1)
        ? 'function'
        : 'function-per-worker',
      coldStarts: cold.size,
      isolation: {
        passed,
        mismatchedIds: passed ? 0 : 1,
        stored: accepted,
        expectedStored: accepted,
        duplicates: 0,
      },
      wallMs: endedAt - startedAt,
    },
    accepted,
    latency: encodeLatencies(init.latencies),
    warm: {
      latency: encodeLatencies(warm),
      coldStartsExcluded: cold.size,
      coldStartsKnown: true,
    },
    environments: Object.entries(envs).map(([id, workers]) => ({ id, workers: [...workers] })),
    startedAt,
    endedAt,
    isolationProblems: [...(init.isolationProblems ?? [])],
  };
}

export interface ShardInit {
  readonly index: number;
  readonly count?: number;
  readonly id?: string;
  readonly stackName?: string;
  readonly lmi?: Partial<SideInit>;
  readonly standard?: Partial<SideInit>;
  readonly lmiQualifier?: string;
  readonly sizing?: { readonly concurrency: number; readonly requests: number };
  /** Default: the twin stands in for production (from 'standard'). */
  readonly baseline?: ShardBaseline | null;
  readonly failed?: { readonly code: string; readonly message: string };
}

/** Shard `index` of `count` (3) of check CHECK_ID, its share of SIZING measured. */
export function fakeShard(init: ShardInit): ShardReport {
  const count = init.count ?? 3;
  const sizing = init.sizing ?? SIZING;
  const shard = { index: init.index, count };
  const share = {
    concurrency: evenShare(sizing.concurrency, shard),
    requests: evenShare(sizing.requests, shard),
  };
  const common = {
    check: { id: init.id ?? CHECK_ID, shard: init.index, shards: count },
    stackName: init.stackName ?? SHARD_STACK,
    region: 'eu-west-1',
    startedAt: new Date(T0 - 60_000).toISOString(),
    finishedAt: new Date(T0 + 10_000).toISOString(),
  };
  if (init.failed) return shardReport({ ...common, end: { error: init.failed } });
  const side = (which: 'lmi' | 'standard', seed: number, more: Partial<SideInit> = {}) =>
    fakeSide(
      which,
      share.concurrency,
      { latencies: latencies(share.requests, seed), ...more },
      which === 'lmi' ? (init.lmiQualifier ?? '4') : '3',
    );
  const baseline: ShardBaseline | undefined =
    init.baseline === null
      ? undefined
      : (init.baseline ?? {
          basis: 'production',
          target: { side: 'standard', functionName: 'webhook-standard', qualifier: '3' },
          from: 'standard',
        });
  return shardReport({
    ...common,
    end: {
      measurement: {
        runId: `r${init.index}-s${init.index}of${count}`,
        candidate: {
          lmi: { functionName: 'webhook-lmi', qualifier: init.lmiQualifier ?? '4' },
          standard: { functionName: 'webhook-standard', qualifier: '3' },
        },
        sizing,
        share,
        lmi: side('lmi', 100 + init.index, init.lmi),
        standard: side('standard', 200 + init.index, init.standard),
        ...(baseline ? { baseline } : {}),
      },
    },
  });
}
