// An account whose deploy policy demands a permissions boundary on every role (docs/iam): the
// local cloud refuses a role without it as IAM does (AccessDenied, the stack rolls back) and keeps
// the boundary of a role that has it.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import type { Emulator } from '../../emulator/index.js';
import { deploy } from './cfn-helpers.js';
import { clientConfig, startTestEmulator } from './helpers.js';

const BOUNDARY = 'arn:aws:iam::000000000000:policy/lmi-cutover-staging-boundary';

const template = (boundary: string | undefined) => `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      ${boundary ? `PermissionsBoundary: ${boundary}` : ''}
Outputs:
  Name: { Value: !Ref Role }
`;

let emu: Emulator;
let cfn: CloudFormationClient;

beforeAll(async () => {
  emu = await startTestEmulator({ requiredPermissionsBoundary: BOUNDARY });
  cfn = new CloudFormationClient(clientConfig(emu));
});

afterAll(async () => {
  cfn.destroy();
  await emu.stop();
});

it('refuses a role without the required boundary, and keeps the boundary of one that has it', async () => {
  const refused = await deploy(cfn, {
    StackName: 'webhook-pr-1',
    ChangeSetName: 'c1',
    ChangeSetType: 'CREATE',
    TemplateBody: template(undefined),
    Capabilities: ['CAPABILITY_IAM'],
  });
  expect(refused.StackStatus).toBe('ROLLBACK_COMPLETE');
  const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: refused.StackId })))
    .StackEvents!;
  expect(events.find((e) => e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toMatch(
    /not authorized to perform: iam:CreateRole.*requires the permissions boundary.*HandlerErrorCode: AccessDenied/,
  );

  const created = await deploy(cfn, {
    StackName: 'webhook-pr-2',
    ChangeSetName: 'c1',
    ChangeSetType: 'CREATE',
    TemplateBody: template(BOUNDARY),
    Capabilities: ['CAPABILITY_IAM'],
  });
  expect(created.StackStatus).toBe('CREATE_COMPLETE');
  const name = created.Outputs!.find((o) => o.OutputKey === 'Name')!.OutputValue!;
  expect(name).toMatch(/^webhook-pr-2-Role-[A-Z0-9]{12}$/);
  expect(emu.state.iam.getRole(name).permissionsBoundary).toBe(BOUNDARY);
});
