// AWS::Lambda::Function through the Lambda control plane's own operations, inline ZipFile
// code included. For an LMI function, FunctionScalingConfig is `$LATEST.PUBLISHED`'s, and
// PublishToLatestPublished: true publishes `$LATEST.PUBLISHED` on create and on every update
// that changes code or configuration, the resource waiting until it is Active. The Lambda docs
// say CloudFormation creates `$LATEST.PUBLISHED` for LMI functions but not what the
// property's default is; the emulator publishes only when the template sets it to true.
import yazl from 'yazl';
import { AwsError } from '../../../errors.js';
import {
  num,
  tagMap,
  type ProviderContext,
  type ProvisionResult,
  type Props,
  type ResourceProvider,
} from '../../cloudformation/providers/types.js';
import {
  createFunction,
  deleteFunction,
  updateCode,
  updateConfiguration,
  type FunctionInput,
} from '../functions.js';
import type { FunctionRecord } from '../model.js';
import { DEFAULT_SCALING } from '../capacity.js';
import { LATEST_PUBLISHED, publishVersion } from '../publish.js';
import { putScaling } from '../scaling.js';
import type { LambdaStore } from '../store.js';
import { ignoreNotFound } from './not-found.js';
import { scalingOf } from './version.js';

/** CloudFormation's inline ZipFile: source text packaged as index.js / index.py. */
function inlineZip(source: string, runtime: string): Promise<Buffer> {
  const file = runtime.startsWith('python') ? 'index.py' : 'index.js';
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(source), file, { mtime: new Date(0) });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

async function codeInput(props: Props) {
  const code = props.Code ?? {};
  if (code.ZipFile !== undefined)
    return { ZipFile: await inlineZip(String(code.ZipFile), String(props.Runtime ?? '')) };
  return {
    S3Bucket: code.S3Bucket,
    S3Key: code.S3Key,
    S3ObjectVersion: code.S3ObjectVersion,
    ImageUri: code.ImageUri,
  };
}

function configInput(props: Props): FunctionInput {
  return {
    Runtime: props.Runtime,
    Role: props.Role,
    Handler: props.Handler,
    Description: props.Description ?? '',
    Timeout: num(props.Timeout),
    MemorySize: num(props.MemorySize),
    Environment: { Variables: props.Environment?.Variables ?? {} },
    Architectures: props.Architectures,
    PackageType: props.PackageType,
    LoggingConfig: props.LoggingConfig,
    EphemeralStorage: props.EphemeralStorage ? { Size: num(props.EphemeralStorage.Size) } : undefined,
    TracingConfig: props.TracingConfig,
    Layers: props.Layers,
    CapacityProviderConfig: lmiInput(props.CapacityProviderConfig),
  };
}

function lmiInput(cfg: Props | undefined): FunctionInput['CapacityProviderConfig'] {
  const lmi = cfg?.LambdaManagedInstancesCapacityProviderConfig;
  if (!cfg) return undefined;
  return {
    LambdaManagedInstancesCapacityProviderConfig: lmi && {
      CapacityProviderArn: lmi.CapacityProviderArn,
      PerExecutionEnvironmentMaxConcurrency: num(lmi.PerExecutionEnvironmentMaxConcurrency),
      ExecutionEnvironmentMemoryGiBPerVCpu: num(lmi.ExecutionEnvironmentMemoryGiBPerVCpu),
    },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const publishesLatest = (props: Props) => String(props.PublishToLatestPublished) === 'true';

/** Publishes `$LATEST.PUBLISHED`; the resource stabilizes once it is Active. */
function publishLatest(ctx: ProviderContext, fn: FunctionRecord): ProvisionResult['stabilize'] {
  const store = ctx.services.lambda;
  const v = publishVersion(store, fn, { PublishTo: 'LATEST_PUBLISHED' });
  return async () => {
    const settled = await store.waitForVersionSettled(v, ctx.signal);
    if (settled.state === 'Failed') {
      throw new AwsError(
        'NotStabilized',
        `${LATEST_PUBLISHED} of function ${fn.name} failed to become Active: ${settled.stateReason ?? ''} (StateReasonCode: ${settled.stateReasonCode ?? ''})`,
      );
    }
  };
}

/** A changed FunctionScalingConfig applies to the `$LATEST.PUBLISHED` that is not republished. */
function rescaleLatest(store: LambdaStore, fn: FunctionRecord): void {
  const v = fn.versions.get(LATEST_PUBLISHED);
  if (v?.state === 'Active' || v?.state === 'Deactivated')
    putScaling(store, fn, LATEST_PUBLISHED, { ...DEFAULT_SCALING, ...fn.latestPublishedScaling });
}

export const lambdaFunction: ResourceProvider = {
  replaceOn: ['FunctionName'],
  nameProperty: 'FunctionName',
  required: ['Code', 'Role'],
  attributes: ['Arn'],
  async create(ctx, props) {
    const name = props.FunctionName ?? ctx.physicalName(64);
    // Refused before anything exists, so a failed create leaves no function behind.
    if (publishesLatest(props) && !props.CapacityProviderConfig) {
      throw new AwsError(
        'InvalidParameterValueException',
        'PublishToLatestPublished applies only to Lambda Managed Instances functions (with a CapacityProviderConfig).',
      );
    }
    const { fn } = await createFunction(ctx.services.lambda, {
      ...configInput(props),
      FunctionName: name,
      Code: await codeInput(props),
      Tags: tagMap(props.Tags),
    });
    fn.latestPublishedScaling = scalingOf(props.FunctionScalingConfig);
    const stabilize = publishesLatest(props) ? publishLatest(ctx, fn) : undefined;
    return { physicalId: name, attributes: { Arn: fn.arn }, stabilize };
  },
  async update(ctx, physicalId, props, old) {
    const store = ctx.services.lambda;
    const fn = store.getFunction(physicalId);
    if (old.props.CapacityProviderConfig && !props.CapacityProviderConfig) {
      throw new AwsError(
        'InvalidParameterValueException',
        "CapacityProviderConfig can't be removed from a Lambda Managed Instances function; it is fixed when the function is created.",
      );
    }
    const codeChanged = !same(props.Code, old.props.Code);
    if (codeChanged) await updateCode(store, fn, await codeInput(props));
    const ignored = ['Code', 'Tags', 'FunctionScalingConfig', 'PublishToLatestPublished'];
    const rest = Object.fromEntries(Object.entries(props).filter(([k]) => !ignored.includes(k)));
    const oldRest = Object.fromEntries(Object.entries(old.props).filter(([k]) => !ignored.includes(k)));
    const configChanged = !same(rest, oldRest);
    if (configChanged) updateConfiguration(store, fn, configInput(props));
    fn.tags = tagMap(props.Tags);
    fn.latestPublishedScaling = scalingOf(props.FunctionScalingConfig);
    const republish =
      publishesLatest(props) && (codeChanged || configChanged || !fn.versions.has(LATEST_PUBLISHED));
    if (republish) return { physicalId, attributes: { Arn: fn.arn }, stabilize: publishLatest(ctx, fn) };
    if (!same(props.FunctionScalingConfig, old.props.FunctionScalingConfig)) rescaleLatest(store, fn);
    return { physicalId, attributes: { Arn: fn.arn } };
  },
  async delete(ctx, physicalId) {
    const store = ctx.services.lambda;
    await ignoreNotFound(() => deleteFunction(store, store.getFunction(physicalId)));
  },
};
