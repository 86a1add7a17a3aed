// CreateDeployment: a deployment, and the stage it goes to — a new stage, a stage moved to
// it, or (with canarySettings) the stage's canary pointed at it.
import { patchStage } from './stage-patch.js';
import { badRequest, type ApiGatewayStore, type DeploymentRecord, type RestApiRecord } from './store.js';

export interface CreateDeploymentInput {
  stageName?: string;
  stageDescription?: string;
  description?: string;
  variables?: Record<string, string>;
  canarySettings?: {
    percentTraffic?: number;
    stageVariableOverrides?: Record<string, string>;
    useStageCache?: boolean;
  };
}

export function createDeployment(
  store: ApiGatewayStore,
  api: RestApiRecord,
  input: CreateDeploymentInput,
): DeploymentRecord {
  if (input.canarySettings) {
    if (!input.stageName) throw badRequest('A stage name is required to deploy a canary.');
    const stage = store.getStage(api, input.stageName);
    const d = store.createDeployment(api, input.description);
    patchStage(store, api, stage, [
      { op: 'replace', path: '/canarySettings/deploymentId', value: d.id },
      {
        op: 'replace',
        path: '/canarySettings/percentTraffic',
        value: String(input.canarySettings.percentTraffic ?? 0),
      },
      ...Object.entries(input.canarySettings.stageVariableOverrides ?? {}).map(([k, v]) => ({
        op: 'replace',
        path: `/canarySettings/stageVariableOverrides/${k}`,
        value: v,
      })),
    ]);
    return d;
  }
  const d = store.createDeployment(api, input.description);
  if (input.stageName) {
    const existing = api.stages.get(input.stageName);
    if (existing) {
      patchStage(store, api, existing, [
        { op: 'replace', path: '/deploymentId', value: d.id },
        ...Object.entries(input.variables ?? {}).map(([k, v]) => ({
          op: 'replace',
          path: `/variables/${k}`,
          value: v,
        })),
      ]);
    } else {
      store.createStage(api, {
        stageName: input.stageName,
        deploymentId: d.id,
        description: input.stageDescription,
        variables: input.variables,
      });
    }
  }
  return d;
}
