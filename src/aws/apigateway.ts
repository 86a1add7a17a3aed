// The API Gateway calls of the release: read a stage, and change it in one UpdateStage call
// whose patch operations fully determine the route; and the REST APIs of the region by name
// (CloudWatch keys API Gateway's metrics by API name).
import {
  GetStageCommand,
  UpdateStageCommand,
  paginateGetRestApis,
  type APIGatewayClient,
  type PatchOperation,
  type RestApi,
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

/** Every REST API of the region (GetRestApis, every page of 500). */
export async function listRestApis(apiGateway: APIGatewayClient): Promise<RestApi[]> {
  const all: RestApi[] = [];
  for await (const page of paginateGetRestApis({ client: apiGateway, pageSize: 500 }, {}))
    all.push(...(page.items ?? []));
  return all;
}
