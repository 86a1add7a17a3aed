// Lambda's REST paths, as the SDK's serializers write them. KNOWN names the operations the
// emulator does not implement, so their error can say which operation was asked for.
import { RestRouter } from '../../http/rest-router.js';

const F = '/2015-03-31/functions';
const CP = '/2025-11-30/capacity-providers';

export const ROUTES = new RestRouter()
  .add('POST', F, 'CreateFunction')
  .add('GET', F, 'ListFunctions')
  .add('GET', `${F}/{FunctionName}`, 'GetFunction')
  .add('DELETE', `${F}/{FunctionName}`, 'DeleteFunction')
  .add('GET', `${F}/{FunctionName}/configuration`, 'GetFunctionConfiguration')
  .add('PUT', `${F}/{FunctionName}/configuration`, 'UpdateFunctionConfiguration')
  .add('PUT', `${F}/{FunctionName}/code`, 'UpdateFunctionCode')
  .add('POST', `${F}/{FunctionName}/versions`, 'PublishVersion')
  .add('GET', `${F}/{FunctionName}/versions`, 'ListVersionsByFunction')
  .add('POST', `${F}/{FunctionName}/aliases`, 'CreateAlias')
  .add('GET', `${F}/{FunctionName}/aliases`, 'ListAliases')
  .add('GET', `${F}/{FunctionName}/aliases/{Name}`, 'GetAlias')
  .add('PUT', `${F}/{FunctionName}/aliases/{Name}`, 'UpdateAlias')
  .add('DELETE', `${F}/{FunctionName}/aliases/{Name}`, 'DeleteAlias')
  .add('POST', `${F}/{FunctionName}/policy`, 'AddPermission')
  .add('GET', `${F}/{FunctionName}/policy`, 'GetPolicy')
  .add('DELETE', `${F}/{FunctionName}/policy/{StatementId}`, 'RemovePermission')
  .add('POST', `${F}/{FunctionName}/invocations`, 'Invoke')
  .add('POST', CP, 'CreateCapacityProvider')
  .add('GET', CP, 'ListCapacityProviders')
  .add('GET', `${CP}/{CapacityProviderName}`, 'GetCapacityProvider')
  .add('PUT', `${CP}/{CapacityProviderName}`, 'UpdateCapacityProvider')
  .add('DELETE', `${CP}/{CapacityProviderName}`, 'DeleteCapacityProvider')
  .add('GET', `${CP}/{CapacityProviderName}/function-versions`, 'ListFunctionVersionsByCapacityProvider')
  .add('GET', '/2025-11-30/functions/{FunctionName}/function-scaling-config', 'GetFunctionScalingConfig')
  .add('PUT', '/2025-11-30/functions/{FunctionName}/function-scaling-config', 'PutFunctionScalingConfig');

export const KNOWN = new RestRouter()
  .add('GET', '/2016-08-19/account-settings', 'GetAccountSettings')
  .add('POST', '/2014-11-13/functions/{FunctionName}/invoke-async', 'InvokeAsync')
  .add(
    'POST',
    '/2021-11-15/functions/{FunctionName}/response-streaming-invocations',
    'InvokeWithResponseStream',
  )
  .add('GET', '/2017-03-31/tags/{Resource}', 'ListTags')
  .add('POST', '/2017-03-31/tags/{Resource}', 'TagResource')
  .add('DELETE', '/2017-03-31/tags/{Resource}', 'UntagResource')
  .add('PUT', '/2017-10-31/functions/{FunctionName}/concurrency', 'PutFunctionConcurrency')
  .add('GET', '/2019-09-30/functions/{FunctionName}/concurrency', 'GetFunctionConcurrency')
  .add('DELETE', '/2017-10-31/functions/{FunctionName}/concurrency', 'DeleteFunctionConcurrency')
  .add(
    'PUT',
    '/2019-09-30/functions/{FunctionName}/provisioned-concurrency',
    'PutProvisionedConcurrencyConfig',
  )
  .add(
    'GET',
    '/2019-09-30/functions/{FunctionName}/provisioned-concurrency',
    'GetProvisionedConcurrencyConfig',
  )
  .add('POST', '/2015-03-31/event-source-mappings', 'CreateEventSourceMapping')
  .add('GET', '/2015-03-31/event-source-mappings', 'ListEventSourceMappings')
  .add('POST', '/2021-10-31/functions/{FunctionName}/url', 'CreateFunctionUrlConfig')
  .add('GET', '/2021-10-31/functions/{FunctionName}/url', 'GetFunctionUrlConfig')
  .add('PUT', '/2019-09-25/functions/{FunctionName}/event-invoke-config', 'PutFunctionEventInvokeConfig')
  .add('GET', '/2018-10-31/layers', 'ListLayers');
