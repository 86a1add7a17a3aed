// Reports for the renderer tests: one full run with every section, and builders for the
// failure shapes and for synthetic oversized runs.
import { compareCosts, type CostComparisonInput } from '../../src/cost/compare.js';
import type { LatencySummary } from '../../src/core/stats.js';
import type { Report } from '../../src/report/model.js';
import type { CutoverStep, ResourceChange, RouteChange } from '../../src/core/domain.js';

const latency = (p50: number, p95: number, p99: number, max: number, count = 1920): LatencySummary => ({
  count,
  p50,
  p95,
  p99,
  max,
  mean: Math.round(((p50 + p95) / 2) * 100) / 100,
});

export const costInput: CostComparisonInput = {
  invocations: 5_000_000,
  standard: { durationMs: 212, memoryMb: 2048 },
  lmi: {
    durationMs: 212,
    memoryMb: 2048,
    memoryGiBPerVCpu: 2,
    maxConcurrency: 64,
    architecture: 'arm64',
    peakFactor: 3,
    savingsPlanDiscount: 0,
  },
};

const STACK_ID =
  'arn:aws:cloudformation:eu-west-1:123456789012:stack/webhook-prod/7d2e6b10-0b8f-11f0-9c4e-0a1b2c3d4e5f';

function step(percent: number, i: number, passed = true, reason?: string): CutoverStep {
  return {
    percent,
    startedAt: new Date(Date.UTC(2025, 11, 1, 10, 5 + i * 2, 0)).toISOString(),
    bakeSeconds: 120,
    probes: 240,
    candidate: {
      count: Math.round((240 * percent) / 100),
      errors: passed ? 0 : 7,
      latency: latency(180, passed ? 230 : 910, 260, 300),
    },
    production: {
      count: 240 - Math.round((240 * percent) / 100),
      errors: 0,
      latency: latency(190, 240, 270, 320),
    },
    observedCandidatePercent: percent === 100 ? 100 : percent - 0.8,
    tolerancePercent: 5,
    gates: [
      { name: 'max-error-rate', limit: 0, actual: passed ? 0 : 0.06, passed },
      { name: 'split-tolerance', limit: 5, actual: 0.8, passed: true },
    ],
    passed,
    ...(reason ? { reason } : {}),
  };
}

function routeChange(i: number, from: RouteChange['from'], to: RouteChange['to'], why: string): RouteChange {
  return { at: new Date(Date.UTC(2025, 11, 1, 10, 5 + i * 2, 1)).toISOString(), from, to, why };
}

/** A successful `full` run: deploy with a replacement, verify, sweep, cutover 10 → 50 → 100, cost. */
export function fullReport(): Report {
  const cost = compareCosts(costInput);
  return {
    schemaVersion: 1,
    tool: { name: 'lmi-cutover', version: '0.1.0' },
    run: {
      mode: 'full',
      stackName: 'webhook-prod',
      region: 'eu-west-1',
      startedAt: '2025-12-01T10:00:00.000Z',
      finishedAt: '2025-12-01T10:14:12.000Z',
      outcome: 'success',
      trigger: {
        event: 'push',
        sha: '4f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c',
        ref: 'refs/heads/main',
        runUrl: 'https://github.com/acme/webhooks/actions/runs/42',
        pullRequest: 17,
      },
    },
    route: { before: { kind: 'standard' }, after: { kind: 'lmi' } },
    timeline: [
      {
        stage: 'deploy',
        startedAt: '2025-12-01T10:00:00.000Z',
        durationMs: 72_000,
        outcome: 'passed',
        detail: '4 changes',
      },
      { stage: 'provision', startedAt: '2025-12-01T10:01:12.000Z', durationMs: 150_000, outcome: 'passed' },
      { stage: 'smoke', startedAt: '2025-12-01T10:03:42.000Z', durationMs: 2_400, outcome: 'passed' },
      { stage: 'load', startedAt: '2025-12-01T10:03:45.000Z', durationMs: 8_100, outcome: 'passed' },
      { stage: 'sweep', startedAt: '2025-12-01T10:03:53.000Z', durationMs: 30_000, outcome: 'passed' },
      { stage: 'cutover', startedAt: '2025-12-01T10:05:00.000Z', durationMs: 540_000, outcome: 'passed' },
    ],
    deploy: {
      type: 'did-deploy-stack',
      stackId: STACK_ID,
      stackStatus: 'UPDATE_COMPLETE',
      changeSetName: 'lmi-cutover-1733047200000',
      changes: [
        {
          logicalId: 'WebhookLmiFunction',
          type: 'AWS::Lambda::Function',
          action: 'Modify',
          replacement: 'False',
          physicalId: 'webhook-prod-lmi',
        },
        {
          logicalId: 'WebhookLmiFunctionVersion',
          type: 'AWS::Lambda::Version',
          action: 'Modify',
          replacement: 'True',
        },
        { logicalId: 'WebhookApiDeployment', type: 'AWS::ApiGateway::Deployment', action: 'Add' },
        { logicalId: 'OldAlarm', type: 'AWS::CloudWatch::Alarm', action: 'Remove', physicalId: 'old-alarm' },
      ],
      outputs: {
        RestApiId: 'a1b2c3d4e5',
        LmiFunctionName: 'webhook-prod-lmi',
        StandardFunctionName: 'webhook-prod-standard',
        ApiUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
      },
      durationMs: 72_000,
    },
    provisioning: {
      functionName: 'webhook-prod-lmi',
      version: '7',
      state: 'Active',
      seconds: 150,
      capacityProviderArn: 'arn:aws:lambda:eu-west-1:123456789012:capacity-provider:webhook-prod',
      capacityProviderState: 'Active',
      confirmedOnly: false,
    },
    smoke: {
      passed: true,
      checks: [
        {
          name: 'health',
          target: 'lmi',
          request: 'GET /health',
          expected: '200 lambda-managed-instances',
          actual: '200 lambda-managed-instances',
          passed: true,
          durationMs: 41,
        },
        {
          name: 'signed webhook',
          target: 'lmi',
          request: 'POST /webhook',
          expected: '200, stored once',
          actual: '200, stored once',
          passed: true,
          durationMs: 230,
        },
        {
          name: 'bad signature',
          target: 'standard',
          request: 'POST /webhook (bad sig)',
          expected: '401, not stored',
          actual: '401, not stored',
          passed: true,
          durationMs: 12,
        },
      ],
    },
    load: {
      lmi: {
        target: 'lmi',
        functionName: 'webhook-prod-lmi',
        qualifier: '7',
        concurrency: 192,
        requests: 1920,
        latency: latency(182.4, 231.9, 262.3, 301.7),
        throughputRps: 812.3,
        errors: 0,
        errorRate: 0,
        throttles: 0,
        throttleRate: 0,
        environments: 3,
        // 4,096 MB at 2 GiB per vCPU: two worker threads per environment, each counting its own.
        peakInFlightPerEnvironment: 32,
        peakInFlightSource: 'function-per-worker',
        isolation: { passed: true, mismatchedIds: 0, stored: 1920, expectedStored: 1920, duplicates: 0 },
        wallMs: 2363,
      },
      standard: {
        target: 'standard',
        functionName: 'webhook-prod-standard',
        qualifier: '3',
        concurrency: 192,
        requests: 1920,
        latency: latency(190.2, 410.5, 702.2, 1210.4),
        throughputRps: 601.1,
        errors: 0,
        errorRate: 0,
        throttles: 0,
        throttleRate: 0,
        environments: 192,
        peakInFlightPerEnvironment: 1,
        peakInFlightSource: 'function',
        coldStarts: 192,
        isolation: { passed: true, mismatchedIds: 0, stored: 1920, expectedStored: 1920, duplicates: 0 },
        wallMs: 3194,
      },
      gates: [
        { name: 'max-error-rate', limit: 0, actual: 0, passed: true },
        { name: 'max-p95-ms', limit: 615.75, actual: 231.9, passed: true },
        { name: 'max-throttle-rate', limit: 0, actual: 0, passed: true },
      ],
      sweep: [8, 16, 32, 64].map((c) => ({
        concurrencyPerEnvironment: c,
        latency: latency(180, c <= 32 ? 200 + c : 420, 480, 520),
        throughputRps: c * 9.5,
        errorRate: 0,
        throttles: 0,
        knee: c === 32,
      })),
    },
    cutover: {
      steps: [step(10, 0), step(50, 1), step(100, 2)],
      routeChanges: [
        routeChange(0, { kind: 'standard' }, { kind: 'canary', percent: 10 }, 'step 1 of 3'),
        routeChange(1, { kind: 'canary', percent: 10 }, { kind: 'canary', percent: 50 }, 'step 2 of 3'),
        routeChange(2, { kind: 'canary', percent: 50 }, { kind: 'canary', percent: 100 }, 'step 3 of 3'),
        routeChange(3, { kind: 'canary', percent: 100 }, { kind: 'lmi' }, 'promote'),
      ],
      promoted: true,
      rolledBack: false,
      deletedVersions: ['1', '2'],
    },
    cost: { ...cost, input: costInput },
  };
}

/** A cutover whose step 2 failed and whose rollback then failed too. */
export function rollbackFailedReport(): Report {
  const r = fullReport();
  r.run.outcome = 'failure';
  r.run.error = {
    code: 'RollbackFailed',
    message: 'Rollback failed: UpdateStage returned TooManyRequestsException 5 times.',
  };
  r.route.after = { kind: 'canary', percent: 50 };
  r.cutover = {
    steps: [step(10, 0), step(50, 1, false, 'LMI error rate 2.9 % over max-error-rate 0')],
    routeChanges: [
      routeChange(0, { kind: 'standard' }, { kind: 'canary', percent: 10 }, 'step 1 of 3'),
      routeChange(1, { kind: 'canary', percent: 10 }, { kind: 'canary', percent: 50 }, 'step 2 of 3'),
    ],
    promoted: false,
    rolledBack: false,
    rollback: {
      reason: 'step 2 (50 %) failed: LMI error rate 2.9 % over max-error-rate 0',
      at: '2025-12-01T10:09:30.000Z',
      verified: false,
      probes: 0,
      finalRoute: { kind: 'canary', percent: 50 },
      failure: {
        message: 'UpdateStage failed 5 times: TooManyRequestsException',
        stageState:
          'variables.liveFunction=webhook-prod-standard:3; canarySettings.percentTraffic=50; canarySettings.stageVariableOverrides.liveFunction=webhook-prod-lmi:7',
        manualFix:
          'aws apigateway update-stage --region eu-west-1 --rest-api-id a1b2c3d4e5 --stage-name prod --patch-operations op=remove,path=/canarySettings op=replace,path=/variables/liveFunction,value=webhook-prod-standard:3',
      },
    },
    deletedVersions: [],
  };
  return r;
}

/** A deploy-only run: no verify, cutover or cost sections. */
export function deployOnlyReport(): Report {
  const r = fullReport();
  r.run.mode = 'deploy';
  r.route = {};
  r.timeline = r.timeline.slice(0, 1);
  delete r.provisioning;
  delete r.smoke;
  delete r.load;
  delete r.cutover;
  delete r.cost;
  return r;
}

/** A run with thousands of changes, steps and route changes: too big for either limit untrimmed. */
export function hugeReport(changes: number, steps: number): Report {
  const r = fullReport();
  const types = [
    'AWS::Lambda::Function',
    'AWS::DynamoDB::Table',
    'AWS::IAM::Role',
    'AWS::ApiGateway::Method',
  ];
  const actions: ResourceChange['action'][] = ['Add', 'Modify', 'Remove'];
  r.deploy!.changes = Array.from({ length: changes }, (_, i) => ({
    logicalId: `GeneratedResourceWithALongLogicalName${String(i).padStart(6, '0')}`,
    type: types[i % types.length]!,
    action: actions[i % actions.length]!,
    replacement: i % 3 === 1 ? (i % 7 === 1 ? 'True' : 'False') : undefined,
    physicalId: `arn:aws:lambda:eu-west-1:123456789012:function:generated-${i}-${'x'.repeat(40)}`,
  }));
  r.cutover!.steps = Array.from({ length: steps }, (_, i) =>
    step(
      Math.min(100, 1 + (i % 100)),
      i,
      i !== steps - 1,
      i === steps - 1 ? 'final step failed its p95 gate' : undefined,
    ),
  );
  r.cutover!.routeChanges = Array.from({ length: steps }, (_, i) =>
    routeChange(
      i,
      { kind: 'canary', percent: i % 100 },
      { kind: 'canary', percent: (i + 1) % 100 },
      `step ${i + 1} of ${steps}`,
    ),
  );
  r.cutover!.deletedVersions = Array.from({ length: 500 }, (_, i) => String(i + 1));
  return r;
}

/**
 * Structural problems in rendered markdown: unbalanced fences or <details>, tables whose rows
 * do not have the header's cell count. Mermaid blocks are checked by the real mermaid library,
 * in Chromium (__tests__/render/charts.test.ts), not here.
 */
export function markdownProblems(md: string): string[] {
  const problems: string[] = [];
  const lines = md.split('\n');
  const opens = (md.match(/<details( open)?>/g) ?? []).length;
  const closes = (md.match(/<\/details>/g) ?? []).length;
  if (opens !== closes) problems.push(`<details> ${opens} opened, ${closes} closed`);

  let fence: string | undefined;
  let tableCells: number | undefined;
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/^> ?/, '');
    const f = /^(`{3,})(\w*)$/.exec(line);
    if (f) {
      if (!fence) fence = f[1];
      else if (f[1] === fence && !f[2]) fence = undefined;
      continue;
    }
    if (fence) continue;
    if (line.startsWith('|')) {
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      if (tableCells === undefined) tableCells = cells;
      else if (cells !== tableCells)
        problems.push(`line ${i + 1}: table row has ${cells} cells, header ${tableCells}`);
    } else tableCells = undefined;
  }
  if (fence) problems.push('a code fence is never closed');
  return problems;
}

export const mermaidBlocks = (md: string): string[] =>
  [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
