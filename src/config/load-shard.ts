// A sharded concurrency check: when one runner cannot keep thousands of requests in flight, N
// runs (a GitHub Actions matrix) each send their share, `load-shard: i/N`, against the same
// deployed candidate, and `mode: merge` adds the shards up. The shards of one check share an id
// that the merge holds them to: shards measured at different times are not one burst.

/** A matrix runs at most 256 jobs, and a check no runner can send alone needs no more. */
export const MAX_LOAD_SHARDS = 256;

/** Which share of the check this run sends: shard `index` (from 1) of `count`. */
export interface LoadShard {
  readonly index: number;
  readonly count: number;
}

/** This run's shard, the id of the check it belongs to, and when every shard starts sending. */
export interface LoadShardConfig extends LoadShard {
  readonly id: string;
  /** Epoch ms; undefined: the shard sends as soon as it is ready. */
  readonly startAt?: number;
}

/**
 * The shared start, as Unix seconds or an ISO 8601 time with its zone: a matrix's jobs start
 * when runners are free, seconds or minutes apart, so shards that each sent when ready would
 * rarely be in flight together. Undefined when it is neither.
 */
export function parseStartAt(text: string): number | undefined {
  const v = text.trim();
  if (/^\d{9,11}$/.test(v)) return Number(v) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Letters, digits, `_`, `-`, `.`: it names files and is printed in reports. */
export const LOAD_SHARD_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `i/N`, or why it is not one. */
export function parseLoadShard(text: string): LoadShard | { readonly problem: string } {
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text.trim());
  if (!m) return { problem: 'not of the form i/N' };
  const [index, count] = [Number(m[1]), Number(m[2])];
  if (count < 1 || count > MAX_LOAD_SHARDS)
    return { problem: `N must be between 1 and ${MAX_LOAD_SHARDS} (a matrix runs at most that many jobs)` };
  if (index < 1 || index > count) return { problem: `i must be between 1 and N (${count})` };
  return { index, count };
}

/**
 * The id every shard of one workflow run shares: the run and its attempt. A re-run of some
 * shards gets another attempt, so the merge refuses to add them to shards measured earlier.
 */
export function loadShardIdFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const run = env.GITHUB_RUN_ID?.trim();
  if (!run) return undefined;
  return `${run}-${env.GITHUB_RUN_ATTEMPT?.trim() || '1'}`;
}

export const shardLabel = (s: LoadShard): string => `shard ${s.index}/${s.count}`;
