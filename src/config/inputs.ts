// The inputs of action.yml and the flags of the CLI, in one table: the CLI declares its options
// from it, the Action reads it with core.getInput, and a test checks action.yml against it.

import { DEFAULTS, shownDefault } from './defaults.js';

export interface InputSpec {
  readonly name: string;
  readonly description: string;
  /** Default as action.yml states it; undefined means "no default" (or computed, see text). */
  readonly default?: string;
  /** Only meaningful inside GitHub Actions, so the CLI has no flag for it. */
  readonly actionOnly?: boolean;
}

export const INPUTS = [
  {
    name: 'mode',
    default: shownDefault(DEFAULTS.mode),
    description:
      "What to run: `plan` (create the change set against the stack and report what it would change, replacements and risks to production first; nothing is executed and the change set is kept for `change-set-name`), `deploy` (the stack only), `verify` (deploy, wait for the LMI version to be Active, then smoke and concurrency checks; production traffic is not moved), `cutover` (verify the deployed LMI version again, then shift production traffic to it in `cutover-steps`, rolling back by itself when a step fails), `full` (deploy, verify, then cutover), `rollback` (production back to the previous production version, or with `rollback-to: standard` to the twin's last verified version) or `merge` (add up the shard reports of a sharded concurrency check, see `load-shard` and `shards-path`, and apply the gates to the whole check).",
  },
  {
    name: 'stack-name',
    description: 'CloudFormation stack to deploy: letters, digits and hyphens, starting with a letter.',
  },
  {
    name: 'template',
    default: shownDefault(DEFAULTS.template),
    description:
      'Path of the SAM/CloudFormation template (YAML or JSON), relative to the working directory (a relative path may not leave it; an absolute path is taken as given).',
  },
  {
    name: 'checks',
    description:
      "Path of a YAML file of your own checks, relative to the working directory; see README \"Your own checks\". Set, the smoke checks run on both candidate versions instead of the bundled webhook workload's, the concurrency check sends its `load` request (skipped, and said so, without one), and in `cutover`/`full` the canary probes send that request through the stage and each step is judged by Lambda's CloudWatch metrics per version. The webhook's outputs and signing secret are not needed.",
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
    default: shownDefault(DEFAULTS.deployTimeoutMinutes),
    description:
      'Fail the run when the deployment has not finished after this many minutes. An update still running then is cancelled (CancelUpdateStack) and the run waits for CloudFormation to roll it back; a first creation cannot be cancelled and is left to finish or roll back by itself.',
  },
  {
    name: 'change-set-name',
    description:
      "Modes `deploy` and `full`: execute this reviewed change set (the `change-set-name` output of a `plan` run, or its ARN) instead of creating one. Refused, with nothing executed, when it does not exist, is not executable, belongs to another stack, or is stale: the stack was updated after it was created, or this run would deploy a different template, parameters (production's route included), tags, notification ARNs or rollback triggers.",
  },
  {
    name: 'capabilities',
    default: shownDefault(DEFAULTS.capabilities),
    description:
      'Capabilities the change set acknowledges, separated by commas, spaces or newlines: `CAPABILITY_IAM`, `CAPABILITY_NAMED_IAM`, `CAPABILITY_AUTO_EXPAND` (needed by the SAM transform). CloudFormation refuses a template that needs one not listed (InsufficientCapabilitiesException).',
  },
  {
    name: 'notification-arns',
    description:
      "SNS topic ARNs CloudFormation publishes the stack's events to, separated by commas, spaces or newlines (at most 5). Empty: the stack keeps the topics it has.",
  },
  {
    name: 'termination-protection',
    description:
      'Turn termination protection on (`true`) or off (`false`) after a successful deploy (UpdateTerminationProtection; a change set cannot set it). Empty: the stack keeps what it has.',
  },
  {
    name: 'rollback-alarms',
    description:
      'CloudWatch alarms (names or ARNs, separated by commas or newlines, at most 5) CloudFormation watches as rollback triggers during the update and for `rollback-monitoring-minutes` after it: one in ALARM rolls the stack back (RollbackConfiguration). A name that matches no alarm fails the run before the change set is created. Empty: the stack keeps the triggers it has.',
  },
  {
    name: 'rollback-monitoring-minutes',
    description:
      "Minutes CloudFormation keeps watching the rollback triggers after the stack's resources are deployed (0-180, less than `deploy-timeout-minutes`); the stack stays UPDATE_IN_PROGRESS meanwhile. Empty: the stack keeps its setting (0 for a new stack).",
  },
  {
    name: 'endpoint-url',
    description:
      "AWS endpoint override (a local emulator). Default: the SDK's own AWS_ENDPOINT_URL handling.",
  },
  {
    name: 'allow-fork',
    default: shownDefault(DEFAULTS.allowFork),
    actionOnly: true,
    description:
      "Deploy for pull requests from forks, and for `workflow_run` events a fork's pull request started. Off by default: a fork's code would run with this repository's AWS credentials.",
  },
  {
    name: 'provisioning-timeout-minutes',
    default: shownDefault(DEFAULTS.provisioningTimeoutMinutes),
    description: 'Fail the run when the published LMI version is not Active after this many minutes.',
  },
  {
    name: 'concurrency',
    description:
      "Requests in flight at once during the concurrency check. Default: 3 × the LMI function's PerExecutionEnvironmentMaxConcurrency.",
  },
  {
    name: 'load-requests',
    description:
      'Signed webhooks sent in the concurrency check, per side (LMI and twin). Default: 10 × concurrency.',
  },
  {
    name: 'load-workers',
    description:
      "Worker threads the concurrency check's requests are sent from, each with its own event loop and connections, so the runner measures the function and not its own queue. A number sets how many threads one burst uses (at most its concurrency). Default: one thread per 256 requests in flight, at most the runner's CPU count (a thread holding fewer requests spends more CPU on each).",
  },
  {
    name: 'load-shard',
    description:
      "Mode `verify`: send only this run's share of the concurrency check, as `i/N` (shard i of N, N at most 256), for a check one runner cannot send alone (a matrix of N jobs). Nothing is deployed and no traffic moves: the deployed stack's candidate LMI version must be Active, and `concurrency` and `load-requests` (the whole check's, the same in every shard) are split as evenly as whole numbers allow. No gate is applied here: the shard report (`shard-report-path`) is for mode `merge`, which judges all the shards together. Empty: the whole check in this run.",
  },
  {
    name: 'load-shard-id',
    description:
      'With `load-shard`: the id every shard of one check shares, which the merge holds them to (letters, digits, `_`, `-` and `.`). Default: the workflow run and its attempt (`GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT`); required outside GitHub Actions.',
  },
  {
    name: 'load-shard-start-at',
    description:
      'With `load-shard`: when every shard starts sending, as Unix seconds or an ISO 8601 time with its zone (2026-01-05T09:00:00Z). A shard ready earlier waits for it after checking the candidate is Active; one ready later sends at once; more than an hour ahead is refused. The merge reports how much of the check every shard was sending at once. Empty: each shard sends as soon as it is ready.',
  },
  {
    name: 'concurrency-sweep',
    description:
      'Per-environment concurrency levels to sweep after the check, comma-separated (for example `8,16,32,64`), with the knee marked. Empty: no sweep.',
  },
  {
    name: 'max-error-rate',
    default: shownDefault(DEFAULTS.maxErrorRate),
    description:
      'Gate: the highest error rate the LMI version may show in the concurrency check and in each canary step, as a fraction (0.01) or a percentage (1%). A canary step fails when the candidate\'s error rate is above it and, with a large enough sample, significantly above production\'s (one-sided Fisher exact test, α 0.01; README "Canary steps").',
  },
  {
    name: 'max-p95-ms',
    default: shownDefault(DEFAULTS.maxP95Ms),
    description:
      'Gate: the highest p95 latency in milliseconds for the LMI version in the concurrency check and in each canary step, or `auto` for 1.5 × the warm p95 of the version production serves (the standard twin before the first cutover, the current LMI version after), measured with the same burst in the same run, cold starts left out.',
  },
  {
    name: 'max-throttle-rate',
    default: shownDefault(DEFAULTS.maxThrottleRate),
    description:
      'Gate: the highest share of throttled requests for the LMI version, as a fraction or a percentage.',
  },
  {
    name: 'cutover-steps',
    default: shownDefault(DEFAULTS.cutoverSteps),
    description:
      'Canary percentages of production traffic sent to the LMI alias, comma-separated, ascending and ending at 100. Each step bakes for `bake-seconds` while probes check it; then the stage is promoted (all traffic to LMI, canary removed).',
  },
  {
    name: 'bake-seconds',
    default: shownDefault(DEFAULTS.bakeSeconds),
    description:
      "Seconds each canary step runs while signed probe webhooks go through the stage. The step passes when the LMI side's error rate and p95 stay within `max-error-rate` and `max-p95-ms` and the observed split matches the step.",
  },
  {
    name: 'probe-rate',
    default: shownDefault(DEFAULTS.probeRate),
    description:
      "Signed probe webhooks per second sent through the stage URL while a step bakes, after the promotion and after a rollback (they are stored as check events). With `bake-seconds`, it sets each step's sample: below the error test's minimum sample a step is judged strictly, and the log says which rate would reach it.",
  },
  {
    name: 'resume',
    default: shownDefault(DEFAULTS.resume),
    description:
      'When an earlier run left the stage mid-canary: `rollback` sends all traffic back to the production version the canary started from, then starts again; `continue` goes on from the canary percentage (mode `cutover` only; `full` refuses, since its deploy would put the canary on an unverified version).',
  },
  {
    name: 'rollback-to',
    default: shownDefault(DEFAULTS.rollbackTo),
    description:
      "Where mode `rollback` sends production: `previous` (the production version before the last promotion, kept Active and permitted as the rollback target) or `standard` (the emergency fallback: the standard twin's last verified version). A canary in flight is always undone to its production version first.",
  },
  {
    name: 'alarm-names',
    description:
      'CloudWatch alarms, separated by commas or newlines, none of which may be in ALARM during a canary step: they are polled all through each bake, and the first ALARM stops the step and rolls back. A name that matches no alarm fails the run before any traffic moves. Empty: no alarm gate.',
  },
  {
    name: 'metrics-period-seconds',
    default: shownDefault(DEFAULTS.metricsPeriodSeconds),
    description:
      'With `checks`: the CloudWatch period of the `AWS/Lambda` metrics that judge each canary step (Invocations, Errors, Throttles, Duration p95 per version). Lambda publishes them per minute, so keep 60 on AWS; the step is judged on the whole periods inside its bake.',
  },
  {
    name: 'metrics-delay-seconds',
    default: shownDefault(DEFAULTS.metricsDelaySeconds),
    description:
      "With `checks`: how long each canary step is held after its bake (still probed, alarms still polled) before its metrics are read, since Lambda's metrics reach CloudWatch late. Too short and a healthy step shows no invocations and rolls back.",
  },
  {
    name: 'keep-versions',
    default: shownDefault(DEFAULTS.keepVersions),
    description:
      'After a successful promotion, keep this many newest LMI versions and delete older ones no alias references (a capacity provider holds at most 100 versions; a warning comes from 80); kept versions no alias references are scaled to 0/0 so they stop holding instances.',
  },
  {
    name: 'report-path',
    default: shownDefault(DEFAULTS.reportPath),
    description:
      'Where the JSON report of the run is written (relative to the working directory, which a relative path may not leave), success or failure.',
  },
  {
    name: 'shard-report-path',
    default: shownDefault(DEFAULTS.shardReportPath),
    description:
      "With `load-shard`: where the shard report is written, success or failure (relative to the working directory, which a relative path may not leave): JSON with the shard's latency histograms (all answers, and warm ones for `max-p95-ms: auto`), counts, environments seen, in-flight peak and isolation read-back, per side.",
  },
  {
    name: 'shards-path',
    description:
      'Mode `merge`: the directory holding the shard reports of one sharded check (searched recursively; every `.json` file in it must be a shard report). Refused, naming each problem: a shard of 1..N missing or given twice, a shard that failed, a file that is not a valid shard report, shards of another check, stack, candidate version or size.',
  },
  {
    name: 'comment',
    default: shownDefault(DEFAULTS.comment),
    actionOnly: true,
    description:
      'Post the report as one sticky pull request comment per stack (needs `pull-requests: write`). Skipped when no pull request number is known.',
  },
  {
    name: 'progress-comment',
    default: shownDefault(DEFAULTS.progressComment),
    actionOnly: true,
    description:
      'With `comment`: write the sticky comment as soon as the run starts ("deploying…", with the mode, stack, commit and a link to the run) and update it as each stage ends and each canary step is baked, so a long run can be followed from the pull request; the final report replaces it. `false`: only the final report is posted.',
  },
  {
    name: 'github-token',
    default: '${{ github.token }}',
    actionOnly: true,
    description: 'Token for the pull request comment.',
  },
  {
    name: 'pr-number',
    actionOnly: true,
    description:
      'Pull request to comment on, for push and workflow_dispatch runs. Default: the pull request of the triggering event.',
  },
  {
    name: 'monthly-invocations',
    default: shownDefault(DEFAULTS.monthlyInvocations),
    description: 'Monthly invocations the cost comparison is computed for.',
  },
  {
    name: 'savings-plan-discount',
    default: shownDefault(DEFAULTS.savingsPlanDiscount),
    description:
      'Compute Savings Plan discount on the LMI instances, as a fraction (0.3) or a percentage (30%); the management fee is never discounted.',
  },
  {
    name: 'instance-type',
    description:
      "EC2 instance type priced for LMI in the cost comparison. Default: a general-purpose type of the function's architecture.",
  },
  {
    name: 'instance-price',
    description: 'On-demand USD per hour of instance-type, overriding the built-in us-east-1 price table.',
  },
] as const satisfies readonly InputSpec[];

/** Raw inputs as strings, keyed by input name: what core.getInput and commander produce. */
export type RawInputs = Readonly<Partial<Record<string, string | undefined>>>;
