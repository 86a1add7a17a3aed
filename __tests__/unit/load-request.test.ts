// A checks file's load request as the concurrency check: the proxy event the smoke checks build,
// fired at both candidates by number, each answer judged by `load.expect`; throttles apart from
// errors; no environments and no isolation figures invented for an app that reports neither.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { runChecksLoad } from '../../src/pipeline/verify/checks/load.js';
import { sentRequest } from '../../src/pipeline/verify/load/sample.js';
import { describeFigures } from '../../src/pipeline/verify/load/summary.js';
import { appStackFromOutputs } from '../../src/pipeline/webhook/workload-stack.js';
import { awsError, testContext, type TestContext } from './support.js';
import { routeInvocations, workloadOutputs, type FakeHandler } from './workload-lambda.js';

const lambda = mockClient(LambdaClient);
let ctx: TestContext;
beforeEach(() => {
  lambda.reset();
  ctx = testContext({ mode: 'verify' });
});

const stack = appStackFromOutputs('orders', workloadOutputs('unused'));
const proxyResult = (statusCode: number, body: unknown) => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
/** An app that answers 201 with the order, but as `fail(n)` says for its n-th request. */
function orders(fail: (n: number) => FakeHandler | undefined): FakeHandler {
  let served = 0;
  return async (event, requestId) => {
    const failure = fail(++served);
    if (failure) return failure(event, requestId);
    const e = event as { body: string; pathParameters: { id: string } };
    return proxyResult(201, { id: e.pathParameters.id, ...(JSON.parse(e.body) as object) });
  };
}

const options = (requests: number) => ({
  stack,
  region: 'us-east-1',
  load: {
    request: { method: 'PUT' as const, path: '/orders/42', body: { sku: 'L-1' } },
    expect: { status: 201, json: { id: '42' } },
  },
  routes: ['/orders', '/orders/{id}'],
  concurrency: 4,
  requests,
});

describe('runChecksLoad', () => {
  it('fires the load request at both candidates, counting as errors the answers load.expect rejects', async () => {
    const calls = routeInvocations(lambda, {
      'webhook-lmi:7': {
        version: '7',
        // Every 4th answer is a 500: the LMI side has 4 errors in 16.
        handler: orders((n) => (n % 4 === 0 ? async () => proxyResult(500, { message: 'boom' }) : undefined)),
      },
      'webhook-standard:3': { version: '3', coldStarts: 2, handler: orders(() => undefined) },
    });
    const result = await runChecksLoad(ctx, options(16));
    expect(result.lmi.result).toMatchObject({
      target: 'lmi',
      functionName: 'webhook-lmi',
      qualifier: '7',
      concurrency: 4,
      requests: 16,
      errors: 4,
      errorRate: 0.25,
      throttles: 0,
      coldStarts: 0,
    });
    expect(result.standard.result).toMatchObject({
      target: 'standard',
      qualifier: '3',
      errors: 0,
      coldStarts: 2,
    });
    for (const run of [result.lmi, result.standard]) {
      // Every request answered and timed, errors included; the REPORT lines' duration.
      expect(run.result.latency.count).toBe(16);
      expect(run.meanFunctionDurationMs).toBe(12.5);
      // Nothing the app cannot tell: no environments, no isolation.
      expect(run.result).not.toHaveProperty('environments');
      expect(run.result).not.toHaveProperty('peakInFlightPerEnvironment');
      expect(run.result).not.toHaveProperty('peakInFlightSource');
      expect(run.result).not.toHaveProperty('isolation');
    }
    expect(result.lmi.burst.samples.filter((s) => !s.accepted).map((s) => s.error)).toEqual(
      Array(4).fill('status 500, not 201; $.id is absent'),
    );
    // The stage's proxy event, routed on the template's API, each with its own request id.
    expect(calls).toHaveLength(32);
    const event = calls[0]!.event as {
      httpMethod: string;
      resource: string;
      pathParameters: unknown;
      requestContext: { requestId: string; resourcePath: string };
    };
    expect(event).toMatchObject({
      httpMethod: 'PUT',
      resource: '/orders/{id}',
      pathParameters: { id: '42' },
      requestContext: { resourcePath: '/orders/{id}' },
    });
    const requestIds = calls.map((c) => (c.event.requestContext as { requestId: string }).requestId);
    expect(new Set(requestIds).size).toBe(32);
    expect(calls.every((c) => c.logType === 'Tail')).toBe(true);
    expect(ctx.progress.lines).toEqual(
      expect.arrayContaining([
        'webhook-lmi:7: 16 × PUT /orders/42, 4 in flight (LMI version)',
        'webhook-standard:3: 16 × PUT /orders/42, 4 in flight (standard twin)',
        '  e.g. load.lmi.4: status 500, not 201; $.id is absent',
      ]),
    );
    expect(ctx.progress.codes.at(-1)).toBe('verify.isolation-not-applicable');
  });

  it('counts throttles apart from errors, and a function error as an error', async () => {
    routeInvocations(lambda, {
      'webhook-lmi:7': {
        version: '7',
        functionErrorOnThrow: true,
        handler: orders((n) =>
          n <= 2
            ? async () => {
                throw awsError('TooManyRequestsException', 'Rate exceeded', 429);
              }
            : n === 3
              ? async () => {
                  throw new TypeError('cannot read sku');
                }
              : undefined,
        ),
      },
      'webhook-standard:3': { version: '3', handler: orders(() => undefined) },
    });
    const { lmi } = await runChecksLoad(ctx, { ...options(8), concurrency: 1 });
    expect(lmi.result).toMatchObject({
      requests: 8,
      throttles: 2,
      throttleRate: 0.25,
      errors: 1,
      errorRate: 0.125,
    });
    // Throttled requests got no answer to time; the function error did.
    expect(lmi.result.latency.count).toBe(6);
    expect(lmi.burst.samples[2]).toMatchObject({
      outcome: 'function-error',
      accepted: false,
      error: 'TypeError: cannot read sku',
    });
  });
});

describe('sentRequest', () => {
  const invocation = { invocationId: 'inv-1', durationMs: 3, initDurationMs: 100 };

  it('accepts an answer only when the verdict does, and takes no ids the body does not carry', () => {
    const answer = { statusCode: 200, headers: {}, rawBody: '{}', json: {} };
    const ok = sentRequest('r1', { kind: 'answered', answer, latencyMs: 5, invocation }, { accepted: true });
    expect(ok).toMatchObject({ id: 'r1', accepted: true, statusCode: 200, coldStart: true, durationMs: 3 });
    expect(ok.environmentId).toBeUndefined();
    const rejected = sentRequest(
      'r2',
      { kind: 'answered', answer, latencyMs: 5 },
      { accepted: false, error: 'status 200, not 201' },
    );
    expect(rejected).toMatchObject({ accepted: false, error: 'status 200, not 201', coldStart: false });
  });

  it('never accepts what is not an answer, whatever the verdict', () => {
    const verdict = { accepted: true };
    expect(
      sentRequest('r', { kind: 'function-error', errorType: 'E', errorMessage: 'm', latencyMs: 1 }, verdict),
    ).toMatchObject({ accepted: false, error: 'E: m', functionError: 'E' });
    expect(
      sentRequest('r', { kind: 'throttled', message: 'slow down', latencyMs: 1 }, verdict),
    ).toMatchObject({
      accepted: false,
      outcome: 'throttled',
    });
    expect(sentRequest('r', { kind: 'failed', message: 'reset', latencyMs: 1 }, verdict)).toMatchObject({
      accepted: false,
      error: 'reset',
    });
  });
});

describe('describeFigures', () => {
  const figures = {
    target: 'lmi' as const,
    functionName: 'f',
    qualifier: '1',
    concurrency: 4,
    requests: 16,
    latency: { count: 16, p50: 10, p95: 20, p99: 30, max: 31, mean: 12 },
    throughputRps: 50,
    errors: 1,
    errorRate: 1 / 16,
    throttles: 0,
    throttleRate: 0,
    wallMs: 1500,
  };

  it('names environments only when the answers reported them', () => {
    expect(describeFigures(figures)).toBe(
      'p50 10 ms, p95 20 ms, p99 30 ms, 50 req/s, 1 errors, 0 throttles in 1.5 s',
    );
    expect(describeFigures({ ...figures, environments: 3, peakInFlightPerEnvironment: 2 })).toBe(
      'p50 10 ms, p95 20 ms, p99 30 ms, 50 req/s, 1 errors, 0 throttles, 3 environments in 1.5 s',
    );
  });
});
