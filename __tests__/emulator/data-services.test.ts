// SSM Parameter Store (emulated) and the passthrough services: S3 via s3rver, DynamoDB via
// dynalite, reached through the same endpoint with the real SDK clients.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Emulator } from '../../emulator/index.js';
import { clientConfig, errorOf, startTestEmulator } from './helpers.js';

let emu: Emulator;
let ssm: SSMClient;
let s3: S3Client;
let ddb: DynamoDBClient;

beforeAll(async () => {
  emu = await startTestEmulator();
  ssm = new SSMClient(clientConfig(emu));
  s3 = new S3Client({ ...clientConfig(emu), forcePathStyle: true });
  ddb = new DynamoDBClient(clientConfig(emu));
});

afterAll(async () => {
  for (const c of [ssm, s3, ddb]) c.destroy();
  await emu.stop();
});

describe('SSM Parameter Store', () => {
  it('stores SecureString values encrypted and decrypts them only WithDecryption', async () => {
    const put = await ssm.send(
      new PutParameterCommand({ Name: '/app/secret', Value: 's3cr3t', Type: 'SecureString' }),
    );
    expect(put).toMatchObject({ Version: 1, Tier: 'Standard' });
    const raw = await ssm.send(new GetParameterCommand({ Name: '/app/secret' }));
    expect(raw.Parameter).toMatchObject({
      Name: '/app/secret',
      Type: 'SecureString',
      Version: 1,
      ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/secret',
    });
    expect(raw.Parameter?.Value).not.toContain('s3cr3t');
    expect(Buffer.from(raw.Parameter!.Value!, 'base64').length).toBeGreaterThan(30);
    const plain = await ssm.send(new GetParameterCommand({ Name: '/app/secret', WithDecryption: true }));
    expect(plain.Parameter?.Value).toBe('s3cr3t');
    expect(plain.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('versions overwrites and answers AWS errors', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'plain', Value: 'a', Type: 'String' }));
    const exists = await errorOf(
      ssm.send(new PutParameterCommand({ Name: 'plain', Value: 'b', Type: 'String' })),
    );
    expect(exists.name).toBe('ParameterAlreadyExists');
    expect(exists.message).toBe(
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    const v2 = await ssm.send(new PutParameterCommand({ Name: 'plain', Value: 'b', Overwrite: true }));
    expect(v2.Version).toBe(2);
    expect((await ssm.send(new GetParameterCommand({ Name: 'plain' }))).Parameter?.Value).toBe('b');

    const missing = await errorOf(ssm.send(new GetParameterCommand({ Name: '/nope' })));
    expect(missing.name).toBe('ParameterNotFound');
    const badName = await errorOf(
      ssm.send(new PutParameterCommand({ Name: 'a/b', Value: 'x', Type: 'String' })),
    );
    expect(badName.name).toBe('ValidationException');
    const noType = await errorOf(ssm.send(new PutParameterCommand({ Name: '/typeless', Value: 'x' })));
    expect(noType.name).toBe('ValidationException');
  });
});

describe('S3 (s3rver behind the endpoint)', () => {
  it('stores and lists objects, including streamed aws-chunked uploads', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
    await s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'a/one.txt', Body: Buffer.from('one') }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'artifacts',
        Key: 'a/two.txt',
        Body: Readable.from([Buffer.from('tw'), Buffer.from('o')]),
        ContentLength: 3,
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'artifacts', Key: 'a/two.txt' }));
    expect(await got.Body?.transformToString()).toBe('two');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'artifacts', Key: 'a/one.txt' }));
    expect(head.ContentLength).toBe(3);
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'artifacts', Prefix: 'a/' }));
    expect(list.Contents?.map((o) => o.Key)).toEqual(['a/one.txt', 'a/two.txt']);
    await s3.send(new DeleteObjectCommand({ Bucket: 'artifacts', Key: 'a/one.txt' }));
    const gone = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'artifacts', Key: 'a/one.txt' })));
    expect(gone.name).toBe('NoSuchKey');
    expect(emu.calls.at(-1)).toMatchObject({
      service: 's3',
      operation: 'GetObject',
      statusCode: 404,
      errorCode: 'NoSuchKey',
    });
  });

  it('accepts presigned query-string authentication and refuses expired URLs', async () => {
    const stamp = (d: Date) => d.toISOString().replace(/[-:]|\.\d{3}/g, '');
    const url = (date: Date) =>
      `${emu.endpoint}/artifacts/a/two.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256` +
      `&X-Amz-Credential=${encodeURIComponent('AKID/20240101/us-east-1/s3/aws4_request')}` +
      `&X-Amz-Date=${stamp(date)}&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=abc`;
    const fresh = await fetch(url(new Date()));
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe('two');
    const old = await fetch(url(new Date(Date.now() - 3600_000)));
    expect(old.status).toBe(403);
    expect(await old.text()).toContain('<Code>AccessDenied</Code>');
  });
});

describe('DynamoDB (dynalite behind the endpoint)', () => {
  it('creates a table and reads back an item', async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'events',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      }),
    );
    await waitUntilTableExists(
      { client: ddb, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
      { TableName: 'events' },
    );
    await ddb.send(new PutItemCommand({ TableName: 'events', Item: { PK: { S: 'e1' }, n: { N: '42' } } }));
    const item = await ddb.send(new GetItemCommand({ TableName: 'events', Key: { PK: { S: 'e1' } } }));
    expect(item.Item).toEqual({ PK: { S: 'e1' }, n: { N: '42' } });
    const missing = await errorOf(
      ddb.send(new GetItemCommand({ TableName: 'nope', Key: { PK: { S: 'x' } } })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(emu.calls.at(-1)).toMatchObject({
      service: 'dynamodb',
      operation: 'GetItem',
      errorCode: 'ResourceNotFoundException',
    });
  });
});
