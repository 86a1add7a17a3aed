// Hostile inputs to the local cloud's surface: Host headers a web page could send by DNS
// rebinding, cross-origin pages, S3 keys and bucket names that would reach outside s3rver's
// data folder, oversized bodies, malformed bodies. Each asserts the exact refusal and that
// nothing was stored: no file outside the data folder, no object, no call reaching a service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import http from 'node:http';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Emulator } from '../../emulator/index.js';
import { clientConfig, errorOf, startTestEmulator } from './helpers.js';

let emu: Emulator;
let s3: S3Client;
let port: number;
/** A folder outside the S3 data folder, next to it in the temp dir: every escape aims here. */
let outside: string;
/** Marks every file name a hostile request tries to write. */
const MARK = `pwned-${process.pid}-${Date.now()}`;
const BUCKET = 'hostile';

const signed = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc`,
  'x-amz-date': '20240101T000000Z',
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw request, Host and all headers exactly as given (`host: null` sends none). */
function send(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  host?: string | null;
  body?: string | Buffer;
  /** Another port than the emulator's (its backends'). */
  to?: number;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.host) headers.host = opts.host;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: opts.to ?? port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers,
        setHost: opts.host !== null && opts.host === undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Declares a Content-Length of `length` bytes and sends none of them: the answer must not wait for the body. */
function declareLength(opts: {
  method: string;
  path: string;
  headers: Record<string, string>;
  length: number;
}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method,
        path: opts.path,
        headers: { ...opts.headers, 'content-length': String(opts.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    req.flushHeaders();
  });
}

/** Streams a chunked body, 1 MiB at a time, until the server answers (or `max` bytes are sent). */
function streamUntilAnswered(opts: {
  method: string;
  path: string;
  headers: Record<string, string>;
  max: number;
}) {
  return new Promise<Answer & { sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method, path: opts.path, headers: opts.headers },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            sent,
          });
          req.destroy();
        });
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const pump = () => {
      while (!answered && sent < opts.max) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Files whose name carries MARK, anywhere in the temp dir's top level or in `outside`. */
async function strayFiles(): Promise<string[]> {
  const top = await readdir(os.tmpdir());
  const inOutside = await readdir(outside, { recursive: true });
  return [...top, ...inOutside.map(String)].filter((n) => n.includes(MARK) || n.includes('canary-copy'));
}

async function objectExists(key: string): Promise<boolean> {
  const err = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(
    () => undefined,
    (e: unknown) => e as { $metadata?: { httpStatusCode?: number } },
  );
  if (err && err.$metadata?.httpStatusCode !== 404) throw err as Error;
  return err === undefined;
}

async function allKeys(): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

const xmlCode = (body: string) => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
const xmlMessage = (body: string) =>
  /<Message>([^<]+)<\/Message>/
    .exec(body)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

beforeAll(async () => {
  emu = await startTestEmulator();
  port = Number(new URL(emu.endpoint).port);
  s3 = new S3Client({ ...clientConfig(emu), forcePathStyle: true });
  outside = await mkdtemp(path.join(os.tmpdir(), `lmi-hostile-outside-`));
  await writeFile(path.join(outside, 'canary'), 'do not delete');
  const created = await send({ method: 'PUT', path: `/${BUCKET}`, headers: signed('s3') });
  expect(created.status).toBe(200);
});

afterAll(async () => {
  s3.destroy();
  await emu.stop();
  await rm(outside, { recursive: true, force: true });
});

describe('requests not addressed to loopback', () => {
  const HOST_MESSAGE = (host: string) =>
    `The local cloud only answers requests addressed to 127.0.0.1, localhost or [::1]; Host ${host} is refused (DNS rebinding protection).`;

  it.each([
    ['a rebinding page on the default port', 'evil.example:4577'],
    ['a rebinding page without a port', 'evil.example'],
    ['a name resolving to 127.0.0.1 (nip.io)', '127.0.0.1.nip.io:4577'],
    ['localhost as a subdomain of another name', 'localhost.evil.example'],
    ['userinfo-looking host', 'localhost:4577@evil.example'],
    ['an execute-api host name', 'abc123.execute-api.us-east-1.amazonaws.com'],
    ['an S3 virtual-hosted bucket name', `${BUCKET}.s3.amazonaws.com`],
    ['the LAN address form of loopback', '0.0.0.0:4577'],
    ['an empty Host', ''],
  ])('refuses %s (Host %j) with 403 before S3 stores anything', async (_what, host) => {
    const key = `host-${MARK}-${Buffer.from(host).toString('hex')}`;
    const before = emu.calls.length;
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/${key}`,
      host: host === '' ? null : host,
      headers: { ...signed('s3'), ...(host === '' ? { host: '' } : {}) },
      body: 'payload',
    });
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('ForbiddenHost');
    expect(JSON.parse(res.body)).toEqual({ message: HOST_MESSAGE(JSON.stringify(host)) });
    expect(emu.calls.length).toBe(before);
    expect(await objectExists(key)).toBe(false);
  });

  it('refuses an HTTP/1.1 request without any Host header (400 from Node before the emulator)', async () => {
    const before = emu.calls.length;
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/nohost-${MARK}`,
      host: null,
      headers: signed('s3'),
    });
    expect(res.status).toBe(400);
    expect(emu.calls.length).toBe(before);
    expect(await objectExists(`nohost-${MARK}`)).toBe(false);
  });

  it.each([
    ['a page on another site', 'https://evil.example'],
    ['a sandboxed page or file:// (Origin null)', 'null'],
    ['a page on a look-alike name', 'http://localhost.evil.example:4577'],
  ])('refuses a browser request from %s (Origin %s) with 403', async (_what, origin) => {
    const before = emu.calls.length;
    const key = `origin-${MARK}-${Buffer.from(origin).toString('hex')}`;
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/${key}`,
      headers: { ...signed('s3'), origin },
      body: 'payload',
    });
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('ForbiddenOrigin');
    expect(JSON.parse(res.body)).toEqual({
      message: `The local cloud does not answer requests from web pages on other origins; Origin ${JSON.stringify(origin)} is refused.`,
    });
    expect(emu.calls.length).toBe(before);
    expect(await objectExists(key)).toBe(false);
  });

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST:1234', '[::1]', '[::1]:4577'])(
    'answers Host %s (and an Origin on loopback)',
    async (host) => {
      const res = await send({
        path: '/_emulator/health',
        host,
        headers: { origin: 'http://localhost:3000' },
      });
      expect(res.status).toBe(200);
    },
  );
});

describe("the backends' own loopback ports", () => {
  const REFUSAL = {
    message:
      'This backend of the local cloud answers only the local cloud itself; send requests to its main port.',
  };
  const dynamoTarget = (operation: string) => ({
    'x-amz-target': `DynamoDB_20120810.${operation}`,
    'content-type': 'application/x-amz-json-1.0',
    ...signed('dynamodb'),
  });

  it.each([
    ['from loopback, without the proxy token', {}],
    ['with a guessed token', { 'x-lmi-backend-token': '0'.repeat(64) }],
    ['with a token of the wrong length', { 'x-lmi-backend-token': 'abc' }],
  ])('s3rver refuses a PUT sent to its port directly %s, and stores nothing', async (_what, extra) => {
    const { s3: s3Port } = await emu.backendPorts();
    const key = `direct-${MARK}-${Object.keys(extra).length}${JSON.stringify(extra).length}`;
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/${key}`,
      to: s3Port,
      headers: { ...signed('s3'), ...extra },
      body: 'payload',
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual(REFUSAL);
    expect(await objectExists(key)).toBe(false);
  });

  it('s3rver refuses a rebinding page that reached its port, even if it knew the header name', async () => {
    const { s3: s3Port } = await emu.backendPorts();
    const res = await send({ path: `/${BUCKET}`, to: s3Port, host: `evil.example:${s3Port}` });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('ListBucketResult');
  });

  it('dynalite refuses a CreateTable sent to its port directly, and no table appears', async () => {
    const { dynamodb: dynamoPort } = await emu.backendPorts();
    const res = await send({
      method: 'POST',
      path: '/',
      to: dynamoPort,
      headers: dynamoTarget('CreateTable'),
      body: JSON.stringify({
        TableName: `direct-${MARK}`,
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual(REFUSAL);
    const listed = await send({ method: 'POST', path: '/', headers: dynamoTarget('ListTables'), body: '{}' });
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body).TableNames).not.toContain(`direct-${MARK}`);
  });

  it('dynalite refuses a read sent to its port directly (nothing leaks)', async () => {
    const { dynamodb: dynamoPort } = await emu.backendPorts();
    const res = await send({
      method: 'POST',
      path: '/',
      to: dynamoPort,
      headers: dynamoTarget('ListTables'),
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('TableNames');
  });
});

describe('S3 keys and bucket names that would leave the data folder', () => {
  const target = () => path.basename(outside);

  it.each([
    ['encoded ../ segments', () => `..%2F..%2F${target()}%2F${MARK}`, () => `../../${target()}/${MARK}`],
    [
      'lower-case %2e%2e%2f',
      () => `%2e%2e%2f%2e%2e%2f${target()}%2f${MARK}`,
      () => `../../${target()}/${MARK}`,
    ],
    [
      '%2e%2e path segments',
      () => `a/%2e%2e/%2e%2e/%2e%2e/${target()}/${MARK}`,
      () => `a/../../../${target()}/${MARK}`,
    ],
    ['literal ../ segments', () => `../../${target()}/${MARK}`, () => `../../${target()}/${MARK}`],
    ['a ./ segment', () => `a/./${MARK}`, () => `a/./${MARK}`],
  ])('refuses a PutObject key with %s (400 InvalidArgument)', async (_what, rawKey, key) => {
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/${rawKey()}`,
      headers: signed('s3'),
      body: 'x',
    });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe('InvalidArgument');
    const segment = key().split('/').includes('..') ? '..' : '.';
    expect(xmlMessage(res.body)).toBe(
      `The local cloud refuses object key ${JSON.stringify(key())}: it has a '${segment}' path segment (it stores each key segment as a file name; AWS itself would accept it).`,
    );
    expect(await strayFiles()).toEqual([]);
    expect((await allKeys()).filter((k) => k.includes(MARK))).toEqual([]);
  });

  it.each([
    ['a NUL byte', `nul%00${MARK}`, 'InvalidArgument', /it contains a NUL character/],
    ['a key over 1024 bytes', 'k'.repeat(1025), 'KeyTooLongError', /^Your key is too long$/],
    [
      'a 300-byte segment',
      `${'s'.repeat(300)}/${MARK}`,
      'InvalidArgument',
      /a segment is longer than 230 bytes/,
    ],
    ['invalid percent-encoding', `%E0%A4%A${MARK}`, 'InvalidURI', /^Couldn't parse the specified URI\.$/],
  ])('refuses a PutObject key with %s', async (_what, rawKey, code, message) => {
    const res = await send({ method: 'PUT', path: `/${BUCKET}/${rawKey}`, headers: signed('s3'), body: 'x' });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe(code);
    expect(xmlMessage(res.body)).toMatch(message);
    expect(await strayFiles()).toEqual([]);
    expect((await allKeys()).filter((k) => k.includes(MARK) || k.startsWith('kkkk'))).toEqual([]);
  });

  it.each([
    ['../../ (encoded)', () => `..%2F..%2F${target()}`],
    ['.. itself', () => '..'],
    ['an absolute path (encoded)', () => encodeURIComponent(outside)],
  ])('refuses a bucket name that is %s (400 InvalidBucketName)', async (_what, bucket) => {
    const res = await send({ method: 'PUT', path: `/${bucket()}/${MARK}`, headers: signed('s3'), body: 'x' });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe('InvalidBucketName');
    expect(xmlMessage(res.body)).toBe('The specified bucket is not valid.');
    expect(await strayFiles()).toEqual([]);
  });

  it('stores an absolute-looking key nowhere outside: s3rver answers 404 for the empty segment', async () => {
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/${outside}/${MARK}`,
      headers: signed('s3'),
      body: 'x',
    });
    expect(res.status).toBe(404);
    expect(await strayFiles()).toEqual([]);
  });

  it('stores a key with backslashes inside its bucket, under exactly that key', async () => {
    const key = `..\\..\\${path.basename(outside)}\\${MARK}-backslash`;
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/${encodeURIComponent(key)}`,
      headers: signed('s3'),
      body: 'x',
    });
    expect(res.status).toBe(200);
    expect(await allKeys()).toContain(key);
    expect(await strayFiles()).toEqual([]);
  });

  it('refuses a CopyObject whose source climbs out of its bucket (reading a file outside)', async () => {
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/canary-copy`,
      headers: { ...signed('s3'), 'x-amz-copy-source': `${BUCKET}/../../${path.basename(outside)}/canary` },
    });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe('InvalidArgument');
    expect(await objectExists('canary-copy')).toBe(false);
  });

  it('refuses a DeleteObjects naming a key outside (the file there survives)', async () => {
    const body =
      `<?xml version="1.0" encoding="UTF-8"?><Delete><Object><Key>&#46;&#46;/&#46;&#46;/` +
      `${path.basename(outside)}/canary</Key></Object></Delete>`;
    const res = await send({
      method: 'POST',
      path: `/${BUCKET}?delete`,
      headers: { ...signed('s3'), 'content-type': 'application/xml' },
      body,
    });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe('InvalidArgument');
    expect(await readdir(outside)).toEqual(['canary']);
  });

  it('refuses an UploadPart whose upload id is a path (404 NoSuchUpload)', async () => {
    const uploadId = encodeURIComponent(`../../../${path.basename(outside)}`);
    const res = await send({
      method: 'PUT',
      path: `/${BUCKET}/part-${MARK}?partNumber=1&uploadId=${uploadId}`,
      headers: signed('s3'),
      body: 'x',
    });
    expect(res.status).toBe(404);
    expect(xmlCode(res.body)).toBe('NoSuchUpload');
    expect(await readdir(outside)).toEqual(['canary']);
  });
});

describe('oversized bodies', () => {
  it.each([
    [
      'a Lambda Invoke payload over 6 MB',
      'POST',
      '/2015-03-31/functions/fn/invocations',
      'lambda',
      6 * 1024 * 1024 + 1,
      'RequestEntityTooLargeException',
      'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    ],
    [
      'an SSM request over 64 MiB',
      'POST',
      '/',
      'ssm',
      64 * 1024 * 1024 + 1,
      'RequestEntityTooLargeException',
      "Request must be smaller than 67108864 bytes: the local cloud's limit for a request body.",
    ],
  ])('answers %s with 413 before reading it', async (_what, method, p, service, length, code, message) => {
    const before = emu.calls.length;
    const res = await declareLength({ method, path: p, headers: signed(service), length });
    expect(res.status).toBe(413);
    const type = res.headers['x-amzn-errortype'] ?? JSON.parse(res.body).__type;
    expect(type).toBe(code);
    expect(JSON.parse(res.body).message).toBe(message);
    expect(emu.calls.slice(before)).toEqual([
      expect.objectContaining({ service, statusCode: 413, errorCode: code }),
    ]);
  });

  it('answers an S3 PutObject over 64 MiB with 413 EntityTooLarge and stores nothing', async () => {
    const res = await declareLength({
      method: 'PUT',
      path: `/${BUCKET}/big-${MARK}`,
      headers: signed('s3'),
      length: 64 * 1024 * 1024 + 1,
    });
    expect(res.status).toBe(413);
    expect(xmlCode(res.body)).toBe('EntityTooLarge');
    expect(await objectExists(`big-${MARK}`)).toBe(false);
  });

  it('answers an execute-api request over 10 MB as API Gateway does', async () => {
    const res = await declareLength({
      method: 'POST',
      path: '/restapis/abc123/prod/_user_request_/upload',
      headers: {},
      length: 10 * 1024 * 1024 + 1,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ message: 'Request Too Long' });
    expect(emu.calls.at(-1)).toMatchObject({
      service: 'execute-api',
      statusCode: 413,
      errorCode: 'REQUEST_TOO_LARGE',
    });
  });

  it('stops reading a chunked Invoke body (no Content-Length) once it passes 6 MB', async () => {
    const res = await streamUntilAnswered({
      method: 'POST',
      path: '/2015-03-31/functions/fn/invocations',
      headers: signed('lambda'),
      max: 64 * 1024 * 1024,
    });
    expect(res.status).toBe(413);
    expect(res.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
    expect(res.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('stops reading a chunked S3 upload once it passes 64 MiB and stores nothing', async () => {
    const res = await streamUntilAnswered({
      method: 'PUT',
      path: `/${BUCKET}/chunked-${MARK}`,
      headers: signed('s3'),
      max: 128 * 1024 * 1024,
    });
    expect(res.status).toBe(413);
    expect(xmlCode(res.body)).toBe('EntityTooLarge');
    expect(res.sent).toBeLessThan(128 * 1024 * 1024);
    expect(await objectExists(`chunked-${MARK}`)).toBe(false);
  });
});

describe('malformed bodies', () => {
  it.each([
    [
      'DynamoDB PutItem',
      'dynamodb',
      { 'x-amz-target': 'DynamoDB_20120810.PutItem', 'content-type': 'application/x-amz-json-1.0' },
      '{"TableName": "t", "Item": {',
      'com.amazon.coral.service#SerializationException',
    ],
    [
      'SSM PutParameter',
      'ssm',
      { 'x-amz-target': 'AmazonSSM.PutParameter', 'content-type': 'application/x-amz-json-1.1' },
      '{"Name":',
      'SerializationException',
    ],
    [
      'CloudWatch PutMetricAlarm',
      'monitoring',
      {
        'x-amz-target': 'GraniteServiceVersion20100801.PutMetricAlarm',
        'content-type': 'application/x-amz-json-1.0',
      },
      '{"AlarmName":',
      'com.amazonaws.cloudwatch#SerializationException',
    ],
  ])('answers malformed JSON to %s with 400 %s', async (_what, service, headers, body, type) => {
    const res = await send({ method: 'POST', path: '/', headers: { ...signed(service), ...headers }, body });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe(type);
  });

  it('answers malformed JSON to Lambda CreateFunction with 400 SerializationException and creates nothing', async () => {
    const res = await send({
      method: 'POST',
      path: '/2015-03-31/functions',
      headers: { ...signed('lambda'), 'content-type': 'application/json' },
      body: '{"FunctionName": "hostile-fn", "Code": {',
    });
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
    expect(emu.state.lambda.functions.has('hostile-fn')).toBe(false);
  });

  it('answers malformed XML to S3 DeleteObjects with 400 MalformedXML', async () => {
    const res = await send({
      method: 'POST',
      path: `/${BUCKET}?delete`,
      headers: { ...signed('s3'), 'content-type': 'application/xml' },
      body: '<Delete><Object><Key>a</Key>',
    });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe('MalformedXML');
  });

  it('answers a malformed template to CloudFormation CreateChangeSet with 400 ValidationError', async () => {
    const form = new URLSearchParams({
      Action: 'CreateChangeSet',
      Version: '2010-05-15',
      StackName: 'hostile-stack',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: '{"Resources":',
    });
    const res = await send({
      method: 'POST',
      path: '/',
      headers: { ...signed('cloudformation'), 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe('ValidationError');
    expect(xmlMessage(res.body)).toMatch(/^Template format error/);
  });
});

describe('afterwards', () => {
  it('left nothing outside the data folder and no object it refused', async () => {
    expect(await strayFiles()).toEqual([]);
    expect(await readdir(outside)).toEqual(['canary']);
    expect((await allKeys()).filter((k) => k.includes(MARK))).toEqual([
      `..\\..\\${path.basename(outside)}\\${MARK}-backslash`,
    ]);
    const err = await errorOf(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `big-${MARK}` })));
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });
});
