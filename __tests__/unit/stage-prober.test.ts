// What a probe through the stage counts as: only a 2xx the workload signed with its compute
// type is a healthy answer; API Gateway's own errors, throttles and silence are failures that
// name no side.
import { describe, expect, it } from '@jest/globals';
import { probeDeliveryId, probeSampleOf } from '../../src/pipeline/traffic/stage-prober.js';
import type { WebhookOutcome } from '../../src/pipeline/webhook/answer.js';

const answered = (statusCode: number, body: Record<string, unknown>): WebhookOutcome => ({
  kind: 'answered',
  answer: { statusCode, headers: {}, rawBody: JSON.stringify(body), json: body },
  latencyMs: 210,
});

describe('probeSampleOf', () => {
  it('counts a stored or duplicate webhook as ok on the side that served it', () => {
    expect(
      probeSampleOf(answered(201, { status: 'stored', compute_type: 'lambda-managed-instances' })),
    ).toEqual({
      ok: true,
      status: 201,
      computeType: 'lambda-managed-instances',
      latencyMs: 210,
    });
    expect(
      probeSampleOf(answered(200, { status: 'duplicate', compute_type: 'lambda-standard' })),
    ).toMatchObject({
      ok: true,
      computeType: 'lambda-standard',
    });
  });

  it('keeps the side of a workload error, and fails a 2xx that does not say who served it', () => {
    expect(probeSampleOf(answered(500, { message: 'boom', compute_type: 'lambda-standard' }))).toEqual({
      ok: false,
      status: 500,
      computeType: 'lambda-standard',
      latencyMs: 210,
      error: 'HTTP 500: boom',
    });
    expect(probeSampleOf(answered(200, { hello: 'world' }))).toMatchObject({
      ok: false,
      status: 200,
      error: 'a 2xx answer without the workload’s compute_type',
    });
    expect(probeSampleOf(answered(200, { compute_type: 'ec2' })).computeType).toBeUndefined();
  });

  it("fails API Gateway's own errors, throttles and no answer, naming no side", () => {
    expect(probeSampleOf(answered(502, { message: 'Internal server error' }))).toEqual({
      ok: false,
      status: 502,
      latencyMs: 210,
      error: 'HTTP 502: Internal server error',
    });
    expect(probeSampleOf({ kind: 'throttled', message: '429 slow down', latencyMs: 3 })).toEqual({
      ok: false,
      status: 429,
      latencyMs: 3,
      error: '429 slow down',
    });
    expect(probeSampleOf({ kind: 'failed', message: 'ECONNRESET', latencyMs: 7 })).toEqual({
      ok: false,
      status: 0,
      latencyMs: 7,
      error: 'ECONNRESET',
    });
  });

  it("marks probes as this run's check traffic", () => {
    expect(probeDeliveryId('ab12cd34ef', 7)).toBe('lmi-cutover.ab12cd34ef.probe.7');
  });
});
