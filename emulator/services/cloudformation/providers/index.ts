// The resource types the emulator's CloudFormation can provision.
import { deployment, restApi, stage } from './apigateway.js';
import { lambdaCapacityProvider } from './capacity-provider.js';
import { lambdaAlias, lambdaFunction, lambdaPermission, lambdaVersion } from './lambda.js';
import { dynamoTable, iamRole, ssmParameter } from './others.js';
import type { ResourceProvider } from './types.js';

export const PROVIDERS: Record<string, ResourceProvider> = {
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Version': lambdaVersion,
  'AWS::Lambda::Alias': lambdaAlias,
  'AWS::Lambda::Permission': lambdaPermission,
  'AWS::Lambda::CapacityProvider': lambdaCapacityProvider,
  'AWS::ApiGateway::RestApi': restApi,
  'AWS::ApiGateway::Deployment': deployment,
  'AWS::ApiGateway::Stage': stage,
  'AWS::DynamoDB::Table': dynamoTable,
  'AWS::IAM::Role': iamRole,
  'AWS::SSM::Parameter': ssmParameter,
};
