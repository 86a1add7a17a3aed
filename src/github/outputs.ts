// The Action's outputs: the deploy stage's from the pipeline result, one per stack output key,
// the verify figures from the report, and the route — set whatever the outcome, so a later
// step with `if: always()` can read what was measured and where traffic goes.
import type { GitHubLog } from './comment.js';
import { GITHUB_MESSAGES } from './messages.js';
import type { Mode } from '../core/domain.js';
import { CutoverFailedError, cutoverOutputs } from '../pipeline/traffic/cutover.js';
import { isCutoverError } from '../core/errors.js';
import { RollbackFailedError } from '../pipeline/traffic/rollback.js';
import type { PipelineResult } from '../pipeline/run.js';
import { planMarkdown } from '../report/markdown/plan.js';
import { type ReadonlyReport } from '../report/model.js';
import { productionOf, qualifiedName, routeLabel, type Route } from '../core/domain.js';

/** Declared in action.yml; a stack output with one of these names is not copied. */
export const OUTPUTS = {
  'stack-id': 'ARN of the deployed (or, for plan, the planned) stack.',
  'stack-status': 'Stack status after the deployment, for example CREATE_COMPLETE or UPDATE_COMPLETE.',
  'no-op':
    '`true` when the change set was empty and nothing was deployed (plan: nothing to change), else `false`.',
  'change-count':
    'Number of resource changes in the executed (plan: the planned) change set (0 for a no-op).',
  'change-set-name':
    'The change set this run executed, or for plan the one it created and kept for review (empty when there was nothing to change): pass it as the `change-set-name` input of a later deploy to execute exactly what was reviewed.',
  'changes-markdown':
    'Plan only: the planned changes as a markdown section (changes that destroy production data or routing first, each change with what causes its replacement), every untrusted name neutralised, for a comment or a summary of your own.',
  outputs: 'The stack outputs as a JSON object. Each output is also set under its own key.',
  'lmi-version': 'The published LMI version that was verified (never $LATEST).',
  'provisioning-seconds':
    'Seconds the provisioning stage waited for the LMI version to be Active (0 when CloudFormation had already waited).',
  'smoke-result': '`passed` or `failed`; empty when the smoke checks did not run.',
  'p50-ms': 'Median latency of the LMI version in the concurrency check, in milliseconds.',
  'p95-ms': '95th percentile latency of the LMI version in the concurrency check, in milliseconds.',
  'p99-ms': '99th percentile latency of the LMI version in the concurrency check, in milliseconds.',
  'error-rate': 'Share of the concurrency check requests the LMI version failed, as a fraction (0.02).',
  'throttle-rate': 'Share of the concurrency check requests that were throttled, as a fraction.',
  environments:
    'Distinct execution environments (worker threads, by environment_id) that answered the concurrency check; empty with a checks file, whose app does not report its environment.',
  'report-path': 'Absolute path of the JSON report of everything measured, written on success and failure.',
  'shard-report-path':
    'With `load-shard`: absolute path of the shard report, written on success and failure, for mode `merge`.',
  route:
    'Where the stage sends production traffic at the end of the run: `standard`, `canary:N` or `lmi`. Empty when the stack has no routed stage yet.',
  'production-version':
    "The version production serves at the end of the run, as `<function name>:<version>` (the stage's liveFunction). Empty when the stack has no routed stage yet.",
  'cutover-result':
    '`promoted`, `no-op` (already on the target route), `rolled-back`, `rollback-failed` (the log has the manual fix) or `failed` (the run failed without rolling back, for example before any traffic moved). Empty for deploy and verify.',
  'rolled-back':
    '`true` when this run sent production back to a known-good version (a failed step, a cancellation, a leftover canary, or mode rollback), else `false`. Empty for deploy and verify.',
} as const;

export type SetOutput = (name: string, value: string) => void;

export function setPipelineOutputs(result: PipelineResult, setOutput: SetOutput, log: GitHubLog): void {
  if (result.mode === 'plan') {
    const { plan } = result;
    setOutput('stack-id', plan.stackId);
    setOutput('no-op', String(plan.type === 'no-changes'));
    setOutput('change-count', String(plan.type === 'planned' ? plan.changes.length : 0));
    return;
  }
  if (!('deploy' in result)) return;
  const deploy = result.deploy;
  setOutput('stack-id', deploy.stackId);
  setOutput('stack-status', deploy.stackStatus);
  setOutput('no-op', String(deploy.type === 'no-op'));
  setOutput('change-count', String(deploy.changeCount));
  setOutput('outputs', JSON.stringify(deploy.outputs));
  for (const [key, value] of Object.entries(deploy.outputs)) {
    if (key in OUTPUTS)
      log.emit(
        GITHUB_MESSAGES.outputShadowed,
        `Stack output ${key} has the name of an action output; read it from the outputs JSON instead.`,
      );
    else setOutput(key, value);
  }
}

/** The verify figures the report holds; outputs for stages that did not run stay unset. */
export function setReportOutputs(report: ReadonlyReport, setOutput: SetOutput): void {
  const changeSetName = report.plan ? report.plan.changeSetName : report.deploy?.changeSetName;
  if (changeSetName) setOutput('change-set-name', changeSetName);
  const planned = planMarkdown(report);
  if (planned !== undefined) setOutput('changes-markdown', planned);
  const p = report.provisioning;
  if (p) {
    setOutput('lmi-version', p.version);
    if (p.state === 'Active') setOutput('provisioning-seconds', String(p.seconds));
  }
  if (report.smoke) setOutput('smoke-result', report.smoke.passed ? 'passed' : 'failed');
  const lmi = report.load?.lmi;
  if (lmi) {
    setOutput('p50-ms', String(lmi.latency.p50));
    setOutput('p95-ms', String(lmi.latency.p95));
    setOutput('p99-ms', String(lmi.latency.p99));
    setOutput('error-rate', String(lmi.errorRate));
    setOutput('throttle-rate', String(lmi.throttleRate));
    // A checks file's app does not report its environment: the output stays unset.
    if (lmi.environments !== undefined) setOutput('environments', String(lmi.environments));
  }
}

type RouteOutputs = { route?: Route; 'cutover-result'?: string; 'rolled-back'?: string };

/**
 * `route`, `cutover-result` and `rolled-back`, from the finished run or from what stopped it.
 * The route falls back to the report's last reading when neither says it.
 */
export function setRouteOutputs(
  mode: Mode,
  end: { result: PipelineResult } | { error: unknown },
  report: ReadonlyReport,
  setOutput: SetOutput,
): void {
  const shifting = mode === 'cutover' || mode === 'full' || mode === 'rollback';
  let outputs: RouteOutputs = {};
  if ('result' in end) {
    const r = end.result;
    if (r.mode === 'cutover' || r.mode === 'full') outputs = cutoverOutputs(r.cutover.outcome);
    else if (r.mode === 'rollback') {
      outputs = {
        route: r.rollback.route,
        'cutover-result': r.rollback.type,
        'rolled-back': String(r.rollback.type === 'rolled-back'),
      };
    }
  } else if (end.error instanceof CutoverFailedError) {
    outputs = cutoverOutputs(end.error);
  } else if (end.error instanceof RollbackFailedError) {
    outputs = {
      route: end.error.rollback.finalRoute,
      'cutover-result': 'rollback-failed',
      'rolled-back': 'false',
    };
  } else if (shifting) {
    const rollbackFailed = isCutoverError(end.error) && end.error.code === 'ROLLBACK_FAILED';
    outputs = {
      'cutover-result': rollbackFailed ? 'rollback-failed' : 'failed',
      'rolled-back': String(report.cutover?.rolledBack ?? false),
    };
  }
  const route = outputs.route ?? report.route.after;
  if (route) setOutput('route', routeLabel(route));
  const production = route ? productionOf(route) : undefined;
  if (production) setOutput('production-version', qualifiedName(production));
  if (outputs['cutover-result']) setOutput('cutover-result', outputs['cutover-result']);
  if (outputs['rolled-back']) setOutput('rolled-back', outputs['rolled-back']);
}
