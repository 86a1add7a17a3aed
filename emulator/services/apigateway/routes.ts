// API Gateway's REST paths, as the SDK's serializers write them. KNOWN names the operations
// the emulator does not implement, so their error can say which operation was asked for.
import { RestRouter } from '../../http/rest-router.js';

export const ROUTES = new RestRouter()
  .add('GET', '/restapis', 'GetRestApis')
  .add('GET', '/restapis/{restApiId}', 'GetRestApi')
  .add('GET', '/restapis/{restApiId}/stages', 'GetStages')
  .add('GET', '/restapis/{restApiId}/stages/{stageName}', 'GetStage')
  .add('PATCH', '/restapis/{restApiId}/stages/{stageName}', 'UpdateStage')
  .add('POST', '/restapis/{restApiId}/deployments', 'CreateDeployment')
  .add('GET', '/restapis/{restApiId}/deployments', 'GetDeployments')
  .add('GET', '/restapis/{restApiId}/deployments/{deploymentId}', 'GetDeployment');

export const KNOWN = new RestRouter()
  .add('POST', '/restapis', 'CreateRestApi')
  .add('PUT', '/restapis/{restApiId}', 'PutRestApi')
  .add('PATCH', '/restapis/{restApiId}', 'UpdateRestApi')
  .add('DELETE', '/restapis/{restApiId}', 'DeleteRestApi')
  .add('POST', '/restapis/{restApiId}/stages', 'CreateStage')
  .add('DELETE', '/restapis/{restApiId}/stages/{stageName}', 'DeleteStage')
  .add('DELETE', '/restapis/{restApiId}/deployments/{deploymentId}', 'DeleteDeployment')
  .add('PATCH', '/restapis/{restApiId}/deployments/{deploymentId}', 'UpdateDeployment')
  .add('GET', '/restapis/{restApiId}/resources', 'GetResources')
  .add('GET', '/restapis/{restApiId}/stages/{stageName}/exports/{exportType}', 'GetExport')
  .add('GET', '/apikeys', 'GetApiKeys')
  .add('GET', '/account', 'GetAccount');
