// What the verify stages need from the workload stack's outputs (workload/README.md lists
// them): the LMI function and the published version its `live` alias points at, the standard
// twin's `live` alias, the events table, and the API stage. The version always comes from the
// outputs — never `$LATEST`, which an LMI function cannot run.
import { CutoverError } from '../../core/errors.js';
import type { StageContext } from './proxy-event.js';
import type { InvokeTarget } from './invoke.js';

export interface WorkloadStack {
  readonly lmi: InvokeTarget & {
    readonly version: string;
    readonly aliasArn: string;
    readonly capacityProviderArn?: string;
  };
  /** The twin; `version` is the one this deploy published (StandardVersion), when the stack says. */
  readonly standard: InvokeTarget & { readonly aliasArn: string; readonly version?: string };
  readonly eventsTableName: string;
  readonly accountId: string;
  readonly api: { readonly url?: string; readonly restApiId?: string; readonly stageName?: string };
}

/** What any converted app's stack names (`lmi-cutover init` outputs): all but the webhook's events table. */
export type AppStack = Omit<WorkloadStack, 'eventsTableName'>;

const APP_REQUIRED = [
  'LmiFunctionName',
  'LmiVersion',
  'LmiAliasArn',
  'StandardFunctionName',
  'StandardAliasArn',
] as const;
const REQUIRED = [...APP_REQUIRED, 'EventsTableName'] as const;

const ALIAS_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:(\d{12}):function:([^:]+):([^:]+)$/;

export function workloadStackFromOutputs(
  stackName: string,
  outputs: Readonly<Record<string, string>>,
): WorkloadStack {
  assertOutputs(
    stackName,
    outputs,
    REQUIRED,
    'as workload/template.yaml does (the LMI function, its published version and live alias, the standard twin, the events table)',
  );
  return { ...appStackFromOutputs(stackName, outputs), eventsTableName: outputs.EventsTableName! };
}

/** The stack of an app verified with the user's own checks: no events table needed. */
export function appStackFromOutputs(stackName: string, outputs: Readonly<Record<string, string>>): AppStack {
  assertOutputs(
    stackName,
    outputs,
    APP_REQUIRED,
    'as `lmi-cutover init` writes them (the LMI function, its published version and live alias, the standard twin)',
  );
  const version = outputs.LmiVersion!;
  if (!/^\d+$/.test(version)) {
    throw new CutoverError(
      'STACK_OUTPUTS_MISSING',
      `Stack output LmiVersion is ${JSON.stringify(version)}, not a published version number. ` +
        'It must name the version the live alias points at (AutoPublishAlias), never $LATEST.',
    );
  }
  const lmiAlias = parseAliasArn('LmiAliasArn', outputs.LmiAliasArn!);
  const standardAlias = parseAliasArn('StandardAliasArn', outputs.StandardAliasArn!);
  const standardVersion = /^\d+$/.test(outputs.StandardVersion ?? '') ? outputs.StandardVersion : undefined;
  return {
    lmi: {
      side: 'lmi',
      functionName: outputs.LmiFunctionName!,
      qualifier: version,
      version,
      aliasArn: outputs.LmiAliasArn!,
      capacityProviderArn: outputs.CapacityProviderArn || undefined,
    },
    standard: {
      side: 'standard',
      functionName: outputs.StandardFunctionName!,
      // The twin's candidate is the version this deploy published, not whatever the alias says later.
      qualifier: standardVersion ?? standardAlias.alias,
      aliasArn: outputs.StandardAliasArn!,
      ...(standardVersion ? { version: standardVersion } : {}),
    },
    accountId: lmiAlias.accountId,
    api: {
      url: outputs.ApiUrl || undefined,
      restApiId: outputs.RestApiId || undefined,
      stageName: outputs.StageName || undefined,
    },
  };
}

function assertOutputs(
  stackName: string,
  outputs: Readonly<Record<string, string>>,
  required: readonly string[],
  how: string,
): void {
  const missing = required.filter((k) => !outputs[k]);
  if (missing.length === 0) return;
  throw new CutoverError(
    'STACK_OUTPUTS_MISSING',
    `Stack ${stackName} lacks the output${missing.length === 1 ? '' : 's'} verify needs: ${missing.join(', ')}. ` +
      `Declare them ${how}.`,
  );
}

function parseAliasArn(output: string, arn: string): { accountId: string; alias: string } {
  const m = ALIAS_ARN.exec(arn);
  if (!m) {
    throw new CutoverError(
      'STACK_OUTPUTS_MISSING',
      `Stack output ${output} is ${JSON.stringify(arn)}, not a Lambda alias ARN (arn:aws:lambda:<region>:<account>:function:<name>:<alias>).`,
    );
  }
  return { accountId: m[1]!, alias: m[3]! };
}

/**
 * The stage an event claims to come from when a target is invoked directly: the stack's API
 * and stage, with `liveFunction` pointing at the target's own version, as the stage (or its
 * canary) would set it when routing to that side.
 */
export function stageContextFor(
  stack: AppStack,
  side: 'lmi' | 'standard',
  region: string,
  /** Another version of that side (production's), when it is not the stack's candidate. */
  version?: InvokeTarget,
): StageContext {
  const restApiId = stack.api.restApiId ?? 'lmi-cutover';
  let domainName = `${restApiId}.execute-api.${region}.amazonaws.com`;
  if (stack.api.url) {
    try {
      domainName = new URL(stack.api.url).host;
    } catch {
      // A malformed ApiUrl output only changes the Host header; keep the derived name.
    }
  }
  const target = version ?? (side === 'lmi' ? stack.lmi : stack.standard);
  return {
    restApiId,
    stageName: stack.api.stageName ?? 'prod',
    domainName,
    accountId: stack.accountId,
    stageVariables: { liveFunction: `${target.functionName}:${target.qualifier}` },
  };
}
