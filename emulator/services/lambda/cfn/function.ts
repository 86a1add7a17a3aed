// AWS::Lambda::Function through the Lambda control plane's own operations, inline ZipFile
// code included.
import yazl from 'yazl';
import { AwsError } from '../../../errors.js';
import { num, tagMap, type Props, type ResourceProvider } from '../../cloudformation/providers/types.js';
import {
  createFunction,
  deleteFunction,
  updateCode,
  updateConfiguration,
  type FunctionInput,
} from '../functions.js';
import { ignoreNotFound } from './not-found.js';

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
  nameProperty: 'FunctionName',
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
