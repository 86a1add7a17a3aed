// Resource-based policies (AddPermission/GetPolicy/RemovePermission), one per qualifier.
import { randomUUID } from 'node:crypto';
import { conflict, invalidParameter, notFound, preconditionFailed } from './errors.js';
import type { FunctionRecord, PolicyStatement } from './model.js';
import { functionArn } from './names.js';
import type { LambdaStore } from './store.js';

export interface PermissionInput {
  StatementId?: string;
  Action?: string;
  Principal?: string;
  SourceArn?: string;
  SourceAccount?: string;
  PrincipalOrgID?: string;
  RevisionId?: string;
}

function checkQualifier(store: LambdaStore, fn: FunctionRecord, qualifier: string | undefined): string {
  if (!qualifier || qualifier === '$LATEST') return qualifier ?? '';
  if (!fn.versions.has(qualifier) && !fn.aliases.has(qualifier)) {
    throw notFound(`Function not found: ${functionArn(store.region, fn.name, qualifier)}`);
  }
  return qualifier;
}

export function addPermission(
  store: LambdaStore,
  fn: FunctionRecord,
  qualifier: string | undefined,
  input: PermissionInput,
): PolicyStatement {
  const q = checkQualifier(store, fn, qualifier);
  if (input.RevisionId !== undefined && input.RevisionId !== fn.policyRevisions.get(q))
    throw preconditionFailed();
  const sid = input.StatementId ?? '';
  if (!/^[a-zA-Z0-9-_]{1,100}$/.test(sid)) {
    throw invalidParameter(`The statement id ${sid} is not valid. It must match [a-zA-Z0-9-_]+.`);
  }
  if (!input.Action || !/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(input.Action)) {
    throw invalidParameter(`The action ${String(input.Action)} is not valid for a Lambda resource policy.`);
  }
  if (!input.Principal) throw invalidParameter('Principal is required.');
  const statements = fn.policies.get(q) ?? [];
  if (statements.some((s) => s.Sid === sid)) {
    throw conflict(
      `The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
    );
  }
  const principal = input.Principal.includes('.')
    ? { Service: input.Principal }
    : { AWS: /^\d{12}$/.test(input.Principal) ? `arn:aws:iam::${input.Principal}:root` : input.Principal };
  const condition: Record<string, Record<string, string>> = {};
  if (input.SourceArn) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  if (input.SourceAccount) condition.StringEquals = { 'AWS:SourceAccount': input.SourceAccount };
  if (input.PrincipalOrgID)
    condition.StringEquals = { ...condition.StringEquals, 'aws:PrincipalOrgID': input.PrincipalOrgID };
  const statement: PolicyStatement = {
    Sid: sid,
    Effect: 'Allow',
    Principal: principal,
    Action: input.Action,
    Resource: functionArn(store.region, fn.name, q || undefined),
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
  fn.policies.set(q, [...statements, statement]);
  fn.policyRevisions.set(q, randomUUID());
  return statement;
}

export function getPolicy(
  store: LambdaStore,
  fn: FunctionRecord,
  qualifier?: string,
): { Policy: string; RevisionId: string } {
  const q = checkQualifier(store, fn, qualifier);
  const statements = fn.policies.get(q);
  if (!statements?.length) throw notFound('The resource you requested does not exist.');
  return {
    Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements }),
    RevisionId: fn.policyRevisions.get(q) ?? '',
  };
}

export function removePermission(
  store: LambdaStore,
  fn: FunctionRecord,
  qualifier: string | undefined,
  sid: string,
): void {
  const q = checkQualifier(store, fn, qualifier);
  const statements = fn.policies.get(q) ?? [];
  if (!statements.some((s) => s.Sid === sid))
    throw notFound(`Statement ${sid} is not found in resource policy.`);
  fn.policies.set(
    q,
    statements.filter((s) => s.Sid !== sid),
  );
  fn.policyRevisions.set(q, randomUUID());
}
