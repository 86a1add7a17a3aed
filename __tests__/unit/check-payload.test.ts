// The load generator builds each check webhook's Invoke payload from a template; it must be the
// payload the SDK path sends: JSON.stringify(toProxyEvent(checkWebhook(…))), byte for byte.
import { describe, expect, it } from '@jest/globals';
import { CheckPayloads } from '../../src/pipeline/verify/load/check-payload.js';
import { toProxyEvent, type StageContext } from '../../src/pipeline/webhook/proxy-event.js';
import { checkWebhook, type CheckMark } from '../../src/pipeline/webhook/request.js';
import { newSigningSecret, signingSecrets } from '../../src/pipeline/webhook/signature.js';

const stage: StageContext = {
  restApiId: 'abc123defg',
  stageName: 'prod',
  domainName: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
  accountId: '123456789012',
  stageVariables: { liveFunction: 'webhook-lmi:prod' },
};

describe('CheckPayloads', () => {
  it.each([
    ['one secret, a load burst', [newSigningSecret()], { run: 'a1b2c3d4e5', kind: 'load', target: 'lmi' }],
    [
      'two secrets (a rotation), a sweep level, no stage variables',
      [newSigningSecret(), newSigningSecret()],
      { run: 'ffff000011', kind: 'sweep', target: 'standard', level: 32 },
    ],
  ] as const)('builds what toProxyEvent(checkWebhook(…)) serialises: %s', (_name, secrets, mark) => {
    const ids = ['5c0e2a9e-93f5-4f0a-9b8e-0d7b3c2f1a00', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'];
    let n = 0;
    const shapeStage = mark.kind === 'sweep' ? { ...stage, stageVariables: {} } : stage;
    const payloads = new CheckPayloads({
      stage: shapeStage,
      mark: mark as Omit<CheckMark, 'seq'>,
      secrets: [...secrets],
      requestId: () => ids[n++ % ids.length]!,
    });
    const parsed = signingSecrets(secrets.join(' '));
    for (const [seq, epochMs] of [
      [1, Date.UTC(2026, 0, 2, 3, 4, 5, 678)],
      [10, Date.UTC(2026, 11, 31, 23, 59, 59, 999)],
      [12345, 1_700_000_000_001],
    ] as const) {
      const requestId = ids[n % ids.length]!;
      const built = payloads.build(seq, epochMs);
      const request = checkWebhook(parsed, { ...mark, seq } as CheckMark, Math.floor(epochMs / 1000));
      const expected = JSON.stringify(toProxyEvent(request, shapeStage, { nowMs: epochMs, requestId }));
      expect(built.deliveryId).toBe(request.deliveryId);
      expect(built.payload.toString('utf8')).toBe(expected);
    }
  });
});
