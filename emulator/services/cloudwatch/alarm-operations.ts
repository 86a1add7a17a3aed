// PutMetricAlarm, DescribeAlarms, DeleteAlarms, SetAlarmState and DescribeAlarmHistory:
// single-metric alarms only (Metrics, i.e. metric-math alarms, and anomaly detection are not
// implemented and say so).
import { cwError, invalidCombination, invalidValue, missingParameter, validationError } from './errors.js';
import { dimensionsOf, epochSeconds, timeOf } from './metric-queries.js';
import {
  COMPARISON_OPERATORS,
  STATE_VALUES,
  TREAT_MISSING,
  type Alarm,
  type AlarmConfig,
  type AlarmStore,
  type ComparisonOperator,
  type StateValue,
  type TreatMissing,
} from './alarms.js';
import { isPercentile, isSimpleStatistic, SIMPLE_STATISTICS } from './stats.js';

type Input = Record<string, unknown>;

const enumError = (value: unknown, field: string, allowed: readonly string[]) =>
  validationError(
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function requireNumber(input: Input, name: string): number {
  const v = input[name];
  if (v === undefined || v === null) throw missingParameter(name);
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw invalidValue(`The parameter ${name} must be a number.`);
  return v;
}

function checkName(name: unknown, field: string): string {
  if (typeof name !== 'string' || name === '') throw missingParameter(field);
  if (name.length > 255) {
    throw validationError(
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to 255`,
    );
  }
  return name;
}

export function putMetricAlarm(alarms: AlarmStore, input: Input): Input {
  const name = checkName(input.AlarmName, 'alarmName');
  if (input.Metrics !== undefined) {
    throw validationError(
      'The local emulator does not implement metric math alarms (Metrics); use MetricName.',
    );
  }
  if (input.ThresholdMetricId !== undefined) {
    throw validationError(
      'The local emulator does not implement anomaly detection alarms (ThresholdMetricId).',
    );
  }
  const op = input.ComparisonOperator;
  if (op === undefined) throw missingParameter('ComparisonOperator');
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(String(op))) {
    throw enumError(op, 'comparisonOperator', COMPARISON_OPERATORS);
  }
  const treat = input.TreatMissingData;
  if (treat !== undefined && !(TREAT_MISSING as readonly string[]).includes(String(treat))) {
    throw validationError(
      `The value ${String(treat)} is not a valid TreatMissingData: use one of ${TREAT_MISSING.join(', ')}.`,
    );
  }
  const namespace = str(input.Namespace);
  const metricName = str(input.MetricName);
  if (namespace === undefined) throw missingParameter('Namespace');
  if (metricName === undefined) throw missingParameter('MetricName');
  const statistic = str(input.Statistic);
  const extended = str(input.ExtendedStatistic);
  if ((statistic === undefined) === (extended === undefined)) {
    throw invalidCombination(
      'Exactly one of the parameters Statistic and ExtendedStatistic must be specified.',
    );
  }
  if (statistic !== undefined && !isSimpleStatistic(statistic))
    throw enumError(statistic, 'statistic', SIMPLE_STATISTICS);
  if (extended !== undefined && !isPercentile(extended)) {
    throw invalidValue(`The value ${extended} for parameter ExtendedStatistic is not supported.`);
  }
  const period = requireNumber(input, 'Period');
  if (!Number.isInteger(period) || !(period === 10 || period === 30 || (period >= 60 && period % 60 === 0))) {
    throw validationError('Period must be 10, 30 or a multiple of 60.');
  }
  const evaluationPeriods = requireNumber(input, 'EvaluationPeriods');
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) {
    throw validationError(
      `1 validation error detected: Value '${evaluationPeriods}' at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  if (period * evaluationPeriods > 86_400) {
    throw validationError(
      'The product of Period and EvaluationPeriods must be less than or equal to 86400 (one day).',
    );
  }
  const datapoints = input.DatapointsToAlarm;
  if (datapoints !== undefined) {
    if (typeof datapoints !== 'number' || !Number.isInteger(datapoints) || datapoints < 1) {
      throw validationError(
        `1 validation error detected: Value '${String(datapoints)}' at 'datapointsToAlarm' failed to satisfy constraint: Member must have value greater than or equal to 1`,
      );
    }
    if (datapoints > evaluationPeriods) {
      throw validationError('DatapointsToAlarm must be less than or equal to EvaluationPeriods.');
    }
  }
  const threshold = requireNumber(input, 'Threshold');
  const config: AlarmConfig = {
    AlarmName: name,
    ...(str(input.AlarmDescription) !== undefined ? { AlarmDescription: str(input.AlarmDescription) } : {}),
    ActionsEnabled: input.ActionsEnabled !== false,
    OKActions: strings(input.OKActions),
    AlarmActions: strings(input.AlarmActions),
    InsufficientDataActions: strings(input.InsufficientDataActions),
    Namespace: namespace,
    MetricName: metricName,
    Dimensions: dimensionsOf(input.Dimensions, 'Dimensions'),
    ...(statistic !== undefined ? { Statistic: statistic } : { ExtendedStatistic: extended }),
    Period: period,
    ...(str(input.Unit) !== undefined ? { Unit: str(input.Unit) } : {}),
    EvaluationPeriods: evaluationPeriods,
    ...(datapoints !== undefined ? { DatapointsToAlarm: datapoints as number } : {}),
    Threshold: threshold,
    ComparisonOperator: op as ComparisonOperator,
    ...(treat !== undefined ? { TreatMissingData: treat as TreatMissing } : {}),
    ...(str(input.EvaluateLowSampleCountPercentile) !== undefined
      ? { EvaluateLowSampleCountPercentile: str(input.EvaluateLowSampleCountPercentile) }
      : {}),
  };
  alarms.put(config);
  return {};
}

function shape(a: Alarm): Input {
  const { lastTick: _lastTick, ...rest } = a;
  return {
    ...rest,
    AlarmConfigurationUpdatedTimestamp: epochSeconds(a.AlarmConfigurationUpdatedTimestamp),
    StateUpdatedTimestamp: epochSeconds(a.StateUpdatedTimestamp),
    StateTransitionedTimestamp: epochSeconds(a.StateTransitionedTimestamp),
  };
}

export function describeAlarms(alarms: AlarmStore, input: Input): Input {
  const names = input.AlarmNames;
  const prefix = str(input.AlarmNamePrefix);
  if (names !== undefined && prefix !== undefined) {
    throw invalidCombination('The parameters AlarmNames and AlarmNamePrefix are mutually exclusive.');
  }
  if (Array.isArray(names) && names.length > 100) {
    throw validationError('The collection AlarmNames must not have a size greater than 100.');
  }
  const state = input.StateValue;
  if (state !== undefined && !STATE_VALUES.includes(state as StateValue))
    throw enumError(state, 'stateValue', STATE_VALUES);
  const types = strings(input.AlarmTypes);
  const wantMetric = types.length === 0 || types.includes('MetricAlarm');
  const actionPrefix = str(input.ActionPrefix);
  if (input.NextToken !== undefined) throw cwError('InvalidNextToken', 'The NextToken is not valid.');
  const list = alarms
    .all()
    .filter((a) => !Array.isArray(names) || (names as string[]).includes(a.AlarmName))
    .filter((a) => prefix === undefined || a.AlarmName.startsWith(prefix))
    .filter((a) => state === undefined || a.StateValue === state)
    .filter(
      (a) =>
        actionPrefix === undefined ||
        [...a.AlarmActions, ...a.OKActions, ...a.InsufficientDataActions].some((x) =>
          x.startsWith(actionPrefix),
        ),
    );
  return { MetricAlarms: wantMetric ? list.map(shape) : [], CompositeAlarms: [] };
}

export function deleteAlarms(alarms: AlarmStore, input: Input): Input {
  const names = input.AlarmNames;
  if (!Array.isArray(names)) throw missingParameter('AlarmNames');
  if (names.length > 100)
    throw validationError('The collection AlarmNames must not have a size greater than 100.');
  // "If you specify an incorrect alarm name … no alarms are deleted" (DeleteAlarms reference):
  // the call itself succeeds; DescribeAlarms confirms what was deleted.
  alarms.delete(names.map(String));
  return {};
}

export function setAlarmState(alarms: AlarmStore, input: Input): Input {
  const name = checkName(input.AlarmName, 'alarmName');
  const state = input.StateValue;
  if (state === undefined) throw missingParameter('StateValue');
  if (!STATE_VALUES.includes(state as StateValue)) throw enumError(state, 'stateValue', STATE_VALUES);
  const reason = str(input.StateReason);
  if (reason === undefined) throw missingParameter('StateReason');
  const data = str(input.StateReasonData);
  if (data !== undefined) {
    try {
      JSON.parse(data);
    } catch {
      throw cwError('InvalidFormat', 'The StateReasonData is not valid JSON.');
    }
  }
  if (!alarms.get(name)) throw cwError('ResourceNotFound', `Alarm ${name} not found`);
  alarms.setState(name, state as StateValue, reason, data);
  return {};
}

export function describeAlarmHistory(alarms: AlarmStore, input: Input): Input {
  const name = str(input.AlarmName);
  const type = str(input.HistoryItemType);
  const from = input.StartDate !== undefined ? timeOf(input.StartDate, 'StartDate') : -Infinity;
  const to = input.EndDate !== undefined ? timeOf(input.EndDate, 'EndDate') : Infinity;
  const items = alarms
    .historyItems()
    .filter(
      (h) =>
        (name === undefined || h.AlarmName === name) && (type === undefined || h.HistoryItemType === type),
    )
    .filter((h) => h.Timestamp >= from && h.Timestamp <= to)
    .sort((a, b) =>
      input.ScanBy === 'TimestampAscending' ? a.Timestamp - b.Timestamp : b.Timestamp - a.Timestamp,
    );
  const max = typeof input.MaxRecords === 'number' ? input.MaxRecords : 50;
  return {
    AlarmHistoryItems: items.slice(0, max).map((h) => ({ ...h, Timestamp: epochSeconds(h.Timestamp) })),
  };
}
