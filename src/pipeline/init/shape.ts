// What `init` reads from a SAM template before changing anything: which function to release,
// its API events, the REST API they use (the implicit one, or an explicit AWS::Serverless::Api
// SAM generates from events), and every reason the template cannot be converted. All the
// reasons are collected, so one run names them all; nothing is written when there is one.
import type { CfnTemplate } from '../deploy/template/cfn-yaml.js';
import { isRecord } from '../deploy/template/cfn-yaml.js';

const SERVERLESS_FUNCTION = 'AWS::Serverless::Function';
const SERVERLESS_API = 'AWS::Serverless::Api';

/** Runtimes Lambda Managed Instances supports (AWS docs, "Lambda Managed Instances runtimes"). */
const LMI_RUNTIMES: readonly RegExp[] = [
  /^nodejs(2[2-9]|[3-9]\d)\.x$/,
  /^python3\.(1[3-9]|[2-9]\d)$/,
  /^java(2[1-9]|[3-9]\d)$/,
  /^dotnet([89]|\d{2})$/,
  /^provided\.al20(2[3-9]|[3-9]\d)$/,
];
const LMI_RUNTIMES_TEXT = 'Node.js 22+, Python 3.13+, Java 21+, .NET 8+ or provided.al2023';

export interface ApiEvent {
  readonly name: string;
  readonly path: string;
  /** Lower case; `any` for ANY. */
  readonly method: string;
}

export interface TemplateShape {
  readonly functionId: string;
  readonly events: readonly ApiEvent[];
  /** The explicit AWS::Serverless::Api the events name, or undefined for SAM's implicit API. */
  readonly explicitApiId?: string;
  /** The function's properties with Globals.Function under them, as SAM applies them. */
  readonly effective: Readonly<Record<string, unknown>>;
}

export type ShapeReading =
  { readonly ok: true; readonly shape: TemplateShape } | { readonly ok: false; readonly problems: string[] };

const functionsOf = (t: CfnTemplate) =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === SERVERLESS_FUNCTION);

const eventsOf = (props: Record<string, unknown> | undefined): [string, Record<string, unknown>][] =>
  isRecord(props?.Events) ? Object.entries(props.Events).map(([k, v]) => [k, isRecord(v) ? v : {}]) : [];

const hasApiEvent = (props: Record<string, unknown> | undefined) =>
  eventsOf(props).some(([, e]) => e.Type === 'Api' || e.Type === 'HttpApi');

/** The function to release: the one named, or the only one with API events. */
function pickFunction(t: CfnTemplate, wanted: string | undefined): string | string[] {
  const fns = functionsOf(t);
  if (wanted) {
    const r = t.Resources[wanted];
    if (!r)
      return [
        `--function ${wanted}: the template has no resource ${wanted} (functions: ${fns.map(([id]) => id).join(', ') || 'none'})`,
      ];
    if (r.Type !== SERVERLESS_FUNCTION)
      return [`--function ${wanted}: ${wanted} is ${r.Type}, not ${SERVERLESS_FUNCTION}`];
    return wanted;
  }
  const withApi = fns.filter(([, r]) => hasApiEvent(r.Properties)).map(([id]) => id);
  if (withApi.length === 1) return withApi[0]!;
  if (withApi.length === 0) {
    return [
      fns.length === 0
        ? `the template has no ${SERVERLESS_FUNCTION}`
        : `no function has an API event (Type: Api); lmi-cutover shifts traffic at an API Gateway REST stage, so a function without one cannot be released (functions: ${fns.map(([id]) => id).join(', ')})`,
    ];
  }
  return [
    `${withApi.length} functions have API events (${withApi.join(', ')}): name the one to release with --function`,
  ];
}

function checkFunction(props: Record<string, unknown>, id: string, problems: string[]): void {
  if (props.PackageType === 'Image')
    problems.push(`${id}: container images (PackageType: Image) are not supported; LMI needs a zip package`);
  const runtime = props.Runtime;
  if (typeof runtime !== 'string') {
    problems.push(
      `${id}: Runtime is ${runtime === undefined ? 'not set' : 'not a plain value'}; init needs a literal runtime (LMI supports ${LMI_RUNTIMES_TEXT})`,
    );
  } else if (!LMI_RUNTIMES.some((r) => r.test(runtime))) {
    problems.push(
      `${id}: runtime ${runtime} does not run on Lambda Managed Instances (supported: ${LMI_RUNTIMES_TEXT}); upgrade the runtime first`,
    );
  }
  if (props.ProvisionedConcurrencyConfig !== undefined) {
    problems.push(
      `${id}: ProvisionedConcurrencyConfig cannot apply to LMI versions (their execution environments are always provisioned); remove it before converting`,
    );
  }
  if (props.DeploymentPreference !== undefined) {
    problems.push(
      `${id}: DeploymentPreference (CodeDeploy traffic shifting) would fight the stage canary lmi-cutover runs; remove it before converting`,
    );
  }
  if (props.CapacityProviderConfig !== undefined)
    problems.push(`${id}: already runs on a capacity provider; the template looks converted`);
  if (props.FunctionName !== undefined && typeof props.FunctionName !== 'string') {
    problems.push(
      `${id}: FunctionName is not a plain name, so the LMI copy cannot be given a distinct one; use a literal or remove it`,
    );
  }
}

/** The API events and the REST API they use; problems for every other event or API shape. */
function readEvents(
  t: CfnTemplate,
  id: string,
  props: Record<string, unknown>,
  problems: string[],
): { events: ApiEvent[]; explicitApiId?: string } {
  const events: ApiEvent[] = [];
  const apis = new Set<string | undefined>();
  for (const [name, e] of eventsOf(props)) {
    const p = isRecord(e.Properties) ? e.Properties : {};
    if (e.Type === 'HttpApi') {
      problems.push(
        `${id}: event ${name} is an HTTP API (Type: HttpApi); HTTP APIs have no canary, so lmi-cutover needs a REST API (Type: Api)`,
      );
      continue;
    }
    if (e.Type !== 'Api') {
      problems.push(
        `${id}: event ${name} (Type: ${String(e.Type)}) is not an API event; only API traffic goes through the stage canary, so move it to another function first`,
      );
      continue;
    }
    if (p.Auth !== undefined)
      problems.push(
        `${id}: event ${name} sets Auth; authorizers are not converted yet, so the release would drop them`,
      );
    if (typeof p.Path !== 'string' || typeof p.Method !== 'string') {
      problems.push(`${id}: event ${name} needs a literal Path and Method`);
      continue;
    }
    events.push({ name, path: p.Path, method: p.Method.toLowerCase() });
    const api = p.RestApiId;
    if (api === undefined) apis.add(undefined);
    else if (isRecord(api) && typeof api.Ref === 'string') apis.add(api.Ref);
    else problems.push(`${id}: event ${name} names its RestApiId with something other than !Ref`);
  }
  if (apis.size > 1)
    problems.push(
      `${id}: its API events use more than one REST API (${[...apis].map((a) => a ?? 'the implicit API').join(', ')}); one stage must serve them all`,
    );
  const explicitApiId = [...apis][0];
  if (explicitApiId !== undefined) checkExplicitApi(t, id, explicitApiId, problems);
  return { events, ...(explicitApiId !== undefined ? { explicitApiId } : {}) };
}

function checkExplicitApi(t: CfnTemplate, id: string, apiId: string, problems: string[]): void {
  const api = t.Resources[apiId];
  if (!api || api.Type !== SERVERLESS_API) {
    problems.push(
      `${id}: RestApiId ${apiId} is ${api ? api.Type : 'not a resource of the template'}; init converts an ${SERVERLESS_API} only`,
    );
    return;
  }
  const p = api.Properties ?? {};
  if (p.DefinitionBody !== undefined || p.DefinitionUri !== undefined) {
    problems.push(
      `${apiId}: has its own OpenAPI definition; init cannot merge the stage-variable integrations into it — point its integrations at \${stageVariables.liveFunction} by hand`,
    );
  }
  if (p.Auth !== undefined)
    problems.push(`${apiId}: sets Auth; authorizers are not converted yet, so the release would drop them`);
  const others = functionsOf(t)
    .filter(([fid]) => fid !== id)
    .filter(([, r]) =>
      eventsOf(r.Properties).some(
        ([, e]) =>
          isRecord(e.Properties) && isRecord(e.Properties.RestApiId) && e.Properties.RestApiId.Ref === apiId,
      ),
    )
    .map(([fid]) => fid);
  if (others.length > 0)
    problems.push(
      `${apiId}: also serves ${others.join(', ')}; one stage variable can route one function, so split the API first`,
    );
  const vars = isRecord(p.Variables) ? p.Variables : {};
  for (const v of ['liveFunction', 'rollbackFunction', 'fallbackFunction']) {
    if (v in vars) problems.push(`${apiId}: already has a stage variable ${v}, which lmi-cutover owns`);
  }
}

/** The function to convert and its API, or every reason the template cannot be converted. */
export function readShape(t: CfnTemplate, wanted: string | undefined): ShapeReading {
  const problems: string[] = [];
  if (![t.Transform].flat().includes('AWS::Serverless-2016-10-31')) {
    problems.push('the template has no "Transform: AWS::Serverless-2016-10-31"; init converts SAM templates');
  }
  if (isRecord(t.Metadata) && 'lmi-cutover' in t.Metadata)
    problems.push('the template already has lmi-cutover Metadata: it is converted');
  const picked = pickFunction(t, wanted);
  if (typeof picked !== 'string') return { ok: false, problems: [...problems, ...picked] };
  const props = t.Resources[picked]!.Properties ?? {};
  const effective = { ...(t.Globals?.Function ?? {}), ...props };
  checkFunction(effective, picked, problems);
  const { events, explicitApiId } = readEvents(t, picked, props, problems);
  if (events.length === 0 && !problems.some((p) => p.includes('event'))) {
    problems.push(`${picked}: has no API event (Type: Api) to route through the stage`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    shape: { functionId: picked, events, effective, ...(explicitApiId ? { explicitApiId } : {}) },
  };
}
