// Identity of the execution environment this module was loaded in.
//
// Module scope is evaluated once per JavaScript realm. On standard Lambda that is once per
// execution environment. On Lambda Managed Instances the Node.js runtime runs one worker
// thread per vCPU and each worker loads the handler module itself, so this id is per worker
// thread: exactly the unit that serves concurrent invocations and keeps warm state (clients,
// caches). A caller counting distinct ids in a burst counts those units.
//
// This is the one deliberate piece of module state that is not per request: it is written
// once at load and only read afterwards, so concurrent invocations cannot disturb it.
import { randomUUID } from 'node:crypto';

export const ENVIRONMENT_ID: string = randomUUID();
