// CloudWatch statistics over a period's samples: SampleCount, Sum, Average, Minimum, Maximum
// and percentiles pNN / pNN.NN. CloudWatch computes percentiles from its own (approximate)
// distribution; the emulator keeps every sample and uses the nearest-rank percentile.

export const SIMPLE_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type SimpleStatistic = (typeof SIMPLE_STATISTICS)[number];

const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)$/;

export const isSimpleStatistic = (s: string): s is SimpleStatistic =>
  (SIMPLE_STATISTICS as readonly string[]).includes(s);
export const isPercentile = (s: string): boolean => PERCENTILE.test(s);
export const isStatistic = (s: string): boolean => isSimpleStatistic(s) || isPercentile(s);

function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** The statistic's value over non-empty samples. */
export function computeStatistic(stat: string, samples: number[]): number {
  switch (stat) {
    case 'SampleCount':
      return samples.length;
    case 'Sum':
      return samples.reduce((a, b) => a + b, 0);
    case 'Average':
      return samples.reduce((a, b) => a + b, 0) / samples.length;
    case 'Minimum':
      return Math.min(...samples);
    case 'Maximum':
      return Math.max(...samples);
    default: {
      if (!isPercentile(stat)) throw new Error(`not a statistic: ${stat}`);
      return percentile(
        [...samples].sort((a, b) => a - b),
        Number(stat.slice(1)),
      );
    }
  }
}

/** Periods CloudWatch accepts: 1, 5, 10, 30 (high resolution) or a multiple of 60. */
export const isValidPeriod = (p: number): boolean =>
  Number.isInteger(p) && (p >= 60 ? p % 60 === 0 : [1, 5, 10, 30].includes(p));
