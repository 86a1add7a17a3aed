// How a run ends in its report, for the Action and the CLI alike: the pipeline's outcome, or
// the error — and a cutover that failed but put production back on the twin says
// `rolled-back`, so the headline tells the reader that traffic is safe before why it failed.
import { CutoverFailedError } from './traffic/cutover.js';
import { asCutoverError } from '../core/failure.js';
import type { ReportBuilder } from '../report/builder.js';
import { pipelineOutcome, type PipelineResult } from './run.js';

export function finishReport(
  report: ReportBuilder,
  end: { result: PipelineResult } | { error: unknown },
): void {
  if ('result' in end) {
    report.finish({ outcome: pipelineOutcome(end.result) });
    return;
  }
  const failure = asCutoverError(end.error);
  report.finish({
    error: { code: failure.code, message: failure.message },
    rolledBack: end.error instanceof CutoverFailedError && end.error.section.rolledBack,
  });
}
