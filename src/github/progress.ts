// Progress for the Action: workflow commands through @actions/core. Warnings and errors
// become annotations; groups fold in the log; masked values never reach the log.
import * as core from '@actions/core';
import type { Progress } from '../pipeline/context.js';

export function actionProgress(): Progress {
  return {
    info: (message) => core.info(message),
    warn: (message) => core.warning(message),
    error: (message) => core.error(message),
    debug: (message) => core.debug(message),
    group: (name, fn) => core.group(name, fn),
    mask: (secret) => core.setSecret(secret),
  };
}
