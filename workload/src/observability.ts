// Powertools Logger and Metrics, built once per environment and shared by all invocations.
// Both scope their per-request state through the InvokeStore (see invocation-scope.ts), so
// sharing the instances is safe under LMI concurrency with Powertools >= 2.36.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { ComputeType } from './config.js';
import { ENVIRONMENT_ID, WORKER_ID } from './environment.js';
import { runsConcurrently } from './invocation-scope.js';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

export function createObservability(computeType: ComputeType): Observability {
  const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'webhook';
  const logger = new Logger({
    serviceName,
    persistentKeys: { compute_type: computeType, environment_id: ENVIRONMENT_ID, worker_id: WORKER_ID },
  });
  const metrics = new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'LmiCutover',
    serviceName,
    defaultDimensions: { compute_type: computeType },
  });
  if (computeType === 'lambda-managed-instances' && !runsConcurrently()) {
    logger.warn(
      'AWS_LAMBDA_MAX_CONCURRENCY is not set on a managed-instances function: the host is not ' +
        "the LMI runtime, and log lines of concurrent requests may carry each other's request ids",
    );
  }
  return { logger, metrics };
}
