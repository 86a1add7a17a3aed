// Import first in a test file: the process looks like an LMI worker (AWS_LAMBDA_MAX_CONCURRENCY
// makes Powertools scope state per invocation) and Powertools output stays quiet unless a
// test turns the log level up. Must run before invocation-scope.ts creates the InvokeStore.
process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_REGION ??= 'us-east-1';
