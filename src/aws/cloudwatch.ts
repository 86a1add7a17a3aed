// The CloudWatch calls of the canary gates: the alarms named in `alarm-names`, metric and
// composite alike, 100 names per call as DescribeAlarms allows; and the Lambda metrics of the
// versions a canary splits traffic between (GetMetricData, every page).
import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
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

/** One GetMetricData query's values, in the order CloudWatch returns them (newest first by default). */
export interface MetricValues {
  readonly id: string;
  readonly values: number[];
  readonly timestamps: Date[];
  /** PartialData: CloudWatch had more than it returned; the caller should not trust a sum. */
  readonly partial: boolean;
}

/** GetMetricData over a window, every page read; the queries' ids as keys. */
export async function getMetricData(
  cloudWatch: CloudWatchClient,
  input: Omit<GetMetricDataCommandInput, 'NextToken'>,
): Promise<Map<string, MetricValues>> {
  const out = new Map<string, MetricValues>();
  let NextToken: string | undefined;
  do {
    const res = await cloudWatch.send(new GetMetricDataCommand({ ...input, NextToken }));
    for (const r of res.MetricDataResults ?? []) {
      if (!r.Id) continue;
      const seen = out.get(r.Id) ?? { id: r.Id, values: [], timestamps: [], partial: false };
      out.set(r.Id, {
        id: r.Id,
        values: [...seen.values, ...(r.Values ?? [])],
        timestamps: [...seen.timestamps, ...(r.Timestamps ?? [])],
        partial: seen.partial || r.StatusCode === 'PartialData',
      });
    }
    NextToken = res.NextToken;
  } while (NextToken);
  return out;
}
