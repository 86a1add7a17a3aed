// The local AWS account `npm run demo` and the end-to-end tests run the real pipeline in: the
// emulator with function code running, an artifact bucket for the deploy stage, and the
// webhook signing secret as the SSM SecureString the workload reads. Credentials for the
// emulator are set for this process only, so the SDK's default chain (which the action uses)
// finds them; the shell's own AWS variables are never changed outside this process and are
// put back by `restore`.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';
import type { RawInputs } from '../../src/config/config.js';
import { newSigningSecret } from '../../src/pipeline/webhook/signature.js';

export const DEFAULT_STACK_NAME = 'lmi-webhook-demo';
export const DEFAULT_ARTIFACT_BUCKET = 'lmi-cutover-artifacts';
/** The template's default SigningSecretParameterName. */
export const DEFAULT_SECRET_PARAMETER = '/lmi-cutover/webhook-signing-secret';
/** Placeholders: the emulator checks their shape, not that they exist. */
export const LOCAL_NETWORK = {
  SubnetIds: 'subnet-0a1b2c3d,subnet-0e4f5a6b',
  SecurityGroupIds: 'sg-0123abcd',
};

export interface LocalAccount {
  readonly emulator: Emulator;
  readonly artifactBucket: string;
  readonly secretParameterName: string;
  /** The parameter's value: one or more whitespace-separated `whsec_` secrets. */
  readonly secret: string;
  /** Stops the emulator and puts the process's AWS variables back. Safe to call twice. */
  stop(): Promise<void>;
}

export interface LocalAccountOptions {
  readonly emulator?: EmulatorOptions;
  readonly artifactBucket?: string;
  readonly secretParameterName?: string;
  /** The signing secret parameter's value: `whsec_` secrets (a random one per account by default). */
  readonly secret?: string;
}

/** Variables of the SDK's credential chain that would win over the emulator's keys. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  // With AWS_PROFILE set, the default chain skips the environment keys altogether.
  'AWS_PROFILE',
] as const;

/**
 * Points this process's SDK credential chain at the emulator's keys; returns the function that
 * restores the variables as they were.
 */
export function useEmulatorCredentials(
  emu: Pick<Emulator, 'credentials'>,
  env: NodeJS.ProcessEnv = process.env,
): () => void {
  const saved = CREDENTIAL_VARIABLES.map((name) => [name, env[name]] as const);
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  env.AWS_ACCESS_KEY_ID = emu.credentials.accessKeyId;
  env.AWS_SECRET_ACCESS_KEY = emu.credentials.secretAccessKey;
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
  };
}

/** Starts the emulator and creates what the workload needs before its first deploy. */
export async function startLocalAccount(options: LocalAccountOptions = {}): Promise<LocalAccount> {
  const emulator = await startEmulator({ runCode: true, ...options.emulator });
  const restore = useEmulatorCredentials(emulator);
  const account = {
    emulator,
    artifactBucket: options.artifactBucket ?? DEFAULT_ARTIFACT_BUCKET,
    secretParameterName: options.secretParameterName ?? DEFAULT_SECRET_PARAMETER,
    secret: options.secret ?? newSigningSecret(),
  };
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      try {
        await emulator.stop();
      } finally {
        restore();
      }
    })());
  try {
    await prepareAccount(account);
  } catch (e) {
    await stop();
    throw e;
  }
  return { ...account, stop };
}

async function prepareAccount(a: Omit<LocalAccount, 'stop'>): Promise<void> {
  const settings = {
    endpoint: a.emulator.endpoint,
    region: a.emulator.region,
    credentials: a.emulator.credentials,
  };
  const s3 = new S3Client({ ...settings, forcePathStyle: true });
  const ssm = new SSMClient(settings);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: a.artifactBucket }));
    // What `aws ssm put-parameter --type SecureString` does once per account (workload/README.md).
    await ssm.send(
      new PutParameterCommand({
        Name: a.secretParameterName,
        Value: a.secret,
        Type: 'SecureString',
        Overwrite: true,
      }),
    );
  } finally {
    s3.destroy();
    ssm.destroy();
  }
}

export interface WorkloadInputsOptions {
  readonly mode?: string;
  readonly stackName?: string;
  readonly template?: string;
  /** Template parameters beyond the local network's placeholders (and the secret's name). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** False for a template without the webhook's SigningSecretParameterName parameter. */
  readonly signingSecret?: boolean;
}

/**
 * The raw inputs (as the Action and the CLI hand them to parseConfig) that deploy the workload
 * into this account: the emulator's endpoint and region, the artifact bucket, the parameters.
 */
export function workloadInputs(
  account: {
    readonly emulator: Pick<Emulator, 'endpoint' | 'region'>;
    readonly artifactBucket: string;
    readonly secretParameterName: string;
  },
  options: WorkloadInputsOptions = {},
): RawInputs {
  const parameters = {
    ...LOCAL_NETWORK,
    ...(options.signingSecret === false ? {} : { SigningSecretParameterName: account.secretParameterName }),
    ...options.parameters,
  };
  return {
    mode: options.mode ?? 'verify',
    'stack-name': options.stackName ?? DEFAULT_STACK_NAME,
    template: options.template ?? 'workload/template.yaml',
    region: account.emulator.region,
    'endpoint-url': account.emulator.endpoint,
    'artifact-bucket': account.artifactBucket,
    'parameter-overrides': Object.entries(parameters)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  };
}
