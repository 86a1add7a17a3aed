// The line under the concurrency check of a sharded check (load.shards): a shard's report says
// its figures are one share and were not judged; the merge's says how the shards were added up
// and how much of the span they all ran at once — below 90 %, as a warning.
import type { DeepReadonly, LoadShardsSection } from './model.js';

/** Below this share of their span with every shard sending, the shards were not one burst. */
const AT_ONCE_WARNING = 0.9;

export function shardsNote(
  section: DeepReadonly<LoadShardsSection> | undefined,
): { readonly text: string; readonly warning: boolean } | undefined {
  if (!section) return undefined;
  const { id, count } = section;
  if (section.shard !== undefined) {
    return {
      text:
        `Shard ${section.shard} of ${count} of sharded check ${id}: these figures are this run's share only, ` +
        `and no gate was applied. Mode merge adds up the ${count} shards and judges the whole check.`,
      warning: false,
    };
  }
  const at = section.allAtOnce;
  const percent = (f: number) => `${Math.round(f * 100)} %`;
  const once = at
    ? ` Every shard was sending for ${percent(at.lmi)} of the LMI burst's span${at.standard === undefined ? '' : ` and ${percent(at.standard)} of the twin's`}.`
    : '';
  const low = at !== undefined && Math.min(at.lmi, at.standard ?? 1) < AT_ONCE_WARNING;
  return {
    text:
      `Merged from ${count} shards of sharded check ${id}: percentiles from their latency histograms added up exactly, ` +
      `counts summed, environments counted once by id.${once}` +
      (low ? ' For the rest of the span fewer requests than the concurrency shown were in flight.' : ''),
    warning: low,
  };
}
