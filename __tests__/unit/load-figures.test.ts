// The figures of a burst, with fake functions whose behaviour each test controls: errors,
// throttles, function errors, requests held at a barrier, and a table that stores what the
// fake function says it stored.
import { WORKLOAD_SECRETS, routeInvocations, workloadOutputs, type FakeFunction } from './workload-lambda.js';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { DynamoDBClient, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { evaluateGates } from '../../src/pipeline/verify/gates.js';
import type { Sample } from '../../src/pipeline/verify/load/sample.js';
import {
  countedPeak,
  environmentInterval,
  peakOverlap,
  peakOverlapBy,
} from '../../src/pipeline/verify/load/in-flight.js';
import { checkIsolation } from '../../src/pipeline/verify/load/isolation.js';
import { measureBurst } from '../../src/pipeline/verify/load.js';
import type { StoredCheckEvent } from '../../src/pipeline/webhook/events-table.js';
import { workloadStackFromOutputs } from '../../src/pipeline/webhook/workload-stack.js';
import { awsError, testContext, type TestContext } from './support.js';

const lambda = mockClient(LambdaClient);
const ddb = mockClient(DynamoDBClient);
const stack = workloadStackFromOutputs('webhook-test', workloadOutputs('events'));
/** What the fake function "stored": Query answers with these items. */
let stored: Array<Record<string, AttributeValue>>;
let ctx: TestContext;

beforeEach(() => {
  lambda.reset();
  ddb.reset();
  stored = [];
  ddb.on(QueryCommand).callsFake(async () => ({ Items: stored }));
  ctx = testContext({ mode: 'verify' });
});

const seqOf = (event: unknown) =>
  (JSON.parse((event as { body: string }).body) as { lmi_cutover: { seq: number } }).lmi_cutover.seq;
const deliveryOf = (event: unknown) => (event as { headers: Record<string, string> }).headers['webhook-id']!;

/** Stores and answers like the workload, with this environment id (and `extra` fields in the body). */
function storeAndAnswer(
  event: unknown,
  requestId: string,
  environmentId = 'env-1',
  extra: Record<string, unknown> = {},
) {
  const eventId = `evt-${requestId}`;
  stored.push({
    delivery_id: { S: deliveryOf(event) },
    event_id: { S: eventId },
    request_id: { S: requestId },
    environment_id: { S: environmentId },
  });
  return {
    statusCode: 201,
    body: JSON.stringify({
      status: 'stored',
      event_id: eventId,
      request_id: requestId,
      environment_id: environmentId,
      compute_type: 'lambda-managed-instances',
      ...extra,
    }),
  };
}

const burst = (concurrency: number, requests: number) =>
  measureBurst(
    ctx,
    new LambdaClient({ region: 'us-east-1' }),
    { stack, region: 'us-east-1', secrets: WORKLOAD_SECRETS, runId: 'fig', concurrency, requests },
    'lmi',
  );

describe('a burst', () => {
  it('counts errors, function errors and throttles apart, and gates on their rates', async () => {
    const fn: FakeFunction = {
      version: '7',
      functionErrorOnThrow: true,
      handler: async (event, requestId) => {
        const seq = seqOf(event);
        if (seq % 10 === 0) return { statusCode: 503, body: '{"message":"dynamodb unavailable"}' };
        if (seq === 7)
          throw Object.assign(new Error('Task timed out after 30.00 seconds'), { name: 'Sandbox.Timedout' });
        if (seq % 8 === 0) throw awsError('TooManyRequestsException', 'Rate exceeded', 429);
        return storeAndAnswer(event, requestId);
      },
    };
    routeInvocations(lambda, { 'webhook-lmi:7': fn });
    const run = await burst(5, 40);
    const r = run.result;
    // 503 at 10, 20, 30, 40; a function error at 7; throttles at 8, 16, 24, 32 (40 answered 503 first).
    expect(r).toMatchObject({
      requests: 40,
      errors: 5,
      errorRate: 5 / 40,
      throttles: 4,
      throttleRate: 4 / 40,
    });
    // Throttled requests never reached the function: no latency of theirs is counted.
    expect(r.latency.count).toBe(36);
    expect(r.isolation).toEqual({
      passed: true,
      mismatchedIds: 0,
      stored: 31,
      expectedStored: 31,
      duplicates: 0,
    });
    expect(r.coldStarts).toBe(0);
    const gates = evaluateGates(r, undefined, { maxErrorRate: 0.05, maxThrottleRate: 0.1, maxP95Ms: 60_000 });
    expect(gates.map((g) => [g.name, g.actual, g.passed])).toEqual([
      ['max-error-rate', 0.125, false],
      ['max-p95-ms', r.latency.p95, true],
      ['max-throttle-rate', 0.1, true],
    ]);
    expect(ctx.progress.lines).toContain(
      '  e.g. lmi-cutover.fig.load.lmi.7: Sandbox.Timedout: Task timed out after 30.00 seconds',
    );
    expect(ctx.progress.codes).toContain('verify.burst-error-example');
  });

  it('keeps exactly `concurrency` requests in flight, and counts environments from the answers', async () => {
    // Each answer is held until five requests are waiting (or all that are left).
    const held: Array<() => void> = [];
    let remaining = 20;
    let inFlight = 0;
    let peak = 0;
    const fn: FakeFunction = {
      version: '7',
      // No REPORT durations: the client-side intervals are what is counted.
      logTail: false,
      handler: async (event, requestId) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise<void>((release) => {
          held.push(release);
          if (held.length === Math.min(5, remaining)) {
            remaining -= held.length;
            for (const r of held.splice(0)) r();
          }
        });
        inFlight--;
        return storeAndAnswer(event, requestId, seqOf(event) % 2 === 0 ? 'env-even' : 'env-odd');
      },
    };
    routeInvocations(lambda, { 'webhook-lmi:7': fn });
    const run = await burst(5, 20);
    expect(peak).toBe(5);
    expect(run.result.environments).toBe(2);
    // Five in flight across two environments: one of them held at least three at once.
    expect(run.result.peakInFlightPerEnvironment).toBeGreaterThanOrEqual(3);
    expect(run.result.peakInFlightPerEnvironment).toBeLessThanOrEqual(5);
    // The answers carry no count of the function's own: the figure is labelled an estimate.
    expect(run.result.peakInFlightSource).toBe('client-estimate');
    expect(run.result.isolation?.passed).toBe(true);
  });

  /** Answers held until all `concurrency` requests arrived: their client-side intervals overlap. */
  function heldFunction(
    concurrency: number,
    answer: (event: unknown, requestId: string, seq: number) => unknown,
  ) {
    const held: Array<() => void> = [];
    const fn: FakeFunction = {
      version: '7',
      logTail: false,
      handler: async (event, requestId) => {
        await new Promise<void>((release) => {
          held.push(release);
          if (held.length === concurrency) for (const r of held.splice(0)) r();
        });
        return answer(event, requestId, seqOf(event)) as ReturnType<FakeFunction['handler']>;
      },
    };
    routeInvocations(lambda, { 'webhook-lmi:7': fn });
  }

  it("reports the function's own count over the client-side estimate: 1 where each environment served one at a time", async () => {
    // One environment and one worker that (as the function says) never held two at once, while
    // the client saw four requests open together: the estimate would say 4.
    heldFunction(4, (event, requestId) =>
      storeAndAnswer(event, requestId, 'env-a', { worker_id: 'w-a', in_flight: 1 }),
    );
    const run = await burst(4, 8);
    expect(run.result).toMatchObject({
      environments: 1,
      peakInFlightPerEnvironment: 1,
      peakInFlightSource: 'function',
    });
  });

  it("labels the function's count per worker thread when an environment answered from several", async () => {
    heldFunction(4, (event, requestId, seq) =>
      storeAndAnswer(event, requestId, 'env-a', {
        worker_id: seq % 2 === 0 ? 'w-even' : 'w-odd',
        in_flight: seq % 4 === 0 ? 2 : 1,
      }),
    );
    const run = await burst(4, 8);
    expect(run.result).toMatchObject({
      environments: 1,
      peakInFlightPerEnvironment: 2,
      peakInFlightSource: 'function-per-worker',
    });
  });

  it('falls back to the estimate, labelled so, when some answers carry no count', async () => {
    heldFunction(4, (event, requestId, seq) =>
      storeAndAnswer(event, requestId, 'env-a', seq === 3 ? {} : { worker_id: 'w-a', in_flight: 1 }),
    );
    const run = await burst(4, 8);
    expect(run.result.peakInFlightSource).toBe('client-estimate');
    expect(run.result.peakInFlightPerEnvironment).toBeGreaterThan(1);
  });

  it('says nothing about cold starts when Lambda returned no log tail', async () => {
    lambda.on(InvokeCommand).callsFake(async (input: { Payload: Uint8Array }) => {
      const event = JSON.parse(Buffer.from(input.Payload).toString('utf8')) as unknown;
      const requestId = `r-${seqOf(event)}`;
      return {
        StatusCode: 200,
        Payload: Buffer.from(JSON.stringify(storeAndAnswer(event, requestId))),
        $metadata: { requestId },
      };
    });
    const run = await burst(2, 4);
    expect(run.result.coldStarts).toBeUndefined();
    expect(run.meanFunctionDurationMs).toBeUndefined();
  });
});

describe('checkIsolation', () => {
  const sample = (seq: number, extra: Partial<Sample> = {}): Sample => ({
    seq,
    id: `d-${seq}`,
    startMs: 0,
    endMs: 1,
    latencyMs: 1,
    outcome: 'answered',
    accepted: true,
    statusCode: 201,
    status: 'stored',
    requestId: `r-${seq}`,
    invocationId: `r-${seq}`,
    eventId: `e-${seq}`,
    environmentId: 'env',
    coldStart: false,
    ...extra,
  });
  const event = (seq: number, extra: Partial<StoredCheckEvent> = {}): [string, StoredCheckEvent[]] => [
    `d-${seq}`,
    [{ deliveryId: `d-${seq}`, eventId: `e-${seq}`, requestId: `r-${seq}`, ...extra }],
  ];

  it('passes when every answer carries its own ids and every delivery is stored once', () => {
    const result = checkIsolation([sample(1), sample(2)], new Map([event(1), event(2)]));
    expect(result).toEqual({
      passed: true,
      mismatchedIds: 0,
      stored: 2,
      expectedStored: 2,
      duplicates: 0,
      problems: [],
    });
  });

  it("catches answers with another invocation's request id, shared ids, missing and duplicate events", () => {
    const samples = [
      sample(1, { requestId: 'r-2' }),
      sample(2),
      sample(3, { eventId: 'e-4' }),
      sample(4),
      sample(5),
      sample(6),
    ];
    const table = new Map([
      event(1, { requestId: 'r-2' }),
      event(2),
      event(3),
      event(4),
      // 5 is missing; 6 was stored twice.
      ['d-6', [...event(6)[1], { deliveryId: 'd-6', eventId: 'e-6b', requestId: 'r-6' }]] as [
        string,
        StoredCheckEvent[],
      ],
    ]);
    const result = checkIsolation(samples, table);
    expect(result).toMatchObject({ passed: false, stored: 5, expectedStored: 6, duplicates: 1 });
    // 1 (foreign request id), 2 (shares r-2 with 1), 3 (event id of another), 4 (shares e-4 with 3).
    expect(result.mismatchedIds).toBe(4);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'd-1: answer carries request_id r-2, but its invocation was r-1',
        'd-2: request_id r-2 appears in 2 answers',
        'd-3: event_id e-4 appears in 2 answers',
        'd-5: answered 201 stored, but no event in the table',
        'd-6: stored 2 times',
      ]),
    );
  });
});

describe('countedPeak', () => {
  it("is the highest count, the environment's own where each environment answered from one worker", () => {
    expect(
      countedPeak([
        { environmentId: 'a', workerId: 'a1', inFlight: 1 },
        { environmentId: 'a', workerId: 'a1', inFlight: 3 },
        { environmentId: 'b', workerId: 'b1', inFlight: 2 },
        // An answer that names no environment (a function error) says nothing either way.
        {},
      ]),
    ).toEqual({ peak: 3, source: 'function' });
  });

  it("is the busiest worker's count, a lower bound, where an environment answered from several", () => {
    expect(
      countedPeak([
        { environmentId: 'a', workerId: 'a1', inFlight: 2 },
        { environmentId: 'a', workerId: 'a2', inFlight: 2 },
        { environmentId: 'b', workerId: 'b1', inFlight: 1 },
      ]),
    ).toEqual({ peak: 2, source: 'function-per-worker' });
    // No worker id: the count cannot be pinned to one worker.
    expect(countedPeak([{ environmentId: 'a', inFlight: 1 }])).toEqual({
      peak: 1,
      source: 'function-per-worker',
    });
  });

  it('is undefined unless every placed answer carries a count', () => {
    expect(countedPeak([])).toBeUndefined();
    expect(countedPeak([{ environmentId: 'a', workerId: 'a1' }])).toBeUndefined();
    expect(
      countedPeak([
        { environmentId: 'a', workerId: 'a1', inFlight: 1 },
        { environmentId: 'a', workerId: 'a1' },
      ]),
    ).toBeUndefined();
  });
});

describe('environmentInterval', () => {
  it("is the function's own duration ending at the answer, when Lambda reported one", () => {
    expect(environmentInterval({ startMs: 100, endMs: 300, durationMs: 150 })).toEqual({
      startMs: 150,
      endMs: 300,
    });
    expect(environmentInterval({ startMs: 100, endMs: 300 })).toEqual({ startMs: 100, endMs: 300 });
    // A reported duration longer than the round trip cannot be placed: keep the client's view.
    expect(environmentInterval({ startMs: 100, endMs: 300, durationMs: 250 })).toEqual({
      startMs: 100,
      endMs: 300,
    });
  });
});

describe('peakOverlap', () => {
  it('counts intervals open at once, an end before a start at the same instant', () => {
    expect(peakOverlap([])).toBe(0);
    expect(
      peakOverlap([
        { startMs: 0, endMs: 10 },
        { startMs: 5, endMs: 15 },
        { startMs: 10, endMs: 20 },
        { startMs: 12, endMs: 13 },
      ]),
    ).toBe(3);
    const byEnv = peakOverlapBy(
      [
        { startMs: 0, endMs: 10, env: 'a' },
        { startMs: 1, endMs: 10, env: 'a' },
        { startMs: 2, endMs: 10, env: 'b' },
        { startMs: 3, endMs: 10, env: undefined },
      ],
      (i) => i.env,
    );
    expect([...byEnv]).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});
