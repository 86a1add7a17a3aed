// What one shard of a sharded concurrency check leaves for the merge (`shard-report-path`): its
// share of the burst on each side as HDR histograms (merged exactly), the counts, the
// environments it saw by id (so the merge counts distinct ones across shards), the isolation
// read-back, and what `max-p95-ms: auto` needs. Written whether the shard measured or failed,
// read back through this schema, so a foreign or truncated file is never taken for a shard.
import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import type { LoadResult } from '../core/domain.js';
import type { EncodedLatencies } from '../core/latency-histogram.js';
import { LOAD_SHARD_ID } from '../config/load-shard.js';
import { loadResultSchema } from './schema.js';

export const SHARD_REPORT_KIND = 'lmi-cutover-load-shard';

interface ShardTarget {
  readonly functionName: string;
  readonly qualifier: string;
}

/** Warm answers only (no Init Duration in the REPORT line): production's side of max-p95-ms auto. */
export interface ShardWarmLatencies {
  readonly latency: EncodedLatencies;
  readonly coldStartsExcluded: number;
  /** False when no answer carried a REPORT line: cold starts could not be told apart. */
  readonly coldStartsKnown: boolean;
}

/** An environment that answered, and the worker threads it answered from ('' for an unnamed one). */
export interface EnvironmentSeen {
  readonly id: string;
  readonly workers: readonly string[];
}

/** One side's share of the burst (the LMI version's, or the twin's). */
export interface ShardSide {
  /** The shard's own figures for its share. */
  readonly result: LoadResult;
  /** Deliveries accepted (201 stored), for the merged throughput. */
  readonly accepted: number;
  /** Every answered request, errors included: what the check's percentiles count. */
  readonly latency: EncodedLatencies;
  readonly warm: ShardWarmLatencies;
  /** Absent when the answers do not say where they ran. */
  readonly environments?: readonly EnvironmentSeen[];
  /** Epoch ms around the burst, by this runner's clock. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** The isolation check's first problems, each naming its delivery. */
  readonly isolationProblems: readonly string[];
  /** Mean of the function's own duration (REPORT lines), when the log tail had one. */
  readonly meanFunctionDurationMs?: number;
}

/** What max-p95-ms auto compares with, as this shard found it (pipeline/verify/baseline.ts). */
export interface ShardBaseline {
  readonly basis: 'production' | 'twin';
  readonly note?: string;
  /** The version whose warm latency sets the limit. */
  readonly target: ShardTarget & { readonly side: 'lmi' | 'standard' };
  /**
   * Where that latency is: one of the check's own sides; `burst`, every shard's share of a burst
   * at production's standard version; `light`, production being an LMI version, shard 1's light
   * sample with the candidate's at the same load (the other shards send none: together they
   * would not be light).
   */
  readonly from: 'lmi' | 'standard' | 'burst' | 'light';
  /** The requests this shard sent production (and, `light`, the candidate at the same load). */
  readonly burst?: {
    readonly concurrency: number;
    readonly requests: number;
    readonly warm: ShardWarmLatencies;
    readonly candidateWarm?: EncodedLatencies;
  };
}

export interface ShardMeasurement {
  /** This shard's check traffic: its delivery ids start `lmi-cutover.<runId>.`. */
  readonly runId: string;
  /** The versions every shard must have sent to. */
  readonly candidate: { readonly lmi: ShardTarget; readonly standard: ShardTarget };
  /** The whole check's size, the same in every shard. */
  readonly sizing: { readonly concurrency: number; readonly requests: number };
  /** This shard's part of it. */
  readonly share: { readonly concurrency: number; readonly requests: number };
  readonly lmi: ShardSide;
  readonly standard: ShardSide;
  /** Absent when the shard ran with a numeric max-p95-ms. */
  readonly baseline?: ShardBaseline;
}

export interface ShardReport {
  readonly kind: typeof SHARD_REPORT_KIND;
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'lmi-cutover'; readonly version: string };
  /** The check this is a shard of: its id, this shard's number (from 1) and how many there are. */
  readonly check: { readonly id: string; readonly shard: number; readonly shards: number };
  readonly stackName: string;
  readonly region: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** `failed`: the shard could not send its share; the merge refuses the check. */
  readonly outcome: 'measured' | 'failed';
  readonly error?: { readonly code: string; readonly message: string };
  /** Set when measured. */
  readonly measurement?: ShardMeasurement;
}

/** A shard report from what a shard run knows at its end: its measurement, or why it has none. */
export function shardReport(init: {
  readonly check: ShardReport['check'];
  readonly stackName: string;
  readonly region: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly end:
    { readonly measurement: ShardMeasurement } | { readonly error: { code: string; message: string } };
}): ShardReport {
  const { end, ...rest } = init;
  return {
    kind: SHARD_REPORT_KIND,
    schemaVersion: 1,
    tool: { name: 'lmi-cutover', version: pkg.version },
    ...rest,
    ...('measurement' in end
      ? { outcome: 'measured', measurement: end.measurement }
      : { outcome: 'failed', error: end.error }),
  };
}

const encoded = z.object({
  histogram: z.string(),
  count: z.number().int().nonnegative(),
  sumMs: z.number().nonnegative(),
  maxMs: z.number().nonnegative(),
});
const warm = z.object({
  latency: encoded,
  coldStartsExcluded: z.number().int().nonnegative(),
  coldStartsKnown: z.boolean(),
});
const target = z.object({ functionName: z.string().min(1), qualifier: z.string().min(1) });
const side = z.object({
  result: loadResultSchema,
  accepted: z.number().int().nonnegative(),
  latency: encoded,
  warm,
  environments: z.array(z.object({ id: z.string().min(1), workers: z.array(z.string()) })).optional(),
  startedAt: z.number(),
  endedAt: z.number(),
  isolationProblems: z.array(z.string()),
  meanFunctionDurationMs: z.number().optional(),
});
const share = z.object({ concurrency: z.number().int().positive(), requests: z.number().int().positive() });

export const shardReportSchema = z
  .object({
    kind: z.literal(SHARD_REPORT_KIND),
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.literal('lmi-cutover'), version: z.string() }),
    check: z.object({
      id: z.string().regex(LOAD_SHARD_ID),
      shard: z.number().int().positive(),
      shards: z.number().int().positive(),
    }),
    stackName: z.string().min(1),
    region: z.string().min(1),
    startedAt: z.string().min(1),
    finishedAt: z.string().min(1),
    outcome: z.enum(['measured', 'failed']),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    measurement: z
      .object({
        runId: z.string().min(1),
        candidate: z.object({ lmi: target, standard: target }),
        sizing: share,
        share,
        lmi: side,
        standard: side,
        baseline: z
          .object({
            basis: z.enum(['production', 'twin']),
            note: z.string().optional(),
            target: target.extend({ side: z.enum(['lmi', 'standard']) }),
            from: z.enum(['lmi', 'standard', 'burst', 'light']),
            burst: z
              .object({
                concurrency: z.number().int().nonnegative(),
                requests: z.number().int().nonnegative(),
                warm,
                candidateWarm: encoded.optional(),
              })
              .optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .refine((r) => (r.outcome === 'measured') === (r.measurement !== undefined), {
    message: 'a measured shard carries its measurement, and a failed one none',
  })
  .refine((r) => r.check.shard <= r.check.shards, { message: 'check.shard is above check.shards' });

// Compile-time check both ways, as schema.ts does for the report.
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type DeepMutable<T> = T extends readonly (infer E)[]
  ? DeepMutable<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;
const _schemaMatchesModel: Mutual<z.infer<typeof shardReportSchema>, DeepMutable<ShardReport>> = true;
void _schemaMatchesModel;
