// change-set-name: a change set someone reviewed (a plan's) is executed only when it still does
// exactly what they reviewed. CloudFormation guards part of that itself — executing any change
// set deletes the stack's others, and marks them OBSOLETE meanwhile — but not everything a
// reviewer relies on: production's route moves through API Gateway, not the stack, so a plan
// made before a cutover would put production back on the old version; and a change set made
// from another commit deploys another template. So the run packages what it would deploy and
// refuses the change set unless it matches: the stack unchanged since, the same template,
// parameters (the route's included), tags, notification ARNs and rollback triggers.
import type { Stack } from '@aws-sdk/client-cloudformation';
import {
  describeChangeSet,
  getChangeSetTemplate,
  isChangeSetMissingError,
  type ChangeSetDescription,
  type ResourceChangeSummary,
} from '../../aws/change-sets.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { errorMessage, errorName } from '../../core/aws-errors.js';
import { CutoverError } from '../../core/errors.js';
import type { PipelineContext } from '../context.js';
import type { ChangeSetRun } from './deployment.js';
import { DEPLOY_MESSAGES } from './messages.js';
import { parseTemplate, type CfnTemplate } from './template/cfn-yaml.js';

export interface ReviewedChangeSet {
  readonly changeSetName: string;
  readonly stackId: string;
  readonly changes: readonly ResourceChangeSummary[];
}

/** The route parameters: a difference there means executing would move production. */
const ROUTE_PARAMETERS = ['LiveFunction', 'RollbackFunction', 'FallbackFunction'];

export async function checkReviewedChangeSet(
  ctx: PipelineContext,
  run: ChangeSetRun,
  given: string,
): Promise<ReviewedChangeSet> {
  const { stackName } = run.config;
  const cs = await describeReviewed(ctx, stackName, given);
  const name = cs.changeSetName ?? given;
  const unusable = (why: string) =>
    new CutoverError(
      'CHANGE_SET_UNUSABLE',
      `Change set ${given} cannot be executed on stack ${stackName}: ${why}. Nothing was executed. ` +
        'Run mode plan again and review the change set it creates.',
    );
  if (cs.stackName !== undefined && cs.stackName !== stackName)
    throw unusable(`it belongs to stack ${cs.stackName}`);
  if (cs.status !== 'CREATE_COMPLETE')
    throw unusable(`it is ${cs.status}${cs.statusReason ? ` (${cs.statusReason})` : ''}`);
  if (cs.executionStatus === 'OBSOLETE') {
    throw stale(given, stackName, [
      'CloudFormation marked it OBSOLETE: the stack was updated after it was created',
    ]);
  }
  if (cs.executionStatus !== 'AVAILABLE') {
    throw unusable(
      cs.executionStatus?.startsWith('EXECUTE_')
        ? `it was already executed (${cs.executionStatus})`
        : `its execution status is ${cs.executionStatus ?? 'unknown'}`,
    );
  }
  const reasons = [
    ...stackChangedSince(run.plan.existing, cs.creationTime),
    ...templateDiffers(run.prepared.packaged.template, await reviewedTemplate(ctx, stackName, name)),
    ...parametersDiffer(expectedParameters(run), cs.parameters),
    ...mapDiffers('tags', run.config.tags, cs.tags),
    ...safetyDiffers(run, cs),
  ];
  if (reasons.length > 0) throw stale(given, stackName, reasons);
  ctx.progress.emit(
    DEPLOY_MESSAGES.reviewedChangeSet,
    `Change set ${name} is still what was reviewed (stack unchanged since ${cs.creationTime?.toISOString() ?? 'its creation'}; same template, parameters, tags and stack options): executing it.`,
  );
  return {
    changeSetName: name,
    stackId: cs.stackId ?? run.plan.existing?.StackId ?? stackName,
    changes: cs.changes,
  };
}

async function describeReviewed(
  ctx: PipelineContext,
  stackName: string,
  given: string,
): Promise<ChangeSetDescription> {
  try {
    return await describeChangeSet(ctx.aws.cloudFormation, stackName, given);
  } catch (e) {
    const stackGone = errorName(e) === 'ValidationError' && /does not exist/.test(errorMessage(e));
    if (isChangeSetMissingError(e) || stackGone) {
      throw new CutoverError(
        'CHANGE_SET_NOT_FOUND',
        `Change set ${given} does not exist on stack ${stackName}. CloudFormation deletes a stack's other change sets whenever one is executed, ` +
          'so the stack was most likely deployed since it was planned (or the change set was deleted). Nothing was executed: run mode plan again and review the new change set.',
        [],
        { cause: e },
      );
    }
    throwIfAccessDenied(e, 'cloudformation:DescribeChangeSet', `${stackName} ${given}`);
    throw e;
  }
}

function stale(given: string, stackName: string, reasons: readonly string[]): CutoverError {
  return new CutoverError(
    'CHANGE_SET_STALE',
    `Change set ${given} on stack ${stackName} is stale: ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more difference${reasons.length > 2 ? 's' : ''})` : ''}. ` +
      'Executing it would not do what was reviewed, so nothing was executed. Run mode plan again and review the new change set, or deploy without change-set-name.',
    reasons,
  );
}

/** The stack was updated (or created anew) after the change set was made. */
function stackChangedSince(stack: Stack | undefined, created: Date | undefined): string[] {
  const changed = stack?.LastUpdatedTime ?? stack?.CreationTime;
  if (!stack || !changed || !created || changed.getTime() <= created.getTime()) return [];
  return [
    `the stack was updated at ${changed.toISOString()}, after the change set was created at ${created.toISOString()}`,
  ];
}

async function reviewedTemplate(
  ctx: PipelineContext,
  stackName: string,
  name: string,
): Promise<CfnTemplate | string> {
  let body: string;
  try {
    body = await getChangeSetTemplate(ctx.aws.cloudFormation, stackName, name);
  } catch (e) {
    throwIfAccessDenied(e, 'cloudformation:GetTemplate', `${stackName} ${name}`);
    throw e;
  }
  try {
    return parseTemplate(body, `the template of change set ${name}`);
  } catch {
    return body;
  }
}

/** JSON with sorted keys: the same template whatever its formatting (pretty or compact, YAML or JSON). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function templateDiffers(template: CfnTemplate, theirs: CfnTemplate | string): string[] {
  if (typeof theirs === 'string')
    return ['its template could not be read back to compare with the one this run would deploy'];
  // What is sent is JSON: keys without a value are not part of it.
  const ours = JSON.parse(JSON.stringify(template)) as CfnTemplate;
  if (canonical(ours) === canonical(theirs)) return [];
  const differing = (a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined) =>
    [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].filter(
      (k) => canonical(a?.[k]) !== canonical(b?.[k]),
    );
  const resources = differing(ours.Resources, theirs.Resources);
  const sections = differing(ours, theirs).filter((k) => k !== 'Resources');
  const where = [
    ...(resources.length > 0
      ? [
          `resource${resources.length === 1 ? '' : 's'} ${resources.slice(0, 5).join(', ')}${resources.length > 5 ? ', …' : ''}`,
        ]
      : []),
    ...sections.map((s) => `section ${s}`),
  ];
  return [
    `the template this run would deploy differs from the change set's (${where.join('; ')}): the code or the template changed since the plan`,
  ];
}

/** The values this run would deploy: its overrides, else the stack's current ones, else the defaults. NoEcho ones are left out. */
function expectedParameters(run: ChangeSetRun): Record<string, string> {
  const declared = run.prepared.packaged.template.Parameters ?? {};
  const previous = Object.fromEntries(
    (run.plan.existing?.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? '']),
  );
  const out: Record<string, string> = {};
  for (const [key, decl] of Object.entries(declared)) {
    if (decl?.NoEcho === true || decl?.NoEcho === 'true') continue;
    const fallback = Array.isArray(decl?.Default) ? decl.Default.join(',') : decl?.Default;
    const value =
      run.prepared.overrides[key] ?? previous[key] ?? (fallback === undefined ? undefined : String(fallback));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function parametersDiffer(
  expected: Record<string, string>,
  theirs: Readonly<Record<string, string>>,
): string[] {
  return Object.entries(expected).flatMap(([key, value]) => {
    const planned = theirs[key];
    // CloudFormation masks NoEcho values: those cannot be compared.
    if (planned === undefined || planned === '****' || planned === value) return [];
    const route = ROUTE_PARAMETERS.includes(key)
      ? ' (production\u2019s route moved since the plan: executing it would move production traffic)'
      : '';
    return [
      `parameter ${key} is ${JSON.stringify(planned)} in the change set but ${JSON.stringify(value)} now${route}`,
    ];
  });
}

function mapDiffers(
  what: string,
  ours: Readonly<Record<string, string>>,
  theirs: Readonly<Record<string, string>>,
): string[] {
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].filter(
    (k) => ours[k] !== theirs[k],
  );
  return keys.length > 0 ? [`its ${what} differ from this run's (${keys.join(', ')})`] : [];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** The stack-safety inputs this run sets must be the change set's; unset ones are not compared. */
function safetyDiffers(run: ChangeSetRun, cs: ChangeSetDescription): string[] {
  const { notificationArns, rollback } = run.safety;
  const reasons: string[] = [];
  if (notificationArns && !sameSet(notificationArns, cs.notificationArns))
    reasons.push(
      `its notification ARNs (${cs.notificationArns.join(', ') || 'none'}) are not notification-arns`,
    );
  const arns = rollback?.alarms?.map((a) => a.arn);
  if (arns && !sameSet(arns, cs.rollbackConfiguration?.alarmArns ?? []))
    reasons.push('its rollback triggers are not rollback-alarms');
  const minutes = rollback?.monitoringMinutes;
  if (minutes !== undefined && minutes !== cs.rollbackConfiguration?.monitoringMinutes)
    reasons.push(`its monitoring time is not rollback-monitoring-minutes (${minutes})`);
  return reasons;
}
