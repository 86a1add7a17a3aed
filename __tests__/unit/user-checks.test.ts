// The pieces of a user's check: the route a path falls on, the proxy event the stage would
// send, and the judgement of an answer against `expect` (json subset, headers, regex, latency).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  describeExpectation,
  judgeOutcome,
  jsonDifferences,
} from '../../src/pipeline/verify/checks/judge.js';
import { checkProxyEvent, describeCheckRequest } from '../../src/pipeline/verify/checks/proxy-event.js';
import { matchRoute, readTemplateRoutes } from '../../src/pipeline/verify/checks/routes.js';
import type { WebhookOutcome } from '../../src/pipeline/webhook/answer.js';
import type { StageContext } from '../../src/pipeline/webhook/proxy-event.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const answered = (statusCode: number, rawBody: string, latencyMs = 12): WebhookOutcome => {
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return {
    kind: 'answered',
    answer: { statusCode, headers: { 'content-type': 'application/json' }, rawBody, json },
    latencyMs,
  };
};

describe('judgeOutcome', () => {
  const created = answered(
    201,
    JSON.stringify({ id: 'x', sku: 'A-1', qty: 2, tags: ['a', 'b'], meta: { n: 1 } }),
  );

  it('passes an answer that contains what is expected (deep subset), whatever else it has', () => {
    expect(
      judgeOutcome(
        {
          status: 201,
          json: { sku: 'A-1', meta: { n: 1 }, tags: ['a', 'b'] },
          headers: { 'Content-Type': 'application/json' },
          bodyMatches: '"id":"x"',
          maxLatencyMs: 50,
        },
        created,
      ),
    ).toEqual([]);
  });

  it('names every difference: status, json path, header, regex, latency', () => {
    expect(
      judgeOutcome(
        {
          status: 200,
          json: { sku: 'B-2', meta: { n: 2, m: 1 }, tags: ['a'] },
          headers: { 'x-trace': '1', 'content-type': 'text/plain' },
          bodyMatches: '^\\[',
          maxLatencyMs: 5,
        },
        created,
      ),
    ).toEqual([
      'status 201, not 200',
      '$.sku is "A-1", not "B-2"',
      '$.meta.n is 1, not 2',
      '$.meta.m is absent',
      '$.tags has 2 items, not 1',
      'header x-trace is absent, not "1"',
      'header content-type is "application/json", not "text/plain"',
      expect.stringMatching(/^body does not match \/\^\\\[\/: \{"id"/),
      'took 12 ms, over 5 ms',
    ]);
  });

  it('fails a body that is not JSON when json is expected, and anything that is not an answer', () => {
    expect(judgeOutcome({ json: { ok: true } }, answered(200, 'pong'))).toEqual(['body is not JSON: pong']);
    expect(
      judgeOutcome(
        { status: 200 },
        { kind: 'throttled', message: 'TooManyRequestsException: slow down', latencyMs: 1 },
      ),
    ).toEqual(['throttled: TooManyRequestsException: slow down']);
    expect(
      judgeOutcome(
        { status: 200 },
        { kind: 'function-error', errorType: 'TypeError', errorMessage: 'x is undefined', latencyMs: 1 },
      ),
    ).toEqual(['function error TypeError: x is undefined']);
  });

  it('compares scalars exactly and tells an object from an array', () => {
    expect(jsonDifferences(1, '1', '$')).toEqual(['$ is "1", not 1']);
    expect(jsonDifferences({ a: 1 }, [1], '$')).toEqual(['$ is [1], not an object']);
    expect(jsonDifferences([1], { 0: 1 }, '$')).toEqual(['$ is {"0":1}, not an array']);
    expect(jsonDifferences(null, null, '$')).toEqual([]);
  });

  it('describes the expectation in one line for the report', () => {
    expect(describeExpectation({ status: 201, json: { sku: 'A-1' }, maxLatencyMs: 300 })).toBe(
      'status 201, json ⊇ {"sku":"A-1"}, ≤ 300 ms',
    );
  });
});

describe('matchRoute', () => {
  const routes = ['/ping', '/orders', '/orders/{id}', '/orders/recent', '/files/{path+}'];

  it('prefers a literal route, then fills path parameters as API Gateway does', () => {
    expect(matchRoute(routes, '/orders')).toEqual({ resource: '/orders', pathParameters: null });
    expect(matchRoute(routes, '/orders/recent')).toEqual({
      resource: '/orders/recent',
      pathParameters: null,
    });
    expect(matchRoute(routes, '/orders/a%20b')).toEqual({
      resource: '/orders/{id}',
      pathParameters: { id: 'a b' },
    });
    expect(matchRoute(routes, '/files/a/b.txt')).toEqual({
      resource: '/files/{path+}',
      pathParameters: { path: 'a/b.txt' },
    });
  });

  it('keeps the path as the resource when no route matches or the API has none', () => {
    expect(matchRoute(routes, '/nope')).toEqual({ resource: '/nope', pathParameters: null });
    expect(matchRoute([], '/orders/1')).toEqual({ resource: '/orders/1', pathParameters: null });
  });
});

describe('checkProxyEvent', () => {
  const stage: StageContext = {
    restApiId: 'abc123',
    stageName: 'Prod',
    domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
    accountId: '123456789012',
    stageVariables: { liveFunction: 'orders-lmi:1' },
  };

  it('is the stage’s proxy event, with the route, the query and a JSON body', () => {
    const event = checkProxyEvent(
      {
        method: 'POST',
        path: '/orders/7',
        query: { dry: '1' },
        headers: { 'content-type': 'application/json' },
        body: { qty: 2 },
      },
      stage,
      { resource: '/orders/{id}', pathParameters: { id: '7' } },
      { nowMs: Date.UTC(2026, 0, 2, 3, 4, 5) },
    );
    expect(event).toMatchObject({
      resource: '/orders/{id}',
      path: '/orders/7',
      httpMethod: 'POST',
      queryStringParameters: { dry: '1' },
      multiValueQueryStringParameters: { dry: ['1'] },
      pathParameters: { id: '7' },
      stageVariables: { liveFunction: 'orders-lmi:1' },
      body: '{"qty":2}',
      isBase64Encoded: false,
      requestContext: {
        resourcePath: '/orders/{id}',
        path: '/Prod/orders/7',
        stage: 'Prod',
        apiId: 'abc123',
        requestTime: '02/Jan/2026:03:04:05 +0000',
      },
    });
    expect(event.headers).toMatchObject({
      Host: stage.domainName,
      'content-type': 'application/json',
      'Content-Length': '9',
    });
  });

  it('sends a string body as it is, and no body and no query as null', () => {
    const event = checkProxyEvent({ method: 'GET', path: '/ping' }, stage, {
      resource: '/ping',
      pathParameters: null,
    });
    expect(event).toMatchObject({ body: null, queryStringParameters: null, pathParameters: null });
    expect(
      checkProxyEvent({ method: 'PUT', path: '/x', body: 'raw' }, stage, {
        resource: '/x',
        pathParameters: null,
      }).body,
    ).toBe('raw');
    expect(describeCheckRequest({ method: 'GET', path: '/orders', query: { a: '1', b: 'x y' } })).toBe(
      'GET /orders?a=1&b=x+y',
    );
  });
});

describe('readTemplateRoutes', () => {
  it('reads the paths of the REST API’s OpenAPI body, and none from a missing template', async () => {
    expect(await readTemplateRoutes(REPO_ROOT, 'examples/orders-api/lmi-template.yaml')).toEqual([
      '/ping',
      '/orders',
      '/orders/{id}',
    ]);
    expect(await readTemplateRoutes(REPO_ROOT, 'examples/orders-api/template.yaml')).toEqual([]);
    expect(await readTemplateRoutes(REPO_ROOT, 'nope.yaml')).toEqual([]);
  });
});
