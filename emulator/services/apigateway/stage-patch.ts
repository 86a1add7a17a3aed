// UpdateStage's JSON-patch operations on the paths the cutover uses: stage variables, the
// canary (percent, overrides, deployment, removal) and promotion by copying the canary's
// deployment and overrides onto the stage.
import type { ApiGatewayStore, RestApiRecord, StageRecord } from './store.js';
import { badRequest, checkPercent, validateVariables } from './store.js';

export interface PatchOperation {
  op?: string;
  path?: string;
  value?: string;
  from?: string;
}

const PATHS = [
  '/deploymentId',
  '/description',
  '/tracingEnabled',
  '/variables/{name}',
  '/canarySettings',
  '/canarySettings/percentTraffic',
  '/canarySettings/deploymentId',
  '/canarySettings/useStageCache',
  '/canarySettings/stageVariableOverrides/{name}',
  '/{resourcePath}/{httpMethod}/{setting}',
];

const invalidPath = (op: PatchOperation) =>
  badRequest(
    `Invalid patch path '${op.path ?? ''}' specified for op '${op.op ?? ''}'. Must be one of: [${PATHS.join(', ')}]`,
  );

function ensureCanary(store: ApiGatewayStore, api: RestApiRecord, stage: StageRecord) {
  stage.canarySettings ??= {
    percentTraffic: 0,
    deploymentId: stage.deploymentId,
    stageVariableOverrides: {},
    useStageCache: false,
  };
  store.getDeployment(api, stage.canarySettings.deploymentId);
  return stage.canarySettings;
}

function applyOne(store: ApiGatewayStore, api: RestApiRecord, stage: StageRecord, op: PatchOperation): void {
  const path = op.path ?? '';
  const kind = op.op ?? '';
  const set = kind === 'replace' || kind === 'add';
  const remove = kind === 'remove';
  const needValue = (): string => {
    if (op.value === undefined) throw badRequest(`Value is required for op '${kind}' on path '${path}'.`);
    return op.value;
  };
  let m: RegExpExecArray | null;

  if (kind === 'copy') {
    if (op.from === '/canarySettings/stageVariableOverrides' && path === '/variables') {
      Object.assign(stage.variables, stage.canarySettings?.stageVariableOverrides ?? {});
      return;
    }
    if (op.from === '/canarySettings/deploymentId' && path === '/deploymentId') {
      if (!stage.canarySettings) throw badRequest('The stage has no canary settings to copy from.');
      stage.deploymentId = stage.canarySettings.deploymentId;
      return;
    }
    throw badRequest(`Invalid copy from '${op.from ?? ''}' to '${path}'.`);
  }
  if (path === '/deploymentId' && set) {
    stage.deploymentId = store.getDeployment(api, needValue()).id;
  } else if (path === '/description' && set) {
    stage.description = needValue();
  } else if (path === '/tracingEnabled' && set) {
    stage.tracingEnabled = needValue() === 'true';
  } else if ((m = /^\/variables\/([^/]+)$/.exec(path))) {
    const name = decodeURIComponent(m[1]!);
    if (set) {
      const value = needValue();
      validateVariables({ [name]: value }, 'variables');
      stage.variables[name] = value;
    } else if (remove) delete stage.variables[name];
    else throw invalidPath(op);
  } else if (path === '/canarySettings' && remove) {
    stage.canarySettings = undefined;
  } else if (path === '/canarySettings/percentTraffic' && set) {
    ensureCanary(store, api, stage).percentTraffic = checkPercent(needValue());
  } else if (path === '/canarySettings/deploymentId' && set) {
    ensureCanary(store, api, stage).deploymentId = store.getDeployment(api, needValue()).id;
  } else if (path === '/canarySettings/useStageCache' && set) {
    ensureCanary(store, api, stage).useStageCache = needValue() === 'true';
  } else if ((m = /^\/canarySettings\/stageVariableOverrides\/([^/]+)$/.exec(path))) {
    const name = decodeURIComponent(m[1]!);
    const canary = ensureCanary(store, api, stage);
    if (set) {
      const value = needValue();
      validateVariables({ [name]: value }, 'canarySettings.stageVariableOverrides');
      canary.stageVariableOverrides[name] = value;
    } else if (remove) delete canary.stageVariableOverrides[name];
    else throw invalidPath(op);
  } else if ((m = /^\/(.+)\/([^/]+)\/(.+)$/.exec(path)) && set && !path.startsWith('/canarySettings')) {
    const key = `${m[1]}/${m[2]}`;
    stage.methodSettings[key] = { ...(stage.methodSettings[key] ?? {}), [m[3]!]: needValue() };
  } else {
    throw invalidPath(op);
  }
}

/** Applies all operations or none: a failing operation leaves the stage unchanged. */
export function patchStage(
  store: ApiGatewayStore,
  api: RestApiRecord,
  stage: StageRecord,
  ops: PatchOperation[],
): StageRecord {
  const draft: StageRecord = structuredClone(stage);
  for (const op of ops) applyOne(store, api, draft, op);
  draft.lastUpdatedDate = new Date();
  api.stages.set(draft.stageName, draft);
  return draft;
}
