// The load generator's credentials come from the SDK client's provider chain and are asked for
// again only when they come within 5 minutes of expiring (as the SDK itself refreshes them).
import { describe, expect, it } from '@jest/globals';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { LoadCredentials } from '../../src/aws/invoke-endpoint.js';

function clientWith(expirations: Array<number | undefined>) {
  let calls = 0;
  const lambda = {
    config: {
      credentials: async () => {
        const expiration = expirations[Math.min(calls, expirations.length - 1)];
        calls++;
        return {
          accessKeyId: `AKID${calls}`,
          secretAccessKey: 'secret',
          sessionToken: 'token',
          ...(expiration === undefined ? {} : { expiration: new Date(expiration) }),
        };
      },
    },
  } as unknown as LambdaClient;
  return { lambda, calls: () => calls };
}

describe('LoadCredentials', () => {
  const now = Date.UTC(2026, 0, 1, 12);

  it('keeps long-term keys for good', async () => {
    const { lambda, calls } = clientWith([undefined]);
    const credentials = new LoadCredentials(lambda);
    expect((await credentials.current(now)).accessKeyId).toBe('AKID1');
    expect((await credentials.current(now + 86_400_000)).accessKeyId).toBe('AKID1');
    expect(calls()).toBe(1);
    expect(credentials.expiresWithin(30_000, now)).toBe(false);
  });

  it('asks the chain again within 5 minutes of the expiration, not before', async () => {
    const hour = 3_600_000;
    const { lambda, calls } = clientWith([now + hour, now + 2 * hour]);
    const credentials = new LoadCredentials(lambda);
    expect((await credentials.current(now)).accessKeyId).toBe('AKID1');
    expect((await credentials.current(now + hour - 6 * 60_000)).accessKeyId).toBe('AKID1');
    expect(credentials.expiresWithin(30_000, now + hour - 5.4 * 60_000)).toBe(true);
    const refreshed = await credentials.current(now + hour - 4 * 60_000);
    expect(refreshed).toMatchObject({ accessKeyId: 'AKID2', sessionToken: 'token' });
    expect(refreshed.expiration).toEqual(new Date(now + 2 * hour));
    expect(calls()).toBe(2);
  });
});
