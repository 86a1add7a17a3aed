// The one-line warning under the concurrency check when the load generator, not the function,
// may have set the pace (LoadResult.generatorLimited): the figures are shown, with this.
import type { LoadResult } from '../core/domain.js';

/** One line per side the generator limited; none when it kept up. */
export function generatorWarnings(lmi: LoadResult, twin: LoadResult | undefined): string[] {
  return [
    ['LMI', lmi],
    ['standard twin', twin],
  ].flatMap(([label, r]) => {
    const g = (r as LoadResult | undefined)?.generatorLimited;
    if (!g) return [];
    return [
      `Load generator limited (${label as string}): ${g.reason} (event loop ${Math.round(g.eventLoopBusy * 100)} % busy, ` +
        (g.eventLoopDelayMs === undefined ? '' : `up to ${g.eventLoopDelayMs} ms late, `) +
        `${g.cpuMsPerRequest} ms CPU per request); these latencies are an upper bound, not the function's own.`,
    ];
  });
}
