// Resolves a handler string the way Lambda's Node.js runtime does: `dir/file.export` (the
// export may be a dotted path), trying `file`, `file.js`, `file.mjs`, `file.cjs` under the task
// root, then a package of that name; import() honours package.json "type" for `.js`. Failures
// carry the runtime's error types (Runtime.ImportModuleError, Runtime.HandlerNotFound …).
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type UserHandler = (event: unknown, context: unknown, callback?: unknown) => unknown;

/** An error whose `name` is the Lambda error type, for example `Runtime.HandlerNotFound`. */
class RuntimeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;
const EXTENSIONS = ['', '.js', '.mjs', '.cjs'] as const;
// Lambda's runtime resolves packages from its own entry point; its messages name that file.
const LAMBDA_REQUIRE_STACK = 'Require stack:\n- /var/runtime/index.mjs';

const CALLBACK_ERROR_NODEJS22 =
  'ERROR: AWS Lambda does not support callback-based function handlers when using Node.js 22 with Managed Instances. To use Managed Instances, modify this function to use a supported handler signature. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
const CALLBACK_ERROR_NODEJS24_ABOVE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

export async function loadHandler(appRoot: string, handlerString: string): Promise<UserHandler> {
  if (handlerString.includes('..')) {
    throw new RuntimeError(
      'Runtime.MalformedHandlerName',
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.basename(handlerString);
  const moduleRoot = handlerString.substring(0, handlerString.indexOf(base)).replace(/\/$/, '');
  const match = FUNCTION_EXPR.exec(base);
  if (!match) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const [, moduleName = '', handlerName = ''] = match;
  const mod = await loadModule(appRoot, moduleRoot, moduleName);
  return resolveHandler(mod, handlerName, handlerString);
}

async function loadModule(appRoot: string, moduleRoot: string, moduleName: string): Promise<unknown> {
  const fullPath = path.resolve(appRoot, moduleRoot, moduleName);
  try {
    for (const ext of EXTENSIONS) {
      const file = `${fullPath}${ext}`;
      if (existsSync(file) && statSync(file).isFile()) return await import(pathToFileURL(file).href);
    }
    const require = createRequire(path.join(appRoot, 'index.js'));
    const resolved = require.resolve(moduleName, { paths: [appRoot, path.join(appRoot, moduleRoot)] });
    return await import(pathToFileURL(resolved).href);
  } catch (err) {
    throw asLoadError(err);
  }
}

function asLoadError(err: unknown): unknown {
  if (err instanceof SyntaxError) {
    const wrapped = new RuntimeError('Runtime.UserCodeSyntaxError', String(err));
    wrapped.stack = err.stack;
    return wrapped;
  }
  const code = (err as { code?: string } | null)?.code;
  if (err instanceof Error && (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND')) {
    const text = String(err).replace(/Require stack:[\s\S]*$/, LAMBDA_REQUIRE_STACK);
    return new RuntimeError('Runtime.ImportModuleError', text);
  }
  return err;
}

function resolveHandler(mod: unknown, handlerName: string, fullHandlerString: string): UserHandler {
  let handler = findIn(handlerName, mod);
  if (!handler && typeof mod === 'object' && mod !== null && 'default' in mod) {
    handler = findIn(handlerName, (mod as { default: unknown }).default);
  }
  if (!handler)
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandlerString} is undefined or not exported`);
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandlerString} is not a function`);
  }
  return handler as UserHandler;
}

function findIn(handlerName: string, mod: unknown): unknown {
  return handlerName
    .split('.')
    .reduce<unknown>(
      (nested, key) =>
        nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[key] : undefined,
      mod,
    );
}

/**
 * Lambda refuses callback handlers (3 parameters) on Node.js 24+, and on Node.js 22 under
 * Managed Instances; older runtimes and standard Node.js 22 still call them.
 */
export function assertHandlerSignatureSupported(
  handler: UserHandler,
  runtime: string,
  multiConcurrent: boolean,
): void {
  if (handler.length < 3) return;
  const major = Number(/^nodejs(\d+)/.exec(runtime)?.[1] ?? 0);
  if (major >= 24) throw new RuntimeError('Runtime.CallbackHandlerDeprecated', CALLBACK_ERROR_NODEJS24_ABOVE);
  if (multiConcurrent) throw new RuntimeError('Runtime.CallbackHandlerDeprecated', CALLBACK_ERROR_NODEJS22);
}
