// Does the stack's stage serve traffic? The one thing AWS itself records for every request a REST
// API stage answers is API Gateway's `Count` metric in CloudWatch, under the dimensions ApiName
// and Stage (or ApiName alone, all stages) — the API's *name*, not its id. So the answer is
// proven in three ways only:
// - no request in the window: no API of that name answered anything on that stage, ours included
//   (or the API is not among the region's REST APIs any more: it answers nothing);
// - requests, and no other REST API in the region has the name: they were our stage's;
// - anything else (requests shared with a same-named API, metrics or APIs that cannot be read):
//   unknown, which the decision treats like traffic.
// API Gateway publishes per minute and a minute or two late: a request in the last minutes may not
// show yet.
import type { RestApi } from '@aws-sdk/client-api-gateway';
import { listRestApis } from '../../aws/apigateway.js';
import { getMetricData } from '../../aws/cloudwatch.js';
import { deniedAction } from '../../core/access.js';
import { errorMessage, isAccessDeniedError } from '../../core/aws-errors.js';
import type { PipelineContext } from '../context.js';
import type { TrafficSource } from './stack-inventory.js';

export type StageTraffic =
  | { readonly kind: 'idle'; readonly apiName: string; readonly windowHours: number }
  /** The REST API no longer exists (a DELETE_FAILED stack lost it already): nothing to serve. */
  | { readonly kind: 'gone' }
  | {
      readonly kind: 'serving';
      readonly apiName: string;
      readonly windowHours: number;
      readonly requests: number;
      /** Start of the newest hour that had a request. */
      readonly lastHourWithRequests?: Date;
    }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Hourly periods: CloudWatch keeps them for 455 days, so any window up to that is readable. */
const PERIOD_SECONDS = 3600;

/** API Gateway's ApiName dimension: the name without non-ASCII characters, else the API id. */
export function metricApiName(api: Pick<RestApi, 'id' | 'name'>): string {
  // eslint-disable-next-line no-control-regex -- ASCII is exactly \x00-\x7f
  const ascii = (api.name ?? '').replace(/[^\x00-\x7f]/g, '');
  return ascii === '' ? (api.id ?? '') : ascii;
}

export async function readStageTraffic(
  ctx: PipelineContext,
  source: TrafficSource,
  windowHours: number,
): Promise<StageTraffic> {
  let apis: RestApi[];
  try {
    apis = await listRestApis(ctx.aws.apiGateway);
  } catch (e) {
    return { kind: 'unknown', reason: `the REST APIs could not be listed: ${problem(e, 'apigateway:GET')}` };
  }
  const api = apis.find((a) => a.id === source.restApiId);
  if (!api) return { kind: 'gone' };
  const apiName = metricApiName(api);
  const end = ctx.clock.now();
  let values;
  try {
    const results = await getMetricData(ctx.aws.cloudWatch, {
      StartTime: new Date(end - windowHours * 3_600_000),
      EndTime: new Date(end),
      MetricDataQueries: [
        {
          Id: 'requests',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: 'Count',
              Dimensions: [
                { Name: 'ApiName', Value: apiName },
                ...(source.stage !== undefined ? [{ Name: 'Stage', Value: source.stage }] : []),
              ],
            },
            Period: PERIOD_SECONDS,
            // API Gateway's docs: "The SampleCount statistic represents this metric."
            Stat: 'SampleCount',
          },
        },
      ],
    });
    values = results.get('requests');
  } catch (e) {
    return {
      kind: 'unknown',
      reason: `CloudWatch could not be read: ${problem(e, 'cloudwatch:GetMetricData')}`,
    };
  }
  const requests = (values?.values ?? []).reduce((a, b) => a + b, 0);
  if (requests === 0) {
    return values?.partial
      ? { kind: 'unknown', reason: 'CloudWatch returned partial data and no request in it' }
      : { kind: 'idle', apiName, windowHours };
  }
  const namesakes = apis.filter((a) => a.id !== api.id && metricApiName(a) === apiName);
  if (namesakes.length > 0) {
    return {
      kind: 'unknown',
      reason:
        `${requests} request(s) reached ${source.stage !== undefined ? `a stage "${source.stage}"` : 'the stages'} of a REST API named "${apiName}" in the last ${windowHours} h, ` +
        `but ${namesakes.length} other REST API(s) share that name (${namesakes.map((a) => a.id).join(', ')}) and CloudWatch counts ` +
        "them together (API Gateway's metrics are keyed by API name). Name each stack's API after its stack (OpenAPI info.title) to tell them apart",
    };
  }
  const busy = (values?.timestamps ?? []).filter((_, i) => (values?.values[i] ?? 0) > 0);
  const newest = busy.reduce<Date | undefined>((a, t) => (!a || t > a ? t : a), undefined);
  return {
    kind: 'serving',
    apiName,
    windowHours,
    requests,
    ...(newest ? { lastHourWithRequests: newest } : {}),
  };
}

function problem(e: unknown, permission: string): string {
  return isAccessDeniedError(e) ? `AWS denied ${deniedAction(e, permission)}` : errorMessage(e);
}
