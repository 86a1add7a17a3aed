// The resource types the emulator's CloudFormation can provision: each service owns its
// providers (services/<service>/cfn), and this registry assembles them, one line a service.
import { apiGatewayResources } from '../../apigateway/cfn.js';
import { dynamoDbResources } from '../../dynamodb/cfn.js';
import { iamResources } from '../../iam/cfn.js';
import { lambdaResources } from '../../lambda/cfn/index.js';
import { ssmResources } from '../../ssm/cfn.js';
import type { ResourceProvider } from './types.js';

export const PROVIDERS: Record<string, ResourceProvider> = {
  ...lambdaResources,
  ...apiGatewayResources,
  ...dynamoDbResources,
  ...iamResources,
  ...ssmResources,
};
