// The load generator signs Invoke itself (aws/sigv4.ts, aws/lambda-invoke.ts). The local cloud
// checks only a signature's shape, so its value is checked here: byte for byte what
// @smithy/signature-v4 (the SDK's signer) writes for the same request, and the request itself
// the same as the SDK's InvokeCommand sends, telemetry headers aside.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SignatureV4 } from '@smithy/signature-v4';
import { RequestSigner, amzDate } from '../../src/aws/sigv4.js';
import { basePath, invokeShape, signedInvokeHeaders } from '../../src/aws/lambda-invoke.js';
import type { SigningCredentials } from '../../src/aws/sigv4.js';

/** What the signer hands its hash: strings, views or buffers. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: SourceData): string | Buffer =>
  typeof d === 'string'
    ? d
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/** The SDK's hash for Node (what @smithy/hash-node does): HMAC with a secret, SHA-256 without. */
class Sha256 {
  readonly #hash;
  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

const SESSION: SigningCredentials = {
  accessKeyId: 'ASIAEXAMPLEKEY',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token+with/slashes==',
};
const LONG_TERM: SigningCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret/key+1' };

interface Case {
  readonly name: string;
  readonly endpoint: string;
  readonly region: string;
  readonly functionName: string;
  readonly qualifier: string;
  readonly credentials: SigningCredentials;
  readonly logTail: boolean;
  readonly body: string;
}

const CASES: Case[] = [
  {
    name: 'a session, the log tail, a version',
    endpoint: 'https://lambda.eu-west-1.amazonaws.com/',
    region: 'eu-west-1',
    functionName: 'webhook-lmi',
    qualifier: '7',
    credentials: SESSION,
    logTail: true,
    body: JSON.stringify({ body: '{"event_type":"lmi_cutover.check"}', headers: { 'webhook-id': 'x y' } }),
  },
  {
    name: 'long-term keys, no tail, an alias, a local endpoint with a port',
    endpoint: 'http://127.0.0.1:4566/',
    region: 'us-east-1',
    functionName: 'webhook-standard',
    qualifier: 'prod',
    credentials: LONG_TERM,
    logTail: false,
    body: '{}',
  },
  {
    name: 'a function ARN (colons in the path) and a path prefix on the endpoint',
    endpoint: 'http://localhost:9000/lambda-proxy/',
    region: 'ap-southeast-2',
    functionName: 'arn:aws:lambda:ap-southeast-2:123456789012:function:orders',
    qualifier: '12',
    credentials: SESSION,
    logTail: true,
    body: 'ünïcödé ✓',
  },
];

const pairs = (flat: readonly string[]) =>
  Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]));

function ours(c: Case, epochMs: number, signer = new RequestSigner(c.region, 'lambda')) {
  const url = new URL(c.endpoint);
  const shape = invokeShape(basePath(url), c.functionName, c.qualifier);
  const headers = signedInvokeHeaders(
    { host: url.host, shape, signer },
    { payload: Buffer.from(c.body), logTail: c.logTail },
    c.credentials,
    amzDate(epochMs),
  );
  return { shape, headers: pairs(headers) };
}

describe('SigV4 for Invoke', () => {
  const at = Date.UTC(2026, 2, 14, 23, 59, 58);

  it.each(CASES)('signs as @smithy/signature-v4 does: $name', async (c) => {
    const { shape, headers } = ours(c, at);
    const url = new URL(c.endpoint);
    const { authorization, 'user-agent': _ua, ...toSign } = headers;
    const [path, query] = shape.path.split('?') as [string, string];
    const reference = new SignatureV4({
      credentials: c.credentials,
      region: c.region,
      service: 'lambda',
      sha256: Sha256,
      uriEscapePath: true,
    });
    const signed = await reference.sign(
      {
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path,
        query: Object.fromEntries(new URLSearchParams(query)),
        headers: Object.fromEntries(
          Object.entries(toSign).filter(([k]) => k !== 'x-amz-date' && k !== 'x-amz-security-token'),
        ),
        body: Buffer.from(c.body),
      },
      { signingDate: new Date(at) },
    );
    expect(authorization).toBe(signed.headers.authorization);
    expect(headers['x-amz-date']).toBe(signed.headers['x-amz-date']);
    expect(headers['x-amz-security-token']).toBe(signed.headers['x-amz-security-token']);
    expect(authorization).toContain(
      `SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-invocation-type;x-amz-log-type${c.credentials.sessionToken ? ';x-amz-security-token' : ''},`,
    );
  });

  it('keeps one signing key per day and credentials: a new day or new keys sign differently', () => {
    const c = CASES[0]!;
    const signer = new RequestSigner(c.region, 'lambda');
    const first = ours(c, at, signer).headers.authorization;
    // Same instant, the cached key: the same signature.
    expect(ours(c, at, signer).headers.authorization).toBe(first);
    // Two seconds later it is another day: a key derived afresh, as a fresh signer derives it.
    const nextDay = at + 2000;
    expect(ours(c, nextDay, signer).headers.authorization).toBe(ours(c, nextDay).headers.authorization);
    const rotated = { ...c, credentials: { ...SESSION, secretAccessKey: 'another-secret' } };
    expect(ours(rotated, nextDay, signer).headers.authorization).toBe(
      ours(rotated, nextDay).headers.authorization,
    );
    expect(ours(rotated, nextDay, signer).headers.authorization).not.toBe(
      ours(c, nextDay).headers.authorization,
    );
  });

  it("sends the SDK InvokeCommand's request: method, path, query and every header AWS reads", async () => {
    const c = CASES[2]!;
    const client = new LambdaClient({
      region: c.region,
      endpoint: c.endpoint,
      credentials: c.credentials,
      maxAttempts: 1,
    });
    let captured:
      | { method: string; path: string; query: Record<string, string>; headers: Record<string, string> }
      | undefined;
    client.middlewareStack.add(
      () => (args) => {
        captured = args.request as typeof captured;
        throw new Error('captured');
      },
      { step: 'finalizeRequest', priority: 'low', name: 'captureRequest' },
    );
    await expect(
      client.send(
        new InvokeCommand({
          FunctionName: c.functionName,
          Qualifier: c.qualifier,
          InvocationType: 'RequestResponse',
          LogType: 'Tail',
          Payload: Buffer.from(c.body),
        }),
      ),
    ).rejects.toThrow('captured');
    client.destroy();
    const sdk = captured!;
    const { shape, headers } = ours(
      c,
      Date.parse(
        `${sdk.headers['x-amz-date']!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')}`,
      ),
    );
    expect(shape.path).toBe(`${sdk.path}?Qualifier=${sdk.query.Qualifier}`);
    const telemetry = /^(user-agent|x-amz-user-agent|amz-sdk-.*|authorization)$/;
    const strip = (h: Record<string, string>) =>
      Object.fromEntries(Object.entries(h).filter(([k]) => !telemetry.test(k)));
    expect(strip(headers)).toEqual(strip(sdk.headers));
  });
});
