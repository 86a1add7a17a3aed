// The post step (post-if: always()). The main step records unfinished route changes in the
// action's state; nothing records one yet, so the post step reports that nothing is pending.
import * as core from '@actions/core';

/** State key the main step will write while a traffic shift is under way. */
export const PENDING_STATE = 'pending-route-change';

export function runPost(): void {
  const pending = core.getState(PENDING_STATE);
  if (!pending) {
    core.info('lmi-cutover post step: nothing pending; the main step left no unfinished route change.');
    return;
  }
  core.warning(
    `lmi-cutover post step: the main step recorded unfinished work (${pending}) that this version cannot repair; check the API stage by hand.`,
  );
}
