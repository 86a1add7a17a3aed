import './helpers/lmi-env.js';
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SigningSecretUnavailableError, ssmSigningSecret } from '../signing-secret.js';
import { newSecret, sign } from './helpers/requests.js';

const ssm = mockClient(SSMClient);
afterEach(() => {
  ssm.reset();
  jest.useRealTimers();
});

const client = () =>
  new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

/** What a key signs for a fixed message: tells which secret a key was made from. */
const signatureOf = (key: { sign: (id: string, at: Date, body: string) => string }) =>
  key.sign('id', new Date(1_700_000_000_000), 'body');
const expectedOf = (secret: string) => sign(secret, 'id', 1_700_000_000, 'body');

describe('ssmSigningSecret', () => {
  test('reads the SecureString decrypted, once for a burst of concurrent callers, then from cache', async () => {
    const secret = newSecret();
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Name: '/p/secret', Type: 'SecureString', Value: secret } });
    const keys = ssmSigningSecret({ parameterName: '/p/secret', maxAgeSeconds: 300, client: client() });
    const burst = await Promise.all(Array.from({ length: 20 }, () => keys()));
    expect(new Set(burst).size).toBe(1);
    expect(burst[0]!.map(signatureOf)).toEqual([expectedOf(secret)]);
    expect(await keys()).toBe(burst[0]);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: '/p/secret', WithDecryption: true });
  });

  test('a parameter holding two secrets (a rotation) gives both keys, in order', async () => {
    const [old, next] = [newSecret(), newSecret()];
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: `${old}\n${next}` } });
    const keys = await ssmSigningSecret({ parameterName: '/p/two', maxAgeSeconds: 300, client: client() })();
    expect(keys.map(signatureOf)).toEqual([expectedOf(old), expectedOf(next)]);
  });

  test('a new value is picked up once max-age has passed, without a redeploy', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const [old, next] = [newSecret(), newSecret()];
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: old } })
      .resolves({ Parameter: { Value: next } });
    const keys = ssmSigningSecret({ parameterName: '/p/rotating', maxAgeSeconds: 60, client: client() });
    expect((await keys()).map(signatureOf)).toEqual([expectedOf(old)]);
    jest.setSystemTime(Date.now() + 59_000);
    expect((await keys()).map(signatureOf)).toEqual([expectedOf(old)]);
    jest.setSystemTime(Date.now() + 2_000);
    expect((await keys()).map(signatureOf)).toEqual([expectedOf(next)]);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  test('a failed read names the parameter, and the next call tries SSM again', async () => {
    const secret = newSecret();
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }))
      .resolves({ Parameter: { Value: secret } });
    const keys = ssmSigningSecret({ parameterName: '/p/denied', maxAgeSeconds: 300, client: client() });
    await expect(keys()).rejects.toThrow(SigningSecretUnavailableError);
    await expect(keys()).resolves.toHaveLength(1);
  });

  test('an empty parameter is refused rather than used as an HMAC key', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '' } });
    const keys = ssmSigningSecret({ parameterName: '/p/empty', maxAgeSeconds: 300, client: client() });
    await expect(keys()).rejects.toThrow(/\/p\/empty is empty/);
  });

  test.each([
    [
      'an old hex secret',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      /does not start with whsec_/,
    ],
    ['a short key', `whsec_${Buffer.from('short-but-secret').toString('base64')}`, /16-byte key/],
    ['a good secret next to a broken one', `${newSecret()} whsec_!!not-base64!!`, /secret 2 of 2/],
  ])(
    '%s makes the secret unavailable, with a reason that does not quote the value',
    async (_name, value, why) => {
      ssm.on(GetParameterCommand).resolves({ Parameter: { Value: value } });
      const keys = ssmSigningSecret({ parameterName: '/p/bad', maxAgeSeconds: 300, client: client() });
      const error = await keys().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(SigningSecretUnavailableError);
      expect(error?.message).toMatch(
        /SSM parameter \/p\/bad is not one or more whitespace-separated whsec_ secrets/,
      );
      expect(error?.message).toMatch(why);
      for (const part of value.split(' ')) expect(error?.message).not.toContain(part.slice(6, 30));
    },
  );
});
