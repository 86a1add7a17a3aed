// The knee as sweep.ts defines it, and the sweep's request plan.
import { WORKLOAD_SECRETS, routeInvocations, workloadOutputs, type FakeFunction } from './workload-lambda.js';
import { describe, expect, it } from '@jest/globals';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { markKnee, runSweep, webhookLevel } from '../../src/pipeline/verify/sweep.js';
import { workloadStackFromOutputs } from '../../src/pipeline/webhook/workload-stack.js';
import type { SweepPoint } from '../../src/core/domain.js';
import { testContext } from './support.js';

type Point = Omit<SweepPoint, 'knee'>;
const point = (level: number, p95: number, rps: number, errorRate = 0, throttles = 0): Point => ({
  concurrencyPerEnvironment: level,
  latency: { count: 100, p50: p95 / 2, p95, p99: p95, max: p95, mean: p95 / 2 },
  throughputRps: rps,
  errorRate,
  throttles,
});
const knee = (points: Point[]) => markKnee(points).find((p) => p.knee)?.concurrencyPerEnvironment;

describe('markKnee', () => {
  it('is the last level before p95 grows more than 20 % over the lowest level', () => {
    expect(knee([point(8, 100, 100), point(16, 110, 190), point(32, 120, 370), point(64, 121, 600)])).toBe(
      32,
    );
    expect(knee([point(8, 100, 100), point(16, 115, 190), point(32, 135, 370)])).toBe(16);
  });

  it('is the last level before throughput stops growing more than 10 %', () => {
    expect(knee([point(8, 100, 100), point(16, 100, 190), point(32, 100, 205), point(64, 100, 210)])).toBe(
      16,
    );
  });

  it('is the last level before errors or throttles appear', () => {
    expect(knee([point(8, 100, 100), point(16, 100, 190, 0, 3)])).toBe(8);
    expect(knee([point(8, 100, 100), point(16, 100, 190), point(32, 100, 370, 0.01)])).toBe(16);
  });

  it('is absent while every level scales, and when the lowest level already fails', () => {
    expect(knee([point(8, 100, 100), point(16, 100, 200), point(32, 105, 400)])).toBeUndefined();
    expect(knee([point(8, 100, 100, 0.5), point(16, 100, 200)])).toBeUndefined();
    expect(knee([point(8, 100, 100)])).toBeUndefined();
    expect(markKnee([])).toEqual([]);
  });

  it('reads the levels in ascending order whatever order they come in', () => {
    const marked = markKnee([point(32, 200, 300), point(8, 100, 100), point(16, 110, 190)]);
    expect(marked.map((p) => [p.concurrencyPerEnvironment, p.knee])).toEqual([
      [8, false],
      [16, true],
      [32, false],
    ]);
  });
});

describe('runSweep', () => {
  it('loads each level with level × 3 in flight and the same requests per request in flight', async () => {
    const lambda = mockClient(LambdaClient);
    const inFlight = { now: 0, peak: new Map<number, number>() };
    const fn: FakeFunction = {
      version: '7',
      handler: async (event, requestId) => {
        const body = JSON.parse((event as { body: string }).body) as { lmi_cutover: { level: number } };
        const level = body.lmi_cutover.level;
        inFlight.now++;
        inFlight.peak.set(level, Math.max(inFlight.peak.get(level) ?? 0, inFlight.now));
        await new Promise((r) => setImmediate(r));
        inFlight.now--;
        return {
          statusCode: 201,
          body: JSON.stringify({
            status: 'stored',
            event_id: `e-${requestId}`,
            request_id: requestId,
            environment_id: 'env-1',
          }),
        };
      },
    };
    const calls = routeInvocations(lambda, { 'webhook-lmi:7': fn });
    const ctx = testContext({ mode: 'verify', concurrencySweep: [4, 2] });
    const ddb = mockClient(DynamoDBClient);
    ddb.on(QueryCommand).resolves({ Items: [] });
    const stack = workloadStackFromOutputs('webhook-test', workloadOutputs('events'));
    const points = await runSweep(ctx, {
      levels: ctx.config.concurrencySweep,
      requestsPerConcurrency: 2,
      measure: webhookLevel(ctx, { stack, region: 'us-east-1', secrets: WORKLOAD_SECRETS, runId: 'sw' }),
    });
    expect(points.map((p) => p.concurrencyPerEnvironment)).toEqual([2, 4]);
    const perLevel = (level: number) =>
      calls.filter(
        (c) =>
          (JSON.parse(c.event.body as string) as { lmi_cutover: { level: number } }).lmi_cutover.level ===
          level,
      );
    expect(perLevel(2)).toHaveLength(12);
    expect(perLevel(4)).toHaveLength(24);
    expect(inFlight.peak.get(2)).toBeLessThanOrEqual(6);
    expect(inFlight.peak.get(4)).toBeLessThanOrEqual(12);
    expect(points.every((p) => p.latency.count === 12 || p.latency.count === 24)).toBe(true);
    expect(points.every((p) => p.errorRate === 0 && p.throttles === 0)).toBe(true);
    // A line per level, and one for the knee or its absence (which depends on the figures).
    const sweepCodes = ctx.progress.codes.filter((c) => c.startsWith('verify.sweep'));
    expect(sweepCodes.slice(0, 2)).toEqual(['verify.sweep-level', 'verify.sweep-level']);
    expect(['verify.sweep-knee', 'verify.sweep-no-knee']).toContain(sweepCodes[2]);
    expect(sweepCodes).toHaveLength(3);
    lambda.restore();
    ddb.restore();
  });
});
