// The resource-provider contract: how the CloudFormation engine creates, updates and deletes
// one resource type through the same service code the emulated APIs use. CloudFormation owns
// the contract; each service implements it for its own types (services/<service>/cfn).
import type { Timers } from '../../../core/timers.js';
import type { ApiGatewayStore } from '../../apigateway/store.js';
import type { DynamoBackend } from '../../dynamodb/index.js';
import type { IamStore } from '../../iam/store.js';
import type { LambdaStore } from '../../lambda/store.js';
import type { S3Reader } from '../../s3/index.js';
import type { SsmStore } from '../../ssm/store.js';

export interface Services {
  lambda: LambdaStore;
  apigateway: ApiGatewayStore;
  ssm: SsmStore;
  iam: IamStore;
  s3: S3Reader;
  dynamodb: DynamoBackend;
}

export type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Attributes = Record<string, unknown>;

export interface ProviderContext {
  region: string;
  stackName: string;
  stackId: string;
  logicalId: string;
  services: Services;
  timers: Timers;
  /** Aborted when the operation is cancelled (another resource failed, or the emulator stops). */
  signal: AbortSignal;
  /** CloudFormation's generated physical name for a resource that names none. */
  physicalName(maxLength?: number): string;
}

export interface ProvisionResult {
  physicalId: string;
  attributes: Attributes;
  /** Waits until the resource is usable (an LMI version Active, a table ACTIVE). */
  stabilize?: () => Promise<Attributes | void>;
}

export interface ResourceProvider {
  /** Properties whose change replaces the resource; '*' when every change does. */
  replaceOn: string[] | '*';
  /** Properties a template must give. */
  required?: string[];
  /** Attributes available to Fn::GetAtt. */
  attributes: string[];
  /** The property naming the resource: replacing it under the same name is impossible. */
  nameProperty?: string;
  create(ctx: ProviderContext, props: Props): Promise<ProvisionResult>;
  update?(
    ctx: ProviderContext,
    physicalId: string,
    props: Props,
    old: { props: Props; attributes: Attributes },
  ): Promise<ProvisionResult>;
  delete(ctx: ProviderContext, physicalId: string, props: Props, attributes: Attributes): Promise<void>;
  /** What Ref returns; the physical id when omitted. */
  ref?(physicalId: string, attributes: Attributes): string;
  /** The IAM capability creating this resource requires. */
  capability?(props: Props): 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | undefined;
}

export const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : Number(v);

export const tagMap = (tags: unknown): Record<string, string> =>
  Array.isArray(tags)
    ? Object.fromEntries(tags.map((t: { Key: string; Value: string }) => [t.Key, String(t.Value)]))
    : {};

/** Polls until check() returns a value, within the emulator's timers (cancelled on abort). */
export async function pollUntil<T>(
  ctx: ProviderContext,
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ctx.signal.aborted) throw new Error(`${what}: cancelled`);
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`${what} did not stabilize within ${timeoutMs / 1000} seconds`);
    await ctx.timers.sleep(10);
    if (ctx.timers.isStopped) throw new Error(`${what}: emulator stopped`);
  }
}
