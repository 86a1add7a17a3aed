// What the code sees and writes: Lambda's environment variables per environment, the context
// object, per-request log capture under concurrency, and the 4 KB Tail.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { RuntimeLogLine } from '../../emulator/runtime/index.js';
import { body, FIXTURES, invoke, OPTIONS, Runtimes, spec, tail } from './helpers.js';

const runtimes = new Runtimes();
afterEach(() => runtimes.stopAll());

const LAMBDA_VARS = [
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_MAX_CONCURRENCY',
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'LAMBDA_TASK_ROOT',
  '_HANDLER',
  'AWS_EXECUTION_ENV',
  'MY_SETTING',
];

describe('environment variables and context', () => {
  it('gives an LMI environment the Lambda variables, its own log stream and the spec environment', async () => {
    const runtime = runtimes.create(
      spec('envdump', {
        memoryMb: 4096,
        environment: { MY_SETTING: 'from-template' },
        lmi: { minEnvironments: 2 },
      }),
    );
    await runtime.start();
    const results = await Promise.all([1, 2].map(() => invoke(runtime, { names: LAMBDA_VARS })));
    const vars = body<Record<string, string | null>>(results[0]!);
    expect(vars).toEqual({
      AWS_LAMBDA_FUNCTION_NAME: 'fixture-envdump',
      AWS_LAMBDA_FUNCTION_VERSION: '1',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '4096',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fixture-envdump',
      AWS_LAMBDA_LOG_STREAM_NAME: expect.stringMatching(
        new RegExp(`^\\d{4}/\\d\\d/\\d\\d/\\[1\\]${results[0]!.environmentId}$`),
      ),
      AWS_LAMBDA_MAX_CONCURRENCY: '16',
      AWS_ENDPOINT_URL: OPTIONS.endpoint,
      AWS_ACCESS_KEY_ID: OPTIONS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: OPTIONS.secretAccessKey,
      LAMBDA_TASK_ROOT: `${FIXTURES}/envdump`,
      _HANDLER: 'index.handler',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      MY_SETTING: 'from-template',
    });
    // Two environments, two log streams; the test process's own environment is untouched.
    const streams = results.map((r) => body<Record<string, string>>(r).AWS_LAMBDA_LOG_STREAM_NAME);
    expect(new Set(streams).size).toBe(2);
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
  });

  it('leaves AWS_LAMBDA_MAX_CONCURRENCY unset on standard Lambda', async () => {
    const runtime = runtimes.create(spec('envdump', { lmi: false }));
    const vars = body<Record<string, string | null>>(await invoke(runtime, { names: LAMBDA_VARS }));
    expect(vars.AWS_LAMBDA_MAX_CONCURRENCY).toBeNull();
    expect(vars.AWS_LAMBDA_FUNCTION_NAME).toBe('fixture-envdump');
  });

  it('passes a context object per invocation', async () => {
    const runtime = runtimes.create(spec('esm', { timeoutSeconds: 30, lmi: { minEnvironments: 1 } }));
    await runtime.start();
    const result = await runtime.invoke({ payload: Buffer.from('{"a":1}'), requestId: 'req-context' });
    const context = body<Record<string, unknown>>(result);
    expect(context).toMatchObject({
      event: { a: 1 },
      awsRequestId: 'req-context',
      functionName: 'fixture-esm',
      functionVersion: '1',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:fixture-esm:1',
      memoryLimitInMB: '2048',
      logGroupName: '/aws/lambda/fixture-esm',
      logStreamName: expect.stringContaining(result.environmentId),
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.remainingMs).toBeGreaterThan(25_000);
    expect(context.remainingMs).toBeLessThanOrEqual(30_000);
  });
});

describe('logs', () => {
  it('attributes each line to its own request while many run on one worker', async () => {
    const lines: RuntimeLogLine[] = [];
    const runtime = runtimes.create(spec('logger', { lmi: { minEnvironments: 1, maxConcurrency: 32 } }), {
      onLog: (line) => lines.push(line),
    });
    await runtime.start();
    const tags = Array.from({ length: 20 }, (_, i) => `tag-${i}`);
    const results = await Promise.all(
      tags.map((tag, i) =>
        runtime.invoke({
          payload: Buffer.from(JSON.stringify({ tag, ms: 5 + ((i * 7) % 30) })),
          requestId: `req-${tag}`,
          logType: 'Tail',
        }),
      ),
    );
    expect(runtime.counters().peakInFlightByEnvironment).toEqual({ [results[0]!.environmentId]: 20 });
    for (const [i, result] of results.entries()) {
      const tag = tags[i]!;
      const own = tail(result).replace(/\n$/, '').split('\n');
      expect(own[0]).toBe(`START RequestId: req-${tag} Version: 1`);
      expect(own.slice(1, 4)).toEqual([
        expect.stringMatching(new RegExp(`^\\S+Z\\treq-${tag}\\tINFO\\tbegin ${tag}$`)),
        expect.stringMatching(new RegExp(`^\\S+Z\\treq-${tag}\\tWARN\\tmiddle ${tag}$`)),
        JSON.stringify({ level: 'INFO', message: 'structured', tag }),
      ]);
      expect(own[4]).toMatch(new RegExp(`^\\S+Z\\treq-${tag}\\tERROR\\tend ${tag}$`));
      expect(own[5]).toBe(`END RequestId: req-${tag}`);
      expect(own[6]).toMatch(new RegExp(`^REPORT RequestId: req-${tag}\\t`));
      expect(own).toHaveLength(7);
    }
    // The log sink saw the same lines, each tagged with its request.
    const forTag3 = lines.filter((l) => l.requestId === 'req-tag-3').map((l) => l.line);
    expect(forTag3).toEqual(tail(results[3]!).replace(/\n$/, '').split('\n'));
    expect(lines.find((l) => l.requestId === undefined)?.line).toMatch(/\t-\tINFO\tmodule initialized$/);
  });

  it('returns only the last 4 KB of a long log, ending with the REPORT line', async () => {
    const runtime = runtimes.create(spec('logger', { lmi: { minEnvironments: 1 } }));
    await runtime.start();
    const result = await invoke(runtime, { tag: 'long', filler: 200, ms: 1 }, 'Tail');
    const decoded = Buffer.from(result.logResult!, 'base64');
    expect(decoded.length).toBe(4096);
    expect(result.logs!.length).toBeGreaterThan(4096);
    expect(decoded.toString('utf8').replace(/\n$/, '').split('\n').at(-1)).toMatch(/^REPORT RequestId: /);
    expect((await invoke(runtime, { tag: 'none', ms: 1 })).logResult).toBeUndefined();
  });
});
