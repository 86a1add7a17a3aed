// The `alarm-names` gate: a canary step fails when any named CloudWatch alarm is in ALARM.
// DescribeAlarms returns only metric alarms unless asked for composites too, so both types are
// requested. A name that matches no alarm fails the gate: a typo must not pass silently.
// INSUFFICIENT_DATA is not ALARM (a new alarm has no data yet), so it passes.
import { DescribeAlarmsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CutoverError } from '../../core/errors.js';
import { throwIfAccessDenied } from '../../core/access.js';

/** Names from `names` that are in ALARM or do not exist (marked `(no such alarm)`). */
export type AlarmCheck = (names: readonly string[]) => Promise<string[]>;

/** DescribeAlarms accepts at most 100 names per call. */
const NAMES_PER_CALL = 100;
/** Pages per chunk: a guard against a NextToken that never ends. */
const MAX_PAGES = 100;

/** Each name's StateValue (OK, ALARM, INSUFFICIENT_DATA); names that match no alarm are absent. */
export async function describeAlarmStates(
  client: CloudWatchClient,
  names: readonly string[],
): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  const unique = [...new Set(names)];
  for (let i = 0; i < unique.length; i += NAMES_PER_CALL) {
    const chunk = unique.slice(i, i + NAMES_PER_CALL);
    let NextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let res;
      try {
        res = await client.send(
          new DescribeAlarmsCommand({
            AlarmNames: chunk,
            AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
            MaxRecords: 100,
            NextToken,
          }),
        );
      } catch (e) {
        throwIfAccessDenied(e, 'cloudwatch:DescribeAlarms', chunk.join(', '));
        throw e;
      }
      for (const a of [...(res.MetricAlarms ?? []), ...(res.CompositeAlarms ?? [])]) {
        if (a.AlarmName) states.set(a.AlarmName, a.StateValue ?? 'UNKNOWN');
      }
      NextToken = res.NextToken;
      if (!NextToken) break;
    }
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
