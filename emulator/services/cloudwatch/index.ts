// CloudWatch over AWS JSON 1.0 (X-Amz-Target `GraniteServiceVersion20100801.<Operation>`),
// routed by the credential scope's service name `monitoring`: the AWS/Lambda metrics the
// Lambda service records (metrics.ts), metric queries (metric-queries.ts) and single-metric
// alarms evaluated from them (alarms.ts). Errors carry the query-compatible codes (errors.ts).
import { arn } from '../../core/ids.js';
import { AwsError } from '../../errors.js';
import { jsonResponse } from '../../http/protocols.js';
import { header, type EmuRequest, type EmuResponse, type ServiceHandler } from '../../http/types.js';
import {
  deleteAlarms,
  describeAlarmHistory,
  describeAlarms,
  putMetricAlarm,
  setAlarmState,
} from './alarm-operations.js';
import { AlarmStore } from './alarms.js';
import { CONTENT_TYPE, cwError, renderCloudWatchError } from './errors.js';
import { getMetricData, getMetricStatistics, listMetrics } from './metric-queries.js';
import { MetricStore } from './metrics.js';

export class CloudWatchStore {
  readonly alarms: AlarmStore;

  readonly metrics: MetricStore;

  constructor(
    region: string,
    readonly now: () => number = Date.now,
    /** How late a sample becomes visible (Lambda's publishing delay). */
    publishDelayMs = 0,
  ) {
    this.metrics = new MetricStore(now, publishDelayMs);
    this.alarms = new AlarmStore(this.metrics, region, now);
  }
}

function parseBody(req: EmuRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(req.body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new AwsError('SerializationException', 'Request body is not a valid JSON object.');
  }
}

type Operation = (store: CloudWatchStore, input: Record<string, unknown>) => Record<string, unknown>;

const OPERATIONS: Record<string, Operation> = {
  GetMetricData: (s, i) => getMetricData(s.metrics, i, s.now()),
  GetMetricStatistics: (s, i) => getMetricStatistics(s.metrics, i, s.now()),
  ListMetrics: (s, i) => listMetrics(s.metrics, i),
  PutMetricAlarm: (s, i) => putMetricAlarm(s.alarms, i),
  DescribeAlarms: (s, i) => describeAlarms(s.alarms, i),
  DeleteAlarms: (s, i) => deleteAlarms(s.alarms, i),
  SetAlarmState: (s, i) => setAlarmState(s.alarms, i),
  DescribeAlarmHistory: (s, i) => describeAlarmHistory(s.alarms, i),
};

export function cloudWatchService(store: CloudWatchStore): ServiceHandler {
  return {
    name: 'monitoring',
    protocol: 'json',
    operation: (req) => (header(req, 'x-amz-target') ?? '').split('.').pop() || 'Unknown',
    // DescribeAlarms is authorized per alarm; GetMetricData has no resource of its own.
    resourcesOf: (req, operation) => {
      const names = (JSON.parse(req.body.toString('utf8') || '{}') as { AlarmNames?: unknown }).AlarmNames;
      return operation === 'DescribeAlarms' && Array.isArray(names) && names.length
        ? names.map((n) => ({ arn: arn('cloudwatch', req.region, `alarm:${String(n)}`) }))
        : [{ arn: '*' }];
    },
    throttleError: () => cwError('Throttling', 'Rate exceeded'),
    unknownOperation: (op) =>
      new AwsError(
        'UnknownOperationException',
        `The local emulator does not implement CloudWatch operation ${op}.`,
      ),
    renderError: renderCloudWatchError,
    async handle(req, operation): Promise<EmuResponse> {
      const run = OPERATIONS[operation];
      if (!run) throw this.unknownOperation(operation, req);
      const out = run(store, parseBody(req));
      return jsonResponse(200, out, req.requestId, CONTENT_TYPE);
    },
  };
}
