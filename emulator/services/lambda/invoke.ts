// Lambda Invoke: resolves the function and qualifier (alias routing weights included), checks
// the version's state and the payload quota as Lambda does, and runs the invocation through
// the code runner. Serves the Invoke API and API Gateway's aws_proxy integration alike.
import { AwsError } from '../../errors.js';
import type { Timers } from '../../core/timers.js';
import { header, type EmuRequest, type EmuResponse } from '../../http/types.js';
import type { InvokeResult } from '../../runtime/index.js';
import type { CodeRunner } from './code-runner.js';
import { conflict, lambdaError, notFound } from './errors.js';
import type { InvokeHook } from './index.js';
import type { FunctionRecord, VersionRecord } from './model.js';
import { functionArn } from './names.js';
import { LATEST_PUBLISHED } from './publish.js';
import type { LambdaStore } from './store.js';

type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** Lambda's payload quotas: 6 MB synchronous, 1 MB asynchronous. */
const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
const MAX_ASYNC_PAYLOAD = 1024 * 1024;

export interface InvokeInput {
  functionName: string;
  qualifier?: string;
  payload: Buffer;
  requestId: string;
  logType?: 'None' | 'Tail';
}

/**
 * One invocation as CloudWatch's AWS/Lambda metrics count it (emulator/services/cloudwatch):
 * recorded for every request that reached an execution environment or was throttled there.
 */
export interface InvocationRecord {
  /** When the invocation started (epoch ms). */
  at: number;
  functionName: string;
  /** The qualifier invoked (a version, an alias or $LATEST); undefined when unqualified. */
  qualifier?: string;
  /** Set when the qualifier is an alias. */
  alias?: string;
  /** The version that ran (or would have run, when throttled). */
  executedVersion: string;
  durationMs: number;
  functionError: boolean;
  /** TooManyRequestsException (429) from the execution environments. */
  throttled: boolean;
  coldStart: boolean;
}

export type InvocationListener = (record: InvocationRecord) => void;

const INVOCATION_TYPES: InvocationType[] = ['Event', 'RequestResponse', 'DryRun'];
const LOG_TYPES = ['None', 'Tail'] as const;

const enumError = (value: string, field: string, allowed: readonly string[]) =>
  new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );

/** Lambda's answer to invoking a version that is not Active (Pending, Failed, ActiveNonInvocable). */
const notInvocable = (state: string): AwsError =>
  conflict(
    `The operation cannot be performed at this time. The function is currently in the following state: ${state}`,
  );

function tooLarge(size: number, type: InvocationType): AwsError | undefined {
  if (type === 'Event' && size > MAX_ASYNC_PAYLOAD) {
    return lambdaError(
      'RequestEntityTooLargeException',
      `${size} byte payload is too large for the Event invocation type (limit ${MAX_ASYNC_PAYLOAD} bytes)`,
      413,
    );
  }
  if (size > MAX_SYNC_PAYLOAD) {
    return lambdaError(
      'RequestEntityTooLargeException',
      `Request must be smaller than ${MAX_SYNC_PAYLOAD} bytes for the InvokeFunction operation`,
      413,
    );
  }
  return undefined;
}

/** Client context: base64 of a JSON object, at most 3583 bytes, as Lambda accepts it. */
function checkClientContext(raw: string | undefined): void {
  if (raw === undefined) return;
  let ok = raw.length <= 3583;
  if (ok) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
      ok = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw lambdaError(
      'InvalidRequestContentException',
      'Client context must be a valid Base64-encoded JSON object of at most 3583 bytes.',
    );
  }
}

export class LambdaInvoker {
  constructor(
    private readonly store: LambdaStore,
    private readonly runner: CodeRunner,
    private readonly timers: Timers,
    private readonly log: (line: string) => void,
    private readonly onInvocation?: InvocationListener,
  ) {}

  /** Runs one invocation on the version's runtime, recording it for CloudWatch. */
  private async run(
    fn: FunctionRecord,
    version: VersionRecord,
    qualifier: string | undefined,
    go: () => Promise<InvokeResult>,
  ): Promise<InvokeResult> {
    const at = Date.now();
    const base = {
      at,
      functionName: fn.name,
      ...(qualifier !== undefined ? { qualifier } : {}),
      ...(qualifier !== undefined && fn.aliases.has(qualifier) ? { alias: qualifier } : {}),
      executedVersion: version.version,
    };
    try {
      const result = await go();
      this.onInvocation?.({
        ...base,
        executedVersion: result.executedVersion,
        durationMs: result.durationMs,
        functionError: result.functionError !== undefined,
        throttled: false,
        coldStart: result.initDurationMs !== undefined,
      });
      return result;
    } catch (e) {
      if (e instanceof AwsError && e.statusCode === 429) {
        this.onInvocation?.({
          ...base,
          durationMs: 0,
          functionError: false,
          throttled: true,
          coldStart: false,
        });
      }
      throw e;
    }
  }

  /**
   * The version an invocation runs: $LATEST, a version, or an alias's version chosen by its
   * routing weights. Throws Lambda's errors for unknown functions and qualifiers and for
   * versions that are not Active.
   */
  resolve(name: string, qualifier?: string): { fn: FunctionRecord; version: VersionRecord } {
    const fn = this.store.getFunction(name, qualifier);
    const isLmi = fn.latest.config.lmi !== undefined;
    let version: VersionRecord | undefined;
    if (qualifier === undefined) {
      // An unqualified LMI invoke runs $LATEST.PUBLISHED (PublishTo: LATEST_PUBLISHED).
      version = isLmi ? fn.versions.get(LATEST_PUBLISHED) : fn.latest;
      if (!version) {
        throw lambdaError('NoPublishedVersionException', 'The function has no published versions available.');
      }
    } else if (qualifier === '$LATEST') {
      version = fn.latest;
    } else {
      version = fn.versions.get(qualifier) ?? this.viaAlias(fn, qualifier);
    }
    if (!version) throw notFound(`Function not found: ${functionArn(this.store.region, name, qualifier)}`);
    // A version deactivated by a 0/0 FunctionScalingConfig has no environments. Lambda's docs do
    // not give Invoke's answer for it; the emulator answers as for any version not Active.
    if (version.state !== 'Active') throw notInvocable(version.state);
    return { fn, version };
  }

  /** Runs one synchronous invocation; throttles and bad payloads throw AwsError. */
  async invoke(input: InvokeInput): Promise<InvokeResult> {
    const error = tooLarge(input.payload.length, 'RequestResponse');
    if (error) throw error;
    const { fn, version } = this.resolve(input.functionName, input.qualifier);
    const runtime = await this.runner.runtimeFor(fn, version);
    return this.run(fn, version, input.qualifier, () =>
      runtime.invoke({
        payload: input.payload.length > 0 ? input.payload : Buffer.from('{}'),
        requestId: input.requestId,
        logType: input.logType,
        invokedFunctionArn: functionArn(this.store.region, fn.name, input.qualifier),
      }),
    );
  }

  /** The Invoke API: POST /2015-03-31/functions/{FunctionName}/invocations. */
  readonly hook: InvokeHook = async (req, name, qualifier) => {
    const type = (header(req, 'x-amz-invocation-type') ?? 'RequestResponse') as InvocationType;
    if (!INVOCATION_TYPES.includes(type)) throw enumError(type, 'invocationType', INVOCATION_TYPES);
    const logType = (header(req, 'x-amz-log-type') ?? 'None') as 'None' | 'Tail';
    if (!LOG_TYPES.includes(logType)) throw enumError(logType, 'logType', LOG_TYPES);
    checkClientContext(header(req, 'x-amz-client-context'));
    const error = tooLarge(req.body.length, type);
    if (error) throw error;
    const { fn, version } = this.resolve(name, qualifier);
    if (type === 'DryRun') return this.respond(req, 204);
    const runtime = await this.runner.runtimeFor(fn, version);
    const payload = req.body.length > 0 ? req.body : Buffer.from('{}');
    const invokedFunctionArn = functionArn(this.store.region, fn.name, qualifier);
    if (type === 'Event') {
      void this.runQueued(`${name}:${version.version}`, () =>
        this.run(fn, version, qualifier, () =>
          runtime.invoke({ payload, requestId: req.requestId, invokedFunctionArn }),
        ),
      );
      return this.respond(req, 202);
    }
    // Tail only for synchronous calls; Lambda ignores it otherwise.
    const result = await this.run(fn, version, qualifier, () =>
      runtime.invoke({ payload, requestId: req.requestId, logType, invokedFunctionArn }),
    );
    const headers: Record<string, string> = { 'x-amz-executed-version': result.executedVersion };
    if (result.functionError) headers['x-amz-function-error'] = result.functionError;
    if (result.logResult !== undefined) headers['x-amz-log-result'] = result.logResult;
    return this.respond(req, 200, headers, result.payload);
  };

  private respond(
    req: EmuRequest,
    status: number,
    extra: Record<string, string> = {},
    body: Buffer | string = '',
  ): EmuResponse {
    return {
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': req.requestId, ...extra },
      body,
    };
  }

  /**
   * An asynchronous invocation: Lambda queues the event and retries it while the function is
   * throttled. Here the retries back off up to 1 s, for at most a minute, then the event is
   * dropped (and logged); function errors are not retried.
   */
  private async runQueued(label: string, run: () => Promise<InvokeResult>): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
      try {
        const result = await run();
        if (result.functionError)
          this.log(`[emulator] Event invocation of ${label} failed: ${result.payload}`);
        return;
      } catch (e) {
        const throttled = e instanceof AwsError && e.statusCode === 429;
        if (!throttled || Date.now() > deadline || this.timers.isStopped) {
          this.log(`[emulator] Event invocation of ${label} dropped: ${String(e)}`);
          return;
        }
        await this.timers.sleep(delay);
      }
    }
  }

  private viaAlias(fn: FunctionRecord, name: string): VersionRecord | undefined {
    const alias = fn.aliases.get(name);
    if (!alias) return undefined;
    let chosen = alias.functionVersion;
    for (const [version, weight] of Object.entries(alias.additionalVersionWeights ?? {})) {
      if (Math.random() < weight) chosen = version;
    }
    return chosen === '$LATEST' ? fn.latest : fn.versions.get(chosen);
  }
}
