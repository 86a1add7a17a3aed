// The CloudFormation resource types the Lambda service provisions, for CloudFormation's
// registry (services/cloudformation/providers/index.ts).
import type { ResourceProvider } from '../../cloudformation/providers/types.js';
import { lambdaAlias } from './alias.js';
import { lambdaCapacityProvider } from './capacity-provider.js';
import { lambdaFunction } from './function.js';
import { lambdaPermission } from './permission.js';
import { lambdaVersion } from './version.js';

export const lambdaResources: Record<string, ResourceProvider> = {
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Version': lambdaVersion,
  'AWS::Lambda::Alias': lambdaAlias,
  'AWS::Lambda::Permission': lambdaPermission,
  'AWS::Lambda::CapacityProvider': lambdaCapacityProvider,
};
