// AWS::Lambda::Function, ::Version, ::Alias and ::Permission, through the Lambda control
// plane's own operations. A Version of an LMI function stays CREATE_IN_PROGRESS until the
// version is Active, and fails the resource when provisioning fails.
import yazl from 'yazl';
import { AwsError } from '../../../errors.js';
import { createAlias, deleteAlias, updateAlias } from '../../lambda/aliases.js';
import {
  createFunction,
  deleteFunction,
  publishVersion,
  updateCode,
  updateConfiguration,
  type FunctionInput,
} from '../../lambda/functions.js';
import { functionArn, parseFunctionRef } from '../../lambda/names.js';
import { addPermission, removePermission } from '../../lambda/permissions.js';
import { putScaling } from '../../lambda/scaling.js';
import { num, tagMap, type ProviderContext, type Props, type ResourceProvider } from './types.js';

const isNotFound = (e: unknown) => e instanceof AwsError && e.code === 'ResourceNotFoundException';

async function ignoreNotFound(fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

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

export const lambdaFunction: ResourceProvider = {
  replaceOn: ['FunctionName'],
  required: ['Code', 'Role'],
  attributes: ['Arn'],
  async create(ctx, props) {
    const name = props.FunctionName ?? ctx.physicalName(64);
    const { fn } = await createFunction(ctx.services.lambda, {
      ...configInput(props),
      FunctionName: name,
      Code: await codeInput(props),
      Tags: tagMap(props.Tags),
    });
    return { physicalId: name, attributes: { Arn: fn.arn } };
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
    if (!same(props.Code, old.props.Code)) await updateCode(store, fn, await codeInput(props));
    const { Code: _c, Tags: _t, ...rest } = props;
    const { Code: _oc, Tags: _ot, ...oldRest } = old.props;
    if (!same(rest, oldRest)) updateConfiguration(store, fn, configInput(props));
    fn.tags = tagMap(props.Tags);
    return { physicalId, attributes: { Arn: fn.arn } };
  },
  async delete(ctx, physicalId) {
    const store = ctx.services.lambda;
    await ignoreNotFound(() => deleteFunction(store, store.getFunction(physicalId)));
  },
};

export const lambdaVersion: ResourceProvider = {
  replaceOn: '*',
  required: ['FunctionName'],
  attributes: ['Version', 'FunctionArn'],
  async create(ctx: ProviderContext, props) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(String(props.FunctionName));
    const fn = store.getFunction(ref.name);
    const v = publishVersion(store, fn, { Description: props.Description, CodeSha256: props.CodeSha256 });
    if (props.FunctionScalingConfig) {
      putScaling(store, fn, v.version, {
        MinExecutionEnvironments: num(props.FunctionScalingConfig.MinExecutionEnvironments),
        MaxExecutionEnvironments: num(props.FunctionScalingConfig.MaxExecutionEnvironments),
      });
    }
    const physicalId = functionArn(ctx.region, fn.name, v.version);
    return {
      physicalId,
      attributes: { Version: v.version, FunctionArn: fn.arn },
      stabilize: async () => {
        const settled = await store.waitForVersionSettled(v, ctx.signal);
        if (settled.state === 'Failed') {
          throw new AwsError(
            'NotStabilized',
            `Version ${v.version} of function ${fn.name} failed to become Active: ${settled.stateReason ?? ''} (StateReasonCode: ${settled.stateReasonCode ?? ''})`,
          );
        }
      },
    };
  },
  async delete(ctx, physicalId) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(physicalId);
    await ignoreNotFound(() => {
      const fn = store.getFunction(ref.name);
      if (ref.qualifier && fn.versions.has(ref.qualifier)) deleteFunction(store, fn, ref.qualifier);
    });
  },
};

function routing(cfg: Props | undefined): Record<string, number> {
  const list: Props[] = cfg?.AdditionalVersionWeights ?? [];
  return Object.fromEntries(list.map((w) => [String(w.FunctionVersion), Number(w.FunctionWeight)]));
}

export const lambdaAlias: ResourceProvider = {
  replaceOn: ['Name', 'FunctionName'],
  required: ['Name', 'FunctionName', 'FunctionVersion'],
  attributes: ['AliasArn'],
  async create(ctx, props) {
    const store = ctx.services.lambda;
    const fn = store.getFunction(parseFunctionRef(String(props.FunctionName)).name);
    const alias = createAlias(store, fn, {
      Name: props.Name,
      FunctionVersion: String(props.FunctionVersion),
      Description: props.Description,
      RoutingConfig: { AdditionalVersionWeights: routing(props.RoutingConfig) },
    });
    const arn = functionArn(ctx.region, fn.name, alias.name);
    return { physicalId: arn, attributes: { AliasArn: arn } };
  },
  async update(ctx, physicalId, props) {
    const store = ctx.services.lambda;
    const fn = store.getFunction(parseFunctionRef(String(props.FunctionName)).name);
    updateAlias(store, fn, String(props.Name), {
      FunctionVersion: String(props.FunctionVersion),
      Description: props.Description ?? '',
      RoutingConfig: { AdditionalVersionWeights: routing(props.RoutingConfig) },
    });
    return { physicalId, attributes: { AliasArn: physicalId } };
  },
  async delete(ctx, physicalId) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(physicalId);
    await ignoreNotFound(() => deleteAlias(store, store.getFunction(ref.name), ref.qualifier ?? ''));
  },
};

export const lambdaPermission: ResourceProvider = {
  replaceOn: '*',
  required: ['Action', 'FunctionName', 'Principal'],
  attributes: [],
  async create(ctx, props) {
    const store = ctx.services.lambda;
    const ref = parseFunctionRef(String(props.FunctionName));
    const fn = store.getFunction(ref.name, ref.qualifier);
    const sid = ctx.physicalName(100);
    addPermission(store, fn, ref.qualifier, {
      StatementId: sid,
      Action: props.Action,
      Principal: props.Principal,
      SourceArn: props.SourceArn,
      SourceAccount: props.SourceAccount,
      PrincipalOrgID: props.PrincipalOrgID,
    });
    return { physicalId: sid, attributes: { FunctionName: fn.name, Qualifier: ref.qualifier } };
  },
  async delete(ctx, physicalId, _props, attributes) {
    const store = ctx.services.lambda;
    await ignoreNotFound(() =>
      removePermission(
        store,
        store.getFunction(String(attributes.FunctionName)),
        attributes.Qualifier as string | undefined,
        physicalId,
      ),
    );
  },
};
