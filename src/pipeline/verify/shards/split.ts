// How a concurrency check is split over its shards: each gets ⌊total/N⌋ requests in flight and
// the first (total mod N) shards one more, so the shares add up to the check exactly and differ
// by at most one; the requests are split the same way. Every shard computes its own share from
// the same whole, so the shards agree without talking to each other.
import type { LoadShard } from '../../../config/load-shard.js';
import { CutoverError } from '../../../core/errors.js';
import type { LoadSizing } from '../load.js';

/** Shard `index`'s part of `total` split over `count` shards. */
export const evenShare = (total: number, { index, count }: LoadShard): number =>
  Math.floor(total / count) + (index <= total % count ? 1 : 0);

/** This shard's concurrency and requests; refused when a shard would have none of either. */
export function shardShare(total: LoadSizing, shard: LoadShard): LoadSizing {
  const short = (['concurrency', 'requests'] as const).filter((k) => total[k] < shard.count);
  if (short.length > 0) {
    const what = short.map((k) => `${k === 'requests' ? 'load-requests' : k} ${total[k]}`).join(' and ');
    throw new CutoverError(
      'INVALID_INPUT',
      `${what} cannot be split over ${shard.count} shards: every shard needs at least one request in flight and one to send. ` +
        'Raise them, or run fewer shards.',
    );
  }
  return { concurrency: evenShare(total.concurrency, shard), requests: evenShare(total.requests, shard) };
}
