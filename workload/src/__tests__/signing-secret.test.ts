import './helpers/lmi-env.js';
import { afterEach, describe, expect, test } from '@jest/globals';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SigningSecretUnavailableError, ssmSigningSecret } from '../signing-secret.js';

const ssm = mockClient(SSMClient);
afterEach(() => {
  ssm.reset();
});

const client = () =>
  new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

describe('ssmSigningSecret', () => {
  test('reads the SecureString decrypted, once for a burst of concurrent callers, then from cache', async () => {
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Name: '/p/secret', Type: 'SecureString', Value: 's3cr3t' } });
    const secret = ssmSigningSecret({ parameterName: '/p/secret', maxAgeSeconds: 300, client: client() });
    const burst = await Promise.all(Array.from({ length: 20 }, () => secret()));
    expect(new Set(burst)).toEqual(new Set(['s3cr3t']));
    expect(await secret()).toBe('s3cr3t');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: '/p/secret', WithDecryption: true });
  });

  test('a failed read names the parameter, and the next call tries SSM again', async () => {
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }))
      .resolves({ Parameter: { Value: 'later' } });
    const secret = ssmSigningSecret({ parameterName: '/p/denied', maxAgeSeconds: 300, client: client() });
    await expect(secret()).rejects.toThrow(SigningSecretUnavailableError);
    await expect(secret()).resolves.toBe('later');
  });

  test('an empty parameter is refused rather than used as an HMAC key', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '' } });
    const secret = ssmSigningSecret({ parameterName: '/p/empty', maxAgeSeconds: 300, client: client() });
    await expect(secret()).rejects.toThrow(/\/p\/empty is empty/);
  });
});
