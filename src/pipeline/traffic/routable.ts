// Before the stage routes any traffic to a version: the version must be Active (a retired one,
// scaled to 0/0, is Deactivated and would answer errors) and API Gateway must be allowed to
// invoke exactly that version. Lambda checks permissions per qualifier, and a permission that
// CloudFormation owns disappears when its resource is replaced, so lmi-cutover owns one
// statement per version it routes to (`lmi-cutover-<rest api id>`), added here and never by a
// deploy. Adding it is idempotent: an existing statement with our id is left as it is.
import { addInvokePermission, getFunctionConfiguration, getVersionPolicy } from '../../aws/lambda.js';
import { errorMessage, errorName } from '../../core/aws-errors.js';
import { throwIfAccessDenied } from '../../core/access.js';
import { versionLabel, type VersionRef } from '../../core/domain.js';
import { CutoverError } from '../../core/errors.js';
import type { PipelineContext } from '../context.js';
import type { StageRef } from './route.js';
import { TRAFFIC_MESSAGES } from './messages.js';

const API_GATEWAY = 'apigateway.amazonaws.com';

export const permissionStatementId = (ref: StageRef): string => `lmi-cutover-${ref.restApiId}`;

/** `arn:aws:lambda:eu-west-1:123456789012:function:name:7` → the execute-api ARN of the API's every stage and route. */
function sourceArnOf(functionArn: string, ref: StageRef): string {
  const [, partition, , region, account] = functionArn.split(':');
  return `arn:${partition}:execute-api:${region}:${account}:${ref.restApiId}/*`;
}

interface Statement {
  Sid?: string;
  Principal?: { Service?: string | string[] } | string;
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A statement that already lets this API invoke the version, ours or the template's. */
function permits(policy: string | undefined, sourceArn: string, sid: string): boolean {
  if (!policy) return false;
  let statements: Statement[];
  try {
    statements = (JSON.parse(policy) as { Statement?: Statement[] }).Statement ?? [];
  } catch {
    return false;
  }
  return statements.some((s) => {
    if (s.Sid === sid) return true;
    const service = typeof s.Principal === 'object' ? s.Principal.Service : undefined;
    if (![service].flat().includes(API_GATEWAY)) return false;
    const arns = Object.values(s.Condition ?? {}).flatMap((c) => [c['AWS:SourceArn'] ?? []].flat());
    return arns.includes(sourceArn);
  });
}

export interface Routable {
  readonly target: VersionRef;
  /** True when this call added the invoke permission. */
  readonly permissionAdded: boolean;
}

/**
 * Makes `target` safe to route to, or refuses with the reason: VERSION_NOT_ROUTABLE when it is
 * not Active, ACCESS_DENIED when the permission cannot be read or added.
 */
export async function makeRoutable(
  ctx: PipelineContext,
  ref: StageRef,
  target: VersionRef,
): Promise<Routable> {
  const name = `${target.functionName}:${target.version}`;
  let arn: string;
  try {
    const c = await getFunctionConfiguration(ctx.aws.lambda, target.functionName, target.version);
    if (c.State !== 'Active') {
      throw new CutoverError(
        'VERSION_NOT_ROUTABLE',
        `${versionLabel(target)} (${name}) is ${c.State ?? 'in an unknown state'}${c.StateReason ? ` (${c.StateReason})` : ''}, ` +
          'so the stage must not send traffic to it. Nothing was changed.',
      );
    }
    if (!c.FunctionArn?.startsWith('arn:')) {
      throw new CutoverError(
        'VERSION_NOT_ROUTABLE',
        `${versionLabel(target)} (${name}): Lambda returned no function ARN, so the invoke permission's source cannot be built. Nothing was changed.`,
      );
    }
    arn = c.FunctionArn;
  } catch (e) {
    if (e instanceof CutoverError) throw e;
    throwIfAccessDenied(e, 'lambda:GetFunctionConfiguration', name);
    throw new CutoverError(
      'VERSION_NOT_ROUTABLE',
      `${versionLabel(target)} (${name}) cannot be read: ${errorMessage(e)}. Nothing was changed.`,
      [],
      { cause: e },
    );
  }
  const sid = permissionStatementId(ref);
  const sourceArn = sourceArnOf(arn, ref);
  try {
    if (
      permits(await getVersionPolicy(ctx.aws.lambda, target.functionName, target.version), sourceArn, sid)
    ) {
      return { target, permissionAdded: false };
    }
    await addInvokePermission(ctx.aws.lambda, {
      functionName: target.functionName,
      version: target.version,
      statementId: sid,
      principal: API_GATEWAY,
      sourceArn,
    });
  } catch (e) {
    // Added meanwhile by another run: the statement is there, which is all that matters.
    if (errorName(e) === 'ResourceConflictException') return { target, permissionAdded: false };
    throwIfAccessDenied(e, 'lambda:AddPermission', name);
    throw new CutoverError(
      'PERMISSION_FAILED',
      `Could not let API Gateway invoke ${name}: ${errorMessage(e)}. Nothing was routed to it.`,
      [],
      { cause: e },
    );
  }
  ctx.progress.emit(
    TRAFFIC_MESSAGES.permissionAdded,
    `API Gateway may now invoke ${name} from REST API ${ref.restApiId} (statement ${sid}).`,
  );
  return { target, permissionAdded: true };
}
