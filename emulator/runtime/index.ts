// The emulator's code runner: execution environments for one Lambda version at a time.
//
//   const runtime = createVersionRuntime(spec, options);
//   await runtime.start();                 // LMI: environments initialized during Pending
//   const result = await runtime.invoke({ payload, requestId, logType: 'Tail' });
//   runtime.counters();                    // invocations, throttles, cold starts, environments …
//   await runtime.stop();                  // every worker thread has exited
//
// Throttles and unparseable events throw AwsError; handler errors, timeouts and crashes
// resolve with `functionError: 'Unhandled'` and Lambda's error payload, as Invoke returns them.
export type {
  FunctionVersionSpec,
  InvokeResult,
  LmiRuntimeConfig,
  RuntimeLogLine,
  RuntimeOptions,
  VersionCounters,
  VersionRuntime,
} from './contract.js';
export { createVersionRuntime } from './version-runtime.js';
export { AccountConcurrency } from './account-concurrency.js';
export { FunctionInitError } from './lambda-errors.js';
export { liveWorkerCount } from './worker-host.js';
