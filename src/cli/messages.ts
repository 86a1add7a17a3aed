// The CLI adapter's own progress lines, each with a stable code.
import { message } from '../core/progress.js';

export const CLI_MESSAGES = {
  reportWritten: message('cli.report-written', 'info', 'The JSON report was written at report-path.'),
  reportSchemaProblems: message(
    'cli.report-schema-problems',
    'warn',
    'The written report does not match its schema; readers may reject it.',
  ),
  reportWriteFailed: message('cli.report-write-failed', 'warn', 'The JSON report could not be written.'),
  shardReportWritten: message(
    'cli.shard-report-written',
    'info',
    "A load shard's shard report was written at shard-report-path, for the merge.",
  ),
  shardReportWriteFailed: message(
    'cli.shard-report-write-failed',
    'error',
    "A load shard's shard report could not be written: the run fails, since the merge cannot use the shard.",
  ),
} as const;
