// CloudFormation's rollback triggers: the CloudWatch alarms a create or update watches while it
// runs and for MonitoringTimeInMinutes after its resources are done. An alarm in ALARM rolls the
// whole operation back, and so does a trigger whose alarm does not exist (the API reference:
// "If a specified trigger is missing, the entire stack operation fails and is rolled back").
// An alarm already in ALARM when the operation starts counts: it is in ALARM during it.
import type { Timers } from '../../core/timers.js';
import type { RollbackConfiguration } from './model.js';

export interface TriggerDeps {
  timers: Timers;
  /** The alarm's StateValue by ARN; undefined when there is no such alarm. */
  alarmState?: (arn: string) => string | undefined;
  /** How long one minute of MonitoringTimeInMinutes lasts here (60 s on AWS; tests shorten it). */
  monitoringMinuteMs: number;
}

/** How often the alarms are read while an operation runs. */
const POLL_MS = 20;

/**
 * Watches the triggers from now on; calls onBreach once, with the StackStatusReason of the
 * rollback, when one breaches. Returns the function that stops watching.
 */
export function watchTriggers(
  deps: TriggerDeps,
  triggers: RollbackConfiguration['triggers'],
  onBreach: (reason: string) => void,
): () => void {
  if (triggers.length === 0) return () => undefined;
  let stopped = false;
  let cancelTimer: () => void = () => undefined;
  const check = () => {
    if (stopped) return;
    const reason = breachReason(deps, triggers);
    if (reason) {
      stopped = true;
      onBreach(reason);
      return;
    }
    cancelTimer = deps.timers.after(POLL_MS, check);
  };
  check();
  return () => {
    stopped = true;
    cancelTimer();
  };
}

// AWS's documentation does not quote these reasons; they name the alarms, as a reader needs.
function breachReason(deps: TriggerDeps, triggers: RollbackConfiguration['triggers']): string | undefined {
  const states = triggers.map((t) => ({ arn: t.Arn, state: deps.alarmState?.(t.Arn) }));
  const missing = states.filter((s) => s.state === undefined).map((s) => s.arn);
  if (missing.length > 0) return `Rollback trigger(s) not found: [${missing.join(', ')}].`;
  const alarmed = states.filter((s) => s.state === 'ALARM').map((s) => s.arn);
  if (alarmed.length > 0) return `Rollback trigger alarm(s) in ALARM state: [${alarmed.join(', ')}].`;
  return undefined;
}

/** The monitoring period after the resources: resolves when it ends, or at once when signal aborts. */
export function monitoringPeriod(deps: TriggerDeps, minutes: number, signal: AbortSignal): Promise<void> {
  if (minutes <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const cancel = deps.timers.after(minutes * deps.monitoringMinuteMs, done);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      cancel();
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
