// The READMEs' "how a sender signs" snippets, run exactly as written with bash and openssl, and
// the request they would send handed to the workload's real handler: the docs cannot drift
// from what the workload accepts. `curl` is a shell function here that prints its arguments
// (no network), so the test reads the URL, headers and body the snippet would send.
import '../../workload/src/__tests__/helpers/lmi-env.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { startDynalite, type LocalDynamo } from '../../workload/src/__tests__/helpers/dynalite.js';
import { createHarness, eventItems, type Harness } from '../../workload/src/__tests__/helpers/harness.js';
import {
  lambdaContext,
  newSecret,
  parseResponse,
  proxyEvent,
  signingKeys,
} from '../../workload/src/__tests__/helpers/requests.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const API_URL = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod';

/** The shell code between `<!-- signing-snippet -->` and `<!-- /signing-snippet -->`. */
function snippet(readme: string): string {
  const text = readFileSync(`${ROOT}${readme}`, 'utf8');
  const block = /<!-- signing-snippet -->\s*```sh\n([\s\S]*?)```\s*<!-- \/signing-snippet -->/.exec(text);
  if (!block?.[1]) throw new Error(`${readme} has no signing-snippet block`);
  return block[1];
}

interface CurlCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Runs the snippet with bash; each curl call comes back as its URL, headers and body. */
async function runSnippet(code: string, env: Record<string, string>): Promise<CurlCall[]> {
  // One argument per line, NUL-terminated calls: headers and bodies here hold no newlines.
  const fakeCurl = `curl() { printf '%s\\n' "$@"; printf '\\0'; }\n`;
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', fakeCurl + code], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  return stdout
    .split('\0')
    .filter((call) => call.trim().length > 0)
    .map((call) => {
      const args = call.replace(/^\n/, '').replace(/\n$/, '').split('\n');
      const parsed: CurlCall = { url: '', headers: {}, body: '' };
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-H') {
          const header = args[++i]!;
          const colon = header.indexOf(':');
          parsed.headers[header.slice(0, colon)] = header.slice(colon + 1).trim();
        } else if (arg === '-d') parsed.body = args[++i]!;
        else if (!arg.startsWith('-')) parsed.url = arg;
      }
      return parsed;
    });
}

/** The request as API Gateway would hand it to the function. */
const asEvent = (call: CurlCall): APIGatewayProxyEvent =>
  proxyEvent({
    path: new URL(call.url).pathname.replace(/^\/prod/, ''),
    headers: call.headers,
    body: call.body,
  });

let dynamo: LocalDynamo;
let harness: Harness;
const secret = newSecret();
beforeAll(async () => {
  dynamo = await startDynalite();
  harness = await createHarness({ dynamo, signingSecret: async () => signingKeys(secret) });
});
afterAll(async () => {
  await dynamo.close();
});

describe.each(['README.md', 'workload/README.md'])('the signing snippet of %s', (readme) => {
  it('makes a request the workload accepts and stores, byte for byte', async () => {
    const calls = await runSnippet(snippet(readme), { SECRET: secret, API_URL });
    expect(calls).toHaveLength(1);
    const [call] = calls as [CurlCall];
    expect(call.url).toBe(`${API_URL}/webhooks`);
    expect(Object.keys(call.headers).map((h) => h.toLowerCase())).toEqual(
      expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']),
    );
    const res = parseResponse(await harness.handler(asEvent(call), lambdaContext()));
    expect(res.statusCode).toBe(201);
    const stored = eventItems(await harness.items()).find((i) => i.event_id === res.body.event_id);
    expect(stored).toMatchObject({ delivery_id: call.headers['webhook-id'], payload: call.body });
  });

  it('signed with another secret, the same request is refused', async () => {
    const [call] = (await runSnippet(snippet(readme), { SECRET: newSecret(), API_URL })) as [CurlCall];
    const res = parseResponse(await harness.handler(asEvent(call), lambdaContext()));
    expect(res.statusCode).toBe(401);
    expect(res.body).toMatchObject({ details: { reason: 'signature-mismatch' } });
  });
});

it('the rotation line (sign with the old and the new secret) is accepted by a receiver holding either', async () => {
  const text = readFileSync(`${ROOT}workload/README.md`, 'utf8');
  const line = /`(-H "webhook-signature: \$\(sign "\$old"\) \$\(sign "\$new"\)")`/.exec(text)?.[1];
  expect(line).toBeDefined();
  // The snippet with its header replaced by the README's rotation header.
  const code = snippet('workload/README.md').replace(/-H "webhook-signature: \$\(sign "\$SECRET"\)"/, line!);
  const old = newSecret();
  const [call] = (await runSnippet(code, { old, new: secret, API_URL })) as [CurlCall];
  expect(call.headers['webhook-signature']!.split(' ')).toHaveLength(2);
  for (const holds of [secret, old]) {
    const receiver = await createHarness({ dynamo, signingSecret: async () => signingKeys(holds) });
    expect((await receiver.handler(asEvent(call), lambdaContext())).statusCode).toBe(201);
  }
});
