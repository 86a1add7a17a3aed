// The API Gateway calls of the release: read a stage, and change it in one UpdateStage call
// whose patch operations fully determine the route.
import {
  GetStageCommand,
  UpdateStageCommand,
  type APIGatewayClient,
  type PatchOperation,
  type Stage,
} from '@aws-sdk/client-api-gateway';

export interface StageId {
  readonly restApiId: string;
  readonly stage: string;
}

export async function getStage(apiGateway: APIGatewayClient, id: StageId): Promise<Stage> {
  return apiGateway.send(new GetStageCommand({ restApiId: id.restApiId, stageName: id.stage }));
}

/** One UpdateStage: the operations apply together or not at all. Returns the stage as AWS left it. */
export async function updateStage(
  apiGateway: APIGatewayClient,
  id: StageId,
  operations: readonly PatchOperation[],
): Promise<Stage> {
  return apiGateway.send(
    new UpdateStageCommand({
      restApiId: id.restApiId,
      stageName: id.stage,
      patchOperations: [...operations],
    }),
  );
}
