// Identity of the execution environment (and worker) this module was loaded in.
//
// Lambda gives every execution environment its own log stream, and every runtime process or
// worker thread of that environment sees the same AWS_LAMBDA_LOG_STREAM_NAME. On Lambda
// Managed Instances the Node.js runtime runs one worker thread per vCPU, and each worker
// loads this module itself: so ENVIRONMENT_ID, derived from the log stream, is the same for
// all workers of one environment (a caller counting distinct ids in a burst counts
// environments), while WORKER_ID is per worker thread (the unit that keeps module state).
// Outside Lambda (tests) there is no log stream and both fall back to a per-load id.
//
// This is the one deliberate piece of module state that is not per request: it is written
// once at load and only read afterwards, so concurrent invocations cannot disturb it.
import { createHash, randomUUID } from 'node:crypto';

export const WORKER_ID: string = randomUUID();

/** The environment's id from its log stream, or `fallback` outside Lambda. */
export function environmentIdFor(env: NodeJS.ProcessEnv, fallback: string): string {
  const logStream = env.AWS_LAMBDA_LOG_STREAM_NAME;
  if (!logStream) return fallback;
  return createHash('sha256')
    .update(`${env.AWS_LAMBDA_LOG_GROUP_NAME ?? ''}\n${logStream}`)
    .digest('hex')
    .slice(0, 32);
}

export const ENVIRONMENT_ID: string = environmentIdFor(process.env, WORKER_ID);
