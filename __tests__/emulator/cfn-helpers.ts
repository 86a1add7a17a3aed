// Driving CloudFormation the way a deployer does: change set, wait, execute, wait.
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type CreateChangeSetCommandInput,
  type DescribeChangeSetCommandOutput,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { waitFor } from './helpers.js';

export async function changeSetSettled(
  cfn: CloudFormationClient,
  id: string,
): Promise<DescribeChangeSetCommandOutput> {
  return waitFor(async () => {
    const cs = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
    return cs.Status === 'CREATE_COMPLETE' || cs.Status === 'FAILED' ? cs : undefined;
  });
}

export async function stackSettled(
  cfn: CloudFormationClient,
  name: string,
  timeoutMs = 20_000,
): Promise<Stack> {
  return waitFor(async () => {
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    return s && !s.StackStatus!.endsWith('_IN_PROGRESS') ? s : undefined;
  }, timeoutMs);
}

/** Creates a change set, waits for it, executes it and waits for the stack to settle. */
export async function deploy(cfn: CloudFormationClient, input: CreateChangeSetCommandInput): Promise<Stack> {
  const cs = await cfn.send(new CreateChangeSetCommand(input));
  const described = await changeSetSettled(cfn, cs.Id!);
  if (described.Status !== 'CREATE_COMPLETE')
    throw new Error(`change set ${input.ChangeSetName} failed: ${described.StatusReason}`);
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
  return stackSettled(cfn, input.StackName!);
}

/** All events of a stack, oldest first, following NextToken. */
export async function allEvents(cfn: CloudFormationClient, name: string): Promise<StackEvent[]> {
  const out: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: name, NextToken: token }));
    out.push(...(page.StackEvents ?? []));
    token = page.NextToken;
  } while (token);
  return out.reverse();
}

export const outputsOf = (s: Stack): Record<string, string> =>
  Object.fromEntries((s.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
