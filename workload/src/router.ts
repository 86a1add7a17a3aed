// The REST router: two routes, and one error renderer so every failure is a JSON body with
// a proper status and the request id, never a bare 500.
import {
  HttpError,
  MethodNotAllowedError,
  NotFoundError,
  Router,
} from '@aws-lambda-powertools/event-handler/http';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { retryAfterOf } from './errors.js';
import { health } from './routes/health.js';
import { receiveWebhook, type WebhookDependencies } from './routes/webhooks.js';

/** Methods each path answers, for 405 + Allow instead of a misleading 404. */
const ALLOWED_METHODS: Record<string, string> = { '/webhooks': 'POST', '/health': 'GET' };

function jsonError(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers });
}

export function createRouter(deps: WebhookDependencies): Router {
  const { logger } = deps;
  const app = new Router({ logger });

  app.post('/webhooks', async ({ event, req, context }) =>
    receiveWebhook(event as APIGatewayProxyEvent, req.headers, context, deps),
  );
  app.get('/health', async ({ context }) => health(context, deps.computeType));

  app.errorHandler(Error, async (error, { req, context }) => {
    const requestId = context.awsRequestId;
    const path = new URL(req.url).pathname.replace(/\/+$/, '') || '/';
    const allow = ALLOWED_METHODS[path];
    if (error instanceof NotFoundError && allow) {
      error = new MethodNotAllowedError(`${req.method} is not allowed on ${path}; use ${allow}`);
    }
    if (error instanceof HttpError) {
      const status = error.statusCode;
      const log = status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
      log('request rejected', { status, error: error.errorType, reason: error.message, cause: error.cause });
      const headers: Record<string, string> = {};
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
      if (error instanceof MethodNotAllowedError && allow) headers.allow = allow;
      return jsonError(
        status,
        { ...(error.toJSON() as Record<string, unknown>), request_id: requestId },
        headers,
      );
    }
    // A bug, not a dependency failure: say so honestly with a 500.
    logger.error('unhandled error', error);
    return jsonError(500, {
      statusCode: 500,
      error: 'InternalServerError',
      message: 'unexpected error; the request id locates it in the logs',
      request_id: requestId,
    });
  });
  return app;
}
