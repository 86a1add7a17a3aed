// Mode plan's report: which changes are flagged as endangering production, how the plan reads
// in the PR comment, the changes-markdown output and the terminal — with untrusted logical ids
// and property names neutralised — and how a change set's Details become the replacement's causes.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { CloudFormationClient, DescribeChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { describeChangeSet, type ResourceChangeSummary } from '../../src/aws/change-sets.js';
import { productionRisk } from '../../src/pipeline/deploy/change-risk.js';
import type { RoutingContract } from '../../src/pipeline/deploy/template/routing-contract.js';
import { ReportBuilder } from '../../src/report/builder.js';
import { COMMENT_LIMIT, commentMarker, renderMarkdown } from '../../src/report/markdown.js';
import { planMarkdown } from '../../src/report/markdown/plan.js';
import type { PlanSection } from '../../src/report/model.js';
import { reportSchema } from '../../src/report/schema.js';
import { renderText } from '../../src/report/text.js';
import { markdownProblems } from './report.fixture.js';
import { fakeClock } from './support.js';

const CONTRACT: RoutingContract = {
  contract: 1,
  lmiFunction: 'WebhookLmiFunction',
  standardFunction: 'WebhookStandardFunction',
  restApi: 'WebhookApi',
  stageVariable: 'liveFunction',
};

const change = (over: Partial<ResourceChangeSummary>): ResourceChangeSummary => ({
  logicalId: 'X',
  type: 'AWS::SSM::Parameter',
  action: 'Modify',
  replacement: 'False',
  ...over,
});

describe('productionRisk', () => {
  it.each<[string, Partial<ResourceChangeSummary>, RegExp]>([
    [
      'the LMI function replaced',
      { logicalId: 'WebhookLmiFunction', type: 'AWS::Lambda::Function', replacement: 'True' },
      /^replaces the LMI function: .*destroys production routing/,
    ],
    [
      'the twin removed',
      {
        logicalId: 'WebhookStandardFunction',
        type: 'AWS::Lambda::Function',
        action: 'Remove',
        replacement: undefined,
      },
      /^removes the standard twin: /,
    ],
    [
      'the capacity provider maybe replaced',
      { type: 'AWS::Lambda::CapacityProvider', replacement: 'Conditional' },
      /^may replace the capacity provider: /,
    ],
    [
      'a table replaced',
      { type: 'AWS::DynamoDB::Table', replacement: 'True', policyAction: 'ReplaceAndDelete' },
      /^replaces the table: a new, empty table takes its place and the old one's items are deleted \(destroys production data\)$/,
    ],
    [
      'a table removed but retained',
      { type: 'AWS::DynamoDB::Table', action: 'Remove', replacement: undefined, policyAction: 'Retain' },
      /^removes the table: the functions lose it and its items are retained/,
    ],
    [
      'the REST API replaced',
      { type: 'AWS::ApiGateway::RestApi', replacement: 'True' },
      /^replaces the REST API: the new one has a new id and URL/,
    ],
    [
      'the stage replaced',
      { type: 'AWS::ApiGateway::Stage', replacement: 'True' },
      /^replaces the stage production is routed through/,
    ],
  ])('flags %s', (_what, over, risk) => {
    expect(productionRisk(change(over), CONTRACT)).toMatch(risk);
  });

  it.each<[string, Partial<ResourceChangeSummary>]>([
    ['an addition', { type: 'AWS::DynamoDB::Table', action: 'Add', replacement: undefined }],
    ['a change in place', { type: 'AWS::Lambda::CapacityProvider', replacement: 'False' }],
    [
      'a function the contract does not name',
      { logicalId: 'Helper', type: 'AWS::Lambda::Function', replacement: 'True' },
    ],
    ['a replaced version', { type: 'AWS::Lambda::Version', replacement: 'True' }],
    ['a replaced deployment', { type: 'AWS::ApiGateway::Deployment', replacement: 'True' }],
  ])('does not flag %s', (_what, over) => {
    expect(productionRisk(change(over), CONTRACT)).toBeUndefined();
  });

  it('flags every replaced function when the template declares no routing contract', () => {
    expect(
      productionRisk(
        change({ logicalId: 'Helper', type: 'AWS::Lambda::Function', replacement: 'True' }),
        undefined,
      ),
    ).toMatch(/^replaces a function: /);
  });
});

describe('describeChangeSet', () => {
  const cfn = mockClient(CloudFormationClient);
  beforeEach(() => {
    cfn.reset();
  });

  it('reads what causes each replacement from Details, once per property, Always first', async () => {
    cfn.on(DescribeChangeSetCommand).resolves({
      Status: 'CREATE_COMPLETE',
      Changes: [
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Modify',
            LogicalResourceId: 'Cp',
            ResourceType: 'AWS::Lambda::CapacityProvider',
            Replacement: 'True',
            Details: [
              { Target: { Attribute: 'Properties', Name: 'ScalingConfig', RequiresRecreation: 'Never' } },
              { Target: { Attribute: 'Properties', Name: 'VpcConfig', RequiresRecreation: 'Conditionally' } },
              {
                Target: {
                  Attribute: 'Properties',
                  Name: 'InstanceRequirements',
                  RequiresRecreation: 'Always',
                },
              },
              {
                Target: {
                  Attribute: 'Properties',
                  Name: 'InstanceRequirements',
                  RequiresRecreation: 'Always',
                },
              },
            ],
          },
        },
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Remove',
            LogicalResourceId: 'Old',
            ResourceType: 'AWS::DynamoDB::Table',
            PolicyAction: 'Retain',
          },
        },
      ],
    });
    const described = await describeChangeSet(
      new CloudFormationClient({ region: 'eu-west-1' }),
      'webhook-prod',
      'plan',
    );
    expect(described.changes).toEqual([
      {
        logicalId: 'Cp',
        type: 'AWS::Lambda::CapacityProvider',
        action: 'Modify',
        replacement: 'True',
        recreatedBy: [
          { property: 'InstanceRequirements', when: 'Always' },
          { property: 'VpcConfig', when: 'Conditionally' },
        ],
      },
      { logicalId: 'Old', type: 'AWS::DynamoDB::Table', action: 'Remove', policyAction: 'Retain' },
    ]);
  });
});

const HOSTILE_ID = 'Evil|<img src=x onerror=alert(1)>@octocat[x](https://evil.example)';

function planReport(plan: PlanSection) {
  const report = new ReportBuilder({
    mode: 'plan',
    stackName: 'webhook-prod',
    clock: fakeClock(),
    region: 'eu-west-1',
  });
  report.plan(plan);
  report.finish({ outcome: plan.changes.length > 0 ? 'success' : 'no-op' });
  return report.report;
}

const risky: PlanSection = {
  changeSetName: 'lmi-cutover-plan-pr7-20261205-101010-abc123',
  changeSetType: 'UPDATE',
  stackStatus: 'UPDATE_COMPLETE',
  changes: [
    {
      logicalId: 'WebhookLmiFunction',
      type: 'AWS::Lambda::Function',
      action: 'Modify',
      replacement: 'False',
    },
    {
      logicalId: 'WebhookEventsTable',
      type: 'AWS::DynamoDB::Table',
      action: 'Modify',
      replacement: 'True',
      recreatedBy: [{ property: 'KeySchema', when: 'Always' }],
      risk: "replaces the table: a new, empty table takes its place and the old one's items are deleted (destroys production data)",
    },
    {
      logicalId: HOSTILE_ID,
      type: 'AWS::SSM::Parameter',
      action: 'Modify',
      replacement: 'Conditional',
      recreatedBy: [{ property: 'Name|`<b>`@team', when: 'Conditionally' }],
    },
    { logicalId: 'NewThing', type: 'AWS::SSM::Parameter', action: 'Add' },
  ],
};

describe('the plan in the report', () => {
  const report = planReport(risky);
  const md = renderMarkdown(report, { limit: COMMENT_LIMIT, marker: commentMarker('webhook-prod', 'plan') });
  const section = planMarkdown(report)!;

  it('is a valid report that keeps the plan', () => {
    expect(reportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
    expect(markdownProblems(md)).toEqual([]);
    expect(markdownProblems(section)).toEqual([]);
  });

  it('puts the changes that destroy production data or routing first and loud, with their causes', () => {
    expect(md.startsWith('<!-- lmi-cutover:plan:webhook-prod -->')).toBe(true);
    expect(md).toContain('this comment is updated in place by every plan of this stack');
    expect(section).toContain('> [!CAUTION]\n> **1 change destroys production data or routing:**');
    expect(section).toContain(
      "> - 🛑 **Replace** `WebhookEventsTable` (AWS::DynamoDB::Table): replaces the table: a new, empty table takes its place and the old one's items are deleted (destroys production data)",
    );
    const rows = section.split('\n').filter((l) => l.startsWith('| '));
    expect(rows[0]).toBe('|  | Action | Logical ID | Type | Replacement (caused by) |');
    expect(rows[2]).toBe(
      '| 🛑 | Replace | `WebhookEventsTable` | AWS::DynamoDB::Table | True: `KeySchema` |',
    );
    expect(rows[3]).toMatch(/^\| ❔ \| Modify \| .* \| Conditional: .* \(may\) \|$/);
    expect(section).toContain('4 changes: 1 added, 3 modified (1 replaced, 1 may be), 0 removed');
    expect(section).toContain(`change-set-name: ${risky.changeSetName}`);
    expect(md).toContain(section.split('\n')[0]!);
  });

  it('neutralises untrusted logical ids and property names: code spans only, pipes escaped', () => {
    for (const text of [md, section]) {
      // What GitHub renders as markdown (code spans show their content as text).
      const prose = text.replace(/`[^`\n]*`/g, '');
      expect(prose).not.toContain('<img');
      expect(prose).not.toContain('<b>');
      expect(prose).not.toContain('](https://evil');
      expect(prose).not.toMatch(/@octocat|@team/);
      // A backtick in a name cannot close its span early; a pipe cannot split the row.
      expect(text).toContain("`Name\\|'<b>'@team`");
      expect(text).toContain('`Evil\\|<img');
    }
  });

  it('reads the same in the terminal', () => {
    const text = renderText(report);
    expect(text).toContain(`Plan (change set ${risky.changeSetName}, UPDATE, stack UPDATE_COMPLETE)`);
    expect(text).toContain('DANGER: 1 change(s) destroy production data or routing:');
    expect(text).toMatch(/!! +Replace +WebhookEventsTable +AWS::DynamoDB::Table +replaced by: KeySchema/);
    expect(text).toContain(`lmi-cutover deploy --change-set-name ${risky.changeSetName}`);
  });

  it('says "no changes" for an empty plan and offers nothing to execute', () => {
    const empty = planReport({
      changeSetType: 'UPDATE',
      stackStatus: 'UPDATE_COMPLETE',
      changes: [],
      noChangesReason: "The submitted information didn't contain changes.",
    });
    expect(planMarkdown(empty)).toContain(
      'No changes: the stack already matches this template and parameters',
    );
    expect(planMarkdown(empty)).not.toContain('change-set-name');
    expect(renderText(empty)).toContain('no changes: the stack already matches this template and parameters');
  });
});
