// API Gateway's wire shapes of REST APIs, stages (canary settings included) and deployments:
// epoch-second dates, empty maps left out, as the SDK's parsers read them.
import type { CanarySettings, DeploymentRecord, RestApiRecord, StageRecord } from './store.js';

const epoch = (d: Date): number => Math.floor(d.getTime() / 1000);

export const restApiShape = (a: RestApiRecord) => ({
  id: a.id,
  name: a.name,
  description: a.description,
  createdDate: epoch(a.createdDate),
  apiKeySource: 'HEADER',
  endpointConfiguration: { types: a.endpointTypes },
  binaryMediaTypes: a.binaryMediaTypes.length ? a.binaryMediaTypes : undefined,
  disableExecuteApiEndpoint: false,
  rootResourceId: a.rootResourceId,
  tags: Object.keys(a.tags).length ? a.tags : undefined,
});

const canaryShape = (c: CanarySettings) => ({
  percentTraffic: c.percentTraffic,
  deploymentId: c.deploymentId,
  stageVariableOverrides: Object.keys(c.stageVariableOverrides).length ? c.stageVariableOverrides : undefined,
  useStageCache: c.useStageCache,
});

export const stageShape = (s: StageRecord) => ({
  deploymentId: s.deploymentId,
  stageName: s.stageName,
  description: s.description,
  cacheClusterEnabled: false,
  cacheClusterStatus: 'NOT_AVAILABLE',
  methodSettings: s.methodSettings,
  variables: Object.keys(s.variables).length ? s.variables : undefined,
  tracingEnabled: s.tracingEnabled,
  canarySettings: s.canarySettings ? canaryShape(s.canarySettings) : undefined,
  createdDate: epoch(s.createdDate),
  lastUpdatedDate: epoch(s.lastUpdatedDate),
  tags: Object.keys(s.tags).length ? s.tags : undefined,
});

export const deploymentShape = (d: DeploymentRecord) => ({
  id: d.id,
  description: d.description,
  createdDate: epoch(d.createdDate),
});
