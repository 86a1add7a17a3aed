// How the base of `max-p95-ms: auto` reads, in the log, the gate's failure and the report.
import type { LatencyBaseline } from './domain.js';

export function describeBaseline(b: LatencyBaseline): string {
  const version = `${b.side === 'lmi' ? 'LMI' : 'standard'} ${b.functionName}:${b.qualifier}`;
  const whose = b.basis === 'production' ? `production (${version})` : `the standard twin (${version})`;
  const cold = b.coldStartsKnown
    ? `${b.warm.count} warm invocation${b.warm.count === 1 ? '' : 's'}, ${b.coldStartsExcluded} cold start${b.coldStartsExcluded === 1 ? '' : 's'} left out`
    : `${b.warm.count} invocations, cold starts unknown (no REPORT lines)`;
  return (
    `auto: ${b.factor} × the warm p95 of ${whose}, ${b.warm.p95} ms (${cold}) = ${b.limitMs} ms` +
    (b.note ? `; ${b.note}` : '') +
    (b.candidateWarm ? `; the candidate's warm p95 there: ${b.candidateWarm.p95} ms (the gate's figure)` : '')
  );
}
