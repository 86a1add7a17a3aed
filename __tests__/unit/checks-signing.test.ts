// The checks file's `signing`: parsed and refused with paths like every other section; each
// request signed as it is sent, with a fresh delivery id and the secret read from SSM (named in
// the file or in the LMI function's environment), verifiable by the workload's own verifier; a
// request without a body stays without one; a missing variable is named.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { parseChecksFile } from '../../src/config/checks-file.js';
import { signerFor } from '../../src/pipeline/verify/checks/signing.js';
import { newSigningSecret } from '../../src/pipeline/webhook/signature.js';
import { verifyWebhookSignature } from '../../workload/src/signature.js';
import { signingKeys } from '../../workload/src/__tests__/helpers/requests.js';
import { testContext } from './support.js';

const ssm = mockClient(SSMClient);
const SECRET = newSigningSecret();
beforeEach(() => {
  ssm.reset();
  ssm.on(GetParameterCommand, { Name: '/webhook/secret', WithDecryption: true }).resolves({
    Parameter: { Value: SECRET },
  });
});

const FILE = `
signing:
  scheme: standard-webhooks
  secret: { functionEnvironment: SIGNING_SECRET_PARAMETER }
checks:
  - name: stored
    request: { method: POST, path: /webhooks, body: { event_type: a.b } }
    expect: { status: 201 }
  - name: unsigned refused
    signed: false
    request: { method: POST, path: /webhooks, body: {} }
    expect: { status: 401 }
`;

describe('signing in the checks file', () => {
  it('parses the section and the per-check opt-out', () => {
    const f = parseChecksFile(FILE, 'checks.yaml');
    expect(f.signing).toEqual({
      scheme: 'standard-webhooks',
      secret: { functionEnvironment: 'SIGNING_SECRET_PARAMETER' },
    });
    expect(f.checks.map((c) => c.signed)).toEqual([undefined, false]);
  });

  it('refuses an unknown scheme and a secret that says neither where nor what, by path', () => {
    const bad = FILE.replace('standard-webhooks', 'md5').replace(
      '{ functionEnvironment: SIGNING_SECRET_PARAMETER }',
      '{ vault: x }',
    );
    expect(() => parseChecksFile(bad, 'checks.yaml')).toThrow(
      expect.objectContaining({
        details: [
          expect.stringMatching(/^signing\.scheme: .*\(line 3\)$/),
          expect.stringMatching(/^signing\.secret: .*\(line 4\)$/),
        ],
      }),
    );
  });

  it('refuses the retired lmi-cutover-hmac scheme, saying what to write instead, with every other problem', () => {
    const old = FILE.replace('standard-webhooks', 'lmi-cutover-hmac').replace(
      'expect: { status: 401 }',
      'expect: {}',
    );
    expect(() => parseChecksFile(old, 'checks.yaml')).toThrow(
      expect.objectContaining({
        details: [
          expect.stringMatching(
            /^signing\.scheme: lmi-cutover-hmac is no longer supported .*write scheme: standard-webhooks.*\(line 3\)$/,
          ),
          expect.stringMatching(/^checks\[1\]\.expect: at least one expectation \(line 12\)$/),
        ],
      }),
    );
  });
});

describe('signerFor', () => {
  const env = { SIGNING_SECRET_PARAMETER: '/webhook/secret' };

  it('signs each request as the workload verifies it, with a fresh delivery id each time', async () => {
    const ctx = testContext();
    const sign = await signerFor(
      ctx,
      { scheme: 'standard-webhooks', secret: { functionEnvironment: 'SIGNING_SECRET_PARAMETER' } },
      { runId: 'r1', functionEnvironment: env, functionName: 'fn' },
    );
    const spec = { method: 'POST' as const, path: '/webhooks', body: { event_type: 'a.b' } };
    const a = sign!(spec, 'smoke');
    const b = sign!(spec, 'probe');
    expect(a.body).toBe('{"event_type":"a.b"}');
    expect(a.headers).toMatchObject({
      'Content-Type': 'application/json',
      'webhook-id': 'lmi-cutover.r1.smoke.1',
    });
    expect(b.headers?.['webhook-id']).toBe('lmi-cutover.r1.probe.2');
    const ts = Number(a.headers!['webhook-timestamp']);
    expect(
      verifyWebhookSignature(new Headers(a.headers), Buffer.from(a.body as string), {
        keys: signingKeys(SECRET),
        nowSeconds: ts,
        toleranceSeconds: 300,
      }),
    ).toEqual({ valid: true, keyNumber: 1 });
    // The secret was masked as soon as it was read.
    expect(ctx.progress.masked).toContain(SECRET);
    // A request without a body is signed over "" and sent without a body or a Content-Type.
    const get = sign!({ method: 'GET', path: '/health' }, 'smoke');
    expect(get).not.toHaveProperty('body');
    expect(get.headers).not.toHaveProperty('Content-Type');
    expect(get.headers).toHaveProperty('webhook-signature');
  });

  it('reads a named parameter, and names the missing environment variable', async () => {
    const ctx = testContext();
    const sign = await signerFor(
      ctx,
      { scheme: 'standard-webhooks', secret: { ssmParameter: '/webhook/secret' } },
      { runId: 'r', functionEnvironment: {}, functionName: 'fn' },
    );
    expect(sign).toBeDefined();
    await expect(
      signerFor(
        ctx,
        { scheme: 'standard-webhooks', secret: { functionEnvironment: 'NOPE' } },
        { runId: 'r', functionEnvironment: env, functionName: 'orders-lmi' },
      ),
    ).rejects.toMatchObject({
      code: 'SIGNING_SECRET_UNAVAILABLE',
      message: expect.stringContaining('orders-lmi has no NOPE environment variable'),
    });
    expect(
      await signerFor(ctx, undefined, { runId: 'r', functionEnvironment: env, functionName: 'fn' }),
    ).toBeUndefined();
  });
});
