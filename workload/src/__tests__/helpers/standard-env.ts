// Import first in a test file: the process looks like a standard Lambda environment (one
// request at a time, no AWS_LAMBDA_MAX_CONCURRENCY), with Powertools logging at INFO.
delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.AWS_REGION ??= 'us-east-1';
