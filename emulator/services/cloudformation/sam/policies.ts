// The execution role SAM generates for a function (`<Function>Role`): the basic execution
// managed policy plus what the Policies property asks for (managed policy names or ARNs,
// inline statements, and SAM policy templates).
import type { Json, JsonObject } from '../template.js';
import { SamError, tagList } from './common.js';

const LAMBDA_TRUST: JsonObject = {
  Version: '2012-10-17',
  Statement: [
    { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
  ],
};

const managedArn = (name: string): Json => ({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${name}` });

const sub = (text: string, vars: Record<string, Json>): Json => ({ 'Fn::Sub': [text, vars] });

type TemplateFn = (p: JsonObject) => Json[];

/** SAM policy templates the emulator knows, producing their statements. */
const POLICY_TEMPLATES: Record<string, TemplateFn> = {
  DynamoDBCrudPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: [
        'dynamodb:GetItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:Scan',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
        'dynamodb:ConditionCheckItem',
      ],
      Resource: [
        sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}', {
          tableName: p.TableName!,
        }),
        sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*', {
          tableName: p.TableName!,
        }),
      ],
    },
  ],
  DynamoDBReadPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: [
        'dynamodb:GetItem',
        'dynamodb:Scan',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
      ],
      Resource: [
        sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}', {
          tableName: p.TableName!,
        }),
      ],
    },
  ],
  DynamoDBWritePolicy: (p) => [
    {
      Effect: 'Allow',
      Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
      Resource: [
        sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}', {
          tableName: p.TableName!,
        }),
      ],
    },
  ],
  SSMParameterReadPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
      Resource: sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${parameterName}', {
        parameterName: p.ParameterName!,
      }),
    },
  ],
  SSMParameterWithSlashPrefixReadPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
      Resource: sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${parameterName}', {
        parameterName: p.ParameterName!,
      }),
    },
  ],
  CloudWatchPutMetricPolicy: () => [{ Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: '*' }],
  LambdaInvokePolicy: (p) => [
    {
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: sub(
        'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*',
        { functionName: p.FunctionName! },
      ),
    },
  ],
  S3ReadPolicy: (p) => [
    {
      Effect: 'Allow',
      Action: [
        's3:GetObject',
        's3:ListBucket',
        's3:GetBucketLocation',
        's3:GetObjectVersion',
        's3:GetLifecycleConfiguration',
      ],
      Resource: [
        sub('arn:${AWS::Partition}:s3:::${bucketName}', { bucketName: p.BucketName! }),
        sub('arn:${AWS::Partition}:s3:::${bucketName}/*', { bucketName: p.BucketName! }),
      ],
    },
  ],
};

const REQUIRED: Record<string, string> = {
  DynamoDBCrudPolicy: 'TableName',
  DynamoDBReadPolicy: 'TableName',
  DynamoDBWritePolicy: 'TableName',
  SSMParameterReadPolicy: 'ParameterName',
  SSMParameterWithSlashPrefixReadPolicy: 'ParameterName',
  LambdaInvokePolicy: 'FunctionName',
  S3ReadPolicy: 'BucketName',
};

export function buildExecutionRole(functionId: string, props: JsonObject): JsonObject {
  const policies =
    props.Policies === undefined ? [] : Array.isArray(props.Policies) ? props.Policies : [props.Policies];
  const managed: Json[] = [managedArn('service-role/AWSLambdaBasicExecutionRole')];
  const inline: Json[] = [];
  policies.forEach((policy, index) => {
    const name = `${functionId}RolePolicy${index}`;
    if (typeof policy === 'string') {
      managed.push(policy.startsWith('arn:') ? policy : managedArn(policy));
      return;
    }
    if (!policy || typeof policy !== 'object' || Array.isArray(policy)) {
      throw new SamError(functionId, `Policy at index ${index} in the 'Policies' property is not valid`);
    }
    const keys = Object.keys(policy);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) {
      managed.push(policy);
      return;
    }
    if ('Statement' in policy) {
      inline.push({ PolicyName: name, PolicyDocument: { Version: '2012-10-17', ...policy } });
      return;
    }
    const templateName = keys[0]!;
    const fn = POLICY_TEMPLATES[templateName];
    if (!fn || keys.length !== 1) {
      throw new SamError(
        functionId,
        `Policy at index ${index} in the 'Policies' property is not valid: ${templateName} is not a policy template the local emulator supports (${Object.keys(POLICY_TEMPLATES).join(', ')}).`,
      );
    }
    const params = (policy[templateName] ?? {}) as JsonObject;
    const required = REQUIRED[templateName];
    if (required && params[required] === undefined) {
      throw new SamError(functionId, `Missing parameter '${required}' of policy template '${templateName}'.`);
    }
    inline.push({ PolicyName: name, PolicyDocument: { Version: '2012-10-17', Statement: fn(params) } });
  });
  const role: JsonObject = {
    AssumeRolePolicyDocument: (props.AssumeRolePolicyDocument as JsonObject | undefined) ?? LAMBDA_TRUST,
    ManagedPolicyArns: managed,
    Tags: tagList(undefined),
  };
  if (inline.length) role.Policies = inline;
  if (props.PermissionsBoundary !== undefined) role.PermissionsBoundary = props.PermissionsBoundary;
  if (props.RolePath !== undefined) role.Path = props.RolePath;
  return role;
}
