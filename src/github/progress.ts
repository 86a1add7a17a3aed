// Progress for the Action: workflow commands through @actions/core. Warnings and errors
// become annotations; groups fold in the log; masked values never reach the log.
import * as core from '@actions/core';
import type { Progress } from '../core/progress.js';

export function actionProgress(): Progress {
  const print = {
    info: (message: string) => core.info(message),
    warn: (message: string) => core.warning(message),
    error: (message: string) => core.error(message),
    debug: (message: string) => core.debug(message),
  };
  return {
    emit: (message, text) => print[message.level](text),
    group: (name, fn) => core.group(name, fn),
    mask: (secret) => core.setSecret(secret),
  };
}
