// The CloudWatch calls of the canary gates: the alarms named in `alarm-names`, metric and
// composite alike, 100 names per call as DescribeAlarms allows.
import {
  DescribeAlarmsCommand,
  type CloudWatchClient,
  type CompositeAlarm,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';

/** DescribeAlarms accepts at most 100 names per call. */
export const ALARM_NAMES_PER_CALL = 100;

/** The alarms with these names that exist; a name with no alarm is simply absent. */
export async function describeAlarmsByName(
  cloudWatch: CloudWatchClient,
  names: readonly string[],
): Promise<(MetricAlarm | CompositeAlarm)[]> {
  const found: (MetricAlarm | CompositeAlarm)[] = [];
  for (let i = 0; i < names.length; i += ALARM_NAMES_PER_CALL) {
    const chunk = names.slice(i, i + ALARM_NAMES_PER_CALL);
    let NextToken: string | undefined;
    do {
      const res = await cloudWatch.send(
        new DescribeAlarmsCommand({
          AlarmNames: chunk,
          AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
          MaxRecords: ALARM_NAMES_PER_CALL,
          NextToken,
        }),
      );
      found.push(...(res.MetricAlarms ?? []), ...(res.CompositeAlarms ?? []));
      NextToken = res.NextToken;
    } while (NextToken);
  }
  return found;
}
