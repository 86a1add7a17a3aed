// The `alarm-names` gate: a canary step fails when any named CloudWatch alarm is in ALARM.
// DescribeAlarms returns only metric alarms unless asked for composites too, so both types are
// requested. A name that matches no alarm fails the gate: a typo must not pass silently.
// INSUFFICIENT_DATA is not ALARM (a new alarm has no data yet), so it passes.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ALARM_NAMES_PER_CALL, describeAlarmsByName } from '../../aws/cloudwatch.js';
import { CutoverError } from '../../core/errors.js';
import { throwIfAccessDenied } from '../../core/access.js';

/** Names from `names` that are in ALARM or do not exist (marked `(no such alarm)`). */
export type AlarmCheck = (names: readonly string[]) => Promise<string[]>;

/** Each name's StateValue (OK, ALARM, INSUFFICIENT_DATA); names that match no alarm are absent. */
export async function describeAlarmStates(
  client: CloudWatchClient,
  names: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(names)];
  let alarms;
  try {
    alarms = await describeAlarmsByName(client, unique);
  } catch (e) {
    // A role without the permission is denied on the first call: the names of that call.
    throwIfAccessDenied(e, 'cloudwatch:DescribeAlarms', unique.slice(0, ALARM_NAMES_PER_CALL).join(', '));
    throw e;
  }
  const states = new Map<string, string>();
  for (const a of alarms) {
    if (a.AlarmName) states.set(a.AlarmName, a.StateValue ?? 'UNKNOWN');
  }
  return states;
}

export function cloudWatchAlarmCheck(client: CloudWatchClient): AlarmCheck {
  return async (names) => {
    if (names.length === 0) return [];
    const states = await describeAlarmStates(client, names);
    return [...new Set(names)].flatMap((n) => {
      const state = states.get(n);
      if (state === undefined) return [`${n} (no such alarm)`];
      return state === 'ALARM' ? [n] : [];
    });
  };
}

/** Before any route change: every name must be an alarm, or the gate would check nothing. */
export async function assertAlarmsExist(client: CloudWatchClient, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const states = await describeAlarmStates(client, names);
  const missing = [...new Set(names)].filter((n) => !states.has(n));
  if (missing.length === 0) return;
  throw new CutoverError(
    'ALARM_NOT_FOUND',
    `alarm-names lists ${missing.length === 1 ? 'an alarm' : 'alarms'} CloudWatch does not have in this region: ${missing.join(', ')}. ` +
      'Fix the names (they are case-sensitive) or remove them; nothing was changed.',
  );
}
