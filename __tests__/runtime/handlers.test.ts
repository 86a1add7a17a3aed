// Handler resolution as Lambda's Node.js runtime does it (ESM, CommonJS by extension or by
// package.json type, nested paths, dotted exports) and the error payloads for code that
// cannot load or that fails.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { body, invoke, Runtimes, spec, tail } from './helpers.js';

const runtimes = new Runtimes();
afterEach(() => runtimes.stopAll());

/** Runs one invocation on a standard runtime, which reports init failures in the response. */
async function invokeOnce(fixture: string, handler: string, event: unknown = {}) {
  const result = await invoke(runtimes.create(spec(fixture, { handler, lmi: false })), event, 'Tail');
  return { result, payload: body(result) };
}

describe('handler resolution', () => {
  it.each([
    ['esm', 'index.handler', 'esm'],
    ['cjs', 'app.handler', 'cjs-js'],
    ['cjs', 'lib/tool.handler', 'cjs-cjs'],
    ['nested', 'src/handlers/app.handler', 'nested'],
  ])('loads %s with handler %s', async (fixture, handler, kind) => {
    const { result, payload } = await invokeOnce(fixture, handler, { value: 7 });
    expect(result.functionError).toBeUndefined();
    expect(payload).toMatchObject({ kind });
  });

  it('resolves a dotted export path', async () => {
    const { result } = await invokeOnce('esm', 'index.nested.deeper.handler');
    expect(JSON.parse(result.payload.toString())).toBe('dotted export path');
  });

  it.each([
    [
      'nope.handler',
      'Runtime.ImportModuleError',
      "Error: Cannot find module 'nope'\nRequire stack:\n- /var/runtime/index.mjs",
    ],
    ['index.missing', 'Runtime.HandlerNotFound', 'index.missing is undefined or not exported'],
    ['index.notAFunction', 'Runtime.HandlerNotFound', 'index.notAFunction is not a function'],
    ['index', 'Runtime.MalformedHandlerName', 'Bad handler'],
  ])('answers %s with %s', async (handler, errorType, errorMessage) => {
    const { result, payload } = await invokeOnce('esm', handler);
    expect(result.functionError).toBe('Unhandled');
    expect(payload).toMatchObject({ errorType, errorMessage });
    expect(tail(result)).toContain('\tERROR\tInit Error \t{');
    expect(tail(result)).toMatch(/REPORT RequestId: .*Init Duration: [\d.]+ ms\tStatus: error\t/);
  });

  it('refuses handler paths that climb out of the task root', async () => {
    const { payload } = await invokeOnce('esm', '../sleeper/index.handler');
    expect(payload).toMatchObject({ errorType: 'Runtime.MalformedHandlerName' });
  });

  describe('with generated code', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'runtime-handlers-'));
      writeFileSync(path.join(dir, 'broken.mjs'), 'export const handler = async () => {\n');
      writeFileSync(
        path.join(dir, 'imports.mjs'),
        "import 'left-pad-that-is-not-installed';\nexport const handler = 1;\n",
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports a syntax error as Runtime.UserCodeSyntaxError', async () => {
      const runtime = runtimes.create(spec('esm', { codeDir: dir, handler: 'broken.handler', lmi: false }));
      const result = await invoke(runtime);
      expect(body(result)).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError' });
      expect(body<{ errorMessage: string }>(result).errorMessage).toMatch(/^SyntaxError: /);
    });

    it('reports a missing package import as Runtime.ImportModuleError', async () => {
      const runtime = runtimes.create(spec('esm', { codeDir: dir, handler: 'imports.handler', lmi: false }));
      const result = await invoke(runtime);
      expect(body(result)).toMatchObject({
        errorType: 'Runtime.ImportModuleError',
        errorMessage: expect.stringContaining("Cannot find package 'left-pad-that-is-not-installed'"),
      });
    });
  });
});

describe('init limits', () => {
  it('times out a standard cold start whose init outlasts the limit', async () => {
    const runtime = runtimes.create(spec('slowinit', { lmi: false, timeoutSeconds: 3 }), {
      initTimeoutMs: 300,
    });
    const result = await runtime.invoke({ payload: Buffer.from('{}'), requestId: 'req-init' });
    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-init Error: Task timed out after 3.00 seconds',
    });
    expect(runtime.counters().environments).toBe(0);
  });

  it('fails an LMI start with FunctionError.InitTimeout', async () => {
    const runtime = runtimes.create(spec('slowinit', { lmi: { minEnvironments: 1 } }), {
      initTimeoutMs: 300,
    });
    await expect(runtime.start()).rejects.toMatchObject({ stateReasonCode: 'FunctionError.InitTimeout' });
  });
});

describe('handler errors', () => {
  it("returns Lambda's error payload with the error's name, message and trace", async () => {
    const runtime = runtimes.create(spec('thrower', { lmi: { minEnvironments: 1 } }));
    await runtime.start();
    const result = await runtime.invoke({
      payload: Buffer.from('{"card":"4242"}'),
      requestId: 'req-declined',
      logType: 'Tail',
    });
    expect(result.functionError).toBe('Unhandled');
    const payload = body<{ errorType: string; errorMessage: string; trace: string[] }>(result);
    expect(payload).toMatchObject({ errorType: 'PaymentDeclined', errorMessage: 'card 4242 declined' });
    expect(payload.trace[0]).toBe('PaymentDeclined: card 4242 declined');
    expect(payload.trace.some((line) => line.includes('thrower/index.mjs'))).toBe(true);
    expect(tail(result)).toMatch(/\treq-declined\tERROR\tInvoke Error \t\{"errorType":"PaymentDeclined"/);
    expect(runtime.counters()).toMatchObject({ invocations: 1, errors: 1 });
  });

  it('rejects an event that is not JSON as InvalidRequestContentException', async () => {
    const runtime = runtimes.create(spec('esm', { lmi: { minEnvironments: 1 } }));
    await runtime.start();
    await expect(runtime.invoke({ payload: Buffer.from('{not json'), requestId: 'r' })).rejects.toMatchObject(
      {
        name: 'InvalidRequestContentException',
        statusCode: 400,
      },
    );
    expect(runtime.counters().invocations).toBe(0);
  });

  it('answers a response over 6 MB with Function.ResponseSizeTooLarge', async () => {
    const runtime = runtimes.create(spec('bigresponse', { lmi: { minEnvironments: 1 } }));
    await runtime.start();
    const small = await invoke(runtime, { bytes: 1024 });
    expect(small.functionError).toBeUndefined();
    const large = await invoke(runtime, { bytes: 6_300_000 });
    expect(large.functionError).toBe('Unhandled');
    expect(body(large)).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
  });

  it('fails clearly on an invalid spec', () => {
    expect(() => runtimes.create(spec('esm', { codeDir: '/nowhere/at/all', memoryMb: 0 }))).toThrow(
      /spec\.codeDir must be an existing directory.*spec\.memoryMb/,
    );
  });
});
