// The inputs of action.yml and the flags of the CLI, in one table: the CLI declares its options
// from it, the Action reads it with core.getInput, and a test checks action.yml against it.

export interface InputSpec {
  readonly name: string;
  readonly description: string;
  /** Default as action.yml states it; undefined means "no default" (or computed, see text). */
  readonly default?: string;
  /** Only meaningful inside GitHub Actions, so the CLI has no flag for it. */
  readonly actionOnly?: boolean;
}

export const INPUTS = [
  { name: 'mode', default: 'deploy', description: 'What to run. Only `deploy` exists for now.' },
  {
    name: 'stack-name',
    description: 'CloudFormation stack to deploy: letters, digits and hyphens, starting with a letter.',
  },
  {
    name: 'template',
    default: 'workload/template.yaml',
    description: 'Path of the SAM/CloudFormation template (YAML or JSON), relative to the working directory.',
  },
  {
    name: 'region',
    description: 'AWS region. Default: AWS_REGION, then AWS_DEFAULT_REGION, then the SDK configuration.',
  },
  {
    name: 'artifact-bucket',
    description:
      'S3 bucket for packaged function code and for templates over 51,200 bytes. Required when a function has a local CodeUri.',
  },
  {
    name: 'parameter-overrides',
    description:
      'Template parameters: `Key=Value` pairs separated by spaces or newlines (values may contain commas; quote values with spaces), or the path of a JSON/YAML file.',
  },
  {
    name: 'tags',
    description:
      'Stack tags: `Key=Value` pairs separated by spaces or newlines, or the path of a JSON/YAML file.',
  },
  {
    name: 'role-arn',
    description:
      "IAM service role CloudFormation assumes to deploy the stack. Default: the caller's own credentials.",
  },
  {
    name: 'deploy-timeout-minutes',
    default: '30',
    description: 'Fail the run when the deployment has not finished after this many minutes.',
  },
  {
    name: 'endpoint-url',
    description:
      "AWS endpoint override (a local emulator). Default: the SDK's own AWS_ENDPOINT_URL handling.",
  },
  {
    name: 'allow-fork',
    default: 'false',
    actionOnly: true,
    description:
      "Deploy for pull requests from forks. Off by default: a fork's code would run with this repository's AWS credentials.",
  },
] as const satisfies readonly InputSpec[];

export type InputName = (typeof INPUTS)[number]['name'];

/** Raw inputs as strings, keyed by input name: what core.getInput and commander produce. */
export type RawInputs = Readonly<Partial<Record<string, string | undefined>>>;
