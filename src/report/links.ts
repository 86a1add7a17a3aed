// AWS console links for the resources a run touched. The console host differs by partition:
// China and GovCloud regions have their own consoles.
import type { ReadonlyReport } from './model.js';

export interface ConsoleLinks {
  stack?: string;
  lmiFunction?: string;
  standardFunction?: string;
  api?: string;
}

export interface ConsoleTargets {
  region: string;
  /** The stack's ARN (preferred: it names one stack even after deletes) or its name. */
  stackId?: string;
  lmiFunction?: string;
  standardFunction?: string;
  restApiId?: string;
}

function consoleHost(region: string): string {
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

export function consoleLinks(t: ConsoleTargets): ConsoleLinks {
  const host = consoleHost(t.region);
  const region = encodeURIComponent(t.region);
  const links: ConsoleLinks = {};
  if (t.stackId) {
    links.stack = `${host}/cloudformation/home?region=${region}#/stacks/stackinfo?stackId=${encodeURIComponent(t.stackId)}`;
  }
  const fn = (name: string) =>
    `${host}/lambda/home?region=${region}#/functions/${encodeURIComponent(functionName(name))}`;
  if (t.lmiFunction) links.lmiFunction = fn(t.lmiFunction);
  if (t.standardFunction) links.standardFunction = fn(t.standardFunction);
  if (t.restApiId) {
    const id = encodeURIComponent(t.restApiId);
    links.api = `${host}/apigateway/main/apis/${id}/resources?api=${id}&region=${region}`;
  }
  return links;
}

/**
 * The links for a report: explicit `report.links` win; otherwise they are derived from what the
 * run recorded (the stack id, the workload template's outputs, the measured functions).
 */
export function reportConsoleLinks(report: ReadonlyReport): ConsoleLinks {
  const outputs = report.deploy?.outputs ?? {};
  const derived = consoleLinks({
    region: report.run.region,
    stackId: report.deploy?.stackId || report.run.stackName,
    lmiFunction:
      outputs['LmiFunctionName'] ?? report.provisioning?.functionName ?? report.load?.lmi.functionName,
    standardFunction: outputs['StandardFunctionName'] ?? report.load?.standard?.functionName,
    restApiId: outputs['RestApiId'],
  });
  return { ...derived, ...definedOnly(report.links ?? {}) };
}

/** The console wants the bare name: strip an ARN prefix and a `:qualifier`. */
function functionName(nameOrArn: string): string {
  const arn = /^arn:[^:]+:lambda:[^:]+:\d+:function:([^:]+)/.exec(nameOrArn);
  if (arn?.[1]) return arn[1];
  return nameOrArn.split(':')[0] ?? nameOrArn;
}

const definedOnly = (links: ConsoleLinks): ConsoleLinks =>
  Object.fromEntries(Object.entries(links).filter(([, v]) => typeof v === 'string' && v.length > 0));
