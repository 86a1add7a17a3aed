// The Lambda entry for both the LMI function and its standard twin. Each invocation runs in
// its own InvokeStore context, so Powertools attributes its logs and metrics to it even
// when dozens of invocations interleave in one worker thread, and is counted in flight from
// its first step to its last (in-flight.ts), so its answer can say how many it shared with.
import { isAPIGatewayProxyEventV1, type Router } from '@aws-lambda-powertools/event-handler/http';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { InFlightCounter } from './in-flight.js';
import { runInInvocationScope } from './invocation-scope.js';
import { createRouter } from './router.js';
import type { WebhookDependencies } from './routes/webhooks.js';

export type WebhookHandler = (event: unknown, context: Context) => Promise<APIGatewayProxyResult>;

function badEvent(requestId: string, message: string): APIGatewayProxyResult {
  return {
    statusCode: 400,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ statusCode: 400, error: 'BadRequestError', message, request_id: requestId }),
  };
}

export function createHandler(deps: WebhookDependencies): WebhookHandler {
  const router: Router = createRouter(deps);
  const { logger, metrics } = deps;
  // One per handler, and app.ts builds one handler per load of this code: per worker thread.
  const inFlight = new InFlightCounter();

  return (event, context) =>
    inFlight.track(() =>
      runInInvocationScope(context.awsRequestId, async () => {
        logger.resetKeys();
        logger.addContext(context);
        metrics.captureColdStartMetric();
        try {
          if (!isAPIGatewayProxyEventV1(event)) {
            logger.warn('event is not an API Gateway REST proxy event');
            return badEvent(context.awsRequestId, 'expected an API Gateway REST (v1) proxy event');
          }
          return (await router.resolve(event, context)) as APIGatewayProxyResult;
        } catch (error) {
          // The router answers for everything inside a route; what reaches here is an event it
          // could not turn into a request at all (for example a GET carrying a body).
          logger.warn('malformed request event', { error });
          return badEvent(context.awsRequestId, `malformed request: ${(error as Error).message}`);
        } finally {
          if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
        }
      }),
    );
}
